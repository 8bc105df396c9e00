"""Every word list the extractor uses, in one place, as data.

Each table is keyed by the lower-cased word as it appears in text; tests load every entry
(tests/test_lexicon.py) so a typo here fails loudly instead of silently matching nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..vocabulary import Measure

# --- head nouns -------------------------------------------------------------------------

# Munitions: noun -> weapon class when the noun alone decides it.
MUNITION_NOUNS: dict[str, str] = {
    "drone": "drone",
    "drones": "drone",
    "uav": "drone",
    "uavs": "drone",
    "shahed": "drone",
    "shaheds": "drone",
    "geran": "drone",
    "gerans": "drone",
    "gerbera": "drone",
    "gerberas": "drone",
    "decoy": "drone",
    "decoys": "drone",
    "lancet": "drone",
    "lancets": "drone",
    "fpv": "drone",
    "missile": "missile",
    "missiles": "missile",
    "rocket": "missile",
    "rockets": "missile",
    "bomb": "guided_bomb",
    "bombs": "guided_bomb",
    "kab": "guided_bomb",
    "kabs": "guided_bomb",
    "aircraft": "aircraft",
    "bomber": "aircraft",
    "bombers": "aircraft",
    "warplanes": "aircraft",
    "jets": "aircraft",
    "planes": "aircraft",
    "fighters-bombers": "aircraft",
}
# "41 unmanned aerial vehicles": nouns that are munitions only after these modifiers.
VEHICLE_NOUNS: dict[str, str] = {"vehicles": "drone", "vehicle": "drone"}
DRONE_VEHICLE_MODIFIERS = frozenset({"aerial", "unmanned"})

# Words in a munition noun phrase that make its class more precise. Checked left to right
# over the phrase (and a few words after the head: "missiles, including 16 ballistic").
# Only a cruise or ballistic class narrows a head ("5 Kh-101 missiles"); an entry of another
# class is here because it may be coordinated with another ("5 Tu-95 and Tu-160 bombers",
# "S-300 and S-400 missiles"). A word that is neither (already a filler of NP_FILLERS or a
# head noun) changes nothing: tests/test_lexicon_outcomes.py fails for it.
WEAPON_MODIFIERS: dict[str, str] = {
    "cruise": "cruise_missile",
    "kh-101": "cruise_missile",
    "kh-555": "cruise_missile",
    "kh-55": "cruise_missile",
    "kalibr": "cruise_missile",
    "kh-59": "cruise_missile",
    "kh-69": "cruise_missile",
    "iskander-k": "cruise_missile",
    "x-101": "cruise_missile",
    "kh-22": "cruise_missile",
    "kh-32": "cruise_missile",
    "onyx": "cruise_missile",
    "oniks": "cruise_missile",
    "ballistic": "ballistic_missile",
    "iskander-m": "ballistic_missile",
    "kn-23": "ballistic_missile",
    "kinzhal": "ballistic_missile",
    "zircon": "ballistic_missile",
    "tsirkon": "ballistic_missile",
    "tochka": "ballistic_missile",
    "tochka-u": "ballistic_missile",
    "umpk": "guided_bomb",
    "kab": "guided_bomb",
    "s-300": "missile",
    "s-400": "missile",
    "tu-95": "aircraft",
    "tu-95ms": "aircraft",
    "tu-22m3": "aircraft",
    "tu-160": "aircraft",
    "mig-31": "aircraft",
    "mig-31k": "aircraft",
    "su-34": "aircraft",
    "su-35": "aircraft",
}

# Missile names that are nouns themselves ("fired three Kh-22s", "two Kalibrs were downed"):
# the name and its plural count as a head noun of that class.
WEAPON_NAME_NOUNS: dict[str, str] = {
    name + plural: cls
    for name, cls in WEAPON_MODIFIERS.items()
    if cls in ("cruise_missile", "ballistic_missile") and name not in ("cruise", "ballistic")
    for plural in ("", "s")
}
# "a Kalibr cruise missile attack on Lviv": a class named for the attack as a whole, with no
# number; later "missiles" of the report's paragraph are of that class ("seven of the ten missiles").
ATTACK_NOUNS = frozenset({"attack", "attacks", "strike", "strikes", "barrage", "bombardment", "salvo"})

# People: casualty heads; the head noun is the figure's group. "others" and "more" after a
# number are no heads: the figure's verb and the figure before it decide what it counts.
PERSON_NOUNS: frozenset[str] = frozenset(
    """
    people persons person civilians civilian residents resident children child kids minors minor
    teenagers teenager boys boy girls girl women woman men man adults adult soldiers soldier
    servicemen serviceman troops mercenaries fighters volunteers volunteer pilots pilot workers
    worker employees employee staff rescuers rescuer firefighters firefighter officers officer
    policemen policeman medics medic doctors doctor nurses nurse journalists journalist
    passengers passenger patients patient students student pupils citizens infants
    infant babies baby pensioners pensioner individuals guests miners farmers drivers
    driver elderly servicemembers personnel inmates inmate prisoners detainees police guards
    """.split()
)

# Damage heads: noun -> (measure, unit). "people" and "homes" are decided by the trigger.
POWER_UNITS: dict[str, str] = {
    "consumers": "consumers",
    "customers": "consumers",
    "subscribers": "consumers",
    "households": "households",
    "homes": "households",
    "people": "people",
    "residents": "people",
    "families": "households",
    "users": "consumers",
    "clients": "consumers",
    "apartments": "households",
    # "over 1,000 towns and villages were left without power": whole settlements cut off
    "settlements": "settlements",
    "towns": "settlements",
    "villages": "settlements",
    "localities": "settlements",
    "communities": "settlements",
}
SITE_NOUNS = frozenset(
    {
        "sites",
        "locations",
        "targets",
        "facilities",
        "objects",
        "places",
        "site",
        "location",
        "enterprises",
        "enterprise",
        "stations",
        "substations",
        "plants",
        "refineries",
        "depots",
    }
)
# Strikes counted as impacts ("15 hits in the city", "three missile strikes on Vinnytsia",
# "six air strikes"): munition hits of the phrase's weapon, or of the report's last munition.
HIT_NOUNS = frozenset({"hits", "strikes", "impacts", "airstrikes"})
BUILDING_NOUNS = frozenset(
    """
    buildings building houses house homes blocks high-rises high-rise dormitories warehouses
    warehouse schools school kindergartens hospitals churches garages structures dwellings
    cottages institutions shops stores outbuildings sheds barns hangars clinics universities
    """.split()
)
AREA_UNITS: dict[str, float] = {  # unit -> factor to square metres
    "sq m": 1.0,
    "sq. m": 1.0,
    "sq.m": 1.0,
    "square meters": 1.0,
    "square metres": 1.0,
    "m2": 1.0,
    "m²": 1.0,
    "hectares": 10_000.0,
    "hectare": 10_000.0,
    "ha": 10_000.0,
}
HOUR_NOUNS = frozenset({"hours", "hour"})
# Delays given in minutes are measured in hours (SCHEMA.md: rail_delay, unit hours).
MINUTE_NOUNS = frozenset({"minutes", "minute", "mins", "min"})
TRAIN_NOUNS = frozenset({"trains", "train", "services"})

# Words that say a site was hit ("missiles struck 14 locations").
HIT_WORDS = frozenset(
    {
        "hit",
        "hitting",
        "struck",
        "striking",
        "targeted",
        "damaged",
        "damaging",
        "attacked",
        "recorded",
        "strikes",
        "destroyed",
    }
)
# Words that say buildings were damaged ("damaged 20 apartment blocks").
BUILDING_DAMAGE_WORDS = frozenset(
    {
        "damaged",
        "damaging",
        "destroyed",
        "destroying",
        "hit",
        "struck",
        "targeted",
        "ruined",
        "collapsed",
        "damages",
        "shattered",
        "strike",
        "strikes",
    }
)


@dataclass(frozen=True, slots=True)
class DamageTrigger:
    """A damage measure read from a head noun and a word beside it: a figure whose head is
    one of ``heads`` is the measure when one of ``words`` stands in its ``window`` (its clause
    or its sentence), and no damage at all when none does. Tried in order, after the
    measures ``extract.damage`` reads with rules of their own (outages, fire area, rail)."""

    measure: str  # a measure of ``vocabulary.MEASURES``; the figure's unit is its first unit
    heads: frozenset[str]
    words: frozenset[str]
    window: Literal["clause", "sentence"] = "clause"


DAMAGE_TRIGGERS: list[DamageTrigger] = [
    DamageTrigger(Measure.SITES_HIT, SITE_NOUNS, HIT_WORDS),
    DamageTrigger(Measure.BUILDINGS_DAMAGED, BUILDING_NOUNS, BUILDING_DAMAGE_WORDS),
]

# Every noun that may head a figure ("502 drones", "12,000 consumers"): a number whose head is
# none of these is no figure. A set, not a frozenset: ``add_damage_trigger`` adds its heads.
HEAD_NOUNS: set[str] = (
    set(MUNITION_NOUNS)
    | set(WEAPON_NAME_NOUNS)
    | set(VEHICLE_NOUNS)
    | HIT_NOUNS
    | PERSON_NOUNS
    | set(POWER_UNITS)
    | SITE_NOUNS
    | BUILDING_NOUNS
    | HOUR_NOUNS
    | MINUTE_NOUNS
    | TRAIN_NOUNS
)


_BUILT_IN_HEADS = frozenset(HEAD_NOUNS)


def add_damage_trigger(trigger: DamageTrigger) -> None:
    """Read a damage measure (registered in ``vocabulary``) from ``trigger``'s words too."""
    DAMAGE_TRIGGERS.append(trigger)
    HEAD_NOUNS.update(trigger.heads)


def remove_damage_trigger(trigger: DamageTrigger) -> None:
    """Undo ``add_damage_trigger`` (heads another table still holds stay heads)."""
    DAMAGE_TRIGGERS.remove(trigger)
    others = {h for t in DAMAGE_TRIGGERS for h in t.heads}
    HEAD_NOUNS.difference_update(h for h in trigger.heads if h not in others and h not in _BUILT_IN_HEADS)


# Words that may stand between a number and its head noun ("23 Iranian-made Shahed drones").
# Anything capitalised or hyphenated may too; these are the lower-case ones.
NP_FILLERS = frozenset(
    """
    russian ukrainian iranian-made iranian north korean-made combat attack strike long range
    long-range short-range medium-range kamikaze other more additional residential apartment
    multi-storey multistorey private high-rise administrative educational medical storage
    industrial energy critical civilian civil infrastructure enemy hostile air-launched
    sea-launched ground-launched type types various guided aerial glide cruise ballistic
    hypersonic anti-aircraft jet-powered jet decoy unmanned aerial vehicles vehicle railway rail
    foreign special ex-special forces british local elderly young adult wounded injured
    seriously severely lightly critically ukrainian-made self-detonating imitator dummy
    strategic tactical heavy more than total overall all the of x high rise storey
    """.split()
)

# --- triggers -------------------------------------------------------------------------

MUNITION_TRIGGERS: dict[str, str] = {
    "launched": "launched",
    "launch": "launched",
    "launches": "launched",
    "launching": "launched",
    "fired": "launched",
    "fire": "launched",
    "firing": "launched",
    "fires": "launched",
    "used": "launched",
    "using": "launched",
    "sent": "launched",
    "attacked": "launched",
    "included": "launched",
    "deployed": "launched",
    "detected": "launched",
    "targeted": "launched",
    "targeting": "launched",
    "dropped": "launched",
    "dropping": "launched",
    "attacks": "launched",
    "attack": "launched",
    "involving": "launched",
    "involved": "launched",
    "with": "launched",
    "shot": "intercepted",
    "downed": "intercepted",
    "downing": "intercepted",
    "destroyed": "intercepted",
    "destroying": "intercepted",
    "intercepted": "intercepted",
    "intercepting": "intercepted",
    "neutralised": "intercepted",
    "neutralized": "intercepted",
    "repelled": "intercepted",
    "eliminated": "intercepted",
    "shooting": "intercepted",
    "downs": "intercepted",
    "hit": "hit",
    "hitting": "hit",
    "struck": "hit",
    "striking": "hit",
    "reached": "hit",
    "hits": "hit",
    "lost": "lost",
    "jammed": "lost",
    "disrupted": "lost",
    "disrupting": "lost",
    "suppressed": "lost",
    "redirected": "lost",
    "diverted": "lost",
    "failed": "lost",
    "disappeared": "lost",  # "23 disappeared from radar": lost to electronic warfare
    "vanished": "lost",
}

# "all of the Shaheds", "all the missiles": the noun after "all" picks its family's total
# (``figures._all_of_them``); singular stems, and the drone nouns among them.
ALL_OF_FAMILY_NOUNS = frozenset({"missile", "rocket", "drone", "shahed", "uav", "geran"})
ALL_OF_DRONE_NOUNS = frozenset(
    {"drone", "drones", "shahed", "shaheds", "uav", "uavs", "geran", "gerans", "gerbera"}
)

# Verbs that trigger only with the particle "down" ("took down 30 drones", "brought down
# five missiles"): with it the token reads as "downed" (``extract.text.tokenize``).
DOWN_PHRASAL_VERBS = frozenset("took take takes taken taking brought bring brings bringing".split())

CASUALTY_TRIGGERS: dict[str, str] = {
    "killed": "killed",
    "killing": "killed",
    "kills": "killed",
    "kill": "killed",
    "dead": "killed",
    "died": "killed",
    "dying": "killed",
    "deaths": "killed",
    "perished": "killed",
    "lives": "killed",
    "fatalities": "killed",
    "fatality": "killed",
    "bodies": "killed",
    "injured": "injured",
    "injuring": "injured",
    "injures": "injured",
    "injure": "injured",
    "wounded": "injured",
    "wounding": "injured",
    "wounds": "injured",
    "hurt": "injured",
    "hospitalised": "injured",
    "hospitalized": "injured",
    "hospital": "injured",
    "injuries": "injured",
    "hospitalisation": "injured",
    "hospitalization": "injured",
    "missing": "missing",
    "unaccounted": "missing",
}

# Words allowed between a noun phrase and the verb it is the subject of ("were reportedly killed").
AUXILIARIES = frozenset(
    """
    were was are is been be being have has had reportedly also later all reported confirmed
    officially then initially subsequently either later still now seriously severely slightly
    lightly critically in to locationally likely probably considered believed presumed feared listed
    """.split()
)

# Clause boundary words: a verb on the other side does not govern a number on this side.
# Casualty and munition verbs whose past form does not end in -ed: they too give a
# coordinated clause its own statement (``extract.text.STATEMENT_VERBS``).
IRREGULAR_STATEMENT_VERBS = frozenset({"hit", "shot", "struck", "lost", "hurt"})
# Verbs of an official reporting damage in their own region ("… head stated several
# establishments were struck"): their regional figure is the attack's (``extract.regions``).
DAMAGE_REPORT_VERBS = frozenset({"struck", "damaged", "hit", "destroyed", "shot", "downed"})
CLAUSE_WORDS = frozenset(
    {"that", "which", "who", "while", "whereas", "but", "although", "though", "when", "where", "whom"}
)

# Combined casualty words: "killed or injured", "casualties" state neither measure.
LUMPED = frozenset({"casualties", "casualty", "victims"})
# A person in the singular ("a woman was killed") needs no numeral: a sentence with one of
# these (as a substring) is read even when it has no number.
# (stems: "injured", "injuries", "an injury"; "wounded", "shrapnel wounds")
CASUALTY_HINTS = ("killed", "injur", "wound", "hurt", "died")

POWER_WORDS = frozenset(
    {
        "power",
        "electricity",
        "light",
        "lights",
        "blackout",
        "blackouts",
        "outage",
        "outages",
        "de-energised",
        "de-energized",
        "electric",
        "supply",
    }
)
OTHER_UTILITY_WORDS = frozenset({"heat", "heating", "water", "gas", "heat-supply"})
FIRE_WORDS = frozenset(
    {
        "fire",
        "fires",
        "flames",
        "blaze",
        "blazes",
        "burning",
        "burned",
        "burnt",
        "engulfed",
        "ablaze",
        "burn",
        "burns",
        # fire-fighting: "It was localised on an area of 150 square metres"
        "localised",
        "localized",
        "extinguished",
        "firefighters",
    }
)
# A figure for a whole region, though a town of it was named before ("injuring 11 across the region").
REGION_WIDE_MARKERS = (
    "across the region",
    "throughout the region",
    "across the oblast",
    "in the region as a whole",
    "across the province",
)
DELAY_WORDS = frozenset({"delay", "delays", "delayed", "late", "rerouted"})

# --- markers over a sentence or clause -----------------------------------------------

# A figure that adds to an earlier one of the same place and measure.
ADDITIVE_MARKERS = (
    "in a later",
    "in a separate",
    "in another attack",
    "in another strike",
    "a further",
    "later that day",
    "later in the day",
)
# A figure that replaces an earlier one ("the toll rose to 12").
UPDATE_MARKERS = (
    "rose to",
    "risen to",
    "climbed to",
    "increased to",
    "has reached",
    "reached",
    "later,",
    "later the",
    "later confirmed",
    "as of",
    "updated",
    "revised",
    "now stands",
    "latest",
)
# Cumulative or background figures: not today's attack.
HISTORICAL_MARKERS = (
    "since the start",
    "since the beginning",
    "since the war",
    "since the full-scale",
    "since february 2022",
    "since the invasion",
    "so far this year",
    "this year",
    "this month",
    "since then",
    "in total since",
    "since january",
    "since 2022",
    "since 2014",
    "to date",
    "since the escalation",
    "previous record",
    "the previous",
    "since july",
    "since last",
    "last year",
    "last summer",
    "last winter",
    "last spring",
    "last autumn",
    "last fall",
    "days after",
    "weeks after",
    "a week after",
    "a month after",
    "months after",
    "a day after",
    "the day after",
    "a day before",
    "days before",
    "weeks before",
    "weeks ago",
    "months ago",
    "years ago",
    "the following day",
    "the following days",
    "the next day",
    "days earlier",
    "week earlier",
    "earlier this month",
    "since 10",
    "since 1",
    "since 2",
    "since 3",
    "since 4",
    "since 5",
    "since 6",
    "since 7",
    "since 8",
    "since 9",
    "since october",
    "since september",
    "since august",
    "since june",
    "since may",
    "since april",
    "since march",
    "since november",
    "since december",
)
# Markers that make a whole sentence background.
SENTENCE_HISTORICAL_MARKERS = (
    "previous record",
    "the previous largest",
    "the previous biggest",
    "last year",
    "a year ago",
    "last month",
    # a figure compared with the month before is a month's total ("142 missiles, down from 210
    # the month before")
    "the month before",
    "the previous month",
    "a month earlier",
)
# A paragraph that opens with these recalls earlier events: every sentence of it is background
# ("Recall that on July 8 …", "As a reminder, …").
PARAGRAPH_BACKGROUND_OPENERS = (
    "recall",
    "as a reminder",
    "we remind",
    "we recall",
    "reminder:",
    "for reference",
    "as reported,",
    "as previously reported",
    "as was reported",
    "as we reported",
)
# "As Ukrinform reported earlier, …": a recap of an earlier report, whoever's.
REPORTED_EARLIER = re.compile(
    r"^as\s(?:[\w’'-]+\s){1,3}(?:reported|wrote|said)\s(?:earlier|previously|before)\b"
)
# Section headings whose sections recall other events ("==Background==", "## Context").
BACKGROUND_HEADINGS = frozenset(
    {
        "background",
        "context",
        "history",
        "prelude",
        "previous attacks",
        "earlier attacks",
        "previous strikes",
        "see also",
        "references",
    }
)
# A sentence that opens with these is background ("Previously, …", "Last month, …").
# ("Earlier this week" and "last week" are not: a weekly statement reports those attacks.)
SENTENCE_BACKGROUND_OPENERS = (
    "previously,",
    "in a previous",
    "in an earlier",
    "last month",
    "last year",
    # a month's totals ("Over the month, Russia launched about 6,100 drones")
    "over the month",
    "over the past month",
    "over the last month",
    "during the month",
    "in the past month",
)
# "Many of us previously condemned the strike on Odesa …": a past statement recalled.
RECALLED = re.compile(
    r"\b(?:previously|earlier)\s+(?:[a-z]+ed|condemned|reported|said|noted|seen|witnessed)\b"
    r"|\ba\s+similar\s+(?:attack|strike|raid)\b"  # "Last week, a similar attack on Izmail …"
)

# Deaths that are no casualties of an attack: bodies handed over, prisoners, losses at the
# front, the cold. A sentence with one of these states no casualty figure.
NOT_ATTACK_CASUALTIES = re.compile(
    r"\b(?:exchange[sd]?|repatriat\w*|prisoners?\s+of\s+war|prisoner\s+swap|handed\s+over\s+(?:the\s+)?(?:bodies|remains)|"
    r"bodies\s+of\s+(?:[\w,-]+\s+){0,3}(?:fallen|soldiers|servicem[ae]n|defenders|troops|fighters)|"
    r"(?:bodies|remains)\s+(?:[\w,-]+\s+){0,6}(?:were\s+|was\s+|have\s+been\s+)?(?:returned|repatriated|transferred|handed\s+over)|"
    r"hypothermia|froze\s+to\s+death|died\s+of\s+(?:the\s+)?cold)\b|"
    r"\b(?:killed|died|dead|fell|lost|wounded)\s+(?:\w+\s+){0,3}(?:at|on)\s+the\s+(?:front(?:\s*line)?|battlefield)\b|"
    r"\b(?:killed|died|wounded)\s+in\s+(?:combat|battle|action)\b"
)
# Work after an attack that is no damage or munition figure of it: demining, ordnance
# disposal ("pyrotechnicians destroyed 31 explosive objects").
NOT_ATTACK_WORK = re.compile(
    r"\b(?:demining|de-mining|pyrotechnic\w*|sappers?|explosive\s+objects?|unexploded|ordnance|mine\s+clearance)\b"
)
# The objects of "struck" that size an attack rather than count its hits ("300 drones and 25
# missiles struck eight regions": launched).
AREA_OBJECTS = frozenset(
    {
        "regions",
        "oblasts",
        "provinces",
        "cities",
        "towns",
        "country",
        "ukraine",
        "areas",
        "region",
        "oblast",
    }
)
# Parts of a place: "hit two districts of Kharkiv" counts where the hits fell, no figure (and
# the munitions hit, not launched at the country).
LOCAL_AREA_OBJECTS = frozenset(
    {"villages", "settlements", "communities", "districts", "neighbourhoods", "neighborhoods"}
)

# Speculation: not a stated figure.
HEDGES = ("may have", "might have", "could have", "potentially", "possibly", "feared", "could be", "may be")
# Habitual or generic statements name no specific attack.
GENERIC_MARKERS = (
    "repeatedly",
    "regularly",
    "routinely",
    "recent russian",
    "recent attacks",
    "often",
    "rarely",
    "usually",
    "in some cases",
    "at times",
    "sometimes",
)
NATIONAL_MARKERS = (
    "ukrainian cities",
    "cities across",
    "multiple cities",
    "several cities",
    "ukrainian regions",
    "towns and cities",
    "across the country",
    "across ukraine",
    "nationwide",
    "in total",
    "throughout ukraine",
    "all over ukraine",
    "across the nation",
    "in all,",
    "overall,",
    "across russia",
    "over russia",
    "over russian territory",
    "across multiple regions",
    "several regions",
)
NEGATIONS = (
    "no casualties",
    "no damage",
    "no injuries",
    "no one was",
    "no victims",
    "no civilian casualties",
    "no dead",
)

# --- the side attacked ------------------------------------------------------------------

# Ukrainian territory Russia has held since 2014 (SCHEMA.md: the side attacked is RU there).
RUSSIA_HELD_REGIONS = frozenset({"UA-40", "UA-43"})
# Ukraine as the attacker: "a Ukrainian missile attack", "Ukrainian drones struck", "Ukraine
# launches 20 drones", "airstrikes launched by Ukraine". Matched on the words of a clause.
UKRAINIAN_ATTACKER = (
    r"\bukrainian\s(?:[a-z-]+\s){0,2}(?:attacks?|strikes?|drones?|missiles?|shelling|bombardment|airstrikes?|uavs?)\b",
    r"\bukrainian\s(?:forces|army|military|troops|armed\sforces|navy|air\sforce)\s(?:launch|launched|launches|attack|attacked|attacks|strike|struck|strikes|fire|fired|fires|shell|shelled|shells|hit|hits)\b",
    r"\bukraine\s(?:launch|launched|launches|attack|attacked|attacks|strike|struck|strikes|fire|fired|fires|shelled|shells|hit|hits|targeted|targets)\b",
    r"\b(?:launched|fired|carried\sout|attacked|shelled)\sby\s(?:ukraine|ukrainian)\b",
)
# Words of a munition phrase that make Russia its launcher ("three Russian drones", "Iranian-made Shaheds").
RUSSIAN_MUNITION_WORDS = frozenset(
    {"russian", "iranian", "iranian-made", "shahed", "shaheds", "geran", "gerans", "geran-2"}
)
# Words of a source that speaks for Russia: its claims are Russia's (never merged with Ukraine's),
# and the drones it says were downed were downed over Russia.
RUSSIAN_SOURCE_WORDS = ("russia", "russian", "moscow", "kremlin", "tass", "ria novosti")
# A Ukrainian weapon that defends ("Ukrainian air defence shot down …") names no attacker.
UKRAINIAN_DEFENDER = r"\bukrainian\s(?:air\s(?:defen[cs]es?|force)|anti-aircraft|forces\s(?:shot|downed|intercepted|destroyed))\b"

# Place mentions that are not where the attack happened, by the word before them.
NON_ATTACK_PLACE_CONTEXT = frozenset(
    {
        "visit",
        "visited",
        "visiting",
        "trip",
        "travel",
        "travelled",
        "traveled",
        "arriving",
        "arrived",
        "fled",
        "flee",
        "evacuated",
        "return",
        "returned",
        "withdrew",
        "talks",
        "meeting",
        "summit",
        "held",
        "for",
        "toward",
        "towards",
        "residents",
    }
)

# "said in Kyiv", "told reporters in Brussels", "speaking in Odesa": where someone spoke, not
# where the attack was (the word before "in").
SPEAKING_BEFORE_IN = frozenset(
    """
    said says say told speaking spoke speech announced stated briefing conference reporters journalists
    remarks interview statement addressed
    """.split()
)

# A place followed by one of these (capitalised) names a publisher, not a place: "The Kyiv
# Independent", "Kyiv Post", "The Moscow Times", "Odesa Journal".
OUTLET_NOUNS = frozenset(
    {"Independent", "Post", "Times", "Journal", "Herald", "Daily", "Tribune", "Gazette", "Telegraph"}
)
# A place name followed by one of these names a facility, not where it is: "the Druzhba
# pipeline" runs through several regions, none of them a village called Druzhba.
FACILITY_NAME_NOUNS = frozenset({"pipeline", "pipelines", "gas-pipeline", "oil-pipeline"})
# The nouns of a route named by its ends ("the Kyiv–Kharkiv line"): its ends are no location.
ROUTE_NOUNS = frozenset({"line", "route", "highway", "road", "railway", "motorway", "express", "section"})

# A place followed by these is a government or its officials, not a location ("Moscow says").
METONYMY_NEXT = frozenset(
    {
        "said",
        "says",
        "has",
        "have",
        "is",
        "denies",
        "denied",
        "claims",
        "claimed",
        "wants",
        "rejects",
        "insists",
        "authorities",
        "officials",
        "accused",
        "accuses",
        "warned",
        "blamed",
        "condemned",
        "condemns",
        "called",
        "calls",
        "urged",
        "urges",
        "demanded",
        "demands",
        "responded",
        "vowed",
        "announced",
        "believes",
    }
)


# --- moved from the modules that read them: phrase structure, sources, geography, time ---

MORE_WORDS = frozenset({"more", "others", "other", "further", "additional"})

# An insertion between a noun phrase and its verb: ", including two children," ", among them …,"
INSERTION_OPENERS = frozenset({"including", "among", "mostly", "mainly", "many", "most", "some"})

# Triggers that are prepositions ("an attack with 40 drones", "involving 53 missiles") govern
# a number only when nothing but its qualifier stands between them.
PREPOSITION_TRIGGERS = frozenset({"with", "involving", "using"})

NUMBER_LEAD = frozenset(
    {
        "at",
        "least",
        "more",
        "than",
        "about",
        "around",
        "up",
        "to",
        "nearly",
        "almost",
        "over",
        "some",
        "a",
        "total",
        "of",
        "an",
        "estimated",
        "roughly",
        "approximately",
        # "with a massive strike of 40 missiles", "with a combined attack of 90 drones"
        "massive",
        "combined",
        "large-scale",
        "strike",
        "attack",
        "salvo",
        "barrage",
        "wave",
    }
)

# words of the trigger tables that, before a number, are no verb of it ("an attack with 40 drones")
WEAK_BEFORE_TRIGGERS = frozenset({"with", "attack", "attacks", "involving", "hospital", "lives", "bodies"})

# Sources that speak for one region: "In Kherson, the regional governor said …" reports the region.
REGIONAL_SOURCES = (
    "regional governor",
    "regional head",
    "regional administration",
    "regional military",
    "oblast",
    "region's governor",
    "head of the region",
    "governor of the",
    "regional authorities",
    "regional police",
    "regional prosecutor",
    "southern forces",
    "southern defense forces",
    "southern defence forces",
    "operational command",
    "eastern group",
)

# ... and sources that speak for one city: with the regional ones, they count munitions for their place.
CITY_SOURCES = (
    "military administration",
    "city administration",
    "city council",
    "mayor",
    "local authorities",
    "city's",
    "city authorities",
)

# Sources that speak for the whole country: their unplaced figures are national.
NATIONAL_SOURCES = (
    "air force",
    "general staff",
    "defence ministry",
    "defense ministry",
    "ministry of defence",
    "military",
    "president",
    "zelensk",
    "prosecutor general",
    "armed forces",
)

# First-level regions that lie inside another, as reports write them: "Sevastopol, Crimea",
# "Moscow, Moscow region"; a mention of the outer one does not make a second place.
ENCLOSING = {"UA-40": "UA-43", "UA-30": "UA-32", "RU-MOW": "RU-MOS", "RU-SPE": "RU-LEN"}

# A sentence that reviews the week: dates up to two weeks back are still the report's own
# ("Last week, on 6 March, …" in a weekly statement).
WEEK_REVIEW_MARKERS = ("last week", "past week", "this week", "previous week", "over the week")

# A superlative before a background marker keeps today's figure today's ("the deadliest attack
# since July", "the largest single attack of the war to date").
SUPERLATIVES = frozenset(
    {"largest", "biggest", "deadliest", "heaviest", "most", "first", "worst", "record", "one"}
)


# Third countries whose forces down drones over their own territory ("Polish forces shot down
# four drones", "Romania's defence ministry said"): the adjective names the side.
THIRD_COUNTRY_DEMONYMS: dict[str, str] = {
    "polish": "PL",
    "romanian": "RO",
    "moldovan": "MD",
    "belarusian": "BY",
    "hungarian": "HU",
    "slovak": "SK",
    "lithuanian": "LT",
    "latvian": "LV",
    "estonian": "EE",
    "finnish": "FI",
}
