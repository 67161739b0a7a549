"""`manage.py run_schedule`: every minute, enqueue the scheduled jobs that are due.

`--once --now "2026-11-30 07:30"` checks a single moment (Asia/Shanghai) and exits: for cron
and tests. Tasks run in the worker (`manage.py db_worker`).
"""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from qudao.performance.scheduling import SCHEDULE_TZ, enqueue_due


class Command(BaseCommand):
    help = "Enqueue the due scheduled jobs (laggards daily 07:00, weekly bulletin Mondays 07:30, Asia/Shanghai)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check once and exit.")
        parser.add_argument("--now", help='Pretend it is this moment, "YYYY-MM-DD HH:MM" in Asia/Shanghai (with --once).')
        parser.add_argument("--interval", type=int, default=60, help="Seconds between checks (default 60).")

    def handle(self, *args, once=False, now=None, interval=60, **options):
        if now and not once:
            raise CommandError("--now only makes sense with --once.")
        if once:
            self.tick(self.parse_now(now) if now else timezone.now())
            return
        while True:  # pragma: no cover - the loop is the same tick every minute
            self.tick(timezone.now())
            time.sleep(interval - time.time() % interval)

    def parse_now(self, text: str) -> dt.datetime:
        try:
            return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SCHEDULE_TZ)
        except ValueError as exc:
            raise CommandError('--now must look like "2026-11-30 07:30".') from exc

    def tick(self, now: dt.datetime) -> None:
        for job, period_key, run in enqueue_due(now):
            if run is None:
                self.stdout.write(f"{job} {period_key}: already claimed")
            else:
                self.stdout.write(f"{job} {period_key}: enqueued as run {run.pk} ({run.status})")
