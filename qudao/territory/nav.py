from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.ui.navigation import NavItem, register
from qudao.ui.widgets import register as register_widget

from .selectors import nodes_within_reach, users_visible_to


def _staff(user):
    return not user.is_agent_user


def register_navigation() -> None:
    register(NavItem(_("Territory"), "territory:node_list", _("Organisation"), _staff, 10))
    register(NavItem(_("People"), "territory:user_list", _("Organisation"), _staff, 20))
    register(NavItem(_("Staff assignments"), "territory:assignment_list", _("Organisation"), _staff, 30))
    register_widget(_tiles)


def _tiles(user):
    if user.is_agent_user:
        return []
    return [
        {"label": _("Grids in reach"), "value": nodes_within_reach(user).filter(kind="grid").count(), "url": reverse("territory:node_list") + "?kind=grid"},
        {"label": _("People in reach"), "value": users_visible_to(user).count(), "url": reverse("territory:user_list")},
    ]
