"""What a dashboard is about: one territory node, the several nodes a person is assigned to, or
an agent user's own agent. Each knows its scoped statistics, its target ids and its children."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from qudao.channels.models import Outlet
from qudao.channels.selectors import agent_of, outlets_visible_to
from qudao.territory.choices import NodeKind
from qudao.territory.models import TerritoryNode

from .selectors import (
    dashboard_nodes_visible_to,
    landing_nodes,
    node_stats_visible_to,
    rollups_visible_to,
)

NODE, OUTLET = "node", "outlet"


@dataclass
class Subject:
    title: str
    stats: QuerySet  # scoped rows (day, category, measures) making up the subject's totals
    target_kind: str  # NODE or OUTLET: what the target ids are
    target_ids: list[int]
    node: TerritoryNode | None = None
    children_stats: QuerySet | None = None  # rows of the children, grouped by `child_field`
    child_field: str = "node_id"
    child_kind: str = NODE
    # pk → {code, name, kind}: the current children; outlets that only have past figures are added
    # by the dashboard from the period's rows.
    children: dict[int, dict] = field(default_factory=dict)
    ancestors: list[TerritoryNode] = field(default_factory=list)
    records_filter: dict = field(default_factory=dict)  # how the records list narrows to the subject

    @property
    def is_agent(self) -> bool:
        return self.node is None and self.target_kind == OUTLET


def _node_info(nodes) -> dict[int, dict]:
    return {n.pk: {"code": n.code, "name": n.name, "kind": n.kind} for n in nodes}


def outlet_info(outlet_ids) -> dict[int, dict]:
    rows = Outlet.objects.filter(pk__in=outlet_ids).order_by("code").values("pk", "code", "name")
    return {r["pk"]: {"code": r["code"], "name": r["name"], "kind": OUTLET} for r in rows}


def node_subject(user, pk: int) -> Subject:
    """One node within the user's reach; anything else is 404 like a missing node."""
    visible = dashboard_nodes_visible_to(user)
    node = visible.filter(pk=pk).first()
    if node is None:
        raise Http404
    ancestors = [n for n in visible.filter(path__in=_ancestor_paths(node.path)).order_by("path")]
    subject = Subject(
        title=node.name, stats=node_stats_visible_to(user).filter(node_id=node.pk), target_kind=NODE,
        target_ids=[node.pk], node=node, ancestors=ancestors,
    )
    if node.kind == NodeKind.GRID:
        rollups = rollups_visible_to(user).filter(grid_id=node.pk)
        outlet_ids = Outlet.objects.filter(grid_id=node.pk).values_list("pk", flat=True)
        subject.children_stats, subject.child_field, subject.child_kind = rollups, "outlet_id", OUTLET
        subject.children = outlet_info(outlet_ids)
        subject.records_filter = {"grid": node.code}
    else:
        children = visible.filter(parent_id=node.pk).order_by("code")
        subject.children_stats = node_stats_visible_to(user).filter(node_id__in=[c.pk for c in children])
        subject.children = _node_info(children)
    return subject


def _ancestor_paths(path: str) -> list[str]:
    parts = path.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def landing_subject(user) -> Subject | None:
    """The dashboard a person lands on; None when they have no reach at all."""
    if user.is_agent_user:
        return agent_subject(user)
    roots = landing_nodes(user)
    if not roots:
        return None
    if len(roots) == 1:
        return node_subject(user, roots[0].pk)
    ids = [r.pk for r in roots]
    stats = node_stats_visible_to(user).filter(node_id__in=ids)
    return Subject(
        title=_("My territory"), stats=stats, target_kind=NODE, target_ids=ids,
        children_stats=stats, children=_node_info(roots),
    )


def agent_subject(user) -> Subject | None:
    agent = agent_of(user)
    if agent is None:
        return None
    rollups = rollups_visible_to(user)
    outlet_ids = list(outlets_visible_to(user).values_list("pk", flat=True))
    return Subject(
        title=agent.name, stats=rollups, target_kind=OUTLET, target_ids=sorted(outlet_ids),
        children_stats=rollups, child_field="outlet_id", child_kind=OUTLET, children=outlet_info(outlet_ids),
        records_filter={"agent": agent.code},
    )
