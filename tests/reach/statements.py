"""Reach of sent statements and their disputes (qudao.statements): whoever may see the agent.

The statements are the sent March ones that tests/reach/incentives.py settles (modules populate in
name order); April's drafts never leave the settlement desk, so nobody sees them here.
"""

from qudao.incentives.models import Statement
from qudao.statements.models import StatementDispute

from . import ModelSpec

BY_AGENT = {
    "manager_a": ("S1",), "manager_b": ("S2",), "supervisor": ("S1", "S2"), "analyst": ("S1", "S2", "S3"),
    "head": ("S1", "S2", "S3"), "agent_user": ("S1",), "outsider": (),
}

SPECS = [
    ModelSpec("statement", ("statements:statement_",), "api:statement-review-", {**BY_AGENT}),
    ModelSpec("statement_dispute", ("statements:dispute_",), "api:statement-dispute-", BY_AGENT),
]

EXEMPT: dict = {}
EXTRA_KWARGS = {"fmt": "xlsx"}


def populate(cast):
    key = {cast.agents[k].pk: f"S{k[-1]}" for k in cast.agents}
    sent = {key[s.agent_id]: s for s in Statement.objects.filter(status="sent")}
    drafts = list(Statement.objects.filter(status="draft"))
    assert set(sent) == {"S1", "S2", "S3"} and drafts, "tests/reach/incentives.py must settle March and April first"
    disputes = {k: StatementDispute.objects.create(statement=s, comment="missing", raised_by=cast.users["agent_user"])
                for k, s in sent.items()}
    return {"statement": {**sent, "draft": drafts[0]}, "statement_dispute": disputes}
