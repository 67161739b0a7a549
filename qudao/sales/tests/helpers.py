"""Small files and a little master data for the pipeline tests (big files belong to bench/)."""

import csv
import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import CaptureQueriesContext  # noqa: F401 - re-exported for tests
from openpyxl import Workbook

from qudao.channels.models import OutletAssignment
from qudao.sales.choices import ProductCategory
from qudao.sales.models import ImportBatch, Product
from qudao.sales.services import import_batch_submit

HEADERS = ["业务流水号", "受理时间", "网点编码", "产品编码", "证件号码", "号码", "费用（元）", "受理员工"]
STATUS_HEADERS = ["业务流水号", "状态", "生效日期"]
TRANSFER_DAY = dt.date(2025, 10, 15)
ID_A = "110101199003077774"  # valid check character
ID_B = "440101199001013212"


def row(ext, when="2025-10-05 10:30:00", outlet="OA1", product="P1", id_number=ID_A, phone="13800138000",
        fee="39.90", staff="YG01"):
    return [ext, when, outlet, product, id_number, phone, fee, staff]


def csv_bytes(rows, headers=HEADERS, encoding="utf-8", bom=False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows, headers=HEADERS, title_row=None, merge=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    if title_row is not None:
        ws.append([title_row])
        if merge:
            ws.merge_cells(merge)
    ws.append(headers)
    for values in rows:
        ws.append(values)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def build_sales_world(cast):
    """Products P1 (plan), P2 (policy); OA1 transferred from agent 1/grid A to agent 2/grid B on
    2025-10-15; OC1 closed on 2025-09-30."""
    Product.objects.create(code="P1", name="Plan 39", category=ProductCategory.MOBILE_PLAN, monthly_fee_fen=3900,
                           active_from=dt.date(2024, 1, 1))
    Product.objects.create(code="P2", name="Policy", category=ProductCategory.POLICY, premium_fen=100000,
                           active_from=dt.date(2024, 1, 1), active_to=dt.date(2025, 12, 31))
    oa1 = cast.outlets["OA1"]
    OutletAssignment.objects.filter(outlet=oa1, valid_to__isnull=True).update(valid_to=TRANSFER_DAY)
    OutletAssignment.objects.create(outlet=oa1, agent=cast.agent2, grid=cast.grid_b, valid_from=TRANSFER_DAY,
                                    reason="transfer")
    OutletAssignment.objects.filter(outlet=cast.outlets["OC1"], valid_to__isnull=True).update(
        valid_to=dt.date(2025, 9, 30))
    return cast


def submit(user, content: bytes, name="records.csv", *, kind="records", allow_partial=False, dry_run=False,
           capture=None) -> ImportBatch:
    """Uploads like the page does and runs the queued task inline (`capture` is pytest-django's
    django_capture_on_commit_callbacks)."""
    upload = SimpleUploadedFile(name, content)
    with capture(execute=True):
        batch = import_batch_submit(upload=upload, kind=kind, by=user, allow_partial=allow_partial, dry_run=dry_run)
    batch.refresh_from_db()
    return batch


def reasons(batch) -> list[tuple]:
    return [(e["row"], e["column"], e["reason"]) for e in batch.errors]
