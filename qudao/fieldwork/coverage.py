"""Callback coverage per day and person, measured against the rule: the users of a day are
sampled at the configured share, and the sample is called (done ÷ sampled, done ÷ users)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Sum

from qudao.reporting.figures import percent
from qudao.territory.selectors import path_q, reach_paths

from .choices import CallbackStatus
from .models import CallbackStratum
from .selectors import callbacks_visible_to


@dataclass
class Coverage:
    person: object  # a User, or None for unassigned
    day: dt.date | None  # None: the whole period
    population: int = 0
    sampled: int = 0
    done: int = 0
    share_pct: Decimal = Decimal(0)

    @property
    def sample_pct(self) -> Decimal | None:
        return percent(self.sampled, self.population)

    @property
    def completion_pct(self) -> Decimal | None:
        return percent(self.done, self.sampled)

    @property
    def coverage_pct(self) -> Decimal | None:
        return percent(self.done, self.population)

    @property
    def sample_meets_rule(self) -> bool:
        return self.sampled * 100 >= self.share_pct * self.population

    @property
    def meets_rule(self) -> bool:
        """The users called back reach the share (nothing to do counts as met)."""
        return self.done * 100 >= self.share_pct * self.population


def strata_visible_to(user):
    if not user.is_authenticated or user.is_agent_user:
        return CallbackStratum.objects.none()
    return CallbackStratum.objects.filter(path_q(reach_paths(user), "grid__path"))


def coverage(user, first: dt.date, last: dt.date, *, per_day: bool = False, person=None) -> list[Coverage]:
    """Rows per person (and per day with `per_day`) for the sampled days first..last within reach.
    Two grouped queries and one for the people, whatever the number of callbacks."""
    strata = strata_visible_to(user).filter(run__day__range=(first, last))
    done = callbacks_visible_to(user).filter(day__range=(first, last), status=CallbackStatus.DONE)
    if person is not None:
        strata, done = strata.filter(assignee=person), done.filter(assignee=person)
    keys = ["run__day", "assignee_id"] if per_day else ["assignee_id"]
    rows: dict[tuple, Coverage] = {}
    for row in strata.order_by().values(*keys).annotate(
            population=Sum("population"), sampled=Sum("quota"), share=Max("run__share_pct")):
        key = (row.get("run__day"), row["assignee_id"])
        rows[key] = Coverage(person=row["assignee_id"], day=key[0], population=row["population"],
                             sampled=row["sampled"], share_pct=row["share"])
    done_keys = ["day", "assignee_id"] if per_day else ["assignee_id"]
    for row in done.order_by().values(*done_keys).annotate(n=Count("pk")):
        key = (row.get("day"), row["assignee_id"])
        if key in rows:
            rows[key].done = row["n"]
    people = get_user_model().objects.in_bulk([k[1] for k in rows if k[1]])
    for item in rows.values():
        item.person = people.get(item.person)
    return sorted(rows.values(), key=lambda c: (c.day or first, str(c.person or "")))


def total(rows: list[Coverage]) -> Coverage:
    result = Coverage(person=None, day=None)
    for row in rows:
        result.population += row.population
        result.sampled += row.sampled
        result.done += row.done
        result.share_pct = max(result.share_pct, row.share_pct)
    return result


def person_coverage(person, first: dt.date, last: dt.date) -> Coverage:
    """One person's callbacks over the days, whatever the reader's reach (for workbench and scorecards)."""
    strata = CallbackStratum.objects.filter(run__day__range=(first, last), assignee=person).aggregate(
        population=Sum("population"), sampled=Sum("quota"), share=Max("run__share_pct"))
    done = person.callbacks.filter(day__range=(first, last), status=CallbackStatus.DONE).count()
    return Coverage(person=person, day=None, population=strata["population"] or 0, sampled=strata["sampled"] or 0,
                    done=done, share_pct=strata["share"] or Decimal(0))


def daily_totals(rows: list[Coverage]) -> list[tuple[dt.date, Coverage]]:
    """Per-day rows (from `coverage(..., per_day=True)`) summed over the people, day by day."""
    days = sorted({row.day for row in rows})
    return [(day, total([row for row in rows if row.day == day])) for day in days]
