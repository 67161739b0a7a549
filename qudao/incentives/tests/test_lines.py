"""Lines live in the run's lines file: who reads which, the pages and API that slice it, filters,
exports, and what stays in the database (statements and their totals per rule)."""

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from qudao.incentives import services
from qudao.incentives.lines import LineQuery, lines_path
from qudao.incentives.models import Statement

from .helpers import OCT

pytestmark = pytest.mark.django_db
UNIT = {"key": "unit", "kind": "per_unit", "amounts": {"P1": "20.00"}}
PCT = {"key": "pct", "kind": "percent_of_fee", "percent": "10"}


@pytest.fixture
def settled(world):
    """October: OA1 (agent 1, grid A) sells two, OB1 (agent 2, grid B) one; unit + 10 % of the fee; sent."""
    world.record(ext="A1", outlet="OA1", fee=3900)
    world.record(ext="A2", outlet="OA1", fee=5000)
    world.record(ext="B1", outlet="OB1", fee=1000)
    world.parquet()
    world.approve([UNIT, PCT])
    run = world.run()
    assert run.status == "done", run.message
    services.send_statements(run=run, user=world.cast.users["head"])
    return run


def _line(run, ext, rule):
    (line,) = LineQuery(run).filter(external_id=ext, rule_prefix=rule)
    return line


def test_each_rules_lines_are_in_agent_order_and_statements_keep_totals_per_rule(settled, world):
    lines = list(LineQuery(settled))
    assert len(lines) == 6 == settled.line_count
    for rule in ("unit", "pct"):
        agents = [line.agent_id for line in lines if line.rule_key == rule]
        assert agents == sorted(agents) and len(set(agents)) == 2
    agent1 = world.cast.agents["agent1"]
    statement = Statement.objects.get(run=settled, agent=agent1)
    items = {(i.rule_key, i.rule_kind): (i.line_count, i.amount_fen) for i in statement.items.all()}
    assert items == {("unit", "per_unit"): (2, 4000), ("pct", "percent_of_fee"): (2, 890)}
    assert statement.total_fen == 4890 == sum(line.amount_fen for line in LineQuery(settled).filter(agent_id=agent1.pk))
    assert LineQuery(settled).filter(agent_id=agent1.pk).totals() == (4890, 0)


def test_a_line_opens_for_whoever_reads_its_statement_and_404_for_the_rest(settled, world, client_for):
    users = world.cast.users
    mine, theirs = _line(settled, "A1", "unit"), _line(settled, "B1", "unit")
    agent = client_for(users["agent_user"])
    page = agent.get(mine.get_absolute_url())
    assert page.status_code == 200 and "A1" in page.content.decode()
    assert agent.get(theirs.get_absolute_url()).status_code == 404
    manager_a = client_for(users["manager_a"])
    assert manager_a.get(mine.get_absolute_url()).status_code == 200
    assert manager_a.get(theirs.get_absolute_url()).status_code == 404  # agent 2 is grid B's
    assert client_for(users["head"]).get(theirs.get_absolute_url()).status_code == 200
    missing = reverse("incentives:line_detail", args=[settled.pk, 999])
    assert client_for(users["head"]).get(missing).status_code == 404
    assert client_for(users["outsider"]).get(mine.get_absolute_url()).status_code == 404


def test_run_lines_page_filters_paginates_and_exports_within_reach(settled, world, client_for):
    url = reverse("incentives:run_lines", args=[settled.pk])
    head = client_for(world.cast.users["head"])
    assert {row.record.external_id for row in head.get(url).context["table"].paginated_rows} == {"A1", "A2", "B1"}
    rows = head.get(url, {"rule": "pc"}).context["table"].paginated_rows
    assert {(r.record.external_id, r.record.rule_key) for r in rows} == {("A1", "pct"), ("A2", "pct"), ("B1", "pct")}
    assert len(head.get(url, {"agent": world.cast.agents["agent2"].code}).context["table"].paginated_rows) == 2
    assert len(head.get(url, {"record": "A2"}).context["table"].paginated_rows) == 2
    assert not head.get(url, {"agent": "NO-SUCH"}).context["table"].paginated_rows
    assert len(head.get(url, {"held": "false"}).context["table"].paginated_rows) == 6
    assert not head.get(url, {"held": "true"}).context["table"].paginated_rows
    assert "全部" in head.get(url).content.decode()  # the held filter's choices, in the head's Chinese
    manager_b = client_for(world.cast.users["manager_b"])
    assert {r.record.external_id for r in manager_b.get(url).context["table"].paginated_rows} == {"B1"}
    export = manager_b.get(url, {"export": "xlsx"})
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True)
             for c in row]
    assert "B1" in cells and "A1" not in cells


def test_api_lines_of_a_statement_and_of_a_run(settled, world, client_for):
    agent1 = world.cast.agents["agent1"]
    statement = Statement.objects.get(run=settled, agent=agent1)
    agent = client_for(world.cast.users["agent_user"])
    body = agent.get(reverse("api:statement-lines", args=[statement.pk])).json()
    assert body["count"] == 4
    assert [(r["external_id"], r["rule_key"], r["amount"]) for r in body["results"]] == [
        ("A1", "pct", "3.90"), ("A1", "unit", "20.00"), ("A2", "pct", "5.00"), ("A2", "unit", "20.00")]
    other = Statement.objects.exclude(agent=agent1).get(run=settled)
    assert agent.get(reverse("api:statement-lines", args=[other.pk])).status_code == 404
    head = client_for(world.cast.users["head"])
    run_lines = head.get(reverse("api:settlement-run-lines", args=[settled.pk]), {"rule": "unit", "page_size": 2}).json()
    assert run_lines["count"] == 3 and len(run_lines["results"]) == 2 and run_lines["next"]
    assert agent.get(reverse("api:settlement-run-lines", args=[settled.pk])).status_code == 404


def test_a_disputed_line_keeps_what_it_said(settled, world, client_for):
    from qudao.statements.services import statement_dispute

    statement = Statement.objects.get(run=settled, agent=world.cast.agents["agent1"])
    line = _line(settled, "A2", "pct")
    [dispute] = statement_dispute(statement=statement, user=world.cast.users["agent_user"], comment="fee was 60",
                                  line_ids=[line.number])
    assert (dispute.line_record, dispute.line_rule, dispute.line_amount_fen) == ("A2", "pct", 500)
    assert dispute.line_url() == line.get_absolute_url()


def test_a_run_without_its_lines_file_says_so_and_refuses_later_runs_instead_of_paying_twice(settled, world, client_for):
    lines_path(settled).unlink()
    assert LineQuery(settled).count() == 0
    statement = Statement.objects.get(run=settled, agent=world.cast.agents["agent1"])
    for url in (reverse("incentives:statement_detail", args=[statement.pk]),
                reverse("statements:statement_detail", args=[statement.pk])):
        page = client_for(world.cast.users["head"]).get(url)
        assert page.status_code == 200 and b'data-testid="lines-missing"' in page.content
    world.record(ext="N1", outlet="OA1", day=OCT.replace(month=11, day=3))
    with translation.override("en"):  # the page requests above ran in the users' Chinese
        nov = world.run(OCT.replace(month=11))
    assert nov.status == "failed" and "lines file" in nov.message


def test_a_lines_file_of_an_earlier_version_still_reads_with_its_stored_explanations(settled):
    import duckdb

    path = lines_path(settled)
    with duckdb.connect() as con:  # the layout before explanations were rendered on read
        con.execute(f"COPY (SELECT version_id, agent_id, outlet_id, grid_id, product_id, external_id, rule_key, rule_kind, "  # noqa: S608
                    f"amount_fen, held, 'old text ' || external_id AS explanation FROM read_parquet('{path}')) "
                    f"TO '{path}.old' (FORMAT parquet)")
    path.with_name(path.name + ".old").replace(path)
    lines = list(LineQuery(settled).filter(rule_prefix="unit"))
    assert [line.explanation for line in lines] == [f"old text {line.external_id}" for line in lines] and len(lines) == 3
