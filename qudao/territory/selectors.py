"""Reach: which territory a user may see. Every scoping function in the product builds on these."""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from .choices import NodeKind
from .models import PATH_SEPARATOR, StaffAssignment, TerritoryNode

_CACHE_ATTR = "_qudao_reach_paths"


def reach_paths(user) -> tuple[str, ...]:
    """Materialised paths of the nodes the user is assigned to, minimal (no path under another).

    Computed once per user object (one query per request). Superusers reach the whole tree;
    agent users and unassigned people reach no territory.
    """
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        paths: tuple[str, ...] = ()
    elif user.is_superuser:
        paths = tuple(
            TerritoryNode.objects.filter(parent__isnull=True).values_list("path", flat=True)
        )
    else:
        assigned = sorted(
            user.assignments.values_list("node__path", flat=True)
        )
        minimal: list[str] = []
        for path in assigned:
            if not any(is_under(path, kept) for kept in minimal):
                minimal.append(path)
        paths = tuple(minimal)
    setattr(user, _CACHE_ATTR, paths)
    return paths


def forget_reach(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_under(path: str, ancestor: str) -> bool:
    return path == ancestor or path.startswith(ancestor + PATH_SEPARATOR)


def path_q(paths, field: str = "path") -> Q:
    """Q matching rows whose `field` (a node path) lies within any of `paths`; matches nothing if empty."""
    if not paths:
        return Q(pk__in=[])
    return reduce(
        or_,
        (Q(**{field: p}) | Q(**{f"{field}__startswith": p + PATH_SEPARATOR}) for p in paths),
    )


def nodes_visible_to(user) -> QuerySet[TerritoryNode]:
    """The scoping function for territory nodes: the user's subtrees and the ancestors leading to them."""
    paths = reach_paths(user)
    ancestors = {anc for p in paths for anc in ancestor_paths(p)}
    return TerritoryNode.objects.filter(path_q(paths) | Q(path__in=ancestors)).select_related("parent")


def ancestor_paths(path: str) -> list[str]:
    parts = path.split(PATH_SEPARATOR)
    return [PATH_SEPARATOR.join(parts[:i]) for i in range(1, len(parts))]


def nodes_within_reach(user) -> QuerySet[TerritoryNode]:
    """Only the nodes under the user's assignments (what they may act on, not just see)."""
    return TerritoryNode.objects.filter(path_q(reach_paths(user)))


def grids_within_reach(user) -> QuerySet[TerritoryNode]:
    return nodes_within_reach(user).filter(kind=NodeKind.GRID, is_active=True)


def node_in_reach(user, node: TerritoryNode) -> bool:
    return any(is_under(node.path, p) for p in reach_paths(user))


def staff_assignments_visible_to(user):
    return StaffAssignment.objects.filter(path_q(reach_paths(user), "node__path")).select_related("user", "node")


def users_visible_to(user):
    """Staff directory scope: people assigned within the user's reach, plus the user themself."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if not user.is_authenticated:
        return User.objects.none()
    if user.is_agent_user:
        return User.objects.filter(pk=user.pk)
    in_reach = StaffAssignment.objects.filter(path_q(reach_paths(user), "node__path")).values("user_id")
    return User.objects.filter(Q(pk__in=in_reach) | Q(pk=user.pk))

