"""The fraud app's API routes; config/api_urls.py assembles them with the other apps'."""

from .views import FraudFlagViewSet, FraudRuleViewSet, OutletRiskViewSet, ScreeningRunViewSet

# (prefix, viewset, basename) for the shared router; URL names are api:<basename>-list/-detail.
routes = [
    ("fraud-runs", ScreeningRunViewSet, "fraud-run"),
    ("fraud-flags", FraudFlagViewSet, "fraud-flag"),
    ("outlet-risks", OutletRiskViewSet, "outlet-risk"),
    ("fraud-rules", FraudRuleViewSet, "fraud-rule"),
]
urlpatterns: list = []
