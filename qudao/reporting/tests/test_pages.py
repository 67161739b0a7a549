import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook

from qudao.channels.choices import ChannelType, OutletStatus
from qudao.channels.models import Outlet
from qudao.channels.services import open_assignment
from qudao.territory.choices import NodeKind
from qudao.territory.services import node_create
from qudao.testing.cast import OPENED

from .conftest import AS_OF, add_rollups, query

pytestmark = pytest.mark.django_db


def _records_list_exists() -> bool:
    try:
        reverse("sales:record_list")
        return True
    except NoReverseMatch:
        return False


@pytest.mark.parametrize("persona, title", [
    ("manager_a", "Grid A"), ("supervisor", "County 1"), ("head", "Company"), ("agent_user", "Agent 1"),
])
def test_landing_page_opens_on_the_persons_level(world, client_for, persona, title):
    response = client_for(world.users[persona]).get(reverse("reporting:dashboard"), query())
    assert response.status_code == 200
    assert response.context["subject"].title == title


def test_landing_page_shows_the_empty_state_without_reach(world, client_for):
    response = client_for(world.outsider).get(reverse("reporting:dashboard"))
    assert response.status_code == 200 and b"empty-reach" in response.content


def test_agent_user_page_has_only_its_outlets(world, client_for):
    response = client_for(world.agent_user).get(reverse("reporting:dashboard"), query())
    codes = {row.code for row, _url in response.context["page"].object_list}
    assert codes == {"OA1", "OA2"} and response.context["dashboard"].totals.records == 19


def test_drill_down_goes_company_to_branch_and_grid_to_records(world, client_for):
    client = client_for(world.head)
    company = client.get(reverse("reporting:node_detail", args=[world.company.pk]), query())
    links = [url for _row, url in company.context["page"].object_list]
    assert links == [reverse("reporting:node_detail", args=[world.branch.pk]) + "?period=month&as_of=2026-03-18"]
    grid = client.get(reverse("reporting:node_detail", args=[world.grid_a.pk]), query())
    assert [n for n, _u in grid.context["crumbs"]] == ["Company", "Branch", "County 1", "Area 1"]
    outlet_links = {row.code: url for row, url in grid.context["page"].object_list}
    if _records_list_exists():
        assert outlet_links["OA1"].startswith(reverse("sales:record_list"))
        assert "outlet=OA1" in outlet_links["OA1"] and "date_from=2026-03-01" in outlet_links["OA1"]
        assert "date_to=2026-03-18" in outlet_links["OA1"]
        assert "grid=GA" in grid.context["records_link"]
    else:
        assert outlet_links == {"OA1": None, "OA2": None}


def test_a_supervisor_cannot_open_the_company_dashboard(world, client_for):
    client = client_for(world.supervisor)
    assert client.get(reverse("reporting:node_detail", args=[world.company.pk])).status_code == 404
    assert client.get(reverse("reporting:node_detail", args=[world.grid_c.pk])).status_code == 404


def _more_outlets(cast, n=12):
    for i in range(n):
        outlet = Outlet.objects.create(code=f"QX{i}", name=f"Extra {i}", grid=cast.grid_a, agent=cast.agent1,
                                       outlet_type=ChannelType.RETAILER, opening_date=OPENED, status=OutletStatus.ACTIVE)
        open_assignment(outlet=outlet, agent=cast.agent1, grid=cast.grid_a, on=OPENED, reason="open")
        cast.outlets[outlet.code] = outlet
    add_rollups(cast, [(AS_OF, f"QX{i}", "plan", 1, 100, 1, 100) for i in range(n)])


def _count(client, url, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("route, persona", [
    ("reporting:dashboard", "manager_a"), ("reporting:dashboard", "agent_user"), ("reporting:node_list", "head"),
])
def test_page_query_counts_are_pinned(world, client_for, route, persona):
    client = client_for(world.users[persona])
    url = reverse(route)
    small = _count(client, url, query())
    _more_outlets(world)
    for i in range(4):
        node_create(code=f"XA{i}", name=f"Extra area {i}", kind=NodeKind.AREA, parent=world.county2, by=None)
    assert _count(client, url, query()) == small
    assert small <= 24, small


def test_statistics_export_has_the_summary_and_escapes_cells(world, client_for):
    node_create(code="=EVIL", name="=HYPERLINK(\"x\")", kind=NodeKind.GRID, parent=world.area2, by=None)
    response = client_for(world.head).get(
        reverse("reporting:node_statistics", args=[world.company.pk]), {"kind": "month", "as_of": "2026-03-31"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    summary = [row[0] for row in workbook.worksheets[0].iter_rows(values_only=True) if row and row[0]]
    assert summary[0] == "Company2026年3月发展情况分析"
    assert "本期共发展52笔" in summary[1] and "有效发展率67.3%" in summary[1]  # 35 of 52 incl. 20 March
    assert "完成率52.0%" in summary[2]
    assert "发展量较上期增长550.0%" in summary[3] and "上期8笔" in summary[3]
    assert "最好的网格为Grid A（65.0%）" in summary[4]
    units = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert ("=EVIL" not in [r[0] for r in units]) and ("'=EVIL" in [r[0] for r in units])


def test_monthly_pack_has_every_sheet(world, client_for):
    response = client_for(world.supervisor).get(
        reverse("reporting:node_pack", args=[world.county1.pk]), {"as_of": "2026-03-05"})
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 6
    agents = {row[0]: row for row in workbook.worksheets[2].iter_rows(min_row=2, values_only=True)}
    assert set(agents) == {"AG1", "AG2"} and agents["AG1"][3] == 26  # 10 + 5 + 4 + 7 in March
    daily = list(workbook.worksheets[4].iter_rows(min_row=2, values_only=True))
    assert len(daily) == 31 and daily[1][1] == 10
    laggards = [row[0] for row in workbook.worksheets[5].iter_rows(min_row=2, values_only=True)]
    assert laggards == ["AG1"]  # the only agent with (outlet) targets


def test_exports_are_404_beyond_reach(world, client_for):
    client = client_for(world.manager_a)
    assert client.get(reverse("reporting:node_pack", args=[world.company.pk])).status_code == 404
    assert client.get(reverse("reporting:node_statistics", args=[world.grid_b.pk])).status_code == 404


def test_node_list_shows_period_figures(world, client_for):
    response = client_for(world.head).get(reverse("reporting:node_list"), query(kind="grid"))
    table = response.context["table"]
    rows = {row.record.code: row for row in table.paginated_rows}
    assert set(rows) == {"GA", "GB", "GC"} and table.figures(rows["GA"].record).records == 19
    assert rows["GA"].get_cell("attainment") == "47.5%" and rows["GB"].get_cell("effective_rate") == "50.0%"
    assert dt.date(2026, 3, 18) == response.context["period"].as_of
