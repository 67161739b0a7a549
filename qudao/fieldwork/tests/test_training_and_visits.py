"""Training sessions (attendance, quiz, materials), sales-assistance days, visits and calls."""

import datetime as dt
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qudao.core.errors import BusinessRuleError
from qudao.core.events import events_for
from qudao.fieldwork.models import TrainingMaterial, Visit
from qudao.fieldwork.services import (
    assist_day_record,
    attendance_record,
    material_add,
    training_record,
    visit_follow_up_done,
    visit_record,
)
from qudao.fieldwork.weeks import local_date


@pytest.fixture
def session(cast):
    session, _ = training_record(topic="5G 套餐", kind="new_service", held_on=local_date(), node=cast.grid_a,
                                 by=cast.manager_a)
    return session


def pdf(name="slides.pdf", size=None):
    content = b"%PDF-1.4\n" + (b"x" * (size or 100))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.django_db
def test_attendance_and_quiz_scores(cast, session, client_for):
    attendance_record(session=session, outlet=cast.outlets["OA1"], attendee_name="张三", quiz_score=90, by=cast.manager_a)
    attendance_record(session=session, outlet=cast.outlets["OA2"], attendee_name="李四", quiz_score=70, by=cast.manager_a)
    attendance_record(session=session, outlet=cast.outlets["OA1"], attendee_name="王五", attended=False,
                      by=cast.manager_a)
    attendance_record(session=session, outlet=cast.outlets["OA2"], attendee_name="李四", quiz_score=80, by=cast.manager_a)
    for bad in ({"quiz_score": 101}, {"attended": False, "quiz_score": 50}):
        with pytest.raises(BusinessRuleError):
            attendance_record(session=session, outlet=cast.outlets["OA1"], attendee_name="赵六", by=cast.manager_a, **bad)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        attendance_record(session=session, outlet=cast.outlets["OB1"], attendee_name="x", by=cast.manager_a)
    page = client_for(cast.supervisor).get(session.get_absolute_url())
    assert page.context["attended"] == 2 and page.context["average_score"] == 85.0


@pytest.mark.django_db
def test_materials_are_checked_stored_under_generated_names_and_served_within_reach(cast, session, client_for, settings):
    material = material_add(session=session, upload=pdf("../../etc/课件.pdf"), by=cast.manager_a)
    assert material.original_name == "课件.pdf" and material.file.endswith(f"{material.uuid.hex}.pdf")
    assert "课件" not in material.file
    url = reverse("fieldwork:training_material", args=[session.pk, material.uuid])
    response = client_for(cast.supervisor).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"] and response["X-Content-Type-Options"] == "nosniff"
    assert client_for(cast.manager_b).get(url).status_code == 404
    assert client_for(cast.agent_user).get(url).status_code == 404
    settings.QUDAO_TRAINING_MATERIAL_MAX_BYTES = 1000
    for upload in (pdf(size=2000), SimpleUploadedFile("page.html", b"<html>"), pdf("fake.docx"),
                   SimpleUploadedFile("x.pdf", b"")):
        with pytest.raises(BusinessRuleError):
            material_add(session=session, upload=upload, by=cast.manager_a)
    assert TrainingMaterial.objects.count() == 1


@pytest.mark.django_db
def test_training_pages(cast, client_for):
    client = client_for(cast.manager_a)
    response = client.post(reverse("fieldwork:training_create"), {
        "topic": "政策解读", "kind": "policy", "held_on": local_date().isoformat(), "node": cast.grid_a.pk,
        "client_key": str(uuid.uuid4())})
    assert response.status_code == 302
    assert client.get(reverse("fieldwork:training_list")).context["table"].paginator.count == 1
    other = client.post(reverse("fieldwork:training_create"), {
        "topic": "x", "kind": "policy", "held_on": local_date().isoformat(), "node": cast.grid_b.pk}).context["form"]
    assert "node" in other.errors


@pytest.mark.django_db
def test_sales_assistance_days(cast, client_for):
    record, created = assist_day_record(day=local_date(), outlet=cast.outlets["OA1"], by=cast.manager_a,
                                        activities="周末外摆", result="办理 8 户", units_sold=8, helpers="代理商店员 2 人")
    assert created and record.node == cast.grid_a
    with pytest.raises(BusinessRuleError):
        assist_day_record(day=local_date() + dt.timedelta(days=1), outlet=cast.outlets["OA1"], by=cast.manager_a,
                          activities="x")
    assert client_for(cast.supervisor).get(record.get_absolute_url()).status_code == 200
    assert client_for(cast.manager_b).get(record.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_visit_with_a_follow_up(cast, client_for):
    visit, _ = visit_record(kind="visit", agent=cast.agent1, outlet=cast.outlets["OA1"], by=cast.manager_a,
                            notes="本月进度落后", problems_found="缺少促销物料", follow_up="下周送物料",
                            follow_up_due=local_date() + dt.timedelta(days=7))
    assert visit.follow_up_status == "open" and visit.node == cast.grid_a
    visit = visit_follow_up_done(visit=visit, by=cast.manager_a, note="已送达")
    assert visit.follow_up_status == "done"
    assert [(e.action, e.to_status) for e in events_for(visit)] == [("record", "open"), ("follow_up_done", "done")]
    with pytest.raises(BusinessRuleError):
        visit_follow_up_done(visit=visit, by=cast.manager_a)
    plain, _ = visit_record(kind="call", agent=cast.agent1, by=cast.manager_a, notes="电话了解")
    assert plain.follow_up_status == "" and plain.node == cast.grid_a


@pytest.mark.django_db
def test_visits_link_a_laggard_follow_up_of_the_same_agent(cast):
    from qudao.performance.models import FollowUp

    today = local_date()
    followup = FollowUp.objects.create(agent=cast.agent1, grid=cast.grid_a, assignee=cast.manager_a, kind="visit",
                                       flagged_on=today, as_of=today, reason="落后", due_on=today)
    visit, _ = visit_record(kind="visit", agent=cast.agent1, by=cast.manager_a, notes="x", laggard_followup=followup)
    assert visit.laggard_followup == followup
    with pytest.raises(BusinessRuleError):
        visit_record(kind="visit", agent=cast.agent2, by=cast.supervisor, notes="x", laggard_followup=followup)


@pytest.mark.django_db
def test_visit_page_resent_after_a_dropped_connection_creates_one(cast, client_for):
    client = client_for(cast.manager_a)
    data = {"kind": "visit", "agent": cast.agent1.pk, "contacted_on": local_date().isoformat(), "notes": "走访",
            "client_key": str(uuid.uuid4())}
    first = client.post(reverse("fieldwork:visit_create"), data, HTTP_ACCEPT="application/json")
    again = client.post(reverse("fieldwork:visit_create"), data, HTTP_ACCEPT="application/json")
    assert first.json() == again.json() and Visit.objects.count() == 1
    denied = client_for(cast.manager_b).post(reverse("fieldwork:visit_create"), {**data, "client_key": str(uuid.uuid4())},
                                             HTTP_ACCEPT="application/json")
    assert denied.status_code == 400 and Visit.objects.count() == 1
