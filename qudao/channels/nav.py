from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.ui.navigation import NavItem, register
from qudao.ui.widgets import register as register_widget

from .choices import OutletStatus, RequestStatus
from .selectors import agents_visible_to, outlet_requests_visible_to, outlets_visible_to


def register_navigation() -> None:
    register(NavItem(_("Agents"), "channels:agent_list", _("Channels"), lambda u: True, 40))
    register(NavItem(_("Outlets"), "channels:outlet_list", _("Channels"), lambda u: True, 50))
    register(NavItem(_("Outlet requests"), "channels:request_list", _("Channels"), lambda u: not u.is_agent_user, 60))
    register_widget(_tiles)


def _tiles(user):
    tiles = [
        {"label": _("Agents"), "value": agents_visible_to(user).count(), "url": reverse("channels:agent_list")},
        {"label": _("Open outlets"), "value": outlets_visible_to(user).filter(status=OutletStatus.ACTIVE).count(),
         "url": reverse("channels:outlet_list") + "?status=active"},
    ]
    if not user.is_agent_user:
        pending = outlet_requests_visible_to(user).filter(status=RequestStatus.PENDING).count()
        tiles.append({"label": _("Pending requests"), "value": pending, "url": reverse("channels:request_list") + "?status=pending"})
    return tiles
