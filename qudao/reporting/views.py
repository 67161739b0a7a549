"""Dashboard pages and the Excel exports. Views only translate: the figures come from dashboards.py."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from qudao.core.exporting import XLSX
from qudao.ui.views.generic import ScopedListView

from .dashboards import build_dashboard, build_series
from .exports import monthly_pack, statistics_workbook, workbook_name
from .filtersets import NodeProgressFilterSet
from .forms import PeriodForm, StatisticsForm
from .links import node_url, period_query, records_url
from .periods import Period
from .progress_list import progress_nodes_visible_to
from .subjects import NODE, landing_subject, node_subject
from .tables import NodeProgressTable

CHILDREN_PER_PAGE = 50


class DashboardMixin(LoginRequiredMixin):
    template_name = "reporting/dashboard.html"

    def subject(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PeriodForm(self.request.GET or None)
        kind, as_of, category = form.values()
        period = Period.containing(kind, as_of)
        subject = self.subject()
        context.update(form=form, period=period, subject=subject, title=_("Progress"))
        if subject is None:
            return context
        dashboard = build_dashboard(subject, period, category)
        page = Paginator(self._rows(dashboard, period, category), CHILDREN_PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(
            dashboard=dashboard, page=page, title=subject.title,
            rankings=[
                (_("Ahead: best attainment"), self._links(dashboard.top, subject, period, category), "top-list"),
                (_("Behind: lowest attainment"), self._links(dashboard.bottom, subject, period, category), "bottom-list"),
            ],
            series=build_series(subject, period, category),
            crumbs=[(n.name, node_url(n.pk, period, category)) for n in subject.ancestors],
            records_link=records_url(period, **subject.records_filter) if subject.records_filter else None,
            query=period_query(period, category),
        )
        return context

    def _rows(self, dashboard, period, category):
        return self._links(dashboard.rows, dashboard.subject, period, category)

    @staticmethod
    def _links(rows, subject, period, category):
        if subject.child_kind == NODE:
            return [(row, node_url(row.pk, period, category)) for row in rows]
        return [(row, records_url(period, outlet=row.code)) for row in rows]


class DashboardView(DashboardMixin, TemplateView):
    """Where everyone lands: their grid(s), county or company; an agent user's own agent."""

    def subject(self):
        return landing_subject(self.request.user)


class NodeDashboardView(DashboardMixin, TemplateView):
    def subject(self):
        return node_subject(self.request.user, self.kwargs["pk"])


class NodeProgressListView(ScopedListView):
    """Every node within reach with its progress for the chosen period, sortable."""

    scope = staticmethod(progress_nodes_visible_to)
    filterset_class = NodeProgressFilterSet
    table_class = NodeProgressTable
    template_name = "reporting/node_list.html"
    title = _("Progress by node")

    def get_queryset(self):
        kind, as_of, category = PeriodForm(self.request.GET or None).values()
        self.period, self.category = Period.containing(kind, as_of), category
        return progress_nodes_visible_to(self.request.user)

    def get_table_kwargs(self):
        return {"period": self.period, "category": self.category, "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["period_form"] = PeriodForm(self.request.GET or None)
        context["period"] = self.period
        return context


class NodeExportView(LoginRequiredMixin, View):
    def get(self, request, pk):
        subject = node_subject(request.user, pk)  # 404 beyond reach
        kind, as_of = StatisticsForm(request.GET or None).values()
        content, name = self.build(subject, kind, as_of)
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class NodeStatisticsView(NodeExportView):
    """Monthly or quarterly statistics of a node with the written summary (DEV-6)."""

    def build(self, subject, kind, as_of):
        period = Period.containing(kind, as_of)
        period = Period(period.kind, period.first, period.last, period.last)
        return statistics_workbook(self.request.user, subject, period), workbook_name("statistics", subject, period)


class NodeMonthlyPackView(NodeExportView):
    """The monthly report pack for the center (DEV-5): one workbook, several sheets."""

    def build(self, subject, kind, as_of):
        period = Period.containing("month", as_of)
        period = Period(period.kind, period.first, period.last, period.last)
        return monthly_pack(self.request.user, subject, period), workbook_name("monthly-pack", subject, period)
