from django.urls import path

from . import audit_views, report_views, views

app_name = "funds"
urlpatterns = [
    path("", views.index, name="index"),
    path("settings/", views.settings_page, name="settings"),
    path("expenses/", views.expense_list, name="expenses"),
    path("expenses/mine/", views.my_expenses, name="my_expenses"),
    path("expenses/new/", views.expense_create, name="expense_create"),
    path("expenses/<int:pk>/", views.expense_detail, name="expense"),
    path("expenses/<int:pk>/<str:step>/", views.expense_step, name="expense_step"),
    path("attachments/<int:pk>/", views.attachment_file, name="attachment"),
    path("income/new/", views.income_create, name="income_create"),
    path("income/dues/", views.dues_post, name="dues_post"),
    path("income/allocation/", views.allocation_create, name="allocation_create"),
    path("ledger/", views.ledger, name="ledger"),
    path("ledger.xlsx", report_views.ledger_xlsx, name="ledger_xlsx"),
    path("budget/", views.budget_page, name="budget"),
    path("budget/new/", views.budget_create, name="budget_create"),
    path("budget/<int:pk>/<str:step>/", views.budget_step, name="budget_step"),
    path("adjustments/<int:pk>/", views.adjustment_detail, name="adjustment"),
    path("adjustments/<int:pk>/<str:step>/", views.adjustment_step, name="adjustment_step"),
    path("reports/execution/", report_views.execution, name="execution"),
    path("reports/execution.xlsx", report_views.execution_xlsx, name="execution_xlsx"),
    path("reports/final/", report_views.final, name="final"),
    path("reports/final.xlsx", report_views.final_xlsx, name="final_xlsx"),
    path("print/<str:kind>/", report_views.print_document, name="print"),
    path("publish/", report_views.publish, name="publish"),
    path("audits/", audit_views.audit_list, name="audits"),
    path("audits/new/", audit_views.audit_create, name="audit_create"),
    path("audits/<int:pk>/", audit_views.audit_detail, name="audit"),
    path("audits/<int:pk>/<str:step>/", audit_views.audit_step, name="audit_step"),
    path("findings/<int:pk>/rectify/", audit_views.finding_rectify, name="finding_rectify"),
]
