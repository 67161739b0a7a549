"""Every page of the app answers (empty and with data), forms render, commands and tasks run."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from qudao.fieldwork.models import CallbackRun, Scorecard
from qudao.fieldwork.tasks import compute_scorecards_task, sample_callbacks_task


def _page_names():
    from qudao.fieldwork import urls

    return [p.name for p in urls.urlpatterns if "<" not in str(p.pattern)]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["manager_a", "supervisor", "head", "analyst", "agent_user"])
def test_every_page_answers_with_empty_data(cast, client_for, persona):
    client = client_for(cast.users[persona])
    for name in _page_names():
        response = client.get(reverse(f"fieldwork:{name}"))
        assert response.status_code in (200, 403), f"{persona} {name}: {response.status_code}"


@pytest.mark.django_db
def test_object_pages_and_forms_open_with_data(cast, client_for):
    from tests.reach.fieldwork import populate

    world = populate(cast)
    client = client_for(cast.head)
    from qudao.fieldwork import urls

    for pattern in urls.urlpatterns:
        route = str(pattern.pattern)
        if "<int:pk>" not in route or "uuid" in route:
            continue
        spec = next(key for key in world if pattern.name.startswith(key.removeprefix("fw_").split("_")[0]))
        obj = next(iter(world[spec].values()))
        response = client.get(reverse(f"fieldwork:{pattern.name}", args=[obj.pk]))
        assert response.status_code in (200, 403), f"{pattern.name}: {response.status_code}"


@pytest.mark.django_db
def test_commands_and_tasks(cast, capsys):
    call_command("sample_callbacks", day=dt.date(2026, 11, 2))
    call_command("sample_callbacks", day=dt.date(2026, 11, 2))
    assert CallbackRun.objects.count() == 1
    assert sample_callbacks_task.enqueue("2026-11-03").return_value["created"] is True
    assert sample_callbacks_task.enqueue("2026-11-03").return_value["created"] is False
    call_command("compute_scorecards", month="2026-10")
    assert Scorecard.objects.filter(month=dt.date(2026, 10, 1)).count() == 4
    assert compute_scorecards_task.enqueue("2026-10-01").return_value == 4
    out = capsys.readouterr().out
    assert "already drawn" in out and "2026-10: 4 scorecard(s)" in out


@pytest.mark.django_db
def test_home_tiles_and_menu(cast, client_for):
    page = client_for(cast.manager_a).get(reverse("ui:home")).content.decode()
    assert reverse("fieldwork:callback_workbench") in page and reverse("fieldwork:task_list") in page
    agent_page = client_for(cast.agent_user).get(reverse("ui:home")).content.decode()
    assert reverse("fieldwork:problem_list") in agent_page and reverse("fieldwork:task_list") not in agent_page
