"""Reads of the reporting aggregates; the `*_visible_to` functions are the scoping functions.

Node statistics are visible for the nodes within the user's reach (a node's total is made of
grids under it, all within reach). Agent users have no territory: their dashboards read the
daily rollup through `qudao.sales.selectors.rollups_visible_to`, which limits it to their agent.
"""

from django.db.models import QuerySet

from qudao.channels.selectors import agent_of
from qudao.sales.selectors import rollups_visible_to
from qudao.territory.models import TerritoryNode
from qudao.territory.selectors import nodes_within_reach, reach_paths

from .models import NodeDayStat, OutletMonthStat

__all__ = [
    "dashboard_nodes_visible_to", "landing_nodes", "node_stats_visible_to", "outlet_months_visible_to",
    "rollups_visible_to",
]


def dashboard_nodes_visible_to(user) -> QuerySet[TerritoryNode]:
    """Nodes whose dashboard the user may open: those within reach (not the ancestors above it)."""
    if not user.is_authenticated or user.is_agent_user:
        return TerritoryNode.objects.none()
    return nodes_within_reach(user)


def node_stats_visible_to(user) -> QuerySet[NodeDayStat]:
    return NodeDayStat.objects.filter(node_id__in=dashboard_nodes_visible_to(user).values("pk"))


def outlet_months_visible_to(user) -> QuerySet[OutletMonthStat]:
    """Outlet months whose grid at the sale date is within reach (agent users: their agent's)."""
    if not user.is_authenticated:
        return OutletMonthStat.objects.none()
    if user.is_agent_user:
        agent = agent_of(user)
        return OutletMonthStat.objects.filter(agent_id=agent.pk) if agent else OutletMonthStat.objects.none()
    return OutletMonthStat.objects.filter(grid_id__in=dashboard_nodes_visible_to(user).values("pk"))


def landing_nodes(user) -> list[TerritoryNode]:
    """Where a person's dashboard opens: the nodes they are assigned to (a manager's grids, a
    supervisor's county, the company for head, director and analyst). Empty for agent users."""
    if not user.is_authenticated or user.is_agent_user:
        return []
    return list(TerritoryNode.objects.filter(path__in=reach_paths(user)).order_by("path"))
