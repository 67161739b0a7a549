"""Issue 4 end to end in a real browser: a manager writes a scheme, the head approves it, the
manager settles October for their grid and sends the statements, the agent's head disputes a
line, the manager accepts it with an adjustment, and the agent confirms the statement."""

import datetime as dt
import json
import re

import pytest

from qudao.testing.cast import PASSWORD

pytestmark = pytest.mark.browser

RULES = [{"key": "unit", "kind": "per_unit", "amounts": {"P1": "20.00"}}]


def log_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def submit(page) -> None:
    page.locator("form button[type=submit]").last.click()


@pytest.fixture
def october(cast, settings):
    from qudao.incentives.tests.helpers import World

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    world = World(cast)
    for n in range(3):
        world.record("OA1", day=dt.date(2026, 10, 5 + n), ext=f"OCT-{n}")
    world.record("OB1", day=dt.date(2026, 10, 6), ext="OCT-B")  # grid B: not in manager A's run
    world.parquet()
    return world


def test_scheme_to_confirmed_statement(chromium, live_server, cast, october):
    from playwright.sync_api import expect

    from qudao.incentives.models import SettlementRun, Statement
    from qudao.ledger.models import LedgerEntry

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(20_000)
    page, base = context.new_page(), live_server.url

    log_in(page, base, cast.manager_a.username)
    page.goto(f"{base}/incentives/schemes/new/")
    page.fill("input[name=scheme_code]", "OCT-UNIT")
    page.fill("input[name=scheme_name]", "十月单产佣金")
    page.fill("input[name=effective_from]", "2026-10-01")
    page.fill("textarea[name=rules]", json.dumps(RULES))
    submit(page)
    page.wait_for_url(re.compile(r"/incentives/schemes/\d+/$"))
    version_url = page.url
    page.locator(f"a[href$='{version_url.removeprefix(base)}submit/']").click()
    submit(page)
    page.wait_for_url(version_url)

    log_in(page, base, cast.head.username)
    page.goto(version_url)
    page.get_by_test_id("approve").click()
    submit(page)
    page.wait_for_url(version_url)

    log_in(page, base, cast.manager_a.username)
    page.goto(f"{base}/incentives/runs/new/")
    page.fill("input[name=period]", "2026-10-01")
    page.select_option("select[name=scope]", str(cast.grid_a.pk))
    submit(page)
    page.wait_for_url(re.compile(r"/incentives/runs/\d+/$"))
    run = SettlementRun.objects.get()
    assert run.status == "done", run.message
    assert run.total_fen == 3 * 2000 and run.statement_count == 1  # OA1's three records, not grid B's
    page.reload()
    page.locator(f"a[href$='/incentives/runs/{run.pk}/send/']").click()
    submit(page)
    page.wait_for_url(re.compile(r"/incentives/runs/\d+/$"))
    statement = Statement.objects.get()
    assert statement.status == "sent"

    log_in(page, base, cast.agent_user.username)
    page.goto(f"{base}/statements/")
    page.get_by_test_id("statement-table").locator("tbody a").first.click()
    expect(page.get_by_test_id("lines")).to_contain_text("OCT-1")
    page.get_by_test_id("lines").locator("tr", has_text="OCT-1").get_by_role("link").last.click()
    page.fill("textarea[name=comment]", "OCT-1 是宽带，不是套餐")
    submit(page)
    expect(page.get_by_test_id("disputes")).to_contain_text("OCT-1")
    assert page.get_by_test_id("confirm").count() == 0  # not while a dispute is open

    log_in(page, base, cast.manager_a.username)
    page.goto(f"{base}/statements/disputes/")
    page.get_by_test_id("dispute-table").locator("tbody a").first.click()
    page.get_by_test_id("answer").click()
    page.locator("input[name=decision][value=accept]").check()
    page.fill("textarea[name=answer]", "已核实，按宽带补差")
    page.fill("input[name=adjustment]", "30.00")
    submit(page)
    page.wait_for_url(re.compile(r"/statements/disputes/\d+/$"))
    assert LedgerEntry.objects.get(kind="adjustment").amount_fen == 3000

    log_in(page, base, cast.agent_user.username)
    page.goto(f"{base}/statements/{statement.pk}/")
    page.get_by_test_id("confirm").click()
    page.wait_for_url(re.compile(rf"/statements/{statement.pk}/$"))
    statement.refresh_from_db()
    assert statement.status == "confirmed"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
