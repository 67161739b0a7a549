"""Write access, checked separately from read access (which is the scoping functions' job)."""

from .choices import APPROVE_ROLES, ORG_ADMIN_ROLES, WRITE_ROLES


def can_write_master_data(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role in WRITE_ROLES))


def can_approve(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role in APPROVE_ROLES))


def can_admin_org(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role in ORG_ADMIN_ROLES))
