from django.db import models
from django.utils.translation import gettext_lazy as _


class NodeKind(models.TextChoices):
    COMPANY = "company", _("Company")
    BRANCH = "branch", _("Branch")
    COUNTY = "county", _("City/county company")
    AREA = "area", _("Area team")
    GRID = "grid", _("Grid")


# The kind a node's parent must have.
PARENT_KIND = {
    NodeKind.BRANCH: NodeKind.COMPANY,
    NodeKind.COUNTY: NodeKind.BRANCH,
    NodeKind.AREA: NodeKind.COUNTY,
    NodeKind.GRID: NodeKind.AREA,
}
