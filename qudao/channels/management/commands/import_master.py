"""`manage.py import_master {territory,staff,agents,outlets} FILE [--dry-run] --user USERNAME`."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from qudao.channels.importers import AgentImporter, OutletImporter
from qudao.territory.importers import StaffImporter, TerritoryImporter

IMPORTERS = {cls.kind: cls for cls in (TerritoryImporter, StaffImporter, AgentImporter, OutletImporter)}


def user_named(username: str):
    try:
        return get_user_model().objects.get(username=username, is_active=True)
    except get_user_model().DoesNotExist:
        raise CommandError(f"没有用户“{username}”") from None


class Command(BaseCommand):
    help = "Import territory nodes, staff, agents or outlets from .xlsx/.csv (all or nothing), as USER."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(IMPORTERS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="import as this user (permission and reach)")
        parser.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")

    def handle(self, *args, kind, file, user, dry_run, **options):
        importer = IMPORTERS[kind](user=user_named(user))
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件：{exc}") from exc
        try:
            result = importer.run(data, file.name, commit=not dry_run)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        for error in result.errors:
            where = f"第 {error.row} 行" if error.row is not None else "文件"
            self.stdout.write(f"{where}\t{error.column}\t{error.reason}")
        if not result.ok:
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(result.summary()))
