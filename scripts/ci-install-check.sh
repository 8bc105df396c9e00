#!/usr/bin/env bash
# CI: install warledger as a user would (`pip install .`, no extras) into a throwaway venv and
# run the documented commands on the bundled samples: `extract` of the HTML sample must print
# its facts (not a traceback, not a skip), and `batch` must finish with nothing skipped.
# The test extras pull in packages a plain install lacks, so `make test` alone cannot see a
# missing runtime dependency (lxml_html_clean once was one).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PY" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q --upgrade pip
"$tmp/venv/bin/pip" install -q .
wl="$tmp/venv/bin/warledger"
"$wl" --version

# extract: the HTML sample yields facts, and stderr says nothing was skipped
"$wl" extract samples/2025-04-24-kyiv-ballistic.html --format facts >"$tmp/facts.jsonl" 2>"$tmp/extract.err" || {
  cat "$tmp/extract.err" >&2; echo "install check: extract failed" >&2; exit 1; }
if [ -s "$tmp/extract.err" ]; then
  cat "$tmp/extract.err" >&2; echo "install check: extract wrote to stderr (a skip or a traceback)" >&2; exit 1
fi
n=$(wc -l <"$tmp/facts.jsonl")
[ "$n" -gt 0 ] || { echo "install check: extract of the HTML sample gave no facts" >&2; exit 1; }
echo "install check: extract of the HTML sample: $n facts"

# a Ukrainian Air Force-style post (written for this check) is read by the Ukrainian pack
printf '%s\n' "У ніч на 5 травня (з 18:00 4 травня) противник атакував 40 ударними БпЛА типу Shahed." \
  "За попередніми даними, протиповітряною обороною збито/подавлено 31 ворожий БпЛА." >"$tmp/uk.txt"
"$wl" extract "$tmp/uk.txt" --published 2026-05-05 --format facts >"$tmp/uk.jsonl" 2>"$tmp/uk.err" || {
  cat "$tmp/uk.err" >&2; echo "install check: extract of a Ukrainian post failed" >&2; exit 1; }
grep -q '"intercepted"' "$tmp/uk.jsonl" || {
  cat "$tmp/uk.err" >&2; echo "install check: the Ukrainian post gave no intercepted figure" >&2; exit 1; }
echo "install check: a Ukrainian post: $(wc -l <"$tmp/uk.jsonl") facts"

# batch: every sample (text, HTML, JSON Lines) through the worker processes, none skipped
"$wl" batch samples/ --out "$tmp/out" --workers 2 >"$tmp/batch.out" 2>&1 || {
  cat "$tmp/batch.out" >&2; echo "install check: batch failed" >&2; exit 1; }
grep -q "^skipped: 0$" "$tmp/batch.out" || {
  cat "$tmp/batch.out" >&2; echo "install check: batch skipped documents" >&2; exit 1; }
echo "install check: batch: $(grep "^facts:" "$tmp/batch.out")"
"$tmp/venv/bin/python" - "$tmp/out" <<'PY'
import sys

import pyarrow.dataset as ds

facts = ds.dataset(f"{sys.argv[1]}/facts", partitioning="hive").to_table()
assert facts.num_rows > 0, "batch wrote no facts"
print(f"install check: batch output read whole with pyarrow.dataset: {facts.num_rows} facts")
PY
