"""Callback sampling: reproducible for a day, never below the configured share, stratified by outlet
and weighted toward risky outlets, assigned to the grid's manager (else the supervisor above)."""

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qudao.fieldwork.models import Callback, CallbackPolicy, CallbackRun, CallbackStratum
from qudao.fieldwork.services import sample_callbacks
from qudao.fieldwork.services.sampling import risk_weight, stratum_quota
from qudao.inspections.services import violation_raise
from qudao.territory.models import StaffAssignment

from .helpers import change_status, make_records

DAY = dt.date(2026, 11, 2)


def drawn(day=DAY) -> set[str]:
    return set(Callback.objects.filter(day=day).values_list("external_id", flat=True))


@pytest.mark.django_db
def test_the_same_day_draws_the_same_users(cast, product):
    make_records(cast.outlets["OA1"], DAY, 20, product)
    make_records(cast.outlets["OB1"], DAY, 9, product)
    run, created = sample_callbacks(day=DAY)
    first = drawn()
    assert created and run.population == 29 and run.sampled == len(first) == 3 + 2
    CallbackRun.objects.all().delete()
    sample_callbacks(day=DAY)
    assert drawn() == first


@pytest.mark.django_db
def test_a_second_run_of_the_day_draws_nothing(cast, product):
    make_records(cast.outlets["OA1"], DAY, 10, product)
    run, _created = sample_callbacks(day=DAY)
    again, created = sample_callbacks(day=DAY)
    assert again.pk == run.pk and not created
    assert Callback.objects.count() == 2 and CallbackRun.objects.count() == 1


@pytest.mark.django_db
def test_new_and_maintained_users_are_the_population(cast, product):
    earlier = make_records(cast.outlets["OA1"], DAY - dt.timedelta(days=10), 4, product)
    change_status(earlier[:3], DAY)
    make_records(cast.outlets["OA1"], DAY, 2, product)
    make_records(cast.outlets["OA1"], DAY + dt.timedelta(days=1), 5, product)  # the next day: not in
    policy = CallbackPolicy.current()
    policy.sample_pct = Decimal(100)
    policy.save()
    run, _created = sample_callbacks(day=DAY)
    assert run.population == 5
    kinds = sorted(Callback.objects.values_list("kind", flat=True))
    assert kinds == ["maintained"] * 3 + ["new"] * 2


@pytest.mark.django_db
def test_risky_outlets_are_sampled_more_and_say_why(cast, product):
    """15 % of 20 users is 3; one risk signal (an open violation) weighs 1.5: ceil(4.5) = 5."""
    make_records(cast.outlets["OA1"], DAY, 20, product)
    make_records(cast.outlets["OA2"], DAY, 20, product)
    violation_raise(outlet=cast.outlets["OA1"], kind="other", description="现场发现", by=cast.manager_a)
    sample_callbacks(day=DAY)
    risky = CallbackStratum.objects.get(outlet=cast.outlets["OA1"])
    plain = CallbackStratum.objects.get(outlet=cast.outlets["OA2"])
    assert (risky.quota, risky.risk, risky.reasons) == (5, 1, [{"code": "open_violations", "n": 1}])
    assert (plain.quota, plain.risk, plain.reasons) == (3, 0, [])
    assert Callback.objects.filter(outlet=cast.outlets["OA1"]).count() == 5


@pytest.mark.django_db
def test_low_effective_rate_and_cancellations_are_signals(cast, product):
    from qudao.sales.rollups import rebuild_rollups

    window_day = DAY - dt.timedelta(days=5)
    make_records(cast.outlets["OA1"], window_day, 8, product, status="cancelled")
    make_records(cast.outlets["OA1"], window_day, 2, product, status="activated")
    rebuild_rollups([window_day])
    make_records(cast.outlets["OA1"], DAY, 10, product)
    sample_callbacks(day=DAY)
    stratum = CallbackStratum.objects.get(outlet=cast.outlets["OA1"])
    assert [r["code"] for r in stratum.reasons] == ["low_effective_rate", "high_cancellation"]
    assert stratum.quota == math.ceil(10 * Decimal("0.15") * 2)


@pytest.mark.django_db
def test_callbacks_go_to_the_grid_manager_else_the_supervisor_above(cast, product):
    make_records(cast.outlets["OA1"], DAY, 10, product)
    make_records(cast.outlets["OB1"], DAY, 10, product)
    make_records(cast.outlets["OC1"], DAY, 10, product)
    StaffAssignment.objects.filter(user=cast.manager_b).delete()
    sample_callbacks(day=DAY)
    by_outlet = dict(CallbackStratum.objects.values_list("outlet__code", "assignee__username"))
    assert by_outlet == {"OA1": "manager_a", "OB1": "supervisor", "OC1": None}
    assert set(Callback.objects.filter(outlet=cast.outlets["OA1"]).values_list("assignee__username", flat=True)) \
        == {"manager_a"}


@given(population=st.integers(min_value=0, max_value=10_000),
       share=st.decimals(min_value=Decimal("0.1"), max_value=Decimal(100), places=1),
       signals=st.integers(min_value=0, max_value=4), boost=st.integers(min_value=0, max_value=200))
def test_a_stratum_is_never_sampled_below_the_share_nor_beyond_its_users(population, share, signals, boost):
    quota = stratum_quota(population, share, risk_weight(signals, boost))
    assert quota * 100 >= share * population or quota == population
    assert quota <= population
    assert quota == 0 or quota >= 1


@pytest.mark.django_db
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sizes=st.lists(st.integers(min_value=0, max_value=40), min_size=4, max_size=4),
       share=st.sampled_from([Decimal(5), Decimal(15), Decimal("33.3")]),
       day=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31)))
def test_random_populations_are_covered_per_outlet_and_per_manager(cast, product, sizes, share, day):
    CallbackRun.objects.all().delete()
    policy = CallbackPolicy.current()
    policy.sample_pct = share
    policy.save()
    for code, size in zip(("OA1", "OA2", "OB1", "OC1"), sizes, strict=True):
        make_records(cast.outlets[code], day, size, product, prefix=f"H{code}")
    run, _created = sample_callbacks(day=day)
    first = drawn(day)
    assert run.population == sum(sizes) and run.sampled * 100 >= share * run.population
    for stratum in CallbackStratum.objects.filter(run=run):
        assert stratum.quota * 100 >= share * stratum.population
        assert Callback.objects.filter(stratum=stratum).count() == stratum.quota
    for manager in ("manager_a", "manager_b"):
        strata = CallbackStratum.objects.filter(run=run, assignee__username=manager)
        population = sum(s.population for s in strata)
        assert Callback.objects.filter(run=run, assignee__username=manager).count() * 100 >= share * population
    CallbackRun.objects.filter(pk=run.pk).delete()
    sample_callbacks(day=day)
    assert drawn(day) == first
    from qudao.sales.models import DevelopmentRecord

    DevelopmentRecord.objects.filter(sold_on=day).delete()
