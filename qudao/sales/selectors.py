"""Reads of products, facts and rollups; the `*_visible_to` functions are the scoping functions.

Facts and rollups are scoped by the grid and agent *at the sale date* (stored on the row), so a
transferred outlet's past stays with the grid and agent it had then.
"""

from django.db.models import QuerySet

from qudao.channels.selectors import agent_of
from qudao.territory.selectors import path_q, reach_paths

from .models import DailyRollup, DevelopmentRecord, ImportBatch, Product


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
    return _by_reach(DevelopmentRecord.objects.all(), user)


def rollups_visible_to(user) -> QuerySet[DailyRollup]:
    return _by_reach(DailyRollup.objects.all(), user)


def import_batches_visible_to(user) -> QuerySet[ImportBatch]:
    """Staff see the batches they uploaded; people with company-wide reach see all of them."""
    if not user.is_authenticated or user.is_agent_user:
        return ImportBatch.objects.none()
    from qudao.territory.models import TerritoryNode

    if user.is_superuser or TerritoryNode.objects.filter(parent__isnull=True, path__in=reach_paths(user)).exists():
        return ImportBatch.objects.all()
    return ImportBatch.objects.filter(created_by=user)
