"""Reads of products, facts and rollups; the `*_visible_to` functions are the scoping functions.

Facts and rollups are scoped by the grid and agent *at the sale date* (stored on the row), so a
transferred outlet's past stays with the grid and agent it had then.
"""

from django.db.models import QuerySet

from qudao.channels.selectors import agent_of
from qudao.territory.selectors import path_q, reach_paths

from .models import (
    DailyRollup,
    DevelopmentRecord,
    EffectiveRule,
    ImportBatch,
    Product,
    RecordRevision,
    RecordStatusChange,
)


def products_visible_to(user) -> QuerySet[Product]:
    """The product catalogue is company-wide: every logged-in person may read it."""
    return Product.objects.all() if user.is_authenticated else Product.objects.none()


def _by_reach(queryset: QuerySet, user) -> QuerySet:
    if not user.is_authenticated:
        return queryset.none()
    if user.is_agent_user:
        agent = agent_of(user)
        return queryset.filter(agent_id=agent.pk) if agent else queryset.none()
    from qudao.territory.models import TerritoryNode

    grids = TerritoryNode.objects.filter(path_q(reach_paths(user))).values("pk")
    return queryset.filter(grid_id__in=grids)


def records_visible_to(user) -> QuerySet[DevelopmentRecord]:
    return _by_reach(DevelopmentRecord.objects.select_related("outlet", "agent", "grid", "product"), user)


def rollups_visible_to(user) -> QuerySet[DailyRollup]:
    return _by_reach(DailyRollup.objects.all(), user)


def import_batches_visible_to(user) -> QuerySet[ImportBatch]:
    """Staff see the batches they uploaded; people with company-wide reach see all of them."""
    if not user.is_authenticated or user.is_agent_user:
        return ImportBatch.objects.none()
    from qudao.territory.models import TerritoryNode

    batches = ImportBatch.objects.select_related("created_by")
    if user.is_superuser or TerritoryNode.objects.filter(parent__isnull=True, path__in=reach_paths(user)).exists():
        return batches
    return batches.filter(created_by=user)


def effective_rules_visible_to(user) -> QuerySet[EffectiveRule]:
    """The rule is company-wide and everyone it is applied to may read it."""
    return EffectiveRule.objects.all() if user.is_authenticated else EffectiveRule.objects.none()


def revisions_of(record: DevelopmentRecord) -> QuerySet[RecordRevision]:
    return RecordRevision.objects.filter(record_id=record.pk).select_related("product", "outlet").order_by("-replaced_at", "-id")


def status_changes_of(record: DevelopmentRecord) -> QuerySet[RecordStatusChange]:
    return RecordStatusChange.objects.filter(external_id=record.external_id).order_by("effective_on", "id")
