from django.db import models
from django.utils.translation import gettext_lazy as _


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
    REJECTED = "rejected", _("Rejected")
    FAILED = "failed", _("Failed")
