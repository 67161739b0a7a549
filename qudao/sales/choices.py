from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BusinessLine(models.TextChoices):
    TELECOM = "telecom", _("Telecom")
    INSURANCE = "insurance", _("Insurance")


class ProductCategory(models.TextChoices):
    MOBILE_PLAN = "mobile_plan", _("Mobile plan")
    BROADBAND = "broadband", _("Broadband")
    CONVERGENCE = "convergence", _("Convergence bundle")
    TERMINAL = "terminal", _("Terminal")
    CARD = "card", _("Card")
    POLICY = "policy", _("Insurance policy")


CATEGORY_LINE = {
    ProductCategory.MOBILE_PLAN: BusinessLine.TELECOM,
    ProductCategory.BROADBAND: BusinessLine.TELECOM,
    ProductCategory.CONVERGENCE: BusinessLine.TELECOM,
    ProductCategory.TERMINAL: BusinessLine.TELECOM,
    ProductCategory.CARD: BusinessLine.TELECOM,
    ProductCategory.POLICY: BusinessLine.INSURANCE,
}


class RecordStatus(models.TextChoices):
    """Later files move a record through these; a record's `status` is its latest one."""

    NEW = "new", _("New")
    ACTIVATED = "activated", _("Activated")
    PAID = "paid", _("First recharge/payment")
    CANCELLED = "cancelled", _("Cancelled")
    CHURNED = "churned", _("Churned")
    ARREARS = "arrears", _("In arrears")


class ImportKind(models.TextChoices):
    RECORDS = "records", _("Development records")
    STATUSES = "statuses", _("Status updates")
    PRODUCTS = "products", _("Products")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    REJECTED = "rejected", pgettext_lazy("import", "Rejected")
    FAILED = "failed", _("Failed")


# How a status file names each status (the stored English value is accepted too).
STATUS_FILE_LABELS = {
    RecordStatus.ACTIVATED: ("激活", "已激活", "开通", "已开通"),
    RecordStatus.PAID: ("首充", "首次充值", "首次缴费", "缴费", "已缴费", "首期保费到账"),
    RecordStatus.CANCELLED: ("撤单", "已撤单", "退单", "撤销"),
    RecordStatus.CHURNED: ("离网", "已离网", "拆机", "退保"),
    RecordStatus.ARREARS: ("欠费", "欠费停机"),
}
# Which status wins when several take effect on the same day (later in this tuple wins).
STATUS_PRECEDENCE = (
    RecordStatus.NEW, RecordStatus.ACTIVATED, RecordStatus.PAID, RecordStatus.ARREARS,
    RecordStatus.CANCELLED, RecordStatus.CHURNED,
)


class ImportStage(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    READING = "reading", _("Reading the file")
    VALIDATING = "validating", _("Checking every row")
    WRITING = "writing", _("Writing to the database")
    COLUMNAR = "columnar", _("Writing the columnar copy")
    DONE = "done", _("Finished")
