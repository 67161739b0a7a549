"""Lets higher apps veto retiring a node without territory importing them (imports flow one way)."""

from collections.abc import Callable, Iterator

_retire_checks: list[Callable] = []


def register_retire_check(check: Callable) -> None:
    """`check(node)` returns a message when the node must not be retired, else None."""
    _retire_checks.append(check)


def blockers_for_retire(node) -> Iterator[str]:
    for check in _retire_checks:
        message = check(node)
        if message:
            yield message
