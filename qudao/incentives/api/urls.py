"""The incentives app's API routes; config/api_urls.py assembles them with the other apps'."""

from .views import (
    SchemeVersionViewSet,
    SettlementRunViewSet,
    StatementViewSet,
)

# (prefix, viewset, basename) for the shared router; URL names are api:<basename>-list/-detail.
routes = [
    ("scheme-versions", SchemeVersionViewSet, "scheme-version"),
    ("settlement-runs", SettlementRunViewSet, "settlement-run"),
    ("statements", StatementViewSet, "statement"),
]
urlpatterns: list = []
