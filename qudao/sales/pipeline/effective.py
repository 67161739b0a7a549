"""Whether a record counts as effective (有效发展), as SQL and as a Polars expression.

The rule valid on the sale date applies (the latest `EffectiveRule.valid_from` on or before
it; the model's defaults before the first rule). Effective = activated within N days of the sale
(if required) and paid within N days (if required) and not cancelled/churned within N days.
"""

import datetime as dt
from dataclasses import dataclass

import polars as pl

from ..models import EffectiveRule
from .db import days_after


@dataclass(frozen=True)
class Rule:
    valid_from: dt.date | None
    require_activation: bool
    require_payment: bool
    within_days: int


def default_rule() -> Rule:
    field = EffectiveRule._meta.get_field
    return Rule(None, field("require_activation").default, field("require_payment").default,
                field("within_days").default)


def current_rules() -> list[Rule]:
    rows = EffectiveRule.objects.order_by("valid_from").values_list(
        "valid_from", "require_activation", "require_payment", "within_days"
    )
    return [Rule(*row) for row in rows]


def _rule_sql(rule: Rule, sold_on: str, activated: str, paid: str, ended: str) -> str:
    days = int(rule.within_days)
    parts = []
    if rule.require_activation:
        parts.append(f"({activated} IS NOT NULL AND {days_after(activated, sold_on)} <= {days})")
    if rule.require_payment:
        parts.append(f"({paid} IS NOT NULL AND {days_after(paid, sold_on)} <= {days})")
    parts.append(f"NOT ({ended} IS NOT NULL AND {days_after(ended, sold_on)} <= {days})")
    return "(" + " AND ".join(parts) + ")"


def effective_sql(rules: list[Rule], *, sold_on: str, activated: str, paid: str, ended: str) -> tuple[str, list]:
    """(SQL boolean expression, params) for the given column expressions."""
    branches, params = [], []
    for rule in sorted(rules, key=lambda r: r.valid_from, reverse=True):
        branches.append(f"WHEN {sold_on} >= %s THEN {_rule_sql(rule, sold_on, activated, paid, ended)}")
        params.append(rule.valid_from)
    fallback = _rule_sql(default_rule(), sold_on, activated, paid, ended)
    if not branches:
        return fallback, []
    return f"(CASE {' '.join(branches)} ELSE {fallback} END)", params


NULL_DATE = "CAST(NULL AS DATE)"


def new_record_effective(frame: pl.DataFrame, rules: list[Rule]) -> pl.Series:
    """`is_effective` of records without any status yet (only a rule requiring nothing makes them so)."""
    fallback = default_rule()
    nothing_required = not fallback.require_activation and not fallback.require_payment
    if not rules:
        return pl.repeat(nothing_required, frame.height, eager=True, dtype=pl.Boolean)
    table = pl.DataFrame(
        {"valid_from": [r.valid_from for r in rules],
         "free": [not r.require_activation and not r.require_payment for r in rules]},
        schema={"valid_from": pl.Date, "free": pl.Boolean},
    ).sort("valid_from")
    keyed = frame.select(pl.int_range(pl.len()).alias("_i"), "sold_on").sort("sold_on")
    joined = keyed.join_asof(table, left_on="sold_on", right_on="valid_from", strategy="backward",
                                check_sortedness=False).sort("_i")
    return joined["free"].fill_null(nothing_required)
