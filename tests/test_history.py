import pytest
from django.utils import translation

from qudao.channels.services import agent_update
from qudao.core.history import change_history

pytestmark = pytest.mark.django_db


def test_history_shows_who_changed_what_with_sensitive_values_masked(cast):
    agent = cast.agent1
    agent_update(agent=agent, data={"name": "新名称", "bank_account": "6222020200998877665", "manager": cast.manager_b},
                 by=cast.supervisor)
    latest = change_history(agent)[0]
    assert latest["who"] == cast.supervisor
    with translation.override("en"):
        changes = {str(c["field"]): (c["old"], c["new"]) for c in latest["changes"]}
    assert changes["legal name"] == ("Agent 1", "新名称")
    assert changes["bank account"][1] == "****7665" and "6222" not in changes["bank account"][0]
    assert changes["manager in charge"] == ("manager_a", "manager_b")
