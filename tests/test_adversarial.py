"""Adversarial inputs: the whole pipeline must stay (near) linear on hostile text.

Each document here is 200 KB to 1 MB of something no report contains: runs of digits,
separators, qualifiers without numbers, thousands of repeated sentences, invisible
characters. ``extract_text`` must finish within the timeout and either return a
``Document`` or raise a ``WarledgerError`` (NoArticle, NotEnglish: a reason a person can
act on); any other exception is a bug. A scaling check then times N and 4N copies of
pathological input: linear code takes about 4x, quadratic code 16x; we allow 12x.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from warledger.api import extract_text
from warledger.errors import WarledgerError
from warledger.model import Document

KB = 1024


def lines_of_digits() -> str:
    return "\n".join("1" * 1000 for _ in range(1000))  # 1,000,000 digits


#: name -> builder of one hostile document.
CASES: dict[str, Callable[[], str]] = {
    "digit-lines": lines_of_digits,
    "one-comma": lambda: "1," * 110_000,
    "spaces": lambda: " " * 500_000,
    "tabs": lambda: "\t" * 500_000,
    "newlines": lambda: "\n" * 500_000,
    "crlf-and-spaces": lambda: " \r\n" * 200_000,
    "more-than": lambda: "more than " * 50_000,
    "kyiv-comma": lambda: "Kyiv, " * 50_000,
    "drones-and-missiles": lambda: "drones and missiles and " * 20_000,
    "open-brackets": lambda: "[" * 300_000,
    "close-brackets": lambda: "]" * 300_000,
    "straight-quotes": lambda: '"' * 300_000,
    "curly-quotes": lambda: "\u201c\u2018" * 150_000,
    "kh-101-slash": lambda: "Kh-101/" * 50_000,
    "death-toll-rose-to": lambda: "the death toll rose to " * 20_000,
    "hyphenated-numbers": lambda: "twenty-" * 40_000,
    "number-words": lambda: "one two three hundred thousand " * 6_700,
    "zero-width-in-numbers": lambda: "Russia launched 5\u200b02 drones overnight.\n" * 6_000,
    "homoglyph-kyiv": lambda: "Drones hit K\u0443\u0456v overnight, killing two people.\n" * 4_500,
    "zwj-joiners": lambda: "4\u200d0\u200d0 drones\u200d " * 20_000,
}

#: One giant "sentence" full of figures: these once took minutes (quadratic in one
#: sentence), until the splitter bounded every sentence (annotate/sentences.MAX_SENTENCE).
SENTENCE_RICH_CASES: dict[str, Callable[[], str]] = {
    # lower-case "at" after each full stop: the sentence splitter makes one sentence
    "many-at-least-sentences": lambda: "at least nine people were killed in Kyiv. " * 10_000,
    # a 200 KB line without punctuation, full of figures
    "long-line-no-punctuation": lambda: (
        "Russia launched 40 drones at Kyiv and air defences shot down 35 of them then " * 2_700
    ),
    # right-to-left marks around every sentence
    "rtl-marks": lambda: "\u202eRussia launched 40 drones at Kyiv.\u202c " * 10_000,
}


def run(text: str) -> Document | None:
    """Run the pipeline; a WarledgerError is an acceptable answer for garbage."""
    try:
        doc = extract_text(text, doc_id="adversarial", published="2025-01-02")
    except WarledgerError as err:
        assert err.code.startswith("W0"), err  # an input error, not a pipeline failure
        return None
    assert isinstance(doc, Document)
    for fact in doc.facts:
        start, end = fact.evidence
        assert 0 <= start < end <= len(text)
    return doc


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", sorted(CASES))
def test_adversarial_document_finishes(case):
    text = CASES[case]()
    assert 200 * KB <= len(text.encode("utf-8")) <= 1100 * KB, "keep the documents 200 KB - 1 MB"
    run(text)


@pytest.mark.timeout(60)
@pytest.mark.issue(5)
@pytest.mark.parametrize("case", sorted(SENTENCE_RICH_CASES))
def test_adversarial_sentence_rich_document_finishes(case):
    text = SENTENCE_RICH_CASES[case]()
    assert len(text.encode("utf-8")) >= 200 * KB
    run(text)


@pytest.mark.timeout(60)
def test_repeated_sentence_is_reconciled_to_a_handful():
    """The same sentence 300 times states one figure, not 300."""
    doc = run("At least nine people were killed in Kyiv. " * 300)
    assert doc is not None
    killed = [f for f in doc.facts if f.measure == "killed"]
    assert killed and len(doc.facts) <= 5, [(f.kind, f.measure, f.value) for f in doc.facts]
    assert {f.value for f in killed} == {9}


@pytest.mark.timeout(60)
def test_zero_width_space_does_not_join_or_crash():
    doc = run("Russia launched 5\u200b02 drones overnight, the air force said.\n")
    assert doc is not None


# --- scaling -----------------------------------------------------------------------------

#: unit -> N: N copies take tens of milliseconds, 4N copies well under a second (linear).
SCALING = {
    "more-than": ("more than ", 2_000),
    "death-toll": ("the death toll rose to ", 1_000),
    "one-comma": ("1,", 5_000),
    "kyiv-comma": ("Kyiv, ", 20_000),
    "drones-and-missiles": ("drones and missiles and ", 1_000),
    "kh-101": ("Kh-101/", 30_000),
    "separate-sentences": ("Drones hit Odesa overnight. Two people were injured, officials said.\n", 300),
}
MAX_RATIO = 12  # linear is ~4x, quadratic ~16x


def best_time(text: str, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run(text)
        best = min(best, time.perf_counter() - start)
    return best


def assert_not_quadratic(unit: str, n: int) -> None:
    run("Russia launched 40 drones overnight, the air force said.")  # warm caches and imports
    small = best_time(unit * n)
    large = best_time(unit * (4 * n))
    # a floor keeps timer noise on a few-millisecond run from faking a ratio
    ratio = large / max(small, 0.005)
    assert ratio < MAX_RATIO, f"{n} copies: {small:.3f}s, {4 * n} copies: {large:.3f}s ({ratio:.1f}x)"


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", sorted(SCALING))
def test_pipeline_scales_linearly(case):
    assert_not_quadratic(*SCALING[case])
