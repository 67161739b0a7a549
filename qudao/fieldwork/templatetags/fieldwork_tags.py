from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def pct(value) -> str:
    """Decimal('15.0') → '15.0%', None → '—'."""
    return "—" if value is None else f"{value}%"


@register.filter
def risk_text(reason: dict) -> str:
    """A stored risk reason of a callback stratum, in the reader's language."""
    code = reason.get("code")
    if code == "open_violations":
        return _("%(n)s open violation(s)") % reason
    if code == "open_rectifications":
        return _("%(n)s open rectification(s)") % reason
    if code == "low_effective_rate":
        return _("low effective rate (%(pct)s%%)") % reason
    if code == "high_cancellation":
        return _("many cancellations (%(pct)s%%)") % reason
    return str(code)


@register.filter
def activity_label(kind: str) -> str:
    labels = {
        "inspection": _("Inspection"), "visit": _("Visit"), "call": _("Phone call"), "callback": _("Callback"),
        "task": _("Task closed"), "rectification": _("Rectification closed"), "assist": _("Sales assistance"),
        "training": _("Training"),
    }
    return labels.get(kind, kind)


@register.filter
def count_label(key: str) -> str:
    labels = {
        "inspections": _("Inspections"), "visits": _("Visits"), "calls": _("Phone calls"),
        "callbacks": _("Callbacks"), "tasks_closed": _("Tasks closed"),
        "rectifications_closed": _("Rectifications closed"), "assist_days": _("Sales-assistance days"),
        "trainings": _("Training sessions"),
    }
    return labels.get(key, key)


@register.filter
def get(mapping, key):
    return (mapping or {}).get(key)
