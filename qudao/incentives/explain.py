"""A line's explanation, rendered when it is read (in the reader's language) from the figures the
engine stored on it (engine.kinds.PARAMS) and its rule:

| kind           | figures                                                        |
|----------------|----------------------------------------------------------------|
| per_unit       | — (product and amount are the line's own)                      |
| percent_of_fee | base_fen = the record's fee                                    |
| tier           | n1 = the record's rank in the month, n2 = the month's count    |
| revenue_share  | base_fen = monthly fee, n1 = month number since the sale       |
| staged         | day1 = the day the stage fell due (stage number in the key)    |
| target_bonus   | n1 = the month's count, n2 = the target                        |
| cap            | base_fen = the total before the cap                            |
| clawback       | base_fen = what is taken back, day1 = ended on / in arrears since, day2 = sold on, note = why |
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from qudao.core.money import format_yuan


def _stage(line, rule) -> str:
    number = int(line.rule_key.split("#")[1]) if "#" in line.rule_key else 1
    stage = rule["stages"][number - 1] if 0 < number <= len(rule["stages"]) else {"percent": "?"}
    return _("%(label)s: stage %(stage)s, %(percent)s%% of ¥%(base)s (due %(due)s)") % {
        "label": rule["label"], "stage": number, "percent": stage["percent"], "base": format_yuan(rule["amount_fen"]),
        "due": line.day1 or "—"}


def _tier(line, rule) -> str:
    holder = _("outlet") if rule["by"] == "outlet" else _("agent")
    mode = _("marginal") if rule["mode"] == "marginal" else _("retroactive")
    return _("%(label)s: %(holder)s's record no. %(rank)s of %(total)s this month, %(mode)s band → ¥%(amount)s") % {
        "label": rule["label"], "holder": holder, "rank": line.n1, "total": line.n2, "mode": mode,
        "amount": format_yuan(line.amount_fen)}


def _target_bonus(line, rule) -> str:
    share = (Decimal(line.n1 or 0) * 100 / line.n2).quantize(Decimal("0.1")) if line.n2 else "—"
    return _("%(label)s: %(count)s of the target %(target)s (%(share)s%%) ≥ %(needed)s%%") % {
        "label": rule["label"], "count": line.n1, "target": line.n2, "share": share,
        "needed": rule["attainment_percent"]}


def _cap(line, rule) -> str:
    whose, cap = (_("outlet"), rule["per_outlet_fen"]) if line.outlet_id else (_("agent"), rule["per_agent_fen"])
    return _("%(label)s: %(whose)s total ¥%(total)s above the cap of ¥%(cap)s") % {
        "label": rule["label"], "whose": whose, "total": format_yuan(line.base_fen), "cap": format_yuan(cap)}


def _clawback(line, rule) -> str:
    reasons = {"cancelled": _("cancelled on %(day)s"), "churned": _("churned on %(day)s"),
               "arrears": _("in arrears since %(day)s") if line.day1 else _("in arrears"), "no_payment": _("no payment")}
    reason = reasons.get(line.note or "", "%(day)s") % {"day": line.day1 or "—"}
    days = max(rule["within_days"], rule.get("no_payment_days") or 0)
    return _("%(label)s: %(reason)s, within %(days)s days of the sale on %(sold)s; takes back ¥%(paid)s paid") % {
        "label": rule["label"], "reason": reason, "days": days, "sold": line.day2 or "—", "paid": format_yuan(line.base_fen)}


RENDER = {
    "per_unit": lambda line, rule: _("%(label)s: %(product)s × ¥%(amount)s") % {
        "label": rule["label"], "product": line.product.code if line.product else "—",
        "amount": format_yuan(line.amount_fen)},
    "percent_of_fee": lambda line, rule: _("%(label)s: %(percent)s%% of the fee ¥%(fee)s") % {
        "label": rule["label"], "percent": rule["percent"], "fee": format_yuan(line.base_fen)},
    "revenue_share": lambda line, rule: _("%(label)s: %(percent)s%% of the monthly fee ¥%(fee)s, month %(n)s of %(months)s") % {
        "label": rule["label"], "percent": rule["percent"], "fee": format_yuan(line.base_fen), "n": line.n1,
        "months": rule["months"]},
    "staged": _stage,
    "tier": _tier,
    "target_bonus": _target_bonus,
    "cap": _cap,
    "clawback": _clawback,
}


def explain(line) -> str:
    if line.rule is None or line.rule_kind not in RENDER:
        return _("%(rule)s: ¥%(amount)s") % {"rule": line.rule_key, "amount": format_yuan(line.amount_fen)}
    return RENDER[line.rule_kind](line, line.rule)
