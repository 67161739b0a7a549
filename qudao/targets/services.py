"""Writes to targets and the holiday calendar. Keyword-only, atomic; role and reach checked here.

Consistency rules (see docs/apps/targets.md):
- `target_decompose` sets all the children of a node target at once and refuses any split that
  does not add up to the parent exactly, naming the difference.
- `target_create` / `target_update` change one target. When the holder's parent target is already
  decomposed, the change must keep the parent's children adding up (otherwise it is refused and
  the user is sent to the parent's decomposition page). When the changed target's own children
  no longer add up to it, it is flagged `needs_rebalancing` (a banner on its pages).
"""

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event
from qudao.core.history import attribute_change

from .choices import Metric, PeriodKind
from .decomposition import (
    Group,
    child_slots,
    children_sums,
    is_consistent,
    mismatch_message,
    parent_of,
)
from .models import CalendarException, Target
from .periods import period_bounds
from .permissions import can_decompose, can_edit_calendar, can_set_target


def _require_setter(by, *, node=None, outlet=None) -> None:
    if not can_set_target(by, node=node, outlet=outlet):
        raise PermissionDenied(_("You may not set targets for %(holder)s.") % {"holder": node or outlet})


def _check_value(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BusinessRuleError(_("A target is a whole number (revenue in fen)."))
    if value < 0:
        raise BusinessRuleError(_("A target cannot be negative."))
    return value


def _check_parent_still_adds_up(group: Group, *, node, outlet, holder_target_pk, new_value: int) -> None:
    parent = parent_of(node=node, outlet=outlet)
    if parent is None:
        return
    parent_target = group.targets().filter(node=parent).first()
    if parent_target is None:
        return
    siblings = group.targets().filter(**({"node__parent": parent} if node is not None else {"outlet__grid": parent}))
    if holder_target_pk:
        siblings = siblings.exclude(pk=holder_target_pk)
    total = (siblings.aggregate(total=Sum("value"))["total"] or 0) + new_value
    if total != parent_target.value:
        raise BusinessRuleError(
            mismatch_message(parent_label=str(parent), metric=group.metric, parent_value=parent_target.value, total=total)
            + " " + _("Change it on the decomposition page of %(parent)s.") % {"parent": parent}
        )
    if parent_target.needs_rebalancing:
        Target.objects.filter(pk=parent_target.pk).update(needs_rebalancing=False)


def refresh_rebalancing_flags(targets) -> None:
    """Sets `needs_rebalancing` on node targets whose children do not add up to them (and clears it
    on those that do). Two queries per group."""
    by_group: dict[Group, list[Target]] = {}
    for target in targets:
        if target.node_id:
            by_group.setdefault(Group.of(target), []).append(target)
    for group, members in by_group.items():
        sums = children_sums(group, [t.node for t in members])
        flagged = [t.pk for t in members if not is_consistent(t.value, sums.get(t.node_id))]
        Target.objects.filter(pk__in=[t.pk for t in members]).exclude(pk__in=flagged).update(needs_rebalancing=False)
        Target.objects.filter(pk__in=flagged).update(needs_rebalancing=True)


@transaction.atomic
def target_create(
    *, period_kind: str, period_start: date, metric: str, value: int, by, category: str = "",
    node=None, outlet=None,
) -> Target:
    if (node is None) == (outlet is None):
        raise BusinessRuleError(_("A target belongs to a territory node or to an outlet."))
    _require_setter(by, node=node, outlet=outlet)
    first, _last = period_bounds(PeriodKind(period_kind), period_start)
    target = Target(period_kind=period_kind, period_start=first, metric=Metric(metric), category=category or "",
                    node=node, outlet=outlet, value=_check_value(value), created_by=by)
    target.full_clean()
    group = Group.of(target)
    _check_parent_still_adds_up(group, node=node, outlet=outlet, holder_target_pk=None, new_value=target.value)
    attribute_change(target, by)
    target.save()
    refresh_rebalancing_flags([target])
    return target


@transaction.atomic
def target_update(*, target: Target, value: int, by) -> Target:
    target = Target.objects.select_for_update(of=("self",)).select_related("node", "outlet__grid").get(pk=target.pk)
    _require_setter(by, node=target.node, outlet=target.outlet)
    value = _check_value(value)
    if value == target.value:
        return target
    _check_parent_still_adds_up(Group.of(target), node=target.node, outlet=target.outlet,
                                holder_target_pk=target.pk, new_value=value)
    target.value = value
    attribute_change(target, by)
    target.save()
    refresh_rebalancing_flags([target])
    return target


@transaction.atomic
def target_decompose(*, target: Target, values: Mapping[tuple[str, int], int], by) -> list[Target]:
    """Sets the children of a node target in one go (all or nothing). `values` maps
    ("node"|"outlet", pk) to the child's value; children left out keep their current value
    (none: 0). The children must then add up to the target exactly."""
    target = Target.objects.select_for_update(of=("self",)).select_related("node").get(pk=target.pk)
    if target.node is None:
        raise BusinessRuleError(_("An outlet's target has no children to decompose into."))
    if not can_decompose(by, target.node):
        raise PermissionDenied(_("You may not decompose the target of %(node)s.") % {"node": target.node})
    slots = {slot.key: slot for slot in child_slots(target)}
    unknown = set(values) - set(slots)
    if unknown:
        raise BusinessRuleError(_("These are not children of %(node)s: %(keys)s")
                                % {"node": target.node, "keys": ", ".join(f"{k}#{pk}" for k, pk in sorted(unknown))})
    final = {key: _check_value(values[key]) if key in values else (slot.value or 0) for key, slot in slots.items()}
    total = sum(final.values())
    if total != target.value:
        raise BusinessRuleError(mismatch_message(parent_label=str(target.node), metric=target.metric,
                                                 parent_value=target.value, total=total), code="does_not_add_up")
    changed = _write_children(target, slots, final, by)
    if target.needs_rebalancing:
        Target.objects.filter(pk=target.pk).update(needs_rebalancing=False)
        target.needs_rebalancing = False
    refresh_rebalancing_flags([t for t in changed if t.node_id])
    record_event(subject=target, action="decompose", by=by,
                 data={"children": len(slots), "changed": len(changed), "total": total})
    return [slot.target for slot in slots.values() if slot.target is not None]


def _write_children(parent: Target, slots, final: Mapping, by) -> list[Target]:
    to_update, to_create = [], []
    for key, slot in slots.items():
        value = final[key]
        if slot.target is not None:
            if slot.target.value != value:
                slot.target.value, slot.target.updated_at = value, timezone.now()
                to_update.append(slot.target)
        elif value > 0:
            slot.target = Target(
                period_kind=parent.period_kind, period_start=parent.period_start, metric=parent.metric,
                category=parent.category, value=value, created_by=by,
                **{slot.kind: slot.holder},
            )
            to_create.append(slot.target)
    if to_update:
        bulk_update_with_history(to_update, Target, ["value", "updated_at"], default_user=by,
                                 default_change_reason="decompose")
    if to_create:
        created = bulk_create_with_history(to_create, Target, default_user=by, default_change_reason="decompose")
        _attach_created_pks(slots, created)
    return to_update + [slot.target for slot in slots.values() if slot.target in to_create]


def _attach_created_pks(slots, created: list[Target]) -> None:
    """bulk_create_with_history hands back the saved rows; give their pks to the slots' objects."""
    by_holder = {(t.node_id, t.outlet_id): t.pk for t in created}
    for slot in slots.values():
        if slot.target is not None and slot.target.pk is None:
            slot.target.pk = by_holder.get((slot.target.node_id, slot.target.outlet_id))


# --- calendar ------------------------------------------------------------------------------

def _require_calendar_editor(by) -> None:
    if not can_edit_calendar(by):
        raise PermissionDenied(_("Only the head of channel management or the sales director edits the calendar."))


@transaction.atomic
def calendar_day_save(*, day: date, is_workday: bool, name: str, by, exception: CalendarException | None = None
                      ) -> CalendarException:
    """Creates the exception for `day` or changes `exception` (one row per date)."""
    _require_calendar_editor(by)
    row = exception or CalendarException(created_by=by)
    row.date, row.is_workday, row.name = day, bool(is_workday), name.strip()
    if CalendarException.objects.filter(date=day).exclude(pk=row.pk).exists():
        raise BusinessRuleError(_("%(date)s is already in the calendar; edit that entry instead.")
                                % {"date": day.isoformat()})
    attribute_change(row, by)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def calendar_day_delete(*, exception: CalendarException, by) -> None:
    _require_calendar_editor(by)
    attribute_change(exception, by)
    exception.delete()
