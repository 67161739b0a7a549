import datetime as dt
from decimal import Decimal

import pytest

from qudao.accounts.choices import Role
from qudao.core.events import events_for
from qudao.performance.choices import FollowUpKind, FollowUpLevel, FollowUpStatus
from qudao.performance.laggards import detect_laggards
from qudao.performance.models import FollowUp, LaggardRule
from qudao.targets.calendar import prorated
from qudao.territory.services import staff_assign
from qudao.testing.cast import make_user

pytestmark = pytest.mark.django_db

RUN = dt.date(2026, 10, 15)  # Thursday; the figures are those of Wednesday 14th
AS_OF = RUN - dt.timedelta(days=1)
DAY = dt.timedelta(days=1)


@pytest.fixture
def october(cast, volumes):
    """October 2026 has 22 working days; 10 have passed by the 14th.

    agent1: month target 66 → 30.00 expected, only 10 sold (2 in 1st-7th, 8 since): behind.
    agent2: month target 22 → 10.00 expected, 20 sold, but 18 in 1st-7th and 2 since: dropped.
    agent3: month target 22, 12 sold, 6 and 6: neither.
    """
    volumes.target("OA1", RUN, 44)
    volumes.target("OA2", RUN, 22)
    volumes.target("OB1", RUN, 22)
    volumes.target("OC1", RUN, 22)
    for code, day, records in [
        ("OA1", dt.date(2026, 10, 2), 2), ("OA2", dt.date(2026, 10, 9), 8),
        ("OB1", dt.date(2026, 10, 5), 18), ("OB1", dt.date(2026, 10, 12), 2),
        ("OC1", dt.date(2026, 10, 6), 6), ("OC1", dt.date(2026, 10, 13), 6),
    ]:
        volumes.sell(code, day, records)
    return volumes


def _manager_followups(day=RUN) -> dict[int, FollowUp]:
    return {f.agent_id: f for f in FollowUp.objects.filter(flagged_on=day, level=FollowUpLevel.MANAGER)}


def test_behind_the_prorated_target_or_down_week_on_week_lands_on_the_managers_list(cast, october):
    result = detect_laggards(day=RUN)

    found = _manager_followups()
    assert set(found) == {cast.agent1.pk, cast.agent2.pk} and result["created"] == 2
    behind, dropped = found[cast.agent1.pk], found[cast.agent2.pk]
    assert (behind.assignee, behind.kind, behind.status) == (cast.manager_a, FollowUpKind.CALL, FollowUpStatus.OPEN)
    assert behind.figures["expected"] == "30.00" == str(prorated(66, dt.date(2026, 10, 1), dt.date(2026, 10, 31), AS_OF))
    assert behind.figures["month_to_date"] == 10 and "30.00" in behind.reason
    assert behind.due_on == RUN and behind.as_of == AS_OF and behind.grid == cast.grid_a
    assert (dropped.assignee, dropped.figures["last_7_days"], dropped.figures["previous_7_days"]) == (cast.manager_b, 2, 18)
    assert dropped.figures["change_pct"] == "-88.9"


def test_detection_is_idempotent_per_agent_and_day(cast, october):
    detect_laggards(day=RUN)
    again = detect_laggards(day=RUN)

    assert again["created"] == 0 and again["flagged"] == 2
    assert FollowUp.objects.count() == 2


def test_both_rules_at_once_call_for_a_visit(cast, october):
    october.sell("OA1", dt.date(2026, 10, 1), 10)  # 12 in the 7 days before, 8 since; 20 of 30 expected

    detect_laggards(day=RUN)

    followup = _manager_followups()[cast.agent1.pk]

    assert followup.kind == FollowUpKind.VISIT and followup.due_on == RUN + 3 * DAY


def test_the_margins_are_configurable(cast, october):
    rule = LaggardRule.current()
    rule.wow_drop_pct, rule.target_shortfall_pct, rule.wow_min_volume = Decimal(95), Decimal(70), 5
    rule.save()

    detect_laggards(day=RUN)

    assert not _manager_followups()  # 10 of 30 expected is within 70 %; −88.9 % is within 95 %


def test_small_volumes_are_not_a_drop(cast, october):
    rule = LaggardRule.current()
    rule.wow_min_volume = 20
    rule.save()

    detect_laggards(day=RUN)

    assert set(_manager_followups()) == {cast.agent1.pk}


def test_without_a_manager_in_charge_the_grids_manager_gets_it(cast, october):
    october.sell("OC1", dt.date(2026, 10, 2), 30)  # agent3 (no manager in charge) now drops week on week
    grid_c_manager = make_user("manager_c", Role.CHANNEL_MANAGER)
    staff_assign(user=grid_c_manager, node=cast.grid_c, by=None)

    detect_laggards(day=RUN)

    assert _manager_followups()[cast.agent3.pk].assignee == grid_c_manager


def test_no_run_on_a_weekend(cast, october):
    assert detect_laggards(day=dt.date(2026, 10, 17))["skipped"]
    assert not FollowUp.objects.exists()


def test_a_repeat_laggard_escalates_to_the_supervisor_once(cast, october):
    for day in (RUN - 2 * DAY, RUN - DAY):
        assert detect_laggards(day=day)["escalated"] == 0

    assert detect_laggards(day=RUN)["escalated"] == 2  # agents 1 and 2: 3 of the last 5 working days

    escalation = FollowUp.objects.get(level=FollowUpLevel.SUPERVISOR, agent=cast.agent1)
    todays = _manager_followups()[cast.agent1.pk]
    assert (escalation.agent, escalation.assignee, escalation.kind) == (cast.agent1, cast.supervisor, FollowUpKind.VISIT)
    assert escalation.escalated_from == todays and todays.status == FollowUpStatus.ESCALATED
    event = events_for(todays).get()
    assert (event.action, event.from_status, event.to_status) == ("escalate", "open", "escalated")
    assert event.data["escalation"] == escalation.pk
    assert FollowUp.objects.get(level=FollowUpLevel.SUPERVISOR, agent=cast.agent2).assignee == cast.supervisor

    assert detect_laggards(day=RUN + DAY)["escalated"] == 0  # already escalated in this window
    assert FollowUp.objects.filter(level=FollowUpLevel.SUPERVISOR).count() == 2


def test_two_flagged_days_do_not_escalate(cast, october):
    detect_laggards(day=RUN - DAY)
    assert detect_laggards(day=RUN)["escalated"] == 0
