"""The monthly channel meeting: its pack (page and Excel), its record, measures turned into tasks."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from qudao.core.errors import BusinessRuleError
from qudao.fieldwork.meeting_pack import build_pack
from qudao.fieldwork.models import WorkTask
from qudao.fieldwork.services import measure_add, meeting_create_tasks, meeting_record
from qudao.fieldwork.weeks import local_date
from qudao.inspections.models import Rectification
from qudao.inspections.services import violation_raise
from qudao.sales.rollups import rebuild_rollups
from qudao.targets.models import Target

from .helpers import make_records

MONTH = dt.date(2026, 10, 1)


@pytest.fixture
def month_of_sales(cast, product):
    days = [dt.date(2026, 10, 5), dt.date(2026, 10, 20)]
    make_records(cast.outlets["OA1"], days[0], 12, product)
    make_records(cast.outlets["OA2"], days[1], 3, product)
    make_records(cast.outlets["OB1"], days[1], 6, product)
    rebuild_rollups(days)
    Target.objects.create(period_kind="month", period_start=MONTH, metric="records", node=cast.grid_a, value=30)
    Target.objects.create(period_kind="month", period_start=MONTH, metric="records", outlet=cast.outlets["OA2"],
                          value=10)
    violation_raise(outlet=cast.outlets["OA2"], kind="price", description="私自加价", by=cast.manager_a)
    Rectification.objects.create(outlet=cast.outlets["OA2"], agent=cast.agent1, manager=cast.manager_a,
                                 description="海报过期", deadline=dt.date(2026, 10, 10))
    return cast


@pytest.mark.django_db
def test_the_pack_of_a_managers_reach(month_of_sales):
    pack = build_pack(month_of_sales.manager_a, MONTH, today=dt.date(2026, 11, 5))
    [grid] = pack.sections
    assert grid.subject.title == "Grid A" and grid.totals.records == 15
    assert grid.development.attainment == 50  # 15 of 30
    assert [(w.outlet.code, w.records, w.target) for w in pack.weakest_outlets] == [("OA2", 3, 10), ("OA1", 12, None)]
    assert pack.weakest_outlets[0].attainment == 30
    assert pack.open_rectifications == 1 and [r.description for r in pack.overdue_rectifications] == ["海报过期"]
    assert pack.violations_by_kind == [] or pack.violations_by_kind[0]["open"] == 1


@pytest.mark.django_db
def test_the_pack_page_and_its_excel(month_of_sales, client_for):
    reader = month_of_sales.supervisor
    reader.language = "en"  # the texts below are the English originals
    reader.save()
    client = client_for(reader)
    page = client.get(reverse("fieldwork:meeting_pack"), {"month": "2026-10"})
    assert page.status_code == 200 and "No promotions module yet" in page.content.decode()
    assert page.context["pack"].sections[0].totals.records == 21
    export = client.get(reverse("fieldwork:meeting_pack"), {"month": "2026-10", "export": "xlsx"})
    workbook = load_workbook(io.BytesIO(export.content))
    assert workbook.sheetnames[:3] == ["KPIs", "Weakest agents", "Weakest outlets"]
    kpis = list(workbook["KPIs"].values)
    assert kpis[1][0] == "County 1" and kpis[1][1] == 21
    assert list(workbook["Promotions"].values)[1] == ("No promotions module yet.",)


@pytest.mark.django_db
def test_an_empty_month_and_an_agent_user(cast, client_for):
    assert client_for(cast.manager_b).get(reverse("fieldwork:meeting_pack"), {"month": "2020-01"}).status_code == 200
    page = client_for(cast.agent_user).get(reverse("fieldwork:meeting_pack"))
    assert page.status_code == 200 and page.context["pack"].sections == []


@pytest.mark.django_db
def test_measures_become_tasks_in_one_action_once(cast, client_for):
    today = local_date()
    meeting, _ = meeting_record(month=today, held_on=today, attendees="代理商负责人 3 人", minutes="通报本月进度",
                                by=cast.supervisor)
    with pytest.raises(BusinessRuleError):
        meeting_record(month=today, held_on=today, attendees="x", minutes="y", by=cast.supervisor)
    due = today + dt.timedelta(days=10)
    measure_add(meeting=meeting, text="OA2 加强宣传", owner=cast.manager_a, due_on=due, by=cast.supervisor)
    measure_add(meeting=meeting, text="汇总问题", owner=cast.supervisor, due_on=due, by=cast.supervisor)
    client = client_for(cast.supervisor)
    response = client.post(reverse("fieldwork:meeting_create_tasks", args=[meeting.pk]), {})
    assert response.status_code == 302
    tasks = WorkTask.objects.order_by("id")
    assert [(t.title, t.assignee.username, t.meeting_id) for t in tasks] == [
        ("OA2 加强宣传", "manager_a", meeting.pk), ("汇总问题", "supervisor", meeting.pk)]
    assert meeting_create_tasks(meeting=meeting, by=cast.supervisor) == 0 and WorkTask.objects.count() == 2
    detail = client.get(meeting.get_absolute_url())
    assert detail.context["untasked"] == 0 and len(detail.context["measures"]) == 2


@pytest.mark.django_db
def test_only_the_host_adds_measures_and_only_for_people_below(cast):
    today = local_date()
    meeting, _ = meeting_record(month=today, held_on=today, attendees="a", minutes="m", by=cast.manager_a)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        measure_add(meeting=meeting, text="x", owner=cast.manager_a, due_on=today, by=cast.supervisor)
    with pytest.raises(PermissionDenied):
        measure_add(meeting=meeting, text="x", owner=cast.manager_b, due_on=today, by=cast.manager_a)
    with pytest.raises(BusinessRuleError):
        meeting_record(month=today, held_on=today + dt.timedelta(days=1), attendees="a", minutes="m", by=cast.manager_b)
