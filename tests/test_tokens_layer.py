"""The tokens layer: each sentence tokenised once, by the tokens stage, and read by extract."""

from __future__ import annotations

import dataclasses

from warledger.api import default_stages
from warledger.model import Document

TEXT = (
    "Russia launched 40 drones overnight, the air force said.\n\n"
    "A strike on Sumy destroyed a house, killing three people."
)


def _run(text: str, until: str | None = None, lang_check: bool = True) -> Document:
    doc = Document(id="t", text=text)
    for stage in default_stages(check_language=lang_check):
        if stage.name == until:
            break
        doc = stage(doc)
    return doc


def test_every_sentence_has_its_tokens_inside_it():
    doc = _run(TEXT, until="numbers")
    assert len(doc.tokens) == len(doc.sentences) == 2
    for s, toks in zip(doc.sentences, doc.tokens, strict=True):
        assert toks, "a sentence of words has tokens"
        assert all(s.start <= t.start < t.end <= s.end for t in toks)
        assert [t.text for t in toks] == [doc.text[t.start : t.end] for t in toks]
        clauses = [t.clause for t in toks]
        assert clauses == sorted(clauses)
    # ", killing three people" opens a clause of its own
    second = doc.tokens[1]
    assert {t.clause for t in second if t.text == "three"} != {
        t.clause for t in second if t.text == "destroyed"
    }


def test_extract_reads_the_layer_not_the_text():
    doc = _run(TEXT, until="extract")
    extract = next(s for s in default_stages() if s.name == "extract")
    before = {(f.measure, f.value) for f in extract(doc).facts if f.kind == "casualties"}
    assert before == {("killed", 3)}
    # the same text with the tokens layer saying "injuring" where the text says "killing"
    swapped = tuple(
        tuple(dataclasses.replace(t, low="injuring") if t.low == "killing" else t for t in toks)
        for toks in doc.tokens
    )
    after = {(f.measure, f.value) for f in extract(doc.with_(tokens=swapped)).facts if f.kind == "casualties"}
    assert after == {("injured", 3)}


def test_a_phrasal_verb_reads_as_its_trigger_in_the_layer():
    doc = _run("Air defences took down 30 drones.", until="numbers")
    assert [t.low for t in doc.tokens[0]][:3] == ["air", "defences", "downed"]


def test_a_pack_without_a_tokenizer_leaves_the_layer_empty():
    post = "Уночі 3 вересня противник атакував 40 ударними БпЛА типу Shahed. Збито/подавлено 35 БпЛА."
    doc = _run(post, until="numbers")
    assert doc.lang == "uk" and doc.sentences and doc.tokens == ()
