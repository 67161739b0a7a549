"""Admin: versions are reviewed only through the services (no self-approval here either); runs,
lines and statements are read-only."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qudao.core.admin import ReadOnlyAdmin

from . import services
from .models import Scheme, SchemeVersion, SettlementRun, Statement, StatementItem

REVIEW_FIELDS = ["status", "submitted_by", "submitted_at", "approved_by", "approved_at", "created_by"]


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


def _review(modeladmin, request, queryset, verb, done):
    for version in queryset:
        try:
            verb(version=version, by=request.user)
        except ValidationError as exc:
            modeladmin.message_user(request, f"{version}: {' '.join(exc.messages)}", messages.ERROR)
        else:
            modeladmin.message_user(request, f"{version}: {done}", messages.SUCCESS)


@admin.action(description=_("Approve the selected versions"))
def approve_versions(modeladmin, request, queryset):
    _review(modeladmin, request, queryset, services.version_approve, _("approved"))


@admin.action(description=_("Reject the selected versions"))
def reject_versions(modeladmin, request, queryset):
    _review(modeladmin, request, queryset, services.version_reject, _("rejected"))


@admin.register(SchemeVersion)
class SchemeVersionAdmin(admin.ModelAdmin):
    list_display = ["scheme", "number", "effective_from", "effective_to", "status", "submitted_by", "approved_by"]
    list_filter = ["status"]
    readonly_fields = REVIEW_FIELDS
    actions = [approve_versions, reject_versions]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_editable)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SettlementRun)
class SettlementRunAdmin(ReadOnlyAdmin):
    list_display = ["period", "scope", "status", "line_count", "total_fen", "finished_at"]


@admin.register(StatementItem)
class StatementItemAdmin(ReadOnlyAdmin):
    list_display = ["statement", "version", "rule_key", "rule_kind", "line_count", "amount_fen", "held_fen"]
    show_full_result_count = False


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ["run", "agent", "status", "total_fen", "held_fen", "payable_fen"]
    list_filter = ["status"]
