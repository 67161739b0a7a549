"""The demo's past, made through the real lifecycle services: hand-overs, grid boundary changes,
merges, closures and refits approved by a second person, plus requests still pending."""

import datetime as dt
import random
from dataclasses import dataclass, field

from qudao.accounts.models import User
from qudao.channels.choices import AgentStatus, RequestKind
from qudao.channels.models import Agent, Outlet
from qudao.channels.services import outlet_apply, outlet_request_approve, outlet_request_create

from . import names
from .places import DEMO_COUNTY_CODE, DISTRICTS
from .province import GridSlot, Province, coordinate, supervisor_username


@dataclass
class HistoryMaker:
    province: Province
    rng: random.Random
    used: set[int] = field(default_factory=set)

    def pick(self, slot: GridSlot, *, agent: Agent | None = None, min_age_days: int = 120) -> Outlet | None:
        """An untouched open outlet of the grid, opened long enough ago to have a past."""
        cutoff = self.province.as_of - dt.timedelta(days=min_age_days)
        candidates = [
            o for o in self.province.outlets
            if o.grid_id == slot.node.pk and o.pk not in self.used and o.opening_date <= cutoff
            and (agent is None or o.agent_id == agent.pk)
        ]
        if not candidates:
            return None
        outlet = self.rng.choice(candidates)
        self.used.add(outlet.pk)
        return outlet

    def day_after(self, start: dt.date, *, margin: int = 30) -> dt.date:
        latest = self.province.as_of - dt.timedelta(days=margin)
        return start + dt.timedelta(days=self.rng.randint(min(30, (latest - start).days), (latest - start).days))

    def change(self, kind: str, outlet: Outlet, *, by: User, approver: User | None, reason: str,
               on: dt.date | None = None, **target) -> dt.date:
        on = on or self.day_after(outlet.opening_date)
        request = outlet_request_create(outlet=outlet, kind=kind, effective_date=on, by=by, reason=reason, **target)
        if approver is not None:
            outlet_request_approve(request=request, by=approver, note="同意")
            self.province.changes[str(kind)] += 1
        else:
            self.province.changes[f"pending {kind}"] += 1
        return on


def make_history(province: Province, rng: random.Random) -> None:
    maker = HistoryMaker(province, rng)
    head = province.users["demo-head"]
    for district in DISTRICTS:
        supervisor = province.users[supervisor_username(district)]
        for slot in province.grids_of(district.code)[2:4]:
            _ordinary_year(maker, slot, province.grids_of(district.code), by=supervisor, approver=head)
    _demo_grid_stories(maker)


def _ordinary_year(maker: HistoryMaker, slot: GridSlot, county_grids: list[GridSlot], *, by: User, approver: User) -> None:
    """One grid's worth of the usual: an agent hand-over, a grid boundary change, a merge, a closure, a refit."""
    new_agent = _other_active_agent(slot, exclude=None)
    outlet = maker.pick(slot)
    if outlet and new_agent and new_agent.pk != outlet.agent_id:
        maker.change(RequestKind.TRANSFER, outlet, by=by, approver=approver, new_agent=new_agent,
                     reason=f"原代理商经营调整，网点转由{new_agent.name}经营")
    sibling = next((g for g in county_grids if g.area is slot.area and g is not slot), None)
    outlet = maker.pick(slot)
    if outlet and sibling:
        maker.change(RequestKind.TRANSFER, outlet, by=by, approver=approver, new_grid=sibling.node,
                     reason=f"网格边界调整，划入{sibling.place.name}网格")
    _merge(maker, slot, by=by, approver=approver)
    outlet = maker.pick(slot)
    if outlet:
        maker.change(RequestKind.CLOSE, outlet, by=by, approver=approver, reason="租约到期，网点关闭")
    outlet = maker.pick(slot, min_age_days=200)
    if outlet:
        suspended_on = maker.change(RequestKind.SUSPEND, outlet, by=by, approver=approver, reason="门店装修，暂停营业")
        maker.change(RequestKind.RESUME, outlet, by=by, approver=approver, reason="装修完成，恢复营业",
                     on=maker.day_after(suspended_on, margin=1))


def _merge(maker: HistoryMaker, slot: GridSlot, *, by: User, approver: User | None) -> None:
    outlet, survivor = maker.pick(slot), maker.pick(slot, min_age_days=0)
    if outlet and survivor:
        maker.change(RequestKind.MERGE, outlet, by=by, approver=approver, target_outlet=survivor,
                     reason=f"同一商圈网点整合，并入{survivor.name}")


def _other_active_agent(slot: GridSlot, exclude: Agent | None) -> Agent | None:
    return next((a for a in reversed(slot.agents) if a.status == AgentStatus.ACTIVE and a != exclude), None)


def _demo_grid_stories(maker: HistoryMaker) -> None:
    """What the named demo people find: a hand-over to the demo agent, a closure and a merge
    approved by their supervisor, and requests still waiting for her."""
    users, province = maker.province.users, maker.province
    manager_a, manager_b = users["demo-manager-a"], users["demo-manager-b"]
    supervisor = users["demo-supervisor"]
    grid_a, grid_b = province.grid(DEMO_COUNTY_CODE, 1), province.grid(DEMO_COUNTY_CODE, 2)
    demo_agent = grid_a.agents[0]
    giver = _other_active_agent(grid_a, exclude=demo_agent)
    outlet = maker.pick(grid_a, agent=giver) if giver else None
    if outlet:
        maker.change(RequestKind.TRANSFER, outlet, by=manager_a, approver=supervisor, new_agent=demo_agent,
                     reason=f"{giver.name}收缩经营，网点转由{demo_agent.name}经营")
    outlet = maker.pick(grid_a)
    if outlet:
        maker.change(RequestKind.CLOSE, outlet, by=manager_a, approver=supervisor, reason="商场改造，网点撤点")
    _merge(maker, grid_b, by=manager_b, approver=supervisor)
    _pending_requests(maker, grid_a, grid_b, manager_a, manager_b)


def _pending_requests(maker: HistoryMaker, grid_a: GridSlot, grid_b: GridSlot, manager_a: User, manager_b: User) -> None:
    province, rng = maker.province, maker.rng
    demo_agent = grid_a.agents[0]
    for number in (1, 2):
        outlet_type = demo_agent.channel_type
        outlet_apply(
            code=province.next_outlet_code(grid_a.district),
            name=names.outlet_name(rng, grid_a.district, grid_a.place, outlet_type) + f"（新店{number}）",
            grid=grid_a.node, agent=demo_agent, outlet_type=outlet_type,
            opening_date=province.as_of + dt.timedelta(days=14 * number), by=manager_a,
            address=names.street_address(rng, grid_a.district, grid_a.place),
            latitude=coordinate(rng, grid_a.place.lat, 0.006), longitude=coordinate(rng, grid_a.place.lng, 0.006),
            reason="商圈新开业综合体，申请新设网点",
        )
        province.changes["pending open"] += 1
    outlet = maker.pick(grid_b)
    if outlet:
        maker.change(RequestKind.SUSPEND, outlet, by=manager_b, approver=None, reason="代理商资金周转困难，申请暂停",
                     on=province.as_of - dt.timedelta(days=3))
