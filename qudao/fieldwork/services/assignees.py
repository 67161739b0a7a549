"""Who calls back an outlet's users: the channel manager assigned to its grid, else the nearest
supervisor above the grid."""

from qudao.accounts.choices import Role
from qudao.territory.models import StaffAssignment, TerritoryNode
from qudao.territory.selectors import ancestor_paths


def responsible_for(grid_ids) -> dict[int, int | None]:
    """{grid id: user id or None}, from two queries however many grids."""
    grids = dict(TerritoryNode.objects.filter(pk__in=list(grid_ids)).values_list("pk", "path"))
    managers: dict[int, int] = {}
    rows = (StaffAssignment.objects.filter(node_id__in=list(grids), user__role=Role.CHANNEL_MANAGER,
                                           user__is_active=True)
            .order_by("node_id", "user__username").values_list("node_id", "user_id"))
    for node_id, user_id in rows:
        managers.setdefault(node_id, user_id)
    above = {a for path in grids.values() if path for a in ancestor_paths(path)}
    supervisors: dict[str, int] = {}
    rows = (StaffAssignment.objects.filter(node__path__in=above, user__role=Role.SUPERVISOR, user__is_active=True)
            .order_by("node__path", "user__username").values_list("node__path", "user_id"))
    for path, user_id in rows:
        supervisors.setdefault(path, user_id)
    result = {}
    for grid_id, path in grids.items():
        if grid_id in managers:
            result[grid_id] = managers[grid_id]
            continue
        nearest = [supervisors[a] for a in reversed(ancestor_paths(path or "")) if a in supervisors]
        result[grid_id] = nearest[0] if nearest else None
    return result
