"""Writes of the incentives app. Scheme versions move draft → submitted → approved/rejected →
retired; the approver is never the person who submitted or wrote the version (enforced here, so
the pages, the API and the admin all refuse self-approval alike). Settlement runs: `runs.py`."""

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.accounts.permissions import can_approve, can_write_master_data
from qudao.core.errors import BusinessRuleError
from qudao.core.events import transition

from .choices import VersionStatus
from .documents import parse_document
from .models import Scheme, SchemeVersion
from .rules import validate_channel_types, validate_rules
from .runs import execute_run, send_statements, start_run  # noqa: F401 - the run verbs live there


def _check_writer(user) -> None:
    if not can_write_master_data(user):
        raise BusinessRuleError(_("You may not write incentive schemes."), code="forbidden")


def _check_content(*, effective_from, effective_to, channel_types, rules) -> None:
    errors = validate_rules(rules) + validate_channel_types(channel_types)
    if effective_to is not None and effective_from is not None and effective_to < effective_from:
        errors.append(_("“effective to” is before “effective from”."))
    if errors:
        raise BusinessRuleError(errors)


@transaction.atomic
def version_create(*, scheme_code: str, scheme_name: str, effective_from, effective_to=None, channel_types=(),
                   nodes=(), rules, by) -> SchemeVersion:
    """A new draft version (and the scheme, if its code is new)."""
    _check_writer(by)
    _check_content(effective_from=effective_from, effective_to=effective_to, channel_types=list(channel_types),
                   rules=rules)
    scheme, _created = Scheme.objects.get_or_create(code=scheme_code, defaults={"name": scheme_name})
    number = (scheme.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = SchemeVersion.objects.create(
        scheme=scheme, number=number, effective_from=effective_from, effective_to=effective_to,
        channel_types=list(channel_types), rules=rules, created_by=by,
    )
    version.nodes.set(nodes)
    return version


@transaction.atomic
def version_update(*, version: SchemeVersion, effective_from, effective_to=None, channel_types=(), nodes=(),
                   rules, by) -> SchemeVersion:
    """Edits a draft (or rejected) version; a rejected one goes back to draft."""
    _check_writer(by)
    version = SchemeVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_editable:
        raise BusinessRuleError(_("Only a draft or rejected version can be edited."))
    _check_content(effective_from=effective_from, effective_to=effective_to, channel_types=list(channel_types),
                   rules=rules)
    version.effective_from, version.effective_to = effective_from, effective_to
    version.channel_types, version.rules = list(channel_types), rules
    version.status = VersionStatus.DRAFT
    version.save()
    version.nodes.set(nodes)
    return version


def version_load(*, text: str, by) -> SchemeVersion:
    """A draft version from a JSON/YAML document (API upload and `manage.py load_scheme`)."""
    doc = parse_document(text)
    return version_create(
        scheme_code=doc["scheme_code"], scheme_name=doc["scheme_name"], effective_from=doc["effective_from"],
        effective_to=doc["effective_to"], channel_types=doc["channel_types"], nodes=doc["nodes"], rules=doc["rules"],
        by=by,
    )


@transaction.atomic
def version_submit(*, version: SchemeVersion, by) -> SchemeVersion:
    _check_writer(by)
    version = SchemeVersion.objects.select_for_update().get(pk=version.pk)
    transition(subject=version, to=VersionStatus.SUBMITTED, allowed_from=(VersionStatus.DRAFT,),
               action="scheme_version_submitted", by=by)
    SchemeVersion.objects.filter(pk=version.pk).update(submitted_by=by, submitted_at=timezone.now())
    version.refresh_from_db()
    return version


def _check_reviewer(version: SchemeVersion, by) -> None:
    if not can_approve(by):
        raise BusinessRuleError(_("You may not review incentive schemes."), code="forbidden")
    if by.pk in (version.submitted_by_id, version.created_by_id):
        raise BusinessRuleError(_("A scheme version must be approved by someone other than its author or submitter."),
                                code="self_approval")


def _overlapping_approved(version: SchemeVersion):
    qs = SchemeVersion.objects.filter(scheme=version.scheme, status=VersionStatus.APPROVED).exclude(pk=version.pk)
    if version.effective_to is not None:
        qs = qs.filter(effective_from__lte=version.effective_to)
    return qs.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=version.effective_from))


@transaction.atomic
def version_approve(*, version: SchemeVersion, by, note: str = "") -> SchemeVersion:
    version = SchemeVersion.objects.select_for_update().get(pk=version.pk)
    _check_reviewer(version, by)
    clash = _overlapping_approved(version).first()
    if clash is not None:
        raise BusinessRuleError(_("Version %(other)s is approved for overlapping dates; retire it first.")
                                % {"other": clash})
    transition(subject=version, to=VersionStatus.APPROVED, allowed_from=(VersionStatus.SUBMITTED,),
               action="scheme_version_approved", by=by, note=note)
    SchemeVersion.objects.filter(pk=version.pk).update(approved_by=by, approved_at=timezone.now())
    version.refresh_from_db()
    return version


@transaction.atomic
def version_reject(*, version: SchemeVersion, by, note: str = "") -> SchemeVersion:
    version = SchemeVersion.objects.select_for_update().get(pk=version.pk)
    _check_reviewer(version, by)
    transition(subject=version, to=VersionStatus.REJECTED, allowed_from=(VersionStatus.SUBMITTED,),
               action="scheme_version_rejected", by=by, note=note)
    return version


@transaction.atomic
def version_retire(*, version: SchemeVersion, by) -> SchemeVersion:
    if not can_approve(by):
        raise BusinessRuleError(_("You may not review incentive schemes."), code="forbidden")
    version = SchemeVersion.objects.select_for_update().get(pk=version.pk)
    transition(subject=version, to=VersionStatus.RETIRED, allowed_from=(VersionStatus.APPROVED,),
               action="scheme_version_retired", by=by)
    return version
