"""Regions affected: every first-level region the report places the attack in.

A region counts when a located figure is there (downings over it, hits, damage,
casualties), or when a sentence about the attack names it in a locative slot ("explosions
heard … from Kyiv to Lviv", "intercepts over the Mykolaiv … regions"). It does not count
when it is only part of an official's title ("Moscow Mayor"), a destination ("his visit to
Kherson"), a metonym for a government ("Moscow says"), or in a background clause.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from ..model import AT_LEAST, EXACT, Document, Fact, Quantity, sentence_spans
from ..vocabulary import Kind, Measure, Qualifier
from .lexicon import (
    DAMAGE_REPORT_VERBS,
    ENCLOSING,
    GENERIC_MARKERS,
    NEGATIONS,
    NON_ATTACK_PLACE_CONTEXT,
    SPEAKING_BEFORE_IN,
)
from .places import launch_origin
from .side import ukraine_attacker

if TYPE_CHECKING:
    from .context import SentenceInfo

ATTACK_WORDS = frozenset(
    """
    attack attacks attacked attacking strike strikes struck hit hits hitting shelling shelled explosions
    explosion shot downed intercepted intercepts destroyed damaged damaging damage killed killing injured
    injuring wounded fire drones drone missiles missile outages outage bombardment airstrike
    airstrikes targeting targeted debris blasts blast shelled assault raid blackout blackouts
    """.split()
)
_DEFENCE_NOUNS = frozenset({"defence", "defense", "defences", "defenses", "defenders"})
_DEFENCE_AT_WORK = frozenset({"worked", "working", "active", "operated", "operating", "engaged", "repelled"})
# "in nine of its 24 regions", "in at least 16 of the country's 24 regions", "in 11 regions"
_COUNT = re.compile(
    r"^\s+(?:of\s+(?:the\s+country[’']s|its|Ukraine[’']s|the)\s+\d{1,2}\s+)?(?:regions|oblasts|provinces)\b"
)


# Russia is named in Ukraine war reports mostly as the attacker ("pressure on Moscow"); a
# Russian region counts only where the sentence says something was hit or downed there.
STRIKE_WORDS = frozenset(
    """
    attacked struck hit shot downed intercepted destroyed damaged explosions explosion fire debris
    killed injured wounded died shelled burning ablaze targeted
    """.split()
)


def _attack_sentence(info: SentenceInfo) -> bool:
    words = {t.low for t in info.tokens}
    if words & ATTACK_WORDS:
        return True
    # "Air defence also worked in the Kyiv and Poltava oblasts": defences engaged there
    return bool(words & _DEFENCE_NOUNS) and bool(words & _DEFENCE_AT_WORK)


def regions_facts(
    doc: Document,
    infos: list[SentenceInfo],
    facts: list[Fact],
    doc_date: date | None,
    quantities: list[list[Quantity]],
) -> list[Fact]:
    """The regions facts of a report (one per country), from its located facts and its
    attack sentences; ``quantities`` are the report's numbers, per sentence."""
    members: dict[str, str] = {}  # admin1 -> country
    evidence: list[tuple[int, int]] = []
    for f in facts:
        if f.admin1 and not f.historical and f.qualifier != Qualifier.VAGUE:
            members.setdefault(f.admin1, f.country)
            evidence.append(f.evidence)
    stated: tuple[float, str] | None = None
    for info in infos:
        if not info.tokens or info.sentence.heading or not _attack_sentence(info):
            continue  # (a heading names a topic, "Kyiv strikes"; the body says where the attack was)
        if any(g in info.lowered for g in GENERIC_MARKERS):
            continue
        toks = info.tokens
        locatives = []
        previous = None
        for m, clause in info.places:
            after_inner = (
                previous is not None
                and ENCLOSING.get(previous.place.admin1 or "") == m.place.admin1
                and (doc.text[previous.end : m.start].strip() == ",")
            )
            previous = m
            if after_inner:
                continue  # "Sevastopol, Crimea": the outer region only says where the inner one is
            if clause in info.historical_clauses or m.place.level == "country" or not m.place.admin1:
                continue
            i = next((k for k, t in enumerate(toks) if t.start >= m.start), len(toks))
            before = toks[i - 1].low if i > 0 else ""
            if before in NON_ATTACK_PLACE_CONTEXT or (i > 1 and toks[i - 2].low in NON_ATTACK_PLACE_CONTEXT):
                continue
            if before == "in" and i > 1 and toks[i - 2].low in SPEAKING_BEFORE_IN:
                continue  # "the minister said in Kyiv that …": where he spoke
            if launch_origin(info, m):
                continue  # "drones launched from the Kursk region": where the attack came from
            if m.role == "locative":
                if (
                    m.place.country == "RU"
                    and not any(t.low in STRIKE_WORDS for t in toks)
                    and not ukraine_attacker(info, clause)
                ):
                    continue
                locatives.append(m)
        titled = [
            m
            for m, c in info.places
            if m.role == "title" and c not in info.historical_clauses and m.place.admin1
        ]
        chosen = locatives
        if (
            not locatives
            and titled
            and not info.sentence.heading
            and not any(n in info.lowered for n in NEGATIONS)
        ):
            # an official reporting damage in their own region ("… head stated several
            # establishments were struck"), not a death somewhere else
            if any(t.low in DAMAGE_REPORT_VERBS for t in toks) or (
                ukraine_attacker(info, 0)
                and any(t.low in STRIKE_WORDS or t.low in ATTACK_WORDS for t in toks)
            ):
                chosen = (
                    titled  # "The Governor of Smolensk Oblast says a Ukrainian drone attack caused a fire"
                )
        for m in chosen:
            if m.place.admin1:
                members.setdefault(m.place.admin1, m.place.country)
            evidence.append((info.sentence.start, info.sentence.end))
        if stated is None:
            for q in quantities[info.index]:
                if _COUNT.match(doc.text, q.end):
                    stated = (q.value, q.qualifier)
                    if doc.text[max(0, q.start - 9) : q.start].lower().strip().endswith("at least"):
                        stated = (q.value, AT_LEAST)
                    evidence.append((info.sentence.start, info.sentence.end))
                    break
    if not members:
        return []
    out: list[Fact] = []
    by_country: dict[str, list[str]] = {}
    for code, country in members.items():
        by_country.setdefault(country, []).append(code)
    span = (min(s for s, _ in evidence), max(e for _, e in evidence)) if evidence else (0, 0)
    # the regions are those of the attack: its most stated date, else the report's own
    dates = Counter(f.date for f in facts if f.date and not f.historical)
    attack_date = dates.most_common(1)[0][0] if dates else (doc_date.isoformat() if doc_date else None)
    for country, codes in by_country.items():
        value, qual = (float(len(codes)), EXACT)
        if stated is not None and country == "UA":
            value, qual = stated
        out.append(
            Fact(
                doc=doc.id,
                kind=Kind.REGIONS,
                measure=Measure.AFFECTED,
                value=value,
                evidence=span,
                evidence_spans=sentence_spans(evidence),
                qualifier=qual,
                country=country,
                members=tuple(sorted(codes)),
                date=attack_date,
                source=None,
            )
        )
    return out
