"""Hostile uploads are refused or re-encoded; what is stored is a fresh JPEG under a generated
name, without metadata unless the policy keeps capture time and position, served only through
the scope of what it belongs to."""

import io
import re
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from qudao.core.errors import BusinessRuleError
from qudao.inspections import imaging
from qudao.inspections.models import Inspection, InspectionPolicy, InspectionResult, Photo

from .conftest import check_in, finish, jpeg_bytes, upload

PIL = pytest.importorskip("PIL", reason="Pillow is required for photo uploads: add `pillow` to the project")
from PIL import Image  # noqa: E402

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
STORED_NAME = re.compile(r"^inspections/photos/[0-9a-f]{2}/[0-9a-f]{32}\.jpg$")


def png_claiming(width: int, height: int) -> bytes:
    """A valid 1×1 PNG whose header claims another size (a decompression bomb's header)."""
    data = bytearray(jpeg_bytes(size=(1, 1), fmt="PNG"))
    struct.pack_into(">II", data, 16, width, height)
    struct.pack_into(">I", data, 29, zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def camera_exif():
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", "EOS"  # make, model
    exif[0x0131] = "Photoshop"  # software
    exif.get_ifd(imaging.EXIF_IFD)[imaging.DATETIME_ORIGINAL] = "2025:03:11 10:05:00"
    exif.get_ifd(imaging.EXIF_IFD)[0xA430] = "owner name"
    gps = exif.get_ifd(imaging.GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (23.0, 6.0, 23.4), "E", (113.0, 19.0, 28.2)
    return exif


def policy(**changes):
    current = InspectionPolicy.current()
    for field, value in changes.items():
        setattr(current, field, value)
    current.save()
    return current


def refused_code(data: bytes, **policy_changes) -> str:
    with pytest.raises(ValidationError) as caught:
        imaging.process_upload(upload(data), policy=policy(**policy_changes))
    return caught.value.error_list[0].code


@pytest.mark.parametrize(("data", "code"), [
    (SVG, "photo_not_an_image"),
    (HTML, "photo_not_an_image"),
    (b"", "photo_empty"),
    (png_claiming(100_000, 100_000), "photo_not_an_image"),  # far beyond Pillow's own bomb limit
    (png_claiming(8_000, 8_000), "photo_too_many_pixels"),  # 64 MP: above the policy's 40 MP
    (jpeg_bytes(size=(200, 200))[:300], "photo_damaged"),  # truncated
], ids=["svg-with-script", "html-renamed-jpg", "zero-bytes", "pixel-bomb", "too-many-pixels", "truncated"])
def test_hostile_files_are_refused(data, code):
    assert refused_code(data) == code


def test_oversized_file_is_refused_without_reading_it_all():
    assert refused_code(jpeg_bytes(size=(400, 400), color="blue") + b"\0" * 5000, photo_max_bytes=4000) == (
        "photo_too_large"
    )


def test_metadata_is_stripped_by_default():
    original = jpeg_bytes(exif=camera_exif())
    photo = imaging.process_upload(upload(original), policy=policy())
    stored = Image.open(io.BytesIO(photo.content))
    assert stored.format == "JPEG" and photo.content != original
    assert dict(stored.getexif()) == {} and b"Canon" not in photo.content and b"owner name" not in photo.content
    assert photo.taken_at == "" and photo.latitude is None


def test_capture_time_and_position_survive_when_the_policy_keeps_them():
    photo = imaging.process_upload(upload(jpeg_bytes(exif=camera_exif())),
                                   policy=policy(keep_photo_time_and_position=True))
    exif = Image.open(io.BytesIO(photo.content)).getexif()
    assert exif.get_ifd(imaging.EXIF_IFD) == {imaging.DATETIME_ORIGINAL: "2025:03:11 10:05:00"}
    assert set(exif.get_ifd(imaging.GPS_IFD)) == {1, 2, 3, 4}
    assert 0x010F not in exif and 0x0131 not in exif and b"owner name" not in photo.content
    assert photo.taken_at == "2025:03:11 10:05:00"
    assert str(photo.latitude) == "23.106500" and str(photo.longitude) == "113.324500"


def test_png_is_re_encoded_as_a_smaller_jpeg():
    photo = imaging.process_upload(upload(jpeg_bytes(size=(3000, 1000), fmt="PNG"), "big.png", "image/png"),
                                   policy=policy())
    assert Image.open(io.BytesIO(photo.content)).format == "JPEG"
    assert (photo.width, photo.height) == (1600, 533)
    assert max(Image.open(io.BytesIO(photo.thumbnail)).size) == imaging.THUMBNAIL_SIDE


def _first_item(inspection):
    return inspection.template.items.all()[0]


def test_a_hostile_photo_refuses_the_whole_checklist_and_writes_nothing(field, media):
    inspection = check_in(field.manager_a, field.outlets["OA1"])
    item = _first_item(inspection)
    with pytest.raises(BusinessRuleError) as caught:
        finish(inspection, photos={item.pk: [upload(jpeg_bytes()), upload(SVG, "logo.svg", "image/svg+xml")]})
    assert item.text in str(caught.value)
    inspection.refresh_from_db()
    assert inspection.status == "in_progress" and not InspectionResult.objects.exists()
    assert not Photo.objects.exists() and not (media / "inspections").exists()


def test_a_path_in_the_file_name_is_ignored(field, media):
    inspection = check_in(field.manager_a, field.outlets["OA1"])
    item = _first_item(inspection)
    finish(inspection, photos={item.pk: [upload(jpeg_bytes(), "../../../../etc/cron.d/evil.jpg")]})
    photo = Photo.objects.get()
    assert STORED_NAME.match(photo.file) and photo.result.item == item
    stored = sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())
    assert stored == sorted([photo.file, imaging.thumbnail_name(photo.file)])
    assert "evil" not in "".join(stored)


def test_photos_are_served_only_through_the_scope(field, client_for):
    inspection = check_in(field.manager_a, field.outlets["OA1"])
    item = _first_item(inspection)
    finish(inspection, photos={item.pk: [upload(jpeg_bytes())]})
    photo = Photo.objects.get()
    url = reverse("inspections:inspection_photo", args=[inspection.pk, photo.uuid])

    response = client_for(field.manager_a).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff" and "inline" in response["Content-Disposition"]
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).format == "JPEG"
    assert client_for(field.supervisor).get(url + "?size=thumb").status_code == 200
    for outsider in ("manager_b", "agent_user", "outsider"):
        assert client_for(field.users[outsider]).get(url).status_code == 404, outsider
    other = check_in(field.manager_a, field.outlets["OA2"])  # a photo is only found under its own owner
    assert client_for(field.manager_a).get(
        reverse("inspections:inspection_photo", args=[other.pk, photo.uuid])).status_code == 404
    assert client_for(field.manager_a).get("/media/" + photo.file).status_code == 404


def test_the_checklist_page_reports_a_hostile_photo(field, client_for):
    inspection = check_in(field.manager_a, field.outlets["OA1"])
    data = {f"item_{item.pk}": "pass" for item in inspection.template.items.all()}
    item = _first_item(inspection)
    data.update(finish_key="8a0b1e1c-2d3e-4f50-8a6b-7c8d9e0f1a2b", comment="",
                **{f"photos_{item.pk}": upload(HTML, "receipt.jpg")})
    response = client_for(field.manager_a).post(
        reverse("inspections:inspection_checklist", args=[inspection.pk]), data, HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert item.text in " ".join(response.json()["errors"])
    assert Inspection.objects.get().status == "in_progress"
