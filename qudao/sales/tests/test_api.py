"""The API: multipart upload returning the batch, batch status, records (masked in lists), products, rules."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from qudao.sales.choices import ImportStatus
from qudao.sales.models import DevelopmentRecord, EffectiveRule, Product

from .helpers import csv_bytes, row, submit

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_upload_returns_the_batch_and_get_reports_its_status(world, django_capture_on_commit_callbacks):
    client = api(world.head)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("r.csv", csv_bytes([row("R1"), row("R2", outlet="NOPE")]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("api:import-batch-list"), {"file": upload, "kind": "records",
                                                                   "allow_partial": "true"}, format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == ImportStatus.QUEUED and "file" not in response.json()
    status = client.get(reverse("api:import-batch-detail", args=[response.json()["id"]])).json()
    assert (status["status"], status["rows_inserted"], status["rows_rejected"]) == ("done", 1, 1)
    assert status["errors"] == [{"row": 3, "column": "网点编码",
                                 "reason": "未知的网点编码“NOPE”（须为受理时属于您管辖范围的网点）"}]


def test_upload_refusals_are_400_and_read_only_roles_403(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    refused = api(world.head).post(reverse("api:import-batch-list"),
                                   {"file": SimpleUploadedFile("r.pdf", b"%PDF"), "kind": "records"}, format="multipart")
    assert refused.status_code == 400 and "只支持 .xlsx 或 .csv 文件" in str(refused.json())
    forbidden = api(world.analyst).post(reverse("api:import-batch-list"),
                                        {"file": SimpleUploadedFile("r.csv", b"x"), "kind": "records"},
                                        format="multipart")
    assert forbidden.status_code == 403


def test_records_are_masked_in_lists_and_whole_when_opened(world, django_capture_on_commit_callbacks):
    submit(world.head, csv_bytes([row("R1")]), capture=django_capture_on_commit_callbacks)
    client = api(world.agent_user)
    listed = client.get(reverse("api:development-record-list"), {"outlet": "OA1"}).json()["results"]
    assert [(r["external_id"], r["subscriber_no"], r["agent"], r["fee"]) for r in listed] == [
        ("R1", "138****8000", "AG1", "39.90")]
    one = client.get(reverse("api:development-record-detail", args=[listed[0]["id"]])).json()
    assert one["subscriber_no"] == "13800138000"
    assert api(world.manager_b).get(reverse("api:development-record-list")).json()["count"] == 0
    assert DevelopmentRecord.objects.count() == 1


def test_products_create_and_update_in_yuan(world):
    client = api(world.manager_a)
    created = client.post(reverse("api:product-list"), {
        "code": "P5", "name": "Plan", "category": "mobile_plan", "monthly_fee": "59.00", "active_from": "2025-01-01",
    }, format="json")
    assert created.status_code == 201, created.json()
    product = Product.objects.get(code="P5")
    assert product.monthly_fee_fen == 5900
    changed = client.patch(reverse("api:product-detail", args=[product.pk]), {"code": "HIJACK", "name": "Plan+"},
                           format="json")
    assert changed.status_code == 200
    product.refresh_from_db()
    assert (product.code, product.name) == ("P5", "Plan+")
    assert api(world.analyst).post(reverse("api:product-list"), {}, format="json").status_code == 403


def test_rules_are_changed_only_by_the_head_or_director(world, django_capture_on_commit_callbacks):
    body = {"valid_from": "2025-01-01", "require_activation": True, "require_payment": False, "within_days": 15}
    assert api(world.supervisor).post(reverse("api:effective-rule-list"), body, format="json").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        created = api(world.head).post(reverse("api:effective-rule-list"), body, format="json")
    assert created.status_code == 201, created.json()
    assert EffectiveRule.objects.get().within_days == 15
