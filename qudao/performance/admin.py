from django.contrib import admin

from .models import Bulletin, FollowUp, JobRun, LaggardRule, WebhookDelivery, WebhookEndpoint


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    list_display = ["week_start", "week_end", "status", "agents", "records", "published_at"]
    list_filter = ["status"]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["flagged_on", "agent", "assignee", "level", "kind", "status", "due_on"]
    list_filter = ["status", "level", "kind"]
    raw_id_fields = ["agent", "grid", "assignee", "done_by", "escalated_from"]


@admin.register(LaggardRule)
class LaggardRuleAdmin(admin.ModelAdmin):
    list_display = ["target_shortfall_pct", "wow_drop_pct", "wow_min_volume", "repeat_days", "repeat_window"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "node", "is_active"]
    exclude = ["secret"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["attempted_at", "endpoint", "bulletin", "status", "http_status"]
    list_filter = ["status"]


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    """Deleting a failed run lets the scheduler claim that period again."""

    list_display = ["job", "period_key", "status", "enqueued_at", "started_at", "finished_at"]
    list_filter = ["job", "status"]
