from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from qudao.accounts.models import LoginThrottle
from qudao.testing.cast import PASSWORD

from .helpers import url


def obtain_token(username: str, password: str):
    return APIClient().post(url("token"), {"username": username, "password": password}, format="json")


def test_token_is_issued_and_authenticates_requests(cast):
    response = obtain_token("manager_a", PASSWORD)

    assert response.status_code == 200
    key = response.json()["token"]
    assert Token.objects.get(user=cast.manager_a).key == key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    outlets = client.get(url("outlet-list"))
    assert outlets.status_code == 200
    assert {row["code"] for row in outlets.json()["results"]} == {"OA1", "OA2"}


def test_the_same_token_is_returned_on_every_login(cast):
    first = obtain_token("manager_a", PASSWORD).json()["token"]
    assert obtain_token("manager_a", PASSWORD).json()["token"] == first


def test_wrong_password_is_refused_and_counted(cast):
    response = obtain_token("manager_a", "not-the-password")

    assert response.status_code == 400
    assert "token" not in response.json()
    assert LoginThrottle.objects.get(username="manager_a").failures == 1


def test_success_clears_the_failure_count(cast):
    obtain_token("manager_a", "not-the-password")
    obtain_token("manager_a", PASSWORD)
    assert not LoginThrottle.objects.filter(username="manager_a").exists()


def test_account_locks_after_five_failures_even_for_the_right_password(cast, settings):
    assert settings.QUDAO_LOGIN_MAX_FAILURES == 5
    for _attempt in range(5):
        assert obtain_token("manager_a", "not-the-password").status_code == 400

    locked = obtain_token("manager_a", PASSWORD)

    assert locked.status_code == 429
    assert locked.json()["detail"]
    assert "token" not in locked.json()
    assert obtain_token("Manager_A", PASSWORD).status_code == 429  # the lock is per account, any case
    assert obtain_token("manager_b", PASSWORD).status_code == 200  # other accounts are unaffected


def test_requests_without_credentials_are_refused(cast):
    assert APIClient().get(url("outlet-list")).status_code in (401, 403)


def test_invalid_token_is_refused(cast):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    assert client.get(url("outlet-list")).status_code == 401


def test_session_login_works_for_the_api(cast, client_for):
    response = client_for(cast.manager_a).get(url("outlet-list"))
    assert response.status_code == 200
    assert response.json()["count"] == 2
