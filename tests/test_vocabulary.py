"""One vocabulary (issue 9): SCHEMA.md's names are defined once, in ``warledger.vocabulary``,
and every other module reads them; a damage measure added to the vocabulary and the lexicon
alone goes all the way through; the packages form no import cycle; stages declare what they
read and write and never import a later stage's module."""

from __future__ import annotations

import ast
import io
import re
import warnings
from collections import defaultdict
from pathlib import Path

import pytest

from warledger import vocabulary
from warledger.errors import PipelineError, StageFailure
from warledger.model import Document
from warledger.pipeline import Pipeline
from warledger.vocabulary import Kind, Measure, MeasureSpec, Qualifier, Weapon

from conftest import REPO, SHARED

with warnings.catch_warnings():
    # starlette warns that it prefers httpx2 over httpx; the test client works the same
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SRC = REPO / "src" / "warledger"
SCHEMA_MD = SHARED / "eval" / "SCHEMA.md"

# The modules that may spell SCHEMA.md's names: the vocabulary, the lexicon of trigger words
# (where "killed" is a word of the text), and one reader more per name.
MAX_MODULES = 3
VOCABULARY_MODULES = ("vocabulary.py", "extract/lexicon.py")


def schema_names() -> list[str]:
    """SCHEMA.md's names of kinds, measures, weapon classes and qualifiers, as the vocabulary
    defines them (a superset of the 21 the issue counts)."""
    return [*Kind, *Measure, *Weapon, *Qualifier]


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _api_field_names() -> set[str]:
    """The field names of the API's JSON (``"regions": [...]`` of an event is a field, not the kind)."""
    from pydantic import BaseModel

    from warledger.webapi import schemas

    return {
        name
        for obj in vars(schemas).values()
        if isinstance(obj, type) and issubclass(obj, BaseModel)
        for name in obj.model_fields
    }


def literal_modules(names: set[str], root: Path = SRC) -> dict[str, set[str]]:
    """For each name, the modules under ``root`` that hold it as a string literal. Not
    counted: docstrings, the migrations (history, never edited), and dict keys that are
    field names of the API's JSON."""
    fields = _api_field_names()
    where: dict[str, set[str]] = defaultdict(set)
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("store/migrations/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                skip.update(id(k) for k in node.keys if isinstance(k, ast.Constant) and k.value in fields)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                if node.value in names:
                    where[node.value].add(rel)
    return where


def test_the_vocabulary_is_schema_md():
    """The vocabulary's kinds, measures, weapon classes and qualifiers are SCHEMA.md's."""
    if not SCHEMA_MD.is_file():
        pytest.skip(f"SCHEMA.md not found at {SCHEMA_MD}")
    text = SCHEMA_MD.read_text(encoding="utf-8")
    measures = set()
    table = text[text.index("Measures:") : text.index("## What the gold")]
    for line in table.splitlines():
        m = re.match(r"\| (munitions|casualties|damage|regions) \| (.+?) \|", line)
        if m:
            measures.update((m.group(1), name) for name in re.findall(r"`(\w+)`", m.group(2)))
    assert measures == {(s.kind, s.name) for s in vocabulary.MEASURES.values()}
    kinds_row = next(line for line in text.splitlines() if line.startswith("| `kind` |"))
    assert re.findall(r"`(\w+)`", kinds_row)[1:] == list(Kind)
    qual_row = next(line for line in text.splitlines() if line.startswith("| `qualifier` |"))
    assert re.findall(r"`(\w+)`", qual_row)[1:] == list(Qualifier)
    weapon_row = next(line for line in text.splitlines() if line.startswith("| `weapon` |"))
    assert set(re.findall(r"`(\w+)`", weapon_row)[1:]) == set(Weapon)


def test_each_schema_name_is_a_literal_in_at_most_three_modules():
    where = literal_modules(set(schema_names()))
    too_many = {n: sorted(mods) for n, mods in where.items() if len(mods) > MAX_MODULES}
    assert not too_many, (
        f"spelled out in more than {MAX_MODULES} modules (read warledger.vocabulary): {too_many}"
    )
    # and the vocabulary is one of them for every name
    assert all("vocabulary.py" in where[n] for n in schema_names())


def test_the_literal_count_sees_a_restated_name(tmp_path):
    """The check above can fail: a module that restates a measure is counted, a docstring not."""
    (tmp_path / "a.py").write_text('"""killed in a docstring"""\nX = ("killed", "injured")\n')
    (tmp_path / "b.py").write_text('def f(m):\n    return m == "killed"\n')
    (tmp_path / "c.py").write_text('"""Only "killed" said here."""\n')
    where = literal_modules({"killed", "injured"}, root=tmp_path)
    assert where["killed"] == {"a.py", "b.py"} and where["injured"] == {"a.py"}


# --- a new damage measure, from the vocabulary and the lexicon alone -------------------------

NEW = "windows_broken"
REPORT = "A Russian drone strike on Odesa overnight shattered 40 windows in the city centre, Governor Oleh Kiper said."


@pytest.fixture
def windows_measure():
    from warledger.extract import lexicon

    spec = MeasureSpec(NEW, Kind.DAMAGE, "Windows broken", 16, 100_000, units=("windows",))
    trigger = lexicon.DamageTrigger(NEW, frozenset({"windows"}), frozenset({"shattered", "smashed", "blown"}))
    vocabulary.register_measure(spec)
    lexicon.add_damage_trigger(trigger)
    try:
        yield spec
    finally:
        lexicon.remove_damage_trigger(trigger)
        vocabulary.unregister_measure(NEW)


def test_a_new_damage_measure_is_extracted_scored_stored_exported_and_served(windows_measure, tmp_path):
    from warledger import export, ledger
    from warledger.api import extract_text
    from warledger.evaluate import GoldDoc, score_docs
    from warledger.store import open_store
    from warledger.store.base import Query
    from warledger.webapi import Settings, create_app

    # extracted
    doc = extract_text(REPORT, doc_id="odesa-windows", published="2025-06-01")
    facts = [f for f in doc.facts if f.measure == NEW]
    assert [(f.kind, f.value, f.unit, f.admin1) for f in facts] == [("damage", 40, "windows", "UA-51")]

    # scored: a gold fact of the new measure is matched, a wrong value is missed
    gold = {"odesa-windows": GoldDoc("odesa-windows", "2025-06-01", [{**facts[0].to_json(), "value": 40}])}
    scores, _ = score_docs(gold, {"odesa-windows": [f.to_json() for f in doc.facts]})
    assert scores["damage"]["tp"] == 1 and scores["damage"]["fn"] == 0
    wrong = {"odesa-windows": GoldDoc("odesa-windows", "2025-06-01", [{**facts[0].to_json(), "value": 41}])}
    assert score_docs(wrong, {"odesa-windows": [f.to_json() for f in doc.facts]})[0]["damage"]["fn"] == 1

    # stored
    store = open_store(f"sqlite:///{tmp_path / 'ledger.db'}")
    ledger.add_document(store, doc_id="odesa-windows", text=REPORT, published="2025-06-01")
    stored = [sf.fact for sf in store.facts(Query(measure=(NEW,))).items]
    assert [(f.measure, f.value, f.unit) for f in stored] == [(NEW, 40, "windows")]

    # exported
    out = io.StringIO()
    export.write_csv(store, Query(), out)
    assert f",damage,{NEW}," in out.getvalue()

    # served, and its filter accepted
    client = TestClient(create_app(store, Settings()), raise_server_exceptions=False)
    r = client.get("/api/facts", params={"measure": NEW})
    assert r.status_code == 200, r.text
    assert [(f["measure"], f["value"]) for f in r.json()["items"]] == [(NEW, 40)]
    served = client.get("/api/vocabulary").json()
    assert {"name": NEW, "kind": "damage", "label": "Windows broken"}.items() <= next(
        m for m in served["measures"] if m["name"] == NEW
    ).items()


def test_without_the_measure_the_report_states_no_such_figure():
    from warledger.api import extract_text

    doc = extract_text(REPORT, doc_id="odesa-windows", published="2025-06-01")
    assert not [f for f in doc.facts if f.kind == Kind.DAMAGE]


def test_a_new_measure_is_bounded_by_its_spec(windows_measure):
    from warledger.model import Fact
    from warledger.reconcile.plausible import implausible

    assert implausible(Fact("d", Kind.DAMAGE, NEW, 100_000, (0, 1), unit="windows")) is None
    assert "above 100000" in implausible(Fact("d", Kind.DAMAGE, NEW, 100_001, (0, 1), unit="windows"))


def test_api_vocabulary_lists_labels_and_the_dashboard_uses_them(tmp_path):
    from warledger.store import open_store
    from warledger.webapi import Settings, create_app

    client = TestClient(create_app(open_store(f"sqlite:///{tmp_path / 'l.db'}"), Settings()))
    v = client.get("/api/vocabulary").json()
    assert [k["name"] for k in v["kinds"]] == list(Kind)
    assert [w["name"] for w in v["weapons"]] == list(Weapon)
    page = client.get("/").text
    for m in (m for m in v["measures"] if m["totalled"]):
        assert f'<option value="{m["name"]}"' in page and m["label"] in page


# --- packages and stages ---------------------------------------------------------------------


def _module_of(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _unit(module: str) -> str:
    """The first-level package or module of ``warledger`` a module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _optional(tree: ast.AST) -> set[int]:
    """Imports inside ``try: … except ImportError``: an optional plugin (the dashboard) is no dependency."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(
            isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
            for h in node.handlers
        ):
            out.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return out


def imports_of(path: Path) -> set[str]:
    """The ``warledger`` modules a module imports (at any depth, TYPE_CHECKING excluded)."""
    module = _module_of(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    optional = _optional(tree)
    typing_only = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    out = set()
    for node in ast.walk(tree):
        if id(node) in optional or id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("warledger"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("warledger"):
                out.add(target)
                out.update(f"{target}.{a.name}" for a in node.names)
    return out


def package_graph() -> dict[str, set[str]]:
    units = {p.stem if p.is_file() else p.name for p in SRC.iterdir() if not p.name.startswith("_")}
    units |= {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    graph: dict[str, set[str]] = defaultdict(set)
    for path in SRC.rglob("*.py"):
        src = _unit(_module_of(path))
        for target in imports_of(path):
            dst = _unit(target)
            if dst and dst != src and dst in units:
                graph[src].add(dst)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return [*stack[stack.index(m) :], m]
            if m not in state and (found := visit(m)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state and (found := visit(n)):
            return found
    return None


def test_no_import_cycles_between_packages():
    assert _cycle(package_graph()) is None, f"import cycle: {' -> '.join(_cycle(package_graph()) or [])}"


def test_the_cycle_check_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


# The pipeline's stages by package, in the order they run (``api.default_stages``; ingest
# reads documents before the pipeline and may use clean's checks).
STAGE_PACKAGES = ("clean", "annotate", "geocode", "extract", "reconcile")


def test_no_stage_imports_a_later_stage():
    for i, pkg in enumerate(STAGE_PACKAGES):
        later = set(STAGE_PACKAGES[i + 1 :])
        for path in (SRC / pkg).rglob("*.py"):
            reached = {_unit(t) for t in imports_of(path)} & later
            assert not reached, f"{path.relative_to(SRC)} imports a later stage: {sorted(reached)}"


class _Stage:
    def __init__(self, name, requires=(), assigns=(), call=None):
        self.name, self.requires, self.assigns = name, requires, assigns
        self._call = call or (lambda doc: doc)

    def __call__(self, doc):
        return self._call(doc)


def test_stages_declare_fields_of_document():
    with pytest.raises(PipelineError, match="no fields of Document"):
        Pipeline([_Stage("typo", requires=("sentence",))])
    with pytest.raises(PipelineError, match="no fields of Document"):
        Pipeline([_Stage("made-up", assigns=("layers",))])
    with pytest.raises(PipelineError, match="requires"):
        Pipeline([_Stage("early", requires=("facts",))])


def test_a_stage_that_changes_an_undeclared_field_fails():
    sneaky = _Stage("sneaky", assigns=("notes",), call=lambda d: d.with_(notes=("x",), title="changed"))
    with pytest.raises(StageFailure, match=r"changed \['title'\]"):
        Pipeline([sneaky])(Document(id="d", text="t"))
    honest = _Stage(
        "honest", assigns=("notes", "title"), call=lambda d: d.with_(notes=("x",), title="changed")
    )
    assert Pipeline([honest])(Document(id="d", text="t")).title == "changed"


def test_the_default_stages_declare_real_fields():
    from dataclasses import fields

    from warledger.api import default_stages

    names = {f.name for f in fields(Document)}
    for stage in default_stages():
        assert set(stage.requires) | set(stage.assigns) <= names, stage.name


def test_architecture_names_files_that_exist():
    """docs/ARCHITECTURE.md's answers point at files of this checkout, one or two per answer."""
    text = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"`(src/warledger/[\w/.]+)`", text))
    assert len(paths) > 15
    missing = sorted(p for p in paths if not (REPO / p).exists())
    assert not missing, f"docs/ARCHITECTURE.md names files that do not exist: {missing}"
    section = text[text.index("## Where to add") :]
    rows = [
        line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| to add")
    ]
    for row in rows:
        where = row.split("|")[2]
        assert 1 <= len(re.findall(r"`src/warledger/[\w/.]+`", where)) <= 2, row
    for topic in ("weapon name", "oblast alias", "fact kind", "damage measure", "export format"):
        assert any(topic in row for row in rows), topic
