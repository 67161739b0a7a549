"""The Parquet copy: what the analytics engine reads must equal the database, and be rebuildable."""

import datetime as dt

import pytest
from django.core.management import call_command

from qudao.sales.models import DevelopmentRecord
from qudao.sales.pipeline.columnar import connect, facts_root, open_facts

from .helpers import STATUS_HEADERS, csv_bytes, row, submit

pytestmark = pytest.mark.django_db
MONTHS = ["2025-09", "2025-10", "2025-11"]
COLUMNS = ("external_id", "sold_on", "outlet_id", "agent_id", "grid_id", "fee_fen", "status", "is_effective")


def from_parquet(months=MONTHS) -> set[tuple]:
    con = connect()
    try:
        return set(open_facts(con, months).select(", ".join(COLUMNS)).fetchall())
    finally:
        con.close()


def from_database() -> set[tuple]:
    return set(DevelopmentRecord.objects.values_list(*COLUMNS))


def test_view_is_the_current_version_of_each_record(world, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    first = submit(world.head, csv_bytes([row("R1", "2025-10-01 10:00"), row("R2", "2025-10-02 10:00"),
                                          row("R3", "2025-10-03 10:00")]), capture=capture)
    assert (facts_root() / "records" / "month=2025-10" / f"batch-{first.pk}.parquet").exists()
    # R1 corrected within October, R2 moved to November (a tombstone stays in October), R3 unchanged.
    submit(world.head, csv_bytes([row("R1", "2025-10-01 10:00", fee="59"), row("R2", "2025-11-02 10:00"),
                                  row("R3", "2025-10-03 10:00")]), capture=capture)
    submit(world.head, csv_bytes([["R1", "激活", "2025-10-02"], ["R1", "首充", "2025-10-02"]],
                                 headers=STATUS_HEADERS), "s.csv", kind="statuses", capture=capture)

    assert from_parquet() == from_database()
    assert {r[0] for r in from_parquet(["2025-10"])} == {"R1", "R3"}
    assert {r[0] for r in from_parquet(["2025-11"])} == {"R2"}
    assert from_parquet(["2024-01"]) == set()


def test_rebuild_parquet_rewrites_a_month_from_the_database(world, django_capture_on_commit_callbacks, capsys):
    submit(world.head, csv_bytes([row("R1", "2025-10-01 10:00"), row("R2", "2025-10-02 10:00")]),
           capture=django_capture_on_commit_callbacks)
    DevelopmentRecord.objects.filter(external_id="R2").update(is_effective=True, status="activated",
                                                               activated_on=dt.date(2025, 10, 3))
    call_command("rebuild_parquet", "--month", "2025-10")
    files = sorted(p.name for p in (facts_root() / "records" / "month=2025-10").iterdir())
    assert len(files) == 1 and files[0].startswith("rebuild-v")
    assert from_parquet() == from_database()
    assert "2025-10: 2" in capsys.readouterr().out
