"""The reporting app's API routes; config/api_urls.py assembles them with the other apps'."""

from .views import ReportingNodeViewSet

# (prefix, viewset, basename) for the shared router; URL names are api:<basename>-list/-detail.
routes = [
    ("reporting/nodes", ReportingNodeViewSet, "reporting-node"),
]

urlpatterns = []
