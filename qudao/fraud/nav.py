from django.utils.translation import gettext_lazy as _

from qudao.ui.navigation import NavItem, register

SECTION = _("Fraud screening")


def _staff(user) -> bool:
    return not user.is_agent_user


def register_navigation() -> None:
    register(NavItem(_("Outlet risk"), "fraud:risk_list", SECTION, _staff, 95))
    register(NavItem(_("Fraud flags"), "fraud:flag_list", SECTION, _staff, 96))
    register(NavItem(_("Screening runs"), "fraud:run_list", SECTION, _staff, 97))
    register(NavItem(_("Screening rules"), "fraud:rule_list", SECTION, _staff, 98))
