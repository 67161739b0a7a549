"""Rectifications (整改): opened by failed items or by hand, closed by a re-check, escalated when overdue."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event, transition

from ..choices import OPEN_RECTIFICATION, RectificationStatus
from ..models import InspectionPolicy, Rectification
from ..weeks import local_date
from .common import (
    as_uuid,
    existing_submission,
    prepare_photos,
    require_field_staff,
    require_outlet_in_reach,
    save_photos,
)
from .violations import raise_for_failed_items


def follow_up_failures(*, inspection, failed, by, policy) -> list[Rectification]:
    """One rectification per failed item, unless the outlet already has an open one for that
    item (then the new finding is noted on it); failed items that name a violation kind raise one."""
    item_ids = [item.pk for item, _result in failed]
    already_open = {
        r.item_id: r for r in Rectification.objects.filter(
            outlet_id=inspection.outlet_id, item_id__in=item_ids, status__in=OPEN_RECTIFICATION,
        )
    }
    deadline = local_date(inspection.finished_at) + dt.timedelta(days=policy.rectification_days)
    opened = []
    for item, result in failed:
        if item.pk in already_open:
            record_event(subject=already_open[item.pk], action="failed_again", by=by,
                         data={"inspection": inspection.pk})
            continue
        description = f"{item.text}：{result.comment}" if result.comment else item.text
        rectification = Rectification.objects.create(
            outlet_id=inspection.outlet_id, agent_id=inspection.agent_id, manager=by, inspection=inspection,
            item=item, description=description, deadline=deadline, created_by=by,
        )
        record_event(subject=rectification, action="open", by=by, to_status=rectification.status,
                     data={"inspection": inspection.pk, "deadline": deadline.isoformat()})
        opened.append(rectification)
    raise_for_failed_items(inspection=inspection, failed=failed, by=by)
    return opened


def close_rechecked(*, inspection, passed_item_ids, by) -> int:
    """A new inspection of the outlet in which the item passes closes its open rectifications."""
    fixed = Rectification.objects.select_for_update().filter(
        outlet_id=inspection.outlet_id, item_id__in=passed_item_ids, status__in=OPEN_RECTIFICATION,
    ).exclude(inspection=inspection)
    closed = 0
    for rectification in fixed:
        rectification.closed_at, rectification.closed_by_inspection = inspection.finished_at, inspection
        transition(subject=rectification, to=RectificationStatus.CLOSED, allowed_from=OPEN_RECTIFICATION,
                   action="close", by=by, data={"inspection": inspection.pk}, note=_("Passed at re-inspection."))
        closed += 1
    return closed


@transaction.atomic
def rectification_open(
    *, outlet, description: str, deadline: dt.date, by, client_key=None,
) -> tuple[Rectification, bool]:
    """Opens a rectification by hand; a resent submission returns the one it created."""
    client_key = as_uuid(client_key)
    found = existing_submission(Rectification, client_key, by, "created_by")
    if found is not None:
        return found, False
    require_field_staff(by)
    require_outlet_in_reach(by, outlet)
    if not description.strip():
        raise BusinessRuleError(_("Say what must be fixed."))
    if deadline < local_date():
        raise BusinessRuleError(_("The deadline cannot be in the past."))
    rectification = Rectification(outlet=outlet, agent_id=outlet.agent_id, manager=by, description=description.strip(),
                                  deadline=deadline, client_key=client_key, created_by=by)
    try:
        with transaction.atomic():
            rectification.save()
    except IntegrityError:
        found = existing_submission(Rectification, client_key, by, "created_by")
        if found is None:
            raise
        return found, False
    record_event(subject=rectification, action="open", by=by, to_status=rectification.status,
                 data={"deadline": deadline.isoformat()})
    return rectification, True


@transaction.atomic
def rectification_recheck(*, rectification, by, photos, note: str = "", fixed: bool = True) -> Rectification:
    """An explicit re-check on site with at least one photo: closes it, or notes it is still not fixed."""
    require_field_staff(by)
    rectification = Rectification.objects.select_for_update(of=("self",)).select_related("outlet__grid").get(pk=rectification.pk)
    require_outlet_in_reach(by, rectification.outlet)
    if rectification.status not in OPEN_RECTIFICATION:
        raise BusinessRuleError(_("This rectification is already closed."))
    prepared = prepare_photos(photos, policy=InspectionPolicy.current())
    if not prepared:
        raise BusinessRuleError(_("A re-check needs a photo of the outlet as it is now."))
    save_photos(prepared, by=by, rectification=rectification)
    if not fixed:
        record_event(subject=rectification, action="recheck_not_fixed", by=by, note=note)
        return rectification
    rectification.closed_at, rectification.closing_note = timezone.now(), note
    transition(subject=rectification, to=RectificationStatus.CLOSED, allowed_from=OPEN_RECTIFICATION,
               action="recheck", by=by, note=note)
    return rectification


@transaction.atomic
def escalate_overdue_rectifications(*, today: dt.date | None = None) -> int:
    """Flags every open rectification past its deadline and notifies the responsible manager's
    supervisor (an event row naming them). Running it again escalates nothing twice."""
    today = today or local_date()
    overdue = (Rectification.objects.select_for_update(of=("self",))
               .filter(status=RectificationStatus.OPEN, deadline__lt=today)
               .select_related("manager"))
    count = 0
    for rectification in overdue:
        rectification.escalated_at = timezone.now()
        transition(subject=rectification, to=RectificationStatus.ESCALATED,
                   allowed_from=[RectificationStatus.OPEN], action="escalate", by=None, data={
                       "notify_user": rectification.manager.reports_to_id,
                       "days_overdue": (today - rectification.deadline).days,
                   })
        count += 1
    return count
