"""Excel and PDF copies of a bulletin (the lines the reader may see)."""

import io
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook

from qudao.core.money import to_yuan
from qudao.core.spreadsheet import escape_cell

from .models import Bulletin, BulletinLine

PDF_TIMEOUT_SECONDS = 90


def _headers() -> list[str]:
    return [
        _("county"), _("grid"), _("agent code"), _("agent"), _("development count"), _("previous week's count"),
        _("week on week (%)"), _("effective count"), _("fees (yuan)"), _("rank in grid"), _("rank in county"),
        _("week's target"), _("attainment (%)"),
    ]


def _row(line: BulletinLine) -> list:
    return [
        line.county.name if line.county_id else "", line.grid.name, line.agent.code, line.agent.name,
        line.records, line.prev_records, line.records_change_pct, line.effective, to_yuan(line.fee_fen),
        f"{line.rank_in_grid}/{line.grid_agents}",
        f"{line.rank_in_county}/{line.county_agents}" if line.rank_in_county else "",
        line.week_target, line.attainment_pct,
    ]


def bulletin_xlsx(bulletin: Bulletin, lines: Iterable[BulletinLine]) -> bytes:
    """One sheet: a title row, the headers, a row per line; every text cell formula-escaped."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=f"{bulletin.week_start:%Y-%m-%d}")
    sheet.append([escape_cell(_("Weekly bulletin %(week)s") % {"week": bulletin})])
    sheet.append([escape_cell(h) for h in _headers()])
    for line in lines:
        sheet.append([escape_cell(value) for value in _row(line)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class PdfUnavailable(RuntimeError):
    pass


def _browser() -> str:
    configured = getattr(settings, "QUDAO_PDF_BROWSER", "")
    for candidate in (configured, "chromium", "chromium-browser", "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    raise PdfUnavailable(_("No PDF renderer is installed (WeasyPrint or Chromium)."))


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint when importable, else headless Chromium's print-to-PDF. The page uses the
    Noto CJK fonts (Debian package fonts-noto-cjk) so Chinese renders."""
    try:
        from weasyprint import HTML  # optional dependency
    except ImportError:
        pass
    else:
        return HTML(string=html).write_pdf()
    browser = _browser()
    with tempfile.TemporaryDirectory(prefix="qudao-pdf-") as folder:
        page, out = Path(folder) / "page.html", Path(folder) / "page.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            f"--user-data-dir={folder}/profile", f"--print-to-pdf={out}", page.as_uri(),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=PDF_TIMEOUT_SECONDS)  # noqa: S603 (fixed argv)
        except (subprocess.SubprocessError, OSError) as exc:
            raise PdfUnavailable(_("The PDF could not be rendered: %(error)s") % {"error": exc}) from exc
        if not out.exists():
            raise PdfUnavailable(_("The PDF could not be rendered."))
        return out.read_bytes()


def bulletin_pdf(bulletin: Bulletin, lines: Iterable[BulletinLine], *, title: str) -> bytes:
    html = render_to_string("performance/bulletin_print.html", {"bulletin": bulletin, "lines": list(lines), "title": title})
    return html_to_pdf(html)
