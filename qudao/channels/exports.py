"""Agent and outlet exports in the columns of their import templates (see qudao.core.exporting).

Each function takes the caller's scoped, filtered queryset and returns (headers, rows) from a
single query, ready for ScopedListView.exporter or qudao.core.exporting.export_file.
"""

from qudao.core.exporting import ITERATOR_CHUNK, export_table
from qudao.core.masking import mask_tail

from .importers import AgentImporter, OutletImporter

# Stored fields in the order of AgentImporter.columns; the ID number is never exported.
_AGENT_FIELDS = (
    "code", "name", "credit_code", "channel_type", "territory__code", "legal_representative", None,
    "contact_name", "contact_phone", "address", "contract_no", "contract_start", "contract_end", "deposit_fen",
    "bank_name", "bank_account", "grade", "manager__username",
)
_OUTLET_FIELDS = (
    "code", "name", "address", "latitude", "longitude", "grid__code", "agent__code", "outlet_type", "opening_date",
)
_BANK_ACCOUNT = _AGENT_FIELDS.index("bank_account")


def agent_table(queryset):
    """Bank accounts are masked (****3445); the representative's ID number column stays empty."""
    fields = [f for f in _AGENT_FIELDS if f is not None]
    records = (
        _agent_record(values)
        for values in queryset.order_by("code").values_list(*fields).iterator(chunk_size=ITERATOR_CHUNK)
    )
    return export_table(AgentImporter.columns, records)


def _agent_record(values: tuple) -> list:
    record = list(values)
    record.insert(_AGENT_FIELDS.index(None), "")
    record[_BANK_ACCOUNT] = mask_tail(record[_BANK_ACCOUNT])
    return record


def outlet_table(queryset):
    records = queryset.order_by("code").values_list(*_OUTLET_FIELDS).iterator(chunk_size=ITERATOR_CHUNK)
    return export_table(OutletImporter.columns, records)
