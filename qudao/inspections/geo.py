"""Distances on the earth's surface and a short route through a few outlets."""

import math
from collections.abc import Sequence
from decimal import Decimal

EARTH_RADIUS_M = 6_371_008.8

Point = tuple[float, float]


def haversine_m(lat1, lng1, lat2, lng2) -> int:
    """Great-circle distance in whole metres (coordinates in degrees; Decimal or float)."""
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    dphi, dlmb = phi2 - phi1, math.radians(float(lng2) - float(lng1))
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return round(2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a))))


def distance_or_none(lat1, lng1, lat2, lng2) -> int | None:
    if None in (lat1, lng1, lat2, lng2):
        return None
    return haversine_m(lat1, lng1, lat2, lng2)


def nearest_neighbour_route(
    stops: Sequence[tuple[object, Decimal | None, Decimal | None]], start: Point | None = None,
) -> list[tuple[object, int | None]]:
    """Orders `stops` (key, lat, lng) greedily: from `start` (or the first stop) always to the
    nearest unvisited one. Stops without coordinates keep their order at the end.
    Returns (key, metres from the previous stop or None)."""
    located = [s for s in stops if s[1] is not None and s[2] is not None]
    unlocated = [s for s in stops if s[1] is None or s[2] is None]
    route: list[tuple[object, int | None]] = []
    if start is None and located:
        first = located.pop(0)
        route.append((first[0], None))
        here: Point | None = (first[1], first[2])
    else:
        here = start
    while located:
        nearest = min(located, key=lambda s: haversine_m(here[0], here[1], s[1], s[2]))
        route.append((nearest[0], haversine_m(here[0], here[1], nearest[1], nearest[2])))
        located.remove(nearest)
        here = (nearest[1], nearest[2])
    route.extend((s[0], None) for s in unlocated)
    return route
