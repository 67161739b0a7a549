from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ChannelType(models.TextChoices):
    AUTHORISED = "authorised", _("Authorised channel")
    NON_AUTHORISED = "non_authorised", _("Non-authorised channel")
    SIGNED_SOCIAL = "signed_social", _("Signed social channel")
    BRAND_STORE = "brand_store", _("Franchised brand store (Wo store)")
    DISTRIBUTOR = "distributor", _("Distributor")
    RETAILER = "retailer", _("Retailer")


class AgentGrade(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"


class AgentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    TERMINATED = "terminated", _("Terminated")


class OutletStatus(models.TextChoices):
    PLANNED = "planned", _("Applied for")
    ACTIVE = "active", _("Open")
    SUSPENDED = "suspended", _("Suspended")
    MERGED = "merged", _("Merged")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")


class RequestKind(models.TextChoices):
    OPEN = "open", pgettext_lazy("outlet request", "Open")
    SUSPEND = "suspend", _("Suspend")
    RESUME = "resume", _("Resume")
    MERGE = "merge", _("Merge")
    TRANSFER = "transfer", _("Transfer")
    CLOSE = "close", _("Close")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Withdrawn")
