"""The parent/child structure of targets: which holders sit under a target, and whether they add up.

A node's children are its child nodes, or — for a grid — its outlets (current grid). A child
without a target counts as 0. A target is *consistent* when none of its children has a target
yet (not decomposed) or when the children's targets add up to it exactly.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from qudao.channels.choices import OutletStatus
from qudao.channels.models import Outlet
from qudao.territory.choices import NodeKind
from qudao.territory.models import TerritoryNode

from .display import format_value  # noqa: F401  (re-exported)
from .models import Target

LIVE_OUTLET_STATUSES = (OutletStatus.PLANNED, OutletStatus.ACTIVE, OutletStatus.SUSPENDED)
NODE, OUTLET = "node", "outlet"


@dataclass(frozen=True)
class Group:
    """The targets that add up together: one period, one metric, one category."""

    period_kind: str
    period_start: date
    metric: str
    category: str = ""

    @classmethod
    def of(cls, target: Target) -> "Group":
        return cls(target.period_kind, target.period_start, target.metric, target.category)

    def lookup(self) -> dict:
        return {"period_kind": self.period_kind, "period_start": self.period_start,
                "metric": self.metric, "category": self.category}

    def targets(self):
        return Target.objects.filter(**self.lookup())


@dataclass
class Slot:
    """One child of a decomposition: a node or an outlet, with its target in the group if any."""

    kind: str
    holder: TerritoryNode | Outlet
    target: Target | None

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.holder.pk)

    @property
    def field_name(self) -> str:
        return f"{self.kind}_{self.holder.pk}"

    @property
    def value(self) -> int | None:
        return self.target.value if self.target else None


def child_slots(target: Target) -> list[Slot]:
    """The children of a node target, each with its current target (two queries)."""
    node = target.node
    if node is None:
        return []
    group = Group.of(target)
    if node.kind == NodeKind.GRID:
        with_target = group.targets().filter(outlet__grid=node).values("outlet_id")
        holders = Outlet.objects.filter(grid=node).filter(
            Q(status__in=LIVE_OUTLET_STATUSES) | Q(pk__in=with_target)
        ).order_by("code")
        targets = {t.outlet_id: t for t in group.targets().filter(outlet__grid=node)}
        return [Slot(OUTLET, outlet, targets.get(outlet.pk)) for outlet in holders]
    with_target = group.targets().filter(node__parent=node).values("node_id")
    holders = TerritoryNode.objects.filter(parent=node).filter(
        Q(is_active=True) | Q(pk__in=with_target)
    ).order_by("path")
    targets = {t.node_id: t for t in group.targets().filter(node__parent=node)}
    return [Slot(NODE, child, targets.get(child.pk)) for child in holders]


def children_sums(group: Group, nodes) -> dict[int, tuple[int, int]]:
    """{node_id: (sum of the children's targets, how many children have one)} for `nodes`."""
    grids = [n.pk for n in nodes if n.kind == NodeKind.GRID]
    others = [n.pk for n in nodes if n.kind != NodeKind.GRID]
    sums: dict[int, tuple[int, int]] = {}
    if others:
        rows = (group.targets().filter(node__parent_id__in=others).values("node__parent_id")
                .annotate(total=Sum("value"), count=Count("id")).values_list("node__parent_id", "total", "count"))
        sums.update({pk: (total, count) for pk, total, count in rows})
    if grids:
        rows = (group.targets().filter(outlet__grid_id__in=grids).values("outlet__grid_id")
                .annotate(total=Sum("value"), count=Count("id")).values_list("outlet__grid_id", "total", "count"))
        sums.update({pk: (total, count) for pk, total, count in rows})
    return sums


def is_consistent(value: int, children: tuple[int, int] | None) -> bool:
    return children is None or children[1] == 0 or children[0] == value


def parent_of(*, node: TerritoryNode | None = None, outlet: Outlet | None = None) -> TerritoryNode | None:
    return node.parent if node is not None else outlet.grid


def mismatch_message(*, parent_label: str, metric: str, parent_value: int, total: int) -> str:
    difference = total - parent_value
    params = {
        "parent": parent_label, "target": format_value(metric, parent_value),
        "total": format_value(metric, total), "difference": format_value(metric, abs(difference)),
    }
    if difference > 0:
        return _("The children of %(parent)s add up to %(total)s, %(difference)s more than its target of "
                 "%(target)s. Take %(difference)s off before saving.") % params
    return _("The children of %(parent)s add up to %(total)s, %(difference)s less than its target of "
             "%(target)s. Add %(difference)s before saving.") % params
