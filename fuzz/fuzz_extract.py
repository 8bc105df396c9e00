"""Fuzz the extractor: random and mutated reports through ``warledger.extract_text``.

    .venv/bin/python fuzz/fuzz_extract.py -max_total_time=600 fuzz/corpus       # atheris (libFuzzer)
    .venv/bin/python fuzz/fuzz_extract.py -dict=fuzz/extract.dict -max_len=2000 fuzz/corpus

What counts as a crash (``check_text`` raises ``Finding``, or anything else escapes):

- an exception other than a ``WarledgerError`` (an input the pipeline refuses, such as an
  empty or non-English text, is a ``WarledgerError`` and fine);
- a ``StageFailure`` (W101): the pipeline's wrapper for an unexpected exception inside a
  stage; it keeps a batch going, but it is a bug all the same, so the fuzzer reports it;
- a fact whose ``evidence`` is not inside the text, or (for a non-``regions`` fact) whose
  ``span`` is missing or not inside its ``evidence``;
- a fact the plausibility check would refuse (it must have been moved to the notes).

Without atheris (``pip install atheris``), ``tests/test_fuzz.py`` drives the same
``check_text`` with hypothesis and ``mutate``. A crashing input found either way belongs in
``tests/fuzz_regressions/`` (one file per input, the exact bytes), where a test replays it.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Short reports covering the forms the extractor reads: qualifiers, ranges, composites,
# written-out numbers, dates, places, attributions, damage units. Also saved in fuzz/corpus/.
SEEDS: tuple[str, ...] = (
    "Russia launched 502 drones and 24 missiles overnight, Ukraine's air force said. Air defences downed 430 of 502 drones.",
    "More than 500 drones were launched at Ukraine on Sept. 3, the air force said.",
    "In Kharkiv, three women and five men were killed, and between 35 and 40 people were injured, the mayor said.",
    "Up to 7 people were killed in Dnipro on 12 July 2024, the regional governor said on Telegram.",
    "About 30,000 customers were left without power in the Odesa region after the attack, DTEK said.",
    "A fire covering 9,000 square metres broke out at a warehouse in Lviv; 14 locations were hit.",
    "Trains were delayed by up to 7 hours after the strike on the railway, Ukrzaliznytsia said. 40 trains were delayed.",
    "Russian forces fired two ballistic missiles and 20 Shahed drones at Zaporizhzhia Oblast overnight.",
    "Since the start of the year Russia has launched 600 combat drones and more than 330 missiles at Ukraine.",
    "Russia's defence ministry said it had downed 46 Ukrainian drones over the Belgorod and Kursk regions.",
    "A woman was killed and another injured in Sumy; one drone hit a 10-storey building, damaging 10 buildings.",
    "Dozens of missiles and hundreds of drones targeted energy facilities in Volyn, Rivne and Lviv oblasts.",
    "Kyiv, Nov. 3 (Reuters) - At least 1 person was killed and 12 injured in Kyiv overnight, officials said.\n\nPower was cut to 2 million people.",
    "The death toll from the Poltava strike rose to 55 on Wednesday, with 328 people injured, the governor said.",
)


class Finding(AssertionError):
    """An input that breaks one of the module docstring's rules."""


def check_text(text: str) -> None:
    """Run the extractor over ``text``; raise ``Finding`` (or let a bug escape) on a crash."""
    from warledger.api import default_pipeline, extract_text
    from warledger.errors import NotEnglish, StageFailure, WarledgerError
    from warledger.model import Document
    from warledger.reconcile.plausible import implausible

    try:
        try:
            doc = extract_text(text, doc_id="fuzz")
        except NotEnglish:
            # most mutants stop at the language check; go on without it (as a caller may),
            # so the fuzzer reaches the stages behind it too
            doc = default_pipeline(check_language=False)(Document(id="fuzz", text=text, origin="fuzz"))
    except StageFailure as err:
        raise Finding(f"stage failure: {err}") from err
    except WarledgerError:
        return  # refused with a typed reason: the contract
    n = len(doc.text)
    for f in doc.facts:
        s, e = f.evidence
        if not (0 <= s <= e <= n):
            raise Finding(f"evidence {f.evidence} outside the text (length {n}): {f}")
        if f.kind != "regions":
            if f.span is None:
                raise Finding(f"{f.kind} fact without a span: {f}")
            if not (s <= f.span[0] <= f.span[1] <= e):
                raise Finding(f"span {f.span} outside evidence {f.evidence}: {f}")
        why = implausible(f)
        if why is not None:
            raise Finding(f"implausible fact reached the facts: {why}: {f}")


# --- mutations (for the hypothesis fallback, and for seeding) -------------------------------

# Tokens the extractor cares about, and hostile characters: what a mutation splices in.
TOKENS: tuple[str, ...] = (
    "drones", "missiles", "Shahed", "ballistic", "killed", "injured", "wounded", "launched", "downed",
    "intercepted", "without power", "consumers", "hours", "square metres", "hectares", "trains",
    "more than", "at least", "up to", "about", "between", "and", "of", "dozens of", "hundreds of",
    "a million", "million", "thousand", "half", "one", "two", "three", "twenty-five", "-", "−", ".",
    ",", "%", "9999999999999", "-5", "2.5", "1e308", "0", "00000000000000000000001", "1,000,000,000",
    "Kharkiv", "Kyiv", "Odesa", "Crimea", "Belgorod", "oblast", "region", "on Sept. 31", "2024-02-30",
    "the air force said", "\n\n", "\t", "\u200b", "\u200e", "\u202e", "\u0301", "\ufeff", "\x00",
    "\ud800", "\U0001f4a5", "ﬁ", "Ⅻ", "٣", "５０２", "\r\n", "<p>", "&nbsp;", "\\", '"', "'",
)  # fmt: skip


def mutate(text: str, rng: random.Random, rounds: int | None = None) -> str:
    """``text`` with a few random edits: splice tokens, delete, duplicate, swap numbers."""
    for _ in range(rounds if rounds is not None else rng.randint(1, 6)):
        op = rng.randrange(6)
        i = rng.randint(0, len(text))
        j = rng.randint(i, min(len(text), i + 40))
        if op == 0:
            text = text[:i] + rng.choice(TOKENS) + text[i:]
        elif op == 1:
            text = text[:i] + text[j:]
        elif op == 2:
            text = text[:i] + text[i:j] * rng.randint(2, 5) + text[i:]
        elif op == 3:  # a number becomes another: huge, negative, fractional, zero-padded
            k = next((m for m in range(i, len(text)) if text[m].isdigit()), None)
            if k is not None:
                end = k
                while end < len(text) and (text[end].isdigit() or text[end] in ",."):
                    end += 1
                text = (
                    text[:k]
                    + rng.choice(("9999999999999", "-5", "2.5", "0", "1,5", "10.000.000", "3/4"))
                    + text[end:]
                )
        elif op == 4:
            text = (
                text[:i]
                + chr(
                    rng.choice(
                        (
                            rng.randint(0, 0x7F),
                            rng.randint(0x80, 0x2FFF),
                            rng.randint(0xD800, 0xDFFF),
                            rng.randint(0x1F000, 0x1FFFF),
                        )
                    )
                )
                + text[i:]
            )
        else:
            other = rng.choice(SEEDS)
            k = rng.randint(0, len(other))
            text = text[:i] + other[k : k + rng.randint(1, 80)] + text[j:]
    return text


# --- atheris -----------------------------------------------------------------------------


def test_one_input(data: bytes) -> None:
    """libFuzzer's entry: the bytes as UTF-8 (bad bytes become U+FFFD, as a reader would)."""
    check_text(data.decode("utf-8", "replace"))


def write_seed_corpus(folder: Path = HERE / "corpus") -> None:
    """The seeds, one file each, for libFuzzer to start from."""
    folder.mkdir(exist_ok=True)
    for k, seed in enumerate(SEEDS):
        (folder / f"seed-{k:02d}.txt").write_text(seed, encoding="utf-8")


def main(argv: list[str]) -> None:
    import atheris

    sys.path.insert(0, str(HERE.parent / "src"))
    with atheris.instrument_imports(include=["warledger"]):
        import warledger.api

        warledger.api.default_pipeline()  # imports every stage, instrumented
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
