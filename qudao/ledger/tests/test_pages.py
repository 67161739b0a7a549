import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook


@pytest.mark.django_db
def test_agent_user_sees_only_own_entries(booked, client_for):
    client = client_for(booked.agent_user)
    listed = client.get(reverse("ledger:entry_list"))
    assert {row.record.agent_id for row in listed.context["table"].paginated_rows} == {booked.agent1.pk}
    other = booked.agent2.ledger_entries.get()
    assert client.get(reverse("ledger:entry_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("api:ledger-entry-detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("ledger:account_detail", args=[booked.agent2.pk])).status_code == 404
    assert client.get(reverse("api:ledger-account-balance", args=[booked.agent2.pk])).status_code == 404
    api = client.get(reverse("api:ledger-entry-list")).json()
    assert {row["agent"] for row in api["results"]} == {"AG1"}


@pytest.mark.django_db
def test_account_page_shows_running_balance_balance_on_a_day_and_filters(booked, client_for):
    client = client_for(booked.manager_a)
    url = reverse("ledger:account_detail", args=[booked.agent1.pk])
    response = client.get(url, {"on": "2026-11-05"})
    assert response.status_code == 200
    assert str(response.context["balance_on"]) == "1100.25"
    assert str(response.context["balance_now"]) == "800.25"
    rows = [(r.record.source, r.record.running_fen) for r in response.context["table"].paginated_rows]
    assert rows == [("payment:1", 80025), ("settlement-run:2", 110025), ("settlement-run:1", 120050)]
    clawbacks = client.get(url, {"kind": "clawback"}).context["table"].paginated_rows
    assert [(r.record.source, r.record.running_fen) for r in clawbacks] == [("settlement-run:2", 110025)]
    november = client.get(url, {"period": "2026-11-20"}).context["table"].paginated_rows
    assert len(list(november)) == 2


@pytest.mark.django_db
def test_account_export_has_the_running_balance(booked, client_for):
    response = client_for(booked.head).get(reverse("ledger:account_detail", args=[booked.agent1.pk]),
                                           {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[-1] for row in rows[1:]] == [1200.5, 1100.25, 800.25]


@pytest.mark.django_db
def test_balance_endpoint_and_accounts(booked, client_for):
    client = client_for(booked.supervisor)
    response = client.get(reverse("api:ledger-account-balance", args=[booked.agent1.pk]), {"on": "2026-10-31"})
    assert response.json() == {"agent": "AG1", "on": "2026-10-31", "balance": "1200.50"}
    accounts = client.get(reverse("api:ledger-account-list")).json()["results"]
    assert {(a["code"], a["balance"]) for a in accounts} == {("AG1", "800.25"), ("AG2", "50.00")}
