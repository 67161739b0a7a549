"""Lets higher apps react to outlet lifecycle changes without channels importing them.

A handler is `handler(*, kind, outlet, request, by)`; it runs inside the approving transaction,
so if it raises, the whole change is rolled back. Targets use it to follow merged and
transferred outlets.
"""

from collections.abc import Callable

_handlers: list[Callable] = []


def on_outlet_change(handler: Callable) -> Callable:
    if handler not in _handlers:
        _handlers.append(handler)
    return handler


def outlet_changed(*, kind: str, outlet, request, by) -> None:
    for handler in _handlers:
        handler(kind=kind, outlet=outlet, request=request, by=by)
