from django.utils.translation import gettext_lazy as _

from qudao.ui.navigation import NavItem, register

from .permissions import can_import_facts

SECTION = _("Development")


def register_navigation() -> None:
    register(NavItem(_("Development records"), "sales:record_list", SECTION, lambda u: True, 70))
    register(NavItem(_("Imports"), "sales:batch_list", SECTION, lambda u: not u.is_agent_user, 71))
    register(NavItem(_("Upload development data"), "sales:batch_create", SECTION, can_import_facts, 72))
    register(NavItem(_("Products"), "sales:product_list", SECTION, lambda u: True, 73))
    register(NavItem(_("Effective development rule"), "sales:rule_list", SECTION, lambda u: not u.is_agent_user, 74))
