from django import template
from django.utils.translation import gettext as _

from ..risk import describe

register = template.Library()


@register.filter
def reason_text(reason: dict) -> str:
    return describe(reason)


@register.filter
def metres(value) -> str:
    """1234 → '1.2 km', 85 → '85 m', None → '—'."""
    if value is None or value == "":
        return "—"
    value = int(value)
    return _("%(km)s km") % {"km": f"{value / 1000:.1f}"} if value >= 1000 else _("%(m)d m") % {"m": value}
