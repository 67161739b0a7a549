"""A channel manager inspects an outlet on a phone: check-in with the phone's position, the
checklist with a photo, a dropped connection while finishing, the result with distance and score."""

import io
import re
from decimal import Decimal

import pytest

from qudao.testing.cast import PASSWORD

pytestmark = pytest.mark.browser

POSTER = "店内宣传海报为当期有效版本，无过期物料"


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 240), "orange").save(out, "JPEG")
    return out.getvalue()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture
def outlet(cast):
    pytest.importorskip("PIL", reason="Pillow is required for photo uploads: add `pillow` to the project")
    from qudao.inspections.seed import install_default_templates

    install_default_templates()
    oa1 = cast.outlets["OA1"]
    oa1.latitude, oa1.longitude = Decimal("23.106500"), Decimal("113.324500")
    oa1.save()
    return oa1


def test_inspection_on_a_phone(phone, live_server, cast, outlet):
    from playwright.sync_api import expect

    from qudao.inspections.models import Inspection, Photo

    context, page = phone
    log_in(page, live_server, cast.manager_a.username)

    page.goto(f"{live_server.url}/inspections/my-week/")
    expect(page.get_by_test_id("quota")).to_contain_text("0")
    assert fits_the_screen(page)

    page.goto(f"{live_server.url}/inspections/new/?outlet={outlet.pk}")
    expect(page.locator("[data-testid=position][data-located]")).to_contain_text("100")
    assert fits_the_screen(page)
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/inspections/\d+/checklist/$"))
    assert fits_the_screen(page)

    items = page.get_by_test_id("item")
    for index in range(items.count()):
        item = items.nth(index)
        answer = "fail" if POSTER in item.inner_text() else "pass"
        item.locator(f"input[value={answer}] + label").click()
        if answer == "fail":
            item.locator("summary").click()
            item.locator("input[type=text]").fill("海报已过期")
            item.locator("input[type=file]").set_input_files(
                {"name": "poster.jpg", "mimeType": "image/jpeg", "buffer": jpeg()})

    context.set_offline(True)  # the connection drops just as the manager finishes
    page.get_by_test_id("submit").click()
    expect(page.locator("[data-offline-status]")).to_have_class(re.compile("alert-warning"))
    assert Inspection.objects.get().status == "in_progress"
    context.set_offline(False)  # back online: the kept form (and photo) is sent by itself

    page.wait_for_url(re.compile(r"/inspections/\d+/$"))
    expect(page.get_by_test_id("distance")).to_contain_text(re.compile(r"100 (m|米)"))
    expect(page.get_by_test_id("score")).to_have_text("95.7")
    expect(page.get_by_test_id("photo")).to_have_count(1)
    assert fits_the_screen(page)

    inspection = Inspection.objects.get()
    assert inspection.status == "finished" and inspection.distance_m == 100 and not inspection.outside_geofence
    assert Photo.objects.get().result.item.text == POSTER
    assert inspection.rectifications.count() == 1

    rectification = inspection.rectifications.get()
    for path in ("/inspections/", "/rectifications/", rectification.get_absolute_url(), "/violations/",
                 "/inspections/monthly/", "/week-plans/", "/checklists/", "/inspections/my-week/"):
        page.goto(live_server.url + path)
        assert fits_the_screen(page), path
