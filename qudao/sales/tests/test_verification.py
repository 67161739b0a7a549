"""DEV-7: status files, effectiveness by the rule valid on the sale date, rollups of the affected days."""

import datetime as dt

import pytest

from qudao.sales.choices import ImportStatus, RecordStatus
from qudao.sales.models import DailyRollup, DevelopmentRecord, EffectiveRule, RecordStatusChange

from .helpers import STATUS_HEADERS, csv_bytes, reasons, row, submit

pytestmark = pytest.mark.django_db


def _records(world, capture):
    rows = [row("R1", "2025-10-01 10:00"), row("R2", "2025-10-01 11:00"), row("R3", "2025-10-02 10:00"),
            row("R4", "2025-10-02 11:00", outlet="OB1")]
    assert submit(world.head, csv_bytes(rows), capture=capture).status == ImportStatus.DONE


def _statuses(world, rows, capture, **kwargs):
    return submit(world.head, csv_bytes(rows, headers=STATUS_HEADERS), "statuses.csv", kind="statuses",
                  capture=capture, **kwargs)


def _effective():
    return dict(DevelopmentRecord.objects.values_list("external_id", "is_effective"))


def test_status_file_makes_records_effective_and_rebuilds_rollups(world, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    _records(world, capture)
    batch = _statuses(world, [
        ["R1", "激活", "2025-10-02"], ["R1", "首充", "2025-10-05"],  # effective
        ["R2", "activated", "2025-10-02"], ["R2", "首充", "2025-11-20"],  # paid too late (30 days)
        ["R3", "激活", "2025-10-03"], ["R3", "首充", "2025-10-03"], ["R3", "撤单", "2025-10-20"],  # cancelled within 30
        ["R1", "激活", "2025-10-02"],  # the same fact twice: stored once
    ], capture)
    assert batch.status == ImportStatus.DONE, (batch.message, batch.errors)
    assert RecordStatusChange.objects.count() == 7
    assert _effective() == {"R1": True, "R2": False, "R3": False, "R4": False}
    r3 = DevelopmentRecord.objects.get(external_id="R3")
    assert (r3.status, r3.activated_on, r3.paid_on, r3.ended_on) == (
        RecordStatus.CANCELLED, dt.date(2025, 10, 3), dt.date(2025, 10, 3), dt.date(2025, 10, 20))
    day1 = DailyRollup.objects.get(day=dt.date(2025, 10, 1))
    assert (day1.records, day1.effective, day1.effective_fee_fen) == (2, 1, 3990)

    again = _statuses(world, [["R1", "激活", "2025-10-02"]], capture)
    assert (again.rows_inserted, again.rows_replaced, again.rows_unchanged) == (0, 0, 1)
    assert RecordStatusChange.objects.count() == 7


def test_rule_valid_on_the_sale_date_decides(world, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    EffectiveRule.objects.create(valid_from=dt.date(2025, 10, 2), require_payment=False, within_days=10)
    _records(world, capture)
    _statuses(world, [["R1", "激活", "2025-10-05"], ["R3", "激活", "2025-10-05"]], capture)
    # R1 (sold 10-01) falls under the default rule (payment needed); R3 (10-02) under the new one.
    assert _effective() == {"R1": False, "R2": False, "R3": True, "R4": False}


def test_unknown_ids_and_early_dates_are_row_errors(world, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    _records(world, capture)
    batch = _statuses(world, [["R1", "激活", "2025-10-02"], ["NOPE", "激活", "2025-10-02"],
                              ["R2", "激活", "2025-09-30"], ["R3", "注销", "2025-10-02"]], capture)
    assert batch.status == ImportStatus.REJECTED
    assert reasons(batch) == [
        (3, "业务流水号", "未知的业务流水号“NOPE”（须为已导入、且在您管辖范围内的发展记录）"),
        (4, "生效日期", "生效日期 2025-09-30 早于该记录的受理日期 2025-10-01"),
        (5, "状态", "“注销”不是有效的状态，可选：激活、首充、撤单、离网、欠费"),
    ]
    assert RecordStatusChange.objects.count() == 0

    partial = _statuses(world, [["R1", "激活", "2025-10-02"], ["NOPE", "激活", "2025-10-02"]], capture,
                        allow_partial=True)
    assert (partial.status, partial.rows_inserted, partial.rows_rejected) == (ImportStatus.DONE, 1, 1)


def test_status_updates_of_records_out_of_reach_are_refused(world, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    _records(world, capture)
    batch = submit(world.manager_a, csv_bytes([["R4", "激活", "2025-10-03"]], headers=STATUS_HEADERS),
                   "s.csv", kind="statuses", capture=capture)
    assert batch.status == ImportStatus.REJECTED
    assert "未知的业务流水号“R4”" in batch.errors[0]["reason"]


def test_a_correction_moving_an_effective_record_to_a_new_day_carries_its_status_into_the_rollup(
        world, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    _records(world, capture)
    _statuses(world, [["R1", "激活", "2025-10-02"], ["R1", "首充", "2025-10-05"]], capture)
    assert _effective()["R1"] is True
    # R1 really was sold on the 3rd, a day without any rollup yet: built from the batch's rows.
    moved = submit(world.head, csv_bytes([row("R1", "2025-10-03 10:00"), row("R5", "2025-10-03 12:00")]),
                   capture=capture)
    assert (moved.rows_inserted, moved.rows_replaced) == (1, 1), moved.message
    day = DailyRollup.objects.get(day=dt.date(2025, 10, 3))
    assert (day.records, day.effective, day.fee_fen, day.effective_fee_fen) == (2, 1, 7980, 3990)
    assert DailyRollup.objects.get(day=dt.date(2025, 10, 1)).records == 1  # R2 stays where it was
