"""Attribution: who a report says a statement comes from.

Takes ``sentences`` and adds ``attributions``: for each sentence, the source phrase as the
report writes it ("Ukraine's air force", "Governor Viacheslav Chaus", "regional
prosecutors"), found around a speech verb ("X said", "said X", "according to X",
"X reported on Telegram"). A pronoun source ("he said", "it added") takes the last named
source of the document, which is how wire copy continues a quotation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Attribution, Document, Sentence
from ..packs import pack_for

SPEECH_VERBS = (
    "said|says|say|reported|reports|stated|states|told|wrote|writes|announced|announces|added|adds|claimed|claims|claim|"
    "confirmed|confirms|confirm|posted|warned|warns|noted|notes|estimated|assessed|recorded|informed|"
    "declared|declares|specified|clarified|indicated|indicates|tweeted|tweets|explained|explains|revealed|reveals|saying|"
    "listed|lists"
)
# "X said": X is the run of words before the verb, back to a clause boundary.
_VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
_ACCORDING = re.compile(r"\b[Aa]ccording to (?:the )?")
# Lower-case words that open a source phrase ("regional officials said", "head of the
# regional administration Ivan Petrenko said").
SOURCE_OPENERS = frozenset(
    """
    the regional local officials emergency police authorities prosecutors governor rescuers head chief mayor
    spokesman spokeswoman spokesperson commander minister ministry military officials deputy acting
    southern northern eastern western central defence defense border
    """.split()
)


def _names_someone(phrase: str) -> bool:
    """A lower-case phrase that still names someone: a title and a capitalised name in it."""
    words = phrase.split()
    return len(words) > 1 and any(w[:1].isupper() for w in words[1:])


# The source of a statement that names no speaker ("according to preliminary data"): it
# ends the carry of an earlier source, and a fact takes no source from it.
UNNAMED = ""
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "who", "which", "that", "this"})
# words that end a source phrase when walking back from the verb
_STOP_BACK = frozenset(
    {"that", "and", "but", "while", "as", "after", "which", "who", "when", "because", "with", "where"}
)
# trailing words that describe the channel, not the source
_CHANNEL = re.compile(
    r"\s+(?:on|in|via|through)\s+(?:the\s+)?(?:messaging\s+app\s+)?(?:Telegram|Facebook|X|Twitter|social media|a statement|television|TV)\b.*$"
)
# Sources that name no speaker ("preliminary data", "reports"), and who shared them, if said.
_UNNAMED = re.compile(
    r"(?i:(?:the\s+)?(?:preliminary|initial|updated|latest|early|unconfirmed|local|media|official)?\s*"
    r"(?:data|information|reports?|figures|estimates|reporting)\b(?:\s+(?:shared|provided|released|published|issued|given)?\s*(?:by|from|of)\s+(.+))?)"
)
# A determiner or preposition before a speech verb makes it an adjective or a noun.
_NOT_VERB_BEFORE = re.compile(
    r"\b(?:an?|the|of|these|those|its|their|his|her|our|media|news|unconfirmed|such|preliminary|initial|latest|early)\s+$",
    re.IGNORECASE,
)
_PASSIVE = re.compile(
    r"\b(?:were|was|been|being|be|is|are)\s+(?:(?:also|further|later|previously|earlier|\w+ly)\s+)?$"
)
# "This was reported by the Minister of Internal Affairs Ihor Klymenko": the agent after "by".
_BY_AGENT = re.compile(r"(?:\s+(?:on|in|via)\s+(?:the\s+)?[A-Z][\w-]+)?\s+by\s+")
_APPOSED_NAME = re.compile(r",\s+(?:[A-Z][\w’'-]+\s?){1,4}(?=[.;,]|$)")
# A person's name set off by commas after a title ("the head of the police, Petro Marchenko,"):
# two to four capitalised words (one alone may be a place: "according to police, Kyiv, …").
_APPOSED_PERSON = re.compile(r",\s+[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){1,3}(?=,)")
# A sentence that attributes what came before it: "This was reported by X", "X announced this".
_RETROSPECTIVE = re.compile(
    rf"^\W*(?:this|that|it)\s+(?:was|has\s+been|had\s+been|is)\s+(?:{SPEECH_VERBS})\b"
    rf"|\b(?:{SPEECH_VERBS})\s+(?:this|that)\s*(?:[.,;]|on\b|in\b|via\b|$)",
    re.IGNORECASE,
)
_WORD_BACK = re.compile(r"[\w’'.-]+\s*$")


# Words set off by commas between a source and its verb that are no part of it.
_CONNECTIVES = frozenset(
    {
        "meanwhile", "however", "too", "also", "separately", "though", "moreover", "instead", "again",
        "later", "in turn", "for its part", "for their part", "for his part", "for her part", "in addition",
    }
)  # fmt: skip
# An appositive between a name and its verb holds at most this many words ("Yuriy Malashko,
# the regional governor of Zaporizhzhia, said").
MAX_APPOSITIVE_WORDS = 9


def _appositive_source(text: str, start: int, verb_at: int) -> tuple[int, str] | None:
    """ "Yuriy Malashko, the regional governor of Zaporizhzhia, said" and "The Governor of
    Kharkiv Oblast, Oleh Synyehubov, reports": the name and the appositive that a comma
    closes right before the verb, as one source."""
    close = verb_at
    while close > start and text[close - 1] == " ":
        close -= 1
    if close <= start or text[close - 1] != ",":
        return None
    open_ = text.rfind(",", start, close - 1)
    if open_ <= start:
        return None
    appositive = text[open_ + 1 : close - 1].strip()
    words = appositive.split()
    if appositive.lower() in _CONNECTIVES:  # "Russian authorities, meanwhile, said"
        return _source_before(text, start, open_, appositive=False)
    if (
        not words
        or len(words) > MAX_APPOSITIVE_WORDS
        or _VERB.search(appositive)
        or '"' in appositive
        or "“" in appositive
    ):
        return None
    head = _source_before(text, start, open_, appositive=False)
    if head is None:
        return None
    return head[0], f"{head[1]}, {appositive}"


# Words in -ly that are nouns, not adverbs ("the family said").
_LY_NOUNS = frozenset(
    {"family", "assembly", "ally", "italy", "july", "supply", "rally", "anomaly", "monopoly"}
)


# Words between a speaker and the verb ("Kushnir also said", "the ministry has said"); adverbs
# in -ly ("reportedly", "initially") are ``_adverb``'s.
_BEFORE_VERB = frozenset({"also", "later", "had", "has", "have"})


def _adverb(word: str) -> bool:
    """ "Governor Kushnir initially said": an adverb between a speaker and the verb."""
    return word.islower() and len(word) >= 6 and word.endswith("ly") and word not in _LY_NOUNS


def _source_before(text: str, start: int, verb_at: int, appositive: bool = True) -> tuple[int, str] | None:
    """The source phrase that ends right before the speech verb at ``verb_at``."""
    if appositive:
        found = _appositive_source(text, start, verb_at)
        if found is not None:
            return found
    words: list[tuple[int, str]] = []
    pos = verb_at
    while pos > start and len(words) < 9:
        # step back over whitespace
        end = pos
        while end > start and text[end - 1] == " ":
            end -= 1
        if end <= start or not (text[end - 1].isalnum() or text[end - 1] in "’'.-"):
            break
        b = end
        while b > start and (text[b - 1].isalnum() or text[b - 1] in "’'-."):
            b -= 1
        word = text[b:end]
        if not any(ch.isalpha() for ch in word):
            break  # "09:15 - The city administration says": a time stamp or a dash ends it
        if word.lower() in _STOP_BACK or word.lower() in _BEFORE_VERB or _adverb(word):
            if words:
                break
            pos = b
            continue
        words.append((b, word))
        pos = b
    if not words:
        return None
    words.reverse()
    phrase = " ".join(w for _, w in words).strip(" .")
    if not phrase or phrase.lower() in PRONOUNS or phrase.split()[-1].lower() in PRONOUNS:
        return None  # ("By midday he said": the speaker named before)
    return words[0][0], phrase


# What an attack is made of, never who speaks: "The strike claimed the lives of five".
NOT_SPEAKERS = frozenset(
    """
    strike strikes attack attacks shelling bombardment missile missiles drone drones explosion explosions
    blast blasts fire shell shells rocket rockets bomb bombs debris
    """.split()
)


_PRONOUNS = frozenset({"him", "her", "them", "it", "he", "she", "they"})


def _phrase_end(text: str, s: int, end: int) -> int:
    """Where a source phrase that starts at ``s`` ends: at the next comma, stop, semicolon,
    bracket or line break ("according to X, …", "by X.", "citing X;")."""
    e = s
    while e < end and text[e] not in ",.;(\n":
        e += 1
    return e


def _clean(phrase: str) -> str:
    phrase = _CHANNEL.sub("", phrase)
    phrase = phrase.strip(' ,."“”')
    words = phrase.split()
    if words and words[-1].lower() in NOT_SPEAKERS:
        return ""
    return phrase


# "DTEK: In the Kyiv region, 53,000 families are without electricity": a paragraph an
# organisation's name labels is its statement. The label is an acronym or names a body (a
# place labels a list item: "Kharkiv: a drone hit a house"; outlets' labels name no one).
# (lower-case words a body's name may hold: "Air force:", "Head of the Odesa regional military
# administration Maksym Bilous:")
_LABEL_LOWER = "regional|city|military|state|district|emergency|air|force|forces|service|administration|ministry|police|office|command|council|company"
_LABEL_NAME = (
    rf"[A-Z][\w’'&.-]*(?:\s(?:of\s|the\s|for\s){{0,2}}(?:[A-Z][\w’'&.-]*|(?:{_LABEL_LOWER})\b)){{0,8}}"
)
# A live blog's entry opens with its time ("07:10 - DTEK: …", "08:00 Air force: …").
_ENTRY_TIME = r"(?:(?:[01]?\d|2[0-3])[:.][0-5]\d\s*(?:[-–—|]\s*)?)?"
_LABEL = re.compile(rf"\s*{_ENTRY_TIME}(?:[-–•*]\s*)?({_LABEL_NAME}):\s+(?=\S)")
# A person's title opening a label ("Governor Serhii Lysak: …"), in live blogs and digests.
_LABEL_TITLES = frozenset(
    {"governor", "mayor", "head", "president", "minister", "spokesperson", "spokesman", "spokeswoman"}
)
# An outlet's own labels in capitals ("LIVE: …", "UPDATE: …"): no speaker.
_OUTLET_LABELS = frozenset(
    """
    LIVE UPDATE UPDATED UPDATES BREAKING WATCH VIDEO VIDEOS PHOTO PHOTOS READ MORE NOTE NB EDITOR EDITORS
    CORRECTION ANALYSIS OPINION EXCLUSIVE FACTBOX EXPLAINER TIMELINE RECAP WARNING ALERT URGENT FLASH
    KYIV KIEV MOSCOW ODESA KHARKIV LVIV DNIPRO SUMY KHERSON
    """.split()
)
_BODY_WORDS = frozenset(
    """
    ministry service administration command force forces police office company council committee
    headquarters agency ukrenergo ukrzaliznytsia naftogaz energoatom dtek ukrnafta
    """.split()
)


def _organisation_label(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    m = _LABEL.match(text, start, end)
    if m is None:
        return None
    return (m.start(1), m.end(1), m.group(1)) if _names_a_speaker(m.group(1)) else None


def _names_a_speaker(name: str) -> bool:
    """Whether a label's name is a body or a titled person: an acronym (not an outlet's own
    label), a name with a body's word, or a title and a name ("Governor Serhii Lysak")."""
    words = name.split()
    acronym = len(words) == 1 and name.isupper() and 2 <= len(name) <= 8 and name not in _OUTLET_LABELS
    if acronym or any(w.lower().strip(".,") in _BODY_WORDS for w in words):
        return True
    return len(words) >= 2 and words[0].lower() in _LABEL_TITLES


_TITLE_LINE = re.compile(rf"\s*({_LABEL_NAME}):(?:\s+\S|\s*$)")


def _issuer(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The body a release's title line names before a colon ("State Emergency Service of
    Ukraine: rescuers extinguish a fire")."""
    m = _TITLE_LINE.match(text, start, end)
    if m is None or len(m.group(1)) > 81 or not _names_a_speaker(m.group(1)):
        return None
    return m.start(1), m.end(1), m.group(1)


# A release whose title line is its issuer's name and nothing else ("State Emergency Service of
# Ukraine", then the release): the name ends with a body's word, or with "of" and a place; a
# channel may follow it ("Kharkiv Regional Military Administration | Telegram").
_ISSUER_ONLY = re.compile(
    r"\s*((?:[A-Z][\w’'&.-]*\s){0,5}[A-Z][\w’'&.-]*(?:\s(?:of|for)\s(?:the\s)?[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*)?)?)"
    r"(\s*[|•·–—-]\s*(?:Telegram|Facebook|Viber|Instagram|X)(?:\s+channel)?)?\s*$"
)
# ... or, before a channel, a titled person ("Belgorod region governor Pavel Ryabtsev | Telegram")
_TITLED_ON_CHANNEL = re.compile(
    r"\s*((?:[A-Z][\w’'-]*\s){0,3}(?:[a-z]+\s){0,2}(?:[Gg]overnor|[Mm]ayor|[Hh]ead)\s(?:[A-Z][\w’'-]*\s?){2,3}?)"
    r"\s*[|•·–—-]\s*(?:Telegram|Facebook|Viber|Instagram|X)(?:\s+channel)?\s*$"
)


def _issuer_only(text: str, sentence: Sentence) -> tuple[int, int, str] | None:
    if not sentence.heading:
        return None
    if (t := _TITLED_ON_CHANNEL.match(text, sentence.start, sentence.end)) is not None:
        return t.start(1), t.start(1) + len(t.group(1).rstrip()), t.group(1).rstrip()
    m = _ISSUER_ONLY.match(text, sentence.start, sentence.end)
    if m is None:
        return None
    name = m.group(1)
    head = re.split(r"\s(?:of|for)\s", name)[0].split()
    # ("DTEK Odesa Electric Networks": a company known by its acronym)
    acronym = not name.isupper() and any(
        w.isupper() and 2 <= len(w) <= 8 and w not in _OUTLET_LABELS for w in head
    )  # (a heading in capitals, "SITUATION OVERVIEW", is no name)
    if not (acronym or head[-1].lower() in _BODY_WORDS) or any(
        w.lower() in NOT_SPEAKERS for w in name.split()
    ):
        return None  # "Russian Missile Strike Hits Power Company" is a headline, not an issuer
    return m.start(1), m.end(1), name


def find_byline(text: str, sentences: Sequence[Sentence]) -> tuple[int, int, str, int] | None:
    """The author a post or release names for all of it, as (start, end, source, sentence):
    its first line ("Oleh Petrenko, head of the regional administration, on Telegram:"), an
    outlet's "Source: …" line, or the body a release's title names ("Ukrenergo: situation in
    the power system")."""
    if not sentences:
        return None
    first = sentences[0]
    m = _BYLINE.match(text, first.start, first.end)
    at = 0
    if m is None:
        at, m = next(
            ((k, sm) for k, s in enumerate(sentences) if (sm := _SOURCE_LINE.match(text, s.start, s.end))),
            (0, None),
        )
    author = _clean(m.group("who")) if m and _names_someone(m.group("who")) else ""
    if m and author:
        return m.start("who"), m.start("who") + len(author), author, at
    if m is None and (issuer := _issuer(text, first.start, first.end)) is not None:
        return issuer[0], issuer[1], issuer[2], 0
    if m is None and len(sentences) > 1 and (issuer := _issuer_only(text, first)) is not None:
        return issuer[0], issuer[1], issuer[2], 0
    return None


def find_label(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """A one-word label opening a sentence ("Lysak: the number of injured rose to 5"): a
    speaker's surname when the report named them before (the stage decides)."""
    m = _LABEL.match(text, start, end)
    if m is None or " " in m.group(1):
        return None
    return m.start(1), m.end(1), m.group(1)


def find_sources(text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """(start, end, source) for each attribution in ``text[start:end]``; source None for a pronoun."""
    out: list[tuple[int, int, str | None]] = []
    label = _organisation_label(text, start, end)
    if label is not None:
        return [label]
    lead = _LEADING_CITING.match(text, start, end)
    if lead:  # "Citing the regional police, Reuters said …"
        phrase = _clean(lead.group(1))
        if phrase and not _UNNAMED.fullmatch(phrase):
            out.append((lead.start(1), lead.start(1) + len(phrase), phrase))
    for m in _ACCORDING.finditer(text, start, end):
        s = m.end()
        e = _phrase_end(text, s, end)
        # "according to preliminary reports shared by the Ukrainian authorities": the speaker
        # is whoever shared them; "according to preliminary data" names none
        unnamed = _UNNAMED.match(text, s, e)
        if unnamed:
            if not unnamed.group(1):
                out.append((m.start(), e, UNNAMED))
                continue
            s = unnamed.start(1)
        name = _APPOSED_PERSON.match(text, e, end)
        if name:  # "according to the head of the regional administration, Petro Marchenko, …"
            e = name.end()
        phrase = _clean(text[s:e])
        if phrase.lower() in _PRONOUNS:
            out.append((s, e, None))  # "according to him": the speaker named before
        elif phrase:
            out.append((s, s + len(phrase), phrase))
    for m in _VERB.finditer(text, start, end):
        if _PASSIVE.search(text, max(start, m.start() - 24), m.start()):
            by = _BY_AGENT.match(text, m.end(), end)
            if by:  # "was reported by the regional police": the agent is the source
                s = by.end()
                e = _phrase_end(text, s, end)
                name = _APPOSED_NAME.match(text, e, end)
                if name:  # "by the head of the regional police, Petro Marchenko"
                    e = name.end()
                phrase = _clean(text[s:e])
                if phrase.lower().startswith("the "):
                    phrase, s = phrase[4:], s + 4
                if phrase and (phrase[0].isupper() or phrase.split(" ")[0].lower() in SOURCE_OPENERS):
                    out.append((s, s + len(phrase), phrase))
            continue  # "explosions were reported": no source named
        if _NOT_VERB_BEFORE.search(text, max(start, m.start() - 12), m.start()):
            continue  # "an estimated 35 wounded", "the sovereignty of states": not a verb of saying
        # ("…, and in Nikopol a woman was injured, said Serhii Lytvyn, head of …": a verb after
        # a comma with a name after it is the inverted form; what comes before is the report)
        # ("…, Halyna Moroz, told AFP": whom a speaker told follows "told")
        inverted = (
            m.group().lower() != "told"
            and text[max(start, m.start() - 2) : m.start()].strip() == ","
            and bool(
                re.match(
                    r"\s+(?:[A-Z][\w’'.-]*\s?){1,6}\s*(?:[,.;]|$)", text[m.end() : min(end, m.end() + 80)]
                )
            )
        )
        found = None if inverted else _source_before(text, start, m.start())
        if found:
            s, phrase = found
            phrase = _clean(phrase)
            if phrase and (
                phrase[0].isupper()
                or phrase.split(" ")[0].lower() in SOURCE_OPENERS
                or _names_someone(phrase)
            ):
                out.append((s, s + len(phrase), phrase))
                continue
        # inverted: ', said Governor X' / '"...," the air force said'
        after = m.end()
        tail = text[after : min(end, after + 80)]
        mt = re.match(r"\s+((?:[A-Z][\w’'.-]*\s?){1,6})", tail)
        if mt and text[max(start, m.start() - 2) : m.start()].strip() in {",", "”", '"'}:
            phrase = _clean(mt.group(1))
            if phrase:
                out.append((after + 1, after + 1 + len(phrase), phrase))
                continue
        if found is None:
            out.append((m.start(), m.end(), None))
    out.sort()
    return [_cited(text, a, end) for a in out]


_LEADING_CITING = re.compile(r"[\s\"“']*(?:Citing|Quoting)\s+(?:the\s+)?([^,.;(\n]{2,80}),")
# "Reuters reported, citing local officials": the outlet passes on someone else's figure.
_CITING = re.compile(r",?\s+(?:citing|quoting|with\s+reference\s+to|referring\s+to)\s+(?:the\s+)?")


def _cited(text: str, attribution: tuple[int, int, str | None], end: int) -> tuple[int, int, str | None]:
    """The attribution, or whom it cites right after its verb ("…, Reuters reported, citing
    local officials" -> "local officials")."""
    s, e, source = attribution
    if not source:
        return attribution
    verb = _VERB.match(text, e) or _VERB.match(text, e + 1)
    at = verb.end() if verb else e
    m = _CITING.match(text, at, end)
    if not m:
        return attribution
    c = m.end()
    phrase = _clean(text[c : _phrase_end(text, c, end)])
    if not phrase or _UNNAMED.fullmatch(phrase):
        return attribution
    return c, c + len(phrase), phrase


# Heads of a named body that a report repeats with "the" ("the ministry", "the agency").
ANAPHORIC_HEADS = frozenset(
    {"ministry", "agency", "service", "administration", "office", "governor", "mayor", "military", "command"}
)


def _introduced(source: str, by_word: dict[str, str]) -> str:
    """A surname alone ("Lysak said") is the source the report introduced in full before it
    ("Serhiy Lysak, the regional governor"), title and all: ``by_word`` maps each word of the
    sources named so far to the latest of them that has it."""
    words = source.split()
    if len(words) == 2 and words[0].lower() == "the" and words[1].lower() in ANAPHORIC_HEADS:
        # "the ministry said", after "the Russian Defense Ministry reported": the same speaker
        head = words[1].lower()
        return by_word.get(head, by_word.get(head.capitalize(), source))
    if len(words) != 1 or not source[:1].isupper():
        return source
    return by_word.get(source, source)


def _index(source: str, by_word: dict[str, str]) -> None:
    """Record ``source`` under each of its words (a one-word source introduces nobody)."""
    if len(source.split()) > 1:
        # its words, and its names as written ("O'Brien," -> "O'Brien")
        for w in {*re.findall(r"\w+", source), *(t.strip(",.;:") for t in source.split())}:
            by_word[w] = source
            if w.lower() in ANAPHORIC_HEADS:
                by_word[w.lower()] = source


# A post's first line naming its author: "Oleh Petrenko, head of the Kharkiv Regional Military
# Administration, on Telegram:", "The State Emergency Service reported:".
_BYLINE = re.compile(
    r"\s*(?P<who>[A-Z][^:\n]{2,160}?),?\s+(?:(?:wrote|posted|said|reported|writes|says)\s*"
    r"(?:(?:on|via|in)\s+(?:Telegram|Facebook|X|Twitter|Instagram|Viber))?|(?:on|via)\s+(?:Telegram|Facebook|Viber))\s*:\s*$"
)


# An outlet's line naming the source of its story: "Source: the State Emergency Service".
_SOURCE_LINE = re.compile(
    r"\s*Source:\s*(?P<who>[^\n]{2,160}?)(?:,?\s+(?:on|via)\s+(?:Telegram|Facebook|Viber|X))?\s*\.?\s*$"
)


class AttributionStage:
    """Adds ``attributions``: one per sentence that names (or continues) a source."""

    name = "attribution"
    requires = ("sentences",)
    assigns = ("attributions",)

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        out: list[Attribution] = []
        last: str | None = None
        # every word of the sources named so far, for "Lysak said" after "Serhiy Lysak, the governor"
        by_word: dict[str, str] = {}
        pack = pack_for(doc.lang)
        find_sources = pack.find_sources
        byline = pack.find_byline(text, doc.sentences) if pack.find_byline is not None else None
        if byline is not None:
            b_start, b_end, author, at = byline
            _index(author, by_word)
            out.append(Attribution(b_start, b_end, author, at, byline=True))
        for i, sent in enumerate(doc.sentences):
            if sent.heading:
                continue
            label = pack.find_label(text, sent.start, sent.end) if pack.find_label is not None else None
            if label is not None and label[2] in by_word:
                # "Lysak: the number of injured has risen to 5": a speaker named before, by surname
                last = by_word[label[2]]
                out.append(Attribution(label[0], label[1], last, i))
                continue
            for s, e, source in find_sources(text, sent.start, sent.end):
                if source == UNNAMED:
                    out.append(Attribution(s, e, UNNAMED, i))
                    break
                if source is None:
                    if last is None:
                        continue
                    source = last
                source = _introduced(source, by_word)
                _index(source, by_word)
                last = source
                retro = bool(_RETROSPECTIVE.search(text[sent.start : sent.end]))
                out.append(Attribution(s, e, source, i, retrospective=retro))
                break
        return doc.with_(attributions=tuple(out))
