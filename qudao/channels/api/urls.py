"""The channels app's API routes; config/api_urls.py assembles them with the other apps'."""

from .views import AgentViewSet, OutletRequestViewSet, OutletViewSet

# (prefix, viewset, basename) for the shared router; URL names are api:<basename>-list/-detail.
routes = [
    ("agents", AgentViewSet, "agent"),
    ("outlets", OutletViewSet, "outlet"),
    ("outlet-requests", OutletRequestViewSet, "outlet-request"),
]

urlpatterns = []
