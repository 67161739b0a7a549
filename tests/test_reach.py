"""Every list, detail and object endpoint answers each persona with exactly its reach.

The endpoints are discovered by walking the URL configuration, so a new endpoint is either
covered by a model spec in tests/reach/ or listed as exempt with a reason; otherwise
`test_every_endpoint_is_covered` fails. Out of reach answers 404, exactly like missing.
"""

import re

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from qudao.testing.cast import PERSONAS, build_cast

from .reach import ModelSpec, spec_modules

SPEC_MODULES = spec_modules()
SPECS = [spec for module in SPEC_MODULES for spec in module.SPECS]
EXEMPT = {name: why for module in SPEC_MODULES for name, why in module.EXEMPT.items()}
EXTRA_KWARGS = {k: v for module in SPEC_MODULES for k, v in getattr(module, "EXTRA_KWARGS", {}).items()}


def _build_world():
    cast = build_cast()
    world = {}
    for module in SPEC_MODULES:
        world.update(module.populate(cast))
    return cast, world


@pytest.fixture(scope="module")
def reach_world(django_db_setup, django_db_blocker):
    """The cast and every area's objects, built once for the module inside a transaction that is
    rolled back at the end; each test runs in a savepoint within it (the tests only read)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


def _named_routes():
    """(full name, pattern string) of every named route, including namespaced includes."""
    found: dict[str, str] = {}

    def walk(patterns, namespace, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace or namespace
                ns = f"{namespace}:{p.namespace}" if namespace and p.namespace else ns
                walk(p.url_patterns, ns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and p.name:
                name = f"{namespace}:{p.name}" if namespace else p.name
                found.setdefault(name, prefix + str(p.pattern))

    walk(get_resolver().url_patterns, "", "")
    return {n: pat for n, pat in found.items() if not n.startswith("admin:")}


def _spec_for(name: str) -> ModelSpec | None:
    matches = [(len(p), s) for s in SPECS for p in (*s.ui_prefixes, s.api_prefix or "-") if name.startswith(p)]
    return max(matches, key=lambda m: m[0])[1] if matches else None


ROUTES = _named_routes()
OBJECT_ROUTES = sorted(n for n, pat in ROUTES.items() if "pk>" in pat and n not in EXEMPT)
LIST_ROUTES = sorted(n for n in ROUTES if n.endswith(("_list", "-list")) and n not in EXEMPT)


def test_every_endpoint_is_covered():
    uncovered = sorted(n for n in ROUTES if n not in EXEMPT and _spec_for(n) is None)
    assert not uncovered, f"routes without a reach spec (add one in tests/reach/): {uncovered}"


def test_every_model_has_list_and_detail_in_ui_and_api():
    for spec in SPECS:
        names = [n for n in ROUTES if _spec_for(n) is spec]
        assert any(n.endswith("_list") for n in names), f"{spec.key}: no UI list"
        assert any(n.endswith("-list") for n in names), f"{spec.key}: no API list"
        if spec.key != "assignment":
            assert any(n.endswith("_detail") for n in names), f"{spec.key}: no UI detail"
        assert any(n.endswith("-detail") for n in names), f"{spec.key}: no API detail"


def _listed_pks(response) -> set[int]:
    if response.headers.get("Content-Type", "").startswith("application/json"):
        return {row["id"] for row in response.json()["results"]}
    table = response.context["table"]
    return {row.record.pk for row in table.paginated_rows}


@pytest.mark.django_db
@pytest.mark.parametrize("route", LIST_ROUTES)
def test_list_shows_exactly_the_reach(route, client_for, reach_world):
    cast, world = reach_world
    spec = _spec_for(route)
    objects, failures = world[spec.key], []
    for persona in PERSONAS:
        client = client_for(cast.users[persona])
        response = client.get(reverse(route), {"page_size": 500} if route.startswith("api:") else {"per_page": 500})
        if response.status_code != 200:
            failures.append(f"{persona}: HTTP {response.status_code}")
            continue
        expected = {objects[key].pk for key in spec.reach[persona]}
        if _listed_pks(response) != expected:
            failures.append(f"{persona}: listed {_listed_pks(response)} expected {expected}")
    assert not failures, failures


def _request_object_route(client, route: str, pk: int):
    kwargs = {"pk": pk}
    kwargs.update({k: v for k, v in EXTRA_KWARGS.items() if f"<{k}>" in ROUTES[route] or f":{k}>" in ROUTES[route]})
    url = reverse(route, kwargs=kwargs)
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {}, content_type="application/json")
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("route", OBJECT_ROUTES)
def test_object_routes_answer_404_beyond_reach(route, client_for, reach_world):
    cast, world = reach_world
    spec = _spec_for(route)
    failures = []
    for persona in PERSONAS:
        client = client_for(cast.users[persona])
        beyond = [(key, obj) for key, obj in world[spec.key].items() if key not in spec.reach[persona]]
        for key, obj in [*beyond, ("missing", type(next(iter(world[spec.key].values())))(pk=987654321))]:
            response = _request_object_route(client, route, obj.pk)
            if response.status_code != 404:
                failures.append(f"{persona} → {key}: HTTP {response.status_code}")
    assert not failures, failures


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in OBJECT_ROUTES if re.search(r"(_detail|-detail)$", r)])
def test_detail_opens_within_reach(route, client_for, reach_world):
    cast, world = reach_world
    spec = _spec_for(route)
    failures = []
    for persona in PERSONAS:
        client = client_for(cast.users[persona])
        for key in spec.reach[persona]:
            response = client.get(reverse(route, kwargs={"pk": world[spec.key][key].pk}))
            if response.status_code != 200:
                failures.append(f"{persona} → {key}: HTTP {response.status_code}")
    assert not failures, failures


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("channels:outlet_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/api/v1/outlets/").status_code in (401, 403)
