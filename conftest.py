import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the live server's DB access is fine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def cast(db):
    from qudao.testing.cast import build_cast

    return build_cast()


@pytest.fixture
def client_for(client):
    """`client_for(user)` → a Django test client logged in as that user."""
    from django.test import Client

    def make(user):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make


@pytest.fixture(autouse=True)
def _private_fact_files(settings, tmp_path_factory):
    """Parquet copies and snapshots of a test never land in var/ nor meet another test's."""
    settings.QUDAO_FACTS_DIR = tmp_path_factory.mktemp("facts")


@pytest.fixture(autouse=True)
def _english_messages_outside_requests():
    """Service messages raised directly in tests are in English; pages still render in each user's language."""
    from django.utils import translation

    with translation.override("en"):
        yield


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    """One Playwright session for the whole run (two sync sessions at once are refused)."""
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
