"""Scheme version documents: the JSON/YAML file a scheme is reviewed, diffed and loaded as.

    scheme: OCT-PLAN                 # scheme code (created if new)
    name: October plan commission    # scheme name (used when the scheme is new)
    effective_from: 2026-10-01
    effective_to: 2026-12-31         # optional
    channel_types: [authorised]      # optional, empty: all
    territories: [C1]                # optional territory node codes, empty: the whole company
    rules: [...]                     # see docs/apps/incentives.md
"""

import datetime as dt
import json

import yaml
from django.utils.translation import gettext as _

from qudao.core.errors import BusinessRuleError
from qudao.territory.models import TerritoryNode

from .rules import validate_channel_types, validate_rules

ALLOWED = {"scheme", "name", "effective_from", "effective_to", "channel_types", "territories", "rules"}


def _date(value, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise BusinessRuleError(_("“%(field)s” must be a date like 2026-10-01.") % {"field": field}) from None


def parse_document(text: str) -> dict:
    """The document's fields, checked; raises BusinessRuleError listing every problem."""
    try:
        data = yaml.safe_load(text)  # JSON is YAML too
    except yaml.YAMLError as exc:
        raise BusinessRuleError(_("The file is neither valid JSON nor YAML: %(error)s") % {"error": exc}) from None
    if not isinstance(data, dict):
        raise BusinessRuleError(_("The file must hold one object with “scheme”, “effective_from” and “rules”."))
    errors = [_("unknown field “%(field)s”") % {"field": f} for f in sorted(set(data) - ALLOWED)]
    if not data.get("scheme"):
        errors.append(_("“scheme” (the scheme code) is missing"))
    effective_from = _date(data.get("effective_from"), "effective_from")
    if effective_from is None:
        errors.append(_("“effective_from” is missing"))
    errors += validate_channel_types(data.get("channel_types", []))
    codes = data.get("territories", []) or []
    nodes = list(TerritoryNode.objects.filter(code__in=codes)) if isinstance(codes, list) else []
    missing = sorted(set(map(str, codes)) - {n.code for n in nodes}) if isinstance(codes, list) else ["?"]
    if missing:
        errors.append(_("unknown territory codes: %(codes)s") % {"codes": ", ".join(missing)})
    errors += validate_rules(data.get("rules"))
    if errors:
        raise BusinessRuleError(errors)
    return {
        "scheme_code": str(data["scheme"]), "scheme_name": str(data.get("name") or data["scheme"]),
        "effective_from": effective_from, "effective_to": _date(data.get("effective_to"), "effective_to"),
        "channel_types": data.get("channel_types", []) or [], "nodes": nodes, "rules": data["rules"],
    }


def version_document(version) -> str:
    """The version as a JSON document (what `load_scheme` reads back)."""
    return json.dumps({
        "scheme": version.scheme.code, "name": version.scheme.name,
        "effective_from": version.effective_from.isoformat(),
        "effective_to": version.effective_to.isoformat() if version.effective_to else None,
        "channel_types": version.channel_types, "territories": [n.code for n in version.nodes.all()],
        "rules": version.rules,
    }, ensure_ascii=False, indent=2)
