"""The territory app's API routes; config/api_urls.py assembles them with the other apps'."""

from .views import StaffAssignmentViewSet, TerritoryNodeViewSet, UserViewSet

# (prefix, viewset, basename) for the shared router; URL names are api:<basename>-list/-detail.
routes = [
    ("territory-nodes", TerritoryNodeViewSet, "territory-node"),
    ("staff-assignments", StaffAssignmentViewSet, "staff-assignment"),
    ("users", UserViewSet, "user"),
]

urlpatterns = []
