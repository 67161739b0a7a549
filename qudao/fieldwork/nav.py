from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.ui.navigation import NavItem, register
from qudao.ui.widgets import register as register_widget

from .choices import OPEN_PROBLEM, OPEN_TASK, CallbackStatus
from .permissions import can_work
from .selectors import problems_visible_to

SECTION = _("Field work")


def _staff(user) -> bool:
    return not user.is_agent_user


def register_navigation() -> None:
    register(NavItem(_("My callbacks"), "fieldwork:callback_workbench", SECTION, can_work, 80))
    register(NavItem(_("Callbacks"), "fieldwork:callback_list", SECTION, _staff, 81))
    register(NavItem(_("Visits and calls"), "fieldwork:visit_list", SECTION, _staff, 82))
    register(NavItem(_("Channel problems"), "fieldwork:problem_list", SECTION, lambda u: True, 83))
    register(NavItem(_("Work tasks"), "fieldwork:task_list", SECTION, _staff, 84))
    register(NavItem(_("Training sessions"), "fieldwork:training_list", SECTION, _staff, 85))
    register(NavItem(_("Sales-assistance days"), "fieldwork:assist_list", SECTION, _staff, 86))
    register(NavItem(_("Channel meetings"), "fieldwork:meeting_list", SECTION, _staff, 87))
    register(NavItem(_("Work diary"), "fieldwork:diary_list", SECTION, _staff, 88))
    register(NavItem(_("Scorecards"), "fieldwork:scorecard_list", SECTION, _staff, 89))
    register_widget(_tiles)


def _tiles(user):
    tiles = []
    if can_work(user):
        tiles.append({"label": _("Callbacks to make"),
                      "value": user.callbacks.filter(status=CallbackStatus.PENDING).count(),
                      "url": reverse("fieldwork:callback_workbench")})
    if not user.is_agent_user:
        tiles.append({"label": _("My open tasks"), "value": user.work_tasks.filter(status__in=OPEN_TASK).count(),
                      "url": reverse("fieldwork:task_list") + "?mine=true"})
    tiles.append({"label": _("Open channel problems"),
                  "value": problems_visible_to(user).filter(status__in=OPEN_PROBLEM).count(),
                  "url": reverse("fieldwork:problem_list") + "?status=open"})
    return tiles
