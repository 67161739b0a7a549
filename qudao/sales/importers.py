"""Import of the product catalogue through the shared all-or-nothing importer (qudao.core.importing).

Development records and status files do not come through here: they are facts at scale and have
their own set-based pipeline (qudao.sales.pipeline).
"""

from qudao.accounts.permissions import can_write_master_data
from qudao.core.importing import (
    CellError,
    ChoiceColumn,
    CodeColumn,
    Column,
    DateColumn,
    Importer,
    ImportRow,
    MoneyColumn,
    TextColumn,
    cell_text,
)

from .choices import CATEGORY_LINE, BusinessLine, ProductCategory
from .models import Product

CATEGORY_LABELS = {
    ProductCategory.MOBILE_PLAN: "移动套餐",
    ProductCategory.BROADBAND: "宽带",
    ProductCategory.CONVERGENCE: "融合套餐",
    ProductCategory.TERMINAL: "终端",
    ProductCategory.CARD: "号卡",
    ProductCategory.POLICY: "保险保单",
}
YES = ("是", "y", "yes", "true", "1")
NO = ("否", "n", "no", "false", "0")


class YesNoColumn(Column):
    empty = False
    kind_hint = "填“是”或“否”，留空为否"

    def parse(self, raw) -> bool:
        text = cell_text(raw).lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise CellError(f"“{text}”应为“是”或“否”")

    def render(self, value) -> str:
        return "是" if value else "否"


class MonthsColumn(Column):
    kind_hint = "整数（月）"

    def parse(self, raw) -> int:
        text = cell_text(raw)
        if not text.isdigit() or not 0 < int(text) <= 600:
            raise CellError(f"“{text}”不是有效的月数（1–600）")
        return int(text)


class ProductImporter(Importer):
    kind = "products"
    title = "产品"
    permission = staticmethod(can_write_master_data)
    columns = (
        CodeColumn("产品编码", "code", required=True, max_length=32, example="TC39"),
        TextColumn("产品名称", "name", required=True, max_length=120, example="39 元畅享套餐"),
        ChoiceColumn("产品类别", "category", CATEGORY_LABELS, required=True),
        MoneyColumn("月费（元）", "monthly_fee_fen", example="39.00", help="电信产品填写"),
        MoneyColumn("保费（元）", "premium_fen", example="", help="保险产品必填，其他产品留空"),
        MonthsColumn("期限（月）", "term_months", example="24"),
        YesNoColumn("可续约", "is_renewable", example="否"),
        DateColumn("生效日期", "active_from", required=True, example="2025-01-01"),
        DateColumn("失效日期", "active_to", example=""),
    )
    notes = ("6. 产品编码是发展数据文件中“产品编码”列引用的编码，导入后不能修改。",)

    def check(self, rows: list[ImportRow]) -> None:
        self.check_unique_in_file(rows, "code")
        self.check_not_in_database(rows, "code", Product.objects.all())
        for row in rows:
            if not row.fine("category", "premium_fen"):
                continue
            insurance = row.has("category") and CATEGORY_LINE[row["category"]] == BusinessLine.INSURANCE
            has_premium = row.values.get("premium_fen") not in (None, 0)
            if insurance and not has_premium:
                self.error(row, "premium_fen", "保险产品必须填写保费")
            if not insurance and has_premium:
                self.error(row, "premium_fen", "只有保险产品才有保费")
            if row.has("active_from") and row.has("active_to") and row["active_to"] < row["active_from"]:
                self.error(row, "active_to", "失效日期不能早于生效日期")

    def write(self, rows: list[ImportRow]) -> int:
        products = [self._product(row) for row in rows]
        self.bulk_create_with_history(products, Product)
        return len(products)

    def _product(self, row: ImportRow) -> Product:
        insurance = CATEGORY_LINE[row["category"]] == BusinessLine.INSURANCE
        return Product(
            code=row["code"], name=row["name"], category=row["category"],
            monthly_fee_fen=row["monthly_fee_fen"] or None, premium_fen=row["premium_fen"] if insurance else None,
            term_months=row["term_months"], is_renewable=row["is_renewable"], active_from=row["active_from"],
            active_to=row["active_to"], created_by=self.user,
        )
