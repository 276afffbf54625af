from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("notice/new/", views.new_notice, name="new_notice"),
    path("notice/addressed/new/", views.new_addressed_notice, name="new_addressed_notice"),
    path("annual/", views.annual_reports, name="annual_reports"),
    path("annual/<int:year>/", views.annual_report, name="annual_report"),
    path("annual/<int:year>/preview/", views.annual_report_preview, name="annual_report_preview"),
    path("<uuid:job_id>/", views.job_detail, name="job"),
    path("<uuid:job_id>/file/", views.job_file, name="file"),
    path("<uuid:job_id>/word/", views.word_copy, name="word_copy"),
    path("<uuid:job_id>/<str:action>/", views.act, name="act"),
]
