"""A statement as a file the agent can keep: Excel (summary and every line) and PDF (CJK fonts)."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from qudao.core.exporting import export_file
from qudao.core.money import format_yuan, to_yuan
from qudao.incentives.selectors import statement_lines
from qudao.performance.exports import html_to_pdf

PDF_LINE_CAP = 5_000  # a printed statement beyond this says so and points to the Excel file


def _headers() -> list[str]:
    return [_("record"), _("outlet"), _("product"), _("rule"), _("rule kind"), _("amount (yuan)"), _("held"),
            _("explanation")]


def _rows(statement, limit=None):
    lines = statement_lines(statement)
    for line in lines[:limit] if limit else lines:
        yield [line.external_id, line.outlet.code if line.outlet_id else "", line.product.code if line.product_id else "",
               line.rule_key, line.rule_kind, to_yuan(line.amount_fen), _("yes") if line.held else "",
               line.explanation]


def summary_rows(statement) -> list[list]:
    return [
        [_("agent"), f"{statement.agent.code} {statement.agent.name}"],
        [_("period"), f"{statement.run.period:%Y-%m}"],
        [_("status"), statement.get_status_display()],
        [_("total (yuan)"), to_yuan(statement.total_fen)],
        [_("held (yuan)"), to_yuan(statement.held_fen)],
        [_("payable (yuan)"), to_yuan(statement.payable_fen)],
    ]


def statement_xlsx(statement) -> bytes:
    blank = [""] * (len(_headers()) - 2)
    rows = [[*row, *blank] for row in summary_rows(statement)] + [[""] * len(_headers()), _headers()]
    return export_file([_("Remuneration statement"), "", *blank], [*rows, *_rows(statement)], "xlsx",
                       title=f"{statement.run.period:%Y-%m}")


def statement_pdf(statement) -> bytes:
    lines = list(_rows(statement, limit=PDF_LINE_CAP + 1))
    html = render_to_string("statements/statement_print.html", {
        "statement": statement, "summary": summary_rows(statement), "headers": _headers(),
        "lines": lines[:PDF_LINE_CAP], "truncated": len(lines) > PDF_LINE_CAP, "cap": PDF_LINE_CAP,
        "payable": format_yuan(statement.payable_fen),
    })
    return html_to_pdf(html)
