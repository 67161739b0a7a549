"""End to end in a real browser: log in, filter the outlet list by grid, open an outlet."""

import re

import pytest

from qudao.testing.cast import PASSWORD

pytestmark = pytest.mark.browser


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_supervisor_filters_outlets_by_grid_and_opens_one(page, live_server, cast):
    from playwright.sync_api import expect

    log_in(page, live_server, cast.supervisor.username)
    page.goto(f"{live_server.url}/outlets/")
    table = page.get_by_test_id("outlet-table")
    expect(table).to_contain_text("OB1")  # the supervisor's reach spans grids A and B

    filter_form = page.get_by_test_id("filter-form")
    filter_form.locator("input[name=grid]").fill(cast.grid_a.code)
    filter_form.locator("button[type=submit]").click()

    expect(table).not_to_contain_text("OB1")
    expect(table).to_contain_text("OA1")
    expect(table).to_contain_text("OA2")
    expect(table).not_to_contain_text("OC1")

    table.get_by_role("link", name="OA1", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/outlets/{cast.outlets['OA1'].pk}/$"))
    expect(page.locator("body")).to_contain_text("OA1")
