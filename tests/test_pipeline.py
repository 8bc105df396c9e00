"""Tests of the pipeline's contract: stage order checked at build time, a failing stage
turned into a visible skip, and the provenance of every fact on the dev corpus.

Provenance is the point of warledger: a fact must say which characters of its document
state it. For every dev report we check that each fact's ``evidence`` lies inside the text,
that its ``span`` (the figure itself) lies inside the evidence and reads as a number, and
that kind, measure, qualifier and admin1 come from SCHEMA.md's vocabularies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pytest

from warledger.api import default_stages, extract_text
from warledger.errors import PipelineError, StageFailure
from warledger.model import KINDS, QUALIFIERS, Document, Skipped
from warledger.pipeline import BASE_LAYERS, Pipeline, Stage

from conftest import CORPUS, GOLD, needs_corpus

#: SCHEMA.md's measures per kind.
MEASURES = {
    "munitions": {"launched", "intercepted", "hit", "lost"},
    "casualties": {"killed", "injured", "missing"},
    "damage": {
        "power_outage", "sites_hit", "fire_area", "rail_delay", "trains_delayed", "buildings_damaged",
    },
    "regions": {"affected"},
}  # fmt: skip
WEAPONS = {"drone", "missile", "cruise_missile", "ballistic_missile", "guided_bomb", "aircraft", None}
ADMIN1 = re.compile(r"^(UA-\d\d|RU-[A-Z]{2,3})$")

# A number phrase: digits, or a number word, or a vague amount ("dozens", "several").
NUMBER_PHRASE = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundreds?|thousands?|millions?|dozens?|scores|several|multiple|numerous"
    r"|a few|a number of|half|third|quarter)\b",
    re.I,
)


# --- stages for the tests ----------------------------------------------------------------


@dataclass
class FakeStage:
    """A stage that declares layers and does nothing else."""

    name: str
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __call__(self, doc: Document) -> Document:
        return doc


class ExplodeOn:
    """A stage with a bug: a plain exception on one document."""

    name = "explode"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("notes",)

    def __init__(self, bad_id: str):
        self.bad_id = bad_id

    def __call__(self, doc: Document) -> Document:
        if doc.id == self.bad_id:
            raise ZeroDivisionError("division by zero in a stage")
        return doc.with_(notes=(*doc.notes, "seen"))


def doc(doc_id: str) -> Document:
    return Document(id=doc_id, text=f"Text of {doc_id}.", origin=f"{doc_id}.txt")


# --- order check ----------------------------------------------------------------------------


def test_default_pipeline_builds_and_every_stage_declares_layers():
    stages = default_stages()
    pipeline = Pipeline(stages)
    assert pipeline.names == [s.name for s in stages]
    assert len(set(pipeline.names)) == len(stages), "stage names are unique"
    for stage in stages:
        assert isinstance(stage, Stage)
        assert isinstance(stage.name, str) and stage.name
        assert isinstance(stage.requires, tuple) and isinstance(stage.assigns, tuple)
        assert stage.assigns, f"{stage.name} assigns nothing"
    assert "facts" in pipeline.stages[-1].assigns, "the last stage settles the facts"


@pytest.mark.parametrize(
    "stages, culprit",
    [
        ([FakeStage("needs-sentences", requires=("sentences",))], "needs-sentences"),
        (
            [FakeStage("a", assigns=("body",)), FakeStage("b", requires=("body", "facts"))],
            "b",
        ),
        (
            # assigned, but only later: order matters
            [FakeStage("reader", requires=("places",)), FakeStage("writer", assigns=("places",))],
            "reader",
        ),
    ],
    ids=["nothing-assigns", "one-of-two-missing", "assigned-too-late"],
)
def test_stage_requiring_an_unassigned_layer_is_refused(stages, culprit):
    with pytest.raises(PipelineError) as info:
        Pipeline(stages)
    assert culprit in str(info.value)
    assert info.value.code == "W100"


def test_default_stages_in_reverse_order_are_refused():
    with pytest.raises(PipelineError):
        Pipeline(list(reversed(default_stages())))


def test_base_layers_need_no_stage():
    Pipeline([FakeStage("reads-base", requires=tuple(sorted(BASE_LAYERS)))])


# --- failures inside a stage ----------------------------------------------------------------


def test_plain_exception_becomes_skipped_w101_and_batch_goes_on():
    pipeline = Pipeline([ExplodeOn("bad")])
    items = list(pipeline.pipe([doc("first"), doc("bad"), doc("last")]))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped", "Document"]
    skipped = items[1]
    assert isinstance(skipped, Skipped)
    assert skipped.code == StageFailure.code == "W101"
    assert (skipped.id, skipped.origin) == ("bad", "bad.txt")
    assert "explode" in skipped.reason and "ZeroDivisionError" in skipped.reason
    assert "\n" not in skipped.reason
    assert items[0].notes == ("seen",) and items[2].notes == ("seen",)


def test_pipe_passes_skipped_items_through():
    earlier = Skipped("x", "x.txt", "W010", "file is empty")
    items = list(Pipeline([ExplodeOn("bad")]).pipe([earlier, doc("ok")]))
    assert items[0] is earlier
    assert isinstance(items[1], Document)


def test_calling_the_pipeline_raises_stage_failure_with_cause():
    with pytest.raises(StageFailure) as info:
        Pipeline([ExplodeOn("bad")])(doc("bad"))
    assert isinstance(info.value.__cause__, ZeroDivisionError)


# --- provenance of every fact on the dev corpus ---------------------------------------------


@cache
def dev_documents() -> list[Document]:
    from warledger.cli import _published_dates

    dates = _published_dates(CORPUS, GOLD)
    docs = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        docs.append(extract_text(text, doc_id=path.stem, published=dates.get(path.stem)))
    return docs


def _dev_ids() -> list[str]:
    return sorted(p.stem for p in CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@needs_corpus
@pytest.mark.parametrize("doc_id", _dev_ids())
def test_dev_report_facts_are_traceable(doc_id):
    document = next(d for d in dev_documents() if d.id == doc_id)
    text = document.text
    for fact in document.facts:
        where = f"{doc_id}: {fact.kind}/{fact.measure} {fact.value:g}"
        assert fact.doc == doc_id, where
        assert fact.kind in KINDS, where
        assert fact.measure in MEASURES[fact.kind], where
        assert fact.qualifier in QUALIFIERS, where
        assert fact.weapon in WEAPONS, where
        assert fact.admin1 is None or ADMIN1.match(fact.admin1), f"{where}: admin1 {fact.admin1!r}"
        start, end = fact.evidence
        assert 0 <= start < end <= len(text), f"{where}: evidence {fact.evidence} outside the text"
        if fact.kind == "regions":
            assert all(ADMIN1.match(m) for m in fact.members), where
            assert fact.value == len(fact.members), where
            continue
        assert fact.span is not None, f"{where}: no span"
        s, e = fact.span
        assert start <= s < e <= end, f"{where}: span {fact.span} not inside evidence {fact.evidence}"
        figure = text[s:e]
        assert NUMBER_PHRASE.search(figure), f"{where}: span {figure!r} is not a number phrase"
        assert figure == figure.strip(), f"{where}: span {figure!r} has stray whitespace"


@needs_corpus
def test_dev_corpus_yields_facts_of_every_kind():
    kinds = {f.kind for d in dev_documents() for f in d.facts}
    assert kinds == set(KINDS)
