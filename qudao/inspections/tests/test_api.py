"""The field-work API: check in, finish with answers, attach photos, rectify, plan the week."""

import datetime as dt
import uuid

import pytest

from qudao.api.tests.helpers import JsonClient, url
from qudao.inspections.models import Inspection, Rectification, WeekPlan
from qudao.inspections.weeks import local_date

from .conftest import jpeg_bytes, upload

pytestmark = pytest.mark.django_db


def answers(template_items, failing_index=None):
    rows = []
    for index, item in enumerate(template_items):
        if item["answer_type"] == "points":
            rows.append({"item": item["id"], "points": 0 if index == failing_index else item["max_points"]})
        else:
            rows.append({"item": item["id"], "passed": index != failing_index})
    return rows


def test_check_in_finish_and_photos(field):
    client = JsonClient(field.manager_a, by_token=True)
    templates = client.get(url("checklist-template-list"), {"kind": "routine"}).json()["results"]
    rt_auth = next(t for t in templates if t["code"] == "RT-AUTH")

    created = client.post(url("inspection-list"), {"outlet": "OA1", "kind": "routine",
                                                   "client_key": str(uuid.uuid4()), "latitude": "23.10740000",
                                                   "longitude": "113.3245", "accuracy_m": "6.5"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["distance_m"] == 100 and body["status"] == "in_progress" and body["template"] == "RT-AUTH"

    finished = client.post(url("inspection-finish", body["id"]), {
        "finish_key": str(uuid.uuid4()), "answers": answers(rt_auth["items"], failing_index=1)})
    assert finished.status_code == 200, finished.content
    assert finished.json()["status"] == "finished" and finished.json()["failed_items"] == 1
    assert finished.json()["too_short"] is True  # finished seconds after the check-in

    item = rt_auth["items"][1]["id"]
    photo = client.client.post(url("inspection-photos", body["id"]),
                               {"item": item, "file": [upload(jpeg_bytes())]}, format="multipart")
    assert photo.status_code == 200, photo.content
    result = next(r for r in photo.json()["results"] if r["item"] == item)
    assert len(result["photos"]) == 1
    hostile = client.client.post(url("inspection-photos", body["id"]),
                                 {"item": item, "file": [upload(b"<svg onload=alert(1)>", "x.jpg")]},
                                 format="multipart")
    assert hostile.status_code == 400

    rectification = Rectification.objects.get()
    recheck = client.client.post(url("rectification-recheck", rectification.pk),
                                 {"file": [upload(jpeg_bytes())], "note": "已整改"}, format="multipart")
    assert recheck.status_code == 200 and recheck.json()["status"] == "closed"


def test_check_in_and_finish_in_one_call(field):
    client = JsonClient(field.manager_b, by_token=True)
    template = client.get(url("checklist-template-list"), {"kind": "compliance"}).json()["results"][0]
    response = client.post(url("inspection-list"), {
        "outlet": "OB1", "kind": "compliance", "client_key": str(uuid.uuid4()), "finish_key": str(uuid.uuid4()),
        "answers": answers(template["items"], failing_index=0)})
    assert response.status_code == 201, response.content
    assert response.json()["score"] == "80.0" and len(response.json()["results"]) == len(template["items"])
    assert client.post(url("inspection-list"), {"outlet": "OA1", "kind": "routine",
                                                "client_key": str(uuid.uuid4())}).status_code == 400  # not in reach


def test_incomplete_answers_are_refused(field):
    client = JsonClient(field.manager_a)
    inspection = client.post(url("inspection-list"), {"outlet": "OA1", "kind": "routine",
                                                      "client_key": str(uuid.uuid4())}).json()
    response = client.post(url("inspection-finish", inspection["id"]),
                           {"finish_key": str(uuid.uuid4()), "answers": []})
    assert response.status_code == 400
    assert Inspection.objects.get().status == "in_progress"


def test_rectification_by_hand_and_agent_read_only(field):
    client = JsonClient(field.manager_a)
    body = {"outlet": "OA1", "description": "补贴营业执照", "deadline": (local_date() + dt.timedelta(days=3)).isoformat(),
            "client_key": str(uuid.uuid4())}
    assert client.post(url("rectification-list"), body).status_code == 201
    assert client.post(url("rectification-list"), body).status_code == 200
    agent = JsonClient(field.agent_user)
    assert agent.get(url("rectification-list")).json()["count"] == 1
    body["client_key"] = str(uuid.uuid4())
    assert agent.post(url("rectification-list"), body).status_code == 403


def test_week_plan_and_suggestions(field):
    client = JsonClient(field.manager_a)
    suggestions = client.get(url("week-plan-suggest")).json()
    assert {row["outlet"] for row in suggestions} == {"OA1", "OA2"}
    assert all(row["reason_texts"] for row in suggestions)
    created = client.post(url("week-plan-list"), {"outlets": ["OA2", "OA1"]})
    assert created.status_code == 201, created.content
    assert [stop["outlet"] for stop in created.json()["stops"]] == ["OA2", "OA1"]
    assert client.post(url("week-plan-list"), {"outlets": ["OB1"]}).status_code == 400  # out of reach: unknown
    assert WeekPlan.objects.count() == 1
    assert JsonClient(field.supervisor).get(url("week-plan-list")).json()["count"] == 1
    assert JsonClient(field.manager_b).get(url("week-plan-list")).json()["count"] == 0


@pytest.mark.parametrize("basename", ["inspection", "rectification", "violation", "week-plan", "checklist-template"])
def test_api_lists_cost_a_constant_number_of_queries(field, basename, django_assert_max_num_queries):
    from .test_pages import _grow

    client = JsonClient(field.head, by_token=True)
    _grow(field, 1)
    with django_assert_max_num_queries(8) as before:
        assert client.get(url(f"{basename}-list")).status_code == 200
    _grow(field, 5)
    with django_assert_max_num_queries(8) as after:
        assert client.get(url(f"{basename}-list")).status_code == 200
    assert len(after) == len(before)
