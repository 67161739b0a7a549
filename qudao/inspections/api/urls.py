"""The inspections app's API routes; config/api_urls.py assembles them with the other apps'."""

from .views import (
    ChecklistTemplateViewSet,
    InspectionViewSet,
    RectificationViewSet,
    ViolationViewSet,
    WeekPlanViewSet,
)

# (prefix, viewset, basename) for the shared router; URL names are api:<basename>-list/-detail.
routes = [
    ("inspections", InspectionViewSet, "inspection"),
    ("rectifications", RectificationViewSet, "rectification"),
    ("violations", ViolationViewSet, "violation"),
    ("week-plans", WeekPlanViewSet, "week-plan"),
    ("checklist-templates", ChecklistTemplateViewSet, "checklist-template"),
]

urlpatterns = []
