import re

from django.core.management import call_command

from .helpers import JsonClient, url


def test_schema_endpoint_serves_openapi(cast):
    response = JsonClient(cast.head).get(url("schema"), {"format": "json"})

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/outlets/{id}/owner/" in paths
    assert "/api/v1/auth/token/" in paths


def test_docs_page_loads_with_local_assets_only(cast):
    response = JsonClient(cast.head).get(url("docs"))

    assert response.status_code == 200
    html = response.content.decode().lower()
    assert "drf_spectacular_sidecar/swagger-ui-dist" in html
    # Look at asset addresses only: the page's random CSRF token may spell "cdn".
    assets = re.findall(r"""(?:src|href)=["']([^"']+)""", html)
    assert assets
    for asset in assets:
        assert not re.match(r"(https?:)?//", asset), asset
        assert not any(remote in asset for remote in ("cdn", "jsdelivr", "unpkg")), asset


def test_schema_generates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
