from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qudao.core.models import TimeStampedModel

from .choices import PARENT_KIND, NodeKind

PATH_SEGMENT_WIDTH = 6
PATH_SEPARATOR = "."


def path_segment(pk: int) -> str:
    return f"{pk:0{PATH_SEGMENT_WIDTH}d}"


def child_path(parent_path: str | None, pk: int) -> str:
    """The materialised path of node `pk` under a parent at `parent_path` (None: a root)."""
    return path_segment(pk) if parent_path is None else parent_path + PATH_SEPARATOR + path_segment(pk)


class TerritoryNode(TimeStampedModel):
    """One node of the territory tree; `path` is the materialised path of pks (`000001.000004`)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=NodeKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=255, unique=True, editable=False, null=True)
    is_active = models.BooleanField(_("active"), default=True)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("territory node")
        verbose_name_plural = _("territory nodes")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(parent__isnull=False) | models.Q(kind=NodeKind.COMPANY),
                name="territory_only_company_is_root",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def get_absolute_url(self) -> str:
        return reverse("territory:node_detail", args=[self.pk])

    @property
    def depth(self) -> int:
        return self.path.count(PATH_SEPARATOR) if self.path else 0

    def clean(self):
        expected = PARENT_KIND.get(self.kind)
        if expected and (self.parent is None or self.parent.kind != expected):
            raise ValidationError(
                {"parent": _("A %(kind)s must sit under a %(parent)s.")
                 % {"kind": self.get_kind_display(), "parent": NodeKind(expected).label}}
            )
        if self.kind == NodeKind.COMPANY and self.parent_id:
            raise ValidationError({"parent": _("A company is the root of the tree.")})


class StaffAssignment(TimeStampedModel):
    """A staff member looks after a node and everything under it (their reach)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="assignments",
    )
    node = models.ForeignKey(
        TerritoryNode, verbose_name=_("territory node"), on_delete=models.PROTECT,
        related_name="assignments",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff assignment")
        verbose_name_plural = _("staff assignments")
        ordering = ["node__path", "user__username"]
        constraints = [models.UniqueConstraint(fields=["user", "node"], name="territory_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.node}"

