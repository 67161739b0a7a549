"""“Suggest my week”: outlets ranked by falling sales, open rectifications and violations and time
since the last inspection, with reasons; the chosen ones saved as a short route."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from qudao.channels.models import Outlet
from qudao.channels.services import open_assignment
from qudao.core.errors import BusinessRuleError
from qudao.inspections.models import WeekPlan
from qudao.inspections.risk import describe, suggest_week
from qudao.inspections.services import plan_save, violation_raise
from qudao.inspections.weeks import local_date, week_start
from qudao.sales.models import DailyRollup, Product
from qudao.testing.cast import OPENED

from .conftest import check_in, finish, shanghai

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 3, 12)  # a Wednesday: the windows are the 4 full weeks before Monday 10 March
RECENT_DAY, EARLIER_DAY = dt.date(2025, 3, 3), dt.date(2025, 1, 20)


def add_outlet(cast, code, lat, lng):
    outlet = Outlet.objects.create(code=code, name=f"Outlet {code}", grid=cast.grid_a, agent=cast.agent1,
                                   outlet_type="authorised", opening_date=OPENED, status="active",
                                   latitude=Decimal(lat), longitude=Decimal(lng))
    open_assignment(outlet=outlet, agent=cast.agent1, grid=cast.grid_a, on=OPENED, reason="open")
    cast.outlets[code] = outlet
    return outlet


def sales(cast, code, day, records):
    product = Product.objects.get_or_create(code="P1", defaults={"name": "套餐", "category": "mobile_plan",
                                                                 "active_from": OPENED})[0]
    outlet = cast.outlets[code]
    DailyRollup.objects.create(day=day, outlet_id=outlet.pk, agent_id=outlet.agent_id, grid_id=outlet.grid_id,
                               product_id=product.pk, category="mobile_plan", records=records, fee_fen=0,
                               effective=records, effective_fee_fen=0)


@pytest.fixture
def week(field):
    add_outlet(field, "OA3", "23.200000", "113.400000")
    add_outlet(field, "OA4", "23.107000", "113.325000")
    sales(field, "OA1", EARLIER_DAY, 40)
    sales(field, "OA1", RECENT_DAY, 10)
    sales(field, "OA1", dt.date(2025, 3, 10), 99)  # this week: not part of either window
    for day in (EARLIER_DAY, RECENT_DAY):
        sales(field, "OA2", day, 20)
        sales(field, "OA4", day, 5)
    finish(check_in(field.manager_a, field.outlets["OA1"], at=shanghai(2025, 3, 9, 10)))
    finish(check_in(field.manager_a, field.outlets["OA2"], at=shanghai(2025, 3, 9, 15)),
           failing={"店内宣传海报为当期有效版本，无过期物料"})
    violation_raise(outlet=field.outlets["OA2"], kind="price", description="加价", by=field.manager_a)
    finish(check_in(field.manager_a, field.outlets["OA4"], at=shanghai(2025, 2, 4, 10)))
    return field


def test_ranking_with_reasons(week):
    ranked = suggest_week(week.manager_a, today=TODAY)
    assert [(s.outlet.code, s.risk) for s in ranked] == [("OA3", 45), ("OA1", 30), ("OA2", 25), ("OA4", 15)]
    reasons = {s.outlet.code: s.reasons for s in ranked}
    assert reasons["OA3"] == [{"code": "no_sales"}, {"code": "never_inspected"}]
    assert reasons["OA1"] == [{"code": "volume_down", "pct": 75, "recent": 10, "earlier": 40}]
    assert reasons["OA2"] == [{"code": "open_rectifications", "n": 1}, {"code": "open_violations", "n": 1}]
    assert reasons["OA4"] == [{"code": "not_inspected_for", "days": 36}]
    assert describe(reasons["OA1"][0])  # every reason reads as a sentence


def test_ranking_stays_within_reach(week):
    assert {s.outlet.code for s in suggest_week(week.manager_b, today=TODAY)} == {"OB1"}
    assert {s.outlet.code for s in suggest_week(week.supervisor, today=TODAY)} == {"OA1", "OA2", "OA3", "OA4", "OB1"}


def test_ranking_is_one_query(week, django_assert_num_queries):
    manager = type(week.manager_a).objects.get(pk=week.manager_a.pk)  # no reach cached yet
    with django_assert_num_queries(2):  # the reach paths, then the annotated outlets
        suggest_week(manager, today=TODAY)


def test_the_plan_is_saved_as_a_nearest_neighbour_route(week):
    chosen = [week.outlets[c].pk for c in ("OA3", "OA1", "OA4")]
    plan = plan_save(by=week.manager_a, week=local_date(), outlet_ids=chosen)
    assert [s.outlet.code for s in plan.stops.all()] == ["OA3", "OA4", "OA1"]
    assert plan.stops.all()[0].leg_m is None and plan.stops.all()[1].leg_m > 10_000

    from_here = plan_save(by=week.manager_a, week=local_date(), outlet_ids=chosen, latitude="23.1065",
                          longitude="113.3245")
    assert from_here.pk == plan.pk and WeekPlan.objects.count() == 1
    assert [s.outlet.code for s in from_here.stops.all()] == ["OA1", "OA4", "OA3"]
    assert from_here.stops.all()[0].leg_m == 0 and from_here.week_start == week_start(local_date())


def test_a_plan_is_refused_beyond_reach_and_in_the_past(week):
    with pytest.raises(PermissionDenied):
        plan_save(by=week.manager_a, week=local_date(), outlet_ids=[week.outlets["OB1"].pk])
    with pytest.raises(BusinessRuleError):
        plan_save(by=week.manager_a, week=local_date() - dt.timedelta(days=7), outlet_ids=[week.outlets["OA1"].pk])
    with pytest.raises(PermissionDenied):
        plan_save(by=week.analyst, week=local_date(), outlet_ids=[week.outlets["OA1"].pk])


def test_my_week_page(week, client_for):
    client = client_for(week.manager_a)
    page = client.get(reverse("inspections:plan_week"))
    html = page.content.decode()
    assert page.status_code == 200 and "Outlet OA3" in html and 'data-testid="quota"' in html
    assert page.context["done"] == 0 and page.context["quota"] == 3
    response = client.post(reverse("inspections:plan_week"), {
        "week": local_date().isoformat(), "outlets": [week.outlets["OA1"].pk, week.outlets["OA3"].pk]})
    plan = WeekPlan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    assert "Outlet OA3" in client.get(plan.get_absolute_url()).content.decode()
    assert client_for(week.analyst).get(reverse("inspections:plan_week")).status_code == 403


def test_records_flagged_by_fraud_screening_raise_the_risk_until_cleared(week):
    from qudao.fraud.models import FraudFlag, ScreeningRun

    run = ScreeningRun.objects.create(period=dt.date(2025, 2, 1), as_of=TODAY, status="done")
    oa4 = week.outlets["OA4"]

    def flag(ext, rule, status="open", period=dt.date(2025, 2, 1)):
        FraudFlag.objects.create(run=run, period=period, external_id=ext, sold_on=period, outlet=oa4,
                                 agent_id=oa4.agent_id, rule=rule, score=1.0, status=status)

    flag("F1", "burst")
    flag("F1", "odd_hours")  # one record breaking two rules counts once
    flag("F2", "burst", status="confirmed")
    flag("F3", "burst", status="cleared")
    flag("F4", "burst", period=dt.date(2025, 1, 1))  # before the two months looked at
    ranked = {s.outlet.code: s for s in suggest_week(week.manager_a, today=TODAY)}
    assert ranked["OA4"].risk == 15 + 2 * 5
    assert {"code": "fraud_flags", "n": 2} in ranked["OA4"].reasons
    assert describe({"code": "fraud_flags", "n": 2}) == "2 record(s) flagged by fraud screening"
