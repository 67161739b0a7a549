import datetime as dt

import pytest
from django.utils import timezone

from qudao.sales.choices import ImportKind, ProductCategory
from qudao.sales.models import DailyRollup, DevelopmentRecord, ImportBatch, Product
from qudao.sales.partitions import ensure_month_partitions
from qudao.sales.rollups import day_ranges, rebuild_rollups

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 10, 5)


def _record(cast, batch, product, n, day=DAY, outlet="OA1", effective=False, fee=3000):
    outlet = cast.outlets[outlet]
    return DevelopmentRecord(
        external_id=f"R{n}", sold_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10))), sold_on=day,
        outlet_id=outlet.pk, agent_id=outlet.agent_id, grid_id=outlet.grid_id, product=product,
        customer_hash="h" * 64, subscriber_no="13800000000", fee_fen=fee, batch=batch, is_effective=effective,
    )


def test_rebuild_aggregates_exactly_the_given_days(cast):
    batch = ImportBatch.objects.create(kind=ImportKind.RECORDS, filename="t.csv")
    product = Product.objects.create(code="P1", name="Plan", category=ProductCategory.MOBILE_PLAN, active_from=DAY)
    ensure_month_partitions(DevelopmentRecord._meta.db_table, [DAY])
    DevelopmentRecord.objects.bulk_create([
        _record(cast, batch, product, 1, effective=True), _record(cast, batch, product, 2),
        _record(cast, batch, product, 3, outlet="OB1"), _record(cast, batch, product, 4, day=DAY + dt.timedelta(days=1)),
    ])
    rebuild_rollups([DAY])
    rows = {(r.outlet_id, r.records, r.fee_fen, r.effective, r.effective_fee_fen) for r in DailyRollup.objects.all()}
    assert rows == {(cast.outlets["OA1"].pk, 2, 6000, 1, 3000), (cast.outlets["OB1"].pk, 1, 3000, 0, 0)}
    rebuild_rollups([DAY])  # idempotent
    assert DailyRollup.objects.count() == 2


def test_day_ranges_merge_contiguous_days():
    d = dt.date(2026, 1, 30)
    days = [d, d + dt.timedelta(days=1), d + dt.timedelta(days=2), d + dt.timedelta(days=10)]
    assert day_ranges(days) == [(d, d + dt.timedelta(days=2)), (d + dt.timedelta(days=10), d + dt.timedelta(days=10))]


def test_merge_rewrites_only_changed_groups_and_can_be_narrowed_to_touched_groups(cast):
    import polars as pl

    batch = ImportBatch.objects.create(kind=ImportKind.RECORDS, filename="t.csv")
    product = Product.objects.create(code="P1", name="Plan", category=ProductCategory.MOBILE_PLAN, active_from=DAY)
    ensure_month_partitions(DevelopmentRecord._meta.db_table, [DAY])
    DevelopmentRecord.objects.bulk_create([_record(cast, batch, product, 1), _record(cast, batch, product, 2, outlet="OB1")])
    assert rebuild_rollups([DAY]) == 2  # a day without rollups: built whole
    assert rebuild_rollups([DAY]) == 0  # nothing changed, nothing written
    DevelopmentRecord.objects.bulk_create([_record(cast, batch, product, 3, fee=1000)])
    touched = pl.DataFrame({"day": [DAY], "outlet_id": [cast.outlets["OA1"].pk], "product_id": [product.pk]})
    assert rebuild_rollups([DAY], groups=touched) == 1
    rows = {(r.outlet_id, r.records, r.fee_fen) for r in DailyRollup.objects.all()}
    assert rows == {(cast.outlets["OA1"].pk, 2, 4000), (cast.outlets["OB1"].pk, 1, 3000)}
    DevelopmentRecord.objects.filter(external_id="R2").delete()
    assert rebuild_rollups([DAY]) == 1  # the vanished group is deleted
    assert DailyRollup.objects.count() == 1


def _rollup_rows():
    return sorted(DailyRollup.objects.values_list("day", "outlet_id", "agent_id", "grid_id", "product_id", "category",
                                                  "records", "fee_fen", "effective", "effective_fee_fen"))


def _stored(queryset):
    import polars as pl

    columns = ("sold_on", "outlet_id", "agent_id", "grid_id", "product_id", "fee_fen", "is_effective")
    return pl.DataFrame(list(queryset.values_list(*columns)), schema=list(columns), orient="row")


def test_fresh_days_built_from_the_written_rows_equal_the_database_aggregate(cast):
    batch = ImportBatch.objects.create(kind=ImportKind.RECORDS, filename="t.csv")
    plan = Product.objects.create(code="P1", name="Plan", category=ProductCategory.MOBILE_PLAN, active_from=DAY)
    other = Product.objects.create(code="P2", name="Broadband", category=ProductCategory.BROADBAND, active_from=DAY)
    later = DAY + dt.timedelta(days=1)
    ensure_month_partitions(DevelopmentRecord._meta.db_table, [DAY])
    DevelopmentRecord.objects.bulk_create([
        _record(cast, batch, plan, 1, effective=True), _record(cast, batch, plan, 2, fee=1000),
        _record(cast, batch, other, 3, outlet="OB1", effective=True, fee=5000), _record(cast, batch, other, 4, day=later),
    ])
    rebuild_rollups([DAY, later])  # by the database
    expected = _rollup_rows()
    assert len(expected) == 3
    DailyRollup.objects.all().delete()

    assert rebuild_rollups([DAY, later], facts=_stored(DevelopmentRecord.objects.all())) == 3
    assert _rollup_rows() == expected


def test_fresh_days_fall_back_to_the_database_when_the_rows_are_not_all_the_day_holds(cast):
    batch = ImportBatch.objects.create(kind=ImportKind.RECORDS, filename="t.csv")
    product = Product.objects.create(code="P1", name="Plan", category=ProductCategory.MOBILE_PLAN, active_from=DAY)
    ensure_month_partitions(DevelopmentRecord._meta.db_table, [DAY])
    DevelopmentRecord.objects.bulk_create([_record(cast, batch, product, 1), _record(cast, batch, product, 2, fee=1000)])
    only_one = _stored(DevelopmentRecord.objects.filter(external_id="R2"))  # R1 was stored earlier, without rollups
    rebuild_rollups([DAY], facts=only_one)
    assert _rollup_rows() == [(DAY, cast.outlets["OA1"].pk, cast.outlets["OA1"].agent_id, cast.outlets["OA1"].grid_id,
                               product.pk, ProductCategory.MOBILE_PLAN, 2, 4000, 0, 0)]
