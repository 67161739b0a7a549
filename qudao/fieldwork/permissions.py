"""Who may record field work: staff with a writing role (agent users, analysts and the market
department only read)."""

from qudao.accounts.permissions import can_write_master_data


def can_work(user) -> bool:
    return bool(user.is_authenticated and not user.is_agent_user and can_write_master_data(user))


def may_raise_problem(user) -> bool:
    """Staff who record field work, and agent users for their own agent."""
    return can_work(user) or bool(user.is_authenticated and user.is_agent_user)
