"""Drill-down links: node dashboards here, development records in the sales app."""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from .periods import Period


def period_query(period: Period, category: str = "") -> str:
    params = {"period": period.kind, "as_of": period.as_of.isoformat()}
    if category:
        params["category"] = category
    return urlencode(params)


def node_url(pk: int, period: Period, category: str = "") -> str:
    return f"{reverse('reporting:node_detail', args=[pk])}?{period_query(period, category)}"


def records_url(period: Period, **filters) -> str | None:
    """The records list (sales:record_list) filtered to the period and e.g. outlet/grid/agent code;
    None while the sales app does not offer that page."""
    try:
        base = reverse("sales:record_list")
    except NoReverseMatch:
        return None
    params = {k: v for k, v in filters.items() if v}
    params.update(date_from=period.first.isoformat(), date_to=period.until.isoformat())
    return f"{base}?{urlencode(params)}"
