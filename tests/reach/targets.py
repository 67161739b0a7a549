"""Reach of targets and of the working-day calendar."""

import datetime as dt

from qudao.targets.choices import Metric, PeriodKind
from qudao.targets.models import CalendarException, Target

from . import ModelSpec

EVERYONE = ("manager_a", "manager_b", "supervisor", "analyst", "head", "agent_user", "outsider")
ALL_TARGETS = ("company", "county1", "county2", "grid_a", "grid_b", "grid_c", "OA1", "OB1", "OC1")
ALL_DAYS = ("national_day", "makeup_saturday")
PERIOD = dt.date(2026, 11, 1)

SPECS = [
    ModelSpec("target", ("targets:target_",), "api:target-", {
        "manager_a": ("grid_a", "OA1"), "manager_b": ("grid_b", "OB1"),
        "supervisor": ("county1", "grid_a", "grid_b", "OA1", "OB1"),
        "analyst": ALL_TARGETS, "head": ALL_TARGETS, "agent_user": ("OA1",), "outsider": (),
    }),
    ModelSpec("calendar", ("targets:calendar_",), "api:calendar-exception-",
              {persona: ALL_DAYS for persona in EVERYONE}),
]

EXEMPT = {
    "targets:target_create": "creates; the service checks the holder against reach and role",
    "targets:target_import": "creates; the importer checks every code against reach and role",
    "targets:calendar_create": "company-wide calendar; org admins only",
    "targets:calendar_import": "company-wide calendar; org admins only",
}


def populate(cast):
    def make(key, value, **holder):
        return Target.objects.create(period_kind=PeriodKind.MONTH, period_start=PERIOD, metric=Metric.RECORDS,
                                     value=value, **holder)

    targets = {key: make(key, 100, node=cast.nodes[key]) for key in ("company", "county1", "county2",
                                                                         "grid_a", "grid_b", "grid_c")}
    targets.update({code: make(code, 10, outlet=cast.outlets[code]) for code in ("OA1", "OB1", "OC1")})
    days = {
        "national_day": CalendarException.objects.create(date=dt.date(2026, 10, 1), is_workday=False, name="National Day"),
        "makeup_saturday": CalendarException.objects.create(date=dt.date(2026, 10, 10), is_workday=True, name="Make-up"),
    }
    return {"target": targets, "calendar": days}
