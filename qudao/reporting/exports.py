"""Excel exports: period statistics (DEV-6) and the monthly report pack for the center (DEV-5).

Every cell goes through `qudao.core.spreadsheet.escape_cell`, so a name starting with "=" is text.
"""

import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from qudao.core.money import to_yuan
from qudao.core.spreadsheet import escape_cell
from qudao.sales.choices import ProductCategory

from .periods import Period
from .statistics import Line, Statistics, node_statistics
from .subjects import Subject
from .summary import summary_lines


def workbook_name(kind: str, subject: Subject, period: Period) -> str:
    code = subject.node.code if subject.node else "agent"
    return f"{kind}-{code}-{period.label.replace(' ', '')}.xlsx"


def statistics_workbook(user, subject: Subject, period: Period) -> bytes:
    stats = node_statistics(user, subject, period)
    workbook = Workbook()
    _summary_sheet(workbook.active, stats)
    _units_sheet(_sheet(workbook, _("By unit")), stats.units)
    _categories_sheet(_sheet(workbook, _("By product category")), stats)
    return _save(workbook)


def monthly_pack(user, subject: Subject, period: Period) -> bytes:
    stats = node_statistics(user, subject, period, with_agents=True)
    workbook = Workbook()
    _summary_sheet(workbook.active, stats)
    _units_sheet(_sheet(workbook, _("By county and grid")), stats.units)
    _units_sheet(_sheet(workbook, _("By agent")), stats.agents)
    _categories_sheet(_sheet(workbook, _("By product category")), stats)
    _daily_sheet(_sheet(workbook, _("Daily trend")), stats)
    _units_sheet(_sheet(workbook, _("Laggards")), stats.laggards)
    return _save(workbook)


_NOT_IN_SHEET_TITLES = re.compile(r"[\\/*?:\[\]]")


def _sheet(workbook: Workbook, title: str):
    """A new sheet; Excel forbids some characters in titles (a translation may use "/")."""
    return workbook.create_sheet(_NOT_IN_SHEET_TITLES.sub("·", str(title))[:31])


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _append(sheet, values) -> None:
    sheet.append([escape_cell(v) for v in values])


def _header(sheet, headers) -> None:
    _append(sheet, headers)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(12, 2 * len(str(cell.value)) + 2)


def _pct(value):
    return None if value is None else value / 100  # a ratio, shown with Excel's % format


def _summary_sheet(sheet, stats: Statistics) -> None:
    sheet.title = _NOT_IN_SHEET_TITLES.sub("·", _("Summary"))[:31]
    sheet.column_dimensions["A"].width = 110
    lines = summary_lines(stats)
    _append(sheet, [lines[0]])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in lines[1:]:
        _append(sheet, [line])
    _append(sheet, [])
    t = stats.totals
    _header(sheet, [_("Measure"), _("Value")])
    sheet.column_dimensions["A"].width = 110
    for label, value in [
        (_("Development"), t.records), (_("Revenue (yuan)"), to_yuan(t.fee_fen)),
        (_("Effective"), t.effective), (_("Effective rate"), _pct(t.effective_rate)),
        (_("Development target"), stats.development.target.full if stats.development.target else None),
        (_("Attainment"), _pct(stats.development.attainment)),
        (_("Revenue target (yuan)"), to_yuan(int(stats.revenue.target.full)) if stats.revenue.target else None),
        (_("Revenue attainment"), _pct(stats.revenue.attainment)),
        (_("Development, previous period"), stats.previous.records),
        (_("Effective rate, previous period"), _pct(stats.previous.effective_rate)),
    ]:
        _append(sheet, [label, value])


def _units_sheet(sheet, lines: list[Line]) -> None:
    _header(sheet, [_("Code"), _("Name"), _("Level"), _("Development"), _("Development target"), _("Attainment"),
                    _("Revenue (yuan)"), _("Revenue target (yuan)"), _("Revenue attainment"), _("Effective"),
                    _("Effective rate")])
    for line in lines:
        t, dev, rev = line.totals, line.development, line.revenue
        _append(sheet, [
            line.code, line.name, line.level, t.records, dev.target.full if dev.target else None, _pct(dev.attainment),
            to_yuan(t.fee_fen), to_yuan(int(rev.target.full)) if rev.target else None, _pct(rev.attainment),
            t.effective, _pct(t.effective_rate),
        ])
    _percent_columns(sheet, ("F", "I", "K"))


def _categories_sheet(sheet, stats: Statistics) -> None:
    _header(sheet, [_("Category"), _("Development"), _("Share"), _("Revenue (yuan)"), _("Effective"), _("Effective rate")])
    labels = dict(ProductCategory.choices)
    for line in stats.categories:
        t = line.totals
        share = t.records / stats.totals.records if stats.totals.records else None
        _append(sheet, [str(labels.get(line.code, line.code)), t.records, share, to_yuan(t.fee_fen), t.effective,
                        _pct(t.effective_rate)])
    _percent_columns(sheet, ("C", "F"))


def _daily_sheet(sheet, stats: Statistics) -> None:
    _header(sheet, [_("Day"), _("Development"), _("Revenue (yuan)"), _("Effective"), _("Effective rate")])
    for day, t in stats.days:
        _append(sheet, [day, t.records, to_yuan(t.fee_fen), t.effective, _pct(t.effective_rate)])
    for cell in sheet["A"][1:]:
        cell.number_format = "yyyy-mm-dd"
    _percent_columns(sheet, ("E",))


def _percent_columns(sheet, letters) -> None:
    for letter in letters:
        for cell in sheet[letter][1:]:
            cell.number_format = "0.0%"
