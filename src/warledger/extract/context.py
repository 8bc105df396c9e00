"""The per-sentence context the extract rules read: tokens with clauses, the sentence's
places (with their clause), which clauses are national or background, and its source."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ..model import Attribution, Document, PlaceMention, Sentence
from .text import Token


@dataclass(slots=True)
class SentenceInfo:
    index: int
    sentence: Sentence
    tokens: list[Token]
    places: list[tuple[PlaceMention, int]]  # mention, clause
    national_clauses: set[int]
    historical_clauses: set[int]
    text: str
    lowered: str
    source: str | None = None
    quantity_starts: frozenset[int] = frozenset()
    # each clause's words, lower-cased and space-joined (``clause_texts``), computed once
    clauses: dict[int, str] = field(default_factory=dict)


def clause_of(tokens: list[Token], pos: int) -> int:
    starts = [t.start for t in tokens]
    i = bisect_left(starts, pos + 1) - 1
    return tokens[i].clause if 0 <= i < len(tokens) else 0


def clause_texts(tokens: list[Token]) -> dict[int, str]:
    """Each clause's words, lower-cased and space-joined, for marker look-ups."""
    words: dict[int, list[str]] = {}
    for t in tokens:
        words.setdefault(t.clause, []).append(t.low)
    return {c: " ".join(w) for c, w in words.items()}


def bucket(sentences, items) -> list[list]:
    out: list[list] = [[] for _ in sentences]
    starts = [s.start for s in sentences]
    for it in items:
        i = bisect_left(starts, it.start + 1) - 1
        if 0 <= i < len(sentences) and it.start < sentences[i].end:
            out[i].append(it)
    return out


# A quotation runs over at most this many sentences before the one that attributes it.
MAX_QUOTE_SENTENCES = 6


def _closes_quote(before: str) -> bool:
    """Whether the text of a sentence before its attribution ends a quote opened earlier:
    a closing mark with no opening one before it in the sentence."""
    if "”" in before:
        return "“" not in before[: before.rfind("”")]
    return before.count('"') % 2 == 1


def _opens_quote(text: str) -> bool:
    """Whether a sentence opens a quotation it does not close."""
    if "“" in text:
        return "”" not in text[text.rfind("“") :]
    return text.count('"') % 2 == 1


def sentence_sources(doc: Document, kinds: dict[int, set[str]] | None = None) -> dict[int, str]:
    """The source of each sentence: its own attribution, else the paragraph's previous one.

    ``kinds`` (the kinds of figure each sentence states) keeps a speaker named at the end of
    a paragraph from reaching back to figures of another kind ("Russia launched 40 drones.
    Two people were killed in Kyiv, the mayor said.": the mayor did not count the drones)."""
    kinds = kinds or {}
    own = {a.sentence: a.source for a in doc.attributions if not a.byline}
    out: dict[int, str] = {}
    last: tuple[int, str] | None = None
    for i, s in enumerate(doc.sentences):
        if i in own and not own[i]:
            last = None  # "according to preliminary data": no speaker, and none carried on
        elif i in own:
            last = (s.paragraph, own[i])
            out[i] = own[i]
        elif last is not None and last[0] == s.paragraph:
            out[i] = last[1]
    # '"Two were killed in Uman. Five more were injured," the governor said.': a quote that
    # the attribution closes began sentences earlier; its speaker said all of it
    for a in doc.attributions:
        if not a.source:
            continue
        sent = doc.sentences[a.sentence]
        if not _closes_quote(doc.text[sent.start : a.start]):
            continue
        for k in range(a.sentence - 1, max(-1, a.sentence - 1 - MAX_QUOTE_SENTENCES), -1):
            if k in own:
                break
            out[k] = a.source
            prior = doc.sentences[k]
            if _opens_quote(doc.text[prior.start : prior.end]):
                break
    # "In Kherson, a man was killed. Eight were injured in the city, Kovalenko said.": a
    # paragraph's first speaker, named at the end of a sentence, said its sentences before
    firsts: dict[int, Attribution] = {}
    for a in doc.attributions:
        if a.source and not a.byline and not a.retrospective:
            firsts.setdefault(doc.sentences[a.sentence].paragraph, a)
    for a in firsts.values():
        sent = doc.sentences[a.sentence]
        before = doc.text[sent.start : a.start]
        if any(q in before for q in ('"', "“", "”")) or not _post_posed(before, doc.text[a.start : sent.end]):
            continue  # ('"Six more were injured," the governor said': the quote is what they said)
        k = a.sentence - 1
        said = kinds.get(a.sentence, set())
        while (
            k >= 0
            and doc.sentences[k].paragraph == sent.paragraph
            and k not in own
            and k not in out
            # (a sentence that states no figure itself speaks for those of any kind: "He was
            # taken to hospital with shrapnel wounds, the governor said.")
            and (not said or kinds.get(k, set()) <= said)
        ):
            out[k] = a.source
            k -= 1
    # a post headed by its author's name: they said what no one else in it is said to have said
    author = next((a.source for a in doc.attributions if a.byline), None)
    if author:
        for i in range(len(doc.sentences)):
            if i not in own:
                out.setdefault(i, author)
    # "This was reported by X": X said the sentences of its paragraph before it that no one
    # else is said to have said
    for a in doc.attributions:
        if not (a.retrospective and a.source):
            continue
        paragraph = doc.sentences[a.sentence].paragraph
        k = a.sentence - 1
        while k >= 0 and doc.sentences[k].paragraph == paragraph and k not in own:
            out[k] = a.source
            k -= 1
    return out


# A clause that opens with these starts a statement of its own ("…, and in the Rivne region,
# governor Koval said …"): an attribution after it does not reach back before it.
NEW_STATEMENT = frozenset({"and", "but", ";"})


def _post_posed(before: str, after: str) -> bool:
    """Whether an attribution closes its sentence after a comma or a quote (", the governor
    said on Telegram."): no figure follows it."""
    return before.rstrip().endswith((",", '"', "”", "—")) and not any(c.isdigit() for c in after)


# A pronoun before its verb ("…, it said"): the attribution starts at the verb.
_PRONOUN_BEFORE = re.compile(r"\b(?:he|she|it|they|we)\s*$", re.IGNORECASE)


# The verb of an inverted attribution before its speaker ("…, said Petro Kovalenko, head of …").
_VERB_BEFORE = re.compile(r"\b(?:said|says|added|adds|wrote|writes|reported|reports)\s*$")


def _closes_sentence(info: SentenceInfo, said_at: int) -> bool:
    at = said_at - info.sentence.start
    return _post_posed(_VERB_BEFORE.sub("", _PRONOUN_BEFORE.sub("", info.text[:at])), info.text[at:])


def speaks_for(info: SentenceInfo, clause: int, said_at: int | None) -> bool:
    """Whether the sentence's own attribution (at ``said_at``) covers a figure of ``clause``:
    "X said …" covers what follows it; "…, X said" what precedes it, back to the start of a
    coordinated statement of its own."""
    if said_at is None or not info.tokens:
        return True
    if _closes_sentence(info, said_at):
        return True  # "A woman was killed, and three were wounded, Kovalenko added.": all of it
    said_clause = clause_of(info.tokens, said_at)
    if said_clause <= clause:
        return True
    first: dict[int, str] = {}
    for t in info.tokens:
        first.setdefault(t.clause, t.low)
    # the word after each clause's first ("and wounding …" continues a statement)
    second: dict[int, str] = {}
    seen: set[int] = set()
    for k, t in enumerate(info.tokens):
        if t.clause not in seen:
            seen.add(t.clause)
            if k + 1 < len(info.tokens):
                second[t.clause] = info.tokens[k + 1].low
    return not any(
        first.get(c) in NEW_STATEMENT and not second.get(c, "").endswith("ing")
        for c in range(clause + 1, said_clause + 1)
    )  # (", and wounding 64 others, officials said" continues the statement)
