"""Problems raised by channels: by staff or by the agent user, escalated, closed; ageing buckets."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from qudao.core.errors import BusinessRuleError
from qudao.fieldwork.ageing import ageing_by, ageing_totals
from qudao.fieldwork.models import Problem
from qudao.fieldwork.selectors import problems_visible_to
from qudao.fieldwork.services import problem_close, problem_escalate, problem_raise
from qudao.fieldwork.weeks import local_date


def _raise(cast, by="manager_a", agent="agent1", outlet="OA1", **extra):
    problem, _created = problem_raise(agent=cast.agents[agent], outlet=cast.outlets[outlet] if outlet else None,
                                      category="business", title="系统无法受理", description="BSS 报错",
                                      by=cast.users[by], **extra)
    return problem


@pytest.mark.django_db
def test_the_agent_user_raises_problems_of_their_own_agent_only(cast):
    problem = _raise(cast, by="agent_user")
    assert problem.node == cast.grid_a and problem.raised_by == cast.agent_user
    with pytest.raises(PermissionDenied):
        _raise(cast, by="agent_user", agent="agent2", outlet="OB1")
    with pytest.raises(PermissionDenied):
        _raise(cast, by="agent_user", agent="agent1", outlet="OB1")


@pytest.mark.django_db
def test_staff_raise_within_reach(cast):
    assert _raise(cast, by="manager_a", outlet=None).node == cast.grid_a
    with pytest.raises(PermissionDenied):
        _raise(cast, by="manager_b")
    with pytest.raises(PermissionDenied):
        _raise(cast, by="analyst")
    with pytest.raises(BusinessRuleError):
        _raise(cast, by="manager_a", agent="agent1", outlet="OB1")


@pytest.mark.django_db
def test_an_agent_sees_only_their_own_problems(cast, client_for):
    own = _raise(cast, by="agent_user")
    other = _raise(cast, by="manager_b", agent="agent2", outlet="OB1")
    assert list(problems_visible_to(cast.agent_user)) == [own]
    client = client_for(cast.agent_user)
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/problems/{other.pk}/").status_code == 404
    assert [r["id"] for r in client.get("/api/v1/problems/").json()["results"]] == [own.pk]


@pytest.mark.django_db
def test_the_agent_user_raises_through_the_portal_page_and_the_api(cast, client_for):
    client = client_for(cast.agent_user)
    page = client.get(reverse("fieldwork:problem_create"))
    assert page.status_code == 200 and page.context["form"].initial["agent"] == cast.agent1.pk
    response = client.post(reverse("fieldwork:problem_create"), {
        "agent": cast.agent1.pk, "category": "supply", "title": "缺卡", "description": "白卡不足",
        "client_key": str(uuid.uuid4())})
    assert response.status_code == 302 and Problem.objects.get().raised_by == cast.agent_user
    api = client.post("/api/v1/problems/", {"agent": "AG1", "category": "policy", "title": "佣金", "description": "…"},
                      content_type="application/json")
    assert api.status_code == 201
    escalate = client.post(f"/api/v1/problems/{api.json()['id']}/escalate/", {"proposed_solution": "x"},
                           content_type="application/json")
    assert escalate.status_code == 403


@pytest.mark.django_db
def test_escalate_with_a_solution_then_close(cast):
    problem = _raise(cast, by="agent_user")
    with pytest.raises(BusinessRuleError):
        problem_escalate(problem=problem, by=cast.manager_a, proposed_solution=" ")
    problem = problem_escalate(problem=problem, by=cast.manager_a, proposed_solution="申请系统权限")
    assert (problem.status, problem.escalated_to) == ("escalated", cast.supervisor)
    with pytest.raises(BusinessRuleError):
        problem_escalate(problem=problem, by=cast.manager_a, proposed_solution="again")
    problem = problem_close(problem=problem, by=cast.supervisor, resolution="已开通权限")
    assert problem.status == "closed" and problem.closed_at is not None
    with pytest.raises(BusinessRuleError):
        problem_close(problem=problem, by=cast.supervisor, resolution="again")


@pytest.mark.django_db
def test_ageing_buckets(cast, client_for):
    today = local_date()
    ages = {"fresh": 0, "six": 6, "seven": 7, "thirty": 30, "thirty_one": 31, "old_closed": 40}
    for title, age in ages.items():
        problem = _raise(cast)
        Problem.objects.filter(pk=problem.pk).update(title=title, raised_on=today - dt.timedelta(days=age))
    problem_close(problem=Problem.objects.get(title="old_closed"), by=cast.manager_a, resolution="done")
    assert ageing_totals(Problem.objects.all(), today) == {"lt7": 2, "7to30": 2, "gt30": 1}
    assert ageing_by(Problem.objects.all(), "node__name", today) == [
        {"label": "Grid A", "lt7": 2, "7to30": 2, "gt30": 1}]
    client = client_for(cast.supervisor)
    page = client.get(reverse("fieldwork:problem_ageing"))
    assert page.context["totals"] == {"lt7": 2, "7to30": 2, "gt30": 1}
    over_30 = client.get(reverse("fieldwork:problem_list"), {"age": "gt30"})
    assert [row.record.title for row in over_30.context["table"].paginated_rows] == ["thirty_one"]
    assert client.get("/api/v1/problems/ageing/").json() == {"lt7": 2, "7to30": 2, "gt30": 1}
    assert client_for(cast.manager_b).get(reverse("fieldwork:problem_ageing")).context["totals"] == {
        "lt7": 0, "7to30": 0, "gt30": 0}
