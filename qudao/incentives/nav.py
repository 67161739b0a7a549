from django.utils.translation import gettext_lazy as _

from qudao.ui.navigation import NavItem, register

SECTION = _("Incentives")


def _staff(user) -> bool:
    return not user.is_agent_user


def register_navigation() -> None:
    register(NavItem(_("Incentive schemes"), "incentives:version_list", SECTION, _staff, 90))
    register(NavItem(_("Settlement runs"), "incentives:run_list", SECTION, _staff, 91))
    register(NavItem(_("Statements"), "incentives:statement_list", SECTION, _staff, 92))
