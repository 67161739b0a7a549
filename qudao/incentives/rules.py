"""The scheme rule format: one validating function with errors that name the rule, field and reason.

A version's `rules` is a list of objects, each with a unique `key` and a `kind`; the fields of each
kind are documented in docs/apps/incentives.md. Money is given in yuan as a string ("20.00", at most
two decimals), percentages as strings ("12.5"). `normalise_rules` returns the same rules with money
as integer fen and percentages as Decimal, which is what the engine consumes.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from qudao.channels.choices import ChannelType
from qudao.sales.choices import ProductCategory, RecordStatus

from .choices import RuleKind

RECORD_KINDS = (RuleKind.PER_UNIT, RuleKind.PERCENT_OF_FEE, RuleKind.TIER, RuleKind.REVENUE_SHARE, RuleKind.STAGED)
CLAW_EVENTS = (RecordStatus.CANCELLED, RecordStatus.CHURNED, RecordStatus.ARREARS)
COMMON = {"key", "kind", "label", "products", "categories"}
FIELDS = {
    RuleKind.PER_UNIT: {"amount", "amounts", "require"},
    RuleKind.PERCENT_OF_FEE: {"percent", "require"},
    RuleKind.TIER: {"by", "mode", "count", "bands"},
    RuleKind.TARGET_BONUS: {"by", "metric", "attainment_percent", "amount"},
    RuleKind.REVENUE_SHARE: {"percent", "months"},
    RuleKind.STAGED: {"amount", "stages", "window_days"},
    RuleKind.CAP: {"per_outlet", "per_agent", "rules"},
    RuleKind.CLAWBACK: {"rules", "within_days", "on", "no_payment_days"},
}
REQUIRES = ("sold", "activated", "effective")


class RuleError(ValueError):
    pass


def _money(value, field: str) -> int:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError):
        raise RuleError(_("field “%(field)s”: “%(value)s” is not an amount in yuan") % {"field": field, "value": value}) from None
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise RuleError(_("field “%(field)s”: an amount must be ≥ 0 with at most two decimals") % {"field": field})
    return int(amount * 100)


def _percent(value, field: str) -> Decimal:
    try:
        pct = Decimal(str(value))
    except (InvalidOperation, TypeError):
        raise RuleError(_("field “%(field)s”: “%(value)s” is not a percentage") % {"field": field, "value": value}) from None
    if not Decimal(0) <= pct <= Decimal(1000) or pct != pct.quantize(Decimal("0.0001")):
        raise RuleError(_("field “%(field)s”: a percentage must be between 0 and 1000, at most 4 decimals") % {"field": field})
    return pct


def _int(value, field: str, low: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise RuleError(_("field “%(field)s”: must be a whole number ≥ %(low)s") % {"field": field, "low": low})
    return value


def _choice(value, field: str, allowed) -> str:
    if value not in allowed:
        raise RuleError(_("field “%(field)s”: “%(value)s” is not one of %(allowed)s")
                        % {"field": field, "value": value, "allowed": ", ".join(allowed)})
    return value


def _strings(value, field: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RuleError(_("field “%(field)s”: must be a list of texts") % {"field": field})
    return value


def _filters(rule: dict, out: dict) -> None:
    out["products"] = _strings(rule.get("products", []), "products") if "products" in rule else []
    cats = _strings(rule.get("categories", []), "categories") if "categories" in rule else []
    for cat in cats:
        _choice(cat, "categories", ProductCategory.values)
    out["categories"] = cats


def _per_unit(rule, out):
    if ("amount" in rule) == ("amounts" in rule):
        raise RuleError(_("give exactly one of “amount” or “amounts” (product code or category → amount)"))
    if "amount" in rule:
        out["amount_fen"] = _money(rule["amount"], "amount")
    else:
        if not isinstance(rule["amounts"], dict) or not rule["amounts"]:
            raise RuleError(_("field “amounts”: must map product codes or categories to amounts"))
        out["amounts_fen"] = {str(k): _money(v, f"amounts.{k}") for k, v in rule["amounts"].items()}
    out["require"] = _choice(rule.get("require", "sold"), "require", REQUIRES)


def _percent_of_fee(rule, out):
    out["percent"] = _percent(_required(rule, "percent"), "percent")
    out["require"] = _choice(rule.get("require", "sold"), "require", REQUIRES)


def _tier(rule, out):
    out["by"] = _choice(rule.get("by", "outlet"), "by", ("outlet", "agent"))
    out["mode"] = _choice(_required(rule, "mode"), "mode", ("marginal", "retroactive"))
    out["count"] = _choice(rule.get("count", "records"), "count", ("records", "effective"))
    bands = _required(rule, "bands")
    if not isinstance(bands, list) or not bands:
        raise RuleError(_("field “bands”: must be a non-empty list of {from, amount}"))
    parsed, previous = [], 0
    for i, band in enumerate(bands, start=1):
        if not isinstance(band, dict) or set(band) - {"from", "amount"}:
            raise RuleError(_("field “bands[%(i)s]”: must have exactly “from” and “amount”") % {"i": i})
        start = _int(band.get("from"), f"bands[{i}].from", 1)
        if start <= previous:
            raise RuleError(_("field “bands[%(i)s].from”: bands must start at increasing counts") % {"i": i})
        parsed.append((start, _money(_required(band, "amount"), f"bands[{i}].amount")))
        previous = start
    if parsed[0][0] != 1:
        raise RuleError(_("field “bands[1].from”: the first band must start at 1"))
    out["bands"] = parsed


def _target_bonus(rule, out):
    out["by"] = _choice(rule.get("by", "agent"), "by", ("outlet", "agent"))
    out["metric"] = _choice(rule.get("metric", "records"), "metric", ("records", "effective"))
    out["attainment_percent"] = _percent(_required(rule, "attainment_percent"), "attainment_percent")
    out["amount_fen"] = _money(_required(rule, "amount"), "amount")


def _revenue_share(rule, out):
    out["percent"] = _percent(_required(rule, "percent"), "percent")
    out["months"] = _int(_required(rule, "months"), "months", 1)


def _staged(rule, out):
    out["amount_fen"] = _money(_required(rule, "amount"), "amount")
    out["window_days"] = _int(rule.get("window_days", 180), "window_days", 1)
    stages = _required(rule, "stages")
    if not isinstance(stages, list) or not stages:
        raise RuleError(_("field “stages”: must be a non-empty list"))
    parsed, total = [], Decimal(0)
    for i, stage in enumerate(stages, start=1):
        if not isinstance(stage, dict) or set(stage) - {"percent", "after_days", "needs_payment"}:
            raise RuleError(_("field “stages[%(i)s]”: allowed fields are percent, after_days, needs_payment") % {"i": i})
        pct = _percent(_required(stage, "percent"), f"stages[{i}].percent")
        days = _int(stage.get("after_days", 0), f"stages[{i}].after_days")
        if days > out["window_days"]:
            raise RuleError(_("field “stages[%(i)s].after_days”: longer than window_days") % {"i": i})
        parsed.append({"percent": pct, "after_days": days, "needs_payment": bool(stage.get("needs_payment", False))})
        total += pct
    if total != 100:
        raise RuleError(_("field “stages”: the percentages add up to %(total)s, not 100") % {"total": total})
    out["stages"] = parsed


def _cap(rule, out):
    if "per_outlet" not in rule and "per_agent" not in rule:
        raise RuleError(_("give “per_outlet”, “per_agent” or both"))
    out["per_outlet_fen"] = _money(rule["per_outlet"], "per_outlet") if "per_outlet" in rule else None
    out["per_agent_fen"] = _money(rule["per_agent"], "per_agent") if "per_agent" in rule else None
    out["rules"] = _strings(rule["rules"], "rules") if "rules" in rule else []


def _clawback(rule, out):
    out["rules"] = _strings(rule["rules"], "rules") if "rules" in rule else []
    out["within_days"] = _int(_required(rule, "within_days"), "within_days", 1)
    out["on"] = [_choice(e, "on", CLAW_EVENTS) for e in _strings(rule.get("on", list(CLAW_EVENTS)), "on")]
    out["no_payment_days"] = _int(rule["no_payment_days"], "no_payment_days", 1) if "no_payment_days" in rule else None


PARSERS = {
    RuleKind.PER_UNIT: _per_unit, RuleKind.PERCENT_OF_FEE: _percent_of_fee, RuleKind.TIER: _tier,
    RuleKind.TARGET_BONUS: _target_bonus, RuleKind.REVENUE_SHARE: _revenue_share, RuleKind.STAGED: _staged,
    RuleKind.CAP: _cap, RuleKind.CLAWBACK: _clawback,
}


def _required(rule: dict, field: str):
    if field not in rule:
        raise RuleError(_("field “%(field)s”: missing") % {"field": field})
    return rule[field]


def _parse(rule) -> dict:
    if not isinstance(rule, dict):
        raise RuleError(_("must be an object with “key” and “kind”"))
    key = rule.get("key")
    if not isinstance(key, str) or not key or len(key) > 40 or "#" in key:
        raise RuleError(_("field “key”: a text of 1–40 characters without “#”"))
    kind = _choice(rule.get("kind"), "kind", RuleKind.values)
    unknown = set(rule) - COMMON - FIELDS[kind]
    if unknown:
        raise RuleError(_("unknown field(s) %(fields)s for kind %(kind)s") % {"fields": ", ".join(sorted(unknown)), "kind": kind})
    out = {"key": key, "kind": kind, "label": str(rule.get("label", key))}
    _filters(rule, out)
    PARSERS[kind](rule, out)
    return out


def _cross_check(parsed: list[dict]) -> list[str]:
    errors, keys = [], [r["key"] for r in parsed]
    record_keys = {r["key"] for r in parsed if r["kind"] in RECORD_KINDS}
    for index, rule in enumerate(parsed, start=1):
        if keys.count(rule["key"]) > 1:
            errors.append(_("rule %(i)s (%(key)s), field “key”: used by more than one rule") % {"i": index, "key": rule["key"]})
        for ref in rule.get("rules", []) if rule["kind"] in (RuleKind.CAP, RuleKind.CLAWBACK) else []:
            if ref not in record_keys:
                errors.append(_("rule %(i)s (%(key)s), field “rules”: “%(ref)s” is not a per-record rule of this version")
                              % {"i": index, "key": rule["key"], "ref": ref})
    return errors + _one_cap_per_rule(parsed)


def capped_keys(cap: dict, rules: list[dict]) -> list[str]:
    """The keys of the rules a cap covers: its `rules`, by default every rule but caps and clawbacks."""
    return cap["rules"] or [r["key"] for r in rules if r["kind"] not in (RuleKind.CAP, RuleKind.CLAWBACK)]


def _one_cap_per_rule(parsed: list[dict]) -> list[str]:
    """Two caps over one rule would each cut the full amount; one cap takes per_outlet and per_agent."""
    errors, capped_by = [], {}
    for index, rule in enumerate(parsed, start=1):
        if rule["kind"] != RuleKind.CAP:
            continue
        for key in capped_keys(rule, parsed):
            if key in capped_by:
                errors.append(_("rule %(i)s (%(key)s), field “rules”: “%(ref)s” is already capped by “%(other)s”; "
                                "give per_outlet and per_agent in one cap") % {"i": index, "key": rule["key"], "ref": key,
                                                                               "other": capped_by[key]})
            capped_by.setdefault(key, rule["key"])
    return errors


def parse_rules(rules) -> tuple[list[dict], list[str]]:
    """(normalised rules, errors). Errors read "rule 2 (tier-a), field “bands[1].from”: reason"."""
    if not isinstance(rules, list) or not rules:
        return [], [_("“rules” must be a non-empty list of rules")]
    parsed, errors = [], []
    for index, rule in enumerate(rules, start=1):
        try:
            parsed.append(_parse(rule))
        except RuleError as exc:
            key = rule.get("key", "?") if isinstance(rule, dict) else "?"
            errors.append(_("rule %(i)s (%(key)s), %(reason)s") % {"i": index, "key": key, "reason": exc})
    return parsed, errors + (_cross_check(parsed) if not errors else [])


def validate_rules(rules) -> list[str]:
    """The one validation of the rule format: an empty list when the rules are valid."""
    return parse_rules(rules)[1]


def normalise_rules(rules) -> list[dict]:
    parsed, errors = parse_rules(rules)
    if errors:
        raise RuleError("; ".join(errors))
    return parsed


def validate_channel_types(values) -> list[str]:
    if not isinstance(values, list) or any(v not in ChannelType.values for v in values):
        return [_("“channel_types” must be a list of: %(allowed)s") % {"allowed": ", ".join(ChannelType.values)}]
    return []
