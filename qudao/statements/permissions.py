from qudao.accounts.permissions import can_write_master_data
from qudao.channels.models import AgentUser


def is_head_of(user, agent_id: int) -> bool:
    """Only the agent's head (负责人) confirms or disputes its statements."""
    return bool(user.is_authenticated and user.is_agent_user
                and AgentUser.objects.filter(user=user, agent_id=agent_id, is_head=True).exists())


def can_answer_disputes(user) -> bool:
    return bool(user.is_authenticated and not user.is_agent_user and can_write_master_data(user))
