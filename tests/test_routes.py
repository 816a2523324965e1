"""Routes follow their mode: sea lanes at sea, rail and road on land, flights on great circles.

Measured against the published basemaps (the detail basemap where a route runs inside its box,
whose coastline is 20 times finer), in kilometres, in an equidistant projection centred on
each route. The first and last ENDS_KM of a route are not judged: ports and stations are town
coordinates, a little inland of the quay.
"""
from __future__ import annotations

import json

import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point, shape
from shapely.ops import substring

from conftest import ROOT
from helpers.model import geo

ENDS_KM = 20
TOLERANCE = 0.02  # share of a route's length allowed on the wrong side of the coast
MAX_RAIL_SEGMENT_KM = 700
GEOD = Geod(ellps="WGS84")


def load(name):
    return json.loads((ROOT / "data/processed" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def land():
    def union(name):
        return shapely.union_all([shape(f["geometry"]) for f in load(name)["features"]])

    return union("basemap.geojson"), union("basemap_detail.geojson"), shapely.union_all([shapely.box(*b) for b in geo.DETAIL_BOXES.values()])


@pytest.fixture(scope="module")
def routes():
    return [f for f in load("actor_geography.geojson")["features"] if f["properties"]["feature_type"] == "route"]


def wrong_side_share(line: LineString, land_geom, want: str) -> float:
    """Share of the line (ends trimmed) lying on land when want='sea', at sea when want='land'."""
    c = line.centroid
    proj = Transformer.from_crs("EPSG:4326", f"+proj=aeqd +lat_0={c.y} +lon_0={c.x} +units=km", always_xy=True)

    def to_km(geom):
        return shapely.transform(geom, lambda xy: np.column_stack(proj.transform(xy[:, 0], xy[:, 1])))

    km = to_km(line)
    if km.length <= 2 * ENDS_KM:
        return 0.0
    judged = substring(km, ENDS_KM, km.length - ENDS_KM)
    area = to_km(land_geom.intersection(line.buffer(1.0)))
    legs = [LineString(pair) for pair in zip(judged.coords, judged.coords[1:])]  # leg by leg: a path may retrace itself
    on_land = sum(leg.intersection(area).length for leg in legs)
    return (on_land if want == "sea" else judged.length - on_land) / judged.length


def land_for(line, land) -> object:
    coarse, fine, box = land
    return fine if box.contains(line) else coarse


def test_every_route_has_a_drawn_path(published, routes):
    assert {f["id"] for f in routes} == set(published.routes["route_id"])
    assert set(published.route_paths["route_id"]) == set(published.routes["route_id"])
    for f in routes:
        assert f["properties"]["path_basis"] in ("line", "sea lane", "great circle", "schematic"), f["id"]


def test_sea_routes_stay_at_sea(routes, land):
    sea = [f for f in routes if f["properties"]["mode"] == "sea"]
    assert len(sea) >= 5
    bad = {f["id"]: round(share, 3) for f in sea
           if (share := wrong_side_share(shape(f["geometry"]), land_for(shape(f["geometry"]), land), "sea")) > TOLERANCE}
    assert not bad, f"sea routes crossing land: {bad}"


def test_rail_and_road_routes_stay_on_land(routes, land):
    overland = [f for f in routes if f["properties"]["mode"] in ("rail", "road")]
    assert len(overland) >= 8
    bad = {f["id"]: round(share, 3) for f in overland
           if (share := wrong_side_share(shape(f["geometry"]), land_for(shape(f["geometry"]), land), "land")) > TOLERANCE}
    assert not bad, f"overland routes crossing water: {bad}"


def test_no_long_rail_route_is_a_bare_segment(routes):
    for f in routes:
        if f["properties"]["mode"] != "rail":
            continue
        coords = f["geometry"]["coordinates"]
        legs = [GEOD.inv(*a, *b)[2] / 1000 for a, b in zip(coords, coords[1:])]
        if sum(legs) > 300:
            assert len(coords) > 2, f"{f['id']}: {sum(legs):.0f} km drawn as one straight segment"
            assert max(legs) <= MAX_RAIL_SEGMENT_KM, f"{f['id']}: a straight leg of {max(legs):.0f} km"


def test_flights_follow_great_circles(routes):
    flights = [f for f in routes if f["properties"]["mode"] == "air"]
    assert flights
    for f in flights:
        coords = f["geometry"]["coordinates"]
        (lon1, lat1), (lon2, lat2) = coords[0], coords[-1]
        total = GEOD.inv(lon1, lat1, lon2, lat2)[2]
        assert len(coords) >= total / 150_000, f"{f['id']}: {len(coords)} points for {total / 1000:.0f} km"
        # every drawn point lies on the geodesic: distances from both ends add up to the whole
        for lon, lat in coords[1:-1]:
            via = GEOD.inv(lon1, lat1, lon, lat)[2] + GEOD.inv(lon, lat, lon2, lat2)[2]
            assert via - total < 2_000, f"{f['id']}: ({lon}, {lat}) is {via - total:.0f} m off the great circle"


def test_the_measure_catches_a_route_across_the_sea(land):
    # a straight Hamhung -> Vladivostok line crosses North Korea's coast: the old drawing must fail
    straight = LineString([(127.53639, 39.91833), (131.87353, 43.10562)])
    assert wrong_side_share(straight, land_for(straight, land), "sea") > 0.2
    # and a straight Rason -> Vladivostok rail line crosses Peter the Great Gulf
    rail = LineString([(130.64492, 42.43006), (131.87353, 43.10562)])
    assert wrong_side_share(rail, land_for(rail, land), "land") > 0.1


def test_points_at_sea_are_at_sea(published, land):
    _, fine, _ = land
    for _, r in published.waypoints[published.waypoints["kind"] == "sea"].iterrows():
        assert not fine.contains(Point(float(r["lon"]), float(r["lat"]))), r["waypoint_id"]


def test_a_path_that_skips_a_reported_stop_is_refused(project_copy):
    from helpers.raw.validate import validate_raw

    path = project_copy / "data/raw/route_paths.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("khabarovsk;wp-birobidzhan;wp-obluchye;wp-belogorsk;wp-svobodny;vostochny-cosmodrome",
                                 "khabarovsk;wp-birobidzhan;wp-obluchye;wp-belogorsk;wp-svobodny", 1), encoding="utf-8")
    wp = project_copy / "data/raw/waypoints.csv"
    wp.write_text(wp.read_text(encoding="utf-8").replace("sea-off-rajin,au large de Rajin,off Rajin,sea,42.22,130.45,desk",
                                                         "sea-off-rajin,au large de Rajin,off Rajin,sea,42.22,130.45,geonames"), encoding="utf-8")
    found = [str(p) for p in validate_raw(project_copy)]
    assert any(p.startswith("data/raw/route_paths.csv:") and ":path: must pass the route's places in their order" in p for p in found), found
    assert any(p.startswith("data/raw/waypoints.csv:") and ":coord_source:" in p for p in found), found
