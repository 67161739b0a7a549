"""The statements app's API routes; config/api_urls.py assembles them with the other apps'."""

from .views import DisputeViewSet, StatementReviewViewSet

# (prefix, viewset, basename) for the shared router; URL names are api:<basename>-list/-detail.
routes = [
    ("statement-reviews", StatementReviewViewSet, "statement-review"),
    ("statement-disputes", DisputeViewSet, "statement-dispute"),
]
urlpatterns: list = []
