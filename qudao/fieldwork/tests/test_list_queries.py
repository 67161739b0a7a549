"""The list pages and list endpoints cost the same number of queries with more rows (no N+1)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qudao.fieldwork import services

from .helpers import make_records

UI_LISTS = ["callback_list", "callback_workbench", "visit_list", "problem_list", "task_list", "training_list",
            "assist_list", "meeting_list", "diary_list", "scorecard_list"]
API_LISTS = ["callbacks", "visits", "problems", "work-tasks", "training-sessions", "sales-assistance-days",
             "channel-meetings", "diary-entries", "scorecards"]


def grow(cast, product, offset: int) -> None:
    """One more row of everything, for manager_a, on days `offset` days back."""
    m, day = cast.manager_a, dt.date(2026, 6, 1) - dt.timedelta(days=offset)
    outlet = cast.outlets["OA1"]
    make_records(outlet, day, 1, product)
    services.sample_callbacks(day=day)
    services.visit_record(kind="visit", agent=cast.agent1, outlet=outlet, by=m, notes="n", contacted_on=day,
                          follow_up="f")
    services.problem_raise(agent=cast.agent1, outlet=outlet, category="other", title="t", description="d", by=m)
    services.task_assign(title="t", assignee=m, due_on=dt.date(2099, 1, 1), by=cast.supervisor)
    session, _ = services.training_record(topic="t", kind="product", held_on=day, node=cast.grid_a, by=m)
    services.attendance_record(session=session, outlet=outlet, attendee_name="a", quiz_score=90, by=m)
    services.assist_day_record(day=day, outlet=outlet, by=m, activities="a")
    month = dt.date(2020 + offset, 1, 1)
    services.meeting_record(month=month, held_on=day, attendees="a", minutes="m", by=m)
    services.diary_save(day=day, by=m, note="n")
    card = services.compute_scorecard(m, month)
    services.scorecard_adjust(scorecard=card, kind="reward", amount_fen=100, note="n", by=cast.supervisor)


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_rows(cast, product, client_for):
    client = client_for(cast.manager_a)
    urls = [reverse(f"fieldwork:{name}") for name in UI_LISTS] + [f"/api/v1/{p}/" for p in API_LISTS]
    grow(cast, product, 1)
    few = {url: count(client, url) for url in urls}
    for offset in range(2, 5):
        grow(cast, product, offset)
    many = {url: count(client, url) for url in urls}
    assert many == few
    assert max(many.values()) <= 14, many
