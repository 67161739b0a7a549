import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .decomposition import format_value
from .models import CalendarException, Target


class TargetTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    holder = tables.Column(empty_values=(), verbose_name=_("node or outlet"), orderable=False)
    period = tables.Column(empty_values=(), verbose_name=_("period"), order_by=("period_start",))
    category = tables.Column(empty_values=("",), default=_("All categories"))
    value = tables.Column(verbose_name=_("target"))
    needs_rebalancing = tables.BooleanColumn(verbose_name=_("needs re-balancing"))

    class Meta:
        model = Target
        fields = ("id", "holder", "period", "metric", "category", "value", "needs_rebalancing", "updated_at")
        attrs = {"class": "table table-vcenter card-table", "data-testid": "target-table"}

    def render_holder(self, record):
        return str(record.holder)

    def render_period(self, record):
        return record.period_label

    def render_category(self, record):
        return record.get_category_display()

    def render_value(self, record, value):
        return format_value(record.metric, value)


class CalendarExceptionTable(tables.Table):
    date = tables.Column(linkify=lambda record: record.get_absolute_url())
    weekday = tables.Column(empty_values=(), verbose_name=_("weekday"), orderable=False)

    class Meta:
        model = CalendarException
        fields = ("date", "weekday", "is_workday", "name")
        attrs = {"class": "table table-vcenter card-table", "data-testid": "calendar-table"}

    def render_weekday(self, record):
        from django.utils.dates import WEEKDAYS

        return WEEKDAYS[record.date.weekday()]
