from django.urls import path

from . import views

app_name = "contracts"
urlpatterns = [
    path("", views.contract_list, name="list"),
    path("new/", views.contract_create, name="create"),
    path("<int:pk>/", views.contract_detail, name="contract"),
    path("<int:pk>/clauses/", views.clause_add, name="clause_add"),
    path("clauses/<int:pk>/", views.clause_amend, name="clause_amend"),
    path("clauses/<int:pk>/remove/", views.clause_remove, name="clause_remove"),
    path("<int:pk>/rounds/", views.round_add, name="round_add"),
    path("<int:pk>/renew/", views.contract_renew, name="renew"),
    path("<int:pk>/inspections/new/", views.inspection_create, name="inspection_create"),
    path("<int:pk>/print/", views.contract_print, name="print"),
    path("inspections/<int:pk>/print/", views.inspection_print, name="inspection_print"),
    path("<int:pk>/<slug:action>/", views.contract_act, name="act"),
]
