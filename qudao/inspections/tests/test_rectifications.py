"""Rectifications: opened by failed items, seen by the agent (only its own), closed by a re-check,
escalated once when overdue."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from qudao.core.errors import BusinessRuleError
from qudao.core.events import events_for
from qudao.core.models import Event
from qudao.inspections.models import Rectification, Violation
from qudao.inspections.services import escalate_overdue_rectifications, rectification_recheck

from .conftest import check_in, finish, jpeg_bytes, shanghai, upload

pytestmark = pytest.mark.django_db

POSTER = "店内宣传海报为当期有效版本，无过期物料"
DEPOSITS = "无截留客户预存款"
AT = shanghai(2025, 3, 11, 10, 0)


def failed_at(cast, code, manager, *, failing=(POSTER,), at=AT):
    return finish(check_in(manager, cast.outlets[code], at=at), failing=set(failing))


def test_a_failed_item_opens_a_rectification_for_the_agent(field):
    inspection = failed_at(field, "OA1", field.manager_a, failing=(POSTER, DEPOSITS))
    rectifications = Rectification.objects.filter(inspection=inspection).order_by("item__order")
    assert [r.item.text for r in rectifications] == [POSTER, DEPOSITS]
    first = rectifications[0]
    assert first.agent == field.agent1 and first.manager == field.manager_a and first.status == "open"
    assert first.deadline == dt.date(2025, 3, 18)  # 7 days after the inspection day
    # the deposits item names a violation kind, so it also raised a violation
    violation = Violation.objects.get()
    assert violation.kind == "intercepted_deposit" and violation.item.text == DEPOSITS and violation.level == "notice"


def test_an_agent_user_sees_only_its_own_rectifications(field, client_for):
    own = Rectification.objects.get(inspection=failed_at(field, "OA1", field.manager_a))
    other = Rectification.objects.get(inspection=failed_at(field, "OB1", field.manager_b))
    client = client_for(field.agent_user)

    listing = client.get(reverse("inspections:rectification_list"))
    assert [row.record.pk for row in listing.context["table"].paginated_rows] == [own.pk]
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("inspections:rectification_recheck", args=[own.pk])).status_code == 403
    api = client.get(reverse("api:rectification-list"))
    assert [row["id"] for row in api.json()["results"]] == [own.pk]
    assert client.get(reverse("api:rectification-detail", args=[other.pk])).status_code == 404


def test_a_re_inspection_in_which_the_item_passes_closes_it(field):
    failed_at(field, "OA1", field.manager_a)
    again = failed_at(field, "OA1", field.manager_a, at=AT + dt.timedelta(days=2))  # fails again: no duplicate
    rectification = Rectification.objects.get()
    assert rectification.status == "open"
    assert [e.action for e in events_for(rectification)] == ["open", "failed_again"]

    fixed = finish(check_in(field.manager_a, field.outlets["OA1"], at=AT + dt.timedelta(days=4)))
    rectification.refresh_from_db()
    assert rectification.status == "closed" and rectification.closed_by_inspection == fixed
    assert again.pk != fixed.pk


def test_an_explicit_re_check_needs_a_photo(field):
    rectification = Rectification.objects.get(inspection=failed_at(field, "OA1", field.manager_a))
    with pytest.raises(BusinessRuleError):
        rectification_recheck(rectification=rectification, photos=[], by=field.manager_a)

    rectification_recheck(rectification=rectification, photos=[upload(jpeg_bytes())], fixed=False,
                          note="仍未更换", by=field.manager_a)
    rectification.refresh_from_db()
    assert rectification.status == "open" and rectification.photos.count() == 1

    rectification_recheck(rectification=rectification, photos=[upload(jpeg_bytes())], note="已更换",
                          by=field.manager_a)
    rectification.refresh_from_db()
    assert rectification.status == "closed" and rectification.closing_note == "已更换"
    with pytest.raises(BusinessRuleError):
        rectification_recheck(rectification=rectification, photos=[upload(jpeg_bytes())], by=field.manager_a)


def test_the_re_check_page(field, client_for):
    rectification = Rectification.objects.get(inspection=failed_at(field, "OA1", field.manager_a))
    client = client_for(field.manager_a)
    url = reverse("inspections:rectification_recheck", args=[rectification.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"fixed": "yes", "note": "ok", "photos": upload(jpeg_bytes())})
    assert response.status_code == 302
    rectification.refresh_from_db()
    assert rectification.status == "closed"
    assert client.get(rectification.get_absolute_url()).status_code == 200
    assert client_for(field.manager_b).post(url, {"fixed": "yes"}).status_code == 404


def test_overdue_rectifications_escalate_once_and_notify_the_supervisor(field):
    rectification = Rectification.objects.get(inspection=failed_at(field, "OA1", field.manager_a))
    on_time = Rectification.objects.get(inspection=failed_at(field, "OB1", field.manager_b,
                                                              at=AT + dt.timedelta(days=10)))
    day_after_deadline = rectification.deadline + dt.timedelta(days=1)

    assert escalate_overdue_rectifications(today=rectification.deadline) == 0  # due today is not overdue
    assert escalate_overdue_rectifications(today=day_after_deadline) == 1
    assert escalate_overdue_rectifications(today=day_after_deadline) == 0
    call_command("escalate_overdue_rectifications", "--today", day_after_deadline.isoformat())

    rectification.refresh_from_db()
    on_time.refresh_from_db()
    assert rectification.status == "escalated" and on_time.status == "open"
    escalations = [e for e in events_for(rectification) if e.action == "escalate"]
    assert len(escalations) == 1
    assert escalations[0].data == {"notify_user": field.supervisor.pk, "days_overdue": 1}
    assert escalations[0].by is None


def test_the_escalation_task_runs_the_service(field, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    from qudao.inspections.tasks import escalate_overdue_rectifications_task

    failed_at(field, "OA1", field.manager_a, at=shanghai(2020, 1, 6, 10))
    result = escalate_overdue_rectifications_task.enqueue()
    assert result.return_value == 1
    assert escalate_overdue_rectifications_task.enqueue().return_value == 0
    assert Event.objects.filter(action="escalate").count() == 1
