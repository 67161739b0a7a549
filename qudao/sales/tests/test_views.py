"""The pages: upload with progress, batch page and its polling fragment, records list, products, rules."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qudao.sales.choices import ImportStatus
from qudao.sales.exports import RECORD_EXPORT_CAP  # noqa: F401 - patched below
from qudao.sales.models import EffectiveRule, ImportBatch, Product

from .helpers import STATUS_HEADERS, csv_bytes, row, submit

pytestmark = pytest.mark.django_db


def test_upload_page_queues_a_batch_and_sends_htmx_to_its_page(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.head)
    page = client.get(reverse("sales:batch_create"))
    assert page.status_code == 200 and "upload-progress" in page.content.decode()
    upload = SimpleUploadedFile("r.csv", csv_bytes([row("R1")]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sales:batch_create"), {"file": upload, "kind": "records"}, HTTP_HX_REQUEST="true")
    batch = ImportBatch.objects.get()
    assert response.status_code == 204 and response["HX-Redirect"] == batch.get_absolute_url()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE


def test_upload_page_shows_refusals_on_the_form(world, client_for):
    response = client_for(world.head).post(
        reverse("sales:batch_create"), {"file": SimpleUploadedFile("r.pdf", b"%PDF"), "kind": "records"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "只支持 .xlsx 或 .csv 文件" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_read_only_roles_cannot_upload(world, client_for):
    assert client_for(world.analyst).get(reverse("sales:batch_create")).status_code == 403
    assert client_for(world.agent_user).get(reverse("sales:batch_create")).status_code == 403


def test_batch_page_polls_while_running_and_shows_the_errors_when_done(world, client_for,
                                                                       django_capture_on_commit_callbacks):
    client = client_for(world.head)
    queued = ImportBatch.objects.create(kind="records", filename="q.csv", created_by=world.head)
    html = client.get(reverse("sales:batch_detail", args=[queued.pk])).content.decode()
    assert f'hx-get="{reverse("sales:batch_progress", args=[queued.pk])}"' in html and 'hx-trigger="every 2s"' in html

    batch = submit(world.head, csv_bytes([row("R1", outlet="NOPE")]), capture=django_capture_on_commit_callbacks)
    fragment = client.get(reverse("sales:batch_progress", args=[batch.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment and "<html" not in fragment
    assert "未知的网点编码“NOPE”" in fragment and 'data-testid="import-errors"' in fragment
    errors = client.get(reverse("sales:batch_errors", args=[batch.pk]))
    assert errors.status_code == 200 and "未知的网点编码" in errors.content.decode("utf-8-sig")


def _records(world, capture):
    rows = [row("R1", "2025-10-01 10:00"), row("R2", "2025-10-20 10:00", phone="13912345678"),
            row("R3", "2025-10-21 10:00", outlet="OB1")]
    submit(world.head, csv_bytes(rows), capture=capture)


def test_records_list_filters_like_the_dashboard_drill_down(world, client_for, django_capture_on_commit_callbacks):
    _records(world, django_capture_on_commit_callbacks)
    client = client_for(world.head)
    url = reverse("sales:record_list")
    response = client.get(url, {"outlet": "OA1", "date_from": "2025-10-15", "date_to": "2025-10-31"})
    listed = [r.record.external_id for r in response.context["table"].paginated_rows]
    assert listed == ["R2"]
    html = response.content.decode()
    assert "139****5678" in html and "13912345678" not in html
    grid_b = [r.record.external_id for r in client.get(url, {"grid": "GB"}).context["table"].paginated_rows]
    assert sorted(grid_b) == ["R2", "R3"]  # R2 was sold after OA1 moved to grid B


def test_record_export_streams_masked_rows_and_refuses_above_the_cap(world, client_for, monkeypatch,
                                                                     django_capture_on_commit_callbacks):
    _records(world, django_capture_on_commit_callbacks)
    client = client_for(world.manager_a)  # grid A: only R1
    response = client.get(reverse("sales:record_list"), {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[0].startswith("业务流水号,受理时间,网点编码")
    assert [line.split(",")[0] for line in body.splitlines()[1:]] == ["R1"]
    assert "138****8000" in body and "13800138000" not in body
    xlsx = client.get(reverse("sales:record_list"), {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Disposition"].startswith("attachment")

    monkeypatch.setattr("qudao.sales.views.records.RECORD_EXPORT_CAP", 2)
    world.head.language = "en"
    world.head.save(update_fields=["language"])
    head = client_for(world.head)
    refused = head.get(reverse("sales:record_list"), {"export": "csv", "outlet": ""}, follow=True)
    assert "3 records match these filters; an export holds at most 2" in refused.content.decode()


def test_record_detail_shows_the_full_number_status_history_and_revisions(world, client_for,
                                                                         django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    _records(world, capture)
    submit(world.head, csv_bytes([row("R1", "2025-10-01 10:00", fee="59")]), capture=capture)
    submit(world.head, csv_bytes([["R1", "激活", "2025-10-02"]], headers=STATUS_HEADERS), "s.csv", kind="statuses",
           capture=capture)
    from qudao.sales.models import DevelopmentRecord

    record = DevelopmentRecord.objects.get(external_id="R1")
    html = client_for(world.manager_a).get(reverse("sales:record_detail", args=[record.pk])).content.decode()
    assert "13800138000" in html and "59.00" in html and "39.90" in html
    assert 'data-testid="status-changes"' in html and 'data-testid="revisions"' in html


def test_products_are_created_and_edited_in_yuan(world, client_for):
    client = client_for(world.manager_a)
    response = client.post(reverse("sales:product_create"), {
        "code": "P9", "name": "Plan 59", "category": "mobile_plan", "monthly_fee": "59.00", "term_months": "12",
        "active_from": "2025-01-01",
    })
    product = Product.objects.get(code="P9")
    assert response.status_code == 302 and product.monthly_fee_fen == 5900
    client.post(reverse("sales:product_edit", args=[product.pk]), {
        "name": "Plan 59+", "category": "mobile_plan", "monthly_fee": "69", "active_from": "2025-01-01",
    })
    product.refresh_from_db()
    assert (product.code, product.name, product.monthly_fee_fen) == ("P9", "Plan 59+", 6900)
    detail = client.get(reverse("sales:product_detail", args=[product.pk])).content.decode()
    assert "69.00" in detail
    assert client_for(world.analyst).get(reverse("sales:product_create")).status_code == 403


def test_insurance_products_need_a_premium(world, client_for):
    response = client_for(world.head).post(reverse("sales:product_create"), {
        "code": "I1", "name": "Policy", "category": "policy", "active_from": "2025-01-01",
    })
    assert response.status_code == 200 and not Product.objects.filter(code="I1").exists()


def test_product_import_and_export(world, client_for):
    from qudao.core.spreadsheet import read_numbered_rows, write_xlsx
    from qudao.sales.importers import ProductImporter

    content = write_xlsx(ProductImporter.headers(), [
        ["P7", "Card 19", "号卡", "19", "", "", "否", "2025-01-01", ""],
        ["I7", "Life", "保险保单", "", "1200", "12", "是", "2025-01-01", "2026-12-31"],
    ])
    client = client_for(world.head)
    response = client.post(reverse("sales:product_import"), {"file": SimpleUploadedFile("p.xlsx", content),
                                                              "action": "import"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Product.objects.get(code="I7").premium_fen == 120000
    exported = client.get(reverse("sales:product_list"), {"export": "xlsx"})
    headers, rows = read_numbered_rows(exported.content, "p.xlsx")
    assert headers == ProductImporter.headers() and len(rows) == Product.objects.count()


def test_rule_versions_are_edited_by_the_head_and_records_verified_again(world, client_for,
                                                                         django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    _records(world, capture)
    submit(world.head, csv_bytes([["R1", "激活", "2025-10-02"]], headers=STATUS_HEADERS), "s.csv", kind="statuses",
           capture=capture)
    from qudao.sales.models import DailyRollup, DevelopmentRecord

    assert not DevelopmentRecord.objects.get(external_id="R1").is_effective  # payment missing
    assert client_for(world.supervisor).get(reverse("sales:rule_create")).status_code == 403
    with capture(execute=True):
        response = client_for(world.head).post(reverse("sales:rule_create"), {
            "valid_from": "2025-01-01", "require_activation": "on", "within_days": "30", "note": "activation only",
        })
    assert response.status_code == 302
    assert DevelopmentRecord.objects.get(external_id="R1").is_effective
    assert DailyRollup.objects.get(day=dt.date(2025, 10, 1)).effective == 1
    rule = EffectiveRule.objects.get()
    assert rule.history.count() == 1 and rule.created_by == world.head


@pytest.mark.parametrize("name", [
    "sales:product_list", "sales:product_create", "sales:product_import", "sales:record_list", "sales:batch_list",
    "sales:batch_create", "sales:rule_list", "sales:rule_create",
])
def test_every_page_works_with_no_data(cast, client_for, name):
    response = client_for(cast.head).get(reverse(name))
    assert response.status_code == 200
    if name.endswith("_list"):
        assert not response.context["table"].page.object_list
