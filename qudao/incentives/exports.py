"""Excel exports of a run's lines (streamed from its lines file) and statements (formula-escaped by core.exporting)."""

from django.utils.translation import gettext as _

from qudao.core.money import to_yuan


def line_rows(lines):
    headers = [_("record id"), _("agent code"), _("outlet code"), _("product code"), _("rule"), _("rule kind"),
               _("amount (yuan)"), _("held"), _("explanation")]
    rows = ((line.external_id, line.agent.code if line.agent else line.agent_id, line.outlet.code if line.outlet_id else "",
             line.product.code if line.product_id else "", line.rule_key, line.rule_kind, to_yuan(line.amount_fen),
             _("yes") if line.held else "", line.explanation) for line in lines)
    return headers, rows


def statement_rows(queryset):
    headers = [_("agent code"), _("agent"), _("period"), _("status"), _("lines"), _("total (yuan)"), _("held (yuan)"),
               _("payable (yuan)")]
    rows = ((s.agent.code, s.agent.name, f"{s.run.period:%Y-%m}", s.get_status_display(), s.line_count,
             to_yuan(s.total_fen), to_yuan(s.held_fen), to_yuan(s.payable_fen)) for s in queryset)
    return headers, rows
