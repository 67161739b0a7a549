"""The seed_demo command: empty database in, demo province out; anything else is refused."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from qudao.accounts.models import User
from qudao.channels.models import Outlet
from qudao.demo.generate import seed_demo
from qudao.territory.models import TerritoryNode

AS_OF = dt.date(2026, 6, 30)
SMALL = 0.1


def run_seed_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", "--scale", str(SMALL), "--records-per-month", "0", *args, stdout=out)
    return out.getvalue()


def outlet_fingerprint() -> list[tuple]:
    return list(
        Outlet.objects.order_by("code").values_list("code", "name", "agent__code", "grid__code", "status")
    )


def seeded_then_rolled_back(seed: int) -> list[tuple]:
    with transaction.atomic():
        seed_demo(seed=seed, scale=SMALL, as_of=AS_OF, log=lambda _line: None, records_per_month=0)
        fingerprint = outlet_fingerprint()
        transaction.set_rollback(True)
    return fingerprint


@pytest.fixture
def demo(db):
    seed_demo(scale=SMALL, as_of=AS_OF, log=lambda _line: None, records_per_month=0)  # sales: test_demo_sales


def test_the_same_seed_gives_the_same_outlets(db):
    first = seeded_then_rolled_back(seed=7)
    assert first == seeded_then_rolled_back(seed=7)
    assert first != seeded_then_rolled_back(seed=8)
    assert len(first) > 100


def test_command_seeds_an_empty_database_and_prints_the_logins(db):
    output = run_seed_demo("--password", "another-demo-pass-1")
    assert "demo-manager-a" in output and "another-demo-pass-1" in output
    assert User.objects.get(username="demo-head").check_password("another-demo-pass-1")


def test_command_is_a_no_op_on_a_demo_database(demo):
    outlets = Outlet.objects.count()
    assert "already loaded" in run_seed_demo()
    assert Outlet.objects.count() == outlets


@pytest.mark.django_db(transaction=True)
def test_reset_reloads_the_same_data():
    run_seed_demo("--seed", "3")
    before = outlet_fingerprint()
    run_seed_demo("--seed", "3", "--reset")
    assert outlet_fingerprint() == before


def test_command_refuses_a_database_with_other_users(db):
    User.objects.create_user(username="alice", password="x")
    with pytest.raises(CommandError, match="did not create"):
        run_seed_demo()
    assert not TerritoryNode.objects.exists()


def test_command_refuses_a_database_with_real_data_even_with_reset(cast):
    with pytest.raises(CommandError, match="did not create"):
        run_seed_demo("--reset")
    assert Outlet.objects.filter(code="OA1").exists()
