from django.urls import path

from . import views

app_name = "disclosure"
urlpatterns = [
    path("", views.index, name="index"),
    path("work/", views.work, name="work"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/print/", views.print_sheet, name="print"),
    path("<int:pk>/print/pdf/", views.print_pdf, name="print_pdf"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/objections/", views.object_to, name="object"),
    path("<int:pk>/sign/", views.sign, name="sign"),
    path("<int:pk>/remind/", views.remind_unsigned, name="remind_unsigned"),
    path("<int:pk>/<slug:action>/", views.transition, name="transition"),
    path("objections/<int:pk>/answer/", views.answer, name="answer"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("attachments/<int:pk>/remove/", views.remove_attachment, name="remove_attachment"),
    path("categories/", views.category_list, name="categories"),
    path("categories/load/", views.category_load, name="category_load"),
    path("categories/new/", views.category_edit, name="category_create"),
    path("categories/<int:pk>/edit/", views.category_edit, name="category_edit"),
]
