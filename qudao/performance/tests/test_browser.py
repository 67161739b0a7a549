"""On a phone: the manager opens their follow-up list and records a call's outcome."""

import datetime as dt
import os
from pathlib import Path

import pytest

from qudao.performance.choices import FollowUpKind, FollowUpStatus
from qudao.performance.models import FollowUp
from qudao.testing.cast import PASSWORD

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; CI must run the browser tests")
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
        context.set_default_timeout(10_000)
        yield context.new_page()
        browser.close()


def test_manager_records_a_call_on_a_phone(phone, live_server, cast):
    from playwright.sync_api import expect

    followup = FollowUp.objects.create(
        agent=cast.agent1, grid=cast.grid_a, assignee=cast.manager_a, kind=FollowUpKind.CALL,
        flagged_on=dt.date(2026, 10, 15), as_of=dt.date(2026, 10, 14), due_on=dt.date(2026, 10, 15),
        reason="Month to 10-14: 10 records, 30.00 expected",
    )
    phone.goto(f"{live_server.url}/accounts/login/?next=/follow-ups/%3Fmine%3Dtrue%26status%3Dopen")
    phone.fill("input[name=username]", cast.manager_a.username)
    phone.fill("input[name=password]", PASSWORD)
    phone.click("form button[type=submit]")

    cards = phone.get_by_test_id("followups")
    expect(cards).to_contain_text("Agent 1")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    phone.locator(f"a[href='/follow-ups/{followup.pk}/outcome/']").click()

    form = phone.get_by_test_id("outcome-form")
    form.locator("input[name=reached][value=yes]").check()
    form.locator("select[name=lag_reason]").select_option("stock")
    form.locator("textarea[name=promised_action]").fill("Order 50 SIM cards by Friday")
    form.locator("button[type=submit]").click()

    expect(phone.get_by_test_id("quick-filters")).to_be_visible()
    followup.refresh_from_db()
    assert (followup.status, followup.lag_reason, followup.promised_action) == (
        FollowUpStatus.DONE, "stock", "Order 50 SIM cards by Friday")
    if os.environ.get("QUDAO_SCREENSHOTS"):
        phone.goto(f"{live_server.url}/follow-ups/")
        phone.screenshot(path=os.path.join(os.environ["QUDAO_SCREENSHOTS"], "followups-phone.png"), full_page=True)
