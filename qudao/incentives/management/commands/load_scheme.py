from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from qudao.incentives.services import version_load


class Command(BaseCommand):
    help = "Loads a scheme version from a JSON/YAML file as a draft (see docs/apps/incentives.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="username of the author")

    def handle(self, *args, file: Path, user: str, **options):
        try:
            author = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist:
            raise CommandError(f"no user {user!r}") from None
        try:
            version = version_load(text=file.read_text(encoding="utf-8"), by=author)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        self.stdout.write(f"draft {version} created (id {version.pk})")
