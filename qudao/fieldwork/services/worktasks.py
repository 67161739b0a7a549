"""Work tasks given down the hierarchy (ORG-4): assigned, completed with evidence, escalated when overdue."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event, transition
from qudao.inspections import imaging
from qudao.inspections.models import InspectionPolicy
from qudao.inspections.services.common import prepare_photos

from ..choices import OPEN_TASK, TaskStatus
from ..models import TaskPhoto, WorkTask
from ..selectors import assignable_people
from ..weeks import local_date
from ._common import as_uuid, create_once, existing_submission, require_text, require_writer


def may_assign(by, assignee) -> bool:
    """Down the hierarchy only (a task to oneself is a plain to-do, also allowed)."""
    return assignee.pk == by.pk or assignable_people(by).filter(pk=assignee.pk).exists()


@transaction.atomic
def task_assign(
    *, title: str, assignee, due_on: dt.date, by, description: str = "", meeting=None, client_key=None,
) -> tuple[WorkTask, bool]:
    """Gives a task to someone below the assigner (in their reach or reporting to them)."""
    client_key = as_uuid(client_key)
    found = existing_submission(WorkTask, client_key, by, "assigned_by")
    if found is not None:
        return found, False
    require_writer(by)
    if not may_assign(by, assignee):
        raise PermissionDenied(_("Tasks go only to the people below you."))
    if due_on < local_date():
        raise BusinessRuleError(_("The due date cannot be in the past."))
    task = WorkTask(title=require_text(title, _("Give the task a title.")), description=(description or "").strip(),
                    assignee=assignee, assigned_by=by, due_on=due_on, meeting=meeting, client_key=client_key,
                    created_by=by)
    task, created = create_once(task, owner_field="assigned_by", by=by)
    if created:
        record_event(subject=task, action="assign", by=by, to_status=task.status,
                     data={"assignee": assignee.pk, "due_on": due_on.isoformat()})
    return task, created


@transaction.atomic
def task_complete(*, task: WorkTask, by, evidence_note: str = "", photos=()) -> WorkTask:
    """The assignee closes the task with evidence: a note, photos, or both."""
    task = WorkTask.objects.select_for_update(of=("self",)).get(pk=task.pk)
    if task.assignee_id != by.pk:
        raise PermissionDenied(_("Only the assignee completes a task."))
    if task.status not in OPEN_TASK:
        raise BusinessRuleError(_("This task is already done."))
    prepared = prepare_photos(photos, policy=InspectionPolicy.current())
    note = (evidence_note or "").strip()
    if not note and not prepared:
        raise BusinessRuleError(_("Add a note or a photo as evidence."))
    _save_photos(prepared, task=task, by=by)
    task.evidence_note, task.completed_at = note, timezone.now()
    transition(subject=task, to=TaskStatus.DONE, allowed_from=OPEN_TASK, action="complete", by=by, note=note,
               data={"photos": len(prepared), "late": task.due_on < local_date()})
    return task


def _save_photos(prepared, *, task, by) -> list[TaskPhoto]:
    stored: list[str] = []
    try:
        rows = []
        for photo in prepared:
            name = imaging.store(photo)
            stored.append(name)
            rows.append(TaskPhoto(uuid=photo.uuid, file=name, task=task, width=photo.width, height=photo.height,
                                  size_bytes=len(photo.content), uploaded_by=by))
        return TaskPhoto.objects.bulk_create(rows)
    except Exception:
        imaging.discard(stored)
        raise


@transaction.atomic
def escalate_overdue_tasks(*, today: dt.date | None = None) -> int:
    """Open tasks past their due date go to the assignee's superior (`reports_to`), once: an
    escalated task is not open any more, so a second run finds nothing to do."""
    today = today or local_date()
    overdue = (WorkTask.objects.select_for_update(of=("self",)).filter(status=TaskStatus.OPEN, due_on__lt=today)
               .select_related("assignee"))
    count = 0
    for task in overdue:
        task.escalated_at, task.escalated_to_id = timezone.now(), task.assignee.reports_to_id
        transition(subject=task, to=TaskStatus.ESCALATED, allowed_from=[TaskStatus.OPEN], action="escalate",
                   by=None, data={"notify_user": task.escalated_to_id, "days_overdue": (today - task.due_on).days})
        count += 1
    return count
