"""The one state-machine helper: every status move of every work item goes through `transition`."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext as _

from qudao.core.errors import BusinessRuleError
from qudao.core.history import attribute_change
from qudao.core.models import Event


def record_event(
    *, subject: models.Model, action: str, by, from_status: str = "", to_status: str = "",
    note: str = "", data: Mapping[str, Any] | None = None,
) -> Event:
    return Event.objects.create(
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        object_id=subject.pk,
        action=action,
        from_status=from_status,
        to_status=to_status,
        by=by,
        note=note,
        data=dict(data or {}),
    )


def transition(
    *, subject: models.Model, to: str, allowed_from: Iterable[str], action: str, by,
    note: str = "", data: Mapping[str, Any] | None = None, field: str = "status",
) -> Event:
    """Move `subject.<field>` to `to` if it is in `allowed_from`; save it and write the event row."""
    current = getattr(subject, field)
    if current not in set(allowed_from):
        label = getattr(subject, f"get_{field}_display", lambda: current)()
        raise BusinessRuleError(
            _("This is not possible while the status is “%(status)s”.") % {"status": label},
            code="invalid_transition",
        )
    setattr(subject, field, to)
    attribute_change(subject, by)
    subject.save()
    return record_event(
        subject=subject, action=action, by=by, from_status=current, to_status=to,
        note=note, data=data,
    )


def events_for(subject: models.Model):
    return Event.objects.filter(
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        object_id=subject.pk,
    ).select_related("by")
