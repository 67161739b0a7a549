"""A form resent after a dropped connection carries the same submission key and never creates a
second record: the service, the phone pages and the API all return the first one."""

import uuid

import pytest
from django.urls import reverse

from qudao.core.errors import BusinessRuleError
from qudao.inspections.models import Inspection, InspectionResult, Rectification, Violation
from qudao.inspections.services import (
    inspection_check_in,
    rectification_open,
    violation_raise,
)
from qudao.inspections.weeks import local_date

from .conftest import answers_for, check_in, finish

pytestmark = pytest.mark.django_db


def test_the_same_check_in_key_returns_the_first_inspection(field):
    key = uuid.uuid4()
    first, created = inspection_check_in(outlet=field.outlets["OA1"], kind="routine", by=field.manager_a,
                                         client_key=key, latitude="23.1065", longitude="113.3245")
    again, created_again = inspection_check_in(outlet=field.outlets["OA1"], kind="routine", by=field.manager_a,
                                               client_key=key)
    assert created and not created_again and again.pk == first.pk
    assert Inspection.objects.count() == 1


def test_someone_elses_key_is_refused(field):
    key = uuid.uuid4()
    check_in(field.manager_a, field.outlets["OA1"], key=key)
    with pytest.raises(BusinessRuleError):
        inspection_check_in(outlet=field.outlets["OA1"], kind="routine", by=field.supervisor, client_key=key)


def test_the_same_finish_key_does_not_record_the_checklist_twice(field):
    inspection, key = check_in(field.manager_a, field.outlets["OA1"]), uuid.uuid4()
    finish(inspection, key=key, failing={"门头招牌规范、整洁、无破损"})
    again = finish(inspection, key=key, failing={"门头招牌规范、整洁、无破损"})
    assert again.is_finished
    assert InspectionResult.objects.count() == inspection.template.items.count()
    assert Rectification.objects.count() == 1
    with pytest.raises(BusinessRuleError):  # a different submission cannot finish it again
        finish(inspection, key=uuid.uuid4())


def test_rectification_and_violation_keys(field):
    key = uuid.uuid4()
    outlet, by = field.outlets["OA1"], field.manager_a
    r1, _ = rectification_open(outlet=outlet, description="更换海报", deadline=local_date(), by=by, client_key=key)
    r2, created = rectification_open(outlet=outlet, description="更换海报", deadline=local_date(), by=by,
                                     client_key=key)
    assert r1.pk == r2.pk and not created and Rectification.objects.count() == 1
    key = uuid.uuid4()
    v1, _ = violation_raise(outlet=outlet, kind="price", description="加价销售", by=by, client_key=key)
    v2, created = violation_raise(outlet=outlet, kind="price", description="加价销售", by=by, client_key=key)
    assert v1.pk == v2.pk and not created and Violation.objects.count() == 1


def test_the_phone_check_in_page_resent_lands_on_the_same_inspection(field, client_for):
    client = client_for(field.manager_a)
    url = reverse("inspections:inspection_start")
    page = client.get(url, {"outlet": field.outlets["OA1"].pk})
    assert page.status_code == 200 and 'name="client_key"' in page.content.decode()
    data = {"outlet": field.outlets["OA1"].pk, "kind": "routine", "latitude": "23.10650012",
            "longitude": "113.3245", "accuracy_m": "12.4", "client_key": str(uuid.uuid4())}

    first = client.post(url, data, HTTP_ACCEPT="application/json")
    resent = client.post(url, data, HTTP_ACCEPT="application/json")

    inspection = Inspection.objects.get()
    checklist = reverse("inspections:inspection_checklist", args=[inspection.pk])
    assert first.json() == {"redirect": checklist} and resent.json() == {"redirect": checklist}
    assert inspection.distance_m == 0 and inspection.accuracy_m == 12
    # without JavaScript the same form still works, by a plain redirect
    assert client.post(url, data)["Location"] == checklist


def test_the_phone_checklist_resent_after_finishing_lands_on_the_result(field, client_for):
    client = client_for(field.manager_a)
    inspection = check_in(field.manager_a, field.outlets["OA1"])
    data = {f"item_{a.item_id}": "pass" if a.passed else "fail" for a in answers_for(inspection)}
    data["finish_key"] = str(uuid.uuid4())
    url = reverse("inspections:inspection_checklist", args=[inspection.pk])

    assert client.post(url, data, HTTP_ACCEPT="application/json").status_code == 200
    resent = client.post(url, data, HTTP_ACCEPT="application/json")
    assert resent.json() == {"redirect": inspection.get_absolute_url()}
    assert InspectionResult.objects.count() == inspection.template.items.count()
    assert client.get(url)["Location"] == inspection.get_absolute_url()  # a finished checklist is not shown again


def test_the_api_answers_201_then_200_for_a_resent_check_in(field):
    from qudao.api.tests.helpers import JsonClient, url

    client = JsonClient(field.manager_a, by_token=True)
    body = {"outlet": "OA1", "kind": "routine", "client_key": str(uuid.uuid4()), "latitude": "23.1065",
            "longitude": "113.3245"}
    first = client.post(url("inspection-list"), body)
    resent = client.post(url("inspection-list"), body)
    assert (first.status_code, resent.status_code) == (201, 200)
    assert first.json()["id"] == resent.json()["id"] and Inspection.objects.count() == 1
