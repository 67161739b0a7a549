import datetime as dt

import pytest

from qudao.channels.models import AgentUser
from qudao.incentives.engine.write import lines_file_from_rows
from qudao.incentives.lines import LineQuery
from qudao.incentives.models import SettlementRun, Statement

OCTOBER = dt.date(2026, 10, 1)


class Sheet:
    """Agent 1's sent October statement with three lines, and agent 2's with one."""

    def __init__(self, cast):
        self.cast = cast
        self.run = SettlementRun.objects.create(period=OCTOBER, status="done", scope_key="all")
        self.version = _version()
        self.rows = []
        self.statement = self._statement("agent1", [("R1", 5000, False), ("R2", 3000, False), ("R3", 2000, True)])
        self.other = self._statement("agent2", [("R9", 1000, False)])
        lines_file_from_rows(self.run, self.rows)
        self.head = cast.users["agent_user"]

    def _statement(self, agent_key, lines):
        agent = self.cast.agents[agent_key]
        self.rows += [{"agent_id": agent.pk, "external_id": ext, "version_id": self.version.pk, "rule_key": "unit",
                       "rule_kind": "per_unit", "amount_fen": fen, "held": held}
                      for ext, fen, held in lines]
        total = sum(fen for _e, fen, _h in lines)
        held = sum(fen for _e, fen, h in lines if h)
        return Statement.objects.create(run=self.run, agent=agent, total_fen=total, held_fen=held,
                                        payable_fen=total - held, line_count=len(lines), status="sent")

    def line(self, ext):
        (line,) = LineQuery(self.run).filter(external_id=ext)
        return line

    def clerk(self):
        """A second login of agent 1 who is not its head."""
        from qudao.accounts.models import User

        user = User.objects.create_user("agent-clerk", password="x", role=self.head.role)
        AgentUser.objects.create(user=user, agent=self.cast.agents["agent1"], is_head=False)
        return user


def _version():
    from qudao.incentives.models import Scheme, SchemeVersion

    scheme = Scheme.objects.create(code="T", name="Test scheme")
    return SchemeVersion.objects.create(scheme=scheme, number=1, effective_from=OCTOBER, rules=[])


@pytest.fixture
def sheet(cast):
    return Sheet(cast)
