from django.urls import path

from . import views

app_name = "statements"

urlpatterns = [
    path("statements/", views.StatementListView.as_view(), name="statement_list"),
    path("statements/<int:pk>/", views.StatementView.as_view(), name="statement_detail"),
    path("statements/<int:pk>/confirm/", views.StatementConfirmView.as_view(), name="statement_confirm"),
    path("statements/<int:pk>/dispute/", views.StatementDisputeView.as_view(), name="statement_dispute"),
    path("statements/<int:pk>/file.<str:fmt>", views.StatementFileView.as_view(), name="statement_file"),
    path("statements/disputes/", views.DisputeListView.as_view(), name="dispute_list"),
    path("statements/disputes/<int:pk>/", views.DisputeDetailView.as_view(), name="dispute_detail"),
    path("statements/disputes/<int:pk>/answer/", views.DisputeAnswerView.as_view(), name="dispute_answer"),
]
