"""The phone pages: every page renders for the people who may see it (also empty), list pages
are cards with a constant number of queries, and the monthly report exports to Excel."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from qudao.inspections.choices import InspectionKind

from .conftest import check_in, finish, shanghai

pytestmark = pytest.mark.django_db

LIST_PAGES = ["inspections:inspection_list", "inspections:rectification_list", "inspections:violation_list",
              "inspections:plan_list", "inspections:template_list"]
PAGES = [*LIST_PAGES, "inspections:inspection_start", "inspections:monthly_report", "inspections:plan_week",
         "inspections:rectification_create", "inspections:violation_create"]
MARCH = shanghai(2025, 3, 11, 10)


@pytest.mark.parametrize("route", PAGES)
def test_every_page_renders_empty_on_a_phone_layout(field, client_for, route):
    response = client_for(field.manager_a).get(reverse(route))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    assert "<table" not in html  # cards and lists, never a wide table


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow(cast, n):
    for i in range(n):
        outlet = cast.outlets["OA1" if i % 2 else "OA2"]
        finish(check_in(cast.manager_a, outlet, at=shanghai(2025, 3, 1 + i, 10)),
               failing={"店内宣传海报为当期有效版本，无过期物料", "无高于公司指导价销售"})


@pytest.mark.parametrize("route", LIST_PAGES)
def test_list_pages_cost_a_constant_number_of_queries(field, client_for, route):
    from qudao.inspections.services import plan_save
    from qudao.inspections.weeks import local_date

    client = client_for(field.supervisor)
    _grow(field, 1)
    plan_save(by=field.manager_a, week=local_date(), outlet_ids=[field.outlets["OA1"].pk])
    small = _count(client, reverse(route))
    _grow(field, 6)
    plan_save(by=field.manager_b, week=local_date(), outlet_ids=[field.outlets["OB1"].pk])
    assert _count(client, reverse(route)) == small <= 14


def test_detail_pages_show_results_flags_and_follow_up(field, client_for):
    inspection = finish(check_in(field.manager_a, field.outlets["OA1"], at=MARCH, lat="23.111", lng="113.3245"),
                        minutes=4, failing={"无截留客户预存款"})
    html = client_for(field.supervisor).get(inspection.get_absolute_url()).content.decode()
    assert 'data-testid="flag-geofence"' in html and 'data-testid="flag-short"' in html
    assert re.search(r'data-testid="distance">\s*500 (m|米)', html)
    assert "无截留客户预存款" in html
    violation = inspection.violations.get()
    assert violation.get_absolute_url() in html and inspection.rectifications.get().get_absolute_url() in html
    template = inspection.template
    assert client_for(field.manager_b).get(template.get_absolute_url()).status_code == 200


def _assess(cast, code, manager, failing=()):
    return finish(check_in(manager, cast.outlets[code], at=MARCH, kind=InspectionKind.MONTHLY), failing=set(failing))


def test_monthly_report_page_and_excel(field, client_for):
    _assess(field, "OA1", field.manager_a, failing={"当月发展量完成情况", "资金按时上划"})
    _assess(field, "OB1", field.manager_b)
    _assess(field, "OC1", field.head)
    finish(check_in(field.manager_a, field.outlets["OA2"], at=MARCH))  # routine: not in the report
    url = reverse("inspections:monthly_report")

    page = client_for(field.supervisor).get(url, {"month": "2025-03"})
    assert [i.outlet.code for i in page.context["page"]] == ["OA1", "OB1"]  # the supervisor's reach
    summary = page.context["summary"]
    assert summary["assessed"] == 2 and summary["authorised"] == 3 and summary["average"] == 85
    assert summary["top_failed"][0]["n"] == 1
    assert "当月发展量完成情况" in page.content.decode()
    assert client_for(field.supervisor).get(url, {"month": "2025-04"}).context["page"].paginator.count == 0

    export = client_for(field.head).get(url, {"month": "2025-03", "export": "xlsx"})
    assert export.status_code == 200 and "monthly-assessment-2025-03" in export["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(rows) == 4
    assert rows[1][0] == "OA1" and float(rows[1][6]) == 70.0 and "资金按时上划" in rows[1][8]
    assert client_for(field.agent_user).get(url).status_code == 403
