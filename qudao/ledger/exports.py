"""Excel/CSV of ledger entries: one `values_list` query, read in chunks."""

from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.core.exporting import ITERATOR_CHUNK
from qudao.core.money import to_yuan

from .choices import EntryKind

_FIELDS = ("effective_on", "agent__code", "agent__name", "kind", "amount_fen", "period", "source", "memo",
           "posted_at")


def _headers() -> list[str]:
    return [_("effective on"), _("agent code"), _("agent"), _("kind"), _("amount (yuan)"), _("period"),
            _("source"), _("memo"), _("posted at")]


def _render(values) -> list:
    effective, code, name, kind, fen, period, source, memo, posted = values
    return [effective, code, name, str(EntryKind(kind).label), to_yuan(fen), f"{period:%Y-%m}", source, memo,
            timezone.localtime(posted).strftime("%Y-%m-%d %H:%M")]


def entries_table(queryset):
    rows = queryset.order_by("effective_on", "id").values_list(*_FIELDS).iterator(chunk_size=ITERATOR_CHUNK)
    return _headers(), (_render(values) for values in rows)


def account_table(queryset):
    """The agent ledger page's rows with the running balance (queryset annotated with `running_fen`)."""
    rows = queryset.order_by("effective_on", "id").values_list(*_FIELDS, "running_fen").iterator(
        chunk_size=ITERATOR_CHUNK)
    return [*_headers(), _("balance (yuan)")], ([*_render(values[:-1]), to_yuan(values[-1])] for values in rows)
