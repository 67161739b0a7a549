"""Small fixtures for the fieldwork tests: development records and status changes written directly."""

import datetime as dt
import io
import itertools
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from qudao.sales.choices import ProductCategory, RecordStatus
from qudao.sales.models import DevelopmentRecord, Product, RecordStatusChange

SHANGHAI = ZoneInfo("Asia/Shanghai")
_serial = itertools.count(1)


def make_product(code="P1") -> Product:
    return Product.objects.get_or_create(code=code, defaults={
        "name": "Plan 39", "category": ProductCategory.MOBILE_PLAN, "monthly_fee_fen": 3900,
        "active_from": dt.date(2024, 1, 1)})[0]


def make_records(outlet, day: dt.date, n: int, product, *, status=RecordStatus.NEW, prefix="R") -> list:
    rows = []
    for _ in range(n):
        serial = next(_serial)
        rows.append(DevelopmentRecord(
            external_id=f"{prefix}{serial:07d}", sold_at=dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI),
            sold_on=day, outlet_id=outlet.pk, agent_id=outlet.agent_id, grid_id=outlet.grid_id, product_id=product.pk,
            customer_hash=f"{serial:064d}", subscriber_no=f"138{serial:08d}", fee_fen=3990, batch_id=1,
            status=status, is_effective=status in (RecordStatus.ACTIVATED, RecordStatus.PAID),
        ))
    return DevelopmentRecord.objects.bulk_create(rows)


def change_status(records, day: dt.date, status=RecordStatus.ACTIVATED) -> None:
    RecordStatusChange.objects.bulk_create(
        [RecordStatusChange(external_id=r.external_id, status=status, effective_on=day, batch_id=1) for r in records])


def jpeg_upload(name="evidence.jpg"):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")
