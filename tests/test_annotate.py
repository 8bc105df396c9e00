"""Unit tests of the sentence splitter and the attribution annotator."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warledger.annotate.attribution import AttributionStage, find_sources
from warledger.annotate.sentences import SentenceStage, split_sentences
from warledger.model import Document, Sentence


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russia launched 40 drones. The air force said 35 were downed.",
            ["Russia launched 40 drones.", "The air force said 35 were downed."],
        ),
        (
            "U.S. officials said 3 people died. Gen. Smith agreed.",
            ["U.S. officials said 3 people died.", "Gen. Smith agreed."],
        ),
        (
            "The attack began at 6 a.m. local time. Sirens sounded.",
            ["The attack began at 6 a.m. local time.", "Sirens sounded."],
        ),
        ("Kyiv was hit.[4][5] Dnipro too.", ["Kyiv was hit.[4][5]", "Dnipro too."]),
        (
            "He said: \u201cIt was terrible.\u201d Then he left.",
            ["He said: \u201cIt was terrible.\u201d", "Then he left."],
        ),
        ("A blast hit St. Petersburg overnight.", ["A blast hit St. Petersburg overnight."]),
        (
            "The fire covered 1.5 hectares. Nobody was hurt.",
            ["The fire covered 1.5 hectares.", "Nobody was hurt."],
        ),
    ],
)
def test_split(text, expected):
    assert sentences(text) == expected


@given(st.text(max_size=300))
def test_split_spans_are_ordered_and_inside(text):
    spans = split_sentences(text, 0, len(text))
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        last = e


def test_headings_are_marked():
    text = "EXPLOSIONS\n==Attack==\nRussia launched 40 drones."
    lines = [(0, 10), (11, 21), (22, len(text))]
    doc = SentenceStage()(Document(id="x", text=text, body=tuple(lines)))
    assert [s.heading for s in doc.sentences] == [True, True, False]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Ukraine's air force said it downed 430 of 502 drones.", "Ukraine's air force"),
        (
            "In northern Chernihiv, the attack cut power to 30,000 consumers, Governor Viacheslav Chaus said.",
            "Governor Viacheslav Chaus",
        ),
        ("Three women were killed, regional prosecutors said on Facebook.", "regional prosecutors"),
        ("According to the Ukrainian authorities, over 120 civilians were injured.", "Ukrainian authorities"),
        (
            "Moscow Mayor Sergei Sobyanin said on Telegram there were no casualties.",
            "Moscow Mayor Sergei Sobyanin",
        ),
        ("Ukraine's military reported downing 22 of the 33 drones.", "Ukraine's military"),
    ],
)
def test_sources(text, source):
    found = [s for _, _, s in find_sources(text, 0, len(text)) if s]
    assert found and found[0] == source


def test_passive_report_names_no_source():
    text = "Explosions were reported in Lviv."
    assert [s for _, _, s in find_sources(text, 0, len(text)) if s] == []


def test_pronoun_continues_the_last_named_source():
    text = "The air force said 40 drones were launched. It said 35 were downed."
    doc = Document(id="x", text=text, sentences=(Sentence(0, 43), Sentence(44, len(text))))
    doc = AttributionStage()(doc)
    assert [a.source for a in doc.attributions] == ["The air force", "The air force"]
