"""The performance app's API routes; config/api_urls.py assembles them with the other apps'."""

from .views import BulletinLineViewSet, BulletinViewSet, FollowUpViewSet, WebhookEndpointViewSet

# (prefix, viewset, basename) for the shared router; URL names are api:<basename>-list/-detail.
routes = [
    ("bulletins", BulletinViewSet, "bulletin"),
    ("bulletin-lines", BulletinLineViewSet, "bulletin-line"),
    ("follow-ups", FollowUpViewSet, "followup"),
    ("webhooks", WebhookEndpointViewSet, "webhook"),
]

urlpatterns = []
