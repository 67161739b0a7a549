"""Recording the outcome of a callback, and raising a violation from it."""

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.core.errors import BusinessRuleError
from qudao.core.events import transition
from qudao.inspections.services.violations import violation_raise

from ..choices import OUTCOME_VIOLATIONS, CallbackOutcome, CallbackStatus
from ..models import Callback
from ._common import as_uuid, require_in_reach, require_writer

# Namespace of the violation key derived from a callback, so a resent outcome never raises twice.
VIOLATION_KEYS = uuid.UUID("6f7c2a52-3b0e-4d8e-9c61-1d2f0c5e7a10")


def violation_kinds_for(outcome: str) -> tuple[str, ...]:
    return tuple(OUTCOME_VIOLATIONS.get(outcome, ()))


@transaction.atomic
def callback_record(
    *, callback: Callback, outcome: str, by, note: str = "", client_key=None,
    raise_violation: bool = False, violation_kind: str = "",
) -> Callback:
    """Records what the call found. With `raise_violation`, an outcome that names a violation kind
    (deposit not passed on, mis-selling, fake) raises one at the outlet through the inspections app."""
    require_writer(by)
    callback = Callback.objects.select_for_update(of=("self",)).select_related("grid", "outlet__grid").get(
        pk=callback.pk)
    require_in_reach(by, callback.grid)
    client_key = as_uuid(client_key)
    if callback.status == CallbackStatus.DONE:
        if client_key is not None and callback.client_key == client_key:
            return callback  # the same submission, resent after a dropped connection
        raise BusinessRuleError(_("This callback has already been recorded."))
    try:
        outcome = CallbackOutcome(outcome)
    except ValueError as exc:
        raise BusinessRuleError(_("Choose an outcome.")) from exc
    note = (note or "").strip()
    if raise_violation:
        callback.violation = _raise_violation(callback, outcome, violation_kind, note, client_key, by)
    callback.outcome, callback.note, callback.client_key = outcome, note, client_key
    callback.called_at, callback.called_by = timezone.now(), by
    transition(subject=callback, to=CallbackStatus.DONE, allowed_from=[CallbackStatus.PENDING], action="call", by=by,
               note=note, data={"outcome": outcome, "violation": callback.violation_id})
    return callback


def _raise_violation(callback, outcome, kind, note, client_key, by):
    allowed = violation_kinds_for(outcome)
    if not allowed:
        raise BusinessRuleError(_("This outcome does not point to a violation."))
    kind = kind or allowed[0]
    if kind not in allowed:
        raise BusinessRuleError(_("This violation kind does not fit the outcome."))
    description = _("Found in a callback: %(outcome)s (record %(record)s, sold %(date)s).") % {
        "outcome": outcome.label, "record": callback.external_id, "date": callback.sold_on.isoformat(),
    }
    key = uuid.uuid5(VIOLATION_KEYS, str(client_key or f"callback-{callback.pk}"))
    violation, _created = violation_raise(outlet=callback.outlet, kind=kind, description=description, by=by,
                                          client_key=key, evidence_note=note)
    return violation
