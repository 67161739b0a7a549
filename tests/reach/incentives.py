"""Reach of scheme versions, settlement runs and statements (qudao.incentives).

Versions and runs: every staff member with reach; statements: by the agents a person can see; the
agent user only their own agent's sent statement (March), never the draft (April). Lines are rows
of a run's lines file, not a model: their reach follows the statements' and is tested in
qudao/incentives/tests/test_lines.py.
"""

import datetime as dt

from qudao.incentives.choices import RunStatus, StatementStatus
from qudao.incentives.engine.write import lines_file_from_rows
from qudao.incentives.models import SettlementRun, Statement
from qudao.incentives.services import version_approve, version_create, version_submit

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
]
EXEMPT = {"incentives:line_detail": "a line is (run, row number) of the run's lines file, not a model; "
                                    "reach tested in qudao/incentives/tests/test_lines.py"}


def _settle(cast, version, period, status, head):
    """A done run of `period` with one line and one statement per agent, written directly: the
    engine has its own tests, and reach only needs the rows (every reach test builds this world)."""
    run = SettlementRun.objects.create(period=period, scope_key="all", status=RunStatus.DONE, created_by=head,
                                       line_count=3, statement_count=3, total_fen=6000)
    rows = []
    for code in ("OA1", "OB1", "OC1"):
        outlet = cast.outlets[code]
        rows.append({"agent_id": outlet.agent_id, "outlet_id": outlet.pk, "grid_id": outlet.grid_id,
                     "external_id": f"INC-{code}-{period:%m}", "version_id": version.pk, "rule_key": "unit",
                     "rule_kind": "per_unit", "amount_fen": 2000, "held": False})
        Statement.objects.create(run=run, agent_id=outlet.agent_id, total_fen=2000, held_fen=0, payable_fen=2000,
                                 line_count=1, status=status)
    lines_file_from_rows(run, rows)
    return run


def populate(cast):
    u = cast.users
    version = version_create(scheme_code="INC-S", scheme_name="Reach", effective_from=dt.date(2019, 1, 1),
                             effective_to=dt.date(2019, 12, 31), rules=[{"key": "unit", "kind": "per_unit",
                                                                          "amount": "20.00"}], by=u["manager_a"])
    version = version_approve(version=version_submit(version=version, by=u["manager_a"]), by=u["head"])
    runs = {"mar": _settle(cast, version, MARCH, StatementStatus.SENT, u["head"]),
            "apr": _settle(cast, version, APRIL, StatementStatus.DRAFT, u["head"])}
    key = {cast.agents[k].pk: k[-1] for k in cast.agents}
    month = {runs["mar"].pk: "mar", runs["apr"].pk: "apr"}
    return {
        "inc_version": {"v1": version},
        "inc_run": runs,
        "inc_statement": {month[s.run_id] + key[s.agent_id]: s for s in Statement.objects.filter(run__in=runs.values())},
    }
