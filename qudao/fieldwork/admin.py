from django.contrib import admin

from .models import CallbackPolicy, CallbackRun


@admin.register(CallbackPolicy)
class CallbackPolicyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "sample_pct", "risk_boost_pct", "updated_at")

    def has_add_permission(self, request):
        return not CallbackPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CallbackRun)
class CallbackRunAdmin(admin.ModelAdmin):
    list_display = ("day", "share_pct", "population", "sampled", "created_at")
    readonly_fields = ("day", "share_pct", "population", "sampled", "created_at")

    def has_add_permission(self, request):
        return False
