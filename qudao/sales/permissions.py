"""Who may import facts and who may change the effective-development rule (reads are the scopes' job)."""

from qudao.accounts.choices import Role
from qudao.accounts.permissions import can_write_master_data

RULE_EDITORS = frozenset({Role.SALES_DIRECTOR, Role.HEAD_OF_CHANNELS})


def can_import_facts(user) -> bool:
    """Staff who may change master data may upload development and status files (within their reach)."""
    return can_write_master_data(user) and not user.is_agent_user


def can_edit_effective_rules(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role in RULE_EDITORS))
