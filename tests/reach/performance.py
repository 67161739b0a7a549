"""Reach of bulletins, bulletin lines, follow-ups and webhooks (qudao.performance)."""

import datetime as dt

from qudao.performance.bulletins import bulletin_publish, generate_bulletin
from qudao.performance.choices import FollowUpKind, FollowUpLevel, WebhookKind
from qudao.performance.models import BulletinLine, FollowUp, WebhookEndpoint
from qudao.sales.models import DailyRollup, Product

from . import ModelSpec

WEEK = dt.date(2026, 10, 12)  # a Monday
PREVIOUS = WEEK - dt.timedelta(days=7)
ALL_LINES = ("pub1", "pub2", "pub3", "draft1", "draft2", "draft3")

SPECS = [
    ModelSpec("bulletin", ("performance:bulletin_",), "api:bulletin-", {
        "manager_a": ("pub", "draft"), "manager_b": ("pub", "draft"), "supervisor": ("pub", "draft"),
        "analyst": ("pub", "draft"), "head": ("pub", "draft"), "agent_user": ("pub",), "outsider": (),
    }),
    ModelSpec("bulletin_line", ("performance:line_",), "api:bulletin-line-", {
        "manager_a": ("pub1", "draft1"), "manager_b": ("pub2", "draft2"),
        "supervisor": ("pub1", "pub2", "draft1", "draft2"), "analyst": ALL_LINES, "head": ALL_LINES,
        "agent_user": ("pub1",), "outsider": (),
    }),
    ModelSpec("followup", ("performance:followup_",), "api:followup-", {
        "manager_a": ("FA", "FS"), "manager_b": ("FB",), "supervisor": ("FA", "FB", "FS"),
        "analyst": ("FA", "FB", "FC", "FS"), "head": ("FA", "FB", "FC", "FS"), "agent_user": (), "outsider": (),
    }),
    ModelSpec("webhook", ("performance:webhook_",), "api:webhook-", {
        "manager_a": ("W3",), "manager_b": (), "supervisor": ("W1", "W3"), "analyst": ("W1", "W2", "W3"),
        "head": ("W1", "W2", "W3"), "agent_user": (), "outsider": (),
    }),
]

EXEMPT = {
    "performance:laggard_rule": "the one settings row of the laggard detection; head of channels only",
}


def _rollups(cast) -> None:
    product = Product.objects.create(code="PERF-P", name="Plan", category="mobile_plan", active_from=PREVIOUS)
    rows = []
    for offset, (code, records) in enumerate([("OA1", 5), ("OB1", 3), ("OC1", 4)]):
        outlet = cast.outlets[code]
        for day in (PREVIOUS + dt.timedelta(days=offset), WEEK + dt.timedelta(days=offset)):
            rows.append(DailyRollup(
                day=day, outlet_id=outlet.pk, agent_id=outlet.agent_id, grid_id=outlet.grid_id, product=product,
                category="mobile_plan", records=records, fee_fen=records * 3000, effective=records, effective_fee_fen=records * 3000,
            ))
    DailyRollup.objects.bulk_create(rows)


def _followup(cast, agent, grid, assignee, level=FollowUpLevel.MANAGER):
    return FollowUp.objects.create(
        agent=cast.agents[agent], grid=cast.nodes[grid], assignee=cast.users[assignee] if assignee else None,
        level=level, kind=FollowUpKind.CALL, flagged_on=WEEK, as_of=WEEK - dt.timedelta(days=1),
        reason="behind", due_on=WEEK,
    )


def populate(cast):
    _rollups(cast)
    published, _created = generate_bulletin(week_start=WEEK)
    published = bulletin_publish(bulletin=published)
    draft, _created = generate_bulletin(week_start=PREVIOUS)
    agent_key = {cast.agents[k].pk: k[-1] for k in cast.agents}
    lines = {
        ("pub" if line.bulletin_id == published.pk else "draft") + agent_key[line.agent_id]: line
        for line in BulletinLine.objects.all()
    }
    followups = {
        "FA": _followup(cast, "agent1", "grid_a", "manager_a"),
        "FB": _followup(cast, "agent2", "grid_b", "manager_b"),
        "FC": _followup(cast, "agent3", "grid_c", None),
        "FS": _followup(cast, "agent1", "grid_a", "supervisor", FollowUpLevel.SUPERVISOR),
    }
    webhooks = {
        key: WebhookEndpoint.objects.create(name=key, kind=WebhookKind.WECOM, url=f"http://127.0.0.1:9/{key}", node=cast.nodes[node])
        for key, node in (("W1", "county1"), ("W2", "county2"), ("W3", "grid_a"))
    }
    return {"bulletin": {"pub": published, "draft": draft}, "bulletin_line": lines, "followup": followups, "webhook": webhooks}
