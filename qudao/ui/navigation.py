"""Domain apps register their menu entries here; ui never imports them (imports flow one way)."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    section: str
    visible: Callable = field(default=lambda user: True)
    order: int = 100


_items: list[NavItem] = []


def register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _items):
        _items.append(item)


def items_for(user) -> list[NavItem]:
    return sorted((i for i in _items if i.visible(user)), key=lambda i: (i.order, str(i.label)))
