"""Check-in and finish of an inspection."""

import datetime as dt
from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event, transition

from .. import scoring
from ..choices import AnswerType, InspectionKind, InspectionStatus
from ..geo import distance_or_none
from ..models import Inspection, InspectionPolicy, InspectionResult
from ..scoring import Answer
from ..selectors import template_for
from ..weeks import week_of
from .common import (
    INSPECTABLE,
    as_uuid,
    coordinates,
    existing_submission,
    prepare_photos,
    require_field_staff,
    require_outlet_in_reach,
    save_photos,
)
from .followups import close_rechecked, follow_up_failures


@transaction.atomic
def inspection_check_in(
    *, outlet, kind: str, by, client_key, latitude=None, longitude=None, accuracy_m=None,
    at: dt.datetime | None = None,
) -> tuple[Inspection, bool]:
    """Starts an inspection at `outlet` now (or `at`). Returns (inspection, created); a resent
    submission (same `client_key`) returns the inspection it created the first time."""
    client_key = as_uuid(client_key)
    if client_key is None:
        raise BusinessRuleError(_("The submission key is missing; reload the page."))
    found = existing_submission(Inspection, client_key, by, "inspector")
    if found is not None:
        return found, False
    require_field_staff(by)
    require_outlet_in_reach(by, outlet)
    if outlet.status not in INSPECTABLE:
        raise BusinessRuleError(_("Only open or suspended outlets are inspected."))
    kind = InspectionKind(kind)
    template = template_for(kind, outlet.outlet_type)
    if template is None:
        raise BusinessRuleError(
            _("There is no “%(kind)s” checklist for %(type)s outlets.")
            % {"kind": kind.label, "type": outlet.get_outlet_type_display()}
        )
    lat, lng = coordinates(latitude, longitude)
    policy, at = InspectionPolicy.current(), at or timezone.now()
    distance = distance_or_none(lat, lng, outlet.latitude, outlet.longitude)
    inspection = Inspection(
        outlet=outlet, agent_id=outlet.agent_id, inspector=by, kind=kind, template=template, client_key=client_key,
        checked_in_at=at, week_start=week_of(at), latitude=lat, longitude=lng,
        accuracy_m=None if accuracy_m in (None, "") else max(0, round(float(accuracy_m))),
        distance_m=distance, geofence_m=policy.geofence_m,
        outside_geofence=distance is not None and distance > policy.geofence_m,
        min_dwell_minutes=policy.min_dwell_minutes, created_by=by,
    )
    try:
        with transaction.atomic():
            inspection.save()
    except IntegrityError:  # the same submission arrived twice at once
        found = existing_submission(Inspection, client_key, by, "inspector")
        if found is None:
            raise
        return found, False
    record_event(subject=inspection, action="check_in", by=by, to_status=inspection.status, data={
        "distance_m": distance, "accuracy_m": inspection.accuracy_m, "outside_geofence": inspection.outside_geofence,
    })
    return inspection, True


@transaction.atomic
def inspection_finish(
    *, inspection: Inspection, answers: Sequence[Answer], by, finish_key,
    photos: Mapping[int, Sequence] | None = None, comment: str = "", at: dt.datetime | None = None,
) -> Inspection:
    """Records the checklist, scores it, flags a short visit, opens rectifications (and
    violations) for failed items and closes the outlet's rectifications whose item now passes.
    A resent submission (same `finish_key`) returns the finished inspection unchanged."""
    finish_key = as_uuid(finish_key)
    inspection = Inspection.objects.select_for_update(of=("self",)).select_related("outlet", "outlet__grid", "template").get(
        pk=inspection.pk
    )
    if finish_key is not None and inspection.finish_key == finish_key:
        return inspection
    require_field_staff(by)
    if inspection.inspector_id != by.pk:
        raise PermissionDenied(_("Only the person who checked in finishes the inspection."))
    if inspection.is_finished:
        raise BusinessRuleError(_("This inspection is already finished."))
    if finish_key is None or Inspection.objects.filter(finish_key=finish_key).exists():
        raise BusinessRuleError(_("The submission key is not valid; reload the page."))
    items = list(inspection.template.items.all())
    graded = grade(items, answers)
    policy, at = InspectionPolicy.current(), at or timezone.now()
    by_text = {item.pk: item.text for item in items}
    prepared = {item_id: prepare_photos(files, policy=policy, label=by_text.get(item_id, ""))
                for item_id, files in (photos or {}).items() if files}
    if set(prepared) - set(by_text):
        raise BusinessRuleError(_("A photo belongs to an item that is not on this checklist."))
    if at < inspection.checked_in_at:
        raise BusinessRuleError(_("An inspection cannot finish before its check-in."))

    results = InspectionResult.objects.bulk_create([
        InspectionResult(inspection=inspection, item=item, passed=passed,
                         points=answer.points if item.answer_type == AnswerType.POINTS else None,
                         comment=answer.comment[:500])
        for item, answer, passed in graded
    ])
    result_of = {result.item_id: result for result in results}
    for item_id, files in prepared.items():
        save_photos(files, by=by, inspection=inspection, result=result_of[item_id])

    dwell = int((at - inspection.checked_in_at).total_seconds())
    inspection.score = scoring.score(inspection.template.scoring, graded)
    inspection.passed = inspection.score >= inspection.template.pass_score
    inspection.failed_items = sum(1 for _item, _answer, passed in graded if not passed)
    inspection.finished_at, inspection.dwell_seconds, inspection.finish_key = at, dwell, finish_key
    inspection.too_short = dwell < inspection.min_dwell_minutes * 60
    inspection.comment = comment
    transition(subject=inspection, to=InspectionStatus.FINISHED, allowed_from=[InspectionStatus.IN_PROGRESS],
               action="finish", by=by, data={"score": str(inspection.score), "too_short": inspection.too_short,
                                             "dwell_seconds": dwell})
    failed = [(item, result_of[item.pk]) for item, _answer, passed in graded if not passed]
    follow_up_failures(inspection=inspection, failed=failed, by=by, policy=policy)
    close_rechecked(inspection=inspection, passed_item_ids=[item.pk for item, _a, passed in graded if passed], by=by)
    return inspection


def grade(items, answers: Sequence[Answer]) -> list[tuple[object, Answer, bool]]:
    """Pairs every checklist item with its answer; a missing, unknown or out-of-range answer is refused."""
    by_item = {answer.item_id: answer for answer in answers}
    unknown = set(by_item) - {item.pk for item in items}
    if unknown:
        raise BusinessRuleError(_("An answer belongs to an item that is not on this checklist."))
    graded = []
    for item in items:
        answer = by_item.get(item.pk)
        if answer is None or (answer.passed is None and answer.points is None):
            raise BusinessRuleError(_("Answer every item: “%(item)s” is missing.") % {"item": item.text})
        if item.answer_type == AnswerType.POINTS and not (
            answer.points is not None and 0 <= answer.points <= item.max_points
        ):
            raise BusinessRuleError(
                _("“%(item)s” takes 0 to %(max)d points.") % {"item": item.text, "max": item.max_points}
            )
        if item.answer_type == AnswerType.PASS_FAIL and answer.passed is None:
            raise BusinessRuleError(_("“%(item)s” is answered pass or fail.") % {"item": item.text})
        graded.append((item, answer, scoring.item_passes(item, answer)))
    return graded


@transaction.atomic
def inspection_add_photos(*, inspection: Inspection, item_id: int, photos, by) -> list:
    """More photos for one answered item, by the inspector (the API's way to attach them)."""
    require_field_staff(by)
    if inspection.inspector_id != by.pk:
        raise PermissionDenied(_("Only the person who checked in adds photos to the inspection."))
    result = InspectionResult.objects.filter(inspection=inspection, item_id=item_id).select_related("item").first()
    if result is None:
        raise BusinessRuleError(_("This item has not been answered in this inspection."))
    prepared = prepare_photos(photos, policy=InspectionPolicy.current(), label=result.item.text)
    if not prepared:
        raise BusinessRuleError(_("Attach at least one photo."))
    return save_photos(prepared, by=by, inspection=inspection, result=result)
