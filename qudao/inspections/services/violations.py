"""Violations (违规): raised from a failed item or by hand; evidence, escalation, a proposed penalty."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event, transition
from qudao.core.money import format_yuan, to_yuan
from qudao.ledger.services import propose_penalty

from ..choices import (
    NEXT_LEVEL,
    OPEN_VIOLATION,
    PenaltyStatus,
    ViolationKind,
    ViolationStatus,
    WarningLevel,
)
from ..models import InspectionPolicy, Violation
from .common import (
    as_uuid,
    existing_submission,
    prepare_photos,
    require_field_staff,
    require_outlet_in_reach,
    save_photos,
)


def raise_for_failed_items(*, inspection, failed, by) -> list[Violation]:
    """Failed items that name a violation kind raise a notice-level violation each."""
    raised = []
    for item, result in failed:
        if not item.violation_kind:
            continue
        violation = Violation.objects.create(
            outlet_id=inspection.outlet_id, agent_id=inspection.agent_id, kind=item.violation_kind,
            description=f"{item.text}：{result.comment}" if result.comment else item.text,
            inspection=inspection, item=item, reported_by=by, created_by=by,
        )
        record_event(subject=violation, action="raise", by=by, to_status=violation.status,
                     data={"inspection": inspection.pk, "level": violation.level})
        raised.append(violation)
    return raised


@transaction.atomic
def violation_raise(
    *, outlet, kind: str, description: str, by, level: str = WarningLevel.NOTICE, client_key=None,
    evidence_note: str = "", photos=(),
) -> tuple[Violation, bool]:
    """Raises a violation by hand with its evidence; a resent submission returns the one it created."""
    client_key = as_uuid(client_key)
    found = existing_submission(Violation, client_key, by, "reported_by")
    if found is not None:
        return found, False
    require_field_staff(by)
    require_outlet_in_reach(by, outlet)
    kind, level = ViolationKind(kind), WarningLevel(level)
    if not description.strip():
        raise BusinessRuleError(_("Describe what was found."))
    prepared = prepare_photos(photos, policy=InspectionPolicy.current())
    violation = Violation(outlet=outlet, agent_id=outlet.agent_id, kind=kind, level=level,
                          description=description.strip(), evidence_note=evidence_note.strip(), reported_by=by,
                          client_key=client_key, created_by=by)
    try:
        with transaction.atomic():
            violation.save()
    except IntegrityError:
        found = existing_submission(Violation, client_key, by, "reported_by")
        if found is None:
            raise
        return found, False
    save_photos(prepared, by=by, violation=violation)
    record_event(subject=violation, action="raise", by=by, to_status=violation.status, data={"level": level})
    return violation, True


def _locked_open(violation, by) -> Violation:
    require_field_staff(by)
    violation = Violation.objects.select_for_update(of=("self",)).select_related("outlet__grid").get(pk=violation.pk)
    require_outlet_in_reach(by, violation.outlet)
    if violation.status not in OPEN_VIOLATION:
        raise BusinessRuleError(_("This violation is closed."))
    return violation


@transaction.atomic
def violation_add_evidence(*, violation, by, note: str = "", photos=()) -> Violation:
    violation = _locked_open(violation, by)
    prepared = prepare_photos(photos, policy=InspectionPolicy.current())
    if not prepared and not note.strip():
        raise BusinessRuleError(_("Add a photo or a note."))
    save_photos(prepared, by=by, violation=violation)
    if note.strip():
        stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
        violation.evidence_note = "\n".join(filter(None, [violation.evidence_note, f"[{stamp} {by}] {note.strip()}"]))
        violation.save(update_fields=["evidence_note", "updated_at"])
    record_event(subject=violation, action="evidence", by=by, note=note, data={"photos": len(prepared)})
    return violation


@transaction.atomic
def violation_escalate(*, violation, by, note: str = "") -> Violation:
    """Raises the warning level one step and notifies the escalating person's supervisor."""
    violation = _locked_open(violation, by)
    previous = violation.level
    violation.level = NEXT_LEVEL[WarningLevel(previous)]
    transition(subject=violation, to=ViolationStatus.ESCALATED, allowed_from=OPEN_VIOLATION, action="escalate",
               by=by, note=note, data={"from_level": previous, "to_level": violation.level,
                                       "notify_user": by.reports_to_id})
    return violation


@transaction.atomic
def violation_propose_penalty(*, violation, amount_fen: int, by, note: str = "") -> Violation:
    """Records the proposed penalty on the violation and proposes it on the agent ledger (source
    `violation:<id>`), where a supervisor approves and posts it or rejects it."""
    violation = _locked_open(violation, by)
    if not isinstance(amount_fen, int) or amount_fen <= 0:
        raise BusinessRuleError(_("A penalty is a positive amount."))
    violation.penalty_fen, violation.penalty_status = amount_fen, PenaltyStatus.PROPOSED
    violation.save(update_fields=["penalty_fen", "penalty_status", "updated_at"])
    outlet = violation.outlet if violation.outlet.agent_id == violation.agent_id else None  # transferred since
    penalty = propose_penalty(agent=violation.agent, outlet=outlet, amount=to_yuan(amount_fen), user=by,
                              reason=note.strip() or violation.description, source=f"violation:{violation.pk}")
    record_event(subject=violation, action="propose_penalty", by=by, note=note,
                 data={"amount_fen": amount_fen, "amount_yuan": format_yuan(amount_fen), "penalty": penalty.pk})
    return violation


@transaction.atomic
def violation_close(*, violation, by, note: str) -> Violation:
    violation = _locked_open(violation, by)
    if not note.strip():
        raise BusinessRuleError(_("Say how the violation was resolved."))
    violation.closed_at = timezone.now()
    transition(subject=violation, to=ViolationStatus.CLOSED, allowed_from=OPEN_VIOLATION, action="close",
               by=by, note=note.strip())
    return violation
