import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from qudao.fraud.models import FraudFlag, OutletRisk, ScreeningRun
from qudao.ledger.models import Penalty

from .conftest import AS_OF, PERIOD


@pytest.mark.django_db
def test_start_a_screening_from_the_page_and_watch_it(parquet, client_for, django_capture_on_commit_callbacks):
    client = client_for(parquet.head)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("fraud:run_create"), {"period": "2026-10-09", "as_of": AS_OF.isoformat()})
    assert response.status_code == 302
    run = ScreeningRun.objects.get()
    assert (run.status, run.period, run.flags) == ("done", PERIOD, 12)
    page = client.get(reverse("fraud:run_progress", args=[run.pk]))
    assert page.status_code == 200 and b"hx-get" not in page.content
    assert client_for(parquet.manager_a).get(reverse("fraud:run_create")).status_code == 403


@pytest.mark.django_db
def test_flag_list_filters_scope_and_export(parquet, client_for):
    from qudao.fraud.services import screen_period

    screen_period(period=PERIOD, user=parquet.head, as_of=AS_OF)
    client = client_for(parquet.manager_a)  # grid A: OA1, OA2
    rows = client.get(reverse("fraud:flag_list")).context["table"].paginated_rows
    assert {r.record.external_id for r in rows} == {"S1", "S2", "O1", "N1"}
    rows = client.get(reverse("fraud:flag_list"), {"rule": "odd_hours"}).context["table"].paginated_rows
    assert [r.record.external_id for r in rows] == ["O1"]
    response = client.get(reverse("fraud:flag_list"), {"outlet": "OA2", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sorted(row[1] for row in list(sheet.iter_rows(values_only=True))[1:]) == ["N1", "S2"]
    oc1 = FraudFlag.objects.filter(outlet=parquet.outlets["OC1"]).first()
    assert client.get(reverse("fraud:flag_detail", args=[oc1.pk])).status_code == 404
    assert client_for(parquet.agent_user).get(reverse("api:fraud-flag-list")).json()["results"] == []


@pytest.mark.django_db
def test_review_per_record_and_per_outlet_through_pages_and_api(parquet, client_for):
    from qudao.fraud.services import screen_period

    screen_period(period=PERIOD, user=parquet.head, as_of=AS_OF)
    supervisor = client_for(parquet.supervisor)
    s3 = FraudFlag.objects.get(external_id="S3")
    assert supervisor.post(reverse("fraud:flag_clear", args=[s3.pk]), {"comment": "family"}).status_code == 302
    assert FraudFlag.objects.get(external_id="S3").status == "cleared"
    risk = OutletRisk.objects.get(outlet=parquet.outlets["OB1"])
    response = supervisor.post(reverse("api:outlet-risk-confirm", args=[risk.pk]), {"comment": "ok"},
                               content_type="application/json")
    assert response.status_code == 200, response.content
    penalty = Penalty.objects.get(pk__in=response.json()["penalties"])
    assert (penalty.amount_fen, penalty.agent, penalty.proposed_by) == (2 * 5000, parquet.agent2, parquet.supervisor)
    assert set(FraudFlag.objects.filter(outlet=risk.outlet).values_list("external_id", "status")) == {
        ("S3", "cleared"), ("T1", "confirmed"), ("T2", "confirmed")}
    manager = client_for(parquet.manager_a)
    s1 = FraudFlag.objects.get(external_id="S1")
    assert manager.post(reverse("api:fraud-flag-clear", args=[s1.pk]), {},
                        content_type="application/json").status_code == 403
