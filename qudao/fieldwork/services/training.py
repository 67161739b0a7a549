"""Training sessions for channel staff and sales-assistance days (FLD-7)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from qudao.channels.selectors import outlets_visible_to
from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event

from .. import materials
from ..choices import TrainingKind
from ..models import AssistDay, TrainingAttendance, TrainingMaterial, TrainingSession
from ..weeks import local_date
from ._common import (
    as_uuid,
    create_once,
    existing_submission,
    require_in_reach,
    require_text,
    require_writer,
)

MAX_SCORE = 100


@transaction.atomic
def training_record(
    *, topic: str, kind: str, held_on: dt.date, node, by, location: str = "", notes: str = "", client_key=None,
) -> tuple[TrainingSession, bool]:
    client_key = as_uuid(client_key)
    found = existing_submission(TrainingSession, client_key, by, "trainer")
    if found is not None:
        return found, False
    require_writer(by)
    require_in_reach(by, node)
    session = TrainingSession(topic=require_text(topic, _("Give the topic.")), kind=TrainingKind(kind),
                              held_on=held_on, node=node, trainer=by, location=(location or "").strip(),
                              notes=(notes or "").strip(), client_key=client_key, created_by=by)
    session, created = create_once(session, owner_field="trainer", by=by)
    if created:
        record_event(subject=session, action="record", by=by, data={"kind": kind})
    return session, created


def _require_session_writer(session: TrainingSession, by) -> None:
    require_writer(by)
    require_in_reach(by, session.node)


@transaction.atomic
def attendance_record(
    *, session: TrainingSession, outlet, attendee_name: str, by, attended: bool = True, quiz_score: int | None = None,
) -> TrainingAttendance:
    """Adds an attendee from an outlet in reach, or updates their attendance and quiz score."""
    _require_session_writer(session, by)
    if not outlets_visible_to(by).filter(pk=outlet.pk).exists():
        raise PermissionDenied(_("This outlet is outside your reach."))
    if quiz_score is not None and not 0 <= quiz_score <= MAX_SCORE:
        raise BusinessRuleError(_("A quiz score is between 0 and 100."))
    if quiz_score is not None and not attended:
        raise BusinessRuleError(_("Someone who did not attend has no quiz score."))
    name = require_text(attendee_name, _("Give the attendee's name."))
    row, _created = TrainingAttendance.objects.update_or_create(
        session=session, outlet=outlet, attendee_name=name,
        defaults={"attended": attended, "quiz_score": quiz_score},
    )
    return row


@transaction.atomic
def material_add(*, session: TrainingSession, upload, by) -> TrainingMaterial:
    _require_session_writer(session, by)
    checked = materials.check(upload)
    name = materials.store(checked)
    try:
        return TrainingMaterial.objects.create(
            session=session, uuid=checked.uuid, file=name, original_name=checked.original_name,
            content_type=checked.content_type, size_bytes=len(checked.content), uploaded_by=by,
        )
    except Exception:
        materials.discard([name])
        raise


@transaction.atomic
def assist_day_record(
    *, day: dt.date, outlet, by, activities: str, helpers: str = "", result: str = "", units_sold: int | None = None,
    client_key=None,
) -> tuple[AssistDay, bool]:
    client_key = as_uuid(client_key)
    found = existing_submission(AssistDay, client_key, by, "staff")
    if found is not None:
        return found, False
    require_writer(by)
    require_in_reach(by, outlet.grid)
    if day > local_date():
        raise BusinessRuleError(_("A sales-assistance day cannot be in the future."))
    record = AssistDay(day=day, outlet=outlet, node=outlet.grid, staff=by, helpers=(helpers or "").strip(),
                       activities=require_text(activities, _("Say what was done.")), result=(result or "").strip(),
                       units_sold=units_sold, client_key=client_key, created_by=by)
    record, created = create_once(record, owner_field="staff", by=by)
    if created:
        record_event(subject=record, action="record", by=by)
    return record, created
