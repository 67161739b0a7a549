"""The API's key actions: creating with an idempotency key, and the status moves."""

import datetime as dt
import uuid

import pytest

from qudao.fieldwork.models import Visit
from qudao.fieldwork.weeks import local_date

from .helpers import jpeg_upload


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


@pytest.mark.django_db
def test_visit_created_once_then_follow_up_done(cast, client_for):
    client, key = client_for(cast.manager_a), str(uuid.uuid4())
    data = {"kind": "call", "agent": "AG1", "notes": "电话", "follow_up": "送物料", "client_key": key}
    first = post(client, "/api/v1/visits/", data)
    again = post(client, "/api/v1/visits/", data)
    assert (first.status_code, again.status_code) == (201, 200) and Visit.objects.count() == 1
    done = post(client, f"/api/v1/visits/{first.json()['id']}/follow-up-done/", {"note": "ok"})
    assert done.json()["follow_up_status"] == "done"
    assert post(client_for(cast.manager_b), "/api/v1/visits/", {**data, "client_key": None}).status_code == 400
    assert post(client_for(cast.analyst), "/api/v1/visits/", {**data, "client_key": None}).status_code == 403


@pytest.mark.django_db
def test_task_assigned_and_completed_with_a_photo(cast, client_for):
    due = (local_date() + dt.timedelta(days=3)).isoformat()
    created = post(client_for(cast.supervisor), "/api/v1/work-tasks/",
                   {"title": "巡检", "assignee": "manager_a", "due_on": due})
    assert created.status_code == 201
    refused = post(client_for(cast.supervisor), "/api/v1/work-tasks/",
                   {"title": "x", "assignee": "head", "due_on": due})
    assert refused.status_code == 400  # head is not below the supervisor: not a valid assignee
    url = f"/api/v1/work-tasks/{created.json()['id']}/complete/"
    done = client_for(cast.manager_a).post(url, {"evidence_note": "完成", "file": [jpeg_upload()]})
    assert done.status_code == 200 and done.json()["status"] == "done"


@pytest.mark.django_db
def test_training_meeting_diary_and_assistance(cast, client_for):
    client, today = client_for(cast.manager_a), local_date().isoformat()
    session = post(client, "/api/v1/training-sessions/", {"topic": "政策", "kind": "policy", "held_on": today,
                                                           "node": "GA"})
    assert session.status_code == 201
    attendees = post(client, f"/api/v1/training-sessions/{session.json()['id']}/attendees/",
                     {"outlet": "OA1", "attendee_name": "张三", "quiz_score": 88})
    assert attendees.json()["attendees"] == [{"outlet": "OA1", "attendee_name": "张三", "attended": True,
                                              "quiz_score": 88}]
    meeting = post(client, "/api/v1/channel-meetings/", {"month": today, "held_on": today, "attendees": "a",
                                                         "minutes": "m"})
    assert meeting.status_code == 201
    url = f"/api/v1/channel-meetings/{meeting.json()['id']}/"
    post(client, url + "measures/", {"text": "加强宣传", "owner": "manager_a", "due_on": today})
    tasks = post(client, url + "create-tasks/", {})
    assert tasks.json()["measures"][0]["task"] is not None
    diary = post(client, "/api/v1/diary-entries/", {"day": today, "note": "日志"})
    assert diary.status_code == 201 and diary.json()["activity"]["counts"]["trainings"] == 1
    assist = post(client, "/api/v1/sales-assistance-days/", {"day": today, "outlet": "OA1", "activities": "外摆"})
    assert assist.status_code == 201
    assert post(client_for(cast.manager_b), "/api/v1/sales-assistance-days/",
                {"day": today, "outlet": "OA1", "activities": "x"}).status_code == 400
