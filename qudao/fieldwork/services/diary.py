"""The work diary (FLD-9): each day drafted from what the person recorded, then saved with the
plan for tomorrow and a note; weekly and monthly summaries are sums of the saved days."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from qudao.core.errors import BusinessRuleError
from qudao.core.models import Event
from qudao.inspections.models import Inspection, Rectification

from ..choices import CallbackStatus, ContactKind, TaskStatus
from ..models import AssistDay, Callback, DiaryEntry, TrainingSession, Visit, WorkTask
from ..weeks import day_bounds, local_date

COUNT_KEYS = ("inspections", "visits", "calls", "callbacks", "tasks_closed", "rectifications_closed",
              "assist_days", "trainings")


def diary_draft(person, day: dt.date) -> dict:
    """{"counts": {key: n}, "lines": [{"kind", "text"}]} of what `person` recorded on `day`."""
    start, end = day_bounds(day, day)
    lines: list[dict] = []
    counts = dict.fromkeys(COUNT_KEYS, 0)

    def add(kind: str, count_key: str, text: str) -> None:
        counts[count_key] += 1
        lines.append({"kind": kind, "text": text})

    for i in (Inspection.objects.filter(inspector=person, checked_in_at__gte=start, checked_in_at__lt=end)
              .select_related("outlet").order_by("checked_in_at")):
        score = f" · {i.score}" if i.score is not None else ""
        add("inspection", "inspections", f"{i.outlet.name} · {i.get_kind_display()} · {i.get_status_display()}{score}")
    for v in Visit.objects.filter(staff=person, contacted_on=day).select_related("agent").order_by("id"):
        add(v.kind, "calls" if v.kind == ContactKind.CALL else "visits", f"{v.agent.name}: {v.notes[:80]}")
    for c in (Callback.objects.filter(called_by=person, called_at__gte=start, called_at__lt=end,
                                      status=CallbackStatus.DONE).select_related("outlet").order_by("called_at")):
        add("callback", "callbacks", f"{c.outlet.name} · {c.masked_number} · {c.get_outcome_display()}")
    for t in WorkTask.objects.filter(assignee=person, status=TaskStatus.DONE, completed_at__gte=start,
                                     completed_at__lt=end).order_by("completed_at"):
        add("task", "tasks_closed", t.title)
    closed = Event.objects.filter(content_type=ContentType.objects.get_for_model(Rectification), by=person,
                                  to_status="closed", at__gte=start, at__lt=end).values("object_id")
    for r in Rectification.objects.filter(pk__in=closed).select_related("outlet").order_by("id"):
        add("rectification", "rectifications_closed", f"{r.outlet.name}: {r.description[:80]}")
    for a in AssistDay.objects.filter(staff=person, day=day).select_related("outlet").order_by("id"):
        add("assist", "assist_days", f"{a.outlet.name}: {a.activities[:80]}")
    for s in TrainingSession.objects.filter(trainer=person, held_on=day).order_by("id"):
        add("training", "trainings", s.topic)
    return {"counts": counts, "lines": lines}


@transaction.atomic
def diary_save(*, day: dt.date, by, plan_tomorrow: str = "", note: str = "") -> DiaryEntry:
    """Saves one's own diary of `day` with the draft as it stands now; saving again updates it."""
    if not by.is_authenticated or by.is_agent_user:
        raise PermissionDenied(_("Only staff keep a work diary."))
    if day > local_date():
        raise BusinessRuleError(_("A diary day cannot be in the future."))
    entry, _created = DiaryEntry.objects.update_or_create(
        author=by, day=day,
        defaults={"activity": diary_draft(by, day), "plan_tomorrow": (plan_tomorrow or "").strip(),
                  "note": (note or "").strip(), "created_by": by},
    )
    return entry


@dataclass
class DiarySummary:
    person: object
    first: dt.date
    last: dt.date
    counts: dict = field(default_factory=dict)
    entries: list = field(default_factory=list)

    @property
    def days_written(self) -> int:
        return len(self.entries)


def diary_summary(entries, person, first: dt.date, last: dt.date) -> DiarySummary:
    """Sums the saved days of `person` between first and last (both included) and keeps their notes."""
    rows = list(entries.filter(author=person, day__range=(first, last)).order_by("day"))
    counts = dict.fromkeys(COUNT_KEYS, 0)
    for entry in rows:
        for key in COUNT_KEYS:
            counts[key] += int(entry.counts.get(key, 0))
    return DiarySummary(person=person, first=first, last=last, counts=counts, entries=rows)
