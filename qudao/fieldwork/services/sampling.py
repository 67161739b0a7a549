"""FLD-5: each day a sample of the previous day's new users (records sold that day) and
maintained users (records whose status changed that day) is drawn for callbacks.

Stratified by outlet: every outlet with users that day gets ceil(share × users × weight) of them
(never more than it has), so every outlet, every grid and every manager's reach is sampled at
least at the configured share. The weight is 1 plus `risk_boost_pct` per risk signal of the outlet
(open violations, open rectifications, a low effective rate, a high cancellation share).

Which users are drawn is reproducible: within an outlet they are ranked by a hash of the record
id seeded by the date, computed in SQL (set-based, the same on SQLite and PostgreSQL), and the
first `quota` of each outlet are inserted in one INSERT … SELECT. Running it again for a day
does nothing.
"""

import datetime as dt
import math
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from qudao.channels.models import Outlet
from qudao.sales.models import DevelopmentRecord, RecordStatusChange

from ..models import Callback, CallbackPolicy, CallbackRun, CallbackStratum
from .assignees import responsible_for
from .risk import outlet_signals

# Multiplier and modulus of the rank hash: a large prime modulus and Knuth's multiplier keep the
# product within 64-bit integers for any record id below 10^9 on both databases.
HASH_MULTIPLIER = 2654435761
HASH_MODULUS = 2147483647


def stratum_quota(population: int, share_pct: Decimal, weight: Decimal = Decimal(1)) -> int:
    """How many of an outlet's `population` users to call: ceil(share × weight), at most all of them."""
    if population <= 0:
        return 0
    wanted = Decimal(population) * Decimal(share_pct) * Decimal(weight) / 100
    return min(population, math.ceil(wanted))


def risk_weight(signals: int, boost_pct: int) -> Decimal:
    return 1 + Decimal(boost_pct) * signals / 100


def seed_for(day: dt.date) -> int:
    return (day.toordinal() * 7919) % HASH_MODULUS


def population(day: dt.date):
    """The day's new users (sold that day) and maintained users (status changed that day)."""
    changed = RecordStatusChange.objects.filter(effective_on=day).values("external_id")
    return DevelopmentRecord.objects.filter(Q(sold_on=day) | Q(sold_on__lt=day, external_id__in=changed))


def population_by_outlet(day: dt.date) -> dict[int, int]:
    rows = population(day).order_by().values("outlet_id").annotate(n=Count("id")).values_list("outlet_id", "n")
    return dict(rows)


def sample_callbacks(*, day: dt.date) -> tuple[CallbackRun, bool]:
    """Draws the sample of `day` once: (run, created). A second call returns the first run."""
    found = CallbackRun.objects.filter(day=day).first()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            return _draw(day), True
    except IntegrityError:
        return CallbackRun.objects.get(day=day), False


def _draw(day: dt.date) -> CallbackRun:
    policy = CallbackPolicy.current()
    run = CallbackRun.objects.create(day=day, share_pct=policy.sample_pct)
    counts = population_by_outlet(day)
    if not counts:
        return run
    grids = dict(Outlet.objects.filter(pk__in=list(counts)).values_list("pk", "grid_id"))
    signals = outlet_signals(list(counts), day=day, policy=policy)
    people = responsible_for(set(grids.values()))
    strata = []
    for outlet_id, users in sorted(counts.items()):
        reasons = signals.get(outlet_id, [])
        weight = risk_weight(len(reasons), policy.risk_boost_pct)
        strata.append(CallbackStratum(
            run=run, outlet_id=outlet_id, grid_id=grids[outlet_id], assignee_id=people.get(grids[outlet_id]),
            population=users, quota=stratum_quota(users, policy.sample_pct, weight), risk=len(reasons),
            reasons=reasons,
        ))
    CallbackStratum.objects.bulk_create(strata)
    run.population = sum(counts.values())
    run.sampled = _insert_callbacks(run)
    run.save(update_fields=["population", "sampled"])
    return run


_INSERT_SQL = """
INSERT INTO {callback} (run_id, stratum_id, day, kind, record_id, external_id, outlet_id, agent_id, grid_id,
                        product_id, subscriber_no, sold_on, assignee_id, status, outcome, note,
                        created_at, updated_at)
SELECT %s, s.id, %s, p.kind, p.id, p.external_id, p.outlet_id, p.agent_id, s.grid_id,
       p.product_id, p.subscriber_no, p.sold_on, s.assignee_id, 'pending', '', '', %s, %s
FROM (
    SELECT q.*, ROW_NUMBER() OVER (PARTITION BY q.outlet_id ORDER BY q.rank_key, q.id) AS rn
    FROM (
        SELECT r.id, r.external_id, r.outlet_id, r.agent_id, r.product_id, r.subscriber_no, r.sold_on,
               CASE WHEN r.sold_on = %s THEN 'new' ELSE 'maintained' END AS kind,
               ((r.id * {multiplier} + %s) %% {modulus}) AS rank_key
        FROM {facts} r
        WHERE r.sold_on = %s
           OR (r.sold_on < %s AND r.external_id IN (SELECT c.external_id FROM {changes} c WHERE c.effective_on = %s))
    ) q
) p
JOIN {stratum} s ON s.run_id = %s AND s.outlet_id = p.outlet_id
WHERE p.rn <= s.quota
"""


def _insert_callbacks(run: CallbackRun) -> int:
    sql = _INSERT_SQL.format(
        callback=Callback._meta.db_table, stratum=CallbackStratum._meta.db_table,
        facts=DevelopmentRecord._meta.db_table, changes=RecordStatusChange._meta.db_table,
        multiplier=HASH_MULTIPLIER, modulus=HASH_MODULUS,
    )
    ops = connection.ops
    day = ops.adapt_datefield_value(run.day)
    now = ops.adapt_datetimefield_value(timezone.now())
    params = [run.pk, day, now, now, day, seed_for(run.day), day, day, day, run.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
