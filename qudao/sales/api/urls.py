"""The sales app's API routes; config/api_urls.py assembles them with the other apps'."""

from .views import (
    DevelopmentRecordViewSet,
    EffectiveRuleViewSet,
    ImportBatchViewSet,
    ProductViewSet,
)

# (prefix, viewset, basename) for the shared router; URL names are api:<basename>-list/-detail.
routes = [
    ("products", ProductViewSet, "product"),
    ("development-records", DevelopmentRecordViewSet, "development-record"),
    ("import-batches", ImportBatchViewSet, "import-batch"),
    ("effective-rules", EffectiveRuleViewSet, "effective-rule"),
]

urlpatterns = []
