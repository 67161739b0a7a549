"""Write access of the incentives app (read access is the selectors' job)."""

from qudao.accounts.permissions import can_approve, can_write_master_data


def can_write_schemes(user) -> bool:
    return can_write_master_data(user) and not user.is_agent_user


def can_review_schemes(user) -> bool:
    """Approve or reject; the services also refuse the version's own author or submitter."""
    return can_approve(user)


def can_run_settlements(user) -> bool:
    """Channel managers settle their own nodes; runs.start_run checks the scope against the reach."""
    return can_write_master_data(user) and not user.is_agent_user
