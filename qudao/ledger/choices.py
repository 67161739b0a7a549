from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EntryKind(models.TextChoices):
    COMMISSION = "commission", _("Commission")
    CLAWBACK = "clawback", _("Clawback")
    PENALTY = "penalty", pgettext_lazy("ledger", "Penalty")
    ADJUSTMENT = "adjustment", _("Adjustment")
    PAYMENT = "payment", _("Payment")


# The sign each kind must carry (credit to the agent is positive); None: either sign.
KIND_SIGN = {
    EntryKind.COMMISSION: 1,
    EntryKind.CLAWBACK: -1,
    EntryKind.PENALTY: -1,
    EntryKind.ADJUSTMENT: None,
    EntryKind.PAYMENT: -1,
}


class PenaltyStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    POSTED = "posted", _("Posted to the ledger")
    REJECTED = "rejected", _("Rejected")
