from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.accounts.permissions import can_write_master_data
from qudao.ui.navigation import NavItem, register
from qudao.ui.widgets import register as register_widget

from .choices import OPEN_RECTIFICATION, OPEN_VIOLATION
from .selectors import rectifications_visible_to, violations_visible_to, week_progress
from .weeks import local_date, week_start

SECTION = _("Field work")


def _staff(user) -> bool:
    return not user.is_agent_user


def register_navigation() -> None:
    register(NavItem(_("My week"), "inspections:plan_week", SECTION, can_write_master_data, 70))
    register(NavItem(_("New inspection"), "inspections:inspection_start", SECTION, can_write_master_data, 71))
    register(NavItem(_("Inspection log"), "inspections:inspection_list", SECTION, _staff, 72))
    register(NavItem(_("Rectifications"), "inspections:rectification_list", SECTION, lambda u: True, 73))
    register(NavItem(_("Violations"), "inspections:violation_list", SECTION, lambda u: True, 74))
    register(NavItem(_("Monthly assessment report"), "inspections:monthly_report", SECTION, _staff, 75))
    register(NavItem(_("Week plans"), "inspections:plan_list", SECTION, _staff, 76))
    register(NavItem(_("Checklists"), "inspections:template_list", SECTION, _staff, 77))
    register_widget(_tiles)


def _tiles(user):
    tiles = []
    if can_write_master_data(user):
        done, quota = week_progress(user, week_start(local_date()))
        tiles.append({"label": _("Inspected this week"), "value": f"{done}/{quota}",
                      "url": reverse("inspections:plan_week")})
    tiles.append({"label": _("Open rectifications"),
                  "value": rectifications_visible_to(user).filter(status__in=OPEN_RECTIFICATION).count(),
                  "url": reverse("inspections:rectification_list") + "?status=open"})
    tiles.append({"label": _("Open violations"),
                  "value": violations_visible_to(user).filter(status__in=OPEN_VIOLATION).count(),
                  "url": reverse("inspections:violation_list") + "?status=open"})
    return tiles
