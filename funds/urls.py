
app_name = "funds"
urlpatterns: list = []
