import pytest
from django.urls import reverse

from .conftest import query

pytestmark = pytest.mark.django_db


def test_summary_of_a_node(world, client_for):
    data = client_for(world.head).get(reverse("api:reporting-node-detail", args=[world.company.pk]), query()).json()
    assert data["totals"]["records"] == 45 and data["totals"]["effective_rate"] == "62.2"
    assert data["development"] == {"actual": 45, "target": "100.00", "prorated_target": "59.09",
                                   "attainment": "45.0", "pace": "76.2"}
    assert data["period"]["first"] == "2026-03-01" and data["period"]["until"] == "2026-03-18"


def test_ranking_and_series(world, client_for):
    client = client_for(world.supervisor)
    ranking = client.get(reverse("api:reporting-node-ranking", args=[world.area1.pk]), query()).json()
    assert [(r["code"], r["development"]["attainment"]) for r in ranking] == [("GA", "47.5"), ("GB", "30.0")]
    series = client.get(reverse("api:reporting-node-series", args=[world.grid_a.pk]), query(period="week")).json()
    assert series["days"][0] == "2026-03-16" and series["records"][:4] == [0, 0, 5, None]


def test_list_carries_period_figures_and_targets(world, client_for):
    rows = client_for(world.manager_b).get(reverse("api:reporting-node-list"), query()).json()["results"]
    assert rows == [{"id": world.grid_b.pk, "code": "GB", "name": "Grid B", "kind": "grid", "parent": world.area1.pk,
                     "records": 6, "fee_fen": 30_000, "effective": 3, "effective_fee_fen": 15_000,
                     "records_target": "20.00", "revenue_target": None}]


def test_mine_is_the_agents_own_figures_for_an_agent_user(world, client_for):
    client = client_for(world.agent_user)
    data = client.get(reverse("api:reporting-node-mine"), query()).json()
    assert data["title"] == "Agent 1" and data["totals"]["records"] == 19 and data["node"] is None
    assert client.get(reverse("api:reporting-node-detail", args=[world.grid_a.pk])).status_code == 404
    assert client.get(reverse("api:reporting-node-list")).json()["results"] == []


def test_scoped_like_missing(world, client_for):
    client = client_for(world.manager_a)
    for route in ("api:reporting-node-detail", "api:reporting-node-series", "api:reporting-node-ranking"):
        assert client.get(reverse(route, args=[world.grid_b.pk])).status_code == 404
    assert client_for(world.outsider).get(reverse("api:reporting-node-mine")).status_code == 404


def test_bad_period_is_a_400(world, client_for):
    response = client_for(world.head).get(reverse("api:reporting-node-list"), {"period": "decade"})
    assert response.status_code == 400


def test_schema_documents_the_endpoints(world, client_for):
    schema = client_for(world.head).get(reverse("api:schema"), {"format": "json"}).json()
    paths = schema["paths"]
    assert "/api/v1/reporting/nodes/{id}/series/" in paths and "/api/v1/reporting/nodes/mine/" in paths
    params = {p["name"] for p in paths["/api/v1/reporting/nodes/{id}/"]["get"]["parameters"]}
    assert {"period", "as_of", "category"} <= params
