import datetime as dt

from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


class JsonClient:
    """An APIClient acting as one user that sends JSON bodies: logged in by session, or
    with `by_token=True` sending `Authorization: Token <key>` the way integrators do."""

    def __init__(self, user=None, *, by_token: bool = False):
        self.client = APIClient()
        if user is not None and by_token:
            token, _created = Token.objects.get_or_create(user=user)
            self.client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        elif user is not None:
            self.client.force_login(user)

    def get(self, url, params=None):
        return self.client.get(url, params or {})

    def post(self, url, data=None):
        return self.client.post(url, data or {}, format="json")

    def patch(self, url, data):
        return self.client.patch(url, data, format="json")

    def put(self, url, data):
        return self.client.put(url, data, format="json")


def url(name: str, *args) -> str:
    return reverse(f"api:{name}", args=args)


def today() -> dt.date:
    return timezone.localdate()
