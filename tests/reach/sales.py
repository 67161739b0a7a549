"""Reach of products, development records, import batches and effective rules (qudao.sales).

Records are scoped by the grid and agent they had on the sale date; import batches by who uploaded
them (company-wide reach sees all); products and rule versions are company-wide, so every
persona sees all of them — including the products other areas' `populate` create.
"""

import datetime as dt
from collections.abc import Iterator, Mapping

from django.utils import timezone

from qudao.sales.choices import ImportKind, ProductCategory
from qudao.sales.models import DevelopmentRecord, EffectiveRule, ImportBatch, Product
from qudao.sales.partitions import ensure_month_partitions

from . import ModelSpec

PERSONAS = ("manager_a", "manager_b", "supervisor", "analyst", "head", "agent_user", "outsider")


class Everything(Mapping):
    """Every row of a company-wide model keyed by `key`, read when the test asks (lazily)."""

    def __init__(self, model, key: str):
        self.model, self.key = model, key

    def _rows(self) -> dict:
        return {getattr(obj, self.key): obj for obj in self.model.objects.all()}

    def __getitem__(self, name):
        return self._rows()[name]

    def __iter__(self) -> Iterator:
        return iter(self._rows())

    def __len__(self) -> int:
        return len(self._rows())


PRODUCTS = Everything(Product, "code")
RULES = Everything(EffectiveRule, "note")
ALL_RECORDS = ("rA", "rB", "rC")

SPECS = [
    ModelSpec("sales_product", ("sales:product_",), "api:product-", dict.fromkeys(PERSONAS, PRODUCTS)),
    ModelSpec("sales_record", ("sales:record_",), "api:development-record-", {
        "manager_a": ("rA",), "manager_b": ("rB",), "supervisor": ("rA", "rB"), "analyst": ALL_RECORDS,
        "head": ALL_RECORDS, "agent_user": ("rA",), "outsider": (),
    }),
    ModelSpec("sales_batch", ("sales:batch_",), "api:import-batch-", {
        "manager_a": ("bA",), "manager_b": ("bB",), "supervisor": (), "analyst": ("bA", "bB", "bH"),
        "head": ("bA", "bB", "bH"), "agent_user": (), "outsider": (),
    }),
    ModelSpec("sales_rule", ("sales:rule_",), "api:effective-rule-", dict.fromkeys(PERSONAS, RULES)),
]
EXEMPT = {}


def populate(cast):
    today = timezone.localdate()
    Product.objects.create(code="RS-P1", name="Plan", category=ProductCategory.MOBILE_PLAN, monthly_fee_fen=3900,
                           active_from=dt.date(2024, 1, 1))
    EffectiveRule.objects.create(valid_from=dt.date(2025, 1, 1), within_days=30, note="reach-rule")
    batches = {
        key: ImportBatch.objects.create(kind=ImportKind.RECORDS, filename=f"{key}.csv", created_by=cast.users[who])
        for key, who in (("bA", "manager_a"), ("bB", "manager_b"), ("bH", "head"))
    }
    ensure_month_partitions(DevelopmentRecord._meta.db_table, [today])
    product = Product.objects.get(code="RS-P1")
    records = {}
    for key, code in (("rA", "OA1"), ("rB", "OB1"), ("rC", "OC1")):
        outlet = cast.outlets[code]
        records[key] = DevelopmentRecord.objects.create(
            external_id=f"RS-{key}", sold_at=timezone.now(), sold_on=today, outlet_id=outlet.pk,
            agent_id=outlet.agent_id, grid_id=outlet.grid_id, product=product, customer_hash="0" * 64,
            subscriber_no="13800138000", fee_fen=3900, batch=batches["bH"],
        )
    return {"sales_product": PRODUCTS, "sales_record": records, "sales_batch": batches, "sales_rule": RULES}
