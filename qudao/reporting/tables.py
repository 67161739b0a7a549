import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from qudao.core.money import format_yuan
from qudao.territory.models import TerritoryNode

from .dashboards import RECORDS, REVENUE
from .figures import Totals, percent
from .links import node_url
from .progress_list import page_figures
from .targeting import period_targets


def _pct(value) -> str:
    return "—" if value is None else f"{value}%"


class NodeProgressTable(tables.Table):
    """Figures and targets are read for the shown page only (three queries), so they do not sort."""

    code = tables.Column(verbose_name=_("code"))
    records = tables.Column(verbose_name=_("development"), empty_values=(), orderable=False)
    records_target = tables.Column(verbose_name=_("development target"), empty_values=(), orderable=False)
    attainment = tables.Column(verbose_name=_("attainment"), empty_values=(), orderable=False)
    pace = tables.Column(verbose_name=_("vs pro-rated target"), empty_values=(), orderable=False)
    fee_fen = tables.Column(verbose_name=_("revenue (yuan)"), empty_values=(), orderable=False)
    revenue_attainment = tables.Column(verbose_name=_("revenue attainment"), empty_values=(), orderable=False)
    effective_rate = tables.Column(verbose_name=_("effective rate"), empty_values=(), orderable=False)

    class Meta:
        model = TerritoryNode
        fields = ("code", "name", "kind", "records", "records_target", "attainment", "pace", "fee_fen",
                  "revenue_attainment", "effective_rate")
        attrs = {"class": "table table-vcenter card-table", "data-testid": "progress-table"}

    def __init__(self, *args, period, category="", user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.period, self.category, self.user = period, category, user
        self._targets = None
        self._figures = None

    def figures(self, record) -> Totals:
        if self._figures is None:
            ids = [row.record.pk for row in self.paginated_rows]
            self._figures = page_figures(self.user, ids, self.period, self.category)
        return self._figures.get(record.pk, Totals())

    def targets(self):
        if self._targets is None:
            ids = [row.record.pk for row in self.paginated_rows]
            shares: dict = {}
            self._targets = {
                metric: period_targets(self.period, metric, category=self.category, node_ids=ids, shares=shares)
                for metric in (RECORDS, REVENUE)
            }
        return self._targets

    def render_code(self, record, value):
        return format_html('<a href="{}">{}</a>', node_url(record.pk, self.period, self.category), value)

    def render_records_target(self, record):
        target = self.targets()[RECORDS].get(record.pk)
        return "—" if target is None else f"{target.full:,.0f}"

    def render_records(self, record):
        return f"{self.figures(record).records:,}"

    def render_attainment(self, record):
        target = self.targets()[RECORDS].get(record.pk)
        return _pct(percent(self.figures(record).records, target.full) if target else None)

    def render_pace(self, record):
        target = self.targets()[RECORDS].get(record.pk)
        return _pct(percent(self.figures(record).records, target.to_date) if target else None)

    def render_fee_fen(self, record):
        return format_yuan(self.figures(record).fee_fen)

    def render_revenue_attainment(self, record):
        target = self.targets()[REVENUE].get(record.pk)
        return _pct(percent(self.figures(record).fee_fen, target.full) if target else None)

    def render_effective_rate(self, record):
        return _pct(self.figures(record).effective_rate)
