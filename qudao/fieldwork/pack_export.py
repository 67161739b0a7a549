"""The meeting pack as an Excel workbook, one sheet per section (cells formula-escaped)."""

import io

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from qudao.core.money import to_yuan
from qudao.core.spreadsheet import escape_cell

from .meeting_pack import MeetingPack


def pack_workbook(pack: MeetingPack) -> bytes:
    workbook = Workbook()
    _kpis(workbook.active, pack)
    _sheet(workbook, _("Weakest agents"), [_("agent code"), _("agent"), _("development"), _("target"),
                                          _("attainment %")],
           [[line.code, line.name, line.totals.records, line.development.target.full if line.development.target
             else None, line.development.attainment] for line in pack.weakest_agents])
    _sheet(workbook, _("Weakest outlets"), [_("outlet code"), _("outlet"), _("development"), _("target"),
                                           _("attainment %")],
           [[w.outlet.code, w.outlet.name, w.records, w.target, w.attainment] for w in pack.weakest_outlets])
    _sheet(workbook, _("Violations"), [_("violation kind"), _("raised in the month"), _("open now")],
           [[row["kind"], row["raised"], row["open"]] for row in pack.violations_by_kind])
    _sheet(workbook, _("Overdue rectifications"), [_("deadline"), _("outlet"), _("what must be fixed"), _("status")],
           [[r.deadline, r.outlet.name, r.description, r.get_status_display()] for r in pack.overdue_rectifications])
    _sheet(workbook, _("Promotions"), [_("note")], [[_("No promotions module yet.")]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _kpis(sheet, pack: MeetingPack) -> None:
    sheet.title = _("KPIs")[:31]
    _rows(sheet, [_("unit"), _("development"), _("development target"), _("attainment %"), _("pace %"),
                  _("revenue (yuan)"), _("revenue target (yuan)"), _("revenue attainment %"),
                  _("effective rate %")],
          [[stats.subject.title, stats.totals.records, _full(stats.development), stats.development.attainment,
            stats.development.pace, to_yuan(stats.totals.fee_fen), _yuan(_full(stats.revenue)),
            stats.revenue.attainment, stats.totals.effective_rate] for stats in pack.sections])


def _full(progress):
    return progress.target.full if progress.target else None


def _yuan(fen):
    return None if fen is None else to_yuan(int(fen))


def _sheet(workbook, title, headers, rows) -> None:
    _rows(workbook.create_sheet(str(title)[:31]), headers, rows)


def _rows(sheet, headers, rows) -> None:
    sheet.append([escape_cell(str(h)) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([escape_cell(str(v) if isinstance(v, Promise) else v) for v in row])
