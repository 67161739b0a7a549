"""Territory and staff exports in the columns of their import templates (see qudao.core.exporting).

Each function takes the caller's scoped, filtered queryset and returns (headers, rows) from a
single query, ready for ScopedListView.exporter or qudao.core.exporting.export_file.
"""

from itertools import groupby
from operator import itemgetter

from qudao.core.exporting import ITERATOR_CHUNK, export_table

from .importers import StaffImporter, TerritoryImporter


def territory_table(queryset):
    """Nodes in path order, so every parent comes before its children."""
    records = queryset.order_by("path").values_list("code", "name", "kind", "parent__code").iterator(
        chunk_size=ITERATOR_CHUNK
    )
    return export_table(TerritoryImporter.columns, records)


def staff_table(assignments):
    """One row per person from a StaffAssignment queryset; their node codes joined in one cell."""
    values = assignments.order_by("user__username", "node__code").values_list(
        "user__username", "user__display_name", "user__role", "user__phone", "node__code",
        "user__reports_to__username",
    ).iterator(chunk_size=ITERATOR_CHUNK)
    records = (_staff_record(list(group)) for _username, group in groupby(values, key=itemgetter(0)))
    return export_table(StaffImporter.columns, records)


def _staff_record(group: list[tuple]) -> tuple:
    username, name, role, phone, _node, reports_to = group[0]
    return (username, name, role, phone, tuple(row[4] for row in group), reports_to)
