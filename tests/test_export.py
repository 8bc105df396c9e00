"""Exports (warledger.export and `warledger export`): every format parses back, with its
exact columns, over a real SQLite ledger of synthetic reports; and `warledger serve` wiring."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from ledger_data import REPORTS, ledger
from warledger import export as ex
from warledger.cli import main
from warledger.reconcile.across import build_events
from warledger.webapi.query import build_query

# ACLED's 31 export columns in the codebook's order, written out here, not imported: the test
# must fail if the export's list drifts from ACLED's
ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip
# SCHEMA.md's fact fields: every export of facts carries each of them
SCHEMA_FIELDS = ("doc", "kind", "measure", "country", "weapon", "admin1", "place", "value", "low", "high",
                 "qualifier", "unit", "group", "date", "source", "evidence")  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "ledger.db"
    ledger(path).close()
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def store(db):
    from warledger.store import open_store

    s = open_store(db)
    yield s
    s.close()


def run(store, fmt, **filters):
    buf = io.BytesIO() if ex.FORMATS[fmt][1] else io.StringIO(newline="")
    n = ex.export(store, fmt, build_query(**filters), buf)
    return n, buf.getvalue()


def test_csv_has_every_fact_field_and_its_evidence(store):
    n, text = run(store, "csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert n == len(rows) == store.facts(build_query()).total
    assert list(rows[0]) == list(ex.FACT_COLUMNS) and set(SCHEMA_FIELDS) <= set(rows[0])
    texts = {doc_id: body for doc_id, _, body in REPORTS}
    for r in rows:
        start, end = json.loads(r["evidence"])
        assert texts[r["doc_id"]][start:end] == r["evidence_text"]
        assert float(r["value"]) >= 0 and r["qualifier"]
    regions = next(r for r in rows if r["kind"] == "regions")
    assert json.loads(regions["members"])


def test_acled_csv_has_acleds_columns_exactly(store):
    n, text = run(store, "acled-csv")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == ACLED_HEADER
    rows = list(reader)
    assert n == len(rows) >= 4
    for r in rows:
        assert r["event_type"] == "Explosions/Remote violence"
        assert r["sub_event_type"] in ("Air/drone strike", "Shelling/artillery/missile attack")
        assert int(r["fatalities"]) >= 0 and r["event_date"]
        if r["latitude"]:
            assert -90 <= float(r["latitude"]) <= 90 and -180 <= float(r["longitude"]) <= 180
            assert r["geo_precision"] in ("1", "3")
    by_region = {r["admin1"]: r for r in rows}
    odesa = by_region["Odesa Oblast"]
    assert (odesa["country"], odesa["actor1"]) == ("Ukraine", "Military Forces of Russia (2000-)")
    assert odesa["sub_event_type"] == "Shelling/artillery/missile attack" and odesa["fatalities"] == "3"
    assert odesa["location"] == "Odesa" and odesa["geo_precision"] == "1"
    belgorod = by_region["Belgorod Oblast"]
    assert (belgorod["country"], belgorod["actor1"]) == ("Russia", "Military Forces of Ukraine (2019-)")
    assert belgorod["sub_event_type"] == "Air/drone strike" and belgorod["fatalities"] == "1"
    # 20 drones outnumber two ballistic missiles: ACLED would code it an air/drone strike
    assert by_region["Dnipropetrovsk Oblast"]["sub_event_type"] == "Air/drone strike"
    # who said it is in the notes; the outlet (never the document id) is the source
    assert "\n" not in odesa["notes"] and "the regional governor" in odesa["notes"]
    assert (odesa["source"], odesa["source_scale"]) == ("Associated Press", "International")


def test_geojson_is_a_feature_collection_of_points(store):
    n, text = run(store, "geojson")
    data = json.loads(text)
    assert data["type"] == "FeatureCollection" and len(data["features"]) == n >= 4
    located = 0
    for feat in data["features"]:
        assert feat["type"] == "Feature" and feat["properties"]["key"] == feat["id"]
        assert feat["properties"]["figures"]
        geom = feat["geometry"]
        if geom is not None:
            located += 1
            assert geom["type"] == "Point" and len(geom["coordinates"]) == 2
            lon, lat = geom["coordinates"]
            assert isinstance(lon, float) and isinstance(lat, float)
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert located == n  # every synthetic event names a place
    kharkiv = next(f for f in data["features"] if "UA-63" in f["properties"]["admin1"])
    assert kharkiv["geometry"]["coordinates"] == pytest.approx([36.25, 49.98], abs=0.05)
    assert kharkiv["properties"]["regions"] == ["Kharkiv Oblast"]


def test_parquet_has_every_schema_field(store, tmp_path):
    n, data = run(store, "parquet")
    path = tmp_path / "facts.parquet"
    path.write_bytes(data)
    table = pq.read_table(path)
    assert table.num_rows == n == store.facts(build_query()).total
    assert table.schema.names == list(ex.FACT_COLUMNS) and set(SCHEMA_FIELDS) <= set(table.schema.names)
    rows = table.to_pylist()
    assert all(len(r["evidence"]) == 2 for r in rows)
    assert {r["doc"] for r in rows} == {doc_id for doc_id, _, _ in REPORTS}


def test_empty_exports_still_parse(store, tmp_path):
    for fmt in ex.FORMATS:
        n, data = run(store, fmt, date_from="2030-01-01")
        assert n == 0
        if fmt == "parquet":
            (tmp_path / "e.parquet").write_bytes(data)
            assert pq.read_table(tmp_path / "e.parquet").num_rows == 0
        elif fmt == "geojson":
            assert json.loads(data)["features"] == []
        else:
            assert len(list(csv.reader(io.StringIO(data)))) == 1


def test_filters_apply_to_exports(store):
    _, text = run(store, "csv", region="UA-51", kind="casualties")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert sorted(r["measure"] for r in rows) == ["injured", "killed"]
    n, _ = run(store, "acled-csv", country="RU")
    assert n == 1


# --- the command -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(ex.FORMATS))
def test_export_command_writes_a_file(db, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--format", fmt, "--db", db, "--out", str(out), "--from", "2025-07-01"]) == 0
    assert out.exists() and not list(tmp_path.glob(".*.part"))
    if fmt == "parquet":
        assert pq.read_table(out).num_rows > 0
    elif fmt == "geojson":
        assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    elif fmt == "corrections-csv":  # nobody has reviewed this ledger: the header alone
        assert out.read_text(encoding="utf-8").splitlines() == [",".join(ex.CORRECTION_COLUMNS)]
    else:
        assert len(out.read_text(encoding="utf-8").splitlines()) > 1


def test_export_command_to_stdout_with_filters(db, capsys):
    assert (
        main(
            ["export", "--format", "acled-csv", "--db", db, "--region", "Odesa Oblast", "--to", "2025-07-31"]
        )
        == 0
    )
    out, err = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["admin1"] for r in rows] == ["Odesa Oblast"] and "exported 1 rows" in err


@pytest.mark.parametrize(
    "args", [["--from", "2025-13-01"], ["--region", "Atlantis"], ["--kind", "weather"], ["--format", "xml"]]
)
def test_export_command_bad_options_exit_2(db, capsys, args):
    argv = ["export", "--db", db, *args]
    if "--format" not in args:
        argv += ["--format", "csv"]
    assert main(argv) == 2


def test_serve_command_runs_uvicorn_on_the_app(db, monkeypatch):
    import uvicorn

    seen = {}

    def fake_run(app, host, port, **kw):
        seen.update(app=app, host=host, port=port)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.delenv("WARLEDGER_TOKEN", raising=False)
    assert main(["serve", "--db", db, "--port", "8123", "--token", "tok"]) == 0
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    assert seen["app"].state.settings.token == "tok" and seen["app"].state.settings.db == db
    seen["app"].state.store.close()


@pytest.mark.issue(10)
def test_fact_exports_carry_the_reports_url_publisher_and_date(store, tmp_path):
    from ledger_data import URLS

    published = {doc_id: when for doc_id, when, _ in REPORTS}
    names = {
        "kharkiv-drones": "Reuters",
        "odesa-missiles": "Associated Press",
        "dnipro-strike": "news.example.org",
    }
    _, text = run(store, "csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    _, data = run(store, "parquet")
    (tmp_path / "f.parquet").write_bytes(data)
    prows = pq.read_table(tmp_path / "f.parquet").to_pylist()
    assert len(rows) == len(prows)
    for r, p in zip(rows, prows, strict=True):
        doc = r["doc_id"]
        assert r["published"] == published[doc] == p["published"].isoformat()
        assert r["url"] == (URLS.get(doc) or "") and p["url"] == URLS.get(doc)
        assert r["publisher"] == names.get(doc, "") and p["publisher"] == names.get(doc)
        # the attributed source is who said it, never the document
        assert r["source"] != doc


# --- ACLED in full (issue 10) ----------------------------------------------------------------


def _acled(store, **filters) -> list[dict]:
    _, text = run(store, "acled-csv", **filters)
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.issue(10)
def test_acled_round_trip_with_acleds_column_list(store, tmp_path):
    """Read back as an analyst's script would: by ACLED's column list, with pyarrow's CSV
    reader typing the numeric columns ACLED defines as numbers."""
    import pyarrow.csv as pacsv

    _, text = run(store, "acled-csv")
    path = tmp_path / "acled.csv"
    path.write_text(text, encoding="utf-8")
    table = pacsv.read_csv(path, read_options=pacsv.ReadOptions(column_names=ACLED_HEADER, skip_rows=1))
    assert table.column_names == ACLED_HEADER and table.num_rows >= 4
    rows = table.to_pylist()
    for r in rows:
        assert (
            r["year"] == int(r["event_date"].isoformat()[:4])
            if hasattr(r["event_date"], "isoformat")
            else int(r["event_date"][:4])
        )
        assert r["time_precision"] == 1 and r["disorder_type"] == "Political violence"
        assert r["inter1"] == 8 and r["interaction"] in (78, 80) and r["iso"] in (804, 643)
        assert (
            r["region"] == "Europe" and isinstance(r["fatalities"], int) and isinstance(r["timestamp"], int)
        )
        assert r["event_id_cnty"][:3] in ("UKR", "RUS") and r["event_id_cnty"][3:].isdigit()
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)


@pytest.mark.issue(10)
def test_acled_event_ids_are_stable(store):
    first = [r["event_id_cnty"] for r in _acled(store)]
    store.replace_events(build_events(store.claims()))  # a rebuild, as every ingest does
    assert [r["event_id_cnty"] for r in _acled(store)] == first


@pytest.mark.issue(10)
def test_acled_source_is_outlets_and_officials_are_in_notes(store):
    from ledger_data import REPORTS

    doc_ids = {d for d, _, _ in REPORTS}
    for r in _acled(store):
        assert not set(r["source"].split("; ")) & doc_ids
        assert "according to:" in r["notes"] or not r["notes"].count("said")
    by_region = {r["admin1"]: r for r in _acled(store)}
    assert by_region["Kharkiv Oblast"]["source"] == "Reuters"
    assert by_region["Belgorod Oblast"]["source"] == ""  # no address stored: no outlet, never an id
    belgorod = by_region["Belgorod Oblast"]
    assert (belgorod["actor2"], belgorod["inter2"], belgorod["interaction"]) == (
        "Civilians (Russia)",
        "7",
        "78",
    )
    assert belgorod["civilian_targeting"] == "Civilian targeting"


@pytest.mark.issue(10)
def test_acled_region_filter_filters_rows(store):
    rows = _acled(store, region="UA-63")
    assert rows and {r["admin1"] for r in rows} == {"Kharkiv Oblast"}
    rows = _acled(store, region="Dnipropetrovsk Oblast")
    assert rows and {r["admin1"] for r in rows} == {"Dnipropetrovsk Oblast"}


@pytest.mark.issue(10)
def test_acled_one_sub_event_type_per_event_and_national_rows(tmp_path):
    """The issue's night: 728 drones and 13 missiles nationally, a missile hit in one region,
    a national toll of at least seven over regional ones summing to four: every row of the
    event is an air/drone strike, and a national row carries the three the regions lack."""
    from warledger.api import extract_text
    from warledger.store import open_store

    s = open_store(f"sqlite:///{tmp_path / 'night.db'}")
    try:
        s.add(extract_text(
            "Russia launched 728 drones and 13 missiles at Ukraine overnight, Ukraine's air force said. "
            "At least seven people were killed across the country, the air force said. "
            "A missile hit Lutsk overnight and three people were killed in Lutsk, the governor said. "
            "One person was killed in Kharkiv, the mayor said.",
            doc_id="af", published="2025-07-09", url="https://www.ukrinform.net/rubric-ato/728.html"))  # fmt: skip
        s.replace_events(build_events(s.claims()))
        rows = list(csv.DictReader(io.StringIO(_export_text(s), newline="")))
        by_event: dict[str, set[str]] = {}
        for r in rows:
            key = r["notes"].rsplit("warledger event ", 1)[1]
            by_event.setdefault(key, set()).add(r["sub_event_type"])
        assert all(len(v) == 1 for v in by_event.values())
        assert list(by_event.values()) == [{"Air/drone strike"}]  # 728 drones outnumber 13 missiles
        assert {r["admin1"] for r in rows} == {"Volyn Oblast", "Kharkiv Oblast", ""}
        national = [r for r in rows if r["admin1"] == ""]
        assert len(national) == 1 and national[0]["location"] == "Ukraine"
        assert sum(int(r["fatalities"]) for r in rows) == 7  # 3 + 1 regional, 3 more national
        assert national[0]["fatalities"] == "3"
    finally:
        s.close()


def _export_text(store) -> str:
    buf = io.StringIO(newline="")
    ex.export(store, "acled-csv", build_query(), buf)
    return buf.getvalue()
