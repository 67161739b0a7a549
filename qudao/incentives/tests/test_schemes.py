"""Scheme versions: the rule format's errors, loading documents, and no self-approval anywhere."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from qudao.core.errors import BusinessRuleError
from qudao.incentives import services
from qudao.incentives.models import SchemeVersion
from qudao.incentives.rules import validate_rules
from qudao.testing.cast import in_english

pytestmark = pytest.mark.django_db
RULES = [{"key": "unit", "kind": "per_unit", "amount": "20.00"}]
DOC = {"scheme": "OCT", "name": "October", "effective_from": "2026-10-01", "channel_types": ["authorised"],
       "territories": ["C1"], "rules": RULES}


def test_errors_name_the_rule_field_and_reason():
    errors = validate_rules([
        {"key": "a", "kind": "per_unit", "amount": "1.234"},
        {"key": "b", "kind": "tier", "mode": "marginal", "bands": [{"from": 2, "amount": "5.00"}]},
        {"key": "c", "kind": "staged", "amount": "10.00", "stages": [{"percent": "40"}, {"percent": "50"}]},
        {"key": "d", "kind": "bogus"},
    ])
    assert errors == [
        "rule 1 (a), field “amount”: an amount must be ≥ 0 with at most two decimals",
        "rule 2 (b), field “bands[1].from”: the first band must start at 1",
        "rule 3 (c), field “stages”: the percentages add up to 90, not 100",
        "rule 4 (d), field “kind”: “bogus” is not one of per_unit, percent_of_fee, tier, target_bonus, "
        "revenue_share, staged, cap, clawback",
    ]
    assert validate_rules([{"key": "x", "kind": "clawback", "rules": ["nope"], "within_days": 30}]) == [
        "rule 1 (x), field “rules”: “nope” is not a per-record rule of this version"]


def test_a_rule_is_capped_by_one_cap_at_most():
    unit = {"key": "unit", "kind": "per_unit", "amount": "20.00"}
    pct = {"key": "pct", "kind": "percent_of_fee", "percent": "5"}
    assert validate_rules([unit, pct, {"key": "c1", "kind": "cap", "per_outlet": "100.00", "rules": ["unit"]},
                           {"key": "c2", "kind": "cap", "per_agent": "500.00"}]) == [
        "rule 4 (c2), field “rules”: “unit” is already capped by “c1”; give per_outlet and per_agent in one cap"]
    assert validate_rules([unit, pct, {"key": "c1", "kind": "cap", "per_outlet": "100.00", "rules": ["unit"]},
                           {"key": "c2", "kind": "cap", "per_agent": "500.00", "rules": ["pct"]}]) == []


def _submitted(cast, author="supervisor"):
    version = services.version_create(scheme_code="S", scheme_name="S", effective_from=dt.date(2026, 1, 1), rules=RULES,
                                      by=cast.users[author])
    return services.version_submit(version=version, by=cast.users[author])


def test_self_approval_is_refused_by_the_service(cast):
    version = _submitted(cast)
    with pytest.raises(BusinessRuleError, match="someone other"):
        services.version_approve(version=version, by=cast.users["supervisor"])
    with pytest.raises(BusinessRuleError):
        services.version_approve(version=version, by=cast.users["manager_b"])  # no approval rights
    assert services.version_approve(version=version, by=cast.users["head"]).status == "approved"


def test_self_approval_is_refused_by_the_api(cast, client_for):
    version = _submitted(cast)
    url = reverse("api:scheme-version-approve", args=[version.pk])
    response = client_for(cast.users["supervisor"]).post(url, {}, content_type="application/json")
    assert response.status_code == 400
    version.refresh_from_db()
    assert version.status == "submitted"
    assert client_for(cast.users["head"]).post(url, {}, content_type="application/json").status_code == 200


def test_self_approval_is_refused_in_the_admin(cast, client_for):
    cast.users["supervisor"].is_staff = cast.users["supervisor"].is_superuser = True
    cast.users["supervisor"].save()
    version = _submitted(cast)
    client = client_for(in_english(cast.users["supervisor"]))
    response = client.post(reverse("admin:incentives_schemeversion_changelist"),
                           {"action": "approve_versions", "_selected_action": [version.pk]}, follow=True)
    assert response.status_code == 200
    version.refresh_from_db()
    assert version.status == "submitted"
    assert "someone other" in response.content.decode()


def test_self_approval_is_refused_on_the_page(cast, client_for):
    version = _submitted(cast)
    response = client_for(in_english(cast.users["supervisor"])).post(
        reverse("incentives:version_approve", args=[version.pk]), {})
    assert response.status_code == 200 and "someone other" in response.content.decode()
    version.refresh_from_db()
    assert version.status == "submitted"


def test_load_a_document_through_the_api_and_the_command(cast, client_for, tmp_path):
    in_english(cast.users["manager_a"])
    response = client_for(cast.users["manager_a"]).post(
        reverse("api:scheme-version-load"), {"document": json.dumps(DOC)}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "draft"
    bad = client_for(cast.users["manager_a"]).post(
        reverse("api:scheme-version-load"), {"document": "scheme: X\neffective_from: 2026-10-01\nrules: [{key: a}]"},
        content_type="application/json")
    assert bad.status_code == 400 and "rule 1 (a)" in bad.content.decode()
    path = tmp_path / "scheme.yaml"
    path.write_text("scheme: OCT\neffective_from: 2026-11-01\nrules:\n  - {key: unit, kind: per_unit, amount: '25.00'}\n")
    call_command("load_scheme", str(path), "--user", "manager_a")
    version = SchemeVersion.objects.get(scheme__code="OCT", number=2)
    assert version.status == "draft" and version.rules[0]["amount"] == "25.00"
    path.write_text("scheme: OCT\nrules: []\n")
    with pytest.raises(CommandError, match="effective_from"):
        call_command("load_scheme", str(path), "--user", "manager_a")


def test_the_draft_form_shows_validation_errors_and_creates(cast, client_for):
    client = client_for(in_english(cast.users["manager_a"]))
    data = {"scheme_code": "F", "scheme_name": "Form", "effective_from": "2026-10-01",
            "rules": json.dumps([{"key": "t", "kind": "tier", "mode": "sideways", "bands": []}])}
    response = client.post(reverse("incentives:version_create"), data)
    assert response.status_code == 200 and "rule 1 (t), field “mode”" in response.content.decode()
    data["rules"] = json.dumps(RULES)
    response = client.post(reverse("incentives:version_create"), data)
    assert response.status_code == 302
    version = SchemeVersion.objects.get(scheme__code="F")
    page = client.get(version.get_absolute_url()).content.decode()
    assert "per_unit" in page and "Submit for review" in page


def test_an_agent_user_cannot_see_another_agents_statement(world, client_for):
    from .helpers import OCT

    world.record(ext="X1", outlet="OA1")
    world.record(ext="X2", outlet="OB1")
    world.parquet()
    world.approve(RULES)
    run = world.run()
    services.send_statements(run=run, user=world.cast.users["head"])
    client = client_for(world.cast.users["agent_user"])
    mine = run.statements.get(agent=world.cast.agents["agent1"])
    theirs = run.statements.get(agent=world.cast.agents["agent2"])
    assert client.get(reverse("incentives:statement_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("incentives:statement_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("api:statement-detail", args=[theirs.pk])).status_code == 404
    assert run.period == OCT
