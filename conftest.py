import os

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
def _english_messages_outside_requests():
    """Service messages raised directly in tests are in English; pages still render in each user's language."""
    from django.utils import translation

    with translation.override("en"):
        yield
