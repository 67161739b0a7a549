# ruff: noqa: S608 - DuckDB SQL over the run's own snapshot, built from validated rules; every literal is quoted by _lit.
"""One SQL builder per rule kind. Record rules select from `vr` (the records a version applies to)
and return (agent_id, outlet_id, grid_id, product_id, external_id, rule_key, rule_kind, amount_fen,
explanation); caps and clawbacks read what the version already produced in `raw_lines`."""

from contextvars import ContextVar
from decimal import Decimal

IN_PERIOD = "sold_on BETWEEN getvariable('p0') AND getvariable('p1')"
REQUIRE = {"sold": "true", "activated": "(activated_on IS NOT NULL AND activated_on <= getvariable('p1'))",
           "effective": "coalesce(is_effective, false)"}


# What-if only compares amounts: without the per-line explanation text a rule computes ~3× faster.
EXPLAIN: ContextVar[bool] = ContextVar("explain", default=True)


def _why(expr: str) -> str:
    return expr if EXPLAIN.get() else "''"


def _lit(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _dec(value: Decimal) -> str:
    return f"CAST({_lit(value)} AS DECIMAL(18,4))"


def _filters(rule: dict) -> str:
    parts = []
    if rule["products"]:
        parts.append(f"product_code IN ({', '.join(_lit(p) for p in rule['products'])})")
    if rule["categories"]:
        parts.append(f"category IN ({', '.join(_lit(c) for c in rule['categories'])})")
    return " AND ".join(parts) or "true"


def _select(rule: dict, amount: str, why: str, where: str, source: str = "vr", key: str | None = None) -> str:
    key = _lit(key or rule["key"])
    return (f"SELECT agent_id, outlet_id, grid_id, product_id, external_id, {key}, {_lit(rule['kind'])}, "
            f"CAST({amount} AS BIGINT) AS amount_fen, {_why(why)} FROM {source} WHERE {where} AND {_filters(rule)}")


def _round(expr: str) -> str:
    return f"ROUND({expr}, 0)"


def per_unit(rule: dict) -> str:
    if "amount_fen" in rule:
        amount = str(rule["amount_fen"])
    else:
        amounts = rule["amounts_fen"]
        by_code = " ".join(f"WHEN product_code = {_lit(k)} THEN {v}" for k, v in amounts.items())
        by_cat = " ".join(f"WHEN category = {_lit(k)} THEN {v}" for k, v in amounts.items())
        amount = f"(CASE {by_code} {by_cat} END)"
    why = f"printf('%s: %s × ¥%s', {_lit(rule['label'])}, product_code, yuan({amount}))"
    return _select(rule, amount, why, f"{IN_PERIOD} AND {REQUIRE[rule['require']]} AND {amount} IS NOT NULL")


def percent_of_fee(rule: dict) -> str:
    amount = _round(f"fee_fen * {_dec(rule['percent'])} / 100")
    why = f"printf('%s: %s%% of fee ¥%s', {_lit(rule['label'])}, {_lit(rule['percent'])}, yuan(fee_fen))"
    return _select(rule, amount, why, f"{IN_PERIOD} AND {REQUIRE[rule['require']]}")


def _band(expr: str, bands) -> str:
    whens = " ".join(f"WHEN {expr} >= {start} THEN {amount}" for start, amount in sorted(bands, reverse=True))
    return f"(CASE {whens} END)"


def tier(rule: dict) -> str:
    holder = "outlet_id" if rule["by"] == "outlet" else "agent_id"
    counted = "coalesce(is_effective, false)" if rule["count"] == "effective" else "true"
    ranked = (f"(SELECT *, row_number() OVER (PARTITION BY {holder} ORDER BY sold_at, external_id) AS n_rank, "
              f"count(*) OVER (PARTITION BY {holder}) AS n_total FROM vr WHERE {IN_PERIOD} AND {counted} "
              f"AND {_filters(rule)})")
    position = "n_rank" if rule["mode"] == "marginal" else "n_total"
    amount = _band(position, rule["bands"])
    why = (f"printf('%s: %s no. %s of %s this month, %s band → ¥%s', {_lit(rule['label'])}, {_lit(rule['by'])}, "
           f"n_rank::VARCHAR, n_total::VARCHAR, {_lit(rule['mode'])}, yuan({amount}))")
    return _select(rule, amount, why, "true", source=ranked)


def revenue_share(rule: dict) -> str:
    months = rule["months"]
    month_no = "(date_diff('month', date_trunc('month', sold_on), getvariable('p0')) + 1)"
    where = (f"sold_on >= (getvariable('p0') - INTERVAL {months - 1} MONTH) AND sold_on <= getvariable('p1') "
             f"AND activated_on IS NOT NULL AND activated_on <= getvariable('p1') "
             f"AND (ended_on IS NULL OR ended_on > getvariable('p1'))")
    amount = _round(f"fee_fen * {_dec(rule['percent'])} / 100")
    why = (f"printf('%s: %s%% of monthly fee ¥%s, month %s of {months}', {_lit(rule['label'])}, "
           f"{_lit(rule['percent'])}, yuan(fee_fen), {month_no}::VARCHAR)")
    return _select(rule, amount, why, where)


def staged(rule: dict) -> str:
    parts = []
    for number, stage in enumerate(rule["stages"], start=1):
        key = f"{rule['key']}#{number}"
        waited = f"(activated_on + INTERVAL {stage['after_days']} DAY)::DATE"
        due = f"greatest({waited}, paid_on)" if stage["needs_payment"] else waited
        where = (f"sold_on >= (getvariable('p0') - INTERVAL {rule['window_days']} DAY) AND sold_on <= getvariable('p1') "
                 f"AND activated_on IS NOT NULL AND {'paid_on IS NOT NULL AND ' if stage['needs_payment'] else ''}"
                 f"(ended_on IS NULL OR ended_on > {waited}) AND {due} <= getvariable('p1') "
                 f"AND {due} <= (sold_on + INTERVAL {rule['window_days']} DAY)::DATE "
                 f"AND NOT EXISTS (SELECT 1 FROM s_paid p WHERE p.external_id = vr.external_id "
                 f"AND p.version_id = getvariable('vid') AND p.rule_key = {_lit(key)})")
        amount = _round(f"{rule['amount_fen']} * {_dec(stage['percent'])} / 100")
        why = (f"printf('%s: stage {number}, %s%% of ¥%s (due %s)', {_lit(rule['label'])}, {_lit(stage['percent'])}, "
               f"yuan({rule['amount_fen']}), ({due})::VARCHAR)")
        parts.append(_select(rule, amount, why, where, key=key))
    return " UNION ALL ".join(parts)


def target_bonus(rule: dict) -> str:
    """One line per outlet or agent whose month count reaches the attainment of its target."""
    counted = "coalesce(is_effective, false)" if rule["metric"] == "effective" else "true"
    if rule["by"] == "outlet":
        actual = (f"SELECT outlet_id, any_value(agent_id) AS agent_id, any_value(grid_id) AS grid_id, count(*) AS n "
                  f"FROM vr WHERE {IN_PERIOD} AND {counted} AND {_filters(rule)} GROUP BY outlet_id")
        target = f"SELECT outlet_id, value FROM s_targets WHERE metric = {_lit(rule['metric'])}"
        joined = f"SELECT a.*, t.value FROM ({actual}) a JOIN ({target}) t USING (outlet_id)"
        holder = "agent_id, outlet_id, grid_id"
    else:
        actual = (f"SELECT agent_id, count(*) AS n FROM vr WHERE {IN_PERIOD} AND {counted} AND {_filters(rule)} "
                  f"GROUP BY agent_id")
        owned = ("SELECT a.agent_id, sum(t.value) AS value FROM s_targets t JOIN s_assignments a ON a.outlet_id = "
                 "t.outlet_id AND a.valid_from <= getvariable('p0') AND (a.valid_to IS NULL OR a.valid_to > "
                 f"getvariable('p0')) WHERE t.metric = {_lit(rule['metric'])} GROUP BY a.agent_id")
        joined = f"SELECT a.*, t.value FROM ({actual}) a JOIN ({owned}) t USING (agent_id)"
        holder = "agent_id, NULL::BIGINT, NULL::BIGINT"
    pct = _dec(rule["attainment_percent"])
    why = (f"printf('%s: %s of target %s (%s%%) ≥ %s%%', {_lit(rule['label'])}, n::VARCHAR, value::VARCHAR, "
           f"round(n * 100.0 / value, 1)::VARCHAR, {_lit(rule['attainment_percent'])})")
    return (f"SELECT {holder}, NULL::BIGINT, '', {_lit(rule['key'])}, 'target_bonus', {rule['amount_fen']}::BIGINT, "
            f"{_why(why)} FROM ({joined}) WHERE value > 0 AND n * 100 >= value * {pct}")


RECORD_SQL = {"per_unit": per_unit, "percent_of_fee": percent_of_fee, "tier": tier,
              "revenue_share": revenue_share, "staged": staged}


def _keys_sql(keys) -> str:
    return ", ".join(_lit(k) for k in keys)


def apply_cap(con, vid: int, rule: dict, rules: list[dict]) -> None:
    """Outlet caps first, then agent caps over what is left; each cut is its own negative line."""
    keys = rule["rules"] or [r["key"] for r in rules if r["kind"] not in ("cap", "clawback")]
    capped = f"version_id = {vid} AND split_part(rule_key, '#', 1) IN ({_keys_sql(keys)})"
    label = _lit(rule["label"])
    if rule["per_outlet_fen"] is not None:
        cap = rule["per_outlet_fen"]
        con.execute(
            f"INSERT INTO raw_lines SELECT {vid}, any_value(agent_id), outlet_id, any_value(grid_id), NULL, '', "
            f"{_lit(rule['key'])}, 'cap', {cap} - sum(amount_fen), "
            + _why(f"printf('%s: outlet total ¥%s above the cap of ¥%s', {label}, yuan(sum(amount_fen)::BIGINT), yuan({cap}))")
            + f" FROM raw_lines WHERE {capped} AND outlet_id IS NOT NULL "
            f"GROUP BY outlet_id HAVING sum(amount_fen) > {cap}"
        )
    if rule["per_agent_fen"] is not None:
        cap = rule["per_agent_fen"]
        mine = f"(({capped}) OR (version_id = {vid} AND rule_key = {_lit(rule['key'])}))"
        con.execute(
            f"INSERT INTO raw_lines SELECT {vid}, agent_id, NULL, NULL, NULL, '', {_lit(rule['key'])}, 'cap', "
            f"{cap} - sum(amount_fen), "
            + _why(f"printf('%s: agent total ¥%s above the cap of ¥%s', {label}, yuan(sum(amount_fen)::BIGINT), yuan({cap}))")
            + f" FROM raw_lines WHERE {mine} GROUP BY agent_id "
            f"HAVING sum(amount_fen) > {cap}"
        )


def apply_clawback(con, vid: int, rule: dict, rules: list[dict]) -> None:
    """Takes back, in this period, what the record's clawed rules paid (earlier runs and this one),
    never more: the net of earlier paid lines (not held), this run's lines and earlier clawbacks."""
    keys = rule["rules"] or [r["key"] for r in rules if r["kind"] in RECORD_SQL]
    claw_keys = _keys_sql([*keys, rule["key"]])
    longest = max(rule["within_days"], rule["no_payment_days"] or 0)
    ended = [e for e in rule["on"] if e in ("cancelled", "churned")]
    triggers = []
    if ended:
        triggers.append(f"(status IN ({_keys_sql(ended)}) AND ended_on IS NOT NULL AND ended_on <= getvariable('p1') "
                        f"AND ended_on - sold_on <= {rule['within_days']})")
    if "arrears" in rule["on"]:
        triggers.append(f"(status = 'arrears' AND getvariable('p1') - sold_on <= {rule['within_days']})")
    if rule["no_payment_days"]:
        triggers.append(f"(paid_on IS NULL AND (sold_on + INTERVAL {rule['no_payment_days']} DAY)::DATE <= getvariable('p1'))")
    if not triggers:
        return
    reason = ("CASE WHEN status IN ('cancelled', 'churned') AND ended_on IS NOT NULL THEN status || ' on ' || ended_on::VARCHAR "
              "WHEN status = 'arrears' THEN 'in arrears' ELSE 'no payment' END")
    earlier = (f"SELECT external_id, sum(amount_fen - held_fen) AS amount FROM s_paid WHERE version_id = {vid} "
               f"AND split_part(rule_key, '#', 1) IN ({claw_keys}) GROUP BY external_id")
    now = (f"SELECT external_id, sum(amount_fen) AS amount FROM raw_lines WHERE version_id = {vid} "
           f"AND split_part(rule_key, '#', 1) IN ({claw_keys}) AND external_id <> '' GROUP BY external_id")
    net = f"SELECT external_id, sum(amount) AS net FROM ({earlier} UNION ALL {now}) GROUP BY external_id"
    con.execute(
        f"INSERT INTO raw_lines SELECT {vid}, vr.agent_id, vr.outlet_id, vr.grid_id, vr.product_id, vr.external_id, "
        f"{_lit(rule['key'])}, 'clawback', -n.net::BIGINT, "
        + _why(f"printf('%s: %s within {longest} days of the sale %s, takes back ¥%s paid', {_lit(rule['label'])}, "
               f"{reason}, vr.sold_on::VARCHAR, yuan(n.net::BIGINT))")
        + f" FROM vr JOIN ({net}) n ON n.external_id = vr.external_id "
        f"WHERE n.net > 0 AND vr.sold_on >= (getvariable('p1') - INTERVAL {longest} DAY) AND ({' OR '.join(triggers)})"
    )
