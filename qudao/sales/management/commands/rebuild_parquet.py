from django.core.management.base import BaseCommand, CommandError

from qudao.sales.pipeline.rebuild import parse_month, rebuild_month


class Command(BaseCommand):
    help = "Rewrites the columnar copy (Parquet) of one or more months from the database."

    def add_arguments(self, parser):
        parser.add_argument("--month", action="append", required=True, help="YYYY-MM; repeat for several months")

    def handle(self, *args, **options):
        months = options["month"]
        try:
            for month in months:
                parse_month(month)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        for month in months:
            rows = rebuild_month(month)
            self.stdout.write(f"{month}: {rows} records")
