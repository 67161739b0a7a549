"""A channel manager works through the day's callbacks on a phone (390×844): the workbench with its
coverage, one callback with its script and dial link, an outcome recorded, a second one recorded
while the connection drops, and the coverage following along."""

import datetime as dt
import re

import pytest

from qudao.testing.cast import PASSWORD

pytestmark = pytest.mark.browser


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture
def sample(cast):
    """Yesterday OA1 sold 10 users; 15 % of them (2) are to be called back by manager_a."""
    from qudao.fieldwork.services import sample_callbacks
    from qudao.fieldwork.tests.helpers import make_product, make_records
    from qudao.fieldwork.weeks import local_date

    yesterday = local_date() - dt.timedelta(days=1)
    make_records(cast.outlets["OA1"], yesterday, 10, make_product())
    run, _created = sample_callbacks(day=yesterday)
    assert run.sampled == 2
    return run


def test_callbacks_on_a_phone(phone, live_server, cast, sample):
    from playwright.sync_api import expect

    from qudao.fieldwork.models import Callback

    context, page = phone
    log_in(page, live_server, cast.manager_a.username)
    workbench = f"{live_server.url}/callbacks/mine/"
    page.goto(workbench)
    expect(page.get_by_test_id("latest-done")).to_have_text("0")
    expect(page.get_by_test_id("latest-sampled")).to_have_text("2")
    expect(page.get_by_test_id("callback")).to_have_count(2)
    assert fits_the_screen(page)

    first = page.get_by_test_id("callback").first
    expect(first).to_contain_text("138****")
    first.click()
    page.wait_for_url(re.compile(r"/callbacks/\d+/$"))
    expect(page.get_by_test_id("script")).to_contain_text("Outlet OA1")
    expect(page.get_by_test_id("dial")).to_have_attribute("href", re.compile(r"^tel:138\d{8}$"))
    assert fits_the_screen(page)
    page.check("input[name=outcome][value=confirmed]")
    page.fill("textarea[name=note]", "本人办理，资费清楚")
    page.get_by_test_id("submit").click()

    page.wait_for_url(workbench)
    expect(page.get_by_test_id("latest-done")).to_have_text("1")
    expect(page.get_by_test_id("latest-pct")).to_have_text("10.0%")
    expect(page.get_by_test_id("callback")).to_have_count(1)

    page.get_by_test_id("callback").first.click()
    page.wait_for_url(re.compile(r"/callbacks/\d+/$"))
    page.check("input[name=outcome][value=not_reachable]")
    context.set_offline(True)  # the signal drops as the manager saves
    page.get_by_test_id("submit").click()
    expect(page.locator("[data-offline-status]")).to_have_class(re.compile("alert-warning"))
    assert Callback.objects.filter(status="done").count() == 1
    context.set_offline(False)  # back online: the kept outcome is sent by itself, once

    page.wait_for_url(workbench)
    expect(page.get_by_test_id("latest-done")).to_have_text("2")
    expect(page.get_by_test_id("latest-pct")).to_have_text("20.0%")
    expect(page.get_by_test_id("callback")).to_have_count(0)
    assert fits_the_screen(page)
    assert sorted(Callback.objects.values_list("outcome", flat=True)) == ["confirmed", "not_reachable"]
    assert set(Callback.objects.values_list("called_by__username", flat=True)) == {"manager_a"}


def test_field_work_pages_fit_a_phone(phone, live_server, cast, sample):
    context, page = phone
    log_in(page, live_server, cast.manager_a.username)
    for path in ("/callbacks/", "/callbacks/coverage/", "/visits/", "/visits/new/", "/problems/", "/problems/new/",
                 "/problems/ageing/", "/tasks/", "/training/", "/training/new/", "/sales-assistance/new/",
                 "/meetings/", "/meetings/pack/", "/meetings/new/", "/diary/write/", "/diary/summary/",
                 "/scorecards/"):
        page.goto(f"{live_server.url}{path}")
        assert fits_the_screen(page), path
    page.goto(f"{live_server.url}/diary/write/")  # the diary form goes through field.js as well
    page.fill("textarea[name=plan_tomorrow]", "回访 OA1 剩余用户")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/diary/\d+/$"))
    assert fits_the_screen(page)
