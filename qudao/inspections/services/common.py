"""Checks and helpers shared by the field-work services."""

import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from qudao.accounts.permissions import can_write_master_data
from qudao.channels.choices import OutletStatus
from qudao.core.errors import BusinessRuleError
from qudao.territory.selectors import node_in_reach

from .. import imaging
from ..models import Photo

MICRO_DEGREE = Decimal("0.000001")
INSPECTABLE = (OutletStatus.ACTIVE, OutletStatus.SUSPENDED)
MAX_PHOTOS_PER_UPLOAD = 3


def require_field_staff(user) -> None:
    if not can_write_master_data(user) or user.is_agent_user:
        raise PermissionDenied(_("Your role may read but not change this."))


def require_outlet_in_reach(user, outlet) -> None:
    if not node_in_reach(user, outlet.grid):
        raise PermissionDenied(_("This outlet is outside your reach."))


def existing_submission(model: type[models.Model], client_key, by, owner_field: str):
    """The record a resent form created already, or None. A key used by someone else is refused."""
    if client_key is None:
        return None
    found = model.objects.filter(client_key=client_key).first()
    if found is not None and getattr(found, f"{owner_field}_id") != by.pk:
        raise BusinessRuleError(_("This form was already submitted by someone else; reload the page."))
    return found


def as_uuid(value) -> uuid.UUID | None:
    if value in (None, ""):
        return None
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise BusinessRuleError(_("The submission key is not valid; reload the page.")) from exc


def coordinates(latitude, longitude) -> tuple[Decimal | None, Decimal | None]:
    """Both or neither, in range, to six decimals (about 0.1 m)."""
    if latitude in (None, "") and longitude in (None, ""):
        return None, None
    try:
        lat = Decimal(str(latitude)).quantize(MICRO_DEGREE)
        lng = Decimal(str(longitude)).quantize(MICRO_DEGREE)
    except (InvalidOperation, ValueError) as exc:
        raise BusinessRuleError(_("Give both latitude and longitude, or neither.")) from exc
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise BusinessRuleError(_("The position is not on the earth."))
    return lat, lng


def prepare_photos(uploads, *, policy, label: str = "") -> list[imaging.ProcessedPhoto]:
    """Decodes and re-encodes every upload before anything is written; one bad file refuses all."""
    uploads = list(uploads or [])
    if len(uploads) > MAX_PHOTOS_PER_UPLOAD:
        raise BusinessRuleError(_("At most %(n)d photos at a time.") % {"n": MAX_PHOTOS_PER_UPLOAD})
    prepared = []
    for upload in uploads:
        try:
            prepared.append(imaging.process_upload(upload, policy=policy))
        except ValidationError as exc:
            prefix = f"{label}: " if label else ""
            raise BusinessRuleError(prefix + " ".join(exc.messages), code=exc.error_list[0].code) from exc
    return prepared


def save_photos(prepared, *, by, **owner) -> list[Photo]:
    """Stores the prepared JPEGs and their rows; on a database error the files are removed again."""
    stored: list[str] = []
    try:
        photos = []
        for photo in prepared:
            name = imaging.store(photo)
            stored.append(name)
            photos.append(Photo(
                uuid=photo.uuid, file=name, width=photo.width, height=photo.height, size_bytes=len(photo.content),
                taken_at=photo.taken_at, latitude=photo.latitude, longitude=photo.longitude, uploaded_by=by, **owner,
            ))
        return Photo.objects.bulk_create(photos)
    except Exception:
        imaging.discard(stored)
        raise
