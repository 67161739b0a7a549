"""What each endpoint does on the happy path and how it reports business-rule refusals."""

import datetime as dt
import json

import pytest

from qudao.channels.choices import OutletStatus, RequestStatus
from qudao.channels.models import Agent, Outlet, OutletAssignment, OutletRequest
from qudao.channels.services import outlet_request_approve, outlet_request_create
from qudao.territory.models import TerritoryNode
from qudao.testing.cast import make_uscc

from .helpers import JsonClient, today, url

# --- agents: money and masking ----------------------------------------------------------------

ID_NUMBER = "11010519491231002X"
BANK_ACCOUNT = "6222020200998877665"


def create_agent(client: JsonClient, **extra):
    return client.post(url("agent-list"), {
        "code": "AG9", "name": "Agent 9", "credit_code": make_uscc(9), "channel_type": "retailer",
        "territory": "GA", "bank_account": BANK_ACCOUNT, "legal_rep_id_number": ID_NUMBER, **extra,
    })


def test_agent_deposit_is_yuan_string_stored_as_fen(world):
    response = create_agent(JsonClient(world.manager_a), deposit="1234.56")

    assert response.status_code == 201, response.content
    assert response.json()["deposit"] == "1234.56"
    assert Agent.objects.get(code="AG9").deposit_fen == 123456


@pytest.mark.parametrize("deposit", [1234.56, "12.345", "-1.00", "abc"])
def test_agent_deposit_refuses_floats_fractions_of_fen_and_negatives(world, deposit):
    response = create_agent(JsonClient(world.manager_a), deposit=deposit)

    assert response.status_code == 400
    assert list(response.json()) == ["deposit"]
    assert not Agent.objects.filter(code="AG9").exists()


def test_agent_deposit_accepts_whole_yuan_as_integer(world):
    assert create_agent(JsonClient(world.manager_a), deposit=500).json()["deposit"] == "500.00"


def test_bank_account_and_id_number_are_write_only_and_shown_masked(world):
    client = JsonClient(world.manager_a)
    created = create_agent(client).json()
    detail = client.get(url("agent-detail", created["id"])).json()
    listing = client.get(url("agent-list")).content.decode()

    for body in (created, detail):
        assert "bank_account" not in body
        assert "legal_rep_id_number" not in body
        assert body["bank_account_masked"] == "****7665"
        assert body["legal_rep_id_masked"] == "****002X"
    assert BANK_ACCOUNT not in json.dumps(created) + json.dumps(detail) + listing
    assert ID_NUMBER not in json.dumps(created) + json.dumps(detail) + listing
    stored = Agent.objects.get(code="AG9")
    assert (stored.bank_account, stored.legal_rep_id_number) == (BANK_ACCOUNT, ID_NUMBER)


def test_agent_update_keeps_unsent_sensitive_fields(world):
    response = JsonClient(world.manager_a).patch(url("agent-detail", world.agent1.pk),
                                                 {"deposit": "88.80", "manager": "manager_a"})
    assert response.status_code == 200, response.content
    agent = Agent.objects.get(pk=world.agent1.pk)
    assert agent.deposit_fen == 8880
    assert agent.bank_account == "6222020200112200001"


def test_agent_model_validation_comes_back_per_field(world):
    response = JsonClient(world.manager_a).patch(url("agent-detail", world.agent1.pk),
                                                 {"contract_start": "2025-06-01", "contract_end": "2025-01-01"})
    assert response.status_code == 400
    assert list(response.json()) == ["contract_end"]


def test_agent_territory_must_be_within_reach(world):
    response = create_agent(JsonClient(world.manager_a), territory="GB")
    assert response.status_code == 400
    assert list(response.json()) == ["territory"]


# --- outlets: update, history, owner on a date --------------------------------------------------

def test_outlet_update_changes_descriptive_fields(world):
    response = JsonClient(world.manager_a).patch(url("outlet-detail", world.outlets["OA1"].pk),
                                                 {"address": "9 Long Road", "latitude": "22.543100", "longitude": "114.057900"})
    assert response.status_code == 200, response.content
    assert response.json()["address"] == "9 Long Road"
    assert Outlet.objects.get(code="OA1").address == "9 Long Road"


def test_outlet_update_runs_model_validation(world):
    response = JsonClient(world.manager_a).patch(url("outlet-detail", world.outlets["OA1"].pk),
                                                 {"latitude": "60.000000", "longitude": "10.000000"})
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


@pytest.fixture
def transferred(world):
    """OA1 moved from agent 1 to agent 2 (and grid B) on 2025-06-01, approved by the head."""
    request = outlet_request_create(outlet=world.outlets["OA1"], kind="transfer", effective_date=dt.date(2025, 6, 1),
                                    new_agent=world.agent2, new_grid=world.grid_b, by=world.supervisor)
    outlet_request_approve(request=request, by=world.head)
    return world.outlets["OA1"]


def test_history_lists_the_effective_dated_rows(world, transferred):
    response = JsonClient(world.head).get(url("outlet-history", transferred.pk))

    assert response.status_code == 200
    assert response.json() == [
        {"valid_from": "2025-01-01", "valid_to": "2025-06-01", "agent": "AG1", "grid": "GA", "reason": "open"},
        {"valid_from": "2025-06-01", "valid_to": None, "agent": "AG2", "grid": "GB", "reason": "transfer"},
    ]


@pytest.mark.parametrize(("day", "agent", "grid"), [
    ("2025-01-01", "AG1", "GA"), ("2025-05-31", "AG1", "GA"), ("2025-06-01", "AG2", "GB"),
])
def test_owner_answers_agent_and_grid_on_a_date(world, transferred, day, agent, grid):
    response = JsonClient(world.head).get(url("outlet-owner", transferred.pk), {"date": day})

    assert response.status_code == 200
    assert (response.json()["agent"], response.json()["grid"]) == (agent, grid)


def test_owner_defaults_to_today(world, transferred):
    assert JsonClient(world.head).get(url("outlet-owner", transferred.pk)).json()["agent"] == "AG2"


def test_owner_before_opening_is_a_json_404(world):
    response = JsonClient(world.head).get(url("outlet-owner", world.outlets["OA1"].pk), {"date": "2024-12-31"})

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert list(response.json()) == ["detail"]


def test_owner_rejects_a_malformed_date(world):
    response = JsonClient(world.head).get(url("outlet-owner", world.outlets["OA1"].pk), {"date": "31/12/2024"})
    assert response.status_code == 400
    assert list(response.json()) == ["date"]


# --- lifecycle requests -------------------------------------------------------------------------

def test_transfer_request_is_submitted_then_approved(world):
    submitted = JsonClient(world.supervisor).post(url("outlet-request-list"), {
        "kind": "transfer", "outlet": "OA1", "effective_date": today().isoformat(), "new_grid": "GB",
        "reason": "rebalancing",
    })
    assert submitted.status_code == 201, submitted.content
    assert submitted.json()["status"] == RequestStatus.PENDING
    assert submitted.json()["requested_by"] == "supervisor"

    approved = JsonClient(world.head).post(url("outlet-request-approve", submitted.json()["id"]), {"note": "ok"})

    assert approved.status_code == 200, approved.content
    assert (approved.json()["status"], approved.json()["decided_by"]) == (RequestStatus.APPROVED, "head")
    assert Outlet.objects.get(code="OA1").grid_id == world.grid_b.pk
    assert OutletAssignment.objects.filter(outlet__code="OA1").count() == 2


def test_open_application_creates_a_planned_outlet_until_approved(world):
    submitted = JsonClient(world.manager_a).post(url("outlet-request-list"), {
        "kind": "open", "effective_date": "2026-01-01", "reason": "new mall",
        "new_outlet": {"code": "ON1", "name": "Mall outlet", "grid": "GA", "agent": "AG1", "outlet_type": "retailer",
                       "address": "1 Mall Road"},
    })
    assert submitted.status_code == 201, submitted.content
    assert submitted.json()["outlet"] == "ON1"
    assert Outlet.objects.get(code="ON1").status == OutletStatus.PLANNED

    approved = JsonClient(world.supervisor).post(url("outlet-request-approve", submitted.json()["id"]))

    assert approved.status_code == 200, approved.content
    assert Outlet.objects.get(code="ON1").status == OutletStatus.ACTIVE


@pytest.mark.parametrize(("payload", "field"), [
    ({"kind": "open", "effective_date": "2026-01-01"}, "new_outlet"),
    ({"kind": "suspend", "effective_date": "2026-01-01"}, "outlet"),
    ({"kind": "open", "outlet": "OA1", "effective_date": "2026-01-01",
      "new_outlet": {"code": "ON1", "name": "N", "grid": "GA", "agent": "AG1", "outlet_type": "retailer"}}, "outlet"),
])
def test_request_shape_depends_on_kind(world, payload, field):
    response = JsonClient(world.manager_a).post(url("outlet-request-list"), payload)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_business_rule_refusal_is_a_400_non_field_error(world):
    response = JsonClient(world.manager_a).post(url("outlet-request-list"), {
        "kind": "suspend", "outlet": "OA2", "effective_date": today().isoformat(),
    })  # OA2 already has the pending request from the fixture
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_reject_needs_a_note(world):
    client = JsonClient(world.supervisor)
    assert client.post(url("outlet-request-reject", world.pending.pk), {}).status_code == 400
    assert client.post(url("outlet-request-reject", world.pending.pk), {"note": "  "}).status_code == 400
    assert OutletRequest.objects.get(pk=world.pending.pk).status == RequestStatus.PENDING

    rejected = client.post(url("outlet-request-reject", world.pending.pk), {"note": "budget"})
    assert rejected.status_code == 200
    assert rejected.json()["decision_note"] == "budget"


def test_requester_cancels(world):
    response = JsonClient(world.manager_a).post(url("outlet-request-cancel", world.pending.pk))
    assert response.status_code == 200
    assert response.json()["status"] == RequestStatus.CANCELLED


def test_a_decided_request_cannot_be_decided_again(world):
    client = JsonClient(world.supervisor)
    assert client.post(url("outlet-request-approve", world.pending.pk)).status_code == 200
    again = client.post(url("outlet-request-reject", world.pending.pk), {"note": "changed my mind"})
    assert again.status_code == 400


# --- territory nodes -----------------------------------------------------------------------------

def test_head_creates_renames_moves_and_retires_a_node(world):
    client = JsonClient(world.head)
    created = client.post(url("territory-node-list"), {"code": "GN", "name": "Grid N", "kind": "grid", "parent": "A1"})
    assert created.status_code == 201, created.content
    node_id = created.json()["id"]

    assert client.patch(url("territory-node-detail", node_id), {"name": "Grid N2"}).json()["name"] == "Grid N2"
    moved = client.post(url("territory-node-move", node_id), {"parent": "A2"})
    assert moved.status_code == 200, moved.content
    assert moved.json()["parent"] == "A2"
    retired = client.post(url("territory-node-retire", node_id))
    assert retired.status_code == 200, retired.content
    assert retired.json()["is_active"] is False
    node = TerritoryNode.objects.get(pk=node_id)
    assert node.path.startswith(world.area2.path + ".")


def test_node_kind_must_fit_its_parent(world):
    response = JsonClient(world.head).post(url("territory-node-list"),
                                           {"code": "GN", "name": "Grid N", "kind": "grid", "parent": "C1"})
    assert response.status_code == 400
    assert list(response.json()) == ["parent"]


def test_retiring_a_node_with_open_outlets_is_refused(world):
    response = JsonClient(world.head).post(url("territory-node-retire", world.grid_a.pk))
    assert response.status_code == 400
    assert TerritoryNode.objects.get(pk=world.grid_a.pk).is_active


# --- lists: filters and pagination ----------------------------------------------------------------

@pytest.mark.parametrize(("basename", "params", "codes"), [
    ("outlet", {"grid": "GA"}, {"OA1", "OA2"}),
    ("outlet", {"node": "A1"}, {"OA1", "OA2", "OB1"}),
    ("outlet", {"q": "OC"}, {"OC1"}),
    ("agent", {"q": "Agent 2"}, {"AG2"}),
    ("territory-node", {"kind": "area"}, {"A1", "A2"}),
])
def test_lists_filter_with_the_app_filtersets(world, basename, params, codes):
    response = JsonClient(world.head).get(url(f"{basename}-list"), params)
    assert {row["code"] for row in response.json()["results"]} == codes


def test_lists_are_paginated(world):
    page = JsonClient(world.head).get(url("outlet-list"), {"page_size": 2}).json()
    assert page["count"] == 4
    assert len(page["results"]) == 2
    assert page["next"]


def test_user_directory_is_read_only_fields(world):
    rows = JsonClient(world.supervisor).get(url("user-list")).json()["results"]
    manager = next(row for row in rows if row["username"] == "manager_a")
    assert manager == {"id": world.manager_a.pk, "username": "manager_a", "display_name": "manager_a",
                       "role": "channel_manager", "reports_to": "supervisor"}
