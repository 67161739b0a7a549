import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from qudao.core.events import events_for
from qudao.performance.choices import FollowUpKind, FollowUpLevel, FollowUpStatus, WebhookKind
from qudao.performance.models import FollowUp, LaggardRule, WebhookEndpoint

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 10, 15)


def _followup(cast, agent="agent1", grid="grid_a", assignee="manager_a", level=FollowUpLevel.MANAGER) -> FollowUp:
    return FollowUp.objects.create(
        agent=cast.agents[agent], grid=cast.nodes[grid], assignee=cast.users[assignee], level=level,
        kind=FollowUpKind.CALL, flagged_on=DAY, as_of=DAY - dt.timedelta(days=1), reason="Month to 10-14: 10 records",
        due_on=DAY,
    )


def _api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_the_manager_records_an_outcome_from_the_list(cast, client_for):
    followup = _followup(cast)
    client = client_for(cast.manager_a)
    listing = client.get(reverse("performance:followup_list"), {"mine": "true", "status": "open"})
    assert [row.record for row in listing.context["table"].paginated_rows] == [followup]
    assert reverse("performance:followup_outcome", args=[followup.pk]).encode() in listing.content

    response = client.post(reverse("performance:followup_outcome", args=[followup.pk]), {
        "reached": "yes", "lag_reason": "competition", "promised_action": "Two promoters at the weekend", "note": "",
    })

    assert response.status_code == 302
    followup.refresh_from_db()
    assert (followup.status, followup.reached, followup.lag_reason, followup.done_by) == (
        FollowUpStatus.DONE, True, "competition", cast.manager_a)
    assert followup.done_at is not None
    event = events_for(followup).get()
    assert (event.action, event.to_status, event.data["promised_action"]) == ("outcome", "done", "Two promoters at the weekend")
    assert client.get(followup.get_absolute_url()).status_code == 200


def test_a_reached_agent_needs_a_reason(cast, client_for):
    followup = _followup(cast)
    response = client_for(cast.manager_a).post(reverse("performance:followup_outcome", args=[followup.pk]), {"reached": "yes"})

    assert response.status_code == 200 and response.context["form"].non_field_errors()
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.OPEN


def test_who_may_record_the_outcome(cast, client_for):
    followup = _followup(cast)
    url = reverse("performance:followup_outcome", args=[followup.pk])

    assert client_for(cast.manager_b).post(url, {"reached": "no"}).status_code == 404  # out of reach
    assert client_for(cast.analyst).post(url, {"reached": "no"}).status_code == 403  # read-only role
    assert client_for(cast.head).get(url).status_code == 403  # sees it, but it is not theirs
    assert client_for(cast.supervisor).post(url, {"reached": "no"}).status_code == 302  # the assignee's supervisor
    followup.refresh_from_db()
    assert followup.done_by == cast.supervisor


def test_the_supervisor_sees_the_teams_list(cast, client_for):
    mine = _followup(cast, assignee="supervisor", level=FollowUpLevel.SUPERVISOR)
    team = [_followup(cast, agent="agent2", grid="grid_b", assignee="manager_b"), _followup(cast)]
    listing = client_for(cast.supervisor).get(reverse("performance:followup_list"))

    assert {row.record for row in listing.context["table"].paginated_rows} == {mine, *team}
    mine_only = client_for(cast.supervisor).get(reverse("performance:followup_list"), {"mine": "true"})
    assert [row.record for row in mine_only.context["table"].paginated_rows] == [mine]


def test_api_outcome_action(cast):
    followup = _followup(cast)
    url = reverse("api:followup-outcome", args=[followup.pk])

    refused = _api(cast.manager_a).post(url, {"reached": True}, format="json")
    assert refused.status_code == 400
    done = _api(cast.manager_a).post(url, {"reached": False, "note": "phone off"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "done" and done.json()["reached"] is False
    assert _api(cast.manager_a).post(url, {"reached": False}, format="json").status_code == 400  # already done
    assert _api(cast.analyst).post(url, {"reached": False}, format="json").status_code == 403


def test_api_lists_follow_ups_and_lines_in_reach(cast):
    _followup(cast)
    assert _api(cast.manager_b).get(reverse("api:followup-list")).json()["count"] == 0
    assert _api(cast.manager_a).get(reverse("api:followup-list")).json()["count"] == 1
    assert _api(cast.agent_user).get(reverse("api:followup-list")).json()["count"] == 0


def test_webhooks_are_configured_within_reach(cast, client_for):
    data = {"name": "County 1 group", "kind": WebhookKind.DINGTALK, "url": "https://oapi.dingtalk.com/robot/send?access_token=abcdef123456",
            "secret": "SECxyz", "node": cast.county1.pk, "is_active": "on"}
    assert client_for(cast.manager_a).post(reverse("performance:webhook_create"), data).status_code == 403
    assert client_for(cast.supervisor).post(reverse("performance:webhook_create"), {**data, "node": cast.county2.pk}).status_code == 200

    assert client_for(cast.supervisor).post(reverse("performance:webhook_create"), data).status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.secret, endpoint.node, endpoint.created_by) == ("SECxyz", cast.county1, cast.supervisor)

    edit = client_for(cast.supervisor).post(reverse("performance:webhook_edit", args=[endpoint.pk]), {**data, "secret": "", "name": "renamed"})
    assert edit.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.name, endpoint.secret) == ("renamed", "SECxyz")  # a blank secret keeps the stored one

    page = client_for(cast.supervisor).get(endpoint.get_absolute_url()).content.decode()
    assert "abcdef123456" not in page and "SECxyz" not in page
    api = _api(cast.supervisor).get(reverse("api:webhook-detail", args=[endpoint.pk])).json()
    assert api["has_secret"] is True and "abcdef123456" not in str(api)


def test_the_head_edits_the_laggard_rules(cast, client_for):
    url = reverse("performance:laggard_rule")
    assert client_for(cast.supervisor).get(url).status_code == 403
    page = client_for(cast.head).get(url)
    assert page.status_code == 200

    response = client_for(cast.head).post(url, {
        "target_shortfall_pct": "15", "wow_drop_pct": "25", "wow_min_volume": 8, "repeat_days": 2, "repeat_window": 10,
        "call_due_days": 1, "visit_due_days": 4,
    })

    assert response.status_code == 302
    rule = LaggardRule.current()
    assert (rule.wow_min_volume, rule.repeat_days, rule.repeat_window, rule.updated_by) == (8, 2, 10, cast.head)
    refused = client_for(cast.head).post(url, {
        "target_shortfall_pct": "15", "wow_drop_pct": "25", "wow_min_volume": 8, "repeat_days": 6, "repeat_window": 5,
        "call_due_days": 1, "visit_due_days": 4,
    })
    assert refused.status_code == 200  # a window shorter than the days it must hold


def test_follow_up_pages_render_without_data(cast, client_for):
    for persona in ("head", "manager_a", "outsider"):
        response = client_for(cast.users[persona]).get(reverse("performance:followup_list"))
        assert response.status_code == 200
    assert client_for(cast.head).get(reverse("performance:webhook_list")).status_code == 200
    assert client_for(cast.head).get(reverse("ui:home")).status_code == 200
