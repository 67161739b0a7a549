"""Change history of a master-data object from its simple-history table, as readable diffs."""

import json

from qudao.core.masking import mask_tail

SENSITIVE_FIELDS = frozenset({"bank_account", "legal_rep_id_number", "password"})
HIDDEN_FIELDS = frozenset({"updated_at", "created_at", "path"})


def change_history(obj, limit: int = 50) -> list[dict]:
    history = getattr(obj, "history", None)
    if history is None:
        return []
    records = list(history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        entries.append({
            "when": record.history_date,
            "who": record.history_user,
            "kind": record.get_history_type_display(),
            "changes": _changes(record, previous),
        })
    return entries


def _changes(record, previous) -> list[dict]:
    if previous is None:
        return []
    delta = record.diff_against(previous)
    changes = []
    for change in delta.changes:
        if change.field in HIDDEN_FIELDS:
            continue
        field = record.instance_type._meta.get_field(change.field)
        old, new = change.old, change.new
        if change.field in SENSITIVE_FIELDS:
            old, new = mask_tail(str(old or "")), mask_tail(str(new or ""))
        elif field.choices:
            labels = dict(field.flatchoices)
            old, new = labels.get(old, old), labels.get(new, new)
        elif isinstance(old, (dict, list)) or isinstance(new, (dict, list)):
            old, new = (json.dumps(v, ensure_ascii=False, sort_keys=True) if v else v for v in (old, new))
        elif field.is_relation:
            names = {o.pk: str(o) for o in field.related_model._base_manager.filter(pk__in=[v for v in (old, new) if v])}
            old, new = names.get(old, old), names.get(new, new)
        changes.append({"field": field.verbose_name, "old": old, "new": new})
    return changes


def attribute_change(instance, by) -> None:
    """Names `by` as the author of the next history row of `instance`, also outside a web request."""
    if by is not None:
        instance._history_user = by
