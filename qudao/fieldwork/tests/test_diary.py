"""The work diary: drafted from the day's records, saved with a plan and a note, summed per week and month."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from qudao.fieldwork.models import Callback, DiaryEntry
from qudao.fieldwork.services import (
    assist_day_record,
    callback_record,
    diary_draft,
    diary_save,
    diary_summary,
    sample_callbacks,
    task_assign,
    task_complete,
    training_record,
    visit_record,
)
from qudao.fieldwork.weeks import local_date
from qudao.inspections.scoring import Answer
from qudao.inspections.seed import install_default_templates
from qudao.inspections.services import (
    inspection_check_in,
    inspection_finish,
    rectification_open,
    rectification_recheck,
)

from .helpers import jpeg_upload, make_records


@pytest.fixture
def busy_day(cast, product):
    """Everything manager_a can record, done today; and one visit by manager_b."""
    today, m = local_date(), cast.manager_a
    install_default_templates()
    inspection, _ = inspection_check_in(outlet=cast.outlets["OA1"], kind="routine", by=m, client_key=uuid.uuid4())
    inspection_finish(inspection=inspection, by=m, finish_key=uuid.uuid4(),
                      answers=[Answer(i.pk, passed=True, points=i.max_points) for i in inspection.template.items.all()])
    visit_record(kind="visit", agent=cast.agent1, outlet=cast.outlets["OA1"], by=m, notes="沟通本月目标")
    visit_record(kind="call", agent=cast.agent1, by=m, notes="电话催办")
    visit_record(kind="visit", agent=cast.agent2, by=cast.manager_b, notes="not hers")
    yesterday = today - dt.timedelta(days=1)
    make_records(cast.outlets["OA1"], yesterday, 2, product)
    sample_callbacks(day=yesterday)
    callback_record(callback=Callback.objects.first(), outcome="confirmed", by=m)
    task, _ = task_assign(title="更换海报", assignee=m, due_on=today, by=cast.supervisor)
    task_complete(task=task, by=m, evidence_note="已更换")
    rectification, _ = rectification_open(outlet=cast.outlets["OA2"], description="门头破损", deadline=today, by=m)
    rectification_recheck(rectification=rectification, by=m, photos=[jpeg_upload()], note="已修复")
    assist_day_record(day=today, outlet=cast.outlets["OA2"], by=m, activities="店头促销")
    training_record(topic="新套餐培训", kind="product", held_on=today, node=cast.grid_a, by=m)
    return cast


@pytest.mark.django_db
def test_the_draft_collects_what_was_recorded_that_day(busy_day):
    draft = diary_draft(busy_day.manager_a, local_date())
    assert draft["counts"] == {"inspections": 1, "visits": 1, "calls": 1, "callbacks": 1, "tasks_closed": 1,
                               "rectifications_closed": 1, "assist_days": 1, "trainings": 1}
    kinds = [line["kind"] for line in draft["lines"]]
    assert kinds == ["inspection", "visit", "call", "callback", "task", "rectification", "assist", "training"]
    texts = " | ".join(line["text"] for line in draft["lines"])
    assert "Outlet OA1" in texts and "沟通本月目标" in texts and "更换海报" in texts and "门头破损" in texts
    assert "not hers" not in texts
    assert diary_draft(busy_day.manager_a, local_date() - dt.timedelta(days=3))["lines"] == []


@pytest.mark.django_db
def test_saving_keeps_the_draft_with_the_plan_and_note_and_saving_again_updates(busy_day, client_for):
    client = client_for(busy_day.manager_a)
    page = client.get(reverse("fieldwork:diary_write"))
    assert page.context["draft"]["counts"]["visits"] == 1
    response = client.post(reverse("fieldwork:diary_write"), {"plan_tomorrow": "巡检 OA2", "note": "顺利"})
    entry = DiaryEntry.objects.get()
    assert response.status_code == 302 and response["Location"] == entry.get_absolute_url()
    assert entry.counts["inspections"] == 1 and entry.plan_tomorrow == "巡检 OA2"
    resent = client.post(reverse("fieldwork:diary_write"), {"plan_tomorrow": "回访", "note": "改"},
                         HTTP_ACCEPT="application/json")  # as field.js sends it
    assert resent.json() == {"redirect": entry.get_absolute_url()} and DiaryEntry.objects.get().note == "改"
    assert client_for(busy_day.supervisor).get(entry.get_absolute_url()).status_code == 200
    assert client_for(busy_day.manager_b).get(entry.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_week_and_month_summaries_add_up_the_days(cast, client_for):
    # 2026-11-01 is a Sunday, 11-02 a Monday: two weeks, one month.
    days = {dt.date(2026, 10, 31): 1, dt.date(2026, 11, 1): 2, dt.date(2026, 11, 2): 3, dt.date(2026, 11, 3): 4}
    for day, visits in days.items():
        DiaryEntry.objects.create(author=cast.manager_a, day=day, note=f"note {day.day}",
                                  activity={"counts": {"visits": visits}, "lines": []})
    week = diary_summary(DiaryEntry.objects.all(), cast.manager_a, dt.date(2026, 11, 2), dt.date(2026, 11, 8))
    assert week.counts["visits"] == 7 and week.days_written == 2
    month = diary_summary(DiaryEntry.objects.all(), cast.manager_a, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert month.counts["visits"] == 9 and [e.note for e in month.entries] == ["note 1", "note 2", "note 3"]
    page = client_for(cast.supervisor).get(reverse("fieldwork:diary_summary"),
                                           {"period": "month", "day": "2026-11-15", "person": cast.manager_a.pk})
    assert page.context["summary"].counts["visits"] == 9
    peer = client_for(cast.manager_b).get(reverse("fieldwork:diary_summary"), {"person": cast.manager_a.pk})
    assert peer.status_code == 404


@pytest.mark.django_db
def test_no_diary_for_the_future(cast):
    from qudao.core.errors import BusinessRuleError

    with pytest.raises(BusinessRuleError):
        diary_save(day=local_date() + dt.timedelta(days=1), by=cast.manager_a)
