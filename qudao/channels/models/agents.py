from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qudao.core.masking import mask_tail
from qudao.core.models import TimeStampedModel
from qudao.core.validators import validate_uscc

from ..choices import AgentGrade, AgentStatus, ChannelType


class Agent(TimeStampedModel):
    """An external agent (代理商): the legal entity that runs outlets for the company."""

    code = models.CharField(_("agent code"), max_length=32, unique=True)
    name = models.CharField(_("legal name"), max_length=120)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    channel_type = models.CharField(_("channel type"), max_length=20, choices=ChannelType.choices)
    territory = models.ForeignKey(
        "territory.TerritoryNode", verbose_name=_("registered at"), on_delete=models.PROTECT,
        related_name="agents",
    )
    legal_representative = models.CharField(_("legal representative"), max_length=60, blank=True)
    legal_rep_id_number = models.CharField(_("representative ID number"), max_length=18, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    contract_no = models.CharField(_("contract number"), max_length=40, blank=True)
    contract_start = models.DateField(_("contract start"), null=True, blank=True)
    contract_end = models.DateField(_("contract end"), null=True, blank=True)
    deposit_fen = models.BigIntegerField(_("deposit (fen)"), default=0)
    bank_name = models.CharField(_("bank"), max_length=80, blank=True)
    bank_account = models.CharField(_("bank account"), max_length=32, blank=True)
    grade = models.CharField(_("grade"), max_length=1, choices=AgentGrade.choices, default=AgentGrade.C)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("manager in charge"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="managed_agents",
    )
    status = models.CharField(_("status"), max_length=16, choices=AgentStatus.choices, default=AgentStatus.ACTIVE)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agent")
        verbose_name_plural = _("agents")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(deposit_fen__gte=0), name="agent_deposit_not_negative"),
            models.CheckConstraint(
                condition=models.Q(contract_end__isnull=True)
                | models.Q(contract_start__isnull=True)
                | models.Q(contract_end__gte=models.F("contract_start")),
                name="agent_contract_dates_ordered",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("channels:agent_detail", args=[self.pk])

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    @property
    def bank_account_masked(self) -> str:
        return mask_tail(self.bank_account)

    @property
    def legal_rep_id_masked(self) -> str:
        return mask_tail(self.legal_rep_id_number)

    def clean(self):
        if self.credit_code:
            self.credit_code = self.credit_code.strip().upper()
        if self.contract_start and self.contract_end and self.contract_end < self.contract_start:
            raise ValidationError({"contract_end": _("The contract cannot end before it starts.")})
        if self.bank_account and not self.bank_account.replace(" ", "").isdigit():
            raise ValidationError({"bank_account": _("A bank account number has digits only.")})


class AgentUser(models.Model):
    """Links an external login to the agent it works for; `is_head` is the agent's head (负责人)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="agent_link"
    )
    agent = models.ForeignKey(Agent, verbose_name=_("agent"), on_delete=models.CASCADE, related_name="users")
    is_head = models.BooleanField(_("head of agent"), default=False)

    class Meta:
        verbose_name = _("agent user")
        verbose_name_plural = _("agent users")

    def __str__(self) -> str:
        return f"{self.user} @ {self.agent}"
