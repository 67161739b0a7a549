from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qudao.core.events import events_for
from qudao.ledger.models import LedgerEntry, Penalty
from qudao.ledger.selectors import balance
from qudao.ledger.services import approve_penalty, propose_penalty, reject_penalty


def _propose(cast, by="manager_a", amount="250.50"):
    return propose_penalty(agent=cast.agent1, outlet=cast.outlets["OA1"], amount=Decimal(amount),
                           reason="Fake activations", source="violation:7", user=cast.users[by])


@pytest.mark.django_db
def test_approval_by_another_supervisor_posts_a_negative_penalty_entry(cast):
    penalty = _propose(cast)
    assert penalty.status == "proposed" and penalty.amount_fen == 25050
    penalty = approve_penalty(penalty=penalty, user=cast.supervisor)
    assert penalty.status == "posted" and penalty.approved_by == cast.supervisor
    entry = LedgerEntry.objects.get()
    assert (entry.kind, entry.amount_fen, entry.source) == ("penalty", -25050, f"penalty:{penalty.pk}")
    assert penalty.entry == entry
    assert balance(agent=cast.agent1, on=entry.effective_on) == Decimal("-250.50")
    assert [e.action for e in events_for(penalty).order_by("id")] == ["propose", "approve", "post"]


@pytest.mark.django_db
def test_the_proposer_never_approves_and_managers_do_not_decide(cast):
    own = _propose(cast, by="supervisor")
    with pytest.raises(PermissionDenied):
        approve_penalty(penalty=own, user=cast.supervisor)
    other = _propose(cast)
    with pytest.raises(PermissionDenied):
        approve_penalty(penalty=other, user=cast.manager_b)
    with pytest.raises(PermissionDenied):  # head of channels, but agent 1 is fine; agent user never
        approve_penalty(penalty=other, user=cast.agent_user)
    assert not LedgerEntry.objects.exists()
    approve_penalty(penalty=own, user=cast.head)
    with pytest.raises(ValidationError):  # decided already
        approve_penalty(penalty=own, user=cast.head)
    assert LedgerEntry.objects.count() == 1


@pytest.mark.django_db
def test_reject_needs_a_reason_and_posts_nothing(cast):
    penalty = _propose(cast)
    with pytest.raises(ValidationError):
        reject_penalty(penalty=penalty, user=cast.supervisor, note=" ")
    penalty = reject_penalty(penalty=penalty, user=cast.supervisor, note="Evidence too thin")
    assert penalty.status == "rejected" and not LedgerEntry.objects.exists()


@pytest.mark.django_db
def test_proposal_rules(cast):
    with pytest.raises(ValidationError):
        _propose(cast, amount="0")
    with pytest.raises(ValidationError):
        _propose(cast, amount="1.001")
    with pytest.raises(PermissionDenied):
        _propose(cast, by="analyst")
    with pytest.raises(PermissionDenied):  # agent 1 is outside manager_b's reach
        _propose(cast, by="manager_b")


@pytest.mark.django_db
def test_api_approval_by_the_proposer_is_refused_and_by_another_posts(cast, client_for):
    penalty = _propose(cast, by="supervisor")
    url = reverse("api:penalty-approve", args=[penalty.pk])
    assert client_for(cast.supervisor).post(url, {}, content_type="application/json").status_code == 403
    assert client_for(cast.manager_a).post(url, {}, content_type="application/json").status_code == 403
    assert client_for(cast.manager_b).post(url, {}, content_type="application/json").status_code == 404
    response = client_for(cast.head).post(url, {"note": "ok"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "posted" and response.json()["amount"] == "250.50"
    assert LedgerEntry.objects.get().amount_fen == -25050


@pytest.mark.django_db
def test_penalty_pages(cast, client_for):
    client = client_for(cast.manager_a)
    response = client.post(reverse("ledger:penalty_create"), {
        "agent": cast.agent1.pk, "outlet": cast.outlets["OA1"].pk, "amount": "88.80", "reason": "No licence",
    })
    assert response.status_code == 302
    penalty = Penalty.objects.get()
    assert penalty.amount_fen == 8880 and penalty.source == "manual"
    detail = client_for(cast.supervisor).get(penalty.get_absolute_url())
    assert detail.status_code == 200 and detail.context["can_decide"]
    assert not client.get(penalty.get_absolute_url()).context["can_decide"]
    assert client.get(reverse("ledger:penalty_approve", args=[penalty.pk])).status_code == 403
    response = client_for(cast.supervisor).post(reverse("ledger:penalty_approve", args=[penalty.pk]), {"note": ""})
    assert response.status_code == 302
    penalty.refresh_from_db()
    assert penalty.status == "posted"
