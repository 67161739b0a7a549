"""Checklist templates and the field-work policy are maintained here by administrators."""

from django.contrib import admin

from .models import ChecklistItem, ChecklistTemplate, InspectionPolicy


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0
    fields = ("order", "section", "text", "answer_type", "max_points", "pass_points", "weight", "violation_kind")


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "channel_type", "scoring", "pass_score", "is_active")
    list_filter = ("kind", "channel_type", "is_active")
    inlines = [ChecklistItemInline]


@admin.register(InspectionPolicy)
class InspectionPolicyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "geofence_m", "min_dwell_minutes", "weekly_quota", "rectification_days",
                    "keep_photo_time_and_position")

    def has_add_permission(self, request) -> bool:
        return not InspectionPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
