"""Violations: raised by hand with evidence, escalated, a penalty proposed (on the agent ledger too), closed;
read-only roles and agent users change nothing."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from qudao.api.tests.helpers import JsonClient, url
from qudao.core.errors import BusinessRuleError
from qudao.core.events import events_for
from qudao.inspections.models import Violation
from qudao.inspections.services import (
    violation_add_evidence,
    violation_close,
    violation_escalate,
    violation_propose_penalty,
    violation_raise,
)

from .conftest import jpeg_bytes, upload

pytestmark = pytest.mark.django_db


def raise_one(cast, **extra) -> Violation:
    violation, _created = violation_raise(outlet=cast.outlets["OA1"], kind="unauthorised_connection",
                                          description="私拉宽带线路", by=cast.manager_a, **extra)
    return violation


def test_a_violation_moves_through_its_life_with_event_rows(field):
    violation = raise_one(field, evidence_note="机房旁有私接线", photos=[upload(jpeg_bytes())])
    assert violation.agent == field.agent1 and violation.photos.count() == 1

    violation_add_evidence(violation=violation, note="用户反映", photos=[upload(jpeg_bytes(color="blue"))],
                           by=field.manager_a)
    violation_escalate(violation=violation, note="屡次发生", by=field.manager_a)
    violation_escalate(violation=violation, by=field.supervisor)
    violation_propose_penalty(violation=violation, amount_fen=50_000, by=field.manager_a)
    violation.refresh_from_db()
    assert violation.level == "serious" and violation.status == "escalated"
    assert violation.penalty_fen == 50_000 and violation.penalty_status == "proposed"
    from qudao.ledger.models import Penalty

    penalty = Penalty.objects.get(source=f"violation:{violation.pk}")  # awaiting approval on the agent ledger
    assert (penalty.agent_id, penalty.amount_fen, penalty.status) == (violation.agent_id, 50_000, "proposed")
    assert violation.photos.count() == 2 and "用户反映" in violation.evidence_note

    violation_close(violation=violation, note="已拆除", by=field.manager_a)
    violation.refresh_from_db()
    assert violation.status == "closed" and violation.penalty_status == "proposed"
    events = list(events_for(violation))
    assert [e.action for e in events] == ["raise", "evidence", "escalate", "escalate", "propose_penalty", "close"]
    assert events[2].data["notify_user"] == field.supervisor.pk and events[3].data["to_level"] == "serious"
    assert events[4].data == {"amount_fen": 50_000, "amount_yuan": "500.00", "penalty": penalty.pk}
    with pytest.raises(BusinessRuleError):
        violation_escalate(violation=violation, by=field.manager_a)


def test_read_only_roles_and_other_reaches_cannot_act(field):
    violation = raise_one(field)
    for persona in ("analyst", "agent_user"):
        with pytest.raises(PermissionDenied):
            violation_escalate(violation=violation, by=field.users[persona])
    with pytest.raises(PermissionDenied):
        violation_close(violation=violation, note="x", by=field.manager_b)
    with pytest.raises(PermissionDenied):
        violation_raise(outlet=field.outlets["OC1"], kind="price", description="x", by=field.manager_a)
    with pytest.raises(BusinessRuleError):
        violation_propose_penalty(violation=violation, amount_fen=0, by=field.manager_a)


def test_the_pages(field, client_for):
    client = client_for(field.manager_a)
    page = client.get(reverse("inspections:violation_create"), {"outlet": field.outlets["OA1"].pk})
    assert page.status_code == 200 and 'capture="environment"' in page.content.decode()
    response = client.post(reverse("inspections:violation_create"), {
        "outlet": field.outlets["OA1"].pk, "kind": "price", "level": "warning", "description": "高于指导价",
        "client_key": str(uuid.uuid4()), "photos": upload(jpeg_bytes()),
    })
    violation = Violation.objects.get()
    assert response["Location"] == violation.get_absolute_url()
    assert client.post(reverse("inspections:violation_penalty", args=[violation.pk]),
                       {"amount": "200.50"}).status_code == 302
    violation.refresh_from_db()
    assert violation.penalty_fen == 20_050
    detail = client.get(violation.get_absolute_url()).content.decode()
    assert "200.50" in detail and 'data-testid="photo"' in detail
    assert client_for(field.agent_user).get(violation.get_absolute_url()).status_code == 200
    assert client_for(field.agent_user).get(
        reverse("inspections:violation_close", args=[violation.pk])).status_code == 403


def test_the_api(field):
    client = JsonClient(field.manager_a, by_token=True)
    created = client.post(url("violation-list"), {"outlet": "OA1", "kind": "fake_activation",
                                                  "description": "疑似养卡", "client_key": str(uuid.uuid4())})
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    penalty = client.post(url("violation-propose-penalty", pk), {"amount": "1000.00"})
    assert penalty.json()["penalty"] == "1000.00" and penalty.json()["penalty_status"] == "proposed"
    assert client.post(url("violation-propose-penalty", pk), {"amount": 10.5}).status_code == 400  # no floats
    escalated = client.post(url("violation-escalate", pk), {"note": "上报"})
    assert escalated.json()["level"] == "warning"
    evidence = client.client.post(url("violation-evidence", pk), {"note": "照片", "file": [upload(jpeg_bytes())]},
                                  format="multipart")
    assert evidence.status_code == 200 and len(evidence.json()["photos"]) == 1
    assert client.post(url("violation-close", pk), {}).status_code == 400  # a closing note is required
    assert client.post(url("violation-close", pk), {"note": "处罚完毕"}).json()["status"] == "closed"
    analyst = JsonClient(field.analyst)
    assert analyst.post(url("violation-list"), {"outlet": "OA1", "kind": "other", "description": "x",
                                                "client_key": str(uuid.uuid4())}).status_code == 403
    assert analyst.get(url("violation-detail", pk)).status_code == 200
