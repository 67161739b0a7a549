from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DisputeStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("dispute", "Open")
    ACCEPTED = "accepted", pgettext_lazy("dispute", "Accepted")
    REJECTED = "rejected", pgettext_lazy("dispute", "Rejected")


class Decision(models.TextChoices):
    ACCEPT = "accept", _("Accept: post an adjustment")
    REJECT = "reject", _("Reject: explain why the line stands")
