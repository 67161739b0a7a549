from django.contrib import admin

from qudao.core.admin import ReadOnlyAdmin

from .models import LedgerEntry, Penalty


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["id", "effective_on", "agent", "kind", "amount_fen", "period", "source", "posted_by"]
    list_filter = ["kind"]
    search_fields = ["source", "agent__code"]


@admin.register(Penalty)
class PenaltyAdmin(ReadOnlyAdmin):
    """Approving here would bypass the four-eyes rule: use the penalty pages or the API."""

    list_display = ["id", "agent", "amount_fen", "status", "source", "proposed_by", "approved_by"]
    list_filter = ["status"]
