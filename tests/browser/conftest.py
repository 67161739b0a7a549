"""Playwright fixtures for phone-sized browser tests (Debian's /usr/bin/chromium, as in qudao/ui/tests)."""


import pytest

PHONE = {"width": 390, "height": 844}
# The phone stands 100 m north of outlet OA1 (see test_phone_inspection.py).
PHONE_POSITION = {"latitude": 23.1074, "longitude": 113.3245, "accuracy": 15}


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
