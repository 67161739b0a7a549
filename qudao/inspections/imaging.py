"""Photo uploads: every file is decoded and re-encoded as a fresh JPEG, so what is stored is
pixels only — never the uploaded bytes, never its name.

Refused: empty, too large, not a JPEG/PNG/WebP image (SVG, HTML renamed .jpg, …), too many
pixels (decompression bombs are refused from the header, before decoding), undecodable.
Metadata is dropped; only capture time and GPS position survive, and only when the policy
says to keep them.
"""

import io
import uuid
import warnings
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

try:
    from PIL import Image, ImageOps, UnidentifiedImageError
except ImportError:  # pragma: no cover - Pillow is a declared dependency
    Image = None

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
PHOTO_DIR = "inspections/photos"
JPEG_QUALITY = 82
THUMBNAIL_SIDE = 320
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
DATETIME_ORIGINAL, DATETIME = 0x9003, 0x0132


@dataclass(frozen=True)
class ProcessedPhoto:
    uuid: uuid.UUID
    content: bytes
    thumbnail: bytes
    width: int
    height: int
    taken_at: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None

    @property
    def storage_name(self) -> str:
        return f"{PHOTO_DIR}/{self.uuid.hex[:2]}/{self.uuid.hex}.jpg"


def thumbnail_name(storage_name: str) -> str:
    return storage_name.removesuffix(".jpg") + "_t.jpg"


def _refuse(message: str, code: str):
    raise ValidationError(message, code=code)


def read_upload(upload, max_bytes: int) -> bytes:
    """Reads at most one byte past the limit, so an oversized file is refused without reading it all."""
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if not data:
        _refuse(_("The photo is empty."), "photo_empty")
    if len(data) > max_bytes:
        _refuse(_("The photo is larger than %(mb)s MB.") % {"mb": round(max_bytes / 1024 / 1024, 1)}, "photo_too_large")
    return data


def process(data: bytes, *, policy) -> ProcessedPhoto:
    if Image is None:  # pragma: no cover
        _refuse(_("Photo processing is not available on this server."), "photo_unavailable")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
            width, height = image.size
            if width * height > policy.photo_max_pixels:
                _refuse(_("The photo has too many pixels."), "photo_too_many_pixels")
            image.load()
        except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
            _refuse(_("Only JPEG, PNG or WebP photos are accepted."), "photo_not_an_image")
        except (OSError, SyntaxError, ValueError):
            _refuse(_("The photo could not be read; it may be damaged."), "photo_damaged")
    kept = _kept_metadata(image) if policy.keep_photo_time_and_position else Image.Exif()
    taken_at, lat, lng = _describe(kept)
    image = ImageOps.exif_transpose(image)  # bake the orientation in; the tag itself is dropped
    image.thumbnail((policy.photo_max_side, policy.photo_max_side))
    if image.mode != "RGB":
        image = image.convert("RGB")
    exif = kept.tobytes() if taken_at or lat is not None else b""
    small = image.copy()
    small.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    return ProcessedPhoto(uuid=uuid.uuid4(), content=_jpeg(image, exif), thumbnail=_jpeg(small, b""),
                          width=image.width, height=image.height, taken_at=taken_at, latitude=lat, longitude=lng)


def _jpeg(image, exif: bytes) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, exif=exif)
    return out.getvalue()


def process_upload(upload, *, policy) -> ProcessedPhoto:
    return process(read_upload(upload, policy.photo_max_bytes), policy=policy)


def store(photo: ProcessedPhoto) -> str:
    """Writes the JPEG and its thumbnail under MEDIA_ROOT; names are generated, never taken from the upload."""
    name = default_storage.save(photo.storage_name, ContentFile(photo.content))
    default_storage.save(thumbnail_name(name), ContentFile(photo.thumbnail))
    return name


def discard(names) -> None:
    for name in names:
        default_storage.delete(name)
        default_storage.delete(thumbnail_name(name))


def _kept_metadata(image) -> "Image.Exif":
    source, kept = image.getexif(), Image.Exif()
    taken = source.get_ifd(EXIF_IFD).get(DATETIME_ORIGINAL) or source.get(DATETIME)
    if isinstance(taken, str) and taken.strip():
        kept.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] = taken.strip()[:19]
    gps = source.get_ifd(GPS_IFD)
    if all(tag in gps for tag in (1, 2, 3, 4)):
        kept.get_ifd(GPS_IFD).update({tag: gps[tag] for tag in (1, 2, 3, 4)})
    return kept


def _describe(exif) -> tuple[str, Decimal | None, Decimal | None]:
    taken = exif.get_ifd(EXIF_IFD).get(DATETIME_ORIGINAL, "")
    gps = exif.get_ifd(GPS_IFD)
    try:
        lat = _degrees(gps[2], gps[1], "S")
        lng = _degrees(gps[4], gps[3], "W")
    except (KeyError, TypeError, ValueError, ZeroDivisionError, ArithmeticError):
        lat = lng = None
    return taken, lat, lng


def _degrees(dms, ref, negative_ref: str) -> Decimal:
    degrees, minutes, seconds = (Decimal(str(float(part))) for part in dms)
    value = degrees + minutes / 60 + seconds / 3600
    if str(ref).upper().startswith(negative_ref):
        value = -value
    return value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
