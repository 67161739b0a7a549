"""The ledger app's API routes; config/api_urls.py assembles them with the other apps'."""

from .views import LedgerAccountViewSet, LedgerEntryViewSet, PenaltyViewSet

# (prefix, viewset, basename) for the shared router; URL names are api:<basename>-list/-detail.
routes = [
    ("ledger-entries", LedgerEntryViewSet, "ledger-entry"),
    ("ledger-accounts", LedgerAccountViewSet, "ledger-account"),
    ("penalties", PenaltyViewSet, "penalty"),
]
urlpatterns: list = []
