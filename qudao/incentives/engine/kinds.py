# ruff: noqa: S608 - DuckDB SQL over the run's own snapshot, built from validated rules; every literal is quoted by _lit.
"""One SQL builder per rule kind. Record rules select from `vr` (the records a version applies to)
and return (agent_id, outlet_id, grid_id, product_id, external_id, rule_key, rule_kind, amount_fen,
*PARAMS); caps and clawbacks read what the version already produced in `raw_lines`.

A line carries no explanation text: it carries the few figures its explanation needs (PARAMS; which
ones each kind sets is in qudao.incentives.explain), and the text is rendered when the line is read,
in the reader's language. Text per line was two thirds of a rule's computing time and most of the
lines file."""

from contextvars import ContextVar
from decimal import Decimal

from ..lines import EXPLANATION_FIGURES, LINE_TYPES
from ..rules import capped_keys

IN_PERIOD = "sold_on BETWEEN getvariable('p0') AND getvariable('p1')"
REQUIRE = {"sold": "true", "activated": "(activated_on IS NOT NULL AND activated_on <= getvariable('p1'))",
           "effective": "coalesce(is_effective, false)"}


# Whether lines must come out in agent order (a run writes them to its file; what-if only sums them).
IN_AGENT_ORDER: ContextVar[bool] = ContextVar("in_agent_order", default=True)
PARAMS = {name: LINE_TYPES[name] for name in EXPLANATION_FIGURES}


def _params(**given: str) -> str:
    unknown = set(given) - set(PARAMS)
    assert not unknown, unknown
    return ", ".join(f"CAST({given.get(name, 'NULL')} AS {kind}) AS {name}" for name, kind in PARAMS.items())


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


def _select(rule: dict, amount: str, params: str, where: str, source: str = "vr", key: str | None = None,
            order: str = "") -> str:
    """Zero amounts (a tier's free band) make no line; `order` re-sorts an output that lost `vr`'s agent order."""
    key = _lit(key or rule["key"])
    return (f"SELECT agent_id, outlet_id, grid_id, product_id, external_id, {key}, {_lit(rule['kind'])}, "
            f"CAST({amount} AS BIGINT) AS amount_fen, {params} FROM {source} WHERE {where} AND {_filters(rule)} "
            f"AND coalesce(CAST({amount} AS BIGINT), 0) <> 0 {order}")


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
    return _select(rule, amount, _params(), f"{IN_PERIOD} AND {REQUIRE[rule['require']]} AND {amount} IS NOT NULL")


def percent_of_fee(rule: dict) -> str:
    amount = _round(f"fee_fen * {_dec(rule['percent'])} / 100")
    return _select(rule, amount, _params(base_fen="fee_fen"), f"{IN_PERIOD} AND {REQUIRE[rule['require']]}")


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
    return _select(rule, amount, _params(n1="n_rank", n2="n_total"), "true", source=ranked,
                   order="ORDER BY agent_id" if IN_AGENT_ORDER.get() else "")


def revenue_share(rule: dict) -> str:
    months = rule["months"]
    month_no = "(date_diff('month', date_trunc('month', sold_on), getvariable('p0')) + 1)"
    where = (f"sold_on >= (getvariable('p0') - INTERVAL {months - 1} MONTH) AND sold_on <= getvariable('p1') "
             f"AND activated_on IS NOT NULL AND activated_on <= getvariable('p1') "
             f"AND (ended_on IS NULL OR ended_on > getvariable('p1'))")
    amount = _round(f"fee_fen * {_dec(rule['percent'])} / 100")
    return _select(rule, amount, _params(base_fen="fee_fen", n1=month_no), where)


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
        parts.append(_select(rule, amount, _params(day1=due), where, key=key))
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
    return (f"SELECT {holder}, NULL::BIGINT, '', {_lit(rule['key'])}, 'target_bonus', {rule['amount_fen']}::BIGINT, "
            f"{_params(n1='n', n2='value')} FROM ({joined}) WHERE value > 0 AND n * 100 >= value * {pct}")


RECORD_SQL = {"per_unit": per_unit, "percent_of_fee": percent_of_fee, "tier": tier,
              "revenue_share": revenue_share, "staged": staged}


def _keys_sql(keys) -> str:
    return ", ".join(_lit(k) for k in keys)


def cap_cover(version_id: int, rules: list[dict]) -> list[tuple[int, str, str]]:
    """(version, cap key, covered rule key) for every rule a cap of the version covers."""
    return [(version_id, rule["key"], key) for rule in rules if rule["kind"] == "cap" for key in capped_keys(rule, rules)]


def after_caps(source: str, cover: list[tuple[int, str, str]]) -> str:
    """SQL: the record lines of `source` with `paid_fen`, the amount less the line's share of the cap
    cuts made on its outlet and then on its agent, in proportion and rounded down, so that what a
    clawback takes back is never more than was paid. `source` has the line columns plus `run`, which
    keeps apart the cuts of different runs' lines files."""
    if not cover:
        return f"SELECT *, amount_fen AS paid_fen FROM ({source}) WHERE external_id <> ''"
    values = ", ".join(f"({int(v)}, {_lit(cap)}, {_lit(key)})" for v, cap, key in cover)
    # A cap line keeps what it cut (amount_fen < 0) from what its lines came to (base_fen): share = (base + cut) / base.
    cuts = ("SELECT run, version_id, rule_key AS cap_key, outlet_id, agent_id, CAST(base_fen + amount_fen AS HUGEINT) AS n, "
            "CAST(base_fen AS HUGEINT) AS d FROM src WHERE rule_kind = 'cap' AND base_fen > 0")
    return (
        f"WITH src AS ({source}), cover(version_id, cap_key, rule_root) AS (VALUES {values}), cuts AS ({cuts}) "
        "SELECT l.*, CAST(CASE WHEN a.d IS NULL THEN o_paid ELSE o_paid * a.n // a.d END AS BIGINT) AS paid_fen FROM ("
        "SELECT l.*, c.cap_key, CASE WHEN o.d IS NULL THEN CAST(l.amount_fen AS HUGEINT) "
        "ELSE CAST(l.amount_fen AS HUGEINT) * o.n // o.d END AS o_paid FROM src l "
        "LEFT JOIN cover c ON c.version_id = l.version_id AND c.rule_root = split_part(l.rule_key, '#', 1) "
        "LEFT JOIN cuts o ON o.run = l.run AND o.version_id = l.version_id AND o.cap_key = c.cap_key "
        "AND o.outlet_id = l.outlet_id WHERE l.external_id <> '') l "
        "LEFT JOIN cuts a ON a.run = l.run AND a.version_id = l.version_id AND a.cap_key = l.cap_key "
        "AND a.outlet_id IS NULL AND a.agent_id = l.agent_id"
    )


def apply_cap(con, vid: int, rule: dict, rules: list[dict]) -> None:
    """Outlet caps first, then agent caps over what is left; each cut is its own negative line."""
    keys = capped_keys(rule, rules)
    capped = f"version_id = {vid} AND split_part(rule_key, '#', 1) IN ({_keys_sql(keys)})"
    if rule["per_outlet_fen"] is not None:
        cap = rule["per_outlet_fen"]
        con.execute(
            f"INSERT INTO raw_lines SELECT {vid}, any_value(agent_id), outlet_id, any_value(grid_id), NULL, '', "
            f"{_lit(rule['key'])}, 'cap', {cap} - sum(amount_fen), {_params(base_fen='sum(amount_fen)')} "
            f"FROM raw_lines WHERE {capped} AND outlet_id IS NOT NULL "
            f"GROUP BY outlet_id HAVING sum(amount_fen) > {cap}"
        )
    if rule["per_agent_fen"] is not None:
        cap = rule["per_agent_fen"]
        mine = f"(({capped}) OR (version_id = {vid} AND rule_key = {_lit(rule['key'])}))"
        con.execute(
            f"INSERT INTO raw_lines SELECT {vid}, agent_id, NULL, NULL, NULL, '', {_lit(rule['key'])}, 'cap', "
            f"{cap} - sum(amount_fen), {_params(base_fen='sum(amount_fen)')} FROM raw_lines WHERE {mine} GROUP BY agent_id "
            f"HAVING sum(amount_fen) > {cap}"
        )


def apply_clawback(con, vid: int, rule: dict, rules: list[dict]) -> None:
    """Takes back, in this period, what the record's clawed rules paid (earlier runs and this one),
    never more: the net of earlier paid lines (not held), this run's lines and earlier clawbacks,
    each less its share of the cap cuts (`after_caps`)."""
    keys = rule["rules"] or [r["key"] for r in rules if r["kind"] in RECORD_SQL]
    claw_keys = _keys_sql([*keys, rule["key"]])
    longest = max(rule["within_days"], rule["no_payment_days"] or 0)
    ended = [e for e in rule["on"] if e in ("cancelled", "churned")]
    triggers = []
    if ended:
        triggers.append(f"(status IN ({_keys_sql(ended)}) AND ended_on IS NOT NULL AND ended_on <= getvariable('p1') "
                        f"AND ended_on - sold_on <= {rule['within_days']})")
    if "arrears" in rule["on"]:
        # Since when: from the status changes; without one, judged at the period's end.
        since = "coalesce(arrears_on, getvariable('p1'))"
        triggers.append(f"(status = 'arrears' AND {since} <= getvariable('p1') AND {since} - sold_on <= {rule['within_days']})")
    if rule["no_payment_days"]:
        triggers.append(f"(paid_on IS NULL AND (sold_on + INTERVAL {rule['no_payment_days']} DAY)::DATE <= getvariable('p1'))")
    if not triggers:
        return
    reason = ("CASE WHEN status IN ('cancelled', 'churned') AND ended_on IS NOT NULL THEN status "
              "WHEN status = 'arrears' THEN 'arrears' ELSE 'no_payment' END")
    # Only records that trigger the clawback matter: narrow to them before summing what was paid. An
    # event of this period within `longest` days of the sale means a sale on or after p0 - longest.
    triggered = (f"SELECT * FROM (SELECT vr.*, a.arrears_on FROM vr LEFT JOIN s_arrears a USING (external_id) "
                 f"WHERE vr.sold_on >= (getvariable('p0') - INTERVAL {longest} DAY)) WHERE {' OR '.join(triggers)}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE claw_vr AS {triggered}")
    earlier = (f"SELECT external_id, sum(paid_fen) AS amount FROM s_paid WHERE version_id = {vid} "
               f"AND split_part(rule_key, '#', 1) IN ({claw_keys}) AND external_id IN (SELECT external_id FROM claw_vr) "
               f"GROUP BY external_id")
    this_run = (f"SELECT 0 AS run, * FROM raw_lines WHERE version_id = {vid} AND (rule_kind = 'cap' OR "
                f"(split_part(rule_key, '#', 1) IN ({claw_keys}) AND external_id IN (SELECT external_id FROM claw_vr)))")
    now = (f"SELECT external_id, sum(paid_fen) AS amount FROM ({after_caps(this_run, cap_cover(vid, rules))}) "
           f"WHERE split_part(rule_key, '#', 1) IN ({claw_keys}) GROUP BY external_id")
    net = f"SELECT external_id, sum(amount) AS net FROM ({earlier} UNION ALL {now}) GROUP BY external_id"
    con.execute(
        f"INSERT INTO raw_lines SELECT {vid}, vr.agent_id, vr.outlet_id, vr.grid_id, vr.product_id, vr.external_id, "
        f"{_lit(rule['key'])}, 'clawback', -n.net::BIGINT, "
        f"{_params(base_fen='n.net', day1='coalesce(vr.ended_on, vr.arrears_on)', day2='vr.sold_on', note=reason)} "
        f"FROM claw_vr vr JOIN ({net}) n ON n.external_id = vr.external_id WHERE n.net > 0"
    )
