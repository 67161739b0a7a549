import io

import openpyxl
import pytest
from django.urls import reverse

from qudao.performance.exports import PdfUnavailable, html_to_pdf
from qudao.testing.cast import in_english

pytestmark = pytest.mark.django_db


def test_the_agent_reads_disputes_a_line_and_the_manager_answers_in_the_browser_flow(sheet, client_for):
    agent = client_for(sheet.head)
    url = reverse("statements:statement_detail", args=[sheet.statement.pk])
    page = agent.get(url)
    assert page.status_code == 200 and b'data-testid="confirm"' in page.content
    sheet.statement.refresh_from_db()
    assert sheet.statement.status == "viewed"
    assert agent.get(reverse("statements:statement_list")).context["table"].paginated_rows[0].record == sheet.statement

    line = sheet.line("R2")
    form = agent.get(reverse("statements:statement_dispute", args=[sheet.statement.pk]), {"line": line.pk})
    assert form.status_code == 200
    response = agent.post(reverse("statements:statement_dispute", args=[sheet.statement.pk]),
                          {"lines": [line.pk], "comment": "R2 was sold on the 3rd"})
    assert response.status_code == 302
    dispute = sheet.statement.disputes.get()

    manager = client_for(in_english(sheet.cast.users["manager_a"]))
    assert manager.get(reverse("statements:dispute_list")).context["table"].paginated_rows[0].record == dispute
    answer = reverse("statements:dispute_answer", args=[dispute.pk])
    bad = manager.post(answer, {"decision": "accept", "answer": "ok", "adjustment": "abc"})
    assert bad.status_code == 200 and "amount in yuan" in bad.content.decode()
    assert manager.post(answer, {"decision": "accept", "answer": "ok", "adjustment": "30.00"}).status_code == 302
    sheet.statement.refresh_from_db()
    assert sheet.statement.status == "resolved"

    assert agent.post(reverse("statements:statement_confirm", args=[sheet.statement.pk]), {}).status_code == 302
    sheet.statement.refresh_from_db()
    assert sheet.statement.status == "confirmed"


def test_staff_cannot_confirm_and_other_agents_get_404(sheet, client_for):
    manager = client_for(sheet.cast.users["manager_a"])
    assert manager.post(reverse("statements:statement_confirm", args=[sheet.statement.pk]), {}).status_code == 403
    agent = client_for(sheet.head)
    assert agent.get(reverse("statements:statement_detail", args=[sheet.other.pk])).status_code == 404
    assert agent.post(reverse("statements:statement_confirm", args=[sheet.other.pk]), {}).status_code == 404


def test_excel_has_the_totals_and_every_line(sheet, client_for):
    response = client_for(sheet.head).get(reverse("statements:statement_file", args=[sheet.statement.pk, "xlsx"]))
    assert response.status_code == 200
    sheet_rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    flat = [cell for row in sheet_rows for cell in row if cell is not None]
    assert 100 in flat and 80 in flat  # total ¥100.00, payable ¥80.00 (R3 is held)
    assert {"R1", "R2", "R3"} <= set(flat)


def test_pdf_renders_with_chinese_text(sheet, client_for):
    try:
        html_to_pdf("<p>渠道</p>")
    except PdfUnavailable:
        pytest.skip("no PDF renderer on this machine")
    response = client_for(sheet.head).get(reverse("statements:statement_file", args=[sheet.statement.pk, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_api_confirm_and_answer(sheet, client_for):
    agent = client_for(sheet.head)
    disputed = agent.post(reverse("api:statement-review-dispute", args=[sheet.statement.pk]),
                          {"comment": "missing R4", "lines": []}, content_type="application/json")
    assert disputed.status_code == 201, disputed.content
    dispute_id = disputed.json()[0]["id"]
    manager = client_for(sheet.cast.users["manager_a"])
    answered = manager.post(reverse("api:statement-dispute-answer", args=[dispute_id]),
                            {"accept": True, "answer": "added", "adjustment": "8.00"}, content_type="application/json")
    assert answered.status_code == 200 and answered.json()["adjustment"] == "8.00"
    confirmed = agent.post(reverse("api:statement-review-confirm", args=[sheet.statement.pk]), {},
                           content_type="application/json")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
