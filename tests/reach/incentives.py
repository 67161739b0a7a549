"""Reach of scheme versions, settlement runs, lines and statements (qudao.incentives).

Versions and runs: every staff member with reach; statements and lines: by the agents a person
can see; the agent user only their own agent's sent statement (March), never the draft (April).
"""

import datetime as dt

from django.utils import timezone

from qudao.incentives.models import SettlementLine, Statement
from qudao.incentives.runs import execute_run, send_statements, start_run
from qudao.incentives.services import version_approve, version_create, version_submit
from qudao.sales.models import DevelopmentRecord, Product

from . import ModelSpec

MARCH, APRIL = dt.date(2019, 3, 1), dt.date(2019, 4, 1)  # months no other area writes facts for
STAFF = ("manager_a", "manager_b", "supervisor", "analyst", "head")
BY_AGENT = {"manager_a": ("mar1", "apr1"), "manager_b": ("mar2", "apr2"),
            "supervisor": ("mar1", "mar2", "apr1", "apr2"), "analyst": ("mar1", "mar2", "mar3", "apr1", "apr2", "apr3"),
            "head": ("mar1", "mar2", "mar3", "apr1", "apr2", "apr3"), "agent_user": ("mar1",), "outsider": ()}

SPECS = [
    ModelSpec("inc_version", ("incentives:version_",), "api:scheme-version-",
              {**{p: ("v1",) for p in STAFF}, "agent_user": (), "outsider": ()}),
    ModelSpec("inc_run", ("incentives:run_",), "api:settlement-run-",
              {**{p: ("mar", "apr") for p in STAFF}, "agent_user": (), "outsider": ()}),
    ModelSpec("inc_statement", ("incentives:statement_",), "api:statement-", BY_AGENT),
    ModelSpec("inc_line", ("incentives:line_",), "api:settlement-line-", BY_AGENT),
]
EXEMPT = {}


def _records(cast) -> None:
    product = Product.objects.create(code="INC-P", name="Plan", category="mobile_plan", active_from=dt.date(2018, 1, 1))
    for month in (MARCH, APRIL):
        for code in ("OA1", "OB1", "OC1"):
            outlet = cast.outlets[code]
            day = month + dt.timedelta(days=4)
            DevelopmentRecord.objects.create(
                external_id=f"INC-{code}-{month:%m}", sold_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10))),
                sold_on=day, outlet_id=outlet.pk, agent_id=outlet.agent_id, grid_id=outlet.grid_id, product=product,
                customer_hash="0" * 64, subscriber_no="13800138000", fee_fen=3900, batch_id=1)


def _run(period, head):
    return execute_run(start_run(period=period, user=head).pk)


def populate(cast):
    u = cast.users
    _records(cast)
    version = version_create(scheme_code="INC-S", scheme_name="Reach", effective_from=dt.date(2019, 1, 1),
                             effective_to=dt.date(2019, 12, 31), rules=[{"key": "unit", "kind": "per_unit",
                                                                          "amount": "20.00"}], by=u["manager_a"])
    version = version_approve(version=version_submit(version=version, by=u["manager_a"]), by=u["head"])
    runs = {"mar": _run(MARCH, u["head"])}
    send_statements(run=runs["mar"], user=u["head"])
    runs["apr"] = _run(APRIL, u["head"])
    # The sales spec lists exactly its own records: the runs keep what they need in their lines.
    DevelopmentRecord.objects.filter(external_id__startswith="INC-").delete()
    key = {cast.agents[k].pk: k[-1] for k in cast.agents}
    month = {runs["mar"].pk: "mar", runs["apr"].pk: "apr"}
    return {
        "inc_version": {"v1": version},
        "inc_run": runs,
        "inc_statement": {month[s.run_id] + key[s.agent_id]: s for s in Statement.objects.filter(run__in=runs.values())},
        "inc_line": {month[x.run_id] + key[x.agent_id]: x for x in SettlementLine.objects.filter(run_id__in=[r.pk for r in runs.values()])},
    }
