"""Business verbs on agents and outlets. Keyword-only, atomic, validated; views and the API call these."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.accounts.permissions import can_approve, can_write_master_data
from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event, transition
from qudao.core.history import attribute_change
from qudao.territory.choices import NodeKind
from qudao.territory.models import TerritoryNode
from qudao.territory.selectors import node_in_reach

from . import hooks
from .choices import AgentStatus, OutletStatus, RequestKind, RequestStatus
from .models import Agent, Outlet, OutletAssignment, OutletRequest
from .selectors import agents_visible_to

AGENT_WRITABLE_FIELDS = (
    "name", "credit_code", "channel_type", "legal_representative", "legal_rep_id_number",
    "contact_name", "contact_phone", "address", "contract_no", "contract_start", "contract_end",
    "deposit_fen", "bank_name", "bank_account", "grade", "manager",
)
OUTLET_WRITABLE_FIELDS = ("name", "address", "latitude", "longitude", "outlet_type")


def _require_writer(user) -> None:
    if not can_write_master_data(user):
        raise PermissionDenied(_("Your role may read but not change this."))


def _require_grid_in_reach(user, grid: TerritoryNode) -> None:
    if grid.kind != NodeKind.GRID or not grid.is_active:
        raise BusinessRuleError(_("Outlets belong to an active grid."))
    if not node_in_reach(user, grid):
        raise PermissionDenied(_("This grid is outside your reach."))


def _require_agent_usable(user, agent: Agent) -> None:
    """An outlet may be given only to an active agent the user can see."""
    if not agents_visible_to(user).filter(pk=agent.pk).exists():
        raise PermissionDenied(_("This agent is outside your reach."))
    if agent.status != AgentStatus.ACTIVE:
        raise BusinessRuleError(_("An outlet can only be given to an active agent."))


def _apply(instance, data: Mapping[str, Any], allowed: tuple[str, ...], by) -> None:
    attribute_change(instance, by)
    for field, value in data.items():
        if field in allowed:
            setattr(instance, field, value)


@transaction.atomic
def agent_create(*, code: str, territory: TerritoryNode, data: Mapping[str, Any], by) -> Agent:
    _require_writer(by)
    if not node_in_reach(by, territory):
        raise PermissionDenied(_("This territory is outside your reach."))
    agent = Agent(code=code.strip(), territory=territory, created_by=by)
    _apply(agent, data, AGENT_WRITABLE_FIELDS, by)
    agent.full_clean()
    agent.save()
    return agent


@transaction.atomic
def agent_update(*, agent: Agent, data: Mapping[str, Any], by) -> Agent:
    """Only agents registered within the user's reach; those merely running an outlet there are read-only."""
    _require_writer(by)
    if not node_in_reach(by, agent.territory):
        raise PermissionDenied(_("This agent is registered outside your reach; its own managers change it."))
    _apply(agent, data, AGENT_WRITABLE_FIELDS, by)
    agent.full_clean()
    agent.save()
    return agent


@transaction.atomic
def outlet_update(*, outlet: Outlet, data: Mapping[str, Any], by) -> Outlet:
    """Descriptive fields only; agent, grid and status change through lifecycle requests."""
    _require_writer(by)
    if not node_in_reach(by, outlet.grid):
        raise PermissionDenied(_("This outlet is outside your reach."))
    _apply(outlet, data, OUTLET_WRITABLE_FIELDS, by)
    outlet.full_clean()
    outlet.save()
    return outlet


# --- opening -----------------------------------------------------------------------------

@transaction.atomic
def outlet_apply(
    *, code: str, name: str, grid: TerritoryNode, agent: Agent, outlet_type: str,
    opening_date: dt.date, by, address: str = "", latitude=None, longitude=None, reason: str = "",
) -> OutletRequest:
    """Apply for a new outlet (新建网点申报): a planned outlet plus an open request awaiting approval."""
    _require_writer(by)
    _require_grid_in_reach(by, grid)
    _require_agent_usable(by, agent)
    outlet = Outlet(
        code=code.strip(), name=name.strip(), grid=grid, agent=agent, outlet_type=outlet_type,
        opening_date=opening_date, address=address, latitude=latitude, longitude=longitude,
        status=OutletStatus.PLANNED, created_by=by,
    )
    attribute_change(outlet, by)
    outlet.full_clean()
    outlet.save()
    record_event(subject=outlet, action="apply", by=by, to_status=OutletStatus.PLANNED)
    return outlet_request_create(outlet=outlet, kind=RequestKind.OPEN, effective_date=opening_date, reason=reason, by=by)


def open_assignment(*, outlet: Outlet, agent: Agent, grid: TerritoryNode, on: dt.date, reason: str) -> OutletAssignment:
    return OutletAssignment.objects.create(outlet=outlet, agent=agent, grid=grid, valid_from=on, reason=reason)


# --- requests ----------------------------------------------------------------------------

_ALLOWED_FROM = {
    RequestKind.OPEN: {OutletStatus.PLANNED},
    RequestKind.SUSPEND: {OutletStatus.ACTIVE},
    RequestKind.RESUME: {OutletStatus.SUSPENDED},
    RequestKind.MERGE: {OutletStatus.ACTIVE, OutletStatus.SUSPENDED},
    RequestKind.TRANSFER: {OutletStatus.ACTIVE, OutletStatus.SUSPENDED},
    RequestKind.CLOSE: {OutletStatus.ACTIVE, OutletStatus.SUSPENDED},
}


@transaction.atomic
def outlet_request_create(
    *, outlet: Outlet, kind: str, effective_date: dt.date, by, reason: str = "",
    target_outlet: Outlet | None = None, new_agent: Agent | None = None, new_grid: TerritoryNode | None = None,
) -> OutletRequest:
    _require_writer(by)
    kind = RequestKind(kind)
    outlet = Outlet.objects.select_for_update().get(pk=outlet.pk)
    if outlet.status not in _ALLOWED_FROM[kind]:
        raise BusinessRuleError(
            _("A %(kind)s request is not possible while the outlet is %(status)s.")
            % {"kind": kind.label, "status": outlet.get_status_display()}
        )
    if OutletRequest.objects.filter(outlet=outlet, status=RequestStatus.PENDING).exists():
        raise BusinessRuleError(_("This outlet already has a pending request."))
    request = OutletRequest(
        kind=kind, outlet=outlet, effective_date=effective_date, reason=reason, requested_by=by,
        target_outlet=target_outlet if kind == RequestKind.MERGE else None,
        new_agent=new_agent if kind == RequestKind.TRANSFER else None,
        new_grid=new_grid if kind == RequestKind.TRANSFER else None,
        created_by=by,
    )
    _validate_request(request, by)
    request.save()
    record_event(subject=request, action="submit", by=by, to_status=RequestStatus.PENDING, note=reason)
    return request


def _validate_request(request: OutletRequest, by) -> None:
    outlet, today = request.outlet, timezone.localdate()
    if request.kind != RequestKind.OPEN and request.effective_date > today:
        raise BusinessRuleError(_("The effective date cannot be in the future."))
    if request.kind in (RequestKind.MERGE, RequestKind.TRANSFER, RequestKind.CLOSE):
        current = _open_assignment_row(outlet)
        if current and request.effective_date <= current.valid_from:
            raise BusinessRuleError(
                _("The effective date must be after %(date)s, when the current assignment began; the past is never rewritten.")
                % {"date": current.valid_from.isoformat()},
                code="rewrites_past",
            )
    if request.kind == RequestKind.MERGE:
        target = request.target_outlet
        if target is None or target.pk == outlet.pk:
            raise BusinessRuleError(_("Choose another outlet to merge into."))
        if target.status != OutletStatus.ACTIVE:
            raise BusinessRuleError(_("An outlet can only be merged into an open outlet."))
        if not node_in_reach(by, target.grid):
            raise PermissionDenied(_("The target outlet is outside your reach."))
    if request.kind == RequestKind.TRANSFER:
        if request.new_agent is None and request.new_grid is None:
            raise BusinessRuleError(_("A transfer needs a new agent, a new grid, or both."))
        if request.new_grid is not None:
            _require_grid_in_reach(by, request.new_grid)
        if (request.new_agent or outlet.agent) == outlet.agent and (request.new_grid or outlet.grid) == outlet.grid:
            raise BusinessRuleError(_("The transfer changes neither the agent nor the grid."))
        if request.new_agent is not None:
            _require_agent_usable(by, request.new_agent)


def _open_assignment_row(outlet: Outlet) -> OutletAssignment | None:
    return OutletAssignment.objects.select_for_update().filter(outlet=outlet, valid_to__isnull=True).first()


@transaction.atomic
def outlet_request_approve(*, request: OutletRequest, by, note: str = "") -> OutletRequest:
    request = OutletRequest.objects.select_for_update().get(pk=request.pk)
    if not can_approve(by):
        raise PermissionDenied(_("Your role cannot approve requests."))
    if request.requested_by_id == by.pk:
        raise PermissionDenied(_("A request must be approved by someone other than the requester."))
    if not node_in_reach(by, request.outlet.grid):
        raise PermissionDenied(_("This outlet is outside your reach."))
    _validate_request(request, by)
    _EXECUTORS[request.kind](request, by)
    hooks.outlet_changed(kind=request.kind, outlet=request.outlet, request=request, by=by)
    request.decided_by, request.decided_at, request.decision_note = by, timezone.now(), note
    transition(
        subject=request, to=RequestStatus.APPROVED, allowed_from={RequestStatus.PENDING},
        action="approve", by=by, note=note,
    )
    return request


@transaction.atomic
def outlet_request_reject(*, request: OutletRequest, by, note: str) -> OutletRequest:
    request = OutletRequest.objects.select_for_update().get(pk=request.pk)
    if not can_approve(by):
        raise PermissionDenied(_("Your role cannot approve requests."))
    if not node_in_reach(by, request.outlet.grid):
        raise PermissionDenied(_("This outlet is outside your reach."))
    if not note.strip():
        raise BusinessRuleError(_("Give a reason for the rejection."))
    request.decided_by, request.decided_at, request.decision_note = by, timezone.now(), note
    transition(subject=request, to=RequestStatus.REJECTED, allowed_from={RequestStatus.PENDING}, action="reject", by=by, note=note)
    if request.kind == RequestKind.OPEN:
        transition(subject=request.outlet, to=OutletStatus.REJECTED, allowed_from={OutletStatus.PLANNED}, action="reject", by=by)
    return request


@transaction.atomic
def outlet_request_cancel(*, request: OutletRequest, by) -> OutletRequest:
    request = OutletRequest.objects.select_for_update().get(pk=request.pk)
    if request.requested_by_id != by.pk:
        raise PermissionDenied(_("Only the requester can withdraw a request."))
    transition(subject=request, to=RequestStatus.CANCELLED, allowed_from={RequestStatus.PENDING}, action="cancel", by=by)
    if request.kind == RequestKind.OPEN:
        transition(subject=request.outlet, to=OutletStatus.REJECTED, allowed_from={OutletStatus.PLANNED}, action="withdraw", by=by)
    return request


# --- executors (called only by approval) ------------------------------------------------------

def _execute_open(request: OutletRequest, by) -> None:
    outlet = request.outlet
    outlet.opening_date = request.effective_date
    open_assignment(outlet=outlet, agent=outlet.agent, grid=outlet.grid, on=request.effective_date, reason="open")
    transition(subject=outlet, to=OutletStatus.ACTIVE, allowed_from={OutletStatus.PLANNED}, action="open", by=by,
               data={"request": request.pk, "effective_date": request.effective_date.isoformat()})


def _execute_status(to: str, action: str):
    def execute(request: OutletRequest, by) -> None:
        transition(subject=request.outlet, to=to, allowed_from=_ALLOWED_FROM[request.kind], action=action, by=by,
                   data={"request": request.pk, "effective_date": request.effective_date.isoformat()})
    return execute


def _close_open_row(outlet: Outlet, on: dt.date) -> OutletAssignment:
    row = _open_assignment_row(outlet)
    if row is None:
        raise BusinessRuleError(_("The outlet has no open assignment."))
    row.valid_to = on
    row.save(update_fields=["valid_to"])
    return row


def _execute_transfer(request: OutletRequest, by) -> None:
    outlet, on = request.outlet, request.effective_date
    old = _close_open_row(outlet, on)
    agent, grid = request.new_agent or old.agent, request.new_grid or old.grid
    open_assignment(outlet=outlet, agent=agent, grid=grid, on=on, reason="transfer")
    outlet.agent, outlet.grid = agent, grid
    attribute_change(outlet, by)
    outlet.save()
    record_event(
        subject=outlet, action="transfer", by=by,
        data={"request": request.pk, "effective_date": on.isoformat(),
              "from": {"agent": old.agent.code, "grid": old.grid.code}, "to": {"agent": agent.code, "grid": grid.code}},
    )


def _execute_merge(request: OutletRequest, by) -> None:
    outlet, on = request.outlet, request.effective_date
    _close_open_row(outlet, on)
    outlet.merged_into, outlet.closed_on = request.target_outlet, on
    transition(subject=outlet, to=OutletStatus.MERGED, allowed_from=_ALLOWED_FROM[RequestKind.MERGE], action="merge", by=by,
               data={"request": request.pk, "effective_date": on.isoformat(), "into": request.target_outlet.code})


def _execute_close(request: OutletRequest, by) -> None:
    outlet, on = request.outlet, request.effective_date
    _close_open_row(outlet, on)
    outlet.closed_on = on
    transition(subject=outlet, to=OutletStatus.CLOSED, allowed_from=_ALLOWED_FROM[RequestKind.CLOSE], action="close", by=by,
               data={"request": request.pk, "effective_date": on.isoformat()})


_EXECUTORS = {
    RequestKind.OPEN: _execute_open,
    RequestKind.SUSPEND: _execute_status(OutletStatus.SUSPENDED, "suspend"),
    RequestKind.RESUME: _execute_status(OutletStatus.ACTIVE, "resume"),
    RequestKind.TRANSFER: _execute_transfer,
    RequestKind.MERGE: _execute_merge,
    RequestKind.CLOSE: _execute_close,
}
