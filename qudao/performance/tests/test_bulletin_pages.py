import datetime as dt
import io
import re
import shutil
import zlib

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from qudao.performance.bulletins import bulletin_publish, generate_bulletin
from qudao.performance.models import BulletinLine

pytestmark = pytest.mark.django_db

WEEK = dt.date(2026, 10, 12)


@pytest.fixture
def published(cast, volumes):
    volumes.add_agent("agent4", "grid_a", "OA3", name="=HYPERLINK(\"http://evil\")")
    for code, records in [("OA1", 7), ("OA3", 9), ("OB1", 4), ("OC1", 2)]:
        volumes.sell(code, WEEK, records)
    bulletin, _created = generate_bulletin(week_start=WEEK)
    return bulletin_publish(bulletin=bulletin)


def _line(bulletin, agent) -> BulletinLine:
    return BulletinLine.objects.get(bulletin=bulletin, agent=agent)


def test_the_agent_user_sees_only_its_own_line_and_rank(cast, published, client_for):
    client = client_for(cast.agent_user)
    response = client.get(reverse("performance:bulletin_detail", args=[published.pk]))

    assert response.status_code == 200
    listed = [row.record.agent_id for row in response.context["table"].paginated_rows]
    assert listed == [cast.agent1.pk]
    own = _line(published, cast.agent1)
    assert (own.rank_in_grid, own.grid_agents) == (2, 2)
    assert client.get(own.get_absolute_url()).status_code == 200
    for other in ("agent2", "agent3", "agent4"):
        assert client.get(_line(published, cast.agents[other]).get_absolute_url()).status_code == 404


def test_agents_do_not_see_unpublished_bulletins(cast, volumes, client_for):
    draft, _created = generate_bulletin(week_start=WEEK - dt.timedelta(days=7))
    client = client_for(cast.agent_user)

    assert client.get(reverse("performance:bulletin_detail", args=[draft.pk])).status_code == 404
    assert client.get(_line(draft, cast.agent1).get_absolute_url()).status_code == 404
    assert client_for(cast.manager_a).get(reverse("performance:bulletin_detail", args=[draft.pk])).status_code == 200


def test_excel_export_is_formula_escaped_and_scoped(cast, published, client_for):
    response = client_for(cast.manager_a).get(reverse("performance:bulletin_xlsx", args=[published.pk]))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    names = [row[3] for row in rows[2:]]
    assert sorted(names) == sorted(["Agent 1", "'=HYPERLINK(\"http://evil\")"])  # grid A only, escaped

    agent_rows = list(load_workbook(io.BytesIO(
        client_for(cast.agent_user).get(reverse("performance:bulletin_xlsx", args=[published.pk])).content
    )).active.iter_rows(values_only=True))
    assert [row[3] for row in agent_rows[2:]] == ["Agent 1"]


def _pdf_characters(pdf: bytes) -> set[str]:
    """The characters the PDF's ToUnicode maps say its glyphs stand for."""
    found = set()
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            text = zlib.decompress(stream)
        except zlib.error:
            continue
        for code in re.findall(rb"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]{4})>", text):
            found.add(chr(int(code, 16)))
    return found


@pytest.mark.skipif(not shutil.which("chromium"), reason="needs Chromium (or WeasyPrint) to render PDF")
def test_pdf_export_renders_chinese(cast, published, client_for):
    cast.agent1.name = "城东代理商"
    cast.agent1.save()
    response = client_for(cast.head).get(reverse("performance:bulletin_pdf", args=[published.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"NotoSansCJK" in response.content  # the CJK font is embedded ...
    assert set("城东代理商") <= _pdf_characters(response.content)  # ... and draws the Chinese name


def test_pages_render_without_data(cast, client_for):
    for persona in ("head", "agent_user", "outsider"):
        client = client_for(cast.users[persona])
        for route in ("performance:bulletin_list", "performance:line_list"):
            response = client.get(reverse(route))
            assert response.status_code == 200 and response.context["table"].paginator.count == 0
