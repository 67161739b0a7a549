"""Scorecards of October 2026 on a hand-made fixture, their visibility and the rewards and penalties."""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from qudao.fieldwork.models import Callback, Problem, Scorecard
from qudao.fieldwork.services import (
    callback_record,
    compute_scorecard,
    compute_scorecards,
    sample_callbacks,
    scorecard_adjust,
)
from qudao.fieldwork.services.scorecards import mondays
from qudao.inspections.models import Rectification
from qudao.inspections.scoring import Answer
from qudao.inspections.seed import install_default_templates
from qudao.inspections.services import inspection_check_in, inspection_finish
from qudao.sales.rollups import rebuild_rollups
from qudao.targets.models import Target

from .helpers import make_records

SH = ZoneInfo("Asia/Shanghai")
OCTOBER, AFTER = dt.date(2026, 10, 1), dt.date(2026, 11, 10)


def at(month, day, hour=10):
    return dt.datetime(2026, month, day, hour, tzinfo=SH)


def _inspect(cast, code, when):
    inspection, _ = inspection_check_in(outlet=cast.outlets[code], kind="routine", by=cast.manager_a,
                                        client_key=uuid.uuid4(), at=when)
    answers = [Answer(i.pk, passed=True, points=i.max_points) for i in inspection.template.items.all()]
    inspection_finish(inspection=inspection, answers=answers, by=cast.manager_a, finish_key=uuid.uuid4(),
                      at=when + dt.timedelta(minutes=20))


def _rectification(cast, deadline, closed=None):
    Rectification.objects.create(outlet=cast.outlets["OA2"], agent=cast.agent1, manager=cast.manager_a,
                                 description="x", deadline=deadline, status="closed" if closed else "open",
                                 closed_at=closed)


def _problem(cast, grid, raised, closed=None):
    outlet = cast.outlets["OA1" if grid == "a" else "OB1"]
    Problem.objects.create(agent=outlet.agent, outlet=outlet, node=outlet.grid, category="other", title="p",
                           description="p", raised_by=cast.head, raised_on=raised,
                           status="closed" if closed else "open", closed_at=closed)


@pytest.fixture
def october(cast, product):
    install_default_templates()
    # Inspections: OA1 twice in the week of 10-05 (one outlet), OA2 in the week of 10-12; 10-02 belongs
    # to the week of 09-28, which is September's.
    for code, when in (("OA1", at(10, 6)), ("OA1", at(10, 7)), ("OA2", at(10, 13)), ("OA2", at(10, 2))):
        _inspect(cast, code, when)
    # Callbacks: 10 users on 10-10 (1 of 2 called), 10-31 (2 of 2) and 11-01 (November's).
    for day, calls in ((dt.date(2026, 10, 10), 1), (dt.date(2026, 10, 31), 2), (dt.date(2026, 11, 1), 0)):
        make_records(cast.outlets["OA1"], day, 10, product)
        sample_callbacks(day=day)
        for callback in Callback.objects.filter(day=day)[:calls]:
            callback_record(callback=callback, outcome="confirmed", by=cast.manager_a)
    make_records(cast.outlets["OB1"], dt.date(2026, 10, 12), 5, product)
    rebuild_rollups([dt.date(2026, 10, 10), dt.date(2026, 10, 12), dt.date(2026, 10, 31)])
    # Rectifications: on time, late, still open, due in November.
    _rectification(cast, dt.date(2026, 10, 15), at(10, 14))
    _rectification(cast, dt.date(2026, 10, 20), at(10, 21))
    _rectification(cast, dt.date(2026, 10, 25))
    _rectification(cast, dt.date(2026, 11, 3))
    # Problems: open since 09-01; closed 10-20 (not open at month end); raised 10-15 (young);
    # closed only on 11-05 (open at month end); grid B's old one.
    _problem(cast, "a", dt.date(2026, 9, 1))
    _problem(cast, "a", dt.date(2026, 9, 25), closed=at(10, 20))
    _problem(cast, "a", dt.date(2026, 10, 15))
    _problem(cast, "a", dt.date(2026, 9, 10), closed=at(11, 5))
    _problem(cast, "b", dt.date(2026, 9, 1))
    Target.objects.create(period_kind="month", period_start=OCTOBER, metric="records", node=cast.grid_a, value=40)
    Target.objects.create(period_kind="month", period_start=OCTOBER, metric="records", node=cast.county1, value=100)
    return cast


def _figures(card: Scorecard) -> dict:
    return {f: getattr(card, f) for f in (
        "inspections_done", "inspections_quota", "callback_population", "callbacks_sampled", "callbacks_done",
        "rectifications_due", "rectifications_on_time", "problems_over_30", "development_actual",
        "development_target")}


def test_weeks_of_a_month_are_those_whose_monday_is_in_it():
    assert mondays(dt.date(2026, 10, 1), dt.date(2026, 10, 31)) == [
        dt.date(2026, 10, 5), dt.date(2026, 10, 12), dt.date(2026, 10, 19), dt.date(2026, 10, 26)]
    assert len(mondays(dt.date(2026, 11, 1), dt.date(2026, 11, 30))) == 5


@pytest.mark.django_db
def test_a_managers_card(october):
    card = compute_scorecard(october.manager_a, OCTOBER, today=AFTER)
    assert _figures(card) == {
        "inspections_done": 2, "inspections_quota": 12, "callback_population": 20, "callbacks_sampled": 4,
        "callbacks_done": 3, "rectifications_due": 3, "rectifications_on_time": 1, "problems_over_30": 2,
        "development_actual": 20, "development_target": 40,
    }
    assert (card.callback_coverage_pct, card.callback_share_pct, card.attainment_pct) == (75, 15, 50)


@pytest.mark.django_db
def test_a_supervisors_card_covers_the_team(october):
    card = compute_scorecard(october.supervisor, OCTOBER, today=AFTER)
    assert _figures(card) == {
        "inspections_done": 2, "inspections_quota": 24, "callback_population": 20, "callbacks_sampled": 4,
        "callbacks_done": 3, "rectifications_due": 3, "rectifications_on_time": 1, "problems_over_30": 3,
        "development_actual": 25, "development_target": 100,
    }


@pytest.mark.django_db
def test_recomputing_keeps_one_card_and_its_adjustments(october):
    card = compute_scorecard(october.manager_a, OCTOBER, today=AFTER)
    scorecard_adjust(scorecard=card, kind="penalty", amount_fen=20000, note="回访不足", by=october.supervisor)
    assert compute_scorecards(month=OCTOBER, today=AFTER) == 4  # manager_a, manager_b, supervisor, outsider
    assert Scorecard.objects.filter(person=october.manager_a).get().adjustments.count() == 1


@pytest.mark.django_db
def test_superiors_see_and_adjust_peers_do_not(october, client_for):
    compute_scorecards(month=OCTOBER, today=AFTER)
    card = Scorecard.objects.get(person=october.manager_a)
    assert client_for(october.manager_a).get(card.get_absolute_url()).status_code == 200
    assert client_for(october.supervisor).get(card.get_absolute_url()).status_code == 200
    assert client_for(october.head).get(card.get_absolute_url()).status_code == 200
    assert client_for(october.manager_b).get(card.get_absolute_url()).status_code == 404
    for persona in ("manager_a", "manager_b", "analyst"):
        with pytest.raises(PermissionDenied):
            scorecard_adjust(scorecard=card, kind="reward", amount_fen=100, note="x", by=october.users[persona])
    response = client_for(october.supervisor).post(reverse("fieldwork:scorecard_adjust", args=[card.pk]),
                                                   {"kind": "reward", "amount": "500.00", "note": "巡检到位"})
    assert response.status_code == 302
    api = client_for(october.head).post(f"/api/v1/scorecards/{card.pk}/adjust/",
                                        {"kind": "penalty", "amount": "12.50", "note": "迟交"},
                                        content_type="application/json")
    assert api.status_code == 200
    assert [(a["kind"], a["amount"]) for a in api.json()["adjustments"]] == [("reward", "500.00"), ("penalty", "12.50")]


@pytest.mark.django_db
def test_compute_page_is_for_approvers(october, client_for):
    assert client_for(october.manager_a).get(reverse("fieldwork:scorecard_compute")).status_code == 403
    response = client_for(october.head).post(reverse("fieldwork:scorecard_compute"), {"month": "2026-10"})
    assert response.status_code == 302 and Scorecard.objects.filter(month=OCTOBER).count() == 4
