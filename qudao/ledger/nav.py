from django.utils.translation import gettext_lazy as _

from qudao.ui.navigation import NavItem, register

SECTION = _("Ledger")


def _staff(user) -> bool:
    return not user.is_agent_user


def register_navigation() -> None:
    register(NavItem(_("Agent accounts"), "ledger:account_list", SECTION, lambda u: True, 90))
    register(NavItem(_("Ledger entries"), "ledger:entry_list", SECTION, lambda u: True, 91))
    register(NavItem(_("Penalties"), "ledger:penalty_list", SECTION, _staff, 92))
