"""Timing part of bench/dashboards.py: p50/p95 of pages and API calls, and the raw-table baseline."""

import time

from django.test import Client
from django.urls import reverse


def percentile(values, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _client(user) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def _measure(call, runs: int) -> list[float]:
    call()  # warm-up: template compilation, caches
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _get(client, url, params):
    def call():
        response = client.get(url, params)
        assert response.status_code == 200, (url, response.status_code)
    return call


def time_endpoints(world, runs: int, *, log) -> None:
    head, supervisor, manager = (_client(world.users[n]) for n in ("bench-head", "bench-supervisor", "bench-manager"))
    company, county = world.company.pk, world.county.pk
    cases = [
        ("UI  landing: head → company, month", head, reverse("reporting:dashboard"), {}),
        ("UI  company, quarter", head, reverse("reporting:node_detail", args=[company]), {"period": "quarter"}),
        ("UI  landing: supervisor → county, month", supervisor, reverse("reporting:dashboard"), {}),
        ("UI  landing: manager → grid, week", manager, reverse("reporting:dashboard"), {"period": "week"}),
        ("UI  progress table, all grids", head, reverse("reporting:node_list"), {"kind": "grid"}),
        ("API summary company, month", head, reverse("api:reporting-node-detail", args=[company]), {}),
        ("API series company, quarter", head, reverse("api:reporting-node-series", args=[company]), {"period": "quarter"}),
        ("API ranking county, month", supervisor, reverse("api:reporting-node-ranking", args=[county]), {}),
        ("API list of nodes, month", head, reverse("api:reporting-node-list"), {"page_size": 100}),
        ("API mine (manager), today", manager, reverse("api:reporting-node-mine"), {"period": "day"}),
    ]
    log(f"\n{'endpoint':45} {'p50 ms':>8} {'p95 ms':>8}   (n={runs} each)")
    worst = 0.0
    for label, client, url, params in cases:
        timings = _measure(_get(client, url, params), runs)
        worst = max(worst, percentile(timings, 0.95))
        log(f"{label:45} {percentile(timings, 0.5):8.1f} {percentile(timings, 0.95):8.1f}")
    log(f"worst p95: {worst:.1f} ms (target ≤ 300 ms)")
    _baseline(world, log)


def _baseline(world, log, runs: int = 10) -> None:
    """The company's month summary + daily series from the raw rollup vs from the aggregate."""
    from qudao.reporting.choices import PeriodKind
    from qudao.reporting.figures import total, totals_by
    from qudao.reporting.periods import Period
    from qudao.reporting.selectors import node_stats_visible_to, rollups_visible_to

    head = world.users["bench-head"]
    period = Period.containing(PeriodKind.MONTH, world.as_of)
    raw = rollups_visible_to(head)
    aggregate = node_stats_visible_to(head).filter(node_id=world.company.pk)

    def query(rows):
        def call():
            total(rows, period.first, period.until)
            totals_by(rows, "day", period.first, period.until)
        return call

    fast = _measure(query(aggregate), runs * 5)
    slow = _measure(query(raw), runs)
    log(f"\nbaseline, company month summary + daily series (n={runs * 5} / {runs}):")
    log(f"  reporting aggregate   p50 {percentile(fast, 0.5):9.1f} ms   p95 {percentile(fast, 0.95):9.1f} ms")
    log(f"  raw sales_dailyrollup p50 {percentile(slow, 0.5):9.1f} ms   p95 {percentile(slow, 0.95):9.1f} ms")
    log(f"  ratio (raw ÷ aggregate, p50): {percentile(slow, 0.5) / percentile(fast, 0.5):.0f}×")
