"""From the numbers of one sentence to figures: kind, measure, weapon, unit, group.

For every ``Quantity`` in a sentence this module finds
1. its **head noun**: the noun the number counts, skipping modifiers ("23 Iranian-made
   Shahed drones", "two residential apartment buildings", "9,000 sq m"), or the noun of
   its total ("430 of 502 drones", "six of the drones");
2. its **governing verb**: a verb right after the noun phrase ("… were shot down",
   "69 drones struck …") wins over the nearest verb before it in the same clause
   ("downed 430 …"), which wins over a later one ("three missiles and 69 drones struck");
3. its **kind**, from the head noun and the verb: munitions, casualties or damage, or none.

Places, dates and sources are resolved afterwards, over the whole document (``stage``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import VAGUE, Quantity
from ..vocabulary import Kind, Measure, Qualifier, Weapon, scope_of
from . import casualties, damage, munitions
from .lexicon import (
    ALL_OF_DRONE_NOUNS,
    ALL_OF_FAMILY_NOUNS,
    AREA_OBJECTS,
    AREA_UNITS,
    ATTACK_NOUNS,
    AUXILIARIES,
    BUILDING_DAMAGE_WORDS,
    CASUALTY_TRIGGERS,
    DAMAGE_TRIGGERS,
    DRONE_VEHICLE_MODIFIERS,
    HEAD_NOUNS,
    HEDGES,
    HIT_NOUNS,
    HOUR_NOUNS,
    INSERTION_OPENERS,
    LOCAL_AREA_OBJECTS,
    MORE_WORDS,
    MUNITION_NOUNS,
    MUNITION_TRIGGERS,
    NOT_ATTACK_CASUALTIES,
    NOT_ATTACK_WORK,
    NP_FILLERS,
    NUMBER_LEAD,
    PERSON_NOUNS,
    POWER_UNITS,
    POWER_WORDS,
    PREPOSITION_TRIGGERS,
    RUSSIAN_MUNITION_WORDS,
    TRAIN_NOUNS,
    VEHICLE_NOUNS,
    WEAK_BEFORE_TRIGGERS,
    WEAPON_MODIFIERS,
    WEAPON_NAME_NOUNS,
)
from .text import Token

_QUOTES = frozenset({"'", '"', "‘", "’", "“", "”"})
# How far a head noun may sit after its number ("more than 20 Kh-101/X-101 long range missile").
MAX_NP_GAP = 6
SUBSET_WORDS = frozenset({"including", "includes", "among", "incl"})
SUBSET_HEADS = frozenset({"injured", "dead", "killed", "wounded", "victims", "casualties"})
OF_SKIP = frozenset({"the", "its", "their", "country", "those", "these", "all", "'", "’"})
# Words a headless number may sit behind: "the death toll rose to nine".
TOLL_SKIP = frozenset(
    {
        "to",
        "at",
        "rose",
        "risen",
        "has",
        "have",
        "had",
        "climbed",
        "increased",
        "reached",
        "now",
        "stands",
        "stood",
        "is",
        "was",
        "jumped",
        "grew",
        "been",
    }
)
# words that never modify a following noun ("killed two people" must not read "killed" as one)
_NOT_MODIFIERS = frozenset(
    {
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "by",
        "for",
        "with",
        "from",
        "were",
        "was",
        "had",
        "have",
        "has",
        "are",
        "is",
        "be",
        "been",
        "killed",
        "injured",
        "wounded",
        "including",
        "than",
        "while",
        "which",
        "who",
        "that",
    }
)
TOLL_VERBS = frozenset(
    {"rose", "risen", "climbed", "increased", "reached", "jumped", "grew", "stands", "stood"}
    | {
        "raising",
        "raised",
        "bringing",
        "brought",
        "pushing",
        "pushed",
        "taking",
    }  # "raising the toll in Odesa to nine"
)
_BE = frozenset({"were", "was", "been", "are", "is", "be", "being"})
NEGATORS = frozenset({"not", "never", "n't", "no"})
_COMPOUND_AREA = frozenset({"square-metre", "square-meter", "sq-m", "square-metres", "square-meters"})
PLACE_PREPOSITIONS = frozenset({"over", "in", "near", "above", "on", "at", "across"})


@dataclass(slots=True)
class Figure:
    """A number being read: mutable while the rules fill it in, frozen into a Fact later."""

    q: Quantity
    sent: int
    i0: int  # first token of the number
    i1: int  # token after the number
    head: int | None = None
    kind: str | None = None
    measure: str | None = None
    weapon: str | None = None
    unit: str | None = None
    group: str | None = None
    value: float = 0.0
    low: float | None = None
    high: float | None = None
    qualifier: str = Qualifier.EXACT
    clause: int = 0
    subset: bool = False
    total_of: Figure | None = None  # "430 of 502": on the 502, points at the 430
    part_of: Figure | None = None  # "four missiles …, and two of them were shot down": on the two
    is_total: bool = False
    scope: str = "context"  # how far a place may come from: clause | sentence | context
    end_tok: int = 0  # last token of the noun phrase
    mods_end: int | None = None  # last token of its own modifiers, when it shares a later noun
    verb_at: int | None = None  # the token of the trigger that last governed it (for confidence)
    flags: set[str] = field(default_factory=set)


def _quantity_tokens(tokens: list[Token], q: Quantity) -> tuple[int, int]:
    i0 = next((i for i, t in enumerate(tokens) if t.end > q.start), len(tokens))
    i1 = next((i for i in range(i0, len(tokens)) if tokens[i].start >= q.end), len(tokens))
    return i0, i1


def find_head(tokens: list[Token], j: int, vague: bool = False) -> int | None:
    """Index of the head noun of a number whose tokens end before ``j``."""
    k, skipped = j, 0
    n = len(tokens)
    while k < n and skipped <= MAX_NP_GAP:
        t = tokens[k]
        low = t.low
        if (
            low in ("sq", "sq.", "square")
            and k + 1 < n
            and tokens[k + 1].low in ("m", "meters", "metres", "m.", "km", "kilometres", "kilometers")
        ):
            return k + 1
        if low in _COMPOUND_AREA:  # "a 9,000-square-metre warehouse"
            return k
        if low in AREA_UNITS:
            return k
        if low in VEHICLE_NOUNS and not (k > 0 and tokens[k - 1].low in DRONE_VEHICLE_MODIFIERS):
            return None  # "five armoured vehicles" count no munition
        if low in HEAD_NOUNS:
            # a compound ends at its last noun: "Shahed drones", "attack drones"
            while (
                k + 1 < n
                and tokens[k + 1].low in MUNITION_NOUNS
                and (low in MUNITION_NOUNS or low in WEAPON_NAME_NOUNS)
            ):
                k += 1
                low = tokens[k].low
            if k + 1 < n and tokens[k + 1].low in HIT_NOUNS and low in MUNITION_NOUNS:
                k += 1  # "three missile strikes": strikes of missiles
            if k + 1 < n and tokens[k + 1].low in TRAIN_NOUNS and low == "passenger":
                k += 1  # "19 passenger trains": trains that carry passengers
            return k
        if vague and low == "of":  # "dozens of missiles", "millions of people"
            k += 1
            continue
        if (
            low in _COORDINATORS
            and k > j
            and k + 1 < n
            and _modifier(tokens[k + 1])
            and _modifier(tokens[k - 1])
        ):
            # "53 ballistic and cruise missiles", "40 ballistic, cruise and guided missiles": one
            # noun phrase whose modifiers are coordinated (a number after "and" starts another)
            k += 1
            skipped += 1
            continue
        if (
            low in NP_FILLERS
            or t.text in _QUOTES
            or "-" in t.text
            or "/" in t.text
            or (t.text[:1].isupper() and k > j - 1)
        ):
            k += 1
            skipped += 1
            continue
        # an unknown noun modifier right before a head noun: "three port workers"
        if low.isalpha() and low not in _NOT_MODIFIERS and k + 1 < n and tokens[k + 1].low in HEAD_NOUNS:
            k += 1
            skipped += 1
            continue
        return None
    return None


_COORDINATORS = frozenset({"and", "or", ","})


def _modifier(t: Token) -> bool:
    """A word that can modify a munition or person noun: not a number, verb or function word."""
    return (
        # ("Shahed-type and decoy drones", "Shahed and Gerbera drones": names of a kind)
        (
            t.low in NP_FILLERS
            or t.low in WEAPON_MODIFIERS
            or t.low.endswith("-type")
            or t.low in WEAPON_NAME_NOUNS
        )
        and t.low not in _NOT_MODIFIERS
        and not t.low[:1].isdigit()
    )


def _shares_next_head(tokens: list[Token], f: Figure, nxt: Figure) -> bool:
    """ "18 ballistic and seven cruise missiles": only modifiers and a coordinator stand
    between a headless number and the next number, whose head it shares."""
    between = tokens[f.i1 : nxt.i0]
    if not between or between[-1].low not in _COORDINATORS:
        return False
    # "fires covering 2,300 and 900 square metres": a bare coordinator shares the noun too
    return all(_modifier(t) or t.low in _COORDINATORS for t in between) and (
        any(_modifier(t) for t in between) or len(between) == 1
    )


MAX_INSERTION = 10
# How far into a relative clause its verb may stand ("that his forces shot down").
MAX_RELATIVE_REACH = 5


def _among_the(tokens: list[Token], f: Figure, number_at: set[int]) -> bool:
    """ "12 children were among the injured", "two rescuers are among the dead", and
    inverted: "Among the dead were two children"."""
    before = [t.low for t in tokens[max(0, f.i0 - 4) : f.i0]]
    if len(before) == 4 and before[:2] == ["among", "the"] and before[2] in SUBSET_HEADS and before[3] in _BE:
        return True
    k = (f.head if f.head is not None else f.end_tok) + 1
    words = [t.low for t in tokens[k : k + 4]]
    if len(words) >= 3 and words[0] in _BE and words[1] == "among" and (k + 2) in number_at:
        return True  # "two children were among 11 people injured"
    if len(words) >= 4 and words[0] in _BE and words[1:3] == ["among", "the"] and (k + 3) in number_at:
        return True  # "two police officers were among the 7 injured"
    return (
        len(words) == 4
        and words[0] in _BE
        and words[1] == "among"
        and words[2] == "the"
        and words[3] in SUBSET_HEADS
    )


def _is_age(tokens: list[Token], i0: int) -> bool:
    """ "aged 45 and 61", "ages 7 to 12": the number is an age."""
    for k in range(i0 - 1, max(-1, i0 - 9), -1):
        low = tokens[k].low
        if low in ("aged", "ages", "age"):
            return True
        if not (low in ("and", ",", "to", "between", "-") or low[:1].isdigit()):
            return False
    return False


def _past_insertion(tokens: list[Token], k: int) -> int:
    """The token after a comma-enclosed insertion that starts at ``k``, else ``k``."""
    n = len(tokens)
    if not (k + 1 < n and tokens[k].text == "," and tokens[k + 1].low in INSERTION_OPENERS):
        return k
    for j in range(k + 2, min(n, k + 2 + MAX_INSERTION)):
        if tokens[j].text == ",":
            return j + 1
    return k


def _verb(fig: Figure, tokens: list[Token], k: int) -> str:
    # "intercepted or jammed 442 drones", "shot down or suppressed 95": a downing verb joined
    # with a jamming one counts them as intercepted (electronic warfare included)
    if MUNITION_TRIGGERS.get(tokens[k].low) == Measure.LOST and k > 1 and tokens[k - 1].low in ("or", "/"):
        for j in range(k - 2, max(-1, k - 5), -1):
            if MUNITION_TRIGGERS.get(tokens[j].low) == Measure.INTERCEPTED:
                fig.verb_at = j
                return tokens[j].low
    fig.verb_at = k
    return tokens[k].low


def govern(
    tokens: list[Token], fig: Figure, table: dict[str, str], adjacent_only: bool = False
) -> str | None:
    """The trigger word of ``table`` that governs the figure, or None."""
    n = len(tokens)
    clause = tokens[fig.i0].clause if fig.i0 < n else 0
    # 1. a verb right after the noun phrase, past auxiliaries ("were reportedly killed") and
    # past an insertion ("twenty-five people, including two children, are injured")
    k = _past_insertion(tokens, fig.end_tok + 1)
    if (
        k < n
        and tokens[k].low in ("that", "which")
        and not adjacent_only
        and "partitive-part" not in fig.flags
    ):
        # "45 Shahed drones that his forces shot down": the relative clause's verb is the noun's
        for j in range(k + 1, min(n, k + 1 + MAX_RELATIVE_REACH)):
            if tokens[j].low in table and tokens[j].low not in WEAK_BEFORE_TRIGGERS:
                return _verb(fig, tokens, j)
    steps = 0
    passive = False
    if k < n and tokens[k].low in MORE_WORDS and fig.head is None:
        k += 1  # "with over 170 more injured", "and nine others wounded"
    while (
        k < n
        and steps < 5
        and (tokens[k].low in AUXILIARIES or tokens[k].text in _QUOTES or tokens[k].low in NEGATORS)
    ):
        if tokens[k].low in NEGATORS:
            return None  # "two ballistic missiles were not intercepted"
        passive = passive or tokens[k].low in _BE
        k += 1
        steps += 1
    # "missiles launched by Russia" modifies the noun; "were downed by air defences" is the verb;
    # "downed 59 of 84 drones fired overnight": with a verb before the number in its clause, a
    # participle after the noun (no auxiliary) is a reduced relative of the noun, not its verb
    reduced = (
        table is MUNITION_TRIGGERS and not passive and steps == 0 and _trigger_before(tokens, fig, table)
    )
    # "four people had been rescued and two bodies recovered": the number's own verb is
    # another, and a trigger later in its clause is another noun's
    own_verb = (
        passive
        and k < n
        and tokens[k].low.endswith("ed")
        and tokens[k].low not in table
        and tokens[k].low not in _LINKING_PARTICIPLES
        and tokens[k].low not in CASUALTY_TRIGGERS
        and tokens[k].low not in MUNITION_TRIGGERS
    )
    if (
        k < n
        and tokens[k].low in table
        and not reduced
        # ("missiles launched by Russia" is a noun's modifier; "seven injured by shelling" a casualty)
        and (passive or table is not MUNITION_TRIGGERS or not (k + 1 < n and tokens[k + 1].low == "by"))
    ):
        if tokens[k].low == "hospital" and tokens[k - 1].low != "in":
            pass
        else:
            return _verb(fig, tokens, k)
    if adjacent_only and table is CASUALTY_TRIGGERS:
        # "the death toll … rose to nine", "the number of injured has risen to 34"
        k = fig.i0 - 1
        while k >= 0 and k > fig.i0 - 6 and tokens[k].low in TOLL_SKIP:
            k -= 1
        if k >= 0 and k < fig.i0 - 1 and tokens[k].low in table:
            return _verb(fig, tokens, k)
        if k >= 0 and tokens[k].low == "toll":
            fig.flags.add("toll")  # "raising the death toll to 19": an update
            return Measure.INJURED if k > 0 and tokens[k - 1].low in ("injury", "injured") else Measure.KILLED
        rose_to = any(tokens[x].low in TOLL_VERBS for x in range(k + 1, fig.i0))
        # "raising the toll in Odesa to nine": the verb before the toll, "to" before the number
        raised_to = tokens[fig.i0 - 1].low == "to" and any(
            tokens[x].low in TOLL_VERBS and tokens[x].clause == tokens[fig.i0].clause
            for x in range(max(0, fig.i0 - 12), k)
        )
        if k < fig.i0 - 1 and (rose_to or raised_to):
            # "The death toll from a Russian strike on Dnipro on Friday rose to nine"
            for x in range(k, max(-1, k - 25), -1):
                if tokens[x].clause != tokens[fig.i0].clause:
                    break
                if tokens[x].low in table:
                    of_people = x > 1 and tokens[x - 1].low in PERSON_NOUNS and tokens[x - 2].low == "of"
                    if (x > 0 and tokens[x - 1].low == "of") or of_people:
                        fig.flags.add("toll")  # "the number of (people) dead in Odesa rose to 12"
                        return _verb(fig, tokens, x)
                    break
                if tokens[x].low == "toll":
                    fig.flags.add("toll")
                    return (
                        Measure.INJURED
                        if x > 0 and tokens[x - 1].low in ("injury", "injured")
                        else Measure.KILLED
                    )
    # 2. the nearest trigger before the number in the same clause
    for k in range(fig.i0 - 1, -1, -1):
        if tokens[k].clause != clause:
            break
        if adjacent_only and k < fig.i0 - 1 and not (k == fig.i0 - 2 and tokens[k + 1].low in _PARTICLES):
            break  # ("shot down 60": a verb's particle stands between it and the number)
        if tokens[k].low in table:
            if tokens[k].low in PREPOSITION_TRIGGERS and not all(
                _leads_to_number(t) for t in tokens[k + 1 : fig.i0]
            ):
                continue  # "with the debris from one downed drone": "with" governs "debris"
            if (
                table is MUNITION_TRIGGERS
                and k + 2 < fig.i0
                and tokens[k + 1].low == "by"
                and tokens[k].low not in HIT_NOUNS  # "hits by 9 missiles and 24 drones" lists the hits
            ):
                continue  # "75 drones launched by Russia overnight, as well as two of three missiles"
            # "was hit by 30 missiles": a passive verb before "by" governs what follows
            return _verb(fig, tokens, k)
    if adjacent_only or own_verb:
        return None
    # 3. a later trigger in the same clause
    for k in range(fig.end_tok + 1, n):
        if tokens[k].clause != clause or tokens[k].low in NEGATORS:
            break
        if tokens[k].low in table:
            return _verb(fig, tokens, k)
    return None


# Passive verbs that link a number to the trigger after them ("were believed killed").
_LINKING_PARTICIPLES = frozenset(
    {"believed", "feared", "presumed", "thought", "said", "declared", "pronounced", "treated", "admitted"}
)

# Particles of phrasal trigger verbs ("shot down", "knocked out").
_PARTICLES = frozenset({"down", "out", "off"})


def _trigger_before(tokens: list[Token], fig: Figure, table: dict[str, str]) -> bool:
    """A trigger before the number whose object the number is: not one across a coordinator
    ("shot down 430 drones, and 69 drones hit their targets": 69 is a new subject)."""
    clause = tokens[fig.i0].clause if fig.i0 < len(tokens) else 0
    for k in range(fig.i0 - 1, -1, -1):
        if tokens[k].clause != clause or tokens[k].low in ("and", ",", "while", "but"):
            return False
        if tokens[k].low in table and tokens[k].low not in WEAK_BEFORE_TRIGGERS:
            return True
    return False


def _leads_to_number(t: Token) -> bool:
    """A word between a prepositional trigger and its number: a qualifier, or an earlier
    figure of the same list ("with 45 missiles and 450 drones")."""
    low = t.low
    return (
        low in NUMBER_LEAD
        or low[:1].isdigit()
        or low in _COORDINATORS
        or low in MUNITION_NOUNS
        or low in WEAPON_MODIFIERS
        or low in WEAPON_NAME_NOUNS
        or low in NP_FILLERS
    )


def analyse(
    tokens: list[Token],
    quantities: list[Quantity],
    sent: int,
    sentence_text: str,
    carry: Figure | None = None,
    last_weapon: str | None = None,
    before: list[Figure] | None = None,
    lead: tuple[str, str, str | None] | None = None,
) -> list[Figure]:
    """Figures of one sentence, with kind and measure set where the rules decide them.

    ``carry`` is the last munition figure of the sentence before: "Russia launched 23
    drones. Eighteen were shot down" counts drones in the second sentence too; ``before``
    all of that sentence's munition figures ("… 36 drones and four missiles. All the drones
    were shot down"); ``lead`` the measure of the line that opens the list this sentence
    is an item of ("Air defence shot down:" / "- 43 Kh-101 cruise missiles;")."""
    before = before if before is not None else ([carry] if carry is not None else [])
    lowered = sentence_text.lower()
    hedged = any(h in lowered for h in HEDGES)
    not_attack = bool(NOT_ATTACK_CASUALTIES.search(lowered))
    disposal = bool(NOT_ATTACK_WORK.search(lowered))
    figs: list[Figure] = []
    by_start: dict[int, Figure] = {}
    for q in quantities:
        i0, i1 = _quantity_tokens(tokens, q)
        if i0 >= len(tokens):
            continue
        f = Figure(q=q, sent=sent, i0=i0, i1=i1, value=q.value, low=q.low, high=q.high, qualifier=q.qualifier)
        f.clause = tokens[i0].clause
        f.end_tok = i1 - 1
        figs.append(f)
        by_start[i0] = f
    for f in figs:
        if (
            f.i1 < len(tokens)
            and f.value == 1
            and tokens[f.i0].low == "one"
            and tokens[f.i1].low == "of"
            and not (f.i1 + 1 < len(tokens) and (f.i1 + 1) in by_start)
            and not _one_of_the_munitions(tokens, f)
        ):
            continue  # "one of the buildings", "one of the largest": not a count ("one of two missiles" is)
        if _is_age(tokens, f.i0):
            f.flags.add("not-a-count")  # "two men aged 45 and 61": ages
            continue
        if (
            f.value < 1
            and f.qualifier != VAGUE
            and not any(c.isdigit() for c in f.q.text)
            and not (f.i1 < len(tokens) and tokens[f.i1].low in HOUR_NOUNS)  # "half an hour"
        ):
            f.kind = None  # "a third", "half of": a share, not a count ("0.5 hectares" is a measure)
            continue
        j = f.i1
        # subsets: "including seven children", "among them two children"
        if f.i0 > 0 and tokens[f.i0 - 1].low in SUBSET_WORDS or _in_including_list(tokens, f.i0):
            f.subset = True
        elif (
            f.i0 > 1 and tokens[f.i0 - 1].low in ("them", "whom") and tokens[f.i0 - 2].low in ("among", "of")
        ):
            f.subset = True  # "34 people were injured, among them four children"
        # "430 of 502 drones", "18 of the 23 drones", "six of the drones", "27 out of 46"
        if j < len(tokens) and (
            tokens[j].low == "of"
            or (tokens[j].low == "out" and j + 1 < len(tokens) and tokens[j + 1].low == "of")
        ):
            k = j + 1 if tokens[j].low == "of" else j + 2
            while k < len(tokens) and tokens[k].low in OF_SKIP:
                k += 1
            other = by_start.get(k)
            if k < len(tokens) and tokens[k].low in ("which", "whom", "them", "those") and k > j:
                # "79 drones, 61 of which were shot down": the noun of the figure before
                prev = next((g for g in reversed(figs) if g.i0 < f.i0 and g.head is not None), None)
                f.head = prev.head if prev is not None else None
                f.part_of = prev
                f.end_tok = k
                f.flags.add("relative")
                if prev is None and carry is not None and carry.kind == Kind.MUNITIONS:
                    f.flags.add("of-carried")  # "Air defences shot down 52 of them": the last munition total
                continue
            if other is not None and f.qualifier != VAGUE:
                other.total_of = f
                other.is_total = True
                f.flags.add("partitive-part")  # (a relative clause after the noun is the total's)
                f.head = find_head(tokens, other.i1)
                f.end_tok = f.head if f.head is not None else other.i1 - 1
                other.head = f.head
                other.end_tok = f.end_tok
            elif k < len(tokens) and tokens[k].low in SUBSET_HEADS:
                f.subset = True
                f.head = None
                f.end_tok = k
                f.kind = None
                f.flags.add("of-subset")
                continue
            else:
                f.head = find_head(tokens, k, vague=f.qualifier == VAGUE)
                if f.head is not None:
                    f.end_tok = f.head
        elif f.head is None and not f.is_total:
            f.head = find_head(tokens, j, vague=f.qualifier == VAGUE)
            if f.head is not None:
                f.end_tok = f.head
    _shared_heads(tokens, figs)
    for f in figs:
        if f.head is None:
            f.head = _number_of_head(tokens, f)  # "the number of consumers … has risen to 210,000"
    number_at = {g.i0 for g in figs}
    for f in figs:
        if _among_the(tokens, f, number_at):
            f.flags.add("of-subset")  # "12 children were among the injured": a part of a total
    previous: Figure | None = carry
    for f in figs:
        if "of-subset" in f.flags or "not-a-count" in f.flags:
            continue
        _classify(tokens, f, lowered, previous, last_weapon)
        if f.kind:
            previous = f
        if disposal and f.kind in (Kind.DAMAGE, Kind.MUNITIONS):
            f.kind = None  # "sappers destroyed 31 explosive objects": no figure of the attack
        if (hedged or not_attack) and f.kind == Kind.CASUALTIES:
            f.kind = (
                None  # speculation, or deaths that are not an attack's ("bodies returned in an exchange")
            )
    _list_parts(figs)
    if lead is not None:
        kind, measure, unit = lead
        for f in figs:
            if f.subset or f.qualifier == VAGUE:
                continue
            if kind == Kind.MUNITIONS and f.kind == Kind.MUNITIONS and f.measure is None:
                f.measure = measure  # an item of a list the line above counts
                f.flags.add("additive")  # (the list's items of one class add up)
            elif (
                kind == Kind.DAMAGE
                and f.kind is None
                and (f.head is None or tokens[f.head].low in POWER_UNITS)
            ):
                # "consumers are without power in:" / "- the Kharkiv region: 86,000;" (the line's
                # unit), "- Odesa region: 210,000 consumers;" (the item's own)
                own = unit if f.head is None else POWER_UNITS[tokens[f.head].low]
                f.kind, f.measure, f.unit, f.scope = Kind.DAMAGE, measure, own, scope_of(measure)
    figs.extend(_all_downed(tokens, figs))
    figs.extend(_all_of_them(lowered, figs, before))
    _merge_composites(tokens, figs)
    _breakdowns(tokens, [f for f in figs if f.kind])
    figs.extend(_singular_casualties(tokens, sentence_text, sent, figs))
    return [f for f in figs if f.kind and f.measure]


# Verbs that stop an attack as a whole: its munitions ("an attack involving two drones") were
# intercepted.
REPELLED = frozenset(
    {"repelled", "repulsed", "thwarted", "foiled", "prevented", "stopped", "repelling", "thwarting"}
)


def _attack_repelled(tokens: list[Token], f: Figure) -> bool:
    """ "the ministry thwarted a Ukrainian attack involving two drones": an attack noun right
    before the figure's preposition, and a verb that stopped it right before that."""
    for k in range(f.i0 - 1, max(-1, f.i0 - 4), -1):
        if tokens[k].low in ATTACK_NOUNS:
            return any(tokens[j].low in REPELLED for j in range(max(0, k - 4), k))
    return False


def _object_is_area(tokens: list[Token], f: Figure, trig: str | None) -> bool:
    """Whether the object of the figure's hit verb is a territory ("struck eight regions",
    "hit Ukraine"), not a target ("struck 14 locations")."""
    if trig is None:
        return False
    for k in range(f.end_tok + 1, min(len(tokens), f.end_tok + 8)):
        if tokens[k].low == trig:
            for j in range(k + 1, min(len(tokens), k + 5)):
                low = tokens[j].low
                if low in AREA_OBJECTS:
                    return True
                if low in HEAD_NOUNS or low in _COORDINATORS or low in ("in", "on", "at", "near"):
                    return False
            return False
    return False


MAX_LIST_REACH = 10


def _in_including_list(tokens: list[Token], i0: int) -> bool:
    """ "a dozen buildings including a bank, a hotel and two residential buildings": a number
    inside the list that an "including" opens is a part of the total before it."""
    clause = tokens[i0].clause
    for k in range(i0 - 1, max(-1, i0 - 1 - MAX_LIST_REACH), -1):
        t = tokens[k]
        if (
            t.clause != clause
            or t.low[:1].isdigit()
            or t.low in MUNITION_TRIGGERS
            or t.low in CASUALTY_TRIGGERS
        ):
            return False
        if t.low == "and" and k > 0 and tokens[k - 1].text == ",":
            return False  # "killed, including a child, and 35 are injured": the insertion closed
        if t.low in SUBSET_WORDS:
            return True
    return False


# "Of the 24 drones that approached the city, air defence destroyed 19": how far the total's
# noun phrase (with a relative clause) and the part's clause (with a subject and verb) reach.
OF_TOTAL_REACH = 10
PART_CLAUSE_REACH = 6


def _after_the_total(tokens: list[Token], f: Figure, nxt: Figure) -> bool:
    """Whether ``nxt`` is the part that the clause after "Of the N <noun> …," counts."""
    comma = next(
        (
            k
            for k in range(f.end_tok + 1, min(len(tokens), f.end_tok + 1 + OF_TOTAL_REACH))
            if tokens[k].text == ","
        ),
        None,
    )
    return comma is not None and comma < nxt.i0 <= comma + PART_CLAUSE_REACH


def _one_of_the_munitions(tokens: list[Token], f: Figure) -> bool:
    """ "downed 15 of the drones and one of the missiles", "one of the missiles was shot down":
    one of a munition total downed or hitting is a count (a munition verb in its clause,
    "the" and a munition noun after it)."""
    k = f.i1 + 1
    if k < len(tokens) and tokens[k].low == "the":
        k += 1
    return (
        k < len(tokens)
        and tokens[k].low in MUNITION_NOUNS
        and any(
            t.low in MUNITION_TRIGGERS
            for j, t in enumerate(tokens)
            if t.clause == tokens[f.i0].clause and not f.i0 <= j <= k
        )
    )


def _number_of_head(tokens: list[Token], f: Figure) -> int | None:
    """The noun a figure counts when its clause says "the number of <noun> … rose to N": the
    noun after "number of", when it is a damage unit ("consumers", "houses")."""
    if f.i0 < 2 or tokens[f.i0 - 1].low != "to" and tokens[f.i0 - 1].low not in TOLL_VERBS:
        return None
    clause = tokens[f.i0].clause
    for k in range(f.i0 - 2, 0, -1):
        if tokens[k].clause != clause:
            return None
        if tokens[k].low == "of" and tokens[k - 1].low == "number" and k + 1 < f.i0:
            head = tokens[k + 1].low
            if head in POWER_UNITS or any(head in t.heads for t in DAMAGE_TRIGGERS):
                return k + 1
            return None
    return None


def _shared_heads(tokens: list[Token], figs: list[Figure]) -> None:
    """Numbers that share one noun: "18 ballistic and seven cruise missiles" (the first takes
    the second's noun, keeping its own modifiers), and "Of the 74 drones, 52 were shot down"
    (the part takes the total's noun; the total is what was launched)."""
    for f, nxt in zip(figs, figs[1:], strict=False):
        if (
            f.head is None
            and nxt.head is not None
            and f.qualifier != VAGUE
            and _shares_next_head(tokens, f, nxt)
        ):
            f.head = nxt.head
            f.flags.add("shared-head")
            f.mods_end = nxt.i0 - 1
            f.end_tok = nxt.end_tok
        opens = (
            f.i0 > 0
            and tokens[f.i0 - 1].low == "of"
            or (f.i0 > 1 and tokens[f.i0 - 1].low == "the" and tokens[f.i0 - 2].low == "of")
        )
        first = f.i0 - (1 if tokens[f.i0 - 1].low == "of" else 2) if f.i0 > 0 else 0
        if (
            opens
            and (
                first == 0
                or tokens[first - 1].text == ","
                or tokens[first].clause != tokens[first - 1].clause
            )
            and f.head is not None
            and nxt.head is None
            and _after_the_total(tokens, f, nxt)
        ):
            nxt.head = f.head
            nxt.flags.add("part-of-total")
            f.total_of = nxt
            f.is_total = True


def _hit_weapon(tokens: list[Token], f: Figure, last_weapon: str | None) -> str | None:
    """The weapon of "three missile strikes", "six air strikes", "15 hits": the phrase's, else
    the report's last munition's."""
    words = [t.low for t in tokens[f.i0 : (f.head or f.i0) + 1]]
    if "air" in words or tokens[f.head or f.i0].low == "airstrikes":
        return Weapon.AIRCRAFT
    for w in words:
        if w in MUNITION_NOUNS:
            return munitions.weapon_class(tokens, f.i0, f.head or f.i0, default=MUNITION_NOUNS[w])
    return last_weapon


def _classify(
    tokens: list[Token], f: Figure, lowered: str, previous: Figure | None, last_weapon: str | None = None
) -> None:
    head_word = tokens[f.head].low if f.head is not None else None
    if head_word in HIT_NOUNS:
        # "15 hits in the city", "three missile strikes on Vinnytsia": impacts of a weapon
        weapon = _hit_weapon(
            tokens,
            f,
            previous.weapon if previous is not None and previous.kind == Kind.MUNITIONS else last_weapon,
        )
        if weapon is not None and not f.subset:
            # "launched more than 20 missile strikes" sizes the attack; otherwise strikes are hits
            launched = munitions.measure_of(govern(tokens, f, MUNITION_TRIGGERS)) == Measure.LAUNCHED
            f.kind, f.weapon = Kind.MUNITIONS, weapon
            f.measure, f.scope = (Measure.LAUNCHED, "clause") if launched else (Measure.HIT, "context")
        return
    if head_word is None and f.i1 < len(tokens) and tokens[f.i1].low in AREA_OBJECTS | LOCAL_AREA_OBJECTS:
        return  # "struck seven regions": a count of territories, no figure of these kinds
    inherited = None
    if head_word == "others" and previous is not None and previous.kind == Kind.MUNITIONS:
        # "shot down 95 of 143 drones while disrupting 46 others": the same weapon
        inherited = previous.weapon
        f.kind = Kind.MUNITIONS
    if (
        head_word is None
        and previous is not None
        and previous.kind == Kind.MUNITIONS
        and (f.subset or (f.i1 < len(tokens) and tokens[f.i1].low in PLACE_PREPOSITIONS))
    ):
        # "33 drones, including 21 over the Belgorod region and eight over the Kursk region"
        inherited = previous.weapon
        f.kind = Kind.MUNITIONS
        if not f.subset and govern(tokens, f, MUNITION_TRIGGERS) is None:
            # "28 drones were destroyed: 14 in Kyiv Oblast, six in Sumy Oblast": a breakdown
            # with no verb of its own counts what its total counts
            f.weapon, f.measure, f.scope = inherited, previous.measure, "clause"
            return
        if f.subset:
            f.measure = previous.measure
            # "40 missiles, including 16 ballistic": the adjective narrows the class
            refined = munitions.weapon_class(tokens, f.i1, min(f.i1 + 2, len(tokens) - 1), default=inherited)
            f.weapon = refined
            f.scope = "clause"
            return
    if (
        head_word is None
        and previous is not None
        and previous.kind == Kind.MUNITIONS
        and f.kind is None
        and govern(tokens, f, MUNITION_TRIGGERS, adjacent_only=True) is not None
        and govern(tokens, f, CASUALTY_TRIGGERS, adjacent_only=True) is None
    ):
        # "Air defences downed 50 drones, and another 32 were lost in location"
        inherited = previous.weapon
        f.kind = Kind.MUNITIONS
    if (
        "of-carried" in f.flags
        and previous is not None
        and previous.kind == Kind.MUNITIONS
        and f.kind is None
    ):
        inherited = previous.weapon
        f.kind = Kind.MUNITIONS
    if (
        head_word in MUNITION_NOUNS
        or head_word in WEAPON_NAME_NOUNS
        or head_word in VEHICLE_NOUNS
        or f.kind == Kind.MUNITIONS
    ):
        f.kind = Kind.MUNITIONS
        f.weapon = inherited or munitions.weapon_class(
            tokens, f.i0, f.head if f.head is not None else f.i0, mods_end=f.mods_end
        )
        if f.is_total and f.total_of is not None:
            f.measure = munitions.TOTAL_MEASURE
        else:
            trig = govern(tokens, f, MUNITION_TRIGGERS)
            f.measure = munitions.measure_of(trig)
            if trig in PREPOSITION_TRIGGERS and _attack_repelled(tokens, f):
                f.measure = Measure.INTERCEPTED  # "thwarted an attack involving two drones"
            if f.measure == Measure.HIT and _object_is_area(tokens, f, trig):
                # "300 drones and 25 missiles struck eight regions" sizes the attack
                f.measure = Measure.LAUNCHED
            if "of-carried" in f.flags and f.measure is None:
                f.measure = None  # "52 of them" with no verb of its own states nothing
            if (
                f.measure is None
                and "relative" in f.flags
                and previous is not None
                and previous.kind == Kind.MUNITIONS
            ):
                f.measure = previous.measure  # "shot down 57 drones, 27 of them over Belgorod"
                f.scope = "clause"
            if f.subset and f.measure is None:
                f.measure = Measure.LAUNCHED
        phrase = {tokens[k].low for k in range(f.i0, (f.head or f.i0) + 1)}
        if "ukrainian" in phrase:
            f.flags.add("ukrainian-munition")
        elif phrase & RUSSIAN_MUNITION_WORDS:
            f.flags.add("russian-munition")  # "two out of three Russian drones": Ukraine was attacked
        f.scope = "clause" if f.measure != Measure.HIT else "context"
        return
    if (
        head_word is None
        and previous is not None
        and previous.kind == Kind.CASUALTIES
        and f.i0 > 0
        and tokens[f.i0 - 1].low in ("and", ",")
        and f.i1 < len(tokens)
        and tokens[f.i1].low in PLACE_PREPOSITIONS
    ):
        # "kill at least seven people in Kharkiv and three in Zaporizhzhia": the same noun and verb
        f.kind, f.measure, f.group, f.scope = Kind.CASUALTIES, previous.measure, previous.group, "clause"
        return
    if (
        head_word is None
        and previous is not None
        and previous.kind == Kind.DAMAGE
        and previous.measure == Measure.BUILDINGS_DAMAGED
        and f.i0 > 0
        and tokens[f.i0 - 1].low in ("and", ",")
        and f.i1 < len(tokens)
        and tokens[f.i1].low in BUILDING_DAMAGE_WORDS
    ):
        # "nine houses were destroyed and 30 damaged": the same noun
        f.kind, f.measure, f.unit, f.scope = Kind.DAMAGE, previous.measure, previous.unit, previous.scope
        return
    if (
        head_word in (None, "more", "others")
        and previous is not None
        and previous.kind == Kind.DAMAGE
        and f.i1 < len(tokens)
        and tokens[f.i1 if head_word is None else f.head].low in ("more", "others")  # type: ignore[index]
        and f.i0 > 0
        and tokens[f.i0 - 1].low in BUILDING_DAMAGE_WORDS | {"and", ","}
    ):
        # "destroyed nine houses and damaged 27 more": more of the same noun
        f.kind, f.measure, f.unit, f.scope = Kind.DAMAGE, previous.measure, previous.unit, previous.scope
        return
    # damage units first: "people" and "homes" may be power consumers, unless a casualty verb
    # governs the number ("killed three people … and cut power to 120,000 consumers")
    person = (
        head_word in PERSON_NOUNS and govern(tokens, f, CASUALTY_TRIGGERS, adjacent_only=True) is not None
    )
    d = None if person else damage.classify(tokens, f, head_word, lowered)
    if d is not None:
        if f.subset:
            return  # "1,000 buildings, including 700 homes": a part of a total
        f.kind = Kind.DAMAGE
        f.measure, f.unit, factor = d
        if f.measure == Measure.BUILDINGS_DAMAGED and f.value == 1 and f.qualifier != VAGUE:
            f.kind = None  # "a building", "one building": a building in the singular states no figure
            return
        # a converted figure keeps two decimals ("40 minutes" is 0.67 hours, "4 hectares" 40,000 sq m)
        f.value = round(f.value * factor, 2)
        f.low = round(f.low * factor, 2) if f.low is not None else None
        f.high = round(f.high * factor, 2) if f.high is not None else None
        f.scope = scope_of(f.measure)
        return
    if head_word in PERSON_NOUNS or head_word is None:
        if f.is_total:
            return
        if "relative" in f.flags:
            return  # "18 people were injured, 15 of them hospitalized": a part of a total
        if (
            head_word is None
            and f.subset
            and previous is not None
            and previous.kind == Kind.CASUALTIES
            and _own_place_follows(tokens, f)
        ):
            # "killed six people, including three in Dnipro": the part keeps the total's noun and verb
            f.kind, f.measure, f.group, f.scope = Kind.CASUALTIES, previous.measure, previous.group, "clause"
            f.flags.add("located-part")
            return
        trig = govern(tokens, f, CASUALTY_TRIGGERS, adjacent_only=head_word is None)
        if trig is None or casualties.lumped(tokens, f):
            return
        if trig.startswith("hospital"):
            f.flags.add("hospital")  # (after an injured total, those in hospital are some of them)
        if f.subset and not _own_place_follows(tokens, f):
            return  # "including seven children": a part of a total, not a fact
        if f.subset:
            f.flags.add("located-part")  # "killing four people, including two civilians in Odesa"
            f.scope = "clause"
        f.kind = Kind.CASUALTIES
        f.measure = CASUALTY_TRIGGERS[trig]
        f.group = casualties.group_of(tokens, f)
        if "located-part" not in f.flags:
            f.scope = "context"


# How far after a subset its own place may stand ("16 inmates killed in an airstrike on a
# prison in Zaporizhzhia").
MAX_SUBSET_PLACE_REACH = 10


def _own_place_follows(tokens: list[Token], f: Figure) -> bool:
    """ "two civilians in Odesa": a place preposition and a capitalised name after the figure,
    before any comma or further number."""
    for k in range(f.end_tok + 1, min(len(tokens) - 1, f.end_tok + 1 + MAX_SUBSET_PLACE_REACH)):
        t = tokens[k]
        if t.text in (",", ";", ".") or t.low[:1].isdigit() or t.clause != f.clause:
            return False
        if t.low in ("in", "at") and tokens[k + 1].text[:1].isupper():
            return True
    return False


def _twin(f: Figure, measure: str) -> Figure:
    """The same munition figure read as another measure ("all 29 drones were shot down": 29
    launched too), on the same number and words."""
    twin = Figure(
        q=f.q, sent=f.sent, i0=f.i0, i1=f.i1, head=f.head, kind=Kind.MUNITIONS, measure=measure, weapon=f.weapon,
        value=f.value, low=f.low, high=f.high, qualifier=f.qualifier, clause=f.clause, end_tok=f.end_tok,
        scope=f.scope,
    )  # fmt: skip
    twin.flags = set(f.flags)
    return twin


def _all_downed(tokens: list[Token], figs: list[Figure]) -> list[Figure]:
    """ "shot down all 29 drones" states two figures: 29 launched and 29 intercepted."""
    out = []
    for f in figs:
        if (
            f.kind == Kind.MUNITIONS
            and f.measure == Measure.INTERCEPTED
            and f.i0 > 0
            and tokens[f.i0 - 1].low == "all"
        ):
            out.append(_twin(f, Measure.LAUNCHED))
    return out


# "sent 40 drones toward the Kyiv region and that all of them were destroyed", "All were shot
# down", "air defences destroyed all of them": every one of the last munition total was
# intercepted. The passive form may name the noun ("all the drones were downed"); the active
# form takes "all" with a pronoun or a noun but no number ("all 17 drones" is ``_all_downed``).
_DOWN_VERB = r"(?:(?:shot|took|taken|brought)\sdown|destroyed|intercepted|downed|neutrali[sz]ed|eliminated)"
_ALL_OF_THEM = re.compile(
    r"\ball\s(?:of\s(?:them|these|those)\s|of\sthe\s(?P<pn>[a-z-]+)\s|(?:the\s)?(?P<pn2>[a-z-]+)\s)?"
    rf"(?:were|was|have\sbeen|had\sbeen)\s(?:successfully\s)?{_DOWN_VERB}\b"
    rf"|\b{_DOWN_VERB}\s(?:(?:them|these|those)\sall\b|all\s(?:of\s)?(?:them|these|those)\b"
    r"|(?:[^.;:]{1,60}?\sand\s)?all\s(?:of\s)?the\s(?P<an>[a-z-]+))"
)


_NOT_A_GROUP = frozenset({"people", "persons", "others", "more", "residents"})


def _breakdowns(tokens: list[Token], figs: list[Figure]) -> None:
    """ "Three people died in Sumy, a man and two women": who the figure before were, after a
    comma with no verb of their own, is a part of it, not more people."""
    for f, g in zip(figs, figs[1:], strict=False):
        if (
            f.kind != Kind.CASUALTIES
            or g.kind != Kind.CASUALTIES
            or f.measure != g.measure
            or g.value > f.value
            or g.head is None
            or tokens[g.head].low not in PERSON_NOUNS
            or tokens[g.head].low in _NOT_A_GROUP
        ):
            continue
        k = g.i0 - 1
        if g.subset:
            continue  # "killing four, including two civilians in Odesa": a part the rules keep
        while (
            k > f.end_tok
            and g.i0 - k <= 4
            and tokens[k].low.isalpha()
            and tokens[k].low not in CASUALTY_TRIGGERS
            and tokens[k].low not in SUBSET_WORDS
        ):
            k -= 1  # ", a man and two women"
        if tokens[k].text not in (",", ":", "—", "–"):
            continue
        between = tokens[f.end_tok + 1 : k]
        if any(t.start in (q.q.start for q in figs) or t.low[:1].isdigit() for t in between):
            continue
        if govern(tokens, g, CASUALTY_TRIGGERS, adjacent_only=True) is not None:
            continue  # ", two women were injured": a statement of its own
        g.subset = True
        g.kind = None


def _list_parts(figs: list[Figure]) -> None:
    """ "The occupiers used 17 Geran-2 drones, 4 Lancet UAVs and 9 FPV drones": figures of one
    measure and class in one sentence are parts of its count (they add up), not restatements;
    so are damage figures ("27 apartment blocks, two schools and a kindergarten were damaged")."""
    seen: dict[tuple, list[Figure]] = {}
    for f in figs:
        if (
            f.kind in (Kind.MUNITIONS, Kind.DAMAGE)
            and f.measure
            and f.qualifier != VAGUE
            and not (f.subset or f.is_total or f.total_of is not None)
        ):
            seen.setdefault((f.kind, f.measure, f.weapon, f.unit), []).append(f)
    for group in seen.values():
        if len(group) > 1 and len({g.value for g in group}) == len(group):
            for g in group:
                g.flags.add("additive")


# Words that only open a list, after the clause that says what its items count.
_LIST_OPENERS = SUBSET_WORDS | {
    "them",
    "of",
    "which",
    "whom",
    "in",
    "particular",
    "namely",
    "as",
    "follows",
    ":",
    "-",
}


def list_lead(tokens: list[Token], sentence_text: str) -> tuple[str, str, str | None] | None:
    """(kind, measure, unit) that a line opening a list counts: a munition verb's measure
    ("Radio-technical troops detected and tracked:", "air defence shot down or suppressed:":
    the first trigger's), or a power cut ("consumers are without power in:")."""
    if not sentence_text.rstrip().endswith(":"):
        return None
    # the words before the colon, after the sentence's last comma ("As a result of the
    # attack, consumers are without power in:")
    comma = max((k for k, t in enumerate(tokens) if t.text == ","), default=-1)
    if not all(t.low in _LIST_OPENERS for t in tokens[comma + 1 :]):
        # (the clause after the comma only opens the list — "…, among them:" — so the clause
        # before it counts: "more than 520,000 consumers were without power, among them:")
        tokens = tokens[comma + 1 :]
    for t in tokens:
        if t.low in MUNITION_TRIGGERS and t.low not in PREPOSITION_TRIGGERS:
            measure = munitions.measure_of(t.low)
            return (Kind.MUNITIONS, measure, None) if measure else None
    words = {t.low for t in tokens}
    units = [POWER_UNITS[t.low] for t in tokens if t.low in POWER_UNITS]
    if units and words & POWER_WORDS and words & damage.OUTAGE_WORDS:
        return Kind.DAMAGE, Measure.POWER_OUTAGE, units[0]
    return None


def restates_all(lowered: str) -> bool:
    """Whether a sentence says that all of a munition total were downed ("All of them were
    shot down"): it has a figure even without a number of its own."""
    return _ALL_OF_THEM.search(lowered) is not None


def _all_of_them(lowered: str, figs: list[Figure], before: list[Figure]) -> list[Figure]:
    """The intercepted twin of the last launched total (the sentence's, else the sentence
    before's: ``before``), when the sentence says all of them were downed."""
    m = _ALL_OF_THEM.search(lowered)
    if m is None:
        return []
    munition = [f for f in figs if f.kind == Kind.MUNITIONS]
    if not any(f.measure == Measure.LAUNCHED for f in munition):
        munition[:0] = [f for f in before if f.kind == Kind.MUNITIONS and f.measure == Measure.LAUNCHED]
    noun = m.group("pn") or m.group("pn2") or m.group("an")
    if noun is not None and (noun in ALL_OF_DRONE_NOUNS or noun.rstrip("s") in ALL_OF_FAMILY_NOUNS):
        # "all of the Shaheds": only the drone total ("took down 5 Kinzhals and all of the Shaheds")
        drone = noun in ALL_OF_DRONE_NOUNS or noun.rstrip("s") in ALL_OF_DRONE_NOUNS
        munition = [f for f in munition if (f.weapon == Weapon.DRONE) == drone]
    totals = [f for f in munition if f.measure == Measure.LAUNCHED]
    if not totals or any(f.measure == Measure.INTERCEPTED for f in munition):
        return []
    out = []
    for total in totals:  # "36 drones and four missiles … all of them were shot down": each
        twin = _twin(total, Measure.INTERCEPTED)
        twin.flags.add("all-of-them")
        out.append(twin)
    return out


def _merge_composites(tokens: list[Token], figs: list[Figure]) -> None:
    """ "Three women and five men were killed": one figure of 8."""
    for a, b in zip(figs, figs[1:], strict=False):
        if a.kind != Kind.CASUALTIES or b.kind != Kind.CASUALTIES or a.measure != b.measure or a.head is None:
            continue
        between = [t.low for t in tokens[a.head + 1 : b.i0]]
        if between in (["and"], [","], [",", "and"]):
            a.value += b.value
            a.low = a.low + b.value if a.low is not None else None
            a.end_tok = b.end_tok
            a.group = "people"
            b.kind = None


# "a woman was killed", "an elderly man was injured", "a child is killed": a person in the
# singular counts (SCHEMA.md). The person nouns and their modifiers are shared by every form.
_PERSON_SINGULAR = (
    r"(woman|man|child|boy|girl|person|civilian|resident|teenager|pensioner|driver|rescuer|soldier|pilot|"
    r"policeman|firefighter|worker|employee|journalist|medic|doctor|nurse|guard|security\s+guard|farmer|volunteer|"
    r"paramedic|serviceman|official|priest|student|pedestrian|cyclist|passer-by|infant|baby|toddler|"
    r"teenage\s+boy|teenage\s+girl|police\s+officer|officer|motorist|passenger|citizen|national|inmate|"
    r"wife|husband|son|daughter|mother|father|brother|sister|grandmother|grandfather|neighbour|neighbor|"
    r"colleague|electrician|engineer|mechanic|teacher|seller|vendor|conductor|courier|fisherman|shopkeeper)"
)
_AGE = r"(?:[\w-]{1,20}-year-old|[\w-]{1,20}-month-old|elderly|young|local|teenage|pregnant|british|foreign|ukrainian|russian|civilian|male|female|retired)"
_SINGULAR = re.compile(
    # ("the 43-year-old driver": a person the report has not counted yet, known by their age;
    # "The driver was injured" opening a sentence: the one its story is about)
    r"(?:\b(?:[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Tt]he(?=\s+[\w-]{1,20}-(?:year|month)-old))|^\s*The)\s+(?:(?:"
    + _AGE
    + r"|[A-Z][\w-]{0,20})\s+){0,2}"
    + _PERSON_SINGULAR
    # (", a security guard at the warehouse,": who they were, set off by commas; ", 58,":
    # their age)
    + r"(?:,\s+(?:(?:an?|the)\s+[^,.;]{2,60}|(?:aged\s+)?\d{1,3})\s*,)?\s+"
    r"(?:(?:was|is|has\s+been|had\s+been)\s+(?:\w+\s+)?(killed|injured|wounded|hurt)|(?:later\s+)?(died|dies)"
    r"|(?:sustained|suffered|received)\s+(?:[\w-]+\s+){0,2}(injuries|wounds|injury))\b"
)
# "Russian shelling killed a 55-year-old man", "killing a two-year-old girl", "killing a
# railway worker" (a noun before the person's): the active voice; "the death of a civilian".
_SINGULAR_OBJECT = re.compile(
    r"\b(?:killed|killing|kills|injured|injuring|injures|wounded|wounding|wounds|death\s+of)\s+(?:an?|the|his|her|their|another)\s+(?:(?:(?:"
    + _AGE
    + r"|[a-z]{3,15})\s+){0,2}"
    + _PERSON_SINGULAR
    # "killed a 7-year-old and injured 11": an age alone is a person
    + r"|([\w-]{1,20}-(?:year|month)-old)(?=\s*(?:[,.;]|and\b|in\b|on\b|at\b|when\b|after\b)))\b"
)
# "Dylan Example, a journalist for a news agency, was wounded": a person named with who they
# are, in the singular.
_NAMED_PERSON = re.compile(
    r"\b([A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+){1,2}),\s(?:an?|the)\s[^,]{2,60},\s"
    r"(?:was|is|has\s+been|had\s+been)\s(?:(?!reportedly|allegedly|possibly)\w+\s)?(killed|injured|wounded|hurt)\b"
)
_MILITARY = re.compile(
    r"\b(?:general|colonel|major|commander|officer|soldier|army|corps|brigade|battalion|regiment|troops|"
    r"fighter|marine|sergeant|lieutenant|captain)\b",
    re.IGNORECASE,
)
# "his wife and neighbour were injured": two persons in the singular, joined.
_PAIR = re.compile(
    r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Aa]n?)\s+(?:(?:"
    + _AGE
    + r")\s+)?"
    + _PERSON_SINGULAR
    + r"\s+and\s+(?:(?:his|her|their|an?)\s+)?(?:(?:"
    + _AGE
    + r")\s+)?"
    + _PERSON_SINGULAR
    + r"\s+(?:were|have\s+been|had\s+been)\s+(?:\w+\s+)?(killed|injured|wounded|hurt)\b"
)
# "One woman was killed and another injured": "another" counts one more of the same noun.
_ANOTHER = re.compile(
    r"\b(?:killed|injured|wounded)\s+and\s+(another)\s+(?:was\s+|were\s+|is\s+)?(injured|wounded|hurt|killed)\b"
)


_VERB_BASE = {
    "died": "killed",
    "dies": "killed",
    "killed": "killed",
    "killing": "killed",
    "kills": "killed",
    "death": "killed",
    "injured": "injured",
    "injuring": "injured",
    "injures": "injured",
    "wounded": "wounded",
    "wounding": "wounded",
    "wounds": "wounded",
    "injuries": "injured",
    "injury": "injured",
}


def _singular_casualties(tokens: list[Token], text: str, sent: int, figs: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    base = tokens[0].start if tokens else 0
    for rx, grp in ((_SINGULAR, 1), (_ANOTHER, 1), (_SINGULAR_OBJECT, 1), (_NAMED_PERSON, 1), (_PAIR, 1)):
        for m in rx.finditer(text):
            if rx is _NAMED_PERSON and _MILITARY.search(text[max(0, m.start() - 30) : m.end()]):
                continue  # "Major General X, the deputy commander of …, was killed": a loss at war
            # the person's noun, or the age alone ("killed a 7-year-old")
            at = 2 if rx is _SINGULAR_OBJECT and m.group(1) is None else grp
            start = base + m.start(at)
            end = base + m.end(at)
            if rx is _SINGULAR_OBJECT:
                verb = _VERB_BASE[m.group(0).split()[0].lower()]
            elif rx is _PAIR:
                verb = _VERB_BASE.get(m.group(3), m.group(3))
            else:
                verb = next(g for g in m.groups()[grp:] if g)  # "was killed", "died", "sustained injuries"
                verb = _VERB_BASE.get(verb, verb)
            value = 2.0 if rx is _PAIR else 1.0
            q = Quantity(start, end, m.group(at), value, singular=True)
            i0 = next((i for i, t in enumerate(tokens) if t.start >= start), 0)
            f = Figure(
                q=q,
                sent=sent,
                i0=i0,
                i1=i0 + 1,
                value=value,
                kind=Kind.CASUALTIES,
                measure=CASUALTY_TRIGGERS[verb],
            )
            f.clause = tokens[i0].clause if tokens else 0
            f.end_tok = i0
            f.group = "people" if rx in (_ANOTHER, _NAMED_PERSON, _PAIR) else m.group(at)
            if rx is _ANOTHER or (rx is _SINGULAR_OBJECT and " another " in m.group(0).lower()):
                f.flags.add("additive")  # ("killed another civilian": one more)
            if rx is _SINGULAR and m.group(0).lstrip().startswith("The"):
                f.flags.add("definite")  # (the stage asks whether the report named them before)
            out.append(f)
    return out
