"""Reach of the fieldwork app: callbacks, visits and calls, problems, work tasks, training sessions,
sales-assistance days, channel meetings, work diaries and scorecards.

Work at outlets and agents is scoped by the territory it belongs to (agent users see only their own
agent's problems); personal records (tasks, meetings, diaries, scorecards) are seen by their owner
and the people above them — never by a peer.
"""

import datetime as dt
import uuid

from django.utils import timezone

from qudao.fieldwork.models import (
    AssistDay,
    Callback,
    ChannelMeeting,
    DiaryEntry,
    Problem,
    Scorecard,
    TrainingSession,
    Visit,
    WorkTask,
)
from qudao.fieldwork.services import (
    assist_day_record,
    compute_scorecard,
    diary_save,
    meeting_record,
    problem_raise,
    sample_callbacks,
    task_assign,
    training_record,
    visit_record,
)
from qudao.sales.choices import ProductCategory
from qudao.sales.models import DevelopmentRecord, Product

from . import ModelSpec

DAY = dt.date(2024, 6, 3)  # far from the days other areas' populate write sales on
BY_OUTLET = {"manager_a": ("OA1",), "manager_b": ("OB1",), "supervisor": ("OA1", "OB1"),
             "analyst": ("OA1", "OB1", "OC1"), "head": ("OA1", "OB1", "OC1"), "agent_user": (), "outsider": ()}
PERSONAL = {"manager_a": ("manager_a",), "manager_b": ("manager_b",),
            "supervisor": ("manager_a", "manager_b", "supervisor"),
            "analyst": ("manager_a", "manager_b", "supervisor"),
            "head": ("manager_a", "manager_b", "supervisor", "head"), "agent_user": (), "outsider": ()}
WORKER = {"OA1": "manager_a", "OB1": "manager_b", "OC1": "head"}

SPECS = [
    ModelSpec("fw_callback", ("fieldwork:callback_",), "api:callback-", BY_OUTLET),
    ModelSpec("fw_visit", ("fieldwork:visit_",), "api:visit-", BY_OUTLET),
    ModelSpec("fw_problem", ("fieldwork:problem_",), "api:problem-", {**BY_OUTLET, "agent_user": ("OA1",)}),
    ModelSpec("fw_task", ("fieldwork:task_",), "api:work-task-", {
        "manager_a": ("to_a",), "manager_b": ("to_b",), "supervisor": ("to_a", "to_b", "to_supervisor"),
        "analyst": ("to_a", "to_b", "to_supervisor"), "head": ("to_a", "to_b", "to_supervisor", "head_todo"),
        "agent_user": (), "outsider": (),
    }),
    ModelSpec("fw_training", ("fieldwork:training_",), "api:training-session-", BY_OUTLET),
    ModelSpec("fw_assist", ("fieldwork:assist_",), "api:assist-day-", BY_OUTLET),
    ModelSpec("fw_meeting", ("fieldwork:meeting_",), "api:channel-meeting-", PERSONAL),
    ModelSpec("fw_diary", ("fieldwork:diary_",), "api:diary-entry-", PERSONAL),
    ModelSpec("fw_scorecard", ("fieldwork:scorecard_",), "api:scorecard-", {
        **PERSONAL, "head": ("manager_a", "manager_b", "supervisor"), "outsider": ("outsider",),
    }),
]
EXEMPT = {}
EXTRA_KWARGS = {"material_uuid": str(uuid.UUID(int=2)), "photo_uuid": str(uuid.UUID(int=1))}


def _callbacks(cast) -> dict:
    product = Product.objects.get_or_create(code="FW-P1", defaults={
        "name": "Plan", "category": ProductCategory.MOBILE_PLAN, "monthly_fee_fen": 3900,
        "active_from": dt.date(2024, 1, 1)})[0]
    records = [
        DevelopmentRecord.objects.create(
            external_id=f"FW-{code}", sold_at=timezone.now(), sold_on=DAY, outlet_id=outlet.pk,
            agent_id=outlet.agent_id, grid_id=outlet.grid_id, product=product, customer_hash="0" * 64,
            subscriber_no="13800138000", fee_fen=3900, batch_id=1)
        for code, outlet in ((code, cast.outlets[code]) for code in WORKER)
    ]
    sample_callbacks(day=DAY)
    # The sales spec lists exactly its own records: the callbacks keep their copy of what they need.
    DevelopmentRecord.objects.filter(pk__in=[r.pk for r in records]).delete()
    return {c.outlet.code: c for c in Callback.objects.filter(day=DAY).select_related("outlet")}


def _by_outlet(cast, make) -> dict:
    for code, worker in WORKER.items():
        outlet = cast.outlets[code]
        make(outlet=outlet, by=cast.users[worker])
    return {}


def populate(cast):
    u, today = cast.users, timezone.localdate()
    callbacks = _callbacks(cast)
    _by_outlet(cast, lambda outlet, by: visit_record(kind="visit", agent=outlet.agent, outlet=outlet, by=by,
                                                     notes="走访", contacted_on=DAY))
    _by_outlet(cast, lambda outlet, by: assist_day_record(day=DAY, outlet=outlet, by=by, activities="助销"))
    _by_outlet(cast, lambda outlet, by: training_record(topic=f"培训 {outlet.code}", kind="product", held_on=DAY,
                                                        node=outlet.grid, by=by))
    problem_raise(agent=cast.agent1, outlet=cast.outlets["OA1"], category="business", title="A", description="A",
                  by=u["agent_user"])
    problem_raise(agent=cast.agent2, outlet=cast.outlets["OB1"], category="system", title="B", description="B",
                  by=u["manager_b"])
    problem_raise(agent=cast.agent3, outlet=cast.outlets["OC1"], category="other", title="C", description="C",
                  by=u["head"])
    due = today + dt.timedelta(days=7)
    for key, assignee, by in (("to_a", "manager_a", "supervisor"), ("to_b", "manager_b", "supervisor"),
                              ("to_supervisor", "supervisor", "head"), ("head_todo", "head", "head")):
        task_assign(title=key, assignee=u[assignee], due_on=due, by=u[by])
    for person in ("manager_a", "manager_b", "supervisor", "head"):
        meeting_record(month=DAY, held_on=DAY, attendees="渠道负责人", minutes="纪要", by=u[person])
        diary_save(day=DAY, by=u[person], note="日志")
    for person in ("manager_a", "manager_b", "supervisor", "outsider"):
        compute_scorecard(u[person], DAY)
    return {
        "fw_callback": callbacks,
        "fw_visit": {v.outlet.code: v for v in Visit.objects.select_related("outlet")},
        "fw_problem": {p.outlet.code: p for p in Problem.objects.select_related("outlet")},
        "fw_task": {t.title: t for t in WorkTask.objects.all()},
        "fw_training": {s.topic.split()[-1]: s for s in TrainingSession.objects.all()},
        "fw_assist": {a.outlet.code: a for a in AssistDay.objects.select_related("outlet")},
        "fw_meeting": {m.held_by.username: m for m in ChannelMeeting.objects.select_related("held_by")},
        "fw_diary": {d.author.username: d for d in DiaryEntry.objects.select_related("author")},
        "fw_scorecard": {c.person.username: c for c in Scorecard.objects.select_related("person")},
    }
