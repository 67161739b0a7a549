"""The pages and API endpoints: list, detail, decomposition (with the suggested split), export."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from qudao.targets.models import CalendarException, Target

from .helpers import rollup, target, value_of


@pytest.fixture
def grid_target(cast):
    return target(100, node=cast.grid_a)


def test_list_filters_and_empty_state(cast, client_for, grid_target):
    client = client_for(cast.head)
    page = client.get(reverse("targets:target_list"), {"period": "2026-11", "metric": "records"})
    assert page.status_code == 200 and grid_target in [row.record for row in page.context["table"].paginated_rows]
    empty = client.get(reverse("targets:target_list"), {"period": "2026Q4"})
    assert "Nothing here yet" in empty.content.decode() or not list(empty.context["table"].paginated_rows)
    under = client.get(reverse("targets:target_list"), {"node": "C2"})
    assert not list(under.context["table"].paginated_rows)


def test_detail_shows_children_and_the_banner(cast, client_for, grid_target):
    target(30, outlet=cast.OA1)
    page = client_for(cast.manager_a).get(reverse("targets:target_detail", args=[grid_target.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and "Outlet OA1" in body and "Outlet OA2" in body
    assert 'data-testid="rebalance-banner"' in body and "70" in body
    assert 'data-testid="decompose-link"' in body


def test_decomposition_page_saves_a_consistent_split(cast, client_for, grid_target):
    client = client_for(cast.manager_a)
    url = reverse("targets:target_decompose", args=[grid_target.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {f"outlet_{cast.OA1.pk}": "60", f"outlet_{cast.OA2.pk}": "30"})
    assert refused.status_code == 200
    assert "10" in " ".join(refused.context["form"].non_field_errors())
    assert value_of(outlet=cast.OA1) is None
    saved = client.post(url, {f"outlet_{cast.OA1.pk}": "60", f"outlet_{cast.OA2.pk}": "40"})
    assert saved.status_code == 302
    assert value_of(outlet=cast.OA1) == 60 and value_of(outlet=cast.OA2) == 40


def test_decomposition_page_prefills_the_suggestion(cast, client_for, grid_target):
    rollup(cast.OA1, dt.date(2026, 10, 5), records=3)
    rollup(cast.OA2, dt.date(2026, 10, 6), records=1)
    page = client_for(cast.manager_a).get(reverse("targets:target_decompose", args=[grid_target.pk]), {"suggest": 1})
    form = page.context["form"]
    assert form[f"outlet_{cast.OA1.pk}"].initial == 75 and form[f"outlet_{cast.OA2.pk}"].initial == 25


def test_revenue_is_entered_in_yuan(cast, client_for):
    revenue = target(100_000, node=cast.grid_a, metric="revenue_fen")
    url = reverse("targets:target_decompose", args=[revenue.pk])
    response = client_for(cast.manager_a).post(url, {f"outlet_{cast.OA1.pk}": "600.50", f"outlet_{cast.OA2.pk}": "399.50"})
    assert response.status_code == 302
    assert value_of(outlet=cast.OA1, metric="revenue_fen") == 60_050


def test_analyst_cannot_open_the_write_pages(cast, client_for, grid_target):
    client = client_for(cast.analyst)
    assert client.get(reverse("targets:target_create")).status_code == 403
    assert client.post(reverse("targets:target_decompose", args=[grid_target.pk]), {}).status_code == 403


def test_create_page(cast, client_for):
    response = client_for(cast.head).post(reverse("targets:target_create"), {
        "code": "CO", "period": "2026Q4", "metric": "revenue_fen", "category": "", "value": "1234.56"})
    assert response.status_code == 302
    created = Target.objects.get(node=cast.company)
    assert created.value == 123_456 and created.period_kind == "quarter"


def test_export_reads_back_in_the_import_columns(cast, client_for, grid_target):
    target(1_000_050, node=cast.company, metric="revenue_fen")
    response = client_for(cast.head).get(reverse("targets:target_list"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0] == ("节点或网点编码", "周期", "指标", "产品类别", "目标值")
    assert ("CO", "2026-11", "收入（元）", None, 10000.5) in rows or ("CO", "2026-11", "收入（元）", "", 10000.5) in rows


def test_calendar_pages(cast, client_for):
    day = CalendarException.objects.create(date=dt.date(2026, 10, 1), is_workday=False, name="National Day")
    page = client_for(cast.manager_a).get(reverse("targets:calendar_list"), {"year": 2026})
    assert page.status_code == 200 and page.context["months"][9]["working_days"] == 21
    assert client_for(cast.manager_a).get(reverse("targets:calendar_create")).status_code == 403
    head = client_for(cast.head)
    assert head.post(reverse("targets:calendar_create"), {"date": "2026-10-10", "is_workday": "on", "name": "Make-up"}
                     ).status_code == 302
    assert head.post(reverse("targets:calendar_delete", args=[day.pk]), {"confirm": "on"}).status_code == 302
    assert list(CalendarException.objects.values_list("name", flat=True)) == ["Make-up"]


# --- API -----------------------------------------------------------------------------------

def test_api_decompose_is_all_or_nothing(cast, client_for, grid_target):
    client = client_for(cast.manager_a)
    url = reverse("api:target-decompose", args=[grid_target.pk])
    bad = client.post(url, {"children": [{"outlet": "OA1", "value": 60}, {"outlet": "OA2", "value": 50}]},
                      content_type="application/json")
    assert bad.status_code == 400 and "10" in str(bad.json())
    assert not Target.objects.filter(outlet__isnull=False).exists()
    good = client.post(url, {"children": [{"outlet": "OA1", "value": 60}, {"outlet": "OA2", "value": 40}]},
                       content_type="application/json")
    assert good.status_code == 200 and {row["outlet"]: row["value"] for row in good.json()} == {"OA1": 60, "OA2": 40}
    foreign = client.post(url, {"children": [{"outlet": "OB1", "value": 100}]}, content_type="application/json")
    assert foreign.status_code == 400


def test_api_suggest(cast, client_for, grid_target):
    rollup(cast.OA1, dt.date(2026, 9, 5), records=1)
    response = client_for(cast.head).get(reverse("api:target-suggest", args=[grid_target.pk]))
    assert [(row["code"], row["suggested"]) for row in response.json()] == [("OA1", 100), ("OA2", 0)]


def test_api_create_and_update(cast, client_for):
    client = client_for(cast.head)
    created = client.post(reverse("api:target-list"), {"period_kind": "month", "period_start": "2026-11-15",
                                                       "metric": "records", "node": "C1", "value": 50},
                          content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["period_start"] == "2026-11-01"
    pk = created.json()["id"]
    updated = client.patch(reverse("api:target-detail", args=[pk]), {"value": 70}, content_type="application/json")
    assert updated.status_code == 200 and updated.json()["value"] == 70
    denied = client_for(cast.analyst).patch(reverse("api:target-detail", args=[pk]), {"value": 1},
                                            content_type="application/json")
    assert denied.status_code == 403
    outside = client_for(cast.manager_a).post(reverse("api:target-list"), {
        "period_kind": "month", "period_start": "2026-11-01", "metric": "records", "outlet": "OB1", "value": 5},
        content_type="application/json")
    assert outside.status_code == 400  # OB1 is not an outlet manager A can name
