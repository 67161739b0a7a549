"""The progress table: nodes within reach; their figures are read for the shown page only, in one
grouped query on the node-day aggregate (far cheaper than a subquery per row and measure)."""

from django.db.models import QuerySet

from qudao.territory.models import TerritoryNode

from .figures import Totals, totals_by
from .periods import Period
from .selectors import dashboard_nodes_visible_to, node_stats_visible_to


def progress_nodes_visible_to(user) -> QuerySet[TerritoryNode]:
    return dashboard_nodes_visible_to(user)


def page_figures(user, node_ids, period: Period, category: str = "") -> dict[int, Totals]:
    rows = node_stats_visible_to(user).filter(node_id__in=list(node_ids))
    return totals_by(rows, "node_id", period.first, period.until, category)
