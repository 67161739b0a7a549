"""Reach of field work: inspections, rectifications, violations, week plans and checklists.

Inspections and plans are staff-only; agent users see their own agent's rectifications and
violations. Photos are served under their owner's route, so they share its reach.
"""

import uuid

from qudao.inspections.choices import InspectionKind
from qudao.inspections.models import (
    ChecklistTemplate,
    Inspection,
    Rectification,
    Violation,
    WeekPlan,
)
from qudao.inspections.scoring import Answer
from qudao.inspections.seed import install_default_templates
from qudao.inspections.services import (
    inspection_check_in,
    inspection_finish,
    plan_save,
    violation_raise,
)
from qudao.inspections.weeks import local_date

from . import ModelSpec

ALL = ("OA1", "OB1", "OC1")
BY_OUTLET = {"manager_a": ("OA1",), "manager_b": ("OB1",), "supervisor": ("OA1", "OB1"), "analyst": ALL,
             "head": ALL, "outsider": ()}
TEMPLATE_CODES = ("RT-AUTH", "RT-WO", "RT-DIST", "RT-GEN", "CC-GEN", "MA-AUTH")
STAFF_PERSONAS = ("manager_a", "manager_b", "supervisor", "analyst", "head", "outsider")

SPECS = [
    ModelSpec("inspection", ("inspections:inspection_", "inspections:monthly_"), "api:inspection-",
              {**BY_OUTLET, "agent_user": ()}),
    ModelSpec("rectification", ("inspections:rectification_",), "api:rectification-",
              {**BY_OUTLET, "agent_user": ("OA1",)}),
    ModelSpec("violation", ("inspections:violation_",), "api:violation-", {**BY_OUTLET, "agent_user": ("OA1",)}),
    ModelSpec("week_plan", ("inspections:plan_",), "api:week-plan-", {
        "manager_a": ("manager_a",), "manager_b": ("manager_b",), "supervisor": ("manager_a", "manager_b"),
        "analyst": ("manager_a", "manager_b", "head"), "head": ("manager_a", "manager_b", "head"),
        "agent_user": (), "outsider": (),
    }),
    ModelSpec("checklist_template", ("inspections:template_",), "api:checklist-template-",
              {**{p: TEMPLATE_CODES for p in STAFF_PERSONAS}, "agent_user": ()}),
]

EXEMPT = {}
EXTRA_KWARGS = {"photo_uuid": str(uuid.UUID(int=1))}

INSPECTOR_OF = {"OA1": "manager_a", "OB1": "manager_b", "OC1": "head"}


def _inspect(cast, code: str) -> Inspection:
    """A finished routine inspection in which one plain item fails (so one rectification opens)."""
    by = cast.users[INSPECTOR_OF[code]]
    inspection, _created = inspection_check_in(outlet=cast.outlets[code], kind=InspectionKind.ROUTINE, by=by,
                                               client_key=uuid.uuid4())
    items = list(inspection.template.items.all())
    failing = next(item for item in items if not item.violation_kind)
    answers = [Answer(item.pk, passed=item.pk != failing.pk) for item in items]
    return inspection_finish(inspection=inspection, answers=answers, by=by, finish_key=uuid.uuid4())


def populate(cast):
    install_default_templates()
    for code in ALL:
        _inspect(cast, code)
        violation_raise(outlet=cast.outlets[code], kind="other", description="现场发现违规", by=cast.users[INSPECTOR_OF[code]])
    for persona, code in [("manager_a", "OA1"), ("manager_b", "OB1"), ("head", "OC1")]:
        plan_save(by=cast.users[persona], week=local_date(), outlet_ids=[cast.outlets[code].pk])
    return {
        "inspection": {i.outlet.code: i for i in Inspection.objects.select_related("outlet")},
        "rectification": {r.outlet.code: r for r in Rectification.objects.select_related("outlet")},
        "violation": {v.outlet.code: v for v in Violation.objects.select_related("outlet")},
        "week_plan": {p.manager.username: p for p in WeekPlan.objects.select_related("manager")},
        "checklist_template": {t.code: t for t in ChecklistTemplate.objects.all()},
    }
