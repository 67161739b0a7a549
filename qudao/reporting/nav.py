from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qudao.ui.navigation import NavItem, register
from qudao.ui.widgets import register as register_widget

from .selectors import landing_nodes, node_stats_visible_to, rollups_visible_to


def register_navigation() -> None:
    register(NavItem(_("Progress"), "reporting:dashboard", _("Reports"), lambda u: True, 10))
    register(NavItem(_("Progress by node"), "reporting:node_list", _("Reports"), lambda u: not u.is_agent_user, 20))
    register_widget(_tiles)


def _tiles(user):
    """This month's development within the person's reach (or their agent's)."""
    today = timezone.localdate()
    if user.is_agent_user:
        rows = rollups_visible_to(user)
    else:
        rows = node_stats_visible_to(user).filter(node_id__in=[n.pk for n in landing_nodes(user)])
    month = rows.filter(day__range=(today.replace(day=1), today)).aggregate(total=Sum("records"))["total"] or 0
    return [{"label": _("Development this month"), "value": month, "url": reverse("reporting:dashboard")}]
