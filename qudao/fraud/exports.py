"""Excel/CSV of fraud flags: one `values_list` query, read in chunks."""

from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.core.exporting import ITERATOR_CHUNK

from .choices import FlagStatus, RuleKind

_FIELDS = ("period", "external_id", "sold_on", "outlet__code", "agent__code", "rule", "score", "status",
           "reviewed_by__username", "reviewed_at", "review_comment")


def _render(values) -> list:
    period, ext, sold_on, outlet, agent, rule, score, status, by, at, comment = values
    return [f"{period:%Y-%m}", ext, sold_on, outlet, agent, str(RuleKind(rule).label), score,
            str(FlagStatus(status).label), by or "", timezone.localtime(at).strftime("%Y-%m-%d %H:%M") if at else "",
            comment]


def flags_table(queryset):
    headers = [_("period"), _("record id"), _("sale date"), _("outlet code"), _("agent code"), _("rule"),
               _("risk score"), _("status"), _("reviewed by"), _("reviewed at"), _("review comment")]
    rows = queryset.order_by("period", "outlet__code", "external_id", "rule").values_list(*_FIELDS)
    return headers, (_render(values) for values in rows.iterator(chunk_size=ITERATOR_CHUNK))
