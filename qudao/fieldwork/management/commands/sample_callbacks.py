import datetime as dt

from django.core.management.base import BaseCommand

from qudao.fieldwork.services import sample_callbacks
from qudao.fieldwork.weeks import local_date


class Command(BaseCommand):
    help = "Draws the callback sample of a day (yesterday by default); idempotent per day."

    def add_arguments(self, parser):
        parser.add_argument("--day", type=dt.date.fromisoformat, help="YYYY-MM-DD; yesterday in Asia/Shanghai if omitted")

    def handle(self, *args, day=None, **options):
        run, created = sample_callbacks(day=day or local_date() - dt.timedelta(days=1))
        state = "drawn" if created else "already drawn"
        self.stdout.write(f"{run.day}: {state}, {run.sampled} of {run.population} user(s) sampled")
