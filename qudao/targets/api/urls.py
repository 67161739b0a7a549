"""The targets app's API routes; config/api_urls.py assembles them with the other apps'."""

from .views import CalendarExceptionViewSet, TargetViewSet

# (prefix, viewset, basename) for the shared router; URL names are api:<basename>-list/-detail.
routes = [
    ("targets", TargetViewSet, "target"),
    ("calendar-exceptions", CalendarExceptionViewSet, "calendar-exception"),
]

urlpatterns = []
