"""Excel/CSV import of targets and of the holiday notice."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from qudao.targets.calendar import working_days
from qudao.targets.importers import CalendarImporter, TargetImporter
from qudao.targets.models import CalendarException, Target

from .helpers import target, value_of

HEADER = "节点或网点编码,周期,指标,产品类别,目标值\n"


def _csv(*lines: str) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode()


def _run(user, data: bytes, commit=True, name="targets.csv"):
    return TargetImporter(user=user).run(data, name, commit=commit)


def test_import_creates_a_consistent_tree(cast):
    result = _run(cast.head, _csv("A1,2026-11,发展量,,100", "GA,2026-11,发展量,,70", "GB,2026-11,records,,30",
                                  "OA1,2026-11,收入（元）,宽带,1234.5"))
    assert result.committed, result.errors
    assert value_of(node=cast.grid_a) == 70 and value_of(outlet=cast.OA1, metric="revenue_fen") == 123_450
    assert Target.objects.get(outlet=cast.OA1).category == "broadband"
    assert Target.objects.get(node=cast.area1).history.first().history_change_reason == "import:targets"


def test_children_that_do_not_add_up_refuse_the_whole_file(cast):
    result = _run(cast.head, _csv("A1,2026-11,发展量,,100", "GA,2026-11,发展量,,70", "GB,2026-11,发展量,,20"))
    assert not result.committed and not Target.objects.exists()
    reasons = {(e.row, e.reason) for e in result.errors}
    assert any(row == 3 and "90" in reason and "相差 10" in reason for row, reason in reasons)


def test_import_updates_existing_targets_and_checks_against_the_database(cast):
    target(100, node=cast.area1)
    target(60, node=cast.grid_a)
    target(40, node=cast.grid_b)
    refused = _run(cast.head, _csv("GA,2026-11,发展量,,70"))
    assert not refused.committed and "相差 10" in refused.errors[0].reason
    accepted = _run(cast.head, _csv("GA,2026-11,发展量,,70", "GB,2026-11,发展量,,30"))
    assert accepted.committed and value_of(node=cast.grid_a) == 70


def test_rows_beyond_reach_or_role_are_errors(cast):
    result = _run(cast.manager_a, _csv("OB1,2026-11,发展量,,5", "GA,2026-11,发展量,,5", "OA1,2026-13,发展量,,5",
                                       "OA2,2026-11,发展量,,1.5"))
    reasons = [e.reason for e in sorted(result.errors)]
    assert "不存在或不在您的管辖范围内" in reasons[0]
    assert "无权" in reasons[1]
    assert "不是有效的周期" in reasons[2]
    assert "整数" in reasons[3]
    with pytest.raises(PermissionDenied):
        _run(cast.analyst, _csv("OA1,2026-11,发展量,,5"))


def test_duplicate_rows_are_reported(cast):
    result = _run(cast.head, _csv("OA1,2026Q4,发展量,,5", "OA1,2026-Q4,records,,6"))
    assert not result.committed and "重复" in result.errors[0].reason


def test_xlsx_with_a_date_cell_for_the_month(cast):
    wb = Workbook()
    wb.active.append(["节点或网点编码", "周期", "指标", "产品类别", "目标值"])
    wb.active.append(["OA1", dt.datetime(2026, 11, 1), "发展量", None, 12])
    buffer = io.BytesIO()
    wb.save(buffer)
    result = _run(cast.head, buffer.getvalue(), name="targets.xlsx")
    assert result.committed, result.errors
    assert value_of(outlet=cast.OA1) == 12


# --- calendar ----------------------------------------------------------------------------------

CALENDAR = ("开始日期,结束日期,类型,名称\n"
            "2026-10-01,2026-10-07,放假,国庆节、中秋节\n"
            "2026-09-27,,上班,国庆节调休\n"
            "2026-10-10,,上班,国庆节调休\n").encode()


def test_calendar_import_expands_ranges_and_replaces_dates(cast):
    CalendarException.objects.create(date=dt.date(2026, 10, 1), is_workday=True, name="wrong")
    result = CalendarImporter(user=cast.head).run(CALENDAR, "holidays.csv", commit=True)
    assert result.committed, result.errors
    assert CalendarException.objects.count() == 9
    assert CalendarException.objects.get(date=dt.date(2026, 10, 1)).is_workday is False
    assert working_days(dt.date(2026, 10, 1), dt.date(2026, 10, 31)) == 18


def test_calendar_import_checks(cast):
    bad = ("开始日期,结束日期,类型,名称\n2026-10-07,2026-10-01,放假,x\n2026-10-01,,放假,x\n"
           "2026-10-01,,休假,x\n").encode()
    result = CalendarImporter(user=cast.head).run(bad, "holidays.csv", commit=True)
    assert not result.committed and len(result.errors) == 3  # backwards range, duplicate date, bad kind
    with pytest.raises(PermissionDenied):
        CalendarImporter(user=cast.supervisor).run(CALENDAR, "holidays.csv")
