from rest_framework import mixins, viewsets
from rest_framework.parsers import FormParser, MultiPartParser

from qudao.accounts.permissions import can_write_master_data
from qudao.api.viewsets import ScopedCreateUpdateViewSet, ScopedReadOnlyViewSet, ScopedViewSetMixin
from qudao.sales.filtersets import (
    EffectiveRuleFilterSet,
    ImportBatchFilterSet,
    ProductFilterSet,
    RecordFilterSet,
)
from qudao.sales.permissions import can_edit_effective_rules, can_import_facts
from qudao.sales.selectors import (
    effective_rules_visible_to,
    import_batches_visible_to,
    products_visible_to,
    records_visible_to,
)

from .serializers import (
    DevelopmentRecordSerializer,
    EffectiveRuleSerializer,
    ImportBatchSerializer,
    ProductSerializer,
    ProductUpdateSerializer,
)


class ProductViewSet(ScopedCreateUpdateViewSet):
    scope = products_visible_to
    filterset_class = ProductFilterSet
    serializer_class = ProductSerializer
    action_serializers = {"update": ProductUpdateSerializer, "partial_update": ProductUpdateSerializer}
    write_permission = can_write_master_data


class DevelopmentRecordViewSet(ScopedReadOnlyViewSet):
    """Development records within reach, filterable like the page (outlet, agent, grid and product
    codes, status, effective, date_from/date_to)."""

    scope = records_visible_to
    filterset_class = RecordFilterSet
    serializer_class = DevelopmentRecordSerializer


class ImportBatchViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Upload a development-record or status file (multipart); the import runs in the background —
    poll the batch for `status`, `progress` and `errors`."""

    scope = import_batches_visible_to
    filterset_class = ImportBatchFilterSet
    serializer_class = ImportBatchSerializer
    parser_classes = (MultiPartParser, FormParser)
    write_permission = can_import_facts


class EffectiveRuleViewSet(ScopedCreateUpdateViewSet):
    """Versions of the effective-development rule; a change re-verifies the records it governs."""

    scope = effective_rules_visible_to
    filterset_class = EffectiveRuleFilterSet
    serializer_class = EffectiveRuleSerializer
    write_permission = can_edit_effective_rules
