"""Monthly range partitions of the fact table on PostgreSQL (a plain table on SQLite).

The parent is created by `PartitionedCreateModel` in the initial migration; month partitions
are created on demand by `ensure_month_partitions` before every write, and a DEFAULT partition
catches anything else so an insert never fails for want of a partition.
"""

import datetime as dt

from django.db import connection
from django.db.migrations.operations import CreateModel

PARTITION_KEY = "sold_on"


class PartitionedCreateModel(CreateModel):
    """CreateModel whose PostgreSQL table is `PARTITION BY RANGE (sold_on)` with (id, sold_on) as key."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = to_state.apps.get_model(app_label, self.name)
        db_table, pk_field = model._meta.db_table, model._meta.pk
        table, pk = schema_editor.quote_name(db_table), schema_editor.quote_name(pk_field.column)
        # PostgreSQL before 17 does not route identity columns through a partitioned parent,
        # so the key comes from a plain sequence owned by the column.
        sequence = schema_editor.quote_name(f"{db_table}_{pk_field.column}_seq")
        columns = [f"{pk} bigint NOT NULL DEFAULT nextval('{sequence}')"]
        for field in model._meta.local_fields:
            if field is not pk_field:
                definition, _params = schema_editor.column_sql(model, field, include_default=False)
                columns.append(f"{schema_editor.quote_name(field.column)} {definition}")
        schema_editor.execute(f"CREATE SEQUENCE {sequence}")
        schema_editor.execute(
            f"CREATE TABLE {table} ({', '.join(columns)}, PRIMARY KEY ({pk}, {PARTITION_KEY})) "
            f"PARTITION BY RANGE ({PARTITION_KEY})"
        )
        schema_editor.execute(f"ALTER SEQUENCE {sequence} OWNED BY {table}.{pk}")
        default = schema_editor.quote_name(f"{db_table}_default")
        schema_editor.execute(f"CREATE TABLE {default} PARTITION OF {table} DEFAULT")


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def partition_name(table: str, day: dt.date) -> str:
    return f"{table}_y{day:%Y}m{day:%m}"


def analyze_month_partitions(table: str, days) -> None:
    """Fresh planner statistics for the months of `days` after a bulk write, inside the writing
    transaction (ANALYZE counts the transaction's own new rows); without them PostgreSQL plans the
    rollup aggregation of a just-filled month as if it held a few thousand rows."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for first in sorted({month_start(d) for d in days}):
            cursor.execute("SELECT to_regclass(%s)", [partition_name(table, first)])
            if cursor.fetchone()[0] is not None:
                cursor.execute(f'ANALYZE "{partition_name(table, first)}"')


def ensure_month_partitions(table: str, days) -> list[str]:
    """Creates the month partitions covering `days` if missing; returns the names created."""
    if connection.vendor != "postgresql":
        return []
    months = sorted({month_start(d) for d in days})
    created = []
    with connection.cursor() as cursor:
        for first in months:
            name = partition_name(table, first)
            cursor.execute("SELECT to_regclass(%s)", [name])
            if cursor.fetchone()[0] is not None:
                continue
            cursor.execute(
                f'CREATE TABLE IF NOT EXISTS "{name}" PARTITION OF "{table}" '
                f"FOR VALUES FROM ('{first.isoformat()}') TO ('{next_month(first).isoformat()}')"
            )
            created.append(name)
    return created
