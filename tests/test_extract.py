"""Unit tests of the extract stage: one shape of report sentence per case.

Each case is a short report written for these tests and the facts it must yield, as
(kind, measure, weapon-or-unit, admin1, place, value) tuples. Regions facts are checked
separately. The sentences are the shapes wire services, governors and the air force use.
"""

from __future__ import annotations

import pytest

from warledger.api import extract_text


def facts_of(text: str, published: str = "2025-09-03") -> set[tuple]:
    doc = extract_text(text, doc_id="t", published=published)
    out = set()
    for f in doc.facts:
        if f.kind == "regions" or f.qualifier == "vague" or f.historical:
            continue
        what = f.weapon if f.kind == "munitions" else f.unit
        out.add((f.kind, f.measure, what, f.admin1, f.place, f.value))
    return out


def regions_of(text: str, published: str = "2025-09-03") -> set[str]:
    doc = extract_text(text, doc_id="t", published=published)
    return {m for f in doc.facts if f.kind == "regions" for m in f.members}


CASES = [
    (
        "Ukraine's air force said it downed 430 of 502 drones and 21 of 24 missiles launched by Russia overnight.",
        {
            ("munitions", "intercepted", "drone", None, None, 430),
            ("munitions", "launched", "drone", None, None, 502),
            ("munitions", "intercepted", "missile", None, None, 21),
            ("munitions", "launched", "missile", None, None, 24),
        },
    ),
    (
        "The air force said three missiles and 69 drones struck 14 locations.",
        {
            ("munitions", "hit", "missile", None, None, 3),
            ("munitions", "hit", "drone", None, None, 69),
            ("damage", "sites_hit", "sites", None, None, 14),
        },
    ),
    (
        "Russia attacked Ukraine overnight with 23 Iranian-made Shahed drones, the military said.",
        {("munitions", "launched", "drone", None, None, 23)},
    ),
    (
        "Russia fired 40 missiles, including 16 ballistic, at Ukraine on Wednesday, the air force said.",
        {
            ("munitions", "launched", "missile", None, None, 40),
            ("munitions", "launched", "ballistic_missile", None, None, 16),
        },
    ),
    (
        "Russia launched 20 Kh-101 cruise missiles and four Kinzhal missiles overnight, the air force said.",
        {
            ("munitions", "launched", "cruise_missile", None, None, 20),
            ("munitions", "launched", "ballistic_missile", None, None, 4),
        },
    ),
    (
        "Air defences destroyed 14 drones over the Odesa region overnight, the air force said.",
        {("munitions", "intercepted", "drone", "UA-51", None, 14)},
    ),
    (
        "Ukraine said it shot down 95 of 143 drones while disrupting 46 others by electronic countermeasures.",
        {
            ("munitions", "intercepted", "drone", None, None, 95),
            ("munitions", "launched", "drone", None, None, 143),
            ("munitions", "lost", "drone", None, None, 46),
        },
    ),
    (
        "At least nine people were killed in the eastern town of Kostiantynivka, regional officials said.",
        {("casualties", "killed", None, "UA-14", "Kostiantynivka", 9)},
    ),
    (
        "A Russian missile hit an apartment block in Poltava, killing at least 12, leaving 3 missing and injuring 40.",
        {
            ("casualties", "killed", None, "UA-53", "Poltava", 12),
            ("casualties", "missing", None, "UA-53", "Poltava", 3),
            ("casualties", "injured", None, "UA-53", "Poltava", 40),
        },
    ),
    (
        "Three women and five men were killed by shelling in Kostiantynivka, prosecutors said.",
        {("casualties", "killed", None, "UA-14", "Kostiantynivka", 8)},
    ),
    (
        "The strike killed 38 people, including seven children, and injured over 120 others in Ternopil.",
        {
            ("casualties", "killed", None, "UA-61", "Ternopil", 38),
            ("casualties", "injured", None, "UA-61", "Ternopil", 120),
        },
    ),
    (
        "In the Kherson region, a 70-year-old woman was killed by Russian shelling, the governor said.",
        {("casualties", "killed", None, "UA-65", None, 1)},
    ),
    (
        "In northern Chernihiv, the attack cut power to 30,000 consumers, Governor Viacheslav Chaus said.",
        {("damage", "power_outage", "consumers", "UA-74", None, 30000)},
    ),
    (
        "Firefighters in the Ivano-Frankivsk region were battling flames that engulfed 9,000 sq m of storage facilities.",
        {("damage", "fire_area", "sq_m", "UA-26", None, 9000)},
    ),
    (
        "A fire at a fuel depot in the Lviv region covered 1.5 hectares, emergency services said.",
        {("damage", "fire_area", "sq_m", "UA-46", None, 15000)},
    ),
    (
        "The state railway flagged delays of up to 7 hours to 30 trains after the attack damaged a substation.",
        {
            ("damage", "rail_delay", "hours", None, None, 7),
            ("damage", "trains_delayed", "trains", None, None, 30),
        },
    ),
    (
        "The blast damaged ten other buildings in Sumy, officials said.",
        {("damage", "buildings_damaged", "buildings", "UA-59", None, 10)},
    ),
    (
        "Russia's defence ministry said it destroyed 24 Ukrainian drones over the Belgorod region.",
        {("munitions", "intercepted", "drone", "RU-BEL", None, 24)},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_shapes(text, expected):
    assert facts_of(text) == expected


# Sentences that state no scored figure: each must yield nothing.
NOTHING = [
    "Russia has launched 600 drones and more than 330 missiles since the start of the year, Zelenskiy said.",
    "A missile hit a house in the village, the governor said.",
    "There were no casualties, the mayor said.",
    "On 12 October, 50 casualties were reported in Donetsk oblast.",
    "Dozens were killed or injured in Kostiantynivka.",
    "Some 46,000 people were left without heat in Mykolaiv.",
    "Power outages affected 80 per cent of people in the Lviv region.",
    "Officials say at least $1.5 billion is needed to repair the grid.",
    "At least three volunteers may have been killed, The Mirror said.",
    "Two ballistic missiles were not intercepted.",
    "It was one of the largest attacks of the war, the 117th brigade said.",
    "The 19 November 2025 strike was condemned by the UN.",
]


@pytest.mark.parametrize("text", NOTHING, ids=[t[:40] for t in NOTHING])
def test_no_figure(text):
    assert facts_of(text, published="2025-11-20") == set()


def test_precise_value_wins_over_vague_restatement():
    text = (
        "Russia launched more than 500 drones across Ukraine overnight.\n"
        "Ukraine's air force said it downed 430 of 502 drones launched by Russia.\n"
    )
    launched = {v for k, m, w, a, p, v in facts_of(text) if m == "launched"}
    assert launched == {502}


def test_update_supersedes_earlier_toll():
    text = (
        "Russian missiles hit Dnipro on Friday, killing six people, the governor said.\n"
        "The death toll from the strike on Dnipro rose to nine on Saturday, the governor said.\n"
    )
    killed = {v for k, m, w, a, p, v in facts_of(text, "2025-06-29") if m == "killed"}
    assert killed == {9}


def test_parts_add_up_to_the_total():
    text = (
        "Three women and five men were killed by shelling in Kostiantynivka, which also injured at least six people.\n"
        "One woman was killed and another injured in a later drone attack.\n"
    )
    got = {(m, v) for k, m, w, a, p, v in facts_of(text)}
    assert got == {("killed", 9), ("injured", 7)}


def test_background_figures_are_flagged_not_dropped():
    text = "The previous record was set on July 4, when Russia launched 539 drones and 11 missiles.\n"
    doc = extract_text(text, doc_id="t", published="2025-07-09")
    assert doc.facts and all(f.historical for f in doc.facts if f.kind == "munitions")


def test_russian_claims_are_country_ru_and_attributed():
    text = "Russia's Defence Ministry said its air defences destroyed 33 Ukrainian drones over the Kursk region.\n"
    doc = extract_text(text, doc_id="t", published="2025-01-18")
    f = next(f for f in doc.facts if f.kind == "munitions")
    assert (f.country, f.admin1, f.value) == ("RU", "RU-KRS", 33)
    assert f.source == "Russia's Defence Ministry"


def test_regions_from_locative_mentions_not_titles_or_visits():
    text = (
        "Explosions were heard in nine regions, from Kyiv to Lviv and Volyn, officials said.\n"
        "Moscow Mayor Sergei Sobyanin said there was no damage in the city.\n"
        "Zelenskiy said the attack came a day after his visit to Kherson.\n"
    )
    assert regions_of(text) == {"UA-30", "UA-46", "UA-07"}


def test_every_fact_has_evidence_containing_its_figure():
    text = "Russia launched 40 drones overnight. In Kharkiv, two people were killed and 15 injured, the mayor said.\n"
    doc = extract_text(text, doc_id="t", published="2025-09-03")
    assert doc.facts
    for f in doc.facts:
        s, e = f.evidence
        assert 0 <= s < e <= len(text)
        if f.span:
            assert s <= f.span[0] < f.span[1] <= e


def test_the_lead_place_locates_later_unplaced_figures():
    text = (
        "2024 Kharkiv hypermarket strike\n\n"
        "On 25 May 2024, Russian forces struck a hypermarket in Kharkiv, killing 19 people and injuring 54.\n\n"
        "==Background==\n"
        "Kharkiv has been shelled since the start of the full-scale invasion in February 2022.\n\n"
        "==Attack==\n"
        "A fire broke out and covered an area of 10,000 square metres, the State Emergency Service said. "
        "Sixteen people were initially reported missing.\n\n"
        "On the same day, a missile strike on Odesa injured three people.\n"
    )
    got = facts_of(text, published=None)
    assert ("damage", "fire_area", "sq_m", "UA-63", None, 10000) in got
    assert ("casualties", "missing", None, "UA-63", "Kharkiv", 16) in got
    assert ("casualties", "injured", None, "UA-51", "Odesa", 3) in got


def test_a_settlement_introduced_by_name_is_recognised_again_later():
    text = (
        "A missile strike on the village of Hroza, Kharkivska oblast, killed at least 52 civilians.\n\n"
        "A Russian missile hit a cafe in Hroza, where a wake was being held. Six people were injured.\n"
    )
    got = facts_of(text, published="2023-10-06")
    assert ("casualties", "injured", None, "UA-63", "Hroza", 6) in got


def test_a_list_of_places_with_a_sea_is_no_single_region():
    text = "Russia's Defense Ministry said its forces destroyed 15 Ukrainian drones over the Belgorod region and the Black Sea.\n"
    assert facts_of(text) == {("munitions", "intercepted", "drone", None, None, 15)}


def test_a_person_in_the_singular_as_an_object_counts_one():
    text = "In the Odesa region, debris from downed drones injured a security guard, the governor said.\n"
    assert ("casualties", "injured", None, "UA-51", None, 1) in facts_of(text)
