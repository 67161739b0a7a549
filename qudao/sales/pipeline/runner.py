"""One import batch from file to facts: read, validate, write in one transaction, columnar copy.

Stages and progress are saved on the batch as they happen (the batch page polls them). Nothing is
written unless the whole file is valid, except when the batch says "import the valid rows"; a dry
run does all the work, including the database comparison, and rolls it back.
"""

import logging
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from ..choices import ImportKind, ImportStage, ImportStatus
from ..models import DevelopmentRecord, ImportBatch
from ..partitions import analyze_month_partitions, ensure_month_partitions
from ..permissions import can_import_facts
from ..rollups import rebuild_rollups
from . import columnar, records, statuses, verify
from .db import lock_facts, next_sequence
from .effective import current_rules, new_record_effective
from .files import FileRejected, check_file, merged_ranges_near_top, read_cells
from .headers import locate
from .merge import merge_records
from .reference import load_references
from .report import file_error, store_errors, summary

logger = logging.getLogger(__name__)
Progress = Callable[[ImportBatch], None]
ANALYZE_AFTER_ROWS = 50_000  # a write this large changes a month partition's statistics


def process_batch(batch_id: int, *, path: Path | None = None, on_progress: Progress | None = None) -> ImportBatch:
    """Runs the batch unless it already finished (safe to call twice). `path` reads a local file
    instead of the upload (the management command); an upload is deleted once it has been read."""
    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    if batch.is_finished:
        return batch
    try:
        _Run(batch, path or Path(batch.file.path), on_progress).run()
    finally:
        if path is None and batch.file:
            batch.file.delete(save=False)
            ImportBatch.objects.filter(pk=batch.pk).update(file="")
    return batch


class _Run:
    def __init__(self, batch: ImportBatch, path: Path, on_progress: Progress | None):
        self.batch, self.path, self.on_progress = batch, path, on_progress
        self.clock = time.perf_counter()

    # bookkeeping ------------------------------------------------------------------------------

    def stage(self, stage: ImportStage, progress: int, **extra) -> None:
        self.batch.stage, self.batch.progress = stage, progress
        for name, value in extra.items():
            setattr(self.batch, name, value)
        ImportBatch.objects.filter(pk=self.batch.pk).update(stage=stage, progress=progress, **extra)
        if self.on_progress:
            self.on_progress(self.batch)

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.batch.timings[name] = round(now - self.clock, 3)
        self.clock = now

    def finish(self, status: ImportStatus, message: str = "") -> None:
        batch = self.batch
        batch.status, batch.message, batch.finished_at = status, message, timezone.now()
        batch.stage, batch.progress = ImportStage.DONE, 100
        batch.save()
        if self.on_progress:
            self.on_progress(batch)

    def reject(self, errors: pl.DataFrame, message: str) -> None:
        store_errors(self.batch, errors)
        self.finish(ImportStatus.REJECTED, message)

    # the run ------------------------------------------------------------------------------------

    def run(self) -> None:
        batch = self.batch
        self.stage(ImportStage.READING, 5, status=ImportStatus.RUNNING, started_at=timezone.now())
        try:
            if batch.created_by is None or not can_import_facts(batch.created_by):
                raise FileRejected("您的角色不能导入发展数据")
            located = self.read()
            if batch.kind == ImportKind.RECORDS:
                self.import_records(located)
            else:
                self.import_statuses(located)
        except FileRejected as exc:
            self.reject(file_error(str(exc)), str(exc))
        except Exception as exc:
            logger.exception("import batch %s failed", batch.pk)
            store_errors(batch, file_error("导入时发生系统错误，请联系管理员"))
            self.finish(ImportStatus.FAILED, f"导入失败：{type(exc).__name__}: {str(exc)[:500]}")

    def read(self):
        kind = check_file(self.path, self.batch.filename)
        cells, first_row, _ = read_cells(self.path, kind)
        fields = records.FIELDS if self.batch.kind == ImportKind.RECORDS else statuses.FIELDS
        merged = (lambda: merged_ranges_near_top(self.path)) if kind == "xlsx" else None
        located = locate(cells, first_row, fields, merged=merged)
        self.lap("read")
        self.stage(ImportStage.VALIDATING, 25)
        return located

    def refuse_rows(self, errors: pl.DataFrame) -> None:
        count, rows = summary(errors)
        self.reject(errors, f"发现 {count} 处错误（涉及 {rows} 行），整个文件未导入。请改正后重新导入，"
                            f"或选择“只导入有效行”。")

    # development records ------------------------------------------------------------------------

    def import_records(self, located) -> None:
        batch = self.batch
        checked = records.validate_records(
            located, load_references(batch.created_by), now=timezone.localtime().replace(tzinfo=None),
        )
        batch.rows_total = checked.rows_total
        self.lap("validate")
        good, errors = checked.good, checked.errors
        if errors.height and not batch.allow_partial:
            return self.refuse_rows(errors)
        if good.height == 0:
            return self.reject(errors, "没有可导入的有效行")
        batch.first_day, batch.last_day = good["sold_on"].min(), good["sold_on"].max()
        self.stage(ImportStage.WRITING, 55)
        rules = current_rules()
        with transaction.atomic(), connection.cursor() as cursor:
            lock_facts(cursor)
            sequence = next_sequence()
            ensure_month_partitions(DevelopmentRecord._meta.db_table, good["sold_on"].unique().to_list())
            merged = merge_records(cursor, good, batch_id=batch.pk, rules=rules, write=not batch.dry_run,
                                   lap=self.lap)
            written, days, touched = _written(good, merged.match)
            if batch.dry_run:
                transaction.set_rollback(True)
            else:
                # The batch's rows as stored (Parquet copy and fresh rollups), built once.
                stored = columnar.record_rows(
                    written, batch_id=batch.pk, version=2 * sequence, new_effective=new_record_effective(written, rules),
                    corrected=merged.changed_status, tombstones=_tombstones(good, merged.match),
                )
                if written.height >= ANALYZE_AFTER_ROWS:
                    analyze_month_partitions(DevelopmentRecord._meta.db_table, days)
                    self.lap("analyze")
                rebuild_rollups(days, groups=touched, facts=stored.filter(~pl.col("deleted")))
                self.lap("rollups")
                batch.sequence = sequence
                batch.save(update_fields=["sequence"])
        batch.rows_inserted, batch.rows_replaced, batch.rows_unchanged = merged.inserted, merged.replaced, merged.unchanged
        store_errors(batch, errors)
        self.lap("commit")
        if not batch.dry_run:
            self.stage(ImportStage.COLUMNAR, 90)
            self.columnar(lambda: columnar.write_months(columnar.RECORDS, stored, f"batch-{batch.pk}"))
        self.finish(ImportStatus.DONE)

    def columnar(self, write: Callable) -> None:
        try:
            write()
        except Exception:
            logger.exception("columnar copy of batch %s failed", self.batch.pk)
            self.batch.message = "数据已导入，但列式副本（Parquet）写入失败；请运行 manage.py rebuild_parquet 重建。"
        self.lap("columnar")

    # status updates -----------------------------------------------------------------------------

    def import_statuses(self, located) -> None:
        batch = self.batch
        checked = statuses.validate_statuses(located, today=timezone.localdate())
        batch.rows_total = checked.rows_total
        errors = checked.errors
        self.stage(ImportStage.WRITING, 55)
        rules = current_rules()
        applied = None
        with transaction.atomic(), connection.cursor() as cursor:
            lock_facts(cursor)
            sequence = next_sequence()
            verify.stage_statuses(cursor, checked.good)
            found = verify.database_errors(cursor, batch.created_by, located.headers)
            errors = pl.concat([errors, found]).sort("row")
            self.lap("validate")
            if (not errors.height or batch.allow_partial) and checked.good.height > found.height:
                verify.drop_rows(cursor, found["row"].to_list())
                applied = verify.apply_statuses(cursor, batch_id=batch.pk, rules=rules)
                rebuild_rollups(applied.days, groups=applied.groups)
            verify.drop_stage(cursor)  # temporary tables vanish with a rollback, but not with a commit
            if applied is None or batch.dry_run:
                transaction.set_rollback(True)
            else:
                batch.sequence = sequence
                batch.save(update_fields=["sequence"])
        if applied is None:
            if errors.height and not batch.allow_partial:
                return self.refuse_rows(errors)
            return self.reject(errors, "没有可导入的有效行")
        batch.rows_inserted, batch.rows_replaced = applied.stored, applied.updated
        batch.rows_unchanged = checked.good.height - len(found) - applied.stored
        store_errors(batch, errors)
        self.lap("write")
        if not batch.dry_run:
            self.stage(ImportStage.COLUMNAR, 90)
            rows = applied.status_rows.with_columns(
                pl.lit(batch.pk, dtype=pl.Int64).alias("batch_id"), pl.lit(2 * sequence, dtype=pl.Int64).alias("version"),
            )
            self.columnar(lambda: columnar.write_months(columnar.STATUSES, rows, f"batch-{batch.pk}"))
        self.finish(ImportStatus.DONE)


def _written(good: pl.DataFrame, match: pl.DataFrame) -> tuple[pl.DataFrame, list, pl.DataFrame]:
    """The rows this batch adds or corrects, the sale days whose rollups change, and the rollup
    groups (day, outlet_id, product_id) within them (a corrected record counts where it was and where
    it is)."""
    unchanged = match.filter(pl.col("changed") == 0).select("external_id")
    written = good.join(unchanged, on="external_id", how="anti") if unchanged.height else good
    before = match.filter(pl.col("changed") == 1).select(
        pl.col("old_sold_on").alias("day"), pl.col("old_outlet_id").alias("outlet_id"),
        pl.col("old_product_id").alias("product_id"))
    after = written.select(pl.col("sold_on").alias("day"), "outlet_id", "product_id")
    touched = pl.concat([after, before]).unique()
    return written, sorted(touched["day"].unique().to_list()), touched


def _tombstones(good: pl.DataFrame, match: pl.DataFrame) -> pl.DataFrame:
    moved = match.filter(pl.col("changed") == 1).join(good.select("external_id", "sold_on"), on="external_id")
    return moved.filter(
        pl.col("old_sold_on").dt.strftime("%Y-%m") != pl.col("sold_on").dt.strftime("%Y-%m")
    ).select("external_id", "old_sold_on")
