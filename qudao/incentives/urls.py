from django.urls import path

from . import views

app_name = "incentives"
urlpatterns = [
    path("incentives/schemes/", views.VersionListView.as_view(), name="version_list"),
    path("incentives/schemes/new/", views.VersionCreateView.as_view(), name="version_create"),
    path("incentives/schemes/<int:pk>/", views.VersionDetailView.as_view(), name="version_detail"),
    path("incentives/schemes/<int:pk>/edit/", views.VersionEditView.as_view(), name="version_edit"),
    path("incentives/schemes/<int:pk>/submit/", views.VersionSubmitView.as_view(), name="version_submit"),
    path("incentives/schemes/<int:pk>/approve/", views.VersionApproveView.as_view(), name="version_approve"),
    path("incentives/schemes/<int:pk>/reject/", views.VersionRejectView.as_view(), name="version_reject"),
    path("incentives/schemes/<int:pk>/what-if/", views.VersionWhatIfView.as_view(), name="version_whatif"),
    path("incentives/runs/", views.RunListView.as_view(), name="run_list"),
    path("incentives/runs/new/", views.RunStartView.as_view(), name="run_create"),
    path("incentives/runs/<int:pk>/", views.RunDetailView.as_view(), name="run_detail"),
    path("incentives/runs/<int:pk>/progress/", views.RunProgressView.as_view(), name="run_progress"),
    path("incentives/runs/<int:pk>/send/", views.RunSendView.as_view(), name="run_send"),
    path("incentives/runs/<int:pk>/lines/", views.RunLineListView.as_view(), name="run_lines"),
    path("incentives/runs/<int:run>/lines/<int:number>/", views.LineDetailView.as_view(), name="line_detail"),
    path("incentives/statements/", views.StatementListView.as_view(), name="statement_list"),
    path("incentives/statements/<int:pk>/", views.StatementDetailView.as_view(), name="statement_detail"),
]
