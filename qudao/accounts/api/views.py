from qudao.accounts import throttle
from qudao.api.auth import ObtainTokenView


class ThrottledTokenView(ObtainTokenView):
    """The API token login, locked per account after repeated failures like the login page."""

    lockout = throttle
