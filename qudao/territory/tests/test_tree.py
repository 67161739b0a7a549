import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qudao.territory.choices import NodeKind
from qudao.territory.models import TerritoryNode
from qudao.territory.selectors import reach_paths
from qudao.territory.services import node_create, node_move, node_retire

pytestmark = pytest.mark.django_db


def test_move_rewrites_the_subtree_paths(cast):
    node_move(node=cast.area1, new_parent=cast.county2, by=cast.head)
    grid_a = TerritoryNode.objects.get(pk=cast.grid_a.pk)
    county2 = TerritoryNode.objects.get(pk=cast.county2.pk)
    assert grid_a.path.startswith(county2.path + ".")
    assert cast.outlets["OA1"] in type(cast.outlets["OA1"]).objects.filter(grid__path__startswith=county2.path)


def test_move_refuses_cycles_and_wrong_kinds(cast):
    with pytest.raises(ValidationError):
        node_move(node=cast.county1, new_parent=cast.area1, by=cast.head)
    with pytest.raises(ValidationError):
        node_move(node=cast.grid_a, new_parent=cast.county2, by=cast.head)  # a grid sits under an area


def test_retire_refuses_nodes_with_open_outlets_and_active_children(cast):
    with pytest.raises(ValidationError):
        node_retire(node=cast.grid_a, by=cast.head)
    with pytest.raises(ValidationError):
        node_retire(node=cast.area1, by=cast.head)
    empty = node_create(code="GX", name="Empty", kind=NodeKind.GRID, parent=cast.area2, by=cast.head)
    assert not node_retire(node=empty, by=cast.head).is_active


def test_only_org_admins_change_the_tree_within_their_reach(cast):
    with pytest.raises(PermissionDenied):
        node_create(code="GY", name="Y", kind=NodeKind.GRID, parent=cast.area1, by=cast.supervisor)
    with pytest.raises(PermissionDenied):
        node_create(code="GZ", name="Z", kind=NodeKind.GRID, parent=cast.area1, by=cast.analyst)


def test_reach_is_the_minimal_union_of_assigned_subtrees(cast):
    from qudao.territory.services import staff_assign

    staff_assign(user=cast.manager_a, node=cast.county1, by=cast.head)
    fresh = type(cast.manager_a).objects.get(pk=cast.manager_a.pk)
    assert reach_paths(fresh) == (cast.county1.path,)
