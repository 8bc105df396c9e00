"""Score facts against gold facts, by the rules of ../shared/eval/SCHEMA.md.

This is warledger's own implementation of the contract's scoring (tests run it beside the
reference ``score.py`` on the same output and require identical numbers):
- facts of unscored kinds/measures, ``vague`` facts and background facts (``historical``,
  or dated more than 7 days before the report's own attack: its earliest dated gold fact,
  else its publication date) are ignored;
- regions: precision/recall over each report's set of admin1 codes (gold alternatives
  "UA-30|UA-32" count once; ``optional`` codes are neither required nor wrong);
- other kinds: facts grouped by key, values matched as multisets, and what is left under a
  key compared by its sum (parts on one side, a total on the other);
- on the matched facts, qualifier agreement and source agreement (two attributions agree
  when both are absent or they share a word that names the speaker).
"""

from __future__ import annotations

import json
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import vocabulary
from .vocabulary import Kind, Qualifier

# What is scored: the vocabulary's kinds and each kind's measures (read when scoring, so a
# registered measure is scored too)
KINDS = vocabulary.KINDS
BACKGROUND_DAYS = 7
EPS = 1e-9


FOLDS = 3


def fold_of(doc_id: str, folds: int = FOLDS) -> int:
    """The reproducible split of ../shared/eval/GENERALISING.md: ``crc32(stem) % 3``."""
    return zlib.crc32(doc_id.encode()) % folds


def is_scored(fact: dict) -> bool:
    kind = fact.get("kind", "")
    scored = kind in KINDS and fact.get("measure") in vocabulary.measures_of(kind)
    return scored and fact.get("qualifier") != Qualifier.VAGUE


def _place_norm(name: str | None) -> str:
    return re.sub(r"[^a-z]", "", (name or "").lower().replace("'", "").replace("’", ""))


def _is_background(fact: dict, reference: str | None) -> bool:
    """Flagged historical, or dated more than BACKGROUND_DAYS before the report's own attack."""
    if fact.get("historical"):
        return True
    when = fact.get("date")
    if not (when and reference and len(when) >= 10):
        return False
    try:
        return (date.fromisoformat(reference[:10]) - date.fromisoformat(when[:10])).days > BACKGROUND_DAYS
    except ValueError:
        return False


# Words of an attribution that name no particular speaker (articles, verbs of saying,
# country names): two attributions agree only when they share some other word.
SOURCE_FILLER = frozenset(
    "the a an of and s on in at to its his her their said says according told wrote reported "
    "ukraine ukrainian russia russian country".split()
)
SOURCE_SAME = {
    "forces": "force",
    "defense": "defence",
    "emergencies": "emergency",
    "officials": "official",
    "authorities": "authority",
    "ministry's": "ministry",
    "governor's": "governor",
}


def source_words(source: str | None) -> frozenset[str]:
    """The words of an attribution that name its speaker ("Ukraine's air force" -> {air, force})."""
    if not source:
        return frozenset()
    words = re.findall(r"[a-z]+", source.lower().replace("’", "'").replace("'s", ""))
    return frozenset(SOURCE_SAME.get(w, w) for w in words if w not in SOURCE_FILLER)


def same_source(predicted: str | None, gold: str | None) -> bool:
    p, g = source_words(predicted), source_words(gold)
    return bool(p & g) if (p or g) else True


@dataclass
class GoldDoc:
    doc: str
    published: str | None
    facts: list[dict]
    aliases: dict[str, str] = field(default_factory=dict)

    @property
    def reference_date(self) -> str | None:
        """The report's own attack: its earliest dated gold fact, else its publication date."""
        dated = [
            f["date"][:10] for f in self.facts if isinstance(f.get("date"), str) and len(f["date"]) >= 10
        ]
        return min([d for d in (sorted(dated)[:1] + [self.published]) if d], default=None)

    @classmethod
    def from_json(cls, data: dict) -> GoldDoc:
        facts = [f for f in data.get("facts", []) if is_scored(f)]
        aliases: dict[str, str] = {}
        for f in facts:
            canonical = _place_norm(f.get("place"))
            for name in [f.get("place"), *f.get("place_aliases", [])]:
                if name:
                    aliases[_place_norm(name)] = canonical
        return cls(data["doc"], data.get("published"), facts, aliases)

    def place(self, name: str | None) -> str:
        n = _place_norm(name)
        return self.aliases.get(n, n)

    def key(self, fact: dict, admin1: str | None = None) -> tuple | None:
        kind = fact.get("kind")
        a1 = (admin1 if admin1 is not None else fact.get("admin1")) or ""
        if kind == Kind.MUNITIONS:
            return (kind, fact.get("measure"), (fact.get("country") or "UA").upper(), fact.get("weapon"), a1)
        if kind == Kind.CASUALTIES:
            return (kind, fact.get("measure"), a1, self.place(fact.get("place")))
        if kind == Kind.DAMAGE:
            return (kind, fact.get("measure"), a1)
        return None


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def row(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f1, 4),
        }


def _codes(code: str | None) -> set[str]:
    return set(code.split("|")) if code else {""}


def _same(a, b) -> bool:
    try:
        return abs(float(a) - float(b)) < EPS
    except (TypeError, ValueError):
        return False


def score_docs(golds: dict[str, GoldDoc], predicted: dict[str, list[dict]]) -> tuple[dict, list[str]]:
    """Scores per kind and overall, and the list of every missed and extra fact."""
    counts = {k: Counts() for k in KINDS}
    agree = matched_total = source_agree = 0
    notes: list[str] = []
    for doc_id in sorted(golds):
        gold = golds[doc_id]
        reference = gold.reference_date
        preds = [p for p in predicted.get(doc_id, []) if is_scored(p) and not _is_background(p, reference)]
        # regions
        g_regions = [f for f in gold.facts if f["kind"] == Kind.REGIONS]
        p_regions = [p for p in preds if p.get("kind") == Kind.REGIONS]
        if g_regions or p_regions:
            required = [_codes(m) for g in g_regions for m in g.get("members", [])]
            optional: set[str] = set()
            for g in g_regions:
                for m in g.get("optional", []):
                    optional |= _codes(m)
            got = {m for p in p_regions for m in (p.get("members") or [])}
            allowed = set().union(*required) if required else set()
            for alts in required:
                if alts & got:
                    counts[Kind.REGIONS].tp += 1
                else:
                    counts[Kind.REGIONS].fn += 1
                    notes.append(f"{doc_id}: MISSED region {'|'.join(sorted(alts))}")
            for m in sorted(got - allowed - optional):
                counts[Kind.REGIONS].fp += 1
                notes.append(f"{doc_id}: EXTRA region {m}")
        # keyed kinds
        open_gold: dict[tuple, list[dict]] = defaultdict(list)
        for g in gold.facts:
            if g["kind"] == Kind.REGIONS:
                continue
            for code in _codes(g.get("admin1")):
                gk = gold.key(g, code or "")
                if gk is not None:
                    open_gold[gk].append(g)
        used: set[int] = set()
        left: dict[tuple, list[dict]] = defaultdict(list)
        for p in preds:
            if p.get("kind") == Kind.REGIONS:
                continue
            k = gold.key(p)
            if k is None:
                continue  # is_scored let only the keyed kinds through
            hit = next(
                (g for g in open_gold.get(k, []) if id(g) not in used and _same(g["value"], p.get("value"))),
                None,
            )
            if hit is None:
                left[k].append(p)
                continue
            used.add(id(hit))
            counts[p["kind"]].tp += 1
            matched_total += 1
            agree += (p.get("qualifier") or Qualifier.EXACT) == (hit.get("qualifier") or Qualifier.EXACT)
            if same_source(p.get("source"), hit.get("source")):
                source_agree += 1
            else:
                notes.append(
                    f"{doc_id}: SOURCE {p.get('kind')}/{p.get('measure')} {p.get('value')}: "
                    f"predicted {p.get('source')!r}, gold {hit.get('source')!r}"
                )
        for k, ps in left.items():
            gs = [g for g in open_gold.get(k, []) if id(g) not in used]
            if gs and _same(sum(float(g["value"]) for g in gs), sum(float(p.get("value") or 0) for p in ps)):
                for g in gs:
                    used.add(id(g))
                    counts[g["kind"]].tp += 1
                continue
            for p in ps:
                counts[p["kind"]].fp += 1
                notes.append(f"{doc_id}: EXTRA {_brief(p)}")
        for g in gold.facts:
            if g["kind"] != Kind.REGIONS and id(g) not in used:
                counts[g["kind"]].fn += 1
                notes.append(f"{doc_id}: MISSED {_brief(g)}")
    rows: dict[str, Any] = {k: counts[k].row() for k in KINDS}
    total = Counts(
        sum(c.tp for c in counts.values()),
        sum(c.fp for c in counts.values()),
        sum(c.fn for c in counts.values()),
    )
    rows["all"] = total.row()
    rows["qualifier_agreement"] = round(agree / matched_total, 4) if matched_total else None
    rows["source_agreement"] = round(source_agree / matched_total, 4) if matched_total else None
    rows["docs"] = len(golds)
    return rows, notes


def _brief(f: dict) -> str:
    return json.dumps(
        {x: f.get(x) for x in ("kind", "measure", "country", "weapon", "admin1", "place", "value")}
    )


def load_gold(path: Path) -> dict[str, GoldDoc]:
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    out = {}
    for f in files:
        g = GoldDoc.from_json(json.loads(f.read_text(encoding="utf-8")))
        out[g.doc] = g
    return out


def group_facts(facts: Iterable[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for f in facts:
        out[f.get("doc", "")].append(f)
    return out


def format_table(rows: dict) -> str:
    lines = [f"{'kind':<12}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"]
    for kind in (*KINDS, "all"):
        r = rows[kind]
        lines.append(
            f"{kind:<12}{r['tp']:>5}{r['fp']:>5}{r['fn']:>5}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}"
        )
    lines.append(
        f"docs {rows['docs']}, qualifier agreement {rows['qualifier_agreement']}, "
        f"source agreement {rows['source_agreement']}"
    )
    return "\n".join(lines)
