from django.urls import path

from . import views

app_name = "ledger"

urlpatterns = [
    path("ledger/entries/", views.EntryListView.as_view(), name="entry_list"),
    path("ledger/entries/<int:pk>/", views.EntryDetailView.as_view(), name="entry_detail"),
    path("ledger/accounts/", views.AccountListView.as_view(), name="account_list"),
    path("ledger/accounts/<int:pk>/", views.AccountDetailView.as_view(), name="account_detail"),
    path("ledger/penalties/", views.PenaltyListView.as_view(), name="penalty_list"),
    path("ledger/penalties/new/", views.PenaltyProposeView.as_view(), name="penalty_create"),
    path("ledger/penalties/<int:pk>/", views.PenaltyDetailView.as_view(), name="penalty_detail"),
    path("ledger/penalties/<int:pk>/approve/", views.PenaltyApproveView.as_view(), name="penalty_approve"),
    path("ledger/penalties/<int:pk>/reject/", views.PenaltyRejectView.as_view(), name="penalty_reject"),
]
