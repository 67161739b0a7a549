from django.contrib import admin

from qudao.core.admin import ReadOnlyAdmin

from .models import FraudFlag, FraudPolicy, FraudRule, OutletRisk, ScreeningRun


@admin.register(FraudRule)
class FraudRuleAdmin(ReadOnlyAdmin):
    """Read-only: changes go through the settings page or the API (checked, with history)."""

    list_display = ["kind", "enabled", "weight", "params", "updated_at", "updated_by"]


@admin.register(FraudPolicy)
class FraudPolicyAdmin(ReadOnlyAdmin):
    list_display = ["penalty_per_record_fen", "updated_at", "updated_by"]


@admin.register(ScreeningRun)
class ScreeningRunAdmin(ReadOnlyAdmin):
    list_display = ["id", "period", "status", "records", "flags", "created_at"]


@admin.register(FraudFlag)
class FraudFlagAdmin(ReadOnlyAdmin):
    list_display = ["period", "external_id", "outlet", "rule", "score", "status"]
    list_filter = ["rule", "status"]


@admin.register(OutletRisk)
class OutletRiskAdmin(ReadOnlyAdmin):
    list_display = ["period", "outlet", "score", "records", "flagged"]
