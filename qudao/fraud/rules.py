"""The screening rules as DuckDB SQL over the view `facts` (one period's development records).

Each rule returns (external_id, detail) for the records it flags; detail is a JSON string of the
figures that made it fire. A flag scores the rule's weight; a record's risk is the sum of its
flags' scores. Parameters (merged over DEFAULTS) are whole numbers, checked before use.
"""

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import RuleKind

DEFAULT_WEIGHTS = {
    RuleKind.SHARED_CUSTOMER: 30.0,
    RuleKind.BURST: 25.0,
    RuleKind.ODD_HOURS: 10.0,
    RuleKind.NO_USAGE: 15.0,
    RuleKind.EARLY_CANCEL: 20.0,
}
DEFAULTS = {
    # one customer_hash with >= min_subscriptions records across >= min_outlets outlets in the period
    RuleKind.SHARED_CUSTOMER: {"min_subscriptions": 3, "min_outlets": 2},
    # >= min_records sales at one outlet within window_minutes (both ends included)
    RuleKind.BURST: {"min_records": 5, "window_minutes": 10},
    # sold at a local hour h with from_hour <= h < to_hour (wrapping past midnight if from > to)
    RuleKind.ODD_HOURS: {"from_hour": 0, "to_hour": 6},
    # still new/activated with no first payment `days` or more days after the sale (counted to as_of)
    RuleKind.NO_USAGE: {"days": 30},
    # an outlet with >= min_sales sales of which >= min_share_pct % were cancelled/churned within
    # `days` of the sale: those cancelled records are flagged
    RuleKind.EARLY_CANCEL: {"min_share_pct": 30, "days": 15, "min_sales": 5},
}
ENDED = "('cancelled', 'churned')"


# Each parameter's label and bounds (both included), for the settings form, the API and the check before use.
PARAMS = {
    "min_subscriptions": (_("subscriptions of one customer, at least"), 2, 1000),
    "min_outlets": (_("across outlets, at least"), 2, 1000),
    "min_records": (_("sales at one outlet, at least"), 2, 10000),
    "window_minutes": (_("within minutes"), 1, 1440),
    "from_hour": (_("from hour (0–23)"), 0, 23),
    "to_hour": (_("to hour, not included (0–24)"), 0, 24),
    "days": (_("days"), 1, 365),
    "min_share_pct": (_("share cancelled, at least (%)"), 1, 100),
    "min_sales": (_("sales at the outlet, at least"), 1, 100000),
}


def param_errors(kind: str, params: dict) -> dict[str, str]:
    """{parameter: reason} for every parameter of `kind` that is not a whole number within its bounds."""
    errors = {}
    for name, value in params.items():
        if name not in DEFAULTS[RuleKind(kind)]:
            errors[name] = gettext("not a parameter of this rule")
            continue
        low, high = PARAMS[name][1:]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors[name] = gettext("must be a whole number from %(low)s to %(high)s, not %(value)s") % {
                "low": low, "high": high, "value": value}
    return errors


def current_params(kind: str, params: dict) -> dict:
    """The rule's parameters over the defaults, unchecked: what the settings pages show and edit."""
    return {**DEFAULTS[RuleKind(kind)], **{k: v for k, v in (params or {}).items() if k in DEFAULTS[kind]}}


def merged_params(kind: str, params: dict) -> dict[str, int]:
    """The parameters a screening uses, checked."""
    merged = current_params(kind, params)
    errors = param_errors(kind, merged)
    if errors:
        raise ValueError("; ".join(f"{kind}.{name}: {reason}" for name, reason in errors.items()))
    return merged


def _shared_customer(p, as_of) -> str:
    return f"""
        WITH c AS (
            SELECT customer_hash, count(*) AS subs, count(DISTINCT outlet_id) AS outlets FROM facts
            WHERE coalesce(customer_hash, '') <> '' GROUP BY customer_hash
            HAVING count(*) >= {p['min_subscriptions']} AND count(DISTINCT outlet_id) >= {p['min_outlets']})
        SELECT f.external_id, json_object('subscriptions', c.subs, 'outlets', c.outlets)::VARCHAR AS detail
        FROM facts f JOIN c ON c.customer_hash = f.customer_hash"""  # noqa: S608 - parameters are checked whole numbers


def _burst(p, as_of) -> str:
    window = f"INTERVAL {p['window_minutes']} MINUTE"
    return f"""
        WITH w AS (
            SELECT outlet_id, sold_at, count(*) OVER (
                PARTITION BY outlet_id ORDER BY sold_at RANGE BETWEEN CURRENT ROW AND {window} FOLLOWING) AS n
            FROM facts),
        s AS (SELECT outlet_id, sold_at AS start_at, sold_at + {window} AS end_at, n FROM w
              WHERE n >= {p['min_records']})
        SELECT f.external_id,
               json_object('in_window', max(s.n), 'window_minutes', {p['window_minutes']})::VARCHAR AS detail
        FROM facts f JOIN s ON s.outlet_id = f.outlet_id AND f.sold_at BETWEEN s.start_at AND s.end_at
        GROUP BY f.external_id"""  # noqa: S608 - parameters are checked whole numbers


def _odd_hours(p, as_of) -> str:
    hour = f"hour(timezone('{settings.TIME_ZONE}', sold_at))"
    low, high = p["from_hour"], p["to_hour"]
    test = f"{hour} >= {low} AND {hour} < {high}" if low <= high else f"({hour} >= {low} OR {hour} < {high})"
    return f"""
        SELECT external_id, json_object('local_hour', {hour})::VARCHAR AS detail FROM facts WHERE {test}"""  # noqa: S608 - parameters are checked whole numbers


def _no_usage(p, as_of) -> str:
    age = f"date_diff('day', sold_on, DATE '{as_of:%Y-%m-%d}')"
    return f"""
        SELECT external_id, json_object('days_since_sale', {age}, 'status', status)::VARCHAR AS detail FROM facts
        WHERE paid_on IS NULL AND status IN ('new', 'activated') AND {age} >= {p['days']}"""  # noqa: S608 - parameters are checked whole numbers


def _early_cancel(p, as_of) -> str:
    early = f"status IN {ENDED} AND ended_on IS NOT NULL AND date_diff('day', sold_on, ended_on) <= {p['days']}"
    return f"""
        WITH o AS (
            SELECT outlet_id, count(*) AS sales, count(*) FILTER (WHERE {early}) AS early FROM facts GROUP BY outlet_id),
        q AS (SELECT * FROM o WHERE early > 0 AND sales >= {p['min_sales']} AND early * 100 >= {p['min_share_pct']} * sales)
        SELECT f.external_id, json_object('early_cancellations', q.early, 'sales', q.sales,
                                          'share_pct', round(q.early * 100.0 / q.sales, 1))::VARCHAR AS detail
        FROM facts f JOIN q ON q.outlet_id = f.outlet_id WHERE {early}"""  # noqa: S608 - parameters are checked whole numbers


SQL = {
    RuleKind.SHARED_CUSTOMER: _shared_customer,
    RuleKind.BURST: _burst,
    RuleKind.ODD_HOURS: _odd_hours,
    RuleKind.NO_USAGE: _no_usage,
    RuleKind.EARLY_CANCEL: _early_cancel,
}


def hits_sql(rules, as_of) -> str:
    """All flags of the enabled `rules` ((kind, weight, params) each) as one UNION ALL query."""
    parts = [
        f"SELECT h.external_id, f.sold_on, f.outlet_id, f.agent_id, '{kind}' AS rule, "  # noqa: S608
        f"CAST({float(weight)} AS DOUBLE) AS score, h.detail "
        f"FROM ({SQL[RuleKind(kind)](merged_params(kind, params), as_of)}) h JOIN facts f ON f.external_id = h.external_id"
        for kind, weight, params in rules
    ]
    if not parts:
        return ("SELECT NULL::VARCHAR AS external_id, NULL::DATE AS sold_on, NULL::BIGINT AS outlet_id, "
                "NULL::BIGINT AS agent_id, NULL::VARCHAR AS rule, NULL::DOUBLE AS score, NULL::VARCHAR AS detail "
                "WHERE false")
    return "\nUNION ALL\n".join(parts)
