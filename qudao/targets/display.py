"""How a target value reads: revenue in yuan, counts with thousands separators."""

from django.utils.translation import gettext as _

from qudao.core.money import format_yuan

from .choices import Metric


def format_value(metric: str, value: int | None) -> str:
    if value is None:
        return "—"
    if metric == Metric.REVENUE_FEN:
        return _("%(amount)s yuan") % {"amount": format_yuan(value)}
    return f"{value:,}"
