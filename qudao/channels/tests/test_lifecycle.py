"""Open, suspend, resume, merge, transfer and close keep the past intact and answer as-of queries."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qudao.channels.choices import ChannelType, OutletStatus, RequestKind, RequestStatus
from qudao.channels.models import OutletAssignment
from qudao.channels.selectors import assignment_on, assignments_on
from qudao.channels.services import (
    outlet_apply,
    outlet_request_approve,
    outlet_request_cancel,
    outlet_request_create,
    outlet_request_reject,
)
from qudao.core.events import events_for

CHANGE_DAY = dt.date(2025, 6, 15)
pytestmark = pytest.mark.django_db


def _approved(cast, **kwargs):
    request = outlet_request_create(by=cast.supervisor, **kwargs)
    return outlet_request_approve(request=request, by=cast.head)


def test_transfer_keeps_history_and_answers_as_of(cast):
    outlet = cast.outlets["OA1"]
    _approved(cast, outlet=outlet, kind=RequestKind.TRANSFER, effective_date=CHANGE_DAY,
              new_agent=cast.agent2, new_grid=cast.grid_b)
    outlet.refresh_from_db()
    assert (outlet.agent, outlet.grid) == (cast.agent2, cast.grid_b)

    before = assignment_on(outlet, CHANGE_DAY - dt.timedelta(days=1))
    on = assignment_on(outlet, CHANGE_DAY)
    after = assignment_on(outlet, CHANGE_DAY + dt.timedelta(days=200))
    assert (before.agent, before.grid) == (cast.agent1, cast.grid_a)
    assert (on.agent, on.grid) == (cast.agent2, cast.grid_b)
    assert (after.agent, after.grid) == (cast.agent2, cast.grid_b)
    assert assignment_on(outlet, dt.date(2024, 12, 31)) is None  # before opening

    rows = list(outlet.assignments.order_by("valid_from").values_list("valid_from", "valid_to", "agent_id"))
    assert rows == [(dt.date(2025, 1, 1), CHANGE_DAY, cast.agent1.pk), (CHANGE_DAY, None, cast.agent2.pk)]
    assert [e.action for e in events_for(outlet)] == ["transfer"]


def test_merge_keeps_the_absorbed_outlet_and_its_past(cast):
    source, target = cast.outlets["OA2"], cast.outlets["OA1"]
    _approved(cast, outlet=source, kind=RequestKind.MERGE, effective_date=CHANGE_DAY, target_outlet=target)
    source.refresh_from_db()
    assert source.status == OutletStatus.MERGED and source.merged_into == target and source.closed_on == CHANGE_DAY
    assert assignment_on(source, CHANGE_DAY - dt.timedelta(days=1)).agent == cast.agent1
    assert assignment_on(source, CHANGE_DAY) is None
    assert assignment_on(target, CHANGE_DAY).agent == cast.agent1
    on_day_outlets = set(assignments_on(CHANGE_DAY).values_list("outlet__code", flat=True))
    assert "OA2" not in on_day_outlets and "OA1" in on_day_outlets
    event = events_for(source).get()
    assert (event.from_status, event.to_status, event.data["into"]) == ("active", "merged", "OA1")


def test_suspend_resume_close_move_status_with_events(cast):
    outlet = cast.outlets["OB1"]
    for kind, expected in [(RequestKind.SUSPEND, OutletStatus.SUSPENDED), (RequestKind.RESUME, OutletStatus.ACTIVE),
                           (RequestKind.CLOSE, OutletStatus.CLOSED)]:
        request = outlet_request_create(outlet=outlet, kind=kind, effective_date=CHANGE_DAY, by=cast.manager_b)
        outlet_request_approve(request=request, by=cast.supervisor)
        outlet.refresh_from_db()
        assert outlet.status == expected
    assert [e.action for e in events_for(outlet)] == ["suspend", "resume", "close"]
    assert assignment_on(outlet, CHANGE_DAY) is None
    assert assignment_on(outlet, CHANGE_DAY - dt.timedelta(days=1)).agent == cast.agent2


def test_apply_and_open_creates_first_assignment(cast):
    request = outlet_apply(code="NEW1", name="New", grid=cast.grid_a, agent=cast.agent1,
                           outlet_type=ChannelType.RETAILER, opening_date=dt.date(2025, 3, 1), by=cast.manager_a)
    assert request.outlet.status == OutletStatus.PLANNED and not request.outlet.assignments.exists()
    outlet_request_approve(request=request, by=cast.supervisor)
    request.outlet.refresh_from_db()
    assert request.outlet.status == OutletStatus.ACTIVE
    assert assignment_on(request.outlet, dt.date(2025, 3, 1)).grid == cast.grid_a


def test_a_change_cannot_rewrite_the_past(cast):
    outlet = cast.outlets["OA1"]
    _approved(cast, outlet=outlet, kind=RequestKind.TRANSFER, effective_date=CHANGE_DAY, new_agent=cast.agent2)
    with pytest.raises(ValidationError) as refused:
        outlet_request_create(outlet=outlet, kind=RequestKind.TRANSFER, effective_date=CHANGE_DAY,
                              new_agent=cast.agent1, by=cast.manager_a)
    assert refused.value.code == "rewrites_past"
    assert OutletAssignment.objects.filter(outlet=outlet).count() == 2


def test_future_dates_and_noop_transfers_are_refused(cast):
    outlet = cast.outlets["OA1"]
    with pytest.raises(ValidationError):
        outlet_request_create(outlet=outlet, kind=RequestKind.CLOSE, effective_date=dt.date.today() + dt.timedelta(days=3),
                              by=cast.manager_a)
    with pytest.raises(ValidationError):
        outlet_request_create(outlet=outlet, kind=RequestKind.TRANSFER, effective_date=CHANGE_DAY,
                              new_agent=cast.agent1, by=cast.manager_a)


def test_nobody_approves_their_own_request_and_readers_cannot_request(cast):
    request = outlet_request_create(outlet=cast.outlets["OA1"], kind=RequestKind.SUSPEND, effective_date=CHANGE_DAY,
                                    by=cast.supervisor)
    with pytest.raises(PermissionDenied):
        outlet_request_approve(request=request, by=cast.supervisor)
    with pytest.raises(PermissionDenied):
        outlet_request_approve(request=request, by=cast.manager_a)  # managers do not approve
    with pytest.raises(PermissionDenied):
        outlet_request_create(outlet=cast.outlets["OB1"], kind=RequestKind.SUSPEND, effective_date=CHANGE_DAY,
                              by=cast.analyst)
    outlet_request_reject(request=request, by=cast.head, note="not now")
    request.refresh_from_db()
    assert request.status == RequestStatus.REJECTED
    assert cast.outlets["OA1"].status == OutletStatus.ACTIVE


def test_one_pending_request_per_outlet_and_withdrawal(cast):
    outlet = cast.outlets["OA1"]
    request = outlet_request_create(outlet=outlet, kind=RequestKind.SUSPEND, effective_date=CHANGE_DAY, by=cast.manager_a)
    with pytest.raises(ValidationError):
        outlet_request_create(outlet=outlet, kind=RequestKind.CLOSE, effective_date=CHANGE_DAY, by=cast.manager_a)
    with pytest.raises(PermissionDenied):
        outlet_request_cancel(request=request, by=cast.supervisor)
    outlet_request_cancel(request=request, by=cast.manager_a)
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED


def test_transfer_to_a_grid_out_of_reach_is_refused(cast):
    with pytest.raises(PermissionDenied):
        outlet_request_create(outlet=cast.outlets["OA1"], kind=RequestKind.TRANSFER, effective_date=CHANGE_DAY,
                              new_grid=cast.grid_c, by=cast.manager_a)


def test_agents_registered_elsewhere_are_read_only(cast):
    from qudao.channels.services import agent_update

    cast.agent2.territory = cast.grid_c  # registered in county 2, still running OB1 in grid B
    cast.agent2.save()
    with pytest.raises(PermissionDenied):
        agent_update(agent=cast.agent2, data={"name": "x"}, by=cast.manager_b)
    agent_update(agent=cast.agent2, data={"name": "x"}, by=cast.head)


def test_outlets_go_only_to_agents_in_reach(cast):
    with pytest.raises(PermissionDenied):
        outlet_apply(code="NEW2", name="New", grid=cast.grid_a, agent=cast.agent3,
                     outlet_type=ChannelType.RETAILER, opening_date=dt.date(2025, 3, 1), by=cast.manager_a)
    with pytest.raises(PermissionDenied):
        outlet_request_create(outlet=cast.outlets["OA1"], kind=RequestKind.TRANSFER, effective_date=CHANGE_DAY,
                              new_agent=cast.agent3, by=cast.manager_a)
