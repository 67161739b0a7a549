"""Checks shared by the field-work services."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from qudao.accounts.permissions import can_write_master_data
from qudao.core.errors import BusinessRuleError
from qudao.inspections.services.common import as_uuid, existing_submission
from qudao.territory.selectors import node_in_reach

__all__ = ["as_uuid", "create_once", "existing_submission", "require_in_reach", "require_text", "require_writer"]


def require_writer(user) -> None:
    """Staff who may change things (not analysts, the market department or agent users)."""
    if not user.is_authenticated or user.is_agent_user or not can_write_master_data(user):
        raise PermissionDenied(_("Your role may read but not change this."))


def require_in_reach(user, node) -> None:
    if not node_in_reach(user, node):
        raise PermissionDenied(_("This is outside your reach."))


def require_text(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise BusinessRuleError(message)
    return value


def create_once(instance, *, owner_field: str, by):
    """Saves a new record carrying a client submission key. A resent submission that raced the first
    one past the unique key returns the record created the first time: (record, created)."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        found = existing_submission(type(instance), instance.client_key, by, owner_field)
        if found is None:
            raise
        return found, False
    return instance, True
