"""Playwright fixtures for phone-sized browser tests (Debian's /usr/bin/chromium, as in qudao/ui/tests)."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
# The phone stands 100 m north of outlet OA1 (see test_phone_inspection.py).
PHONE_POSITION = {"latitude": 23.1074, "longitude": 113.3245, "accuracy": 15}


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must run the browser tests")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded photos go to a temporary MEDIA_ROOT, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def phone(chromium):
    """A 390×844 phone that grants its (mocked) position; yields (context, page)."""
    context = chromium.new_context(viewport=PHONE, geolocation=PHONE_POSITION, permissions=["geolocation"],
                                   locale="zh-CN", is_mobile=True, has_touch=True, device_scale_factor=2)
    context.set_default_timeout(15_000)
    yield context, context.new_page()
    context.close()
