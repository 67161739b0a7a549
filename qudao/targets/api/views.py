from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from qudao.api.viewsets import ScopedCreateUpdateViewSet
from qudao.targets.decomposition import child_slots
from qudao.targets.filtersets import CalendarExceptionFilterSet, TargetFilterSet
from qudao.targets.permissions import can_edit_calendar, can_manage_targets
from qudao.targets.selectors import calendar_exceptions_visible_to, targets_visible_to
from qudao.targets.services import target_decompose
from qudao.targets.suggest import suggest_split

from .serializers import (
    CalendarExceptionSerializer,
    DecomposeSerializer,
    SuggestionSerializer,
    TargetSerializer,
    TargetUpdateSerializer,
)


class TargetViewSet(ScopedCreateUpdateViewSet):
    """Targets in reach. Create names the holder; update changes the value only; `decompose` sets all
    the children of a node target at once (all or nothing; they must add up exactly)."""

    scope = targets_visible_to
    filterset_class = TargetFilterSet
    serializer_class = TargetSerializer
    action_serializers = {"update": TargetUpdateSerializer, "partial_update": TargetUpdateSerializer}
    write_permission = can_manage_targets

    @extend_schema(request=DecomposeSerializer, responses=TargetSerializer(many=True))
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def decompose(self, request, pk=None):
        target = self.get_object()
        children = self.validated_input(DecomposeSerializer)["children"]
        values = _child_keys(target, children)
        saved = target_decompose(target=target, values=values, by=request.user)
        return Response(TargetSerializer(saved, many=True, context=self.get_serializer_context()).data,
                        status=status.HTTP_200_OK)

    @extend_schema(request=None, responses=SuggestionSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def suggest(self, request, pk=None):
        """The split proposed from the children's last 3 months of actual volume (nothing is saved)."""
        rows = [
            {"kind": s.slot.kind, "code": s.slot.holder.code, "name": s.slot.holder.name, "history": s.history,
             "current": s.slot.value, "suggested": s.suggested}
            for s in suggest_split(self.get_object())
        ]
        return Response(SuggestionSerializer(rows, many=True).data)


def _child_keys(target, children: list[dict]) -> dict[tuple[str, int], int]:
    by_code = {(slot.kind, slot.holder.code): slot.key for slot in child_slots(target)}
    values, unknown = {}, []
    for child in children:
        kind = "node" if child.get("node") else "outlet"
        key = by_code.get((kind, child[kind]))
        if key is None:
            unknown.append(child[kind])
        else:
            values[key] = child["value"]
    if unknown:
        raise ValidationError({"children": [_("Not children of this target's node: %(codes)s")
                                            % {"codes": ", ".join(unknown)}]})
    return values


class CalendarExceptionViewSet(ScopedCreateUpdateViewSet):
    """Exception days of the working-day calendar (holidays on weekdays, make-up working days)."""

    scope = calendar_exceptions_visible_to
    filterset_class = CalendarExceptionFilterSet
    serializer_class = CalendarExceptionSerializer
    write_permission = can_edit_calendar
