from django.utils.translation import gettext_lazy as _

from qudao.ui.navigation import NavItem, register

from .permissions import can_answer_disputes

SECTION = _("Incentives")


def register_navigation() -> None:
    register(NavItem(_("My statements"), "statements:statement_list", SECTION, lambda u: u.is_agent_user, 60))
    register(NavItem(_("Statement confirmations"), "statements:statement_list", SECTION,
                     lambda u: not u.is_agent_user, 96))
    register(NavItem(_("Statement disputes"), "statements:dispute_list", SECTION, can_answer_disputes, 97))
