from django.contrib import admin

from .models import LedgerEntry, Penalty


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Shown for inspection only: money moves through the services (and the ledger never changes)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(_ReadOnlyAdmin):
    list_display = ["id", "effective_on", "agent", "kind", "amount_fen", "period", "source", "posted_by"]
    list_filter = ["kind"]
    search_fields = ["source", "agent__code"]


@admin.register(Penalty)
class PenaltyAdmin(_ReadOnlyAdmin):
    """Approving here would bypass the four-eyes rule: use the penalty pages or the API."""

    list_display = ["id", "agent", "amount_fen", "status", "source", "proposed_by", "approved_by"]
    list_filter = ["status"]
