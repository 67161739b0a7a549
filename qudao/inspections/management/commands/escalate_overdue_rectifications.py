import datetime as dt

from django.core.management.base import BaseCommand

from qudao.inspections.services import escalate_overdue_rectifications


class Command(BaseCommand):
    help = "Escalates open rectifications past their deadline (idempotent; run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD; today in Asia/Shanghai if omitted")

    def handle(self, *args, today=None, **options):
        count = escalate_overdue_rectifications(today=today)
        self.stdout.write(f"escalated {count} rectification(s)")
