"""manage.py import_records FILE --user U [--dry-run] [--allow-partial] [--kind statuses]

Runs the same pipeline as an upload, synchronously, printing each stage; the batch it creates is
listed on the import pages like any other. Exit status 1 when the file was rejected or failed.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from qudao.sales.choices import ImportKind, ImportStatus
from qudao.sales.models import ImportBatch
from qudao.sales.permissions import can_import_facts
from qudao.sales.services import import_batch_run

SHOWN_ERRORS = 50


class Command(BaseCommand):
    help = "Imports a development-record (or status) file from CSV/XLSX, synchronously."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="username of the importing person (reach and rights)")
        parser.add_argument("--dry-run", action="store_true", help="check and compare only; write nothing")
        parser.add_argument("--allow-partial", action="store_true", help="import the valid rows, report the rest")
        parser.add_argument("--kind", choices=[ImportKind.RECORDS, ImportKind.STATUSES], default=ImportKind.RECORDS)

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"no such user: {options['user']}")
        if not can_import_facts(user):
            raise CommandError(f"{user.username} may not import development data")
        batch = ImportBatch.objects.create(
            kind=options["kind"], filename=path.name, size=path.stat().st_size, created_by=user,
            dry_run=options["dry_run"], allow_partial=options["allow_partial"],
        )
        batch = import_batch_run(batch_id=batch.pk, path=path, on_progress=self.progress)
        self.report(batch)
        if batch.status != ImportStatus.DONE:
            raise SystemExit(1)

    def progress(self, batch: ImportBatch) -> None:
        self.stdout.write(f"[{batch.progress:3d}%] {batch.get_stage_display()}")

    def report(self, batch: ImportBatch) -> None:
        timings = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in batch.timings.items())
        self.stdout.write(
            f"batch #{batch.pk} {batch.get_status_display()}{' (dry run)' if batch.dry_run else ''}: "
            f"{batch.rows_total} rows, {batch.rows_inserted} added, {batch.rows_replaced} corrected/updated, "
            f"{batch.rows_unchanged} unchanged, {batch.rows_rejected} rejected ({timings})"
        )
        if batch.message:
            self.stdout.write(batch.message)
        for error in batch.errors[:SHOWN_ERRORS]:
            self.stdout.write(f"  行 {error['row'] or '-'} | {error['column']} | {error['reason']}")
        if batch.error_count > SHOWN_ERRORS:
            self.stdout.write(f"  … {batch.error_count - SHOWN_ERRORS} more")
