import time

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from qudao.demo.generate import (
    DEFAULT_PASSWORD,
    DEFAULT_SEED,
    demo_logins,
    demo_present,
    foreign_data,
    seed_demo,
    wipe_demo_database,
)


class Command(BaseCommand):
    help = "Loads the demo province (Foshan: ~500 agents, ~2,500 outlets, staff for every role) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed; the same seed gives the same data")
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="password of every demo login")
        parser.add_argument("--scale", type=float, default=1.0, help="size factor for agents and outlets (e.g. 0.1)")
        parser.add_argument("--reset", action="store_true", help="wipe an existing demo database and load it again")
        parser.add_argument(
            "--records-per-month", type=int, default=None,
            help="development records per month over six months (default 150,000 × scale; 10000000 builds the "
                 "province-scale data set, which takes a long while; 0: no sales data)",
        )

    def handle(self, *args, seed, password, scale, reset, records_per_month, **options):
        self._require_migrated()
        self._require_valid(password, scale)
        if records_per_month is not None and records_per_month < 0:
            raise CommandError("--records-per-month must not be negative.")
        foreign = foreign_data()
        if foreign:
            raise CommandError(
                "This database holds data the demo did not create: " + "; ".join(foreign)
                + ". seed_demo only runs on an empty database or on its own demo data."
            )
        if demo_present() and not reset:
            self.stdout.write("Demo data is already loaded; nothing to do (use --reset to load it again).")
            self._print_logins("the one given when it was seeded")
            return
        if reset:
            self.stdout.write("Wiping the demo database…")
            wipe_demo_database()
        started = time.monotonic()
        self.stdout.write(f"Seeding the demo province (seed {seed}, scale {scale:g})…")
        seed_demo(seed=seed, password=password, scale=scale, log=self.stdout.write, records_per_month=records_per_month)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded in {time.monotonic() - started:.1f} s."))
        self._print_logins(password)

    def _require_migrated(self) -> None:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database is not migrated: run `manage.py migrate` first.")

    def _require_valid(self, password: str, scale: float) -> None:
        if not 0 < scale <= 20:
            raise CommandError("--scale must be between 0 (exclusive) and 20.")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError("--password: " + " ".join(error.messages)) from error

    def _print_logins(self, password: str) -> None:
        logins = demo_logins()
        width = max(len(login.username) for login in logins)
        self.stdout.write("")
        self.stdout.write("Demo logins (http://127.0.0.1:8000/accounts/login/):")
        for login in logins:
            self.stdout.write(f"  {login.username:<{width}}  {login.role}: {login.reach}")
        self.stdout.write("  …plus demo-sup-<county> supervisors and demo-cm-<county><nn> grid managers.")
        self.stdout.write(f"Password for all of them: {password}")
