"""Check-in distance and geofence, visit length, and the scores of each inspection kind."""

import datetime as dt
from decimal import Decimal

import pytest

from qudao.core.errors import BusinessRuleError
from qudao.inspections.choices import InspectionKind
from qudao.inspections.geo import haversine_m, nearest_neighbour_route
from qudao.inspections.models import InspectionPolicy

from .conftest import check_in, finish, shanghai

pytestmark = pytest.mark.django_db

AT = shanghai(2025, 3, 11, 10, 0)


def test_haversine_known_distance():
    # one hundredth of a degree of latitude is about 1112 m
    assert haversine_m(23.0, 113.0, 23.01, 113.0) == 1112
    assert haversine_m(Decimal("23.1065"), Decimal("113.3245"), Decimal("23.1065"), Decimal("113.3245")) == 0


def test_check_in_near_the_outlet_is_not_flagged(field):
    inspection = check_in(field.manager_a, field.outlets["OA1"], at=AT, lat="23.107400", lng="113.324500")
    assert inspection.distance_m == 100
    assert not inspection.outside_geofence and inspection.geofence_m == 300
    assert inspection.accuracy_m == 8 and inspection.week_start == dt.date(2025, 3, 10)


def test_check_in_outside_the_geofence_is_flagged_and_the_fence_is_configurable(field):
    far = check_in(field.manager_a, field.outlets["OA1"], at=AT, lat="23.111000", lng="113.324500")
    assert far.distance_m == 500 and far.outside_geofence

    InspectionPolicy.objects.filter(pk=1).update(geofence_m=1000)
    same_place = check_in(field.manager_a, field.outlets["OA1"], at=AT, lat="23.111000", lng="113.324500")
    assert same_place.geofence_m == 1000 and not same_place.outside_geofence
    far.refresh_from_db()
    assert far.outside_geofence  # a flag keeps the threshold it was judged by


def test_check_in_without_a_position_has_no_distance(field):
    inspection = check_in(field.manager_a, field.outlets["OA1"], at=AT)
    assert inspection.distance_m is None and inspection.position_unknown and not inspection.outside_geofence


def test_a_short_visit_is_flagged(field):
    short = finish(check_in(field.manager_a, field.outlets["OA1"], at=AT), minutes=5)
    long_enough = finish(check_in(field.manager_a, field.outlets["OA2"], at=AT), minutes=10)
    assert short.too_short and short.dwell_seconds == 300
    assert not long_enough.too_short and long_enough.dwell_minutes == 10

    InspectionPolicy.objects.filter(pk=1).update(min_dwell_minutes=20)
    assert finish(check_in(field.manager_a, field.outlets["OA1"], at=AT), minutes=15).too_short


def test_finishing_before_the_check_in_is_refused(field):
    inspection = check_in(field.manager_a, field.outlets["OA1"], at=AT)
    with pytest.raises(BusinessRuleError):
        finish(inspection, at=AT - dt.timedelta(minutes=1))


def test_each_kind_scores_its_own_way(field):
    oa1 = field.outlets["OA1"]
    routine = check_in(field.manager_a, oa1, at=AT)
    assert routine.template.code == "RT-AUTH"
    # weights: 门头 counts 2 of a total 23 → 100 × 21 ÷ 23
    assert finish(routine, failing={"门头招牌规范、整洁、无破损"}).score == Decimal("91.3")

    compliance = check_in(field.manager_a, oa1, at=AT, kind=InspectionKind.COMPLIANCE)
    done = finish(compliance, failing={"严格执行实名登记制度", "业务单据完整，按时返单"})
    assert done.score == Decimal("80.0") and done.passed  # 100 − 15 − 5

    monthly = check_in(field.manager_a, oa1, at=AT, kind=InspectionKind.MONTHLY)
    done = finish(monthly, failing={"当月发展量完成情况"})
    assert done.score == Decimal("80.0") and done.failed_items == 1


def test_monthly_assessment_is_for_authorised_channels_only(field):
    retailer = field.outlets["OA2"]
    retailer.outlet_type = "retailer"
    retailer.save()
    with pytest.raises(BusinessRuleError):
        check_in(field.manager_a, retailer, at=AT, kind=InspectionKind.MONTHLY)
    assert check_in(field.manager_a, retailer, at=AT).template.code == "RT-GEN"  # the catch-all routine list


def test_nearest_neighbour_route():
    stops = [("far", Decimal("23.2"), Decimal("113.4")), ("near", Decimal("23.11"), Decimal("113.33")),
             ("first", Decimal("23.1"), Decimal("113.32")), ("nowhere", None, None)]
    assert [key for key, _leg in nearest_neighbour_route(stops)] == ["far", "near", "first", "nowhere"]
    from_here = nearest_neighbour_route(stops, start=(Decimal("23.1"), Decimal("113.32")))
    assert [key for key, _leg in from_here] == ["first", "near", "far", "nowhere"]
    assert from_here[0][1] == 0 and from_here[-1][1] is None
