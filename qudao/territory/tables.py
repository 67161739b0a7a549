import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from qudao.accounts.models import User

from .models import StaffAssignment, TerritoryNode


class TerritoryNodeTable(tables.Table):
    name = tables.Column(linkify=True, order_by=("path",))
    parent = tables.Column(verbose_name=_("parent"), accessor="parent__name", orderable=False)

    class Meta:
        model = TerritoryNode
        fields = ("code", "name", "kind", "parent", "is_active")
        order_by = ("path",)

    def render_name(self, record, value):
        return format_html('<span class="tree-indent-{}">{}</span>', min(record.depth, 4), value)


class StaffAssignmentTable(tables.Table):
    user = tables.Column(linkify=("territory:user_detail", {"pk": tables.A("user_id")}))
    role = tables.Column(verbose_name=_("role"), accessor="user__get_role_display", orderable=False)
    node = tables.Column(linkify=True)

    class Meta:
        model = StaffAssignment
        fields = ("user", "role", "node")


class UserTable(tables.Table):
    username = tables.Column(linkify=("territory:user_detail", {"pk": tables.A("pk")}))

    class Meta:
        model = User
        fields = ("username", "display_name", "role", "phone", "reports_to")
