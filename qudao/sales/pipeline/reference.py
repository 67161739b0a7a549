"""The master data a fact file is checked against, loaded once per import as small Polars frames.

A province has ~20k outlets and a few tens of thousands of assignment rows, so this is a few
set-based queries, never a lookup per file row.
"""

from dataclasses import dataclass

import polars as pl

from qudao.channels.models import Outlet, OutletAssignment
from qudao.territory.models import TerritoryNode
from qudao.territory.selectors import path_q, reach_paths

from ..models import EffectiveRule, Product


@dataclass
class References:
    outlets: pl.DataFrame  # outlet_code, outlet_id
    assignments: pl.DataFrame  # outlet_id, valid_from, valid_to, agent_id, grid_id
    products: pl.DataFrame  # product_code, product_id, active_from, active_to
    reach_grids: pl.Series  # ids of the grids the uploader may import for
    rules: pl.DataFrame  # valid_from, require_activation, require_payment, within_days


def _frame(rows, schema: dict) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=schema, orient="row")


def reach_grid_ids(user) -> list[int]:
    nodes = TerritoryNode.objects.all() if user.is_superuser else TerritoryNode.objects.filter(path_q(reach_paths(user)))
    return list(nodes.values_list("pk", flat=True))


def load_references(user) -> References:
    return References(
        outlets=_frame(Outlet.objects.values_list("code", "pk"), {"outlet_code": pl.String, "outlet_id": pl.Int64}),
        assignments=_frame(
            OutletAssignment.objects.values_list("outlet_id", "valid_from", "valid_to", "agent_id", "grid_id"),
            {"outlet_id": pl.Int64, "valid_from": pl.Date, "valid_to": pl.Date, "agent_id": pl.Int64, "grid_id": pl.Int64},
        ),
        products=_frame(
            Product.objects.values_list("code", "pk", "active_from", "active_to"),
            {"product_code": pl.String, "product_id": pl.Int64, "active_from": pl.Date, "active_to": pl.Date},
        ),
        reach_grids=pl.Series("grid_id", reach_grid_ids(user), dtype=pl.Int64),
        rules=load_rules(),
    )


def load_rules() -> pl.DataFrame:
    return _frame(
        EffectiveRule.objects.order_by("valid_from").values_list(
            "valid_from", "require_activation", "require_payment", "within_days"
        ),
        {"valid_from": pl.Date, "require_activation": pl.Boolean, "require_payment": pl.Boolean, "within_days": pl.Int64},
    )
