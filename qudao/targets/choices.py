from django.db import models
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    """What a target counts; the names match DailyRollup's columns."""

    RECORDS = "records", _("Development count")
    EFFECTIVE = "effective", _("Effective count")
    REVENUE_FEN = "revenue_fen", _("Revenue")


# The DailyRollup column each metric is measured by.
METRIC_ROLLUP_COLUMN = {
    Metric.RECORDS: "records",
    Metric.EFFECTIVE: "effective",
    Metric.REVENUE_FEN: "fee_fen",
}


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


class TargetChangeKind(models.TextChoices):
    """Why a target changed outside the decomposition page (event rows)."""

    MERGED_IN = "target_merged_in", _("Absorbed outlet's target merged in")
    MERGED_OUT = "target_merged_out", _("Moved to the surviving outlet")
    TRANSFERRED = "target_transferred", _("Outlet transferred to another grid")
