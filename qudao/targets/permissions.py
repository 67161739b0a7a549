"""Who may set targets (DEV-4), decided here and enforced by the services.

- Sales director, head of channel management (and superusers): any node or outlet in their reach.
- Channel supervisor: the nodes strictly below the node(s) they are assigned to (areas and grids
  of their county — not the county's own target, which comes from above) and the outlets there.
- Channel manager: the outlets of their grids only (they split their grid's target).
- Everyone else (sales specialist, market department, center analyst, agent users): read only.

Decomposing a node's target sets its children, so it needs the right to set every child: a head
may decompose any node in reach, a supervisor any node from their county down, a manager their
grids. The holiday calendar is company-wide and edited by those who edit the organisation.
"""

from qudao.accounts.choices import Role
from qudao.accounts.permissions import can_admin_org
from qudao.territory.choices import NodeKind
from qudao.territory.selectors import node_in_reach, reach_paths

TOP_ROLES = frozenset({Role.SALES_DIRECTOR, Role.HEAD_OF_CHANNELS})
TARGET_ROLES = TOP_ROLES | {Role.SUPERVISOR, Role.CHANNEL_MANAGER}


def can_manage_targets(user) -> bool:
    """May set some targets somewhere (shows the buttons; the services check each holder)."""
    return bool(user.is_authenticated and (user.is_superuser or user.role in TARGET_ROLES))


def _is_top(user) -> bool:
    return user.is_superuser or user.role in TOP_ROLES


def can_set_node_target(user, node) -> bool:
    if not can_manage_targets(user) or not node_in_reach(user, node):
        return False
    if _is_top(user):
        return True
    if user.role == Role.SUPERVISOR:
        return node.path not in reach_paths(user)  # strictly below an assigned node
    return False


def can_set_outlet_target(user, outlet) -> bool:
    return can_manage_targets(user) and node_in_reach(user, outlet.grid)


def can_set_target(user, *, node=None, outlet=None) -> bool:
    return can_set_node_target(user, node) if node is not None else can_set_outlet_target(user, outlet)


def can_decompose(user, node) -> bool:
    """May set the children of `node` (child nodes, or a grid's outlets)."""
    if not can_manage_targets(user) or not node_in_reach(user, node):
        return False
    if _is_top(user) or user.role == Role.SUPERVISOR:
        return True
    return node.kind == NodeKind.GRID


def can_edit_calendar(user) -> bool:
    return can_admin_org(user)
