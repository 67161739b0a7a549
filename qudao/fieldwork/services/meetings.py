"""The monthly channel meeting (FLD-8): its record, the measures agreed and their tasks."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event

from ..models import ChannelMeeting, MeetingMeasure
from ..weeks import local_date
from ._common import as_uuid, create_once, existing_submission, require_text, require_writer
from .worktasks import may_assign, task_assign


@transaction.atomic
def meeting_record(
    *, month: dt.date, held_on: dt.date, attendees: str, minutes: str, by, location: str = "", client_key=None,
) -> tuple[ChannelMeeting, bool]:
    client_key = as_uuid(client_key)
    found = existing_submission(ChannelMeeting, client_key, by, "held_by")
    if found is not None:
        return found, False
    require_writer(by)
    month = month.replace(day=1)
    if held_on > local_date():
        raise BusinessRuleError(_("A meeting cannot be recorded before it is held."))
    if ChannelMeeting.objects.filter(held_by=by, month=month).exists():
        raise BusinessRuleError(_("You already recorded the meeting of this month."))
    meeting = ChannelMeeting(month=month, held_on=held_on, held_by=by, location=(location or "").strip(),
                             attendees=require_text(attendees, _("List who attended.")),
                             minutes=require_text(minutes, _("Write the minutes.")), client_key=client_key,
                             created_by=by)
    meeting, created = create_once(meeting, owner_field="held_by", by=by)
    if created:
        record_event(subject=meeting, action="record", by=by, data={"month": month.isoformat()})
    return meeting, created


def _require_host(meeting: ChannelMeeting, by) -> None:
    require_writer(by)
    if meeting.held_by_id != by.pk:
        raise PermissionDenied(_("Only whoever held the meeting changes its measures."))


@transaction.atomic
def measure_add(*, meeting: ChannelMeeting, text: str, owner, due_on: dt.date, by) -> MeetingMeasure:
    _require_host(meeting, by)
    if not may_assign(by, owner):
        raise PermissionDenied(_("Measures go only to you or the people below you."))
    if due_on < local_date():
        raise BusinessRuleError(_("The due date cannot be in the past."))
    return MeetingMeasure.objects.create(meeting=meeting, text=require_text(text, _("Describe the measure.")),
                                         owner=owner, due_on=due_on)


@transaction.atomic
def meeting_create_tasks(*, meeting: ChannelMeeting, by) -> int:
    """Turns every agreed measure that has no task yet into a task for its owner; running it
    again creates nothing new. Returns the number of tasks created."""
    _require_host(meeting, by)
    pending = list(meeting.measures.select_for_update(of=("self",)).filter(task__isnull=True).select_related("owner"))
    for measure in pending:
        task, _created = task_assign(title=measure.text, assignee=measure.owner, due_on=measure.due_on, by=by,
                                     description=_("Agreed at the channel meeting of %(month)s.")
                                     % {"month": f"{meeting.month:%Y-%m}"}, meeting=meeting)
        measure.task = task
        measure.save(update_fields=["task"])
    if pending:
        record_event(subject=meeting, action="create_tasks", by=by, data={"tasks": len(pending)})
    return len(pending)
