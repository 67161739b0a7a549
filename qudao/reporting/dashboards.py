"""A dashboard: a subject's figures for a period against its targets, its daily series and its
children ranked by attainment. Views and the API render these; nothing here knows HTTP."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from qudao.core.money import to_yuan

from .figures import Totals, percent, total, totals_by
from .periods import Period
from .subjects import NODE, Subject, outlet_info
from .targeting import TargetPair, period_targets, total_target

RECORDS, REVENUE = "records", "revenue_fen"
RANKED = 5  # how many children the top and bottom lists show


@dataclass(frozen=True)
class Progress:
    """Actuals against the period's target and against where the target says we should be today."""

    actual: int
    target: TargetPair | None

    @property
    def attainment(self) -> Decimal | None:
        return percent(self.actual, self.target.full) if self.target else None

    @property
    def pace(self) -> Decimal | None:
        """Actual ÷ pro-rated target: 100 means exactly on schedule."""
        return percent(self.actual, self.target.to_date) if self.target else None

    @property
    def gap(self) -> Decimal | None:
        """Actual minus the pro-rated target (negative: behind)."""
        return Decimal(self.actual) - self.target.to_date if self.target else None


@dataclass(frozen=True)
class Row:
    pk: int
    code: str
    name: str
    kind: str
    totals: Totals
    development: Progress
    revenue: Progress


@dataclass
class Dashboard:
    subject: Subject
    period: Period
    category: str
    totals: Totals
    development: Progress
    revenue: Progress
    last_month: Totals
    last_year: Totals
    rows: list[Row]

    @property
    def ranked(self) -> list[Row]:
        """Children with a target, best attainment first (ties: more records first)."""
        with_target = [r for r in self.rows if r.development.attainment is not None]
        return sorted(with_target, key=lambda r: (-r.development.attainment, -r.totals.records, r.code))

    @property
    def top(self) -> list[Row]:
        return self.ranked[:RANKED]

    @property
    def bottom(self) -> list[Row]:
        return list(reversed(self.ranked[-RANKED:])) if len(self.ranked) > RANKED else list(reversed(self.ranked))

    @property
    def records_change(self) -> Decimal | None:
        """Development compared with the same days last month, in percent."""
        if not self.last_month.records:
            return None
        return percent(self.totals.records - self.last_month.records, self.last_month.records)


def _targets(target_kind: str, period: Period, metric: str, category: str, ids, shares: dict) -> dict[int, TargetPair]:
    key = "node_ids" if target_kind == NODE else "outlet_ids"
    return period_targets(period, metric, category=category, shares=shares, **{key: ids})


def build_dashboard(subject: Subject, period: Period, category: str = "") -> Dashboard:
    until = period.until
    totals = total(subject.stats, period.first, until, category)
    shares: dict = {}
    development = total_target(_targets(subject.target_kind, period, RECORDS, category, subject.target_ids, shares))
    revenue = total_target(_targets(subject.target_kind, period, REVENUE, category, subject.target_ids, shares))
    last_month, last_year = period.shifted(-1), period.shifted(-12)
    return Dashboard(
        subject=subject, period=period, category=category, totals=totals,
        development=Progress(totals.records, development), revenue=Progress(totals.fee_fen, revenue),
        last_month=total(subject.stats, last_month.first, last_month.until, category),
        last_year=total(subject.stats, last_year.first, last_year.until, category),
        rows=child_rows(subject, period, category, shares),
    )


def child_rows(subject: Subject, period: Period, category: str = "", shares: dict | None = None) -> list[Row]:
    if subject.children_stats is None:
        return []
    by_child = totals_by(subject.children_stats, subject.child_field, period.first, period.until, category)
    info = dict(subject.children)
    missing = [pk for pk in by_child if pk not in info]
    if missing and subject.child_kind != NODE:
        info.update(outlet_info(missing))
    ids = list(info)
    shares = {} if shares is None else shares
    development = _targets(subject.child_kind, period, RECORDS, category, ids, shares)
    revenue = _targets(subject.child_kind, period, REVENUE, category, ids, shares)
    rows = []
    for pk, about in info.items():
        figures = by_child.get(pk, Totals())
        rows.append(Row(pk, about["code"], about["name"], about["kind"], figures,
                        Progress(figures.records, development.get(pk)), Progress(figures.fee_fen, revenue.get(pk))))
    return sorted(rows, key=lambda r: r.code)


def _per_day(subject: Subject, first: dt.date, last: dt.date, category: str) -> dict[dt.date, Totals]:
    return totals_by(subject.stats, "day", first, last, category)


def build_series(subject: Subject, period: Period, category: str = "") -> dict:
    """Daily development and revenue for the period, with the same days last month and last year."""
    current = _per_day(subject, period.first, period.until, category)
    offsets = range((period.last - period.first).days + 1)
    series = {
        "days": [(period.first + dt.timedelta(days=i)).isoformat() for i in offsets],
        "records": [], "revenue_yuan": [], "effective_rate": [],
    }
    for i in offsets:
        day = period.first + dt.timedelta(days=i)
        figures = current.get(day, Totals()) if day <= period.until else None
        series["records"].append(figures.records if figures else None)
        series["revenue_yuan"].append(str(to_yuan(figures.fee_fen)) if figures else None)
        rate = figures.effective_rate if figures else None
        series["effective_rate"].append(str(rate) if rate is not None else None)
    for label, months in (("last_month", -1), ("last_year", -12)):
        shifted = period.shifted(months)
        earlier = _per_day(subject, shifted.first, shifted.last, category)
        days = [shifted.first + dt.timedelta(days=i) for i in offsets]
        series[f"records_{label}"] = [earlier.get(d, Totals()).records for d in days]
        series[f"revenue_yuan_{label}"] = [str(to_yuan(earlier.get(d, Totals()).fee_fen)) for d in days]
    return series
