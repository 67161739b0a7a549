"""Reach specifications, one module per area of the product.

Each module in this package defines:
  SPECS        list of ModelSpec: which routes belong to a model and what each persona sees of it
  EXEMPT       {route name: reason} for routes that are not about one scoped model
  EXTRA_KWARGS {url kwarg: value} for routes that need more than a pk (optional)
  populate(cast) -> {spec key: {object key: instance}}: creates/returns the objects the specs name

tests/test_reach.py gathers every module, so adding a feature means adding a module here.
"""

import importlib
import pkgutil
from dataclasses import dataclass


@dataclass(frozen=True)
class ModelSpec:
    """What each persona must see of one model, stated by hand from the cast (not from the scope code)."""

    key: str
    ui_prefixes: tuple[str, ...]
    api_prefix: str | None
    reach: dict[str, tuple[str, ...]]


def spec_modules():
    return [importlib.import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(__path__)]
