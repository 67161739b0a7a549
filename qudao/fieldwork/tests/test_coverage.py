"""Coverage per day and person against the rule, and at week (Monday–Sunday) and month boundaries."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from qudao.fieldwork.coverage import coverage, person_coverage, total
from qudao.fieldwork.models import Callback, CallbackPolicy
from qudao.fieldwork.services import callback_record, sample_callbacks

from .helpers import make_records

# 2026-10-31 is a Saturday, 11-01 a Sunday, 11-02 a Monday, 11-08 a Sunday, 11-09 a Monday.
DAYS = [dt.date(2026, 10, 31), dt.date(2026, 11, 1), dt.date(2026, 11, 2), dt.date(2026, 11, 8),
        dt.date(2026, 11, 9), dt.date(2026, 11, 30), dt.date(2026, 12, 1)]


@pytest.fixture
def sampled(cast, product):
    """On each day OA1 has 10 users (2 sampled at 20 %) and one of them is called back;
    a second one is called back on 11-08 only."""
    policy = CallbackPolicy.current()
    policy.sample_pct = Decimal(20)
    policy.save()
    for day in DAYS:
        make_records(cast.outlets["OA1"], day, 10, product)
        sample_callbacks(day=day)
        for callback in Callback.objects.filter(day=day)[: 2 if day == dt.date(2026, 11, 8) else 1]:
            callback_record(callback=callback, outcome="confirmed", by=cast.manager_a, client_key=uuid.uuid4())
    return cast


def _only(rows):
    assert len(rows) == 1
    return rows[0]


@pytest.mark.django_db
def test_a_day(sampled):
    row = _only(coverage(sampled.manager_a, dt.date(2026, 11, 8), dt.date(2026, 11, 8)))
    assert (row.person, row.population, row.sampled, row.done) == (sampled.manager_a, 10, 2, 2)
    assert (row.sample_pct, row.completion_pct, row.coverage_pct) == (Decimal(20), Decimal(100), Decimal(20))
    assert row.sample_meets_rule and row.meets_rule


@pytest.mark.django_db
def test_a_week_runs_monday_to_sunday(sampled):
    row = _only(coverage(sampled.manager_a, dt.date(2026, 11, 2), dt.date(2026, 11, 8)))
    assert (row.population, row.sampled, row.done) == (20, 4, 3)  # 11-02 and 11-08, not 11-01 nor 11-09
    assert row.completion_pct == Decimal(75) and not row.meets_rule  # 3 of 20 users is 15 % < 20 %


@pytest.mark.django_db
def test_a_month_runs_first_to_last_day(sampled):
    november = _only(coverage(sampled.manager_a, dt.date(2026, 11, 1), dt.date(2026, 11, 30)))
    assert (november.population, november.sampled, november.done) == (50, 10, 6)
    october = _only(coverage(sampled.manager_a, dt.date(2026, 10, 1), dt.date(2026, 10, 31)))
    assert (october.population, october.sampled, october.done) == (10, 2, 1)


@pytest.mark.django_db
def test_per_day_rows_and_reach(sampled):
    rows = coverage(sampled.supervisor, dt.date(2026, 11, 1), dt.date(2026, 11, 9), per_day=True)
    assert [(r.day, r.done) for r in rows] == [(dt.date(2026, 11, 1), 1), (dt.date(2026, 11, 2), 1),
                                                (dt.date(2026, 11, 8), 2), (dt.date(2026, 11, 9), 1)]
    assert total(rows).population == 40
    assert coverage(sampled.manager_b, dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == []
    assert coverage(sampled.agent_user, dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == []


@pytest.mark.django_db
def test_person_coverage_matches(sampled):
    mine = person_coverage(sampled.manager_a, dt.date(2026, 11, 2), dt.date(2026, 11, 8))
    assert (mine.population, mine.sampled, mine.done) == (20, 4, 3)


@pytest.mark.django_db
def test_coverage_page_shows_the_week_and_the_strata(sampled, client_for):
    client = client_for(sampled.supervisor)
    week = client.get(reverse("fieldwork:callback_coverage"), {"period": "week", "day": "2026-11-04"})
    assert week.status_code == 200
    assert (week.context["total"].population, week.context["total"].done) == (20, 3)
    assert [d for d, _row in week.context["days"]] == [dt.date(2026, 11, 2), dt.date(2026, 11, 8)]
    day = client.get(reverse("fieldwork:callback_coverage"), {"period": "day", "day": "2026-11-08"})
    assert [s.quota for s in day.context["strata"]] == [2]
    assert client_for(sampled.manager_b).get(reverse("fieldwork:callback_coverage")).status_code == 200
