"""Small value types of the reports: totals of the four measures and percentages."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet, Sum

MEASURES = ("records", "fee_fen", "effective", "effective_fee_fen")
TENTH = Decimal("0.1")


def percent(part, whole) -> Decimal | None:
    """part ÷ whole as a percentage to one decimal; None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Totals:
    records: int = 0
    fee_fen: int = 0
    effective: int = 0
    effective_fee_fen: int = 0

    @classmethod
    def of(cls, row: dict | None) -> "Totals":
        row = row or {}
        return cls(**{m: int(row.get(m) or 0) for m in MEASURES})

    def __add__(self, other: "Totals") -> "Totals":
        return Totals(*(getattr(self, m) + getattr(other, m) for m in MEASURES))

    @property
    def effective_rate(self) -> Decimal | None:
        return percent(self.effective, self.records)


def in_span(queryset: QuerySet, first, last, category: str = "") -> QuerySet:
    queryset = queryset.filter(day__range=(first, last))
    return queryset.filter(category=category) if category else queryset


def _sums():
    return {m: Sum(m) for m in MEASURES}


def total(queryset: QuerySet, first, last, category: str = "") -> Totals:
    return Totals.of(in_span(queryset, first, last, category).aggregate(**_sums()))


def totals_by(queryset: QuerySet, field: str, first, last, category: str = "") -> dict:
    rows = in_span(queryset, first, last, category).order_by().values(field).annotate(**_sums())
    return {row[field]: Totals.of(row) for row in rows}
