"""Targets follow outlets through merge and transfer (registered with channels.hooks in apps.ready).

Only the targets of the current and future periods move (a period whose last day is on or after
the effective date); the past stays as it was set.

- Merge: the absorbed outlet's targets are added to the surviving outlet's (created when it has
  none) and the absorbed rows are deleted (history keeps them); an event on each surviving target
  and one on the absorbed outlet record the move.
- Transfer to another grid: the outlet keeps its own targets. To keep parents adding up, the
  amount moves along the tree: it is taken off the old grid's target and each ancestor's up to
  (not including) the lowest common ancestor, and added on the new side likewise. A level
  without a target stops the walk on that side. Whatever still does not add up afterwards (no
  target to move the amount to, or it would go negative) is flagged `needs_rebalancing`, which
  shows a banner on the decomposition page until someone saves a consistent split.
"""

from datetime import date

from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from qudao.channels.choices import RequestKind
from qudao.channels.models import OutletAssignment
from qudao.core.events import record_event
from qudao.core.history import attribute_change
from qudao.territory.models import TerritoryNode

from .choices import PeriodKind, TargetChangeKind
from .decomposition import Group
from .models import Target
from .periods import period_bounds, period_label
from .services import refresh_rebalancing_flags


def follow_outlet_change(*, kind, outlet, request, by) -> None:
    if kind == RequestKind.MERGE and request.target_outlet_id:
        move_targets_on_merge(absorbed=outlet, survivor=request.target_outlet, on=request.effective_date, by=by)
    elif kind == RequestKind.TRANSFER and request.new_grid_id:
        old = OutletAssignment.objects.filter(outlet=outlet, valid_to=request.effective_date).select_related("grid").first()
        if old is not None and old.grid_id != request.new_grid_id:
            shift_targets_on_transfer(outlet=outlet, old_grid=old.grid, new_grid=request.new_grid,
                                      on=request.effective_date, by=by)


def current_and_future(on: date) -> Q:
    month_first, _ = period_bounds(PeriodKind.MONTH, on)
    quarter_first, _ = period_bounds(PeriodKind.QUARTER, on)
    return (Q(period_kind=PeriodKind.MONTH, period_start__gte=month_first)
            | Q(period_kind=PeriodKind.QUARTER, period_start__gte=quarter_first))


def move_targets_on_merge(*, absorbed, survivor, on: date, by) -> None:
    moving = list(Target.objects.filter(current_and_future(on), outlet=absorbed))
    if not moving:
        return
    survivors = {Group.of(t): t for t in Target.objects.filter(current_and_future(on), outlet=survivor)}
    to_create, touched = [], []
    for target in moving:
        group, kept = Group.of(target), survivors.get(Group.of(target))
        if kept is None:
            kept = Target(**group.lookup(), outlet=survivor, value=target.value, created_by=by)
            to_create.append(kept)
        else:
            kept.value += target.value
            attribute_change(kept, by)
            kept.save(update_fields=["value", "updated_at"])
        touched.append((kept, target))
    if to_create:
        created = {Group.of(t): t for t in bulk_create_with_history(to_create, Target, default_user=by,
                                                                       default_change_reason="merge")}
        touched = [(created.get(Group.of(kept), kept) if kept.pk is None else kept, target) for kept, target in touched]
    for kept, target in touched:
        record_event(subject=kept, action=TargetChangeKind.MERGED_IN, by=by, data={
            "from_outlet": absorbed.code, "value": target.value, "period": period_label(target.period_kind, target.period_start),
            "effective_date": on.isoformat()})
    record_event(subject=absorbed, action=TargetChangeKind.MERGED_OUT, by=by, data={
        "into": survivor.code, "targets": len(moving), "effective_date": on.isoformat()})
    for target in moving:
        attribute_change(target, by)
        target.delete()
    if absorbed.grid_id != survivor.grid_id:
        for target in moving:
            _shift(Group.of(target), target.value, absorbed.grid, survivor.grid, outlet=absorbed, by=by)


def shift_targets_on_transfer(*, outlet, old_grid, new_grid, on: date, by) -> None:
    for target in Target.objects.filter(current_and_future(on), outlet=outlet):
        _shift(Group.of(target), target.value, old_grid, new_grid, outlet=outlet, by=by)


def _lineage(node: TerritoryNode) -> list[TerritoryNode]:
    """The node and its ancestors, nearest first (one query, by path)."""
    pks = [int(part) for part in node.path.split(".")]
    by_pk = TerritoryNode.objects.in_bulk(pks)
    return [by_pk[pk] for pk in reversed(pks) if pk in by_pk]


def _shift(group: Group, amount: int, old_grid, new_grid, *, outlet, by) -> None:
    old_line, new_line = _lineage(old_grid), _lineage(new_grid)
    common = next(node for node in old_line if node.pk in {n.pk for n in new_line})
    old_side = old_line[: [n.pk for n in old_line].index(common.pk)]
    new_side = new_line[: [n.pk for n in new_line].index(common.pk)]
    targets = {t.node_id: t for t in group.targets().filter(node__in=[*old_side, *new_side, common])}
    if amount:
        data = {"outlet": outlet.code, "amount": amount, "from_grid": old_grid.code, "to_grid": new_grid.code}
        _walk(old_side, targets, -amount, by, data)
        _walk(new_side, targets, amount, by, data)
    refresh_rebalancing_flags(targets.values())


def _walk(side: list[TerritoryNode], targets: dict, delta: int, by, data: dict) -> None:
    for node in side:
        target = targets.get(node.pk)
        if target is None or target.value + delta < 0:
            return
        target.value += delta
        attribute_change(target, by)
        target._change_reason = "outlet transfer"
        target.save(update_fields=["value", "updated_at"])
        record_event(subject=target, action=TargetChangeKind.TRANSFERRED, by=by, data={**data, "delta": delta})
