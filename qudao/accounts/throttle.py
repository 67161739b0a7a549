from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import LoginThrottle


def is_locked(username: str) -> bool:
    row = LoginThrottle.objects.filter(username=username.lower()).only("locked_until").first()
    return bool(row and row.locked_until and row.locked_until > timezone.now())


STALE_AFTER = timedelta(days=1)


@transaction.atomic
def record_failure(username: str) -> None:
    """Counts a failure; rows exist for unknown usernames too (no account enumeration), so stale ones are pruned."""
    now = timezone.now()
    LoginThrottle.objects.filter(last_failure_at__lt=now - STALE_AFTER, locked_until__lt=now).delete()
    row, _ = LoginThrottle.objects.get_or_create(username=username.lower())
    LoginThrottle.objects.filter(pk=row.pk).update(failures=F("failures") + 1, last_failure_at=now)
    row.refresh_from_db()
    if row.failures >= settings.QUDAO_LOGIN_MAX_FAILURES:
        row.locked_until = now + timedelta(minutes=settings.QUDAO_LOGIN_LOCK_MINUTES)
        row.failures = 0
        row.save(update_fields=["locked_until", "failures"])


def record_success(username: str) -> None:
    LoginThrottle.objects.filter(username=username.lower()).delete()
