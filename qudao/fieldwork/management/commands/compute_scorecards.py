from django.core.management.base import BaseCommand

from qudao.fieldwork.services import compute_scorecards
from qudao.fieldwork.weeks import local_date, parse_month


class Command(BaseCommand):
    help = "Computes the scorecards of every channel manager and supervisor for a month (this month by default)."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM; the running month if omitted")

    def handle(self, *args, month=None, **options):
        first = parse_month(month, local_date())
        self.stdout.write(f"{first:%Y-%m}: {compute_scorecards(month=first)} scorecard(s)")
