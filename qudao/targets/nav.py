from django.utils.translation import gettext_lazy as _

from qudao.ui.navigation import NavItem, register


def register_navigation() -> None:
    staff = lambda user: not user.is_agent_user  # noqa: E731
    register(NavItem(_("Targets"), "targets:target_list", _("Targets"), lambda user: True, 64))
    register(NavItem(_("Working-day calendar"), "targets:calendar_list", _("Targets"), staff, 65))
