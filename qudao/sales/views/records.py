from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tables2.paginators import LazyPaginator

from qudao.core.money import format_yuan
from qudao.ui.views import ScopedDetailView, ScopedListView

from ..exports import RECORD_EXPORT_CAP, records_xlsx, stream_records_csv
from ..filtersets import RecordFilterSet
from ..permissions import can_import_facts
from ..selectors import records_visible_to, revisions_of, status_changes_of
from ..tables import RecordTable


class RecordListView(ScopedListView):
    """Dashboards link here with `?outlet=<code>&date_from=…&date_to=…`."""

    scope = staticmethod(records_visible_to)
    filterset_class = RecordFilterSet
    table_class = RecordTable
    title = gettext_lazy("Development records")
    actions = ((gettext_lazy("Import"), "sales:batch_create", can_import_facts),)

    # Counting every record in reach on each page would read millions of rows at province scale.
    table_pagination = {"paginator_class": LazyPaginator}
    extra_context = {"lazy_pagination": True}

    def get_queryset(self):
        # Newest first; with LazyPaginator the page never counts every record in reach.
        return super().get_queryset().order_by("-sold_on", "-sold_at", "-id")

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt:
            return self.export(fmt)
        return super().get(request, *args, **kwargs)

    def export(self, fmt: str):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        filterset = self.get_filterset(self.get_filterset_class())
        queryset = filterset.qs if filterset.is_valid() else self.get_queryset().none()
        count = queryset.count()
        if count > RECORD_EXPORT_CAP:
            messages.error(self.request, _(
                "%(count)s records match these filters; an export holds at most %(cap)s. "
                "Narrow the dates or add a filter, then export again."
            ) % {"count": f"{count:,}", "cap": f"{RECORD_EXPORT_CAP:,}"})
            query = self.request.GET.copy()
            query.pop("export", None)
            return redirect(f"{self.request.path}?{query.urlencode()}")
        return stream_records_csv(queryset) if fmt == "csv" else records_xlsx(queryset)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "can_export": True}


class RecordDetailView(ScopedDetailView):
    scope = staticmethod(records_visible_to)
    template_name = "sales/record_detail.html"
    show_history = False
    fields = ("external_id", "sold_at", "outlet", "agent", "grid", "product", "subscriber_no", "staff_code",
              "status", "activated_on", "paid_on", "ended_on", "is_effective", "batch")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.object
        context["summary"].insert(7, (gettext_lazy("fee (yuan)"), format_yuan(record.fee_fen)))
        context.update(status_changes=status_changes_of(record), revisions=revisions_of(record)[:50])
        return context
