"""The error table of a batch: the first rows on the batch itself, every row in a CSV report."""

import io

import polars as pl
from django.core.files.base import ContentFile

from .checks import ERROR_SCHEMA

STORED_ERRORS = 1000


def file_error(reason: str, column: str = "") -> pl.DataFrame:
    return pl.DataFrame({"row": [None], "column": [column], "reason": [reason]}, schema=ERROR_SCHEMA)


def summary(errors: pl.DataFrame) -> tuple[int, int]:
    """(errors, rows with an error)."""
    return errors.height, errors.filter(pl.col("row").is_not_null())["row"].n_unique()


def store_errors(batch, errors: pl.DataFrame) -> None:
    batch.error_count, batch.rows_rejected = summary(errors)
    batch.errors = errors.head(STORED_ERRORS).to_dicts()
    if errors.height > STORED_ERRORS:
        buffer = io.BytesIO()
        buffer.write("\ufeff".encode())
        errors.rename({"row": "行号", "column": "列", "reason": "原因"}).write_csv(buffer)
        batch.errors_file.save(f"batch-{batch.pk}-errors.csv", ContentFile(buffer.getvalue()), save=False)


def error_csv(errors: list[dict]) -> bytes:
    frame = pl.DataFrame(errors, schema=ERROR_SCHEMA) if errors else pl.DataFrame(schema=ERROR_SCHEMA)
    buffer = io.BytesIO()
    buffer.write("\ufeff".encode())
    frame.rename({"row": "行号", "column": "列", "reason": "原因"}).write_csv(buffer)
    return buffer.getvalue()
