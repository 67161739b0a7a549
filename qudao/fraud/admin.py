from django.contrib import admin

from qudao.core.admin import ReadOnlyAdmin

from .models import FraudFlag, FraudPolicy, FraudRule, OutletRisk, ScreeningRun


@admin.register(FraudRule)
class FraudRuleAdmin(admin.ModelAdmin):
    """Weights and parameters of the rules (qudao.fraud.rules.DEFAULTS lists the parameters)."""

    list_display = ["kind", "enabled", "weight", "params", "updated_at"]
    list_editable = ["enabled", "weight"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(FraudPolicy)
class FraudPolicyAdmin(admin.ModelAdmin):
    list_display = ["penalty_per_record_fen", "updated_at"]


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
