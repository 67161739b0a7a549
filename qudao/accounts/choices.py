from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SALES_DIRECTOR = "sales_director", _("Sales director")
    HEAD_OF_CHANNELS = "head_of_channels", _("Head of channel management")
    SUPERVISOR = "supervisor", _("Channel supervisor")
    CHANNEL_MANAGER = "channel_manager", _("Channel manager")
    SALES_SPECIALIST = "sales_specialist", _("Sales specialist")
    MARKET_DEPARTMENT = "market_department", _("Market department")
    CENTER_ANALYST = "center_analyst", _("Center analyst")
    AGENT_USER = "agent_user", _("Agent user")


# Who may change master data within their reach; the others only read.
WRITE_ROLES = frozenset(
    {Role.SALES_DIRECTOR, Role.HEAD_OF_CHANNELS, Role.SUPERVISOR, Role.CHANNEL_MANAGER, Role.SALES_SPECIALIST}
)
# Who may approve lifecycle requests (never their own).
APPROVE_ROLES = frozenset({Role.SALES_DIRECTOR, Role.HEAD_OF_CHANNELS, Role.SUPERVISOR})
# Who may edit the territory tree and staff assignments.
ORG_ADMIN_ROLES = frozenset({Role.SALES_DIRECTOR, Role.HEAD_OF_CHANNELS})
STAFF_ROLES = frozenset(set(Role) - {Role.AGENT_USER})
