"""manage.py import_records: the same pipeline, synchronous, printing its stages; dry runs write nothing."""

import pytest
from django.core.management import call_command

from qudao.sales.choices import ImportStatus
from qudao.sales.models import DevelopmentRecord, ImportBatch

from .helpers import csv_bytes, row

pytestmark = pytest.mark.django_db


def test_import_records_prints_progress_and_the_result(world, tmp_path, capsys):
    path = tmp_path / "day.csv"
    path.write_bytes(csv_bytes([row("R1"), row("R2", outlet="OB1")]))
    call_command("import_records", str(path), "--user", "head")
    out = capsys.readouterr().out
    assert "[ 25%]" in out and "[100%]" in out
    assert "2 rows, 2 added, 0 corrected/updated, 0 unchanged, 0 rejected" in out
    assert DevelopmentRecord.objects.count() == 2
    assert path.exists()  # the user's own file is left alone


def test_dry_run_compares_but_writes_nothing(world, tmp_path, capsys):
    path = tmp_path / "day.csv"
    path.write_bytes(csv_bytes([row("R1")]))
    call_command("import_records", str(path), "--user", "head")
    path.write_bytes(csv_bytes([row("R1", fee="1"), row("R2")]))
    call_command("import_records", str(path), "--user", "head", "--dry-run")
    batch = ImportBatch.objects.latest("id")
    assert (batch.status, batch.rows_inserted, batch.rows_replaced) == (ImportStatus.DONE, 1, 1)
    assert list(DevelopmentRecord.objects.values_list("external_id", "fee_fen")) == [("R1", 3990)]
    assert batch.sequence is None


def test_rejected_file_exits_non_zero_and_prints_the_errors(world, tmp_path, capsys):
    path = tmp_path / "day.csv"
    path.write_bytes(csv_bytes([row("R1", outlet="NOPE")]))
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_records", str(path), "--user", "head")
    assert exit_info.value.code == 1
    assert "行 2 | 网点编码 | 未知的网点编码“NOPE”" in capsys.readouterr().out


def test_users_without_import_rights_are_refused(world, tmp_path):
    path = tmp_path / "day.csv"
    path.write_bytes(csv_bytes([row("R1")]))
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="may not import"):
        call_command("import_records", str(path), "--user", "analyst")
