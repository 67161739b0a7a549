"""Work tasks: given only down the hierarchy, completed with evidence, escalated once when overdue."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from qudao.core.errors import BusinessRuleError
from qudao.core.events import events_for
from qudao.fieldwork.models import TaskPhoto, WorkTask
from qudao.fieldwork.services import escalate_overdue_tasks, task_assign, task_complete
from qudao.fieldwork.tasks import escalate_overdue_tasks_task
from qudao.fieldwork.weeks import local_date

from .helpers import jpeg_upload


def _assign(cast, assignee="manager_a", by="supervisor", due=None, **extra):
    task, _created = task_assign(title="整改宣传", assignee=cast.users[assignee], by=cast.users[by],
                                 due_on=due or local_date() + dt.timedelta(days=3), **extra)
    return task


@pytest.mark.django_db
def test_tasks_go_down_only(cast):
    assert _assign(cast).assignee == cast.manager_a
    assert _assign(cast, "supervisor", "head").assignee == cast.supervisor
    for assignee, by in (("supervisor", "manager_a"), ("manager_b", "manager_a"), ("manager_a", "manager_b"),
                         ("head", "supervisor"), ("manager_a", "outsider")):
        with pytest.raises(PermissionDenied):
            _assign(cast, assignee, by)
    with pytest.raises(PermissionDenied):
        _assign(cast, "manager_a", "analyst")  # reads only
    with pytest.raises(BusinessRuleError):
        _assign(cast, due=local_date() - dt.timedelta(days=1))


@pytest.mark.django_db
def test_a_resent_assignment_creates_one_task(cast):
    key = uuid.uuid4()
    first = _assign(cast, client_key=key)
    assert _assign(cast, client_key=key) == first and WorkTask.objects.count() == 1


@pytest.mark.django_db
def test_overdue_tasks_escalate_to_the_superior_once(cast):
    today = local_date()
    late = _assign(cast)
    on_time = _assign(cast, "manager_b")
    WorkTask.objects.filter(pk=late.pk).update(due_on=today - dt.timedelta(days=2))
    WorkTask.objects.filter(pk=on_time.pk).update(due_on=today)
    assert escalate_overdue_tasks(today=today) == 1
    assert escalate_overdue_tasks(today=today) == 0
    assert escalate_overdue_tasks_task.enqueue().return_value == 0
    call_command("escalate_overdue_tasks", today=today + dt.timedelta(days=5))  # the other one, now late
    late.refresh_from_db()
    assert (late.status, late.escalated_to) == ("escalated", cast.supervisor)
    escalations = [e for e in events_for(late) if e.action == "escalate"]
    assert len(escalations) == 1 and escalations[0].data == {"notify_user": cast.supervisor.pk, "days_overdue": 2}
    assert WorkTask.objects.get(pk=on_time.pk).status == "escalated"


@pytest.mark.django_db
def test_the_assignee_completes_with_evidence(cast):
    task = _assign(cast)
    with pytest.raises(PermissionDenied):
        task_complete(task=task, by=cast.supervisor, evidence_note="done")
    with pytest.raises(BusinessRuleError):
        task_complete(task=task, by=cast.manager_a)
    done = task_complete(task=task, by=cast.manager_a, evidence_note="已更换海报", photos=[jpeg_upload()])
    assert done.status == "done" and TaskPhoto.objects.get().task == task
    with pytest.raises(BusinessRuleError):
        task_complete(task=task, by=cast.manager_a, evidence_note="again")


@pytest.mark.django_db
def test_escalated_tasks_can_still_be_completed(cast):
    task = _assign(cast)
    WorkTask.objects.filter(pk=task.pk).update(due_on=local_date() - dt.timedelta(days=1))
    escalate_overdue_tasks()
    assert task_complete(task=task, by=cast.manager_a, evidence_note="补做").status == "done"


@pytest.mark.django_db
def test_evidence_photos_are_served_only_within_reach(cast, client_for):
    task = _assign(cast)
    task_complete(task=task, by=cast.manager_a, photos=[jpeg_upload()])
    photo = TaskPhoto.objects.get()
    url = reverse("fieldwork:task_photo", args=[task.pk, photo.uuid])
    response = client_for(cast.supervisor).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert client_for(cast.supervisor).get(url + "?size=thumb").status_code == 200
    assert client_for(cast.manager_b).get(url).status_code == 404


@pytest.mark.django_db
def test_task_pages(cast, client_for):
    client = client_for(cast.supervisor)
    response = client.post(reverse("fieldwork:task_create"), {
        "title": "检查沃店门头", "assignee": cast.manager_a.pk, "due_on": (local_date() + dt.timedelta(days=2)).isoformat(),
        "client_key": str(uuid.uuid4())})
    task = WorkTask.objects.get()
    assert response.status_code == 302 and response["Location"] == task.get_absolute_url()
    mine = client_for(cast.manager_a).get(reverse("fieldwork:task_list"), {"mine": "true"})
    assert [row.record for row in mine.context["table"].paginated_rows] == [task]
    complete = client_for(cast.manager_a).post(reverse("fieldwork:task_complete", args=[task.pk]),
                                               {"evidence_note": "完成"})
    assert complete.status_code == 302
    assert client_for(cast.manager_b).get(task.get_absolute_url()).status_code == 404
