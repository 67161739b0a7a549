"""The generic ImportView (qudao.ui.imports) wired to the outlet importer, as a domain app would."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import include, path

from qudao.accounts.permissions import can_write_master_data
from qudao.channels.importers import OutletImporter
from qudao.channels.models import Outlet
from qudao.core.spreadsheet import read_numbered_rows, write_xlsx
from qudao.ui.imports import ImportView

HEADERS = OutletImporter.headers()
URL = "/test-import/outlets/"


class OutletImportView(ImportView):
    importer = OutletImporter
    permission = can_write_master_data  # a plain function works as well as a staticmethod
    title = "Import outlets"
    back_url_name = "ui:home"


urlpatterns = [path(URL.strip("/") + "/", OutletImportView.as_view()), path("", include("config.urls"))]
pytestmark = pytest.mark.urls(__name__)


def upload(rows, name="outlets.xlsx"):
    return SimpleUploadedFile(name, write_xlsx(HEADERS, rows))


def row(code, grid="GA"):
    return [code, f"网点{code}", "", "", "", grid, "AG1", "授权渠道", dt.date(2025, 3, 1)]


def test_form_page_links_the_template_and_lists_the_columns(cast, client_for):
    response = client_for(cast.manager_a).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "?template=xlsx" in html and "网点类型（必填）：可选值：授权渠道" in html


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_template_download(cast, client_for, fmt):
    response = client_for(cast.manager_a).get(URL, {"template": fmt})
    assert response.status_code == 200
    assert f'filename="outlets-template.{fmt}"' in response["Content-Disposition"]
    assert read_numbered_rows(response.content, f"t.{fmt}") == (HEADERS, [])


def test_unknown_template_format_is_404(cast, client_for):
    assert client_for(cast.manager_a).get(URL, {"template": "pdf"}).status_code == 404


def test_read_only_and_anonymous_users_are_kept_out(cast, client_for):
    assert client_for(cast.analyst).get(URL).status_code == 403
    assert client_for(cast.analyst).post(URL, {"file": upload([row("N1")]), "action": "import"}).status_code == 403
    assert client_for(None).get(URL).status_code == 302
    assert not Outlet.objects.filter(code="N1").exists()


def test_dry_run_with_errors_shows_every_error(cast, client_for):
    response = client_for(cast.manager_a).post(URL, {"file": upload([row("N1"), row("N2", grid="GB")]), "action": "dry_run"})
    assert response.status_code == 200
    result = response.context["result"]
    assert [(e.row, e.column) for e in result.errors] == [(3, "网格编码")]
    html = response.content.decode()
    assert "未知的网格编码“GB”（须为您管辖范围内的有效网格）" in html and 'data-testid="import-errors"' in html
    assert not Outlet.objects.filter(code="N1").exists()


def test_import_with_errors_writes_nothing(cast, client_for):
    response = client_for(cast.manager_a).post(URL, {"file": upload([row("N1"), row("OA1")]), "action": "import"})
    assert response.status_code == 200 and not response.context["result"].ok
    assert not Outlet.objects.filter(code="N1").exists()


def test_dry_run_then_import(cast, client_for):
    client = client_for(cast.manager_a)
    response = client.post(URL, {"file": upload([row("N1"), row("N2")]), "action": "dry_run"})
    assert response.context["result"].ok and response.context["result"].row_count == 2
    assert not Outlet.objects.filter(code="N1").exists()

    response = client.post(URL, {"file": upload([row("N1"), row("N2")]), "action": "import"}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    [message] = response.context["messages"]
    assert "2" in str(message) and "网点" in str(message)
    assert Outlet.objects.filter(code__in=["N1", "N2"]).count() == 2


def test_missing_file_is_a_form_error(cast, client_for):
    response = client_for(cast.manager_a).post(URL, {"action": "dry_run"})
    assert response.status_code == 200 and response.context["form"].errors


def test_too_large_upload_is_refused(cast, client_for, settings):
    settings.QUDAO_IMPORT_MAX_BYTES = 100
    response = client_for(cast.manager_a).post(URL, {"file": upload([row("N1")]), "action": "import"})
    assert response.context["result"].errors[0].reason.startswith("文件过大")
    assert not Outlet.objects.filter(code="N1").exists()
