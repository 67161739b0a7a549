from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from qudao.core.exporting import export_response

from ..reports import assessments, export_rows, failed_items_by_inspection, summary
from ..weeks import local_date, parse_month

ROWS_PER_PAGE = 50


class MonthlyReportView(LoginRequiredMixin, View):
    """One month's assessments of authorised channels in the reader's reach, with an Excel export."""

    def get(self, request):
        if request.user.is_agent_user:
            raise PermissionDenied
        month = parse_month(request.GET.get("month"), local_date())
        if request.GET.get("export") == "xlsx":
            headers, rows = export_rows(request.user, month)
            return export_response(headers, rows, "xlsx", f"monthly-assessment-{month:%Y-%m}")
        page = Paginator(assessments(request.user, month), ROWS_PER_PAGE).get_page(request.GET.get("page"))
        failed = failed_items_by_inspection([i.pk for i in page])
        for inspection in page:
            inspection.failed_list = failed.get(inspection.pk, [])
        return render(request, "inspections/monthly_report.html", {
            "title": _("Monthly assessment of authorised channels"), "month": month, "page": page,
            "summary": summary(request.user, month),
        })
