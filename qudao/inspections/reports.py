"""The monthly assessment of authorised channels (授权渠道月度考核), reported to the branch:
outlets assessed, their scores and failed items, for one month and the reader's reach."""

import datetime as dt

from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.channels.choices import ChannelType, OutletStatus
from qudao.channels.selectors import outlets_visible_to

from .models import InspectionResult
from .selectors import monthly_assessments
from .weeks import FIELD_ZONE, month_bounds

TOP_FAILED_ITEMS = 5


def assessments(user, month: dt.date):
    start, end = month_bounds(month)
    return monthly_assessments(user, start, end).order_by("outlet__code", "checked_in_at")


def failed_items_by_inspection(inspection_ids) -> dict[int, list[str]]:
    failed: dict[int, list[str]] = {}
    rows = (InspectionResult.objects.filter(inspection_id__in=inspection_ids, passed=False)
            .order_by("inspection_id", "item__order").values_list("inspection_id", "item__text"))
    for inspection_id, text in rows:
        failed.setdefault(inspection_id, []).append(text)
    return failed


def summary(user, month: dt.date) -> dict:
    """Coverage, average score and the items failed most often: three aggregate queries."""
    rows = assessments(user, month)
    totals = rows.aggregate(assessed=Count("outlet", distinct=True), average=Avg("score"))
    authorised = outlets_visible_to(user).filter(
        outlet_type=ChannelType.AUTHORISED, status__in=[OutletStatus.ACTIVE, OutletStatus.SUSPENDED]
    ).count()
    top = (InspectionResult.objects.filter(inspection__in=rows.values("pk"), passed=False)
           .values("item__text").annotate(n=Count("pk")).order_by("-n", "item__text")[:TOP_FAILED_ITEMS])
    return {**totals, "authorised": authorised, "top_failed": list(top)}


def export_rows(user, month: dt.date) -> tuple[list[str], list[list]]:
    headers = [_("outlet code"), _("outlet name"), _("grid"), _("agent"), _("inspector"), _("date"), _("score"),
               _("passed"), _("failed items")]
    inspections = list(assessments(user, month))
    failed = failed_items_by_inspection([i.pk for i in inspections])
    rows = [[
        i.outlet.code, i.outlet.name, i.outlet.grid.name, i.agent.name, str(i.inspector),
        timezone.localtime(i.checked_in_at, FIELD_ZONE).strftime("%Y-%m-%d"), i.score,
        _("yes") if i.passed else _("no"), "；".join(failed.get(i.pk, [])),
    ] for i in inspections]
    return headers, rows
