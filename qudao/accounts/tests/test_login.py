import pytest
from django.conf import settings
from django.urls import reverse

from qudao.accounts.models import User
from qudao.testing.cast import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_login_lands_on_home_in_chinese(client):
    User.objects.create_user("zhang", password=PASSWORD)
    response = _login(client, "zhang", PASSWORD)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "概览" in page.content.decode()


def test_english_is_selectable_per_user(client):
    User.objects.create_user("li", password=PASSWORD, language="en")
    _login(client, "li", PASSWORD)
    assert "Overview" in client.get(reverse("ui:home")).content.decode()


def test_account_is_locked_after_repeated_failures(client):
    User.objects.create_user("wang", password=PASSWORD)
    for _ in range(settings.QUDAO_LOGIN_MAX_FAILURES):
        assert _login(client, "wang", "wrong-password").status_code == 200
    response = _login(client, "wang", PASSWORD)
    assert response.status_code == 200, "the right password is refused while the account is locked"
    assert "_auth_user_id" not in client.session


def test_lock_is_per_account(client):
    User.objects.create_user("wang", password=PASSWORD)
    User.objects.create_user("zhao", password=PASSWORD)
    for _ in range(settings.QUDAO_LOGIN_MAX_FAILURES):
        _login(client, "wang", "wrong-password")
    assert _login(client, "zhao", PASSWORD).status_code == 302


def test_session_expires_after_thirty_idle_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST


def test_preferences_change_language(client):
    user = User.objects.create_user("sun", password=PASSWORD)
    client.force_login(user)
    response = client.post(reverse("accounts:preferences"), {"display_name": "孙", "phone": "", "language": "en"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "en"
