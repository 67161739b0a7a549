from django.urls import path

from . import views

app_name = "fraud"

urlpatterns = [
    path("fraud/runs/", views.RunListView.as_view(), name="run_list"),
    path("fraud/runs/new/", views.RunCreateView.as_view(), name="run_create"),
    path("fraud/runs/<int:pk>/", views.RunDetailView.as_view(), name="run_detail"),
    path("fraud/runs/<int:pk>/progress/", views.RunProgressView.as_view(), name="run_progress"),
    path("fraud/flags/", views.FlagListView.as_view(), name="flag_list"),
    path("fraud/flags/<int:pk>/", views.FlagDetailView.as_view(), name="flag_detail"),
    path("fraud/flags/<int:pk>/clear/", views.FlagClearView.as_view(), name="flag_clear"),
    path("fraud/flags/<int:pk>/confirm/", views.FlagConfirmView.as_view(), name="flag_confirm"),
    path("fraud/rules/", views.RuleListView.as_view(), name="rule_list"),
    path("fraud/rules/<int:pk>/", views.RuleDetailView.as_view(), name="rule_detail"),
    path("fraud/rules/<int:pk>/edit/", views.RuleEditView.as_view(), name="rule_edit"),
    path("fraud/policy/", views.PolicyDetailView.as_view(), name="policy_detail"),
    path("fraud/policy/edit/", views.PolicyEditView.as_view(), name="policy_edit"),
    path("fraud/outlet-risk/", views.RiskListView.as_view(), name="risk_list"),
    path("fraud/outlet-risk/<int:pk>/", views.RiskDetailView.as_view(), name="risk_detail"),
    path("fraud/outlet-risk/<int:pk>/clear/", views.RiskClearView.as_view(), name="risk_clear"),
    path("fraud/outlet-risk/<int:pk>/confirm/", views.RiskConfirmView.as_view(), name="risk_confirm"),
]
