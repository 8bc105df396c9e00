"""End-to-end tests of the command line: ``warledger.cli.main(argv)`` run in-process.

What is pinned here is the contract a script relies on: the ``facts`` output is SCHEMA.md
JSON Lines whose evidence points at the characters that state each figure; every input that
cannot be read becomes exactly one ``skipped ORIGIN: [CODE] reason`` line on stderr and
never stops a batch; the exit code is 1 only when no document at all could be read.
Reader-level details of bad input are tested in test_ingest.py; here they go through the
whole pipeline and the CLI.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from warledger.cli import app, main
from warledger.errors import (
    BadRecord,
    BinaryDocument,
    EmptyDocument,
    EncodingError,
    InputError,
    NoArticle,
    NotEnglish,
    TooLarge,
)
from warledger.model import QUALIFIERS

from conftest import CORPUS, GOLD, SEED, needs_corpus

SEED_DATE = "2025-09-03"

#: The fields of a SCHEMA.md fact, in the order the schema lists them.
SCHEMA_FIELDS = (
    "doc", "kind", "measure", "country", "weapon", "admin1", "place", "value", "low", "high",
    "qualifier", "unit", "group", "date", "source", "evidence",
)  # fmt: skip

GOOD_REPORT = (
    "Russia launched 40 drones overnight, the air force said, and air defences shot down 35 of them.\n"
)

SKIP_LINE = re.compile(r"^skipped (?P<origin>.+): \[(?P<code>W\d{3})\] (?P<reason>\S.*)$")


# --- helpers -----------------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def fact_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def skipped_lines(err: str) -> list[re.Match[str]]:
    return [m for m in map(SKIP_LINE.match, err.splitlines()) if m]


UNIT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
# "a woman was killed and another injured": singular words that may count one person
SINGULAR_WORDS = {"a", "an", "another", "one"}
VAGUE_WORDS = re.compile(
    r"\b(dozens|scores|hundreds|thousands|millions|several|a few|multiple|numerous|a number of)\b", re.I
)
_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[A-Za-z]+(?:-[A-Za-z]+)*")


def stated_numbers(text: str) -> tuple[list[float], int]:
    """The numbers a text states as digits or number words, and how many singular words
    ("a", "another") it has. Written independently of warledger's own number annotator."""
    numbers: list[float] = []
    singulars = 0
    tokens = _TOKEN.findall(text)
    for i, tok in enumerate(tokens):
        low = tok.lower()
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if tok[0].isdigit():
            value = float(tok.replace(",", "").rstrip("."))
        elif all(part in UNIT_WORDS for part in low.split("-")):
            value = float(sum(UNIT_WORDS[part] for part in low.split("-")))
        else:
            singulars += low in SINGULAR_WORDS
            continue
        numbers.append(value * SCALES.get(nxt, 1))
        if low == "one":
            singulars += 1
    return numbers, singulars


def subset_sums(values: list[float], limit: float) -> set[float]:
    sums = {0.0}
    for v in values:
        sums |= {s + v for s in sums if s + v <= limit}
    return sums


def assert_number_in_evidence(fact: dict, text: str) -> None:
    """The evidence slice states the fact's figure: the value itself, one of its bounds, or
    (for a total the report gives in parts) a sum of figures stated there."""
    start, end = fact["evidence"]
    assert 0 <= start < end <= len(text), fact
    stated = text[start:end]
    if fact["qualifier"] == "vague":
        assert VAGUE_WORDS.search(stated) or stated_numbers(stated)[0], (fact, stated)
        return
    numbers, singulars = stated_numbers(stated)
    assert numbers, f"no number in the evidence of {fact}: {stated!r}"
    wanted = {v for v in (fact["value"], fact["low"], fact["high"]) if v is not None}
    if wanted & set(numbers):
        return
    parts = numbers + [1.0] * singulars
    assert fact["value"] in subset_sums(parts, fact["value"]), (fact, stated)


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8").replace("\r\n", "\n")


@pytest.fixture
def wide_terminal(monkeypatch):
    """Rich wraps help and tables to the terminal; a wide one keeps words whole."""
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setenv("TERM", "dumb")


# --- extract: the three output formats ---------------------------------------------------


@needs_corpus
def test_extract_seed_facts_format(capsys):
    code, out, err = run(capsys, "extract", SEED, "--published", SEED_DATE, "--format", "facts")
    assert code == 0, err
    assert "skipped" not in err
    facts = fact_lines(out)
    assert facts, "the seed report yields facts"
    text = seed_text()
    for fact in facts:
        assert set(SCHEMA_FIELDS) <= set(fact), fact
        assert fact["doc"] == SEED.stem
        assert fact["qualifier"] in QUALIFIERS
        assert isinstance(fact["evidence"], list) and len(fact["evidence"]) == 2
        start, end = fact["evidence"]
        assert 0 <= start < end <= len(text)
        if fact["kind"] != "regions":
            assert_number_in_evidence(fact, text)
    # the figures the seed is named for, dated by --published
    launched = {(f["weapon"], f["value"]) for f in facts if f["measure"] == "launched"}
    assert ("drone", 502) in launched
    assert all(f["date"] is None or f["date"] <= SEED_DATE for f in facts)


@needs_corpus
def test_extract_json_format_carries_evidence_text(capsys):
    code, out, err = run(capsys, "extract", SEED, "--published", SEED_DATE, "-f", "json")
    assert code == 0, err
    docs = fact_lines(out)
    assert len(docs) == 1, "one JSON document per input"
    doc = docs[0]
    assert doc["id"] == SEED.stem and doc["published"] == SEED_DATE
    assert doc["sentences"] > 0 and doc["facts"]
    text = seed_text()
    for fact in doc["facts"]:
        start, end = fact["evidence"]
        assert fact["evidence_text"] == text[start:end]
        if fact["figure"] is not None:
            assert fact["figure"] in fact["evidence_text"]


@needs_corpus
def test_extract_table_format(capsys, wide_terminal):
    code, out, err = run(capsys, "extract", SEED, "--published", SEED_DATE, "--format", "table")
    assert code == 0, err
    for word in (SEED.stem, "launched", "intercepted", "drone", "502", "UA-74", "Kostiantynivka"):
        assert word in out
    assert not out.lstrip().startswith("{"), "a table, not JSON"


def test_extract_without_corpus_from_own_report(capsys, tmp_path):
    report = tmp_path / "own.txt"
    report.write_text(GOOD_REPORT, encoding="utf-8")
    code, out, err = run(capsys, "extract", report, "--published", "2025-01-02")
    assert code == 0 and err == ""
    facts = {(f["measure"], f["weapon"], f["value"]) for f in fact_lines(out)}
    assert {("launched", "drone", 40), ("intercepted", "drone", 35)} <= facts
    for fact in fact_lines(out):
        assert fact["doc"] == "own" and fact["date"] == "2025-01-02"
        if fact["kind"] != "regions":
            assert_number_in_evidence(fact, GOOD_REPORT)


# --- help ----------------------------------------------------------------------------------


def _commands() -> dict:
    return typer.main.get_command(app).commands


def test_app_help_lists_every_command(capsys, wide_terminal):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for name in _commands():
        assert name in out
    for required in ("extract", "eval", "version"):
        assert required in _commands()


def test_no_arguments_shows_help(capsys, wide_terminal):
    code, out, err = run(capsys)
    assert code in (0, 2)  # click exits 2 for no_args_is_help in recent versions
    assert "extract" in out + err


@pytest.mark.parametrize("command", sorted(_commands()))
def test_command_help_mentions_every_option(capsys, wide_terminal, command):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert command in out
    params = _commands()[command].params
    for param in params:
        if param.param_type_name == "option":
            longest = max(param.opts, key=len)
            assert longest in out, f"{command} --help does not mention {longest}"
            assert param.help, f"{command} {longest} has no help text"
        else:
            assert param.name.upper() in out.upper()


def test_version(capsys):
    from warledger import __version__

    code, out, _ = run(capsys, "version")
    assert code == 0 and out.strip() == __version__


# --- bad input, end to end ----------------------------------------------------------------

POLISH = (
    "W nocy rosyjskie wojska zaatakowały stolicę dronami uderzeniowymi i rakietami.\n"
    "Obrona przeciwlotnicza zestrzeliła większość celów nad miastem i przedmieściami.\n"
    "Odłamki uszkodziły kilka budynków mieszkalnych w dwóch dzielnicach, podał mer miasta.\n"
    "Ratownicy pracowali na miejscu do samego rana, usuwając skutki ataku.\n"
)
FRENCH = (
    "Dans la nuit, l'armée russe a lancé une vaste attaque de drones contre la capitale.\n"
    "Selon le maire, les débris ont endommagé plusieurs immeubles dans deux quartiers.\n"
    "Les secours sont restés sur place jusqu'au matin pour éteindre les incendies.\n"
)
NAV_ONLY_HTML = (
    "<!DOCTYPE html><html><head><title>Index</title></head><body>"
    "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li>"
    "<li><a href='/sport'>Sport</a></li></ul></nav>"
    "<footer><a href='/privacy'>Privacy</a> <a href='/terms'>Terms</a></footer>"
    "</body></html>"
)


def _write(path: Path, content: bytes | str) -> None:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)


def _sparse(path: Path, size: int = 50 * 1024 * 1024) -> None:
    path.touch()
    os.truncate(path, size)  # sparse: nothing written to disk


#: name -> (file name, how to write it, expected code, a word of the reason)
BAD_INPUTS = {
    "empty": ("empty.txt", lambda p: _write(p, b""), EmptyDocument.code, "empty"),
    "binary": ("binary.txt", lambda p: _write(p, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"), BinaryDocument.code, "binary"),
    "invalid-utf8": ("latin1.txt", lambda p: _write(p, b"Drones hit a caf\xe9 in Kyiv.\n"), EncodingError.code, "UTF-8"),
    "huge-sparse": ("huge.txt", _sparse, TooLarge.code, "52,428,800"),
    "html-no-article": ("nav.html", lambda p: _write(p, NAV_ONLY_HTML), NoArticle.code, "article"),
    # Ukrainian has a language pack now (issue 11); Polish has none: still W015
    "polish": ("polish.txt", lambda p: _write(p, POLISH), NotEnglish.code, "English"),
    "french": ("french.txt", lambda p: _write(p, FRENCH), NotEnglish.code, "French"),
    "jsonl-not-json": ("notjson.jsonl", lambda p: _write(p, "{this is not json\n"), BadRecord.code, "JSON"),
    "jsonl-no-text": (
        "notext.jsonl",
        lambda p: _write(p, json.dumps({"id": "r1", "title": "no text here"}) + "\n"),
        BadRecord.code,
        "text",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_alone_is_one_skip_line_and_exit_1(capsys, tmp_path, case):
    name, write, code_wanted, word = BAD_INPUTS[case]
    path = tmp_path / name
    write(path)
    code, out, err = run(capsys, "extract", path, "--published", "2025-01-02")
    assert code == 1
    assert out == ""
    skips = skipped_lines(err)
    assert len(skips) == 1, err
    assert skips[0]["code"] == code_wanted, err
    assert skips[0]["origin"].startswith(str(path)), err
    assert word.lower() in skips[0]["reason"].lower(), err
    assert "no document could be read" in err
    assert len(err.splitlines()) == 2, "one skip line and the summary, no traceback"


def test_missing_path_is_skipped_with_exit_1(capsys, tmp_path):
    missing = tmp_path / "nope.txt"
    code, out, err = run(capsys, "extract", missing)
    assert code == 1 and out == ""
    skips = skipped_lines(err)
    assert [(m["origin"], m["code"]) for m in skips] == [(str(missing), InputError.code)]
    assert "no document could be read" in err


def test_batch_of_bad_inputs_and_one_good_report(capsys, tmp_path):
    paths = []
    for case in sorted(BAD_INPUTS):
        name, write, _, _ = BAD_INPUTS[case]
        path = tmp_path / name
        write(path)
        paths.append(path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD_REPORT, encoding="utf-8")
    paths.insert(len(paths) // 2, good)
    paths.append(tmp_path / "missing.txt")

    code, out, err = run(capsys, "extract", *paths, "--published", "2025-01-02")
    assert code == 0, err
    facts = fact_lines(out)
    assert {f["doc"] for f in facts} == {"good"}
    assert {(f["measure"], f["value"]) for f in facts} >= {("launched", 40), ("intercepted", 35)}
    skips = skipped_lines(err)
    assert len(skips) == len(BAD_INPUTS) + 1, err
    assert len(err.splitlines()) == len(skips), "nothing but skip lines on stderr"
    wanted = sorted([code for _, _, code, _ in BAD_INPUTS.values()] + [InputError.code])
    assert sorted(m["code"] for m in skips) == wanted


def test_batch_good_report_in_json_lines_beside_bad_lines(capsys, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "\n".join(
            [
                "{not json",
                json.dumps({"id": "good", "text": GOOD_REPORT, "published": "2025-01-02"}),
                json.dumps({"id": "r3", "title": "no text"}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "extract", feed)
    assert code == 0
    assert {f["doc"] for f in fact_lines(out)} == {"good"}
    assert [(m["origin"], m["code"]) for m in skipped_lines(err)] == [
        (f"{feed}:1", BadRecord.code),
        (f"{feed}:3", BadRecord.code),
    ]


@pytest.mark.parametrize("value", ["not-a-date", "2025-13-40", "yesterday"])
def test_bad_published_date_exits_2_with_message(capsys, tmp_path, value):
    report = tmp_path / "r.txt"
    report.write_text(GOOD_REPORT, encoding="utf-8")
    code, out, err = run(capsys, "extract", report, "--published", value)
    assert code == 2
    assert out == ""
    assert "error:" in err and "YYYY-MM-DD" in err and value in err
    assert "Traceback" not in err


def test_bad_format_is_a_usage_error(capsys, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(GOOD_REPORT, encoding="utf-8")
    code, out, _ = run(capsys, "extract", report, "--format", "xml")
    assert code == 2 and out == ""


# --- eval ------------------------------------------------------------------------------------

SCORE_KEYS = {"munitions", "casualties", "damage", "regions", "all"}


@needs_corpus
def test_eval_json_scores(capsys):
    code, out, err = run(capsys, "eval", "--corpus", CORPUS, "--gold", GOLD, "--json")
    assert code == 0, err
    scores = json.loads(out)
    assert SCORE_KEYS <= set(scores)
    for row in (scores[k] for k in SCORE_KEYS):
        for key in ("tp", "fp", "fn", "precision", "recall", "f1"):
            assert key in row
        assert 0.0 <= row["f1"] <= 1.0


@needs_corpus
def test_eval_verbose_lists_missed_and_extra(capsys, tmp_path):
    """A gold file with one figure changed forces a miss (the gold) and an extra (ours)."""
    corpus = tmp_path / "corpus"
    gold = tmp_path / "gold"
    corpus.mkdir()
    gold.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    data = json.loads((GOLD / f"{SEED.stem}.json").read_text(encoding="utf-8"))
    changed = next(f for f in data["facts"] if f["kind"] == "munitions" and f["value"] == 502)
    changed["value"] = 503
    (gold / f"{SEED.stem}.json").write_text(json.dumps(data), encoding="utf-8")

    code, out, err = run(capsys, "eval", "--corpus", corpus, "--gold", gold, "--json", "--verbose")
    assert code == 0, err
    scores = json.loads(out)
    assert scores["munitions"]["fn"] >= 1 and scores["munitions"]["fp"] >= 1
    missed = [line for line in err.splitlines() if "MISSED" in line]
    extra = [line for line in err.splitlines() if "EXTRA" in line]
    assert any("503" in line for line in missed), err
    assert any("502" in line for line in extra), err
    assert all(line.startswith(SEED.stem) for line in missed + extra)


def test_eval_missing_gold_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "eval", "--corpus", tmp_path, "--gold", tmp_path / "nope")
    assert code == 2 and "gold not found" in err


# --- the installed console script ----------------------------------------------------------


def test_console_script_runs(tmp_path):
    script = Path(sys.executable).parent / "warledger"
    if not script.exists():
        pytest.skip(f"console script not installed at {script}")
    report = tmp_path / "own.txt"
    report.write_text(GOOD_REPORT, encoding="utf-8")
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    done = subprocess.run(
        [str(script), "extract", str(report), str(bad), "--published", "2025-01-02"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    facts = fact_lines(done.stdout)
    assert {(f["measure"], f["value"]) for f in facts} >= {("launched", 40), ("intercepted", 35)}
    skips = skipped_lines(done.stderr)
    assert [(m["origin"], m["code"]) for m in skips] == [(str(bad), EmptyDocument.code)]

    only_bad = subprocess.run([str(script), "extract", str(bad)], capture_output=True, text=True, timeout=120)
    assert only_bad.returncode == 1
    assert "no document could be read" in only_bad.stderr
