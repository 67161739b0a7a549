"""Monthly scorecards of channel managers and supervisors (ORG-3), computed from the records, and the
rewards and penalties their superiors record against them.

A manager's card counts their own work; a supervisor's card counts their team (the channel managers
below them) together with the callbacks that fell to the supervisor for lack of a grid manager.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q, Sum
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from qudao.accounts.choices import Role
from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event
from qudao.core.money import format_yuan
from qudao.inspections.choices import InspectionStatus
from qudao.inspections.models import Inspection, InspectionPolicy, Rectification
from qudao.sales.models import DailyRollup
from qudao.targets.selectors import target_values
from qudao.territory.models import TerritoryNode
from qudao.territory.selectors import path_q, reach_paths

from ..choices import OPEN_PROBLEM, AdjustmentKind, CallbackStatus
from ..models import Callback, CallbackStratum, Problem, Scorecard, ScorecardAdjustment
from ..selectors import people_below, scorecards_visible_to
from ..weeks import FIELD_ZONE, day_bounds, local_date, month_days
from ._common import require_text, require_writer

SCORED_ROLES = (Role.CHANNEL_MANAGER, Role.SUPERVISOR)
PROBLEM_AGE_DAYS = 30


def mondays(first: dt.date, last: dt.date) -> list[dt.date]:
    """The weeks of a month: those whose Monday falls in it."""
    offset = (7 - first.weekday()) % 7
    return [first + dt.timedelta(days=d) for d in range(offset, (last - first).days + 1, 7)]


def team_of(person) -> list[int]:
    if person.role == Role.SUPERVISOR:
        below = people_below(person)
        return list(get_user_model().objects.filter(pk__in=below, role=Role.CHANNEL_MANAGER).values_list("pk", flat=True))
    return [person.pk]


def compute_scorecard(person, month: dt.date, today: dt.date | None = None) -> Scorecard:
    first, last = month_days(month)
    as_of = min(today or local_date(), last)
    team = team_of(person)
    callers = sorted({*team, person.pk})
    weeks = mondays(first, last)
    figures = {
        "role": person.role,
        "inspections_done": Inspection.objects.filter(inspector_id__in=team, status=InspectionStatus.FINISHED,
                                                      week_start__in=weeks)
        .values("inspector_id", "week_start", "outlet_id").distinct().count(),
        "inspections_quota": InspectionPolicy.current().weekly_quota * len(weeks) * len(team),
        **_callbacks(callers, first, last),
        **_rectifications(callers, first, last),
        "problems_over_30": _old_problems(person, as_of),
        **_attainment(person, first, last),
    }
    scorecard, _created = Scorecard.objects.update_or_create(person=person, month=first, defaults=figures)
    return scorecard


def _callbacks(people: list[int], first: dt.date, last: dt.date) -> dict:
    strata = CallbackStratum.objects.filter(run__day__range=(first, last), assignee_id__in=people).aggregate(
        population=Sum("population"), sampled=Sum("quota"))
    done = Callback.objects.filter(day__range=(first, last), assignee_id__in=people,
                                   status=CallbackStatus.DONE).count()
    return {"callback_population": strata["population"] or 0, "callbacks_sampled": strata["sampled"] or 0,
            "callbacks_done": done}


def _rectifications(people: list[int], first: dt.date, last: dt.date) -> dict:
    due = Rectification.objects.filter(manager_id__in=people, deadline__range=(first, last))
    on_time = (due.filter(closed_at__isnull=False).annotate(closed_day=TruncDate("closed_at", tzinfo=FIELD_ZONE))
               .filter(closed_day__lte=F("deadline")))
    return {"rectifications_due": due.count(), "rectifications_on_time": on_time.count()}


def _old_problems(person, as_of: dt.date) -> int:
    """Problems in the person's reach raised over 30 days before `as_of` and still open on it."""
    _start, end_of_day = day_bounds(as_of, as_of)
    still_open = Q(status__in=OPEN_PROBLEM) | Q(closed_at__gte=end_of_day)
    return (Problem.objects.filter(path_q(reach_paths(person), "node__path"), still_open,
                                   raised_on__lt=as_of - dt.timedelta(days=PROBLEM_AGE_DAYS)).count())


def _attainment(person, first: dt.date, last: dt.date) -> dict:
    paths = reach_paths(person)
    grids = TerritoryNode.objects.filter(path_q(paths)).values("pk")
    actual = DailyRollup.objects.filter(grid_id__in=grids, day__range=(first, last)).aggregate(n=Sum("records"))["n"]
    nodes = TerritoryNode.objects.filter(path__in=paths).values_list("pk", flat=True)
    targets = target_values(period_kind="month", period_start=first, metric="records", node_ids=list(nodes))
    return {"development_actual": actual or 0, "development_target": sum(targets.values()) if targets else None}


def compute_scorecards(*, month: dt.date, today: dt.date | None = None) -> int:
    """Every active manager's and supervisor's card of the month (recomputing replaces the figures,
    keeps the rewards and penalties)."""
    people = get_user_model().objects.filter(role__in=SCORED_ROLES, is_active=True).order_by("pk")
    count = 0
    for person in people:
        compute_scorecard(person, month, today=today)
        count += 1
    return count


@transaction.atomic
def scorecard_adjust(*, scorecard: Scorecard, kind: str, amount_fen: int, note: str, by) -> ScorecardAdjustment:
    """A superior records a reward or a penalty against someone else's card."""
    require_writer(by)
    if scorecard.person_id == by.pk or not scorecards_visible_to(by).filter(pk=scorecard.pk).exists():
        raise PermissionDenied(_("Only a superior records rewards and penalties."))
    if not isinstance(amount_fen, int) or amount_fen <= 0:
        raise BusinessRuleError(_("An amount is positive."))
    adjustment = ScorecardAdjustment.objects.create(
        scorecard=scorecard, kind=AdjustmentKind(kind), amount_fen=amount_fen,
        note=require_text(note, _("Say why.")), by=by)
    record_event(subject=scorecard, action=f"adjust_{kind}", by=by, note=adjustment.note,
                 data={"amount_fen": amount_fen, "amount_yuan": format_yuan(amount_fen)})
    return adjustment
