"""Hand-made October 2026 records for the fraud tests (see `world`), written to the database with
bulk_create and to the columnar copy the way `manage.py rebuild_parquet` does."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from qudao.sales.models import DevelopmentRecord
from qudao.sales.pipeline.rebuild import rebuild_month

LOCAL = ZoneInfo("Asia/Shanghai")
PERIOD = dt.date(2026, 10, 1)
AS_OF = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def fraud_dirs(settings, tmp_path):
    settings.QUDAO_FACTS_DIR = tmp_path / "facts"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    return tmp_path


def _at(day: int, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(2026, 10, day, hh, mm, tzinfo=LOCAL)


# external id, outlet, local sale time, customer, status, paid_on, ended_on
ROWS = [
    ("S1", "OA1", _at(3, 10), "C-SHARED", "paid", 5, None),
    ("S2", "OA2", _at(4, 10), "C-SHARED", "paid", 5, None),
    ("S3", "OB1", _at(5, 10), "C-SHARED", "paid", 6, None),
    ("W1", "OA1", _at(6, 10), "C-TWO", "paid", 7, None),
    ("W2", "OB1", _at(7, 10), "C-TWO", "paid", 8, None),
    ("B1", "OC1", _at(10, 14, 0), "C-B1", "paid", 11, None),
    ("B2", "OC1", _at(10, 14, 2), "C-B2", "paid", 11, None),
    ("B3", "OC1", _at(10, 14, 4), "C-B3", "paid", 11, None),
    ("B4", "OC1", _at(10, 14, 6), "C-B4", "paid", 11, None),
    ("B5", "OC1", _at(10, 14, 10), "C-B5", "paid", 11, None),
    ("B6", "OC1", _at(10, 14, 21), "C-B6", "paid", 11, None),
    ("O1", "OA1", _at(12, 3, 30), "C-O1", "paid", 13, None),
    ("O2", "OA1", _at(12, 6, 0), "C-O2", "paid", 13, None),
    ("N1", "OA2", _at(15, 11), "C-N1", "new", None, None),
    ("N2", "OA2", _at(25, 11), "C-N2", "activated", None, None),
    ("N3", "OA2", _at(1, 11), "C-N3", "paid", 2, None),
    ("T1", "OB1", _at(1, 11), "C-T1", "cancelled", None, 5),
    ("T2", "OB1", _at(2, 11), "C-T2", "cancelled", None, 12),
    ("T3", "OB1", _at(3, 11), "C-T3", "paid", 4, None),
    ("T4", "OB1", _at(4, 11), "C-T4", "churned", 5, 30),
]


def make_records(cast, rows=ROWS) -> None:
    day = lambda d: dt.date(2026, 10, d) if d else None  # noqa: E731
    DevelopmentRecord.objects.bulk_create([
        DevelopmentRecord(
            external_id=ext, sold_at=at, sold_on=at.date(), outlet_id=cast.outlets[code].pk,
            agent_id=cast.outlets[code].agent_id, grid_id=cast.outlets[code].grid_id, product_id=1,
            customer_hash=customer, subscriber_no="13800138000", fee_fen=3900, batch_id=1, status=status,
            paid_on=day(paid), ended_on=day(ended), is_effective=True,
        )
        for ext, code, at, customer, status, paid, ended in rows
    ])


@pytest.fixture
def world(cast):
    make_records(cast)
    return cast


@pytest.fixture
def parquet(world):
    assert rebuild_month("2026-10") == len(ROWS)
    return world
