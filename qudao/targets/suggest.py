"""Suggest a split: children in proportion to their last 3 months of actual volume.

History comes from qudao.sales DailyRollup in the three whole months before the period starts
(one grouped query): a child node's volume is the rows whose grid lies in its subtree, an
outlet's the rows with its outlet_id. The children with history get value × their volume ÷ the
parent's volume (the parent's own rows in the window, which also hold the volume of outlets that
closed, merged or moved away); the children without history share what is left evenly. When every
child has history, the split is over the children's volume alone. The exact shares are turned into
whole numbers that add up to the target with the largest-remainder method (ties: larger history,
then the order of the children).
"""

from dataclasses import dataclass
from fractions import Fraction
from math import floor

from django.db.models import Sum

from qudao.sales.models import DailyRollup
from qudao.territory.choices import NodeKind
from qudao.territory.models import PATH_SEPARATOR, TerritoryNode

from .choices import METRIC_ROLLUP_COLUMN
from .decomposition import Slot, child_slots
from .models import Target
from .periods import previous_months

HISTORY_MONTHS = 3


@dataclass
class Suggestion:
    slot: Slot
    history: int
    suggested: int


def largest_remainder(total: int, quotas: list[Fraction], tiebreak: list[int] | None = None) -> list[int]:
    """Whole numbers adding up to `total`, each the floor of its quota plus at most one."""
    floors = [floor(q) for q in quotas]
    left = total - sum(floors)
    tiebreak = tiebreak or [0] * len(quotas)
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - floors[i]), -tiebreak[i], i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def split(total: int, history: list[int], parent_history: int) -> list[int]:
    if not history:
        return []
    known = sum(history)
    newcomers = [i for i, h in enumerate(history) if h <= 0]
    base = max(parent_history, known) if newcomers else known
    quotas = [Fraction(total * h, base) if h > 0 else Fraction(0) for h in history]
    if newcomers:
        rest = total - sum(quotas)
        for i in newcomers:
            quotas[i] = rest / len(newcomers)
    return largest_remainder(total, quotas, history)


def suggest_split(target: Target) -> list[Suggestion]:
    slots = child_slots(target)
    if not slots:
        return []
    child_history, parent_history = _history(target, slots)
    history = [child_history.get(slot.holder.pk, 0) for slot in slots]
    values = split(target.value, history, parent_history)
    return [Suggestion(slot, h, v) for slot, h, v in zip(slots, history, values, strict=True)]


def _window_rows(target: Target):
    first, last = previous_months(target.period_start, HISTORY_MONTHS)
    rows = DailyRollup.objects.filter(day__range=(first, last))
    return rows.filter(category=target.category) if target.category else rows


def _history(target: Target, slots: list[Slot]) -> tuple[dict[int, int], int]:
    column = METRIC_ROLLUP_COLUMN[target.metric]
    node = target.node
    rows = _window_rows(target)
    if node.kind == NodeKind.GRID:
        outlet_ids = [slot.holder.pk for slot in slots]
        per_outlet = dict(rows.filter(outlet_id__in=outlet_ids).values("outlet_id")
                          .annotate(total=Sum(column)).values_list("outlet_id", "total"))
        parent = rows.filter(grid_id=node.pk).aggregate(total=Sum(column))["total"] or 0
        return per_outlet, parent
    subtree_grids = TerritoryNode.objects.filter(path__startswith=node.path + PATH_SEPARATOR, kind=NodeKind.GRID)
    per_grid = (rows.filter(grid_id__in=subtree_grids.values("pk")).values("grid__path")
                .annotate(total=Sum(column)).values_list("grid__path", "total"))
    child_by_path = {slot.holder.path: slot.holder.pk for slot in slots}
    depth = node.path.count(PATH_SEPARATOR) + 2  # segments in a child's path
    per_child: dict[int, int] = {}
    parent = 0
    for path, total in per_grid:
        parent += total
        child_pk = child_by_path.get(PATH_SEPARATOR.join(path.split(PATH_SEPARATOR)[:depth]))
        if child_pk is not None:
            per_child[child_pk] = per_child.get(child_pk, 0) + total
    return per_child, parent
