"""The callback workbench: script, masked and dialable number, outcomes, violations raised from them."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from qudao.core.errors import BusinessRuleError
from qudao.core.events import events_for
from qudao.fieldwork.models import Callback, CallbackPolicy
from qudao.fieldwork.scripts import render_script
from qudao.fieldwork.services import callback_record, sample_callbacks
from qudao.inspections.models import Violation

from .helpers import make_records

DAY = dt.date(2026, 11, 2)


@pytest.fixture
def callback(cast, product):
    make_records(cast.outlets["OA1"], DAY, 3, product)
    sample_callbacks(day=DAY)
    return Callback.objects.get()


@pytest.mark.django_db
def test_script_fills_the_placeholders_and_nothing_else(callback):
    script = render_script(callback, "{date} {outlet} 办理 {product}，{customer} {product.__class__}")
    assert script == "2026-11-02 Outlet OA1 办理 Plan 39，{customer} {product.__class__}"
    assert "Outlet OA1" in render_script(callback)


@pytest.mark.django_db
def test_number_is_masked_in_lists_and_dialable_on_the_callback(callback, client_for):
    client = client_for(callback.assignee)
    listing = client.get(reverse("fieldwork:callback_list")).content.decode()
    assert callback.masked_number in listing and callback.subscriber_no not in listing
    assert callback.masked_number.startswith("138****")
    detail = client.get(callback.get_absolute_url()).content.decode()
    assert f'href="tel:{callback.subscriber_no}"' in detail
    api_list = client.get("/api/v1/callbacks/").json()["results"][0]
    assert api_list["number"] == callback.masked_number and "subscriber_no" not in api_list
    assert client.get(f"/api/v1/callbacks/{callback.pk}/").json()["subscriber_no"] == callback.subscriber_no
    reader = client_for(callback.assignee.reports_to.reports_to)  # head: may dial too
    assert reader.get(f"/api/v1/callbacks/{callback.pk}/").json()["subscriber_no"] == callback.subscriber_no


@pytest.mark.django_db
def test_readers_never_get_the_whole_number(cast, callback, client_for):
    client = client_for(cast.analyst)
    assert client.get(f"/api/v1/callbacks/{callback.pk}/").json()["subscriber_no"] == callback.masked_number
    assert "tel:" not in client.get(callback.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_someone_else_recording_lands_on_the_callback(cast, callback, client_for):
    response = client_for(cast.supervisor).post(reverse("fieldwork:callback_record", args=[callback.pk]),
                                                {"outcome": "reached", "client_key": str(uuid.uuid4())})
    assert response["Location"] == callback.get_absolute_url()


@pytest.mark.django_db
def test_recording_an_outcome_is_an_event_and_a_resend_changes_nothing(callback):
    key = uuid.uuid4()
    callback_record(callback=callback, outcome="confirmed", note="本人办理", by=callback.assignee, client_key=key)
    again = callback_record(callback=callback, outcome="complaint", by=callback.assignee, client_key=key)
    assert (again.status, again.outcome, again.note) == ("done", "confirmed", "本人办理")
    assert [(e.action, e.to_status) for e in events_for(callback)] == [("call", "done")]
    with pytest.raises(BusinessRuleError):
        callback_record(callback=callback, outcome="complaint", by=callback.assignee, client_key=uuid.uuid4())


@pytest.mark.django_db
@pytest.mark.parametrize(("outcome", "kind", "expected"), [
    ("deposit_withheld", "", "intercepted_deposit"),
    ("mis_selling", "", "price"),
    ("mis_selling", "other", "other"),
    ("fake", "", "fake_activation"),
])
def test_an_outcome_raises_its_violation(callback, outcome, kind, expected):
    key = uuid.uuid4()
    done = callback_record(callback=callback, outcome=outcome, by=callback.assignee, client_key=key,
                           raise_violation=True, violation_kind=kind, note="预存款未到账")
    violation = Violation.objects.get()
    assert done.violation == violation and violation.kind == expected and violation.outlet == callback.outlet
    assert callback.external_id in violation.description and violation.evidence_note == "预存款未到账"
    callback_record(callback=callback, outcome=outcome, by=callback.assignee, client_key=key, raise_violation=True)
    assert Violation.objects.count() == 1


@pytest.mark.django_db
def test_outcomes_that_do_not_fit_a_violation_are_refused(callback):
    with pytest.raises(BusinessRuleError):
        callback_record(callback=callback, outcome="confirmed", by=callback.assignee, raise_violation=True)
    with pytest.raises(BusinessRuleError):
        callback_record(callback=callback, outcome="fake", by=callback.assignee, raise_violation=True,
                        violation_kind="price")
    assert not Violation.objects.exists() and Callback.objects.get().status == "pending"


@pytest.mark.django_db
def test_only_staff_in_reach_who_may_write_record(cast, callback):
    for persona in ("manager_b", "analyst", "agent_user"):
        with pytest.raises(PermissionDenied):
            callback_record(callback=callback, outcome="confirmed", by=cast.users[persona])
    assert callback_record(callback=callback, outcome="confirmed", by=cast.supervisor).called_by == cast.supervisor


@pytest.mark.django_db
def test_the_workbench_lists_my_pending_callbacks_and_the_record_form_redirects_to_it(callback, client_for):
    client = client_for(callback.assignee)
    page = client.get(reverse("fieldwork:callback_workbench"))
    assert [row.record for row in page.context["table"].paginated_rows] == [callback]
    assert (page.context["latest"].sampled, page.context["latest"].done) == (1, 0)
    response = client.post(reverse("fieldwork:callback_record", args=[callback.pk]),
                           {"outcome": "reached", "client_key": str(uuid.uuid4())}, HTTP_ACCEPT="application/json")
    assert response.json() == {"redirect": reverse("fieldwork:callback_workbench")}
    page = client.get(reverse("fieldwork:callback_workbench"))
    assert page.context["table"].paginator.count == 0 and page.context["latest"].done == 1
    bad = client.post(reverse("fieldwork:callback_record", args=[callback.pk]), {"outcome": "nonsense"},
                      HTTP_ACCEPT="application/json")
    assert bad.status_code == 400 and bad.json()["errors"]


@pytest.mark.django_db
def test_record_through_the_api(callback, client_for):
    client = client_for(callback.assignee)
    response = client.post(f"/api/v1/callbacks/{callback.pk}/record/",
                           {"outcome": "deposit_withheld", "raise_violation": True, "client_key": str(uuid.uuid4())},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["outcome"] == "deposit_withheld"
    assert response.json()["violation"] == Violation.objects.get().pk
    coverage = client.get("/api/v1/callbacks/coverage/", {"first": DAY.isoformat()}).json()
    assert coverage[0]["done"] == 1 and coverage[0]["sampled"] == 1


@pytest.mark.django_db
def test_the_policy_script_is_editable_data(callback, client_for):
    policy = CallbackPolicy.current()
    policy.script = "您好，{outlet} 回访"
    policy.save()
    page = client_for(callback.assignee).get(callback.get_absolute_url())
    assert page.context["script"] == "您好，Outlet OA1 回访"
