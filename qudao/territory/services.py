"""Writes to the territory tree. Every function is keyword-only, atomic and validated."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.accounts.permissions import can_admin_org
from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event
from qudao.core.history import attribute_change

from .models import PATH_SEPARATOR, StaffAssignment, TerritoryNode, child_path
from .selectors import forget_reach, node_in_reach


def _require_org_admin(by, *nodes: TerritoryNode | None) -> None:
    """`by=None` is the system itself (seed, migrations); people need the role and the nodes in reach."""
    if by is None:
        return
    if not can_admin_org(by):
        raise PermissionDenied(_("Only the head of channel management or the sales director changes the tree."))
    if any(node is not None and not node_in_reach(by, node) for node in nodes):
        raise PermissionDenied(_("This node is outside your reach."))


@transaction.atomic
def node_create(*, code: str, name: str, kind: str, parent: TerritoryNode | None, by) -> TerritoryNode:
    _require_org_admin(by, parent)
    node = TerritoryNode(code=code.strip(), name=name.strip(), kind=kind, parent=parent, created_by=by)
    attribute_change(node, by)
    node.full_clean(exclude=["path"])
    if parent is not None and not parent.is_active:
        raise BusinessRuleError(_("Cannot add a node under a retired node."))
    node.save()
    node.path = _child_path(parent, node.pk)
    TerritoryNode.objects.filter(pk=node.pk).update(path=node.path)
    return node


def _child_path(parent: TerritoryNode | None, pk: int) -> str:
    return child_path(parent.path if parent else None, pk)


@transaction.atomic
def node_update(*, node: TerritoryNode, name: str, by) -> TerritoryNode:
    _require_org_admin(by, node)
    node.name = name.strip()
    attribute_change(node, by)
    node.full_clean(exclude=["path"])
    node.save(update_fields=["name", "updated_at"])
    return node


@transaction.atomic
def node_move(*, node: TerritoryNode, new_parent: TerritoryNode, by) -> TerritoryNode:
    """Re-hangs `node` and its whole subtree under `new_parent` with one UPDATE of the paths."""
    node = TerritoryNode.objects.select_for_update().get(pk=node.pk)
    new_parent = TerritoryNode.objects.get(pk=new_parent.pk)
    _require_org_admin(by, node, new_parent)
    if new_parent.path == node.path or new_parent.path.startswith(node.path + PATH_SEPARATOR):
        raise BusinessRuleError(_("A node cannot move under itself or its own descendants."))
    if not new_parent.is_active:
        raise BusinessRuleError(_("Cannot move a node under a retired node."))
    old_parent = node.parent
    node.parent = new_parent
    node.full_clean(exclude=["path"])
    old_path, new_path = node.path, _child_path(new_parent, node.pk)
    TerritoryNode.objects.filter(path__startswith=old_path + PATH_SEPARATOR).update(
        path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1))
    )
    node.path = new_path
    attribute_change(node, by)
    node.save()
    record_event(
        subject=node, action="move", by=by,
        data={"from_parent": old_parent.code if old_parent else None, "to_parent": new_parent.code},
    )
    return node


@transaction.atomic
def node_retire(*, node: TerritoryNode, by, on=None) -> TerritoryNode:
    from qudao.territory.hooks import blockers_for_retire

    node = TerritoryNode.objects.select_for_update().get(pk=node.pk)
    _require_org_admin(by, node)
    if not node.is_active:
        raise BusinessRuleError(_("This node is already retired."))
    if node.children.filter(is_active=True).exists():
        raise BusinessRuleError(_("Retire or move the active child nodes first."))
    for reason in blockers_for_retire(node):
        raise BusinessRuleError(reason)
    node.is_active = False
    node.retired_on = on or timezone.localdate()
    attribute_change(node, by)
    node.save()
    record_event(subject=node, action="retire", by=by, from_status="active", to_status="retired")
    return node


@transaction.atomic
def staff_assign(*, user, node: TerritoryNode, by) -> StaffAssignment:
    _require_org_admin(by, node)
    assignment, _created = StaffAssignment.objects.get_or_create(user=user, node=node, defaults={"created_by": by})
    forget_reach(user)
    return assignment


@transaction.atomic
def staff_unassign(*, assignment: StaffAssignment, by) -> None:
    _require_org_admin(by, assignment.node)
    assignment.delete()
