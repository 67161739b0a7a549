from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.accounts.permissions import can_admin_org, can_approve
from qudao.ui.navigation import NavItem, register
from qudao.ui.widgets import register as register_widget

from .choices import FollowUpStatus
from .selectors import followups_visible_to

SECTION = _("Performance")


def _staff(user) -> bool:
    return not user.is_agent_user


def register_navigation() -> None:
    register(NavItem(_("Weekly bulletins"), "performance:bulletin_list", SECTION, lambda u: True, 80))
    register(NavItem(_("Weekly results by agent"), "performance:line_list", SECTION, lambda u: True, 81))
    register(NavItem(_("Follow-ups"), "performance:followup_list", SECTION, _staff, 82))
    register(NavItem(_("Webhooks"), "performance:webhook_list", SECTION, lambda u: _staff(u) and can_approve(u), 83))
    register(NavItem(_("Laggard rules"), "performance:laggard_rule", SECTION, can_admin_org, 84))
    register_widget(_tiles)


def _tiles(user):
    if user.is_agent_user:
        return []
    mine = followups_visible_to(user).filter(assignee=user, status=FollowUpStatus.OPEN).count()
    return [{"label": _("My open follow-ups"), "value": mine,
             "url": reverse("performance:followup_list") + "?mine=true&status=open"}]
