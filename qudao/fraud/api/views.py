from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from qudao.api.viewsets import ScopedReadOnlyViewSet
from qudao.fraud.filtersets import FraudFlagFilterSet, OutletRiskFilterSet, ScreeningRunFilterSet
from qudao.fraud.models import FraudFlag
from qudao.fraud.permissions import can_configure_rules, can_review_fraud
from qudao.fraud.selectors import (
    flags_visible_to,
    fraud_rules_visible_to,
    record_flags,
    risks_visible_to,
    runs_visible_to,
)
from qudao.fraud.services import clear_flags, confirm_fraud

from .serializers import (
    FraudFlagSerializer,
    FraudRuleSerializer,
    OutletRiskSerializer,
    ReviewResultSerializer,
    ReviewSerializer,
    ScreeningRunSerializer,
)


class ScreeningRunViewSet(ScopedReadOnlyViewSet):
    scope = runs_visible_to
    filterset_class = ScreeningRunFilterSet
    serializer_class = ScreeningRunSerializer


class _ReviewActions:
    """`clear` and `confirm` act on every open flag of the object (a record, or an outlet's period)."""

    write_permission = can_review_fraud

    def review_flags(self, obj):
        raise NotImplementedError

    @extend_schema(request=ReviewSerializer, responses=ReviewResultSerializer)
    @action(detail=True, methods=["post"])
    def clear(self, request, pk=None):
        obj = self.get_object()
        data = self.validated_input(ReviewSerializer)
        return Response({"cleared": clear_flags(flags=self.review_flags(obj), user=request.user, **data)})

    @extend_schema(request=ReviewSerializer, responses=ReviewResultSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        obj = self.get_object()
        data = self.validated_input(ReviewSerializer)
        penalties = confirm_fraud(flags=self.review_flags(obj), user=request.user, **data)
        return Response({"penalties": [p.pk for p in penalties]})


class FraudFlagViewSet(_ReviewActions, ScopedReadOnlyViewSet):
    """One rule hit on one record; `clear`/`confirm` review every open flag of that record."""

    scope = flags_visible_to
    filterset_class = FraudFlagFilterSet
    serializer_class = FraudFlagSerializer

    def review_flags(self, obj):
        return record_flags(obj)


class OutletRiskViewSet(_ReviewActions, ScopedReadOnlyViewSet):
    """An outlet's risk in a period; `clear`/`confirm` review every open flag of it in bulk."""

    scope = risks_visible_to
    filterset_class = OutletRiskFilterSet
    serializer_class = OutletRiskSerializer

    def review_flags(self, obj):
        return FraudFlag.objects.filter(outlet_id=obj.outlet_id, period=obj.period)


class FraudRuleViewSet(mixins.UpdateModelMixin, ScopedReadOnlyViewSet):
    """The screening rules (company-wide): staff read them; the head of channel management changes them."""

    scope = fraud_rules_visible_to
    serializer_class = FraudRuleSerializer
    write_permission = can_configure_rules
    http_method_names = ["get", "put", "patch", "head", "options"]
