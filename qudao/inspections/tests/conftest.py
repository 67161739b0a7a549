import datetime as dt
import io
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from qudao.inspections.choices import InspectionKind
from qudao.inspections.scoring import Answer
from qudao.inspections.seed import install_default_templates
from qudao.inspections.services import inspection_check_in, inspection_finish

SHANGHAI = ZoneInfo("Asia/Shanghai")
# OA1 stands at the Canton Tower; the other outlets a few hundred metres to a few km away.
POSITIONS = {"OA1": ("23.106500", "113.324500"), "OA2": ("23.110000", "113.330000"),
             "OB1": ("23.130000", "113.300000"), "OC1": ("23.200000", "113.400000")}


def shanghai(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def field(cast):
    """The cast, the default checklists, and outlets with coordinates."""
    install_default_templates()
    for code, (lat, lng) in POSITIONS.items():
        outlet = cast.outlets[code]
        outlet.latitude, outlet.longitude = Decimal(lat), Decimal(lng)
        outlet.save()
    return cast


def check_in(user, outlet, *, at=None, lat=None, lng=None, kind=InspectionKind.ROUTINE, key=None):
    inspection, _created = inspection_check_in(outlet=outlet, kind=kind, by=user, client_key=key or uuid.uuid4(),
                                               latitude=lat, longitude=lng, accuracy_m=8, at=at)
    return inspection


def answers_for(inspection, *, failing=()):
    """Every item passes (full points) except the items whose text is in `failing` (0 points)."""
    result = []
    for item in inspection.template.items.all():
        ok = item.text not in failing
        if item.answer_type == "points":
            result.append(Answer(item.pk, points=item.max_points if ok else 0))
        else:
            result.append(Answer(item.pk, passed=ok))
    return result


def finish(inspection, *, failing=(), at=None, minutes=15, photos=None, key=None):
    at = at or inspection.checked_in_at + dt.timedelta(minutes=minutes)
    return inspection_finish(inspection=inspection, answers=answers_for(inspection, failing=failing),
                             by=inspection.inspector, finish_key=key or uuid.uuid4(), photos=photos, at=at)


def jpeg_bytes(size=(64, 48), color="red", exif=None, fmt="JPEG") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, color).save(out, fmt, **kwargs)
    return out.getvalue()


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)
