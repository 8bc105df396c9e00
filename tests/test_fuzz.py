"""Fuzzing the extractor, bounded for CI, and replaying every crash ever found.

The rules a fuzzed input must keep are ``fuzz/fuzz_extract.py``'s ``check_text``: only a
``WarledgerError`` (never a ``StageFailure``, never anything else) may come out, every fact's
evidence lies inside the text, every non-regions fact's span inside its evidence, and no
implausible figure is among the facts.

- ``test_fuzz_regressions_replay``: every file in ``tests/fuzz_regressions/`` (exact bytes of
  an input that once crashed) passes ``check_text`` now;
- ``test_mutated_reports_keep_the_rules``: hypothesis draws seeds and mutations of them
  (tokens the extractor cares about, huge / negative / fractional numbers, control, bidi,
  zero-width and surrogate characters), about 10 s;
- ``test_random_text_keeps_the_rules``: arbitrary unicode text, a few seconds;
- ``test_atheris_session``: when atheris is installed, a coverage-guided libFuzzer session
  of ``ATHERIS_SECONDS`` over the seed corpus (a copy: CI never rewrites fuzz/corpus/).

All together stay under 30 s.
"""

from __future__ import annotations

import importlib.util
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
HARNESS = REPO / "fuzz" / "fuzz_extract.py"
REGRESSIONS = Path(__file__).resolve().parent / "fuzz_regressions"
ATHERIS_SECONDS = 12


def _harness():
    spec = importlib.util.spec_from_file_location("fuzz_extract", HARNESS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fx = _harness()
# A fixed count, capped by a clock as well (CI machines differ); derandomize keeps a failure
# reproducible; hypothesis's example database stays off (a fuzz run is not a unit test).
BUDGET = settings(
    max_examples=3000, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None
)


def _regressions() -> list[Path]:
    return sorted(p for p in REGRESSIONS.glob("*") if p.is_file() and p.name != "README.md")


def test_fuzz_regressions_replay():
    """Every input that once crashed the extractor keeps the rules now (bytes decoded as
    libFuzzer's entry does)."""
    for path in _regressions():
        try:
            fx.test_one_input(path.read_bytes())
        except Exception as exc:
            raise AssertionError(f"{path.name}: {exc}") from exc


def test_regressions_bite_without_the_fix(monkeypatch):
    """The replay above is not vacuous: with the plausibility stage taken out of the pipeline
    (the code the fuzzer ran against when it found them), every ``implausible-*`` input fails."""
    from warledger import api
    from warledger.pipeline import Pipeline

    before_fix = Pipeline(api.default_stages()[:-1])
    monkeypatch.setattr(api, "default_pipeline", lambda check_language=True: before_fix)
    files = [p for p in _regressions() if p.name.startswith("implausible-")]
    assert files
    for path in files:
        with pytest.raises(fx.Finding, match="implausible"):
            fx.test_one_input(path.read_bytes())


def test_seeds_keep_the_rules_and_give_facts():
    """The seed corpus is valid and meaningful: every seed passes and yields at least one fact."""
    from warledger.api import extract_text

    for seed in fx.SEEDS:
        fx.check_text(seed)
        assert extract_text(seed).facts, seed


class _Clock:
    """Stops a hypothesis run after ``seconds`` by making it run out of examples to want."""

    def __init__(self, seconds: float):
        import time

        self.end = time.monotonic() + seconds
        self.time = time

    def over(self) -> bool:
        return self.time.monotonic() > self.end


@pytest.mark.timeout(60)
def test_mutated_reports_keep_the_rules():
    """Mutants of the seeds (hypothesis picks the seed, the edits and their number) never
    break a rule; runs for about 10 s."""
    clock = _Clock(12)
    seen = [0]

    @BUDGET
    @given(seed=st.sampled_from(fx.SEEDS), salt=st.integers(0, 2**32 - 1), rounds=st.integers(1, 12))
    def run(seed, salt, rounds):
        if clock.over():
            return
        seen[0] += 1
        fx.check_text(fx.mutate(seed, random.Random(salt), rounds))

    run()
    assert seen[0] >= 50, f"only {seen[0]} mutants in the budget"


@pytest.mark.timeout(30)
def test_random_text_keeps_the_rules():
    """Arbitrary unicode (surrogates included) and arbitrary mixes of the extractor's tokens."""
    clock = _Clock(5)

    @settings(BUDGET, max_examples=1500)
    @given(
        st.one_of(
            st.text(max_size=400),
            st.lists(st.sampled_from(fx.TOKENS + (" ", " ", " ")), max_size=80).map("".join),
        )
    )
    def run(text):
        if not clock.over():
            fx.check_text(text)

    run()


@pytest.mark.timeout(60)
def test_atheris_session(tmp_path):
    """A short coverage-guided session (libFuzzer via atheris) finds no crash; skipped without atheris."""
    if importlib.util.find_spec("atheris") is None:
        pytest.skip("atheris is not installed (pip install atheris); the hypothesis tests above still fuzz")
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "fuzz" / "corpus", corpus)
    proc = subprocess.run(
        [
            sys.executable,
            str(HARNESS),
            f"-max_total_time={ATHERIS_SECONDS}",
            "-seed=1",
            "-timeout=10",
            "-max_len=2000",
            f"-dict={REPO / 'fuzz' / 'extract.dict'}",
            f"-artifact_prefix={tmp_path}/",
            "-print_final_stats=1",
            str(corpus),
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=ATHERIS_SECONDS + 40,
    )
    log = proc.stdout + proc.stderr
    crashes = sorted(tmp_path.glob("crash-*")) + sorted(tmp_path.glob("timeout-*"))
    assert proc.returncode == 0 and not crashes, (
        f"atheris found {len(crashes)} crashing input(s): copy them into tests/fuzz_regressions/\n{log[-3000:]}"
    )
    runs = [line for line in log.splitlines() if "number_of_executed_units" in line]
    assert runs and int(runs[-1].split(":")[-1]) > 100, log[-2000:]
