"""Home-page tiles registered by domain apps (ui never imports them)."""

from collections.abc import Callable

_providers: list[Callable] = []


def register(provider: Callable) -> None:
    """`provider(user)` returns a list of dicts: {label, value, url}."""
    if provider not in _providers:
        _providers.append(provider)


def home_widgets(user) -> list[dict]:
    return [tile for provider in _providers for tile in provider(user)]
