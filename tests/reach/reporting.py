"""Reach of the progress dashboards: a node's figures are visible to the people whose reach
contains the node (not its ancestors); agent users have no territory dashboards (they read
their agent's figures at reporting:dashboard and api:reporting-node-mine)."""

from qudao.reporting.aggregates import refresh_reporting_aggregates

from . import ModelSpec

ALL_NODES = ("company", "branch", "county1", "county2", "area1", "area2", "grid_a", "grid_b", "grid_c")

SPECS = [
    ModelSpec("progress", ("reporting:node_",), "api:reporting-node-", {
        "manager_a": ("grid_a",), "manager_b": ("grid_b",), "supervisor": ("county1", "area1", "grid_a", "grid_b"),
        "analyst": ALL_NODES, "head": ALL_NODES, "agent_user": (), "outsider": (),
    }),
]

EXEMPT = {
    "reporting:dashboard": "the person's own landing dashboard, built from their reach (qudao/reporting/tests)",
}


def populate(cast):
    refresh_reporting_aggregates([])
    return {"progress": dict(cast.nodes)}
