import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from qudao.fraud.models import FraudFlag, FraudRule, OutletRisk
from qudao.fraud.selectors import confirmed_external_ids, held_external_ids, outlet_risk
from qudao.fraud.services import clear_flags, confirm_fraud, screen_period
from qudao.ledger.models import Penalty

from .conftest import AS_OF, PERIOD

EXPECTED = {
    ("S1", "shared_customer", 30.0), ("S2", "shared_customer", 30.0), ("S3", "shared_customer", 30.0),
    ("B1", "burst", 25.0), ("B2", "burst", 25.0), ("B3", "burst", 25.0), ("B4", "burst", 25.0),
    ("B5", "burst", 25.0),
    ("O1", "odd_hours", 10.0),
    ("N1", "no_usage", 15.0),
    ("T1", "early_cancel", 20.0), ("T2", "early_cancel", 20.0),
}
# points / records sold: OA1 (S1 30 + O1 10) / 4; OA2 (S2 30 + N1 15) / 4; OB1 (30 + 20 + 20) / 6; OC1 5 × 25 / 6
EXPECTED_RISK = {"OA1": (10.0, 4, 2), "OA2": (11.25, 4, 2), "OB1": (11.67, 6, 3), "OC1": (20.83, 6, 5)}


def _flags():
    return {(f.external_id, f.rule, f.score) for f in FraudFlag.objects.all()}


def _risks():
    return {r.outlet.code: (r.score, r.records, r.flagged) for r in OutletRisk.objects.select_related("outlet")}


@pytest.mark.django_db
@pytest.mark.parametrize("source", ["parquet", "database"])
def test_every_rule_flags_the_hand_made_records(world, source, request):
    if source == "parquet":
        request.getfixturevalue("parquet")
    run = screen_period(period=dt.date(2026, 10, 17), user=world.head, as_of=AS_OF)
    assert (run.status, run.source, run.records, run.period) == ("done", source, 20, PERIOD), run.message
    assert _flags() == EXPECTED
    assert (run.flags, run.flagged_records, run.outlets) == (12, 12, 4)
    assert _risks() == EXPECTED_RISK
    assert outlet_risk(PERIOD) == {world.outlets[c].pk: v[0] for c, v in EXPECTED_RISK.items()}
    burst = FraudFlag.objects.get(external_id="B1")
    assert burst.detail == {"in_window": 5, "window_minutes": 10} and burst.outlet == world.outlets["OC1"]
    assert FraudFlag.objects.get(external_id="T1").detail == {"early_cancellations": 2, "sales": 6, "share_pct": 33.3}
    assert FraudFlag.objects.get(external_id="O1").detail == {"local_hour": 3}
    assert FraudFlag.objects.get(external_id="N1").detail == {"days_since_sale": 36, "status": "new"}


@pytest.mark.django_db
def test_rule_parameters_and_switches_are_honoured(parquet):
    screen_period(period=PERIOD, user=parquet.head, as_of=AS_OF)
    FraudRule.objects.filter(kind="burst").update(params={"min_records": 6, "window_minutes": 21})
    FraudRule.objects.filter(kind="odd_hours").update(enabled=False)
    FraudRule.objects.filter(kind="no_usage").update(weight=40, params={"days": 26})
    screen_period(period=PERIOD, user=parquet.head, as_of=AS_OF)
    flags = _flags()
    assert {f for f in flags if f[1] == "burst"} == {(f"B{i}", "burst", 25.0) for i in range(1, 7)}
    assert not {f for f in flags if f[1] == "odd_hours"}
    assert {f for f in flags if f[1] == "no_usage"} == {("N1", "no_usage", 40.0), ("N2", "no_usage", 40.0)}


@pytest.mark.django_db
def test_rescreening_replaces_open_flags_and_keeps_reviews(parquet):
    head = parquet.head
    screen_period(period=PERIOD, user=head, as_of=AS_OF)
    assert clear_flags(flags=FraudFlag.objects.filter(external_id="S1"), user=head, comment="same family") == 1
    penalties = confirm_fraud(flags=FraudFlag.objects.filter(outlet=parquet.outlets["OC1"]), user=head,
                              comment="staff confessed")
    FraudRule.objects.filter(kind__in=["odd_hours", "burst"]).update(enabled=False)
    run = screen_period(period=PERIOD, user=head, as_of=AS_OF)
    assert run.kept_reviews == 6
    statuses = {(f.external_id, f.rule): f.status for f in FraudFlag.objects.all()}
    assert statuses[("S1", "shared_customer")] == "cleared"
    assert all(statuses[(f"B{i}", "burst")] == "confirmed" for i in range(1, 6))
    assert ("O1", "odd_hours") not in statuses
    assert FraudFlag.objects.get(external_id="S1").review_comment == "same family"
    assert FraudFlag.objects.filter(penalty=penalties[0]).count() == 5
    # OA1 keeps no points: S1 was cleared and O1's rule is off; OC1's burst is no longer screened
    assert _risks() == {"OA2": (11.25, 4, 2), "OB1": (11.67, 6, 3)}


@pytest.mark.django_db
def test_confirming_proposes_a_penalty_per_outlet_and_selectors_follow(parquet):
    head = parquet.head
    screen_period(period=PERIOD, user=head, as_of=AS_OF)
    clear_flags(flags=FraudFlag.objects.filter(external_id="S1"), user=head)
    penalties = confirm_fraud(flags=FraudFlag.objects.filter(external_id__in=["B1", "B2", "B3", "T1", "S3"]),
                              user=head, comment="checked")
    by_outlet = {p.outlet.code: p for p in penalties}
    assert set(by_outlet) == {"OC1", "OB1"}
    assert by_outlet["OC1"].amount_fen == 3 * 5000 and by_outlet["OC1"].agent == parquet.agent3
    assert by_outlet["OB1"].amount_fen == 2 * 5000 and by_outlet["OB1"].status == "proposed"
    assert by_outlet["OC1"].source == f"fraud-outlet:{parquet.outlets['OC1'].pk}:2026-10"
    assert Penalty.objects.count() == 2
    held = {e for e, _r, _s in EXPECTED} - {"S1"}
    assert held_external_ids(dt.date(2026, 10, 31)) == held
    assert held_external_ids(dt.date(2026, 9, 1)) == set()
    today = dt.date.today()
    assert confirmed_external_ids(today + dt.timedelta(days=1)) == {"B1", "B2", "B3", "T1", "S3"}
    assert confirmed_external_ids(today - dt.timedelta(days=2)) == set()


@pytest.mark.django_db
def test_only_reviewers_review_and_only_within_reach(parquet):
    screen_period(period=PERIOD, user=parquet.head, as_of=AS_OF)
    with pytest.raises(PermissionDenied):
        clear_flags(flags=FraudFlag.objects.all(), user=parquet.manager_a)
    with pytest.raises(PermissionDenied):
        screen_period(period=PERIOD, user=parquet.manager_a)
    # the supervisor's reach is county 1: OC1's flags are not touched
    assert clear_flags(flags=FraudFlag.objects.all(), user=parquet.supervisor) == 7
    assert FraudFlag.objects.filter(status="open").count() == 5
