"""Tables give the list pages their pagination and ordering; the pages render each row as a
card (phones first), see templates/inspections/cards.html."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import ChecklistTemplate, Inspection, Rectification, Violation, WeekPlan


class InspectionTable(tables.Table):
    outlet = tables.Column(accessor="outlet__name", verbose_name=_("outlet"))
    inspector = tables.Column(verbose_name=_("inspector"))

    class Meta:
        model = Inspection
        fields = ("checked_in_at", "kind", "outlet", "inspector", "status", "score", "distance_m")


class RectificationTable(tables.Table):
    outlet = tables.Column(accessor="outlet__name", verbose_name=_("outlet"))

    class Meta:
        model = Rectification
        fields = ("deadline", "outlet", "description", "status")


class ViolationTable(tables.Table):
    outlet = tables.Column(accessor="outlet__name", verbose_name=_("outlet"))

    class Meta:
        model = Violation
        fields = ("created_at", "kind", "level", "outlet", "status", "penalty_fen")


class WeekPlanTable(tables.Table):
    class Meta:
        model = WeekPlan
        fields = ("week_start", "manager")


class ChecklistTemplateTable(tables.Table):
    class Meta:
        model = ChecklistTemplate
        fields = ("code", "name", "kind", "channel_type", "scoring", "is_active")
