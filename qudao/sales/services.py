"""Business verbs of the sales app. Keyword-only and atomic; views, the API, tasks and commands call these."""

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from qudao.accounts.permissions import can_write_master_data
from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event
from qudao.core.history import attribute_change

from .choices import ImportKind
from .models import EffectiveRule, ImportBatch, Product
from .permissions import can_edit_effective_rules, can_import_facts
from .pipeline.files import FileRejected, file_kind, max_bytes

PRODUCT_WRITABLE_FIELDS = (
    "name", "category", "monthly_fee_fen", "premium_fen", "term_months", "is_renewable", "active_from", "active_to",
)
RULE_WRITABLE_FIELDS = ("valid_from", "require_activation", "require_payment", "within_days", "note")
FACT_KINDS = (ImportKind.RECORDS, ImportKind.STATUSES)


def _apply(instance, data: Mapping[str, Any], allowed: tuple[str, ...], by) -> None:
    attribute_change(instance, by)
    for field, value in data.items():
        if field in allowed:
            setattr(instance, field, value)


# --- products ------------------------------------------------------------------------------------

@transaction.atomic
def product_create(*, code: str, data: Mapping[str, Any], by) -> Product:
    if not can_write_master_data(by):
        raise PermissionDenied(_("Your role may read but not change this."))
    product = Product(code=code.strip(), created_by=by)
    _apply(product, data, PRODUCT_WRITABLE_FIELDS, by)
    product.full_clean()
    product.save()
    return product


@transaction.atomic
def product_update(*, product: Product, data: Mapping[str, Any], by) -> Product:
    """The code is the product's key in every development file, so it never changes."""
    if not can_write_master_data(by):
        raise PermissionDenied(_("Your role may read but not change this."))
    _apply(product, data, PRODUCT_WRITABLE_FIELDS, by)
    product.full_clean()
    product.save()
    return product


# --- the effective-development rule ---------------------------------------------------------------

@transaction.atomic
def effective_rule_save(*, rule: EffectiveRule | None = None, data: Mapping[str, Any], by) -> EffectiveRule:
    """Creates or changes a rule version; the records it governs are re-verified in the background."""
    if not can_edit_effective_rules(by):
        raise PermissionDenied(_("Only the head of channel management or the sales director may change this rule."))
    before = rule.valid_from if rule is not None and rule.pk else None
    rule = rule or EffectiveRule(created_by=by)
    _apply(rule, data, RULE_WRITABLE_FIELDS, by)
    rule.full_clean()
    rule.save()
    first = min(d for d in (before, rule.valid_from) if d is not None)
    record_event(subject=rule, action="rule_saved", by=by, data={"valid_from": rule.valid_from.isoformat(),
                                                                 "within_days": rule.within_days})
    from .tasks import recompute_effective_task

    transaction.on_commit(lambda: recompute_effective_task.enqueue(first.isoformat()))
    return rule


def recompute_effective(*, since: dt.date) -> list[str]:
    """Re-verifies every record sold on or after `since` under the current rules; rebuilds the
    rollups of the days whose effectiveness changed and the columnar copy of their months."""
    from .pipeline.reverify import recompute_since

    return recompute_since(since)


# --- import batches -------------------------------------------------------------------------------

def import_batch_submit(*, upload, kind: str, by, allow_partial: bool = False, dry_run: bool = False) -> ImportBatch:
    """Stores the upload as a queued batch and hands it to a worker; the batch page shows the progress."""
    if not can_import_facts(by):
        raise PermissionDenied(_("Your role may not import development data."))
    if kind not in FACT_KINDS:
        raise BusinessRuleError(_("Unknown import kind."))
    try:
        suffix = "." + file_kind(upload.name)
    except FileRejected as exc:
        raise BusinessRuleError(str(exc)) from None
    if upload.size > max_bytes():
        raise BusinessRuleError(
            _("The file is too large (%(size).1f MB; the limit is %(limit)d MB). Split it and import the parts.")
            % {"size": upload.size / 1024 / 1024, "limit": max_bytes() // 1024 // 1024}
        )
    if upload.size == 0:
        raise BusinessRuleError(_("The file is empty."))
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    with transaction.atomic():
        batch = ImportBatch(
            kind=kind, filename=Path(upload.name).name[:255], size=upload.size, sha256=digest.hexdigest(),
            allow_partial=allow_partial, dry_run=dry_run, created_by=by,
        )
        upload.seek(0)
        batch.file.save(f"{uuid.uuid4().hex}{suffix}", upload, save=False)
        batch.save()
        transaction.on_commit(lambda: enqueue_batch(batch.pk))
    return batch


def enqueue_batch(batch_id: int) -> None:
    from .tasks import process_import_batch

    process_import_batch.enqueue(batch_id)


def import_batch_run(*, batch_id: int, path: Path | None = None, on_progress=None) -> ImportBatch:
    from .pipeline.runner import process_batch

    return process_batch(batch_id, path=path, on_progress=on_progress)
