"""Week plans: the manager picks outlets (usually from “suggest my week”); they are saved in a short route."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event

from ..geo import nearest_neighbour_route
from ..models import PlannedOutlet, WeekPlan
from ..risk import suggest_week
from ..weeks import local_date, week_start
from .common import coordinates, require_field_staff

MAX_STOPS = 30


@transaction.atomic
def plan_save(*, by, week: dt.date, outlet_ids, latitude=None, longitude=None) -> WeekPlan:
    """Saves (or replaces) `by`'s plan for the week of `week`: the chosen outlets in route order,
    nearest neighbour from the given position, else from the first chosen outlet."""
    require_field_staff(by)
    monday = week_start(week)
    if monday < week_start(local_date()):
        raise BusinessRuleError(_("A past week's plan cannot be changed."))
    chosen = list(dict.fromkeys(int(pk) for pk in outlet_ids))
    if not chosen:
        raise BusinessRuleError(_("Choose at least one outlet."))
    if len(chosen) > MAX_STOPS:
        raise BusinessRuleError(_("At most %(n)d outlets a week.") % {"n": MAX_STOPS})
    suggestions = {s.outlet.pk: s for s in suggest_week(by, outlet_ids=chosen)}
    if set(chosen) - set(suggestions):
        raise PermissionDenied(_("An outlet you chose is outside your reach or not open."))
    lat, lng = coordinates(latitude, longitude)
    start = (lat, lng) if lat is not None else None
    route = nearest_neighbour_route(
        [(pk, suggestions[pk].outlet.latitude, suggestions[pk].outlet.longitude) for pk in chosen], start=start,
    )
    plan, _created = WeekPlan.objects.get_or_create(manager=by, week_start=monday, defaults={"created_by": by})
    plan.start_latitude, plan.start_longitude = lat, lng
    plan.save()
    plan.stops.all().delete()
    PlannedOutlet.objects.bulk_create([
        PlannedOutlet(plan=plan, outlet_id=pk, position=position, risk=suggestions[pk].risk,
                      reasons=suggestions[pk].reasons, leg_m=leg)
        for position, (pk, leg) in enumerate(route, start=1)
    ])
    record_event(subject=plan, action="plan", by=by, data={"outlets": [pk for pk, _leg in route]})
    return plan
