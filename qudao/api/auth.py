"""Token login for integrators: `POST auth/token/` → `{"token": ...}`, then `Authorization: Token <key>`."""

from typing import Protocol

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView


class Lockout(Protocol):
    """Per-account lock after repeated failures; the accounts app provides the real one."""

    def is_locked(self, username: str) -> bool: ...
    def record_failure(self, username: str) -> None: ...
    def record_success(self, username: str) -> None: ...


class AccountLocked(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = _("Too many failed attempts for this account. Try again in a few minutes.")
    default_code = "account_locked"


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class ObtainTokenView(APIView):
    """Exchanges username and password for the user's API token (created on first use)."""

    lockout: Lockout | None = None
    authentication_classes = ()
    permission_classes = (AllowAny,)

    @extend_schema(request=AuthTokenSerializer, responses={200: TokenSerializer}, auth=[])
    def post(self, request):
        username = self._username(request)
        if username and self.lockout and self.lockout.is_locked(username):
            raise AccountLocked
        credentials = AuthTokenSerializer(data=request.data, context={"request": request})
        if not credentials.is_valid():
            self._record(username, succeeded=False)
            raise exceptions.ValidationError(credentials.errors)
        self._record(username, succeeded=True)
        token, _created = Token.objects.get_or_create(user=credentials.validated_data["user"])
        return Response({"token": token.key})

    @staticmethod
    def _username(request) -> str:
        value = request.data.get("username")
        return value.strip() if isinstance(value, str) else ""

    def _record(self, username: str, *, succeeded: bool) -> None:
        if not username or not self.lockout:
            return
        if succeeded:
            self.lockout.record_success(username)
        else:
            self.lockout.record_failure(username)
