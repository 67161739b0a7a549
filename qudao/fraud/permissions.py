"""Who may screen and review (reading is the scoping functions' job)."""

from qudao.accounts.permissions import can_admin_org, can_approve


def can_review_fraud(user) -> bool:
    """Supervisors and above clear flags or confirm fraud (confirming proposes a penalty)."""
    return can_approve(user) and not user.is_agent_user


def can_screen(user) -> bool:
    return can_review_fraud(user)


def can_configure_rules(user) -> bool:
    return can_admin_org(user)
