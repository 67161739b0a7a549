"""The callback script: configurable text with {product}, {outlet} and {date} filled in."""

import re

from .models import CallbackPolicy

_PLACEHOLDER = re.compile(r"\{(product|outlet|date)\}")


def render_script(callback, template: str | None = None) -> str:
    """Only the three known placeholders are replaced; anything else in braces stays as written."""
    template = CallbackPolicy.current().script if template is None else template
    values = {"product": callback.product.name, "outlet": callback.outlet.name,
              "date": callback.sold_on.strftime("%Y-%m-%d")}
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], template)
