import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError

from qudao.reporting.aggregates import (
    refresh_all_reporting_aggregates,
    refresh_reporting_aggregates,
)


class Command(BaseCommand):
    help = ("Rebuilds the reporting aggregates from the daily rollup: for a range of days, or everything "
            "(--all: after a territory node moved, or to recover).")

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="rebuild everything")
        parser.add_argument("--from", dest="first", type=dt.date.fromisoformat, help="first day (YYYY-MM-DD)")
        parser.add_argument("--to", dest="last", type=dt.date.fromisoformat, help="last day (YYYY-MM-DD)")

    def handle(self, *args, all, first, last, **options):
        started = time.monotonic()
        if all:
            written = refresh_all_reporting_aggregates()
        elif first and last and first <= last:
            written = refresh_reporting_aggregates(first + dt.timedelta(days=i) for i in range((last - first).days + 1))
        else:
            raise CommandError("Give --all, or --from and --to (from ≤ to).")
        self.stdout.write(f"Rows written: {written} in {time.monotonic() - started:.1f} s")
