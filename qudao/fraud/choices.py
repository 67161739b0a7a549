from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RuleKind(models.TextChoices):
    SHARED_CUSTOMER = "shared_customer", _("One customer, many subscriptions across outlets")
    BURST = "burst", _("Burst of sales at one outlet")
    ODD_HOURS = "odd_hours", _("Sales at odd hours")
    NO_USAGE = "no_usage", _("No first payment or usage")
    EARLY_CANCEL = "early_cancel", _("Many cancellations soon after sale")


class FlagStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("fraud flag", "Open")
    CLEARED = "cleared", _("Cleared")
    CONFIRMED = "confirmed", _("Confirmed fraud")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RunStage(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    READING = "reading", _("Reading the period's records")
    RULES = "rules", _("Applying the rules")
    WRITING = "writing", _("Writing the flags")
    DONE = "done", _("Finished")


class FactsSource(models.TextChoices):
    PARQUET = "parquet", _("Columnar copy (Parquet)")
    DATABASE = "database", _("Database")
