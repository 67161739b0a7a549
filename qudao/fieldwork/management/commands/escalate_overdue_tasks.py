import datetime as dt

from django.core.management.base import BaseCommand

from qudao.fieldwork.services import escalate_overdue_tasks


class Command(BaseCommand):
    help = "Escalates open work tasks past their due date to the assignee's superior (idempotent; run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD; today in Asia/Shanghai if omitted")

    def handle(self, *args, today=None, **options):
        self.stdout.write(f"escalated {escalate_overdue_tasks(today=today)} task(s)")
