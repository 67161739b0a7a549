import datetime as dt

import pytest

from qudao.sales.choices import ImportStatus
from qudao.sales.models import DailyRollup, DevelopmentRecord, RecordRevision
from qudao.sales.pipeline.records import customer_hash

from .helpers import ID_A, csv_bytes, reasons, row, submit, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_happy_path_attributes_through_a_transfer(world, django_capture_on_commit_callbacks):
    content = csv_bytes([
        row("R1", "2025-10-14 23:59:59"),  # the day before OA1's transfer: agent 1 / grid A
        row("R2", "2025-10-15 00:00:00", fee="10"),  # the transfer day: agent 2 / grid B
        row("R3", "2025-10-20 09:00", outlet="OB1", product="P2", fee="1000.00"),
    ])
    batch = submit(world.head, content, capture=django_capture_on_commit_callbacks)

    assert batch.status == ImportStatus.DONE, batch.message
    assert (batch.rows_total, batch.rows_inserted, batch.rows_rejected) == (3, 3, 0)
    by_id = {r.external_id: r for r in DevelopmentRecord.objects.all()}
    assert (by_id["R1"].agent_id, by_id["R1"].grid_id) == (world.agent1.pk, world.grid_a.pk)
    assert (by_id["R2"].agent_id, by_id["R2"].grid_id) == (world.agent2.pk, world.grid_b.pk)
    assert by_id["R1"].customer_hash == customer_hash(ID_A) and ID_A not in by_id["R1"].customer_hash
    assert by_id["R3"].fee_fen == 100000 and by_id["R2"].fee_fen == 1000
    assert by_id["R1"].sold_on == dt.date(2025, 10, 14)
    days = set(DailyRollup.objects.values_list("day", flat=True))
    assert days == {dt.date(2025, 10, 14), dt.date(2025, 10, 15), dt.date(2025, 10, 20)}
    assert not batch.file  # the upload (it may hold ID numbers) is gone


def test_reimport_is_idempotent_and_a_correction_makes_a_revision(world, django_capture_on_commit_callbacks):
    rows = [row("R1"), row("R2", outlet="OA2")]
    submit(world.head, csv_bytes(rows), capture=django_capture_on_commit_callbacks)
    again = submit(world.head, xlsx_bytes(rows), "again.xlsx", capture=django_capture_on_commit_callbacks)
    assert (again.rows_inserted, again.rows_replaced, again.rows_unchanged) == (0, 0, 2), again.message
    assert DevelopmentRecord.objects.count() == 2

    corrected = submit(world.head, csv_bytes([row("R1", fee="49.90"), row("R3")]),
                       capture=django_capture_on_commit_callbacks)
    assert (corrected.rows_inserted, corrected.rows_replaced, corrected.rows_unchanged) == (1, 1, 0)
    record = DevelopmentRecord.objects.get(external_id="R1")
    revision = RecordRevision.objects.get()
    assert (record.fee_fen, revision.fee_fen, revision.record_id) == (4990, 3990, record.pk)
    assert revision.replaced_by_id == corrected.pk
    assert DevelopmentRecord.objects.count() == 3


def test_one_bad_row_rejects_the_file_unless_partial(world, django_capture_on_commit_callbacks):
    rows = [row("R1"), row("R2", outlet="NOPE"), row("R3", fee="-1")]
    batch = submit(world.head, csv_bytes(rows), capture=django_capture_on_commit_callbacks)
    assert batch.status == ImportStatus.REJECTED
    assert DevelopmentRecord.objects.count() == 0
    assert reasons(batch) == [
        (3, "网点编码", "未知的网点编码“NOPE”（须为受理时属于您管辖范围的网点）"),
        (4, "费用（元）", "费用不能为负数（“-1”）"),
    ]

    partial = submit(world.head, csv_bytes(rows), allow_partial=True, capture=django_capture_on_commit_callbacks)
    assert partial.status == ImportStatus.DONE
    assert (partial.rows_inserted, partial.rows_rejected) == (1, 2)
    assert list(DevelopmentRecord.objects.values_list("external_id", flat=True)) == ["R1"]


def test_an_upload_keeps_the_dashboard_aggregates_current(world, django_capture_on_commit_callbacks):
    from qudao.reporting.models import NodeDayStat, OutletMonthStat

    day = dt.date(2025, 10, 20)
    submit(world.head, csv_bytes([row("R1", "2025-10-20 09:00", outlet="OA2", fee="10"),
                                  row("R2", "2025-10-20 10:00", outlet="OA2", fee="20")]),
           capture=django_capture_on_commit_callbacks)
    assert NodeDayStat.objects.get(node=world.grid_a, day=day).records == 2
    months = OutletMonthStat.objects.filter(month=dt.date(2025, 10, 1))
    assert {(m.outlet_id, m.records, m.fee_fen) for m in months} == {(world.outlets["OA2"].pk, 2, 3000)}

    # A correction moves R2 to OB1 (grid B): both outlets' months and both grids' days follow.
    submit(world.head, csv_bytes([row("R2", "2025-10-20 10:00", outlet="OB1", fee="20")]),
           capture=django_capture_on_commit_callbacks)
    assert NodeDayStat.objects.get(node=world.grid_a, day=day).records == 1
    assert NodeDayStat.objects.get(node=world.grid_b, day=day).records == 1
    assert {(m.outlet_id, m.records) for m in months.all()} == {(world.outlets["OA2"].pk, 1), (world.outlets["OB1"].pk, 1)}
