"""The screening rules and the review policy are settings pages and API endpoints: staff read them,
the head of channel management changes them (checked, with history), the next screening uses them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from qudao.core.errors import BusinessRuleError
from qudao.core.history import change_history
from qudao.fraud.models import FraudFlag, FraudPolicy, FraudRule
from qudao.fraud.services import confirm_fraud, fraud_rule_update, screen_period

from .conftest import AS_OF, PERIOD

pytestmark = pytest.mark.django_db


def _burst():
    return FraudRule.objects.get(kind="burst")


def test_every_rule_is_listed_with_its_parameters_for_staff(cast, client_for):
    response = client_for(cast.manager_a).get(reverse("fraud:rule_list"))
    rows = {row.record.kind: row for row in response.context["table"].paginated_rows}
    assert set(rows) == {"shared_customer", "burst", "odd_hours", "no_usage", "early_cancel"}
    assert "单个网点办理数不少于: 5; 时间窗口（分钟）: 10" in response.content.decode()
    assert '<option value="unknown" selected>全部</option>' in response.content.decode()  # not Django's “未知”
    page = client_for(cast.manager_a).get(reverse("fraud:rule_detail", args=[_burst().pk]))
    assert page.status_code == 200 and b'data-testid="edit"' not in page.content
    assert ("已启用", "是") in page.context["summary"]
    assert list(client_for(cast.agent_user).get(reverse("fraud:rule_list")).context["table"].paginated_rows) == []


def test_the_head_changes_a_rule_on_its_page_and_the_next_screening_uses_it(parquet, client_for):
    screen_period(period=PERIOD, user=parquet.head, as_of=AS_OF)
    assert FraudFlag.objects.filter(rule="burst").count() == 5
    client = client_for(parquet.head)
    form = client.get(reverse("fraud:rule_edit", args=[_burst().pk])).context["form"]
    assert (form.initial["min_records"], form.initial["window_minutes"]) == (5, 10)
    response = client.post(reverse("fraud:rule_edit", args=[_burst().pk]),
                           {"enabled": "on", "weight": "35", "min_records": "6", "window_minutes": "21"})
    assert response.status_code == 302
    rule = _burst()
    assert (rule.weight, rule.params, rule.updated_by) == (35.0, {"min_records": 6, "window_minutes": 21}, parquet.head)
    latest = change_history(rule)[0]
    with translation.override("en"):
        changes = {str(c["field"]): (c["old"], c["new"]) for c in latest["changes"]}
    assert latest["who"] == parquet.head and changes["weight (points)"] == (25.0, 35.0)
    assert changes["parameters"] == ({}, '{"min_records": 6, "window_minutes": 21}')
    screen_period(period=PERIOD, user=parquet.head, as_of=AS_OF)
    assert set(FraudFlag.objects.filter(rule="burst", status="open").values_list("external_id", "score")) == {
        (f"B{i}", 35.0) for i in range(1, 7)}


def test_out_of_bounds_values_are_refused_with_the_field_and_nothing_changes(cast, client_for):
    client = client_for(cast.head)
    odd = FraudRule.objects.get(kind="odd_hours")
    response = client.post(reverse("fraud:rule_edit", args=[odd.pk]),
                           {"enabled": "on", "weight": "10", "from_hour": "24", "to_hour": "6"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"from_hour": ["确保该值小于或等于23。"]}
    assert FraudRule.objects.get(kind="odd_hours").params == {}
    with pytest.raises(BusinessRuleError, match="window_minutes：须为 1 到 1440 之间的整数，而不是 0"):
        fraud_rule_update(rule=_burst(), enabled=True, weight=25, params={"min_records": 5, "window_minutes": 0},
                          by=cast.head)
    with pytest.raises(BusinessRuleError, match="days：不是该规则的参数"):
        fraud_rule_update(rule=_burst(), enabled=True, weight=25, params={"days": 3}, by=cast.head)
    assert [entry["changes"] for entry in change_history(_burst())] == [[]]  # only the row's creation


def test_only_the_head_may_change_rules_or_the_policy(cast, client_for):
    rule = _burst()
    for persona in ("manager_a", "supervisor", "analyst"):
        client = client_for(cast.users[persona])
        assert client.get(reverse("fraud:rule_edit", args=[rule.pk])).status_code == 403
        assert client.post(reverse("fraud:policy_edit"), {"penalty": "1.00"}).status_code == 403
    with pytest.raises(PermissionDenied):
        fraud_rule_update(rule=rule, enabled=False, weight=1, params={}, by=cast.supervisor)
    for persona in ("agent_user", "outsider"):
        client = client_for(cast.users[persona])
        assert client.get(reverse("fraud:rule_edit", args=[rule.pk])).status_code == 404
        assert client.get(reverse("fraud:policy_detail")).status_code == 404
    assert FraudPolicy.current().penalty_per_record_fen == 5000


def test_the_policy_page_changes_what_a_confirmed_record_costs(parquet, client_for):
    client = client_for(parquet.head)
    assert client.get(reverse("fraud:policy_edit")).context["form"].initial == {"penalty": 50}
    response = client.post(reverse("fraud:policy_edit"), {"penalty": "80.50"})
    assert response.status_code == 302 and response["Location"] == reverse("fraud:policy_detail")
    page = client_for(parquet.manager_a).get(reverse("fraud:policy_detail"))
    assert "80.50" in page.content.decode() and page.context["history"][0]["who"] == parquet.head
    bad = client.post(reverse("fraud:policy_edit"), {"penalty": "0"})
    assert bad.context["form"].errors == {"penalty": ["确保该值大于或等于0.01。"]}
    screen_period(period=PERIOD, user=parquet.head, as_of=AS_OF)
    flags = FraudFlag.objects.filter(outlet=parquet.outlets["OC1"])
    records = flags.values("external_id").distinct().count()
    penalties = confirm_fraud(flags=flags, user=parquet.head)
    assert records and [p.amount_fen for p in penalties] == [records * 8050]


def _api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_the_api_reads_rules_with_their_parameters_and_only_the_head_writes(cast):
    url = reverse("api:fraud-rule-detail", args=[_burst().pk])
    read = _api(cast.manager_a).get(url).json()
    assert (read["kind"], read["params"]) == ("burst", {"min_records": 5, "window_minutes": 10})
    assert _api(cast.manager_a).patch(url, {"weight": 1}, format="json").status_code == 403
    changed = _api(cast.head).patch(url, {"params": {"window_minutes": 15}}, format="json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["params"] == {"min_records": 5, "window_minutes": 15}
    bad = _api(cast.head).patch(url, {"params": {"min_records": "many"}}, format="json")
    assert bad.status_code == 400 and "min_records：须为 2 到 10000 之间的整数" in bad.content.decode()
    assert _api(cast.head).post(reverse("api:fraud-rule-list"), {"kind": "burst"}, format="json").status_code == 405
    assert _api(cast.agent_user).get(url).status_code == 404
