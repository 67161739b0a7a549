"""Visits and calls to agents (FLD-4) and the problems channels raise (FLD-10)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.channels.selectors import agent_of, agents_visible_to
from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event, transition

from ..choices import OPEN_PROBLEM, FollowUpState, ProblemCategory, ProblemStatus
from ..models import Problem, Visit
from ..weeks import local_date
from ._common import (
    as_uuid,
    create_once,
    existing_submission,
    require_in_reach,
    require_text,
    require_writer,
)


def _where(user, agent, outlet):
    """The node the work belongs to (the outlet's grid, else the agent's registration), checked
    against the user's reach; the outlet must be the agent's."""
    if not agents_visible_to(user).filter(pk=agent.pk).exists():
        raise PermissionDenied(_("This agent is outside your reach."))
    if outlet is not None:
        if outlet.agent_id != agent.pk:
            raise BusinessRuleError(_("This outlet is not run by this agent."))
        require_in_reach(user, outlet.grid)
        return outlet.grid
    require_in_reach(user, agent.territory)
    return agent.territory


@transaction.atomic
def visit_record(
    *, kind: str, agent, by, notes: str, outlet=None, contacted_on: dt.date | None = None,
    problems_found: str = "", follow_up: str = "", follow_up_due: dt.date | None = None,
    laggard_followup=None, client_key=None,
) -> tuple[Visit, bool]:
    client_key = as_uuid(client_key)
    found = existing_submission(Visit, client_key, by, "staff")
    if found is not None:
        return found, False
    require_writer(by)
    node = _where(by, agent, outlet)
    contacted_on = contacted_on or local_date()
    if contacted_on > local_date():
        raise BusinessRuleError(_("A visit or call cannot be in the future."))
    follow_up = (follow_up or "").strip()
    if follow_up_due and not follow_up:
        raise BusinessRuleError(_("Say what the follow-up is."))
    if laggard_followup is not None and laggard_followup.agent_id != agent.pk:
        raise BusinessRuleError(_("That laggard follow-up is about another agent."))
    visit = Visit(
        kind=kind, agent=agent, outlet=outlet, node=node, staff=by, contacted_on=contacted_on,
        notes=require_text(notes, _("Write down what was discussed.")), problems_found=(problems_found or "").strip(),
        follow_up=follow_up, follow_up_due=follow_up_due,
        follow_up_status=FollowUpState.OPEN if follow_up else FollowUpState.NONE,
        laggard_followup=laggard_followup, client_key=client_key, created_by=by,
    )
    visit.full_clean(exclude=["client_key"])
    visit, created = create_once(visit, owner_field="staff", by=by)
    if created:
        record_event(subject=visit, action="record", by=by, to_status=visit.follow_up_status,
                     data={"kind": kind, "laggard_followup": getattr(laggard_followup, "pk", None)})
    return visit, created


@transaction.atomic
def visit_follow_up_done(*, visit: Visit, by, note: str = "") -> Visit:
    require_writer(by)
    visit = Visit.objects.select_for_update(of=("self",)).select_related("node").get(pk=visit.pk)
    require_in_reach(by, visit.node)
    visit.follow_up_done_at = timezone.now()
    transition(subject=visit, to=FollowUpState.DONE, allowed_from=[FollowUpState.OPEN], action="follow_up_done",
               by=by, note=(note or "").strip(), field="follow_up_status")
    return visit


# --- problems ------------------------------------------------------------------------------

@transaction.atomic
def problem_raise(
    *, agent, category: str, title: str, description: str, by, outlet=None, client_key=None,
) -> tuple[Problem, bool]:
    """Staff raise a problem on behalf of an agent in their reach; an agent user raises it for their own agent."""
    client_key = as_uuid(client_key)
    found = existing_submission(Problem, client_key, by, "raised_by")
    if found is not None:
        return found, False
    if by.is_authenticated and by.is_agent_user:
        own = agent_of(by)
        if own is None or own.pk != agent.pk or (outlet is not None and outlet.agent_id != own.pk):
            raise PermissionDenied(_("You can only raise problems of your own agent."))
        node = outlet.grid if outlet is not None else agent.territory
    else:
        require_writer(by)
        node = _where(by, agent, outlet)
    problem = Problem(
        agent=agent, outlet=outlet, node=node, category=ProblemCategory(category),
        title=require_text(title, _("Give the problem a title.")),
        description=require_text(description, _("Describe the problem.")),
        raised_by=by, raised_on=local_date(), client_key=client_key, created_by=by,
    )
    problem, created = create_once(problem, owner_field="raised_by", by=by)
    if created:
        record_event(subject=problem, action="raise", by=by, to_status=problem.status)
    return problem, created


def _locked_problem(problem: Problem, by) -> Problem:
    require_writer(by)
    problem = Problem.objects.select_for_update(of=("self",)).select_related("node").get(pk=problem.pk)
    require_in_reach(by, problem.node)
    return problem


@transaction.atomic
def problem_escalate(*, problem: Problem, by, proposed_solution: str) -> Problem:
    """Hands the problem up to the escalating person's superior with a proposed solution."""
    problem = _locked_problem(problem, by)
    problem.proposed_solution = require_text(proposed_solution, _("Propose a solution when escalating."))
    problem.escalated_to, problem.escalated_at = by.reports_to, timezone.now()
    transition(subject=problem, to=ProblemStatus.ESCALATED, allowed_from=[ProblemStatus.OPEN], action="escalate",
               by=by, note=problem.proposed_solution, data={"notify_user": by.reports_to_id})
    return problem


@transaction.atomic
def problem_close(*, problem: Problem, by, resolution: str) -> Problem:
    problem = _locked_problem(problem, by)
    problem.resolution = require_text(resolution, _("Say how the problem was solved."))
    problem.closed_at = timezone.now()
    transition(subject=problem, to=ProblemStatus.CLOSED, allowed_from=OPEN_PROBLEM, action="close", by=by,
               note=problem.resolution)
    return problem
