import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db.models import Sum

from qudao.reporting.aggregates import (
    refresh_all_reporting_aggregates,
    refresh_reporting_aggregates,
)
from qudao.reporting.models import NodeDayStat, OutletMonthStat
from qudao.reporting.tasks import refresh_reporting_task
from qudao.sales.models import DailyRollup

pytestmark = pytest.mark.django_db
MARCH_2 = dt.date(2026, 3, 2)


def _records(node, day=None):
    rows = NodeDayStat.objects.filter(node=node)
    rows = rows.filter(day=day) if day else rows
    return rows.aggregate(n=Sum("records"))["n"] or 0


def test_every_level_gets_the_sum_of_its_grids(world):
    assert _records(world.grid_a) == 10 + 5 + 4 + 7 + 8
    assert _records(world.area1) == _records(world.county1) == _records(world.grid_a) + 6
    assert _records(world.company) == 60  # every row of the fixture
    assert NodeDayStat.objects.filter(node=world.grid_a, day=dt.date(2026, 3, 10)).get().category == "broadband"
    month = OutletMonthStat.objects.filter(month=dt.date(2026, 3, 1), outlet=world.OA1).aggregate(n=Sum("records"))
    assert month["n"] == 22


def test_refresh_of_some_days_replaces_exactly_those(world):
    DailyRollup.objects.filter(day=MARCH_2).update(records=1)
    refresh_reporting_aggregates([MARCH_2])
    assert _records(world.company, MARCH_2) == 1
    assert _records(world.company, dt.date(2026, 3, 9)) == 20  # untouched
    assert OutletMonthStat.objects.filter(outlet=world.OA1, month=dt.date(2026, 3, 1)).aggregate(n=Sum("records"))["n"] == 13
    before = NodeDayStat.objects.count()
    refresh_reporting_aggregates([MARCH_2])
    assert NodeDayStat.objects.count() == before  # idempotent


def test_full_rebuild_drops_days_the_rollup_lost(world):
    DailyRollup.objects.filter(day=MARCH_2).delete()
    refresh_all_reporting_aggregates()
    assert not NodeDayStat.objects.filter(day=MARCH_2).exists()
    assert _records(world.company) == 60 - 10


def test_task_and_command(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    DailyRollup.objects.filter(day=MARCH_2).update(records=2)
    refresh_reporting_task.enqueue(days=[MARCH_2.isoformat()])
    assert _records(world.company, MARCH_2) == 2
    out = io.StringIO()
    call_command("refresh_reporting", "--from", "2026-03-01", "--to", "2026-03-31", stdout=out)
    assert "Rows written" in out.getvalue()
