"""One test per mechanism of the generalisation work (issue 12, ../shared/eval/GENERALISING.md).

Every sentence here was written for these tests: invented figures and wording in the shapes
that failed on reports the rules had never seen. Each test names the mechanism it checks;
none of them restates a corpus report.
"""

from __future__ import annotations

import pytest

from test_extract import facts_of, regions_of
from warledger.annotate.attribution import find_sources
from warledger.api import extract_text


def doc_of(text: str, published: str = "2025-09-03"):
    return extract_text(text, doc_id="t", published=published)


def sources_of(text: str) -> dict[tuple, str | None]:
    return {(f.kind, f.measure, f.value): f.source for f in doc_of(text).facts if f.kind != "regions"}


def countries_of(text: str) -> dict[tuple, str]:
    return {(f.kind, f.measure, f.value): f.country for f in doc_of(text).facts if f.kind != "regions"}


# --- munitions: noun phrases --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # partitives in every order
        (
            "Of the 61 drones detected overnight, 47 were shot down, the air force said.",
            {
                ("munitions", "launched", "drone", None, None, 61),
                ("munitions", "intercepted", "drone", None, None, 47),
            },
        ),
        (
            "Russia sent 38 attack drones overnight. Air defence units shot down 29 of them.",
            {
                ("munitions", "launched", "drone", None, None, 38),
                ("munitions", "intercepted", "drone", None, None, 29),
            },
        ),
        (
            "The military said it downed 33 of 41 Russian drones fired overnight.",
            {
                ("munitions", "intercepted", "drone", None, None, 33),
                ("munitions", "launched", "drone", None, None, 41),
            },
        ),
        # "all N" and "all of them"
        (
            "Air defences destroyed all 17 drones launched overnight, the air force said.",
            {
                ("munitions", "launched", "drone", None, None, 17),
                ("munitions", "intercepted", "drone", None, None, 17),
            },
        ),
        (
            "The air force said Russia sent 26 drones and that all of them were shot down.",
            {
                ("munitions", "launched", "drone", None, None, 26),
                ("munitions", "intercepted", "drone", None, None, 26),
            },
        ),
        # one noun shared by a list of numbers
        (
            "Russia launched 11 ballistic and nine cruise missiles overnight, the air force said.",
            {
                ("munitions", "launched", "ballistic_missile", None, None, 11),
                ("munitions", "launched", "cruise_missile", None, None, 9),
            },
        ),
        (
            "The attack involved more than 30 ballistic, cruise and guided missiles, the air force said.",
            {("munitions", "launched", "missile", None, None, 30)},
        ),
        # a relative clause's verb is the noun's verb
        (
            "The overnight wave included 52 Shahed drones that air defences shot down, the air force said.",
            {("munitions", "intercepted", "drone", None, None, 52)},
        ),
        # a missile name as a noun
        (
            "The navy said Russia fired four Kh-22s at the coast.",
            {("munitions", "launched", "cruise_missile", None, None, 4)},
        ),
        # the target of the launch places it; "Kyiv, Ukraine" is one place, not a list
        (
            "Russian forces launched 210 drones and 14 missiles at Kyiv, Ukraine, overnight.",
            {
                ("munitions", "launched", "drone", "UA-30", None, 210),
                ("munitions", "launched", "missile", "UA-30", None, 14),
            },
        ),
    ],
)
def test_munition_phrases(text, expected):
    assert facts_of(text) == expected


def test_a_class_named_for_the_whole_attack_types_its_missiles():
    text = (
        "Russia carried out a Kalibr cruise missile attack on Odesa on Tuesday. "
        "Air defences shot down five of the eight missiles, the navy said."
    )
    got = facts_of(text)
    # (and a handful of munitions in a report about one strike are that strike's: Odesa's)
    assert ("munitions", "intercepted", "cruise_missile", "UA-51", None, 5) in got
    assert ("munitions", "launched", "cruise_missile", "UA-51", None, 8) in got


def test_parts_named_in_the_sentence_keep_their_total_untyped():
    got = facts_of(
        "Russia fired 35 missiles at Ukraine, including 12 ballistic, after a cruise missile attack on Lviv."
    )
    assert ("munitions", "launched", "missile", None, None, 35) in got


def test_a_preposition_governs_only_the_number_next_to_it():
    # "with" governs "debris", not "one downed drone": no launched figure
    got = facts_of(
        "The governor said debris fell on a farm, with the debris from one downed drone damaging a barn."
    )
    assert not any(k == "munitions" and m == "launched" for k, m, *_ in got)


def test_a_regional_official_counts_munitions_for_their_region():
    got = facts_of(
        "Air defences shot down seven drones over the city overnight, Kharkiv's military administration said."
    )
    assert ("munitions", "intercepted", "drone", "UA-63", None, 7) in got


def test_different_speakers_keep_their_own_munition_claims():
    text = (
        "Ukraine launched drones at the Belgorod region overnight. The governor said 12 drones were shot down. "
        "A Telegram channel close to the security services said 30 drones were shot down over the region."
    )
    values = {f.value for f in doc_of(text).facts if f.kind == "munitions" and f.measure == "intercepted"}
    assert values == {12, 30}


# --- casualties --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a person in the singular, present tense, nominal and active forms
        (
            "A teenager is killed in a Russian drone strike on Nikopol.",
            {("casualties", "killed", None, "UA-12", "Nikopol", 1)},
        ),
        (
            "Russian shelling of Kherson results in the death of a pensioner, the governor said.",
            {("casualties", "killed", None, "UA-65", "Kherson", 1)},
        ),
        (
            "A missile strike on Kramatorsk kills a three-year-old boy and injures nine others.",
            {
                ("casualties", "killed", None, "UA-14", "Kramatorsk", 1),
                ("casualties", "injured", None, "UA-14", "Kramatorsk", 9),
            },
        ),
        (
            "The strike on Izium caused one fatality, police said.",
            {("casualties", "killed", None, "UA-63", "Izium", 1)},
        ),
        # a number coordinated with a casualty figure shares its noun and verb
        (
            "Russian strikes kill at least five people in Sumy and two in Poltava.",
            {
                ("casualties", "killed", None, "UA-59", "Sumy", 5),
                ("casualties", "killed", None, "UA-53", "Poltava", 2),
            },
        ),
        # a subset with a place of its own is that place's figure
        (
            "Russian strikes across Ukraine killed six people overnight, including three civilians in Dnipro.",
            {
                ("casualties", "killed", None, None, None, 6),
                ("casualties", "killed", None, "UA-12", "Dnipro", 3),
            },
        ),
        # the verb past an insertion; "among them" is a subset
        (
            "One person was killed and 14 people, including three children, were injured in Chernihiv.",
            {
                ("casualties", "killed", None, "UA-74", "Chernihiv", 1),
                ("casualties", "injured", None, "UA-74", "Chernihiv", 14),
            },
        ),
        (
            "Twenty-one people were injured in Zhytomyr, among them six children.",
            {("casualties", "injured", None, "UA-18", "Zhytomyr", 21)},
        ),
        # a casualty verb before "people" wins over a power cut in the same sentence
        (
            "Russian strikes killed two people in Fastiv and cut power to 45,000 consumers.",
            {
                ("casualties", "killed", None, "UA-32", "Fastiv", 2),
                ("damage", "power_outage", "consumers", "UA-32", None, 45000),
            },
        ),
    ],
)
def test_casualty_shapes(text, expected):
    assert facts_of(text) == expected


# --- places ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # around a settlement is its region
        (
            "Russian shelling killed four civilians near Kherson.",
            {("casualties", "killed", None, "UA-65", None, 4)},
        ),
        (
            "Shelling killed three people in and near Kupiansk.",
            {("casualties", "killed", None, "UA-63", None, 3)},
        ),
        # a district named after its town, in the report's spelling
        ("Two people were injured in Kupiansk Raion.", {("casualties", "injured", None, "UA-63", None, 2)}),
        # "near the city of X" names the city
        (
            "Three soldiers were injured at a base near the city of Yavoriv.",
            {("casualties", "injured", None, "UA-46", "Yavoriv", 3)},
        ),
        # a place that "has been damaged" is a place, not a government
        (
            "Odesa has been hit hard, where at least six people were killed overnight.",
            {("casualties", "killed", None, "UA-51", "Odesa", 6)},
        ),
        # a governor's place is the region governed: Kyiv's governor governs Kyiv Oblast
        (
            "Nine people were injured, according to Kyiv governor Petro Shevchuk.",
            {("casualties", "injured", None, "UA-32", None, 9)},
        ),
    ],
)
def test_place_shapes(text, expected):
    assert facts_of(text) == expected


def test_an_inner_region_with_its_outer_one_is_one_place():
    text = "A missile strike on a depot in Sevastopol, Crimea, killed two people."
    assert facts_of(text) == {("casualties", "killed", None, "UA-40", "Sevastopol", 2)}
    assert regions_of(text) == {"UA-40"}


def test_a_figure_over_ukrainian_cities_is_national():
    text = "Kyiv is in mourning. Over three nights, Russia fired 300 drones at Ukrainian cities, killing 20 civilians."
    assert ("casualties", "killed", None, None, None, 20) in facts_of(text)


# --- the side attacked -------------------------------------------------------------------


def test_russia_held_territory_is_the_russian_side():
    assert countries_of("A Ukrainian missile attack on Sevastopol killed three people.") == {
        ("casualties", "killed", 3): "RU"
    }


def test_a_ukrainian_attacker_makes_an_unplaced_figure_russian_side():
    assert countries_of("Ukraine launches 40 drones against Russia overnight.") == {
        ("munitions", "launched", 40): "RU"
    }


def test_russian_drones_downed_by_ukraine_are_the_ukrainian_side():
    text = "Ukrainian forces shot down 14 Russian drones overnight, the military said."
    assert countries_of(text) == {("munitions", "intercepted", 14): "UA"}


def test_a_report_about_one_russian_region_counts_its_drones_there():
    text = (
        "Ukrainian drones attacked the Kursk region overnight. Nine of the drones were shot down and two "
        "others were jammed."
    )
    got = {(f.measure, f.value, f.admin1, f.country) for f in doc_of(text).facts if f.kind == "munitions"}
    assert ("intercepted", 9, "RU-KRS", "RU") in got


# --- background --------------------------------------------------------------------------


def test_a_recall_paragraph_is_background():
    text = (
        "Russia launched 80 drones at Ukraine overnight, the air force said.\n\n"
        "Recall that on 4 May, 120 drones were launched and six people were killed in Odesa."
    )
    doc = doc_of(text)
    today = {(f.measure, f.value) for f in doc.facts if f.kind != "regions" and not f.historical}
    assert today == {("launched", 80)}


def test_a_sentence_recalling_a_past_statement_is_background():
    text = "Delegates previously condemned a strike on Sumy which killed 14 civilians. Today two people were injured in Sumy."
    today = {(f.measure, f.value) for f in doc_of(text).facts if f.kind != "regions" and not f.historical}
    assert today == {("injured", 2)}


def test_a_superlative_keeps_a_long_phrase_today():
    text = "Russia launched 640 drones at Ukraine overnight in the biggest single aerial attack of the war to date."
    assert ("munitions", "launched", "drone", None, None, 640) in facts_of(text)


def test_separately_adds_a_figure():
    text = "Three people were killed in the Kharkiv region. Separately, two people were killed in a strike on a village in the Kharkiv region."
    assert ("casualties", "killed", None, "UA-63", None, 5) in facts_of(text)


# --- sentences ---------------------------------------------------------------------------


def test_a_line_ending_in_a_credit_is_a_sentence_not_a_heading():
    text = "Russia–Ukraine war\nFour people are killed in a Russian airstrike on Kostiantynivka. (Example News)\n"
    assert facts_of(text) == {("casualties", "killed", None, "UA-14", "Kostiantynivka", 4)}


# --- sources -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "Ivan Petrenko, the head of the regional administration, said five people were hurt.",
            "Ivan Petrenko, the head of the regional administration",
        ),
        (
            "The Governor of Sumy Oblast, Ivan Petrenko, reports that three people were killed.",
            "The Governor of Sumy Oblast, Ivan Petrenko",
        ),
        ("Regional officials confirm that two drones were shot down.", "Regional officials"),
        (
            "According to preliminary reports shared by the State Emergency Service, four people died.",
            "the State Emergency Service",
        ),
        ("An aide tweeted that Russia fired 40 missiles.", "An aide"),
    ],
)
def test_source_phrases(sentence, source):
    found = [s for _, _, s in find_sources(sentence, 0, len(sentence)) if s]
    assert found[:1] == [source]


@pytest.mark.parametrize(
    "sentence",
    [
        "The blast left an estimated 40 people injured.",
        "Peace must respect the sovereignty of states and their borders, and 12 people were injured.",
    ],
)
def test_words_that_only_look_like_verbs_of_saying_name_no_source(sentence):
    assert all(s is None for s in sources_of(sentence).values())


def test_preliminary_data_names_no_speaker_and_ends_the_carry():
    text = "Governor Ivan Petrenko said two people were killed in Sumy. According to preliminary data, three people were injured there."
    got = sources_of(text)
    assert got[("casualties", "killed", 2)] == "Governor Ivan Petrenko"
    assert got[("casualties", "injured", 3)] is None


def test_a_post_posed_attribution_does_not_reach_back_past_a_statement_of_its_own():
    text = (
        "In the Volyn region 90,000 customers lost power, and in the Rivne region, governor Ivan Petrenko "
        "said 70,000 consumers were without power."
    )
    got = sources_of(text)
    assert got[("damage", "power_outage", 90000)] is None
    assert got[("damage", "power_outage", 70000)] == "governor Ivan Petrenko"


# --- more shapes: objects, non-attack deaths, units, sections ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the object decides the measure
        (
            "Russia launched 150 drones and 12 missiles that struck six regions overnight.",
            {
                ("munitions", "launched", "drone", None, None, 150),
                ("munitions", "launched", "missile", None, None, 12),
            },
        ),
        (
            "Overnight, 31 drones struck nine locations in the Odesa region.",
            {
                ("munitions", "hit", "drone", None, None, 31),
                ("damage", "sites_hit", "sites", "UA-51", None, 9),
            },
        ),
        # a list of numbers shares its unit
        (
            "Fires covered 1,200 and 400 square metres at a warehouse in Rivne.",
            {("damage", "fire_area", "sq_m", "UA-56", None, 1600)},
        ),
        ("Two enterprises were hit in Kremenchuk.", {("damage", "sites_hit", "sites", "UA-53", None, 2)}),
    ],
)
def test_more_shapes(text, expected):
    assert facts_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine received the bodies of 500 fallen defenders in an exchange on Friday.",
        "Three soldiers were killed on the front line near Huliaipole.",
        "Two homeless men died of the cold in Kharkiv.",
        "Power was restored to 18,000 consumers in Mykolaiv on Sunday.",
    ],
)
def test_no_attack_figure(text):
    assert facts_of(text) == set()


def test_a_background_section_holds_no_figures_of_the_report():
    text = (
        "= 3 May strike on Sumy =\n\nOn 3 May 2025 a missile strike on Sumy killed four people.\n\n"
        "==Background==\nA week earlier, 11 people were killed in Sumy."
    )
    today = {
        (f.measure, f.value)
        for f in doc_of(text, published="2025-05-03").facts
        if f.kind != "regions" and not f.historical
    }
    assert today == {("killed", 4)}


def test_a_namesake_settlement_is_the_one_in_the_named_region():
    # the most populous Serhiivka is in the Poltava region; this one is in the Odesa region
    got = facts_of("Two people were killed in Serhiivka, Odesa Oblast.")
    assert got == {("casualties", "killed", None, "UA-51", "Serhiivka", 2)}


def test_a_district_named_like_kyivs_belongs_to_the_city_that_follows():
    assert regions_of("A drone hit Dniprovskyi District, Kherson, injuring two people.") == {"UA-65"}


def test_an_outlet_named_after_a_city_is_no_place():
    text = "Two people are killed in a drone strike on Nikopol. (The Kyiv Independent)"
    assert regions_of(text) == {"UA-12"}


def test_a_russian_region_struck_by_a_ukrainian_attack_is_affected():
    assert regions_of(
        "Ukraine launches a drone attack on Smolensk Oblast, Russia, setting a depot on fire."
    ) == {"RU-SMO"}


def test_a_launch_area_is_not_affected():
    assert "RU-KRS" not in regions_of(
        "Russia launched 40 drones from the Kursk region at the Sumy region, where nine were shot down."
    )


def test_a_governor_of_the_city_report_locates_casualties_in_the_city():
    text = (
        "Russian missiles struck Kharkiv on Saturday, hitting a market.\n\n"
        "According to the Kharkiv Oblast Governor, eight people were killed."
    )
    assert ("casualties", "killed", None, "UA-63", "Kharkiv", 8) in facts_of(text)


def test_a_closed_insertion_does_not_cut_the_place_after_it():
    text = (
        "Three people are killed and 12 people, including four children, are injured in a strike on Lozova."
    )
    assert facts_of(text) == {
        ("casualties", "killed", None, "UA-63", "Lozova", 3),
        ("casualties", "injured", None, "UA-63", "Lozova", 12),
    }


def test_where_missiles_were_fired_from_is_not_where_they_struck():
    got = facts_of("The prosecutor said three Iskander-M missiles were fired from occupied Crimea.")
    assert got == {("munitions", "launched", "ballistic_missile", None, None, 3)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # strikes and hits counted as impacts, of the phrase's weapon or the report's last one
        (
            "Russia fired 16 missiles at Odesa overnight. Officials confirmed seven hits in the port.",
            {
                ("munitions", "launched", "missile", "UA-51", None, 16),
                ("munitions", "hit", "missile", "UA-51", None, 7),
            },
        ),
        (
            "Two people were injured by four Russian drone strikes on Kherson.",
            {
                ("casualties", "injured", None, "UA-65", "Kherson", 2),
                ("munitions", "hit", "drone", "UA-65", None, 4),
            },
        ),
        # a launch verb makes strikes the attack's size
        (
            "Russia launched more than 30 missile strikes against Zaporizhzhia.",
            {("munitions", "launched", "missile", "UA-23", None, 30)},
        ),
        # a number inside a list that "including" opens is a part of the total
        (
            "The strike damaged 15 buildings in Poltava, including a school, a shop and three houses.",
            {("damage", "buildings_damaged", "buildings", "UA-53", None, 15)},
        ),
        (
            "The barrage damaged at least six power stations, the energy ministry said.",
            {("damage", "sites_hit", "sites", None, None, 6)},
        ),
    ],
)
def test_hits_lists_and_sites(text, expected):
    assert facts_of(text) == expected


def test_a_title_with_a_name_in_lower_case_is_a_source():
    text = "Shelling injured a 64-year-old man in Marhanets, head of the district military administration Ivan Petrenko said."
    assert sources_of(text) == {
        ("casualties", "injured", 1): "head of the district military administration Ivan Petrenko"
    }


def test_an_attribution_after_a_place_is_no_second_place():
    text = "Air defences shot down 12 of 20 drones over Kharkiv Oblast, Governor Ivan Petrenko said."
    assert facts_of(text) == {
        ("munitions", "intercepted", "drone", "UA-63", None, 12),
        ("munitions", "launched", "drone", "UA-63", None, 20),
    }


def test_one_of_n_is_a_partitive():
    got = facts_of("The military said it shot down 40 of 52 drones and one of three missiles.")
    assert ("munitions", "intercepted", "missile", None, None, 1) in got
    assert ("munitions", "launched", "missile", None, None, 3) in got


def test_the_city_is_the_city_named_before():
    got = facts_of("Sumy Mayor Ivan Petrenko said nine people were injured in the city.")
    assert got == {("casualties", "injured", None, "UA-59", "Sumy", 9)}


def test_ages_are_not_counts():
    assert facts_of("Three women aged 34, 52 and 70 were injured in Nikopol.") == {
        ("casualties", "injured", None, "UA-12", "Nikopol", 3)
    }


def test_the_number_of_dead_rising_is_a_toll_update():
    text = "Four people were killed in Kherson. The number of dead in Kherson rose to seven."
    assert facts_of(text) == {("casualties", "killed", None, "UA-65", "Kherson", 7)}


def test_a_breakdown_after_a_colon_counts_what_its_total_counts():
    text = "The air force said 19 drones were shot down: 11 over Poltava Oblast and eight over Sumy Oblast."
    assert facts_of(text) == {
        ("munitions", "intercepted", "drone", None, None, 19),
        ("munitions", "intercepted", "drone", "UA-53", None, 11),
        ("munitions", "intercepted", "drone", "UA-59", None, 8),
    }


def test_a_surname_is_the_source_introduced_in_full_before():
    text = (
        "Ivan Petrenko, the regional governor, said a missile hit Poltava. "
        "Petrenko said air defences shot down two missiles over the city."
    )
    got = sources_of(text)
    assert got[("munitions", "intercepted", 2)] == "Ivan Petrenko, the regional governor"


def test_a_handful_of_munitions_in_a_report_about_one_place_are_its_strike():
    text = "A Russian missile strike on Uman killed 12 people on Friday. Russia fired three cruise missiles, officials said."
    assert ("munitions", "launched", "cruise_missile", "UA-71", None, 3) in facts_of(text)


def test_a_place_and_n_other_regions_is_national():
    text = "Russian strikes hit Odesa and seven other regions overnight, killing at least nine people."
    assert ("casualties", "killed", None, None, None, 9) in facts_of(text)


def test_among_the_injured_is_a_part_of_a_total():
    text = "Twenty people were injured in Kyiv. Officials said six children were among the injured."
    assert facts_of(text) == {("casualties", "injured", None, "UA-30", "Kyiv", 20)}


def test_more_and_others_after_a_number_keep_its_verb():
    assert facts_of("Four people were killed in Chernihiv, with over 30 more injured.") == {
        ("casualties", "killed", None, "UA-74", "Chernihiv", 4),
        ("casualties", "injured", None, "UA-74", "Chernihiv", 30),
    }


def test_days_ago_recalls_another_attack():
    text = "Two people were injured in Sumy today. Only 12 days ago, a missile killed nine people there."
    today = {(f.measure, f.value) for f in doc_of(text).facts if f.kind != "regions" and not f.historical}
    assert today == {("injured", 2)}


def test_a_figure_after_a_national_sentence_is_national():
    text = "Kyiv was among the cities attacked. On Monday Russia launched missiles across Ukraine. At least five people were killed."
    assert ("casualties", "killed", None, None, None, 5) in facts_of(text)


def test_a_russian_claim_of_downed_drones_is_the_russian_side():
    text = "Russia's defence ministry said its air defences shot down 36 drones over six regions overnight."
    assert countries_of(text) == {("munitions", "intercepted", 36): "RU"}


def test_a_list_of_settlements_is_no_inner_and_outer_region():
    got = facts_of(
        "The ministry said it shot down four Ukrainian drones over Podolsk, Moscow, and over the Tula region."
    )
    assert ("munitions", "intercepted", "drone", "RU-MOW", None, 4) not in got


def test_a_joint_breakdown_of_two_regions_keeps_the_first():
    text = (
        "The air force said 30 drones were shot down, including 11 over the Cherkasy and Vinnytsia regions."
    )
    assert ("munitions", "intercepted", "drone", "UA-71", None, 11) in facts_of(text)


def test_an_attribution_covers_a_while_clause_of_its_sentence():
    text = "Air defences destroyed 41 drones, while 12 others were lost to jamming, the air force said."
    assert set(sources_of(text).values()) == {"the air force"}


def test_a_participle_with_its_agent_is_no_verb_of_a_later_number():
    text = "The military said it shot down 50 of 64 drones launched by Russia, as well as one of two cruise missiles."
    got = facts_of(text)
    assert ("munitions", "intercepted", "cruise_missile", None, None, 1) in got
    assert ("munitions", "launched", "cruise_missile", None, None, 2) in got


def test_a_place_inside_a_subset_is_the_parts_not_the_totals():
    text = (
        "At least nine civilians were killed, including a teenager in Rivne, and more than 30 were injured."
    )
    got = facts_of(text)
    assert ("casualties", "killed", None, None, None, 9) in got
    assert ("casualties", "injured", None, None, None, 30) in got


def test_including_a_place_is_no_subset():
    text = "Russia struck several towns, including a market in Kupiansk, killing at least five people."
    assert facts_of(text) == {("casualties", "killed", None, "UA-63", "Kupiansk", 5)}


def test_munitions_an_attack_is_made_with_are_launched():
    text = "The ministry said its forces struck energy facilities with a massive strike of 25 missiles."
    assert facts_of(text) == {("munitions", "launched", "missile", None, None, 25)}


def test_a_list_after_with_shares_its_trigger():
    text = "Russia struck the power grid with 30 missiles and 120 drones overnight."
    assert facts_of(text) == {
        ("munitions", "launched", "missile", None, None, 30),
        ("munitions", "launched", "drone", None, None, 120),
    }


def test_a_mayors_casualties_stay_in_the_city():
    text = (
        "In Kharkiv, Mayor Ivan Petrenko said at least four missiles struck the city, injuring three people."
    )
    assert ("casualties", "injured", None, "UA-63", "Kharkiv", 3) in facts_of(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The strike knocked out electricity for 60,000 households in Sumy.",
            {("damage", "power_outage", "households", "UA-59", None, 60000)},
        ),
        (
            "Seven houses were destroyed and 24 damaged in Kherson.",
            {("damage", "buildings_damaged", "buildings", "UA-65", None, 31)},
        ),
    ],
)
def test_more_damage_shapes(text, expected):
    assert facts_of(text) == expected


def test_among_a_number_is_a_part_of_it():
    assert facts_of("Three children were among fifteen people injured in Bila Tserkva.") == {
        ("casualties", "injured", None, "UA-32", "Bila Tserkva", 15)
    }


def test_a_list_of_names_places_nobody_in_the_next():
    assert regions_of("Debris fell in Zhytomyr, Dnipropetrovsk and Vinnytsia after the attack.") == {
        "UA-18",
        "UA-12",
        "UA-05",
    }


def test_a_coordinated_statement_with_its_own_verb_takes_its_own_place():
    text = "A depot near Kherson was hit, killing two, and strikes on Mykolaiv injured five."
    assert facts_of(text) == {
        ("casualties", "killed", None, "UA-65", None, 2),
        ("casualties", "injured", None, "UA-48", "Mykolaiv", 5),
    }


def test_each_figure_takes_the_place_before_the_next_number():
    text = "In Kherson Oblast, three people were killed in Beryslav and two in Kherson."
    assert facts_of(text) == {
        ("casualties", "killed", None, "UA-65", "Beryslav", 3),
        ("casualties", "killed", None, "UA-65", "Kherson", 2),
    }


def test_unmanned_aerial_vehicles_are_drones_and_armoured_ones_are_not():
    got = facts_of(
        "Air defences destroyed 23 Ukrainian unmanned aerial vehicles overnight. Five armoured vehicles were destroyed."
    )
    assert got == {("munitions", "intercepted", "drone", None, None, 23)}


def test_as_reported_earlier_recaps_another_report():
    text = "Russia launched 45 drones overnight.\n\nAs Example News reported earlier, a strike on Uman killed 23 people."
    today = {(f.measure, f.value) for f in doc_of(text).facts if f.kind != "regions" and not f.historical}
    assert today == {("launched", 45)}


def test_the_number_of_people_killed_rising_is_a_toll_update():
    text = "Five people were killed in Uman. The number of people killed in Uman rose to eight."
    assert facts_of(text) == {("casualties", "killed", None, "UA-71", "Uman", 8)}


# --- this session's mechanisms (each sentence written for the test) ----------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Passenger trains were delayed by about an hour, the railway company said.", 1.0),
        ("Some trains on the railway ran an hour and a half late.", 1.5),
        ("Rail services were delayed by half an hour.", 0.5),
    ],
)
def test_a_delay_of_an_hour_is_one_hour(text, value):
    assert facts_of(text) == {("damage", "rail_delay", "hours", None, None, value)}


def test_an_article_is_a_figure_only_before_hour():
    # "an hour later" sizes no delay, and "a missile" states no figure
    assert facts_of("An hour later, a missile hit a school in Uman, injuring four people.") == {
        ("casualties", "injured", None, "UA-71", "Uman", 4)
    }


def test_the_longest_rail_delay_is_the_largest_statement_not_their_sum():
    text = "Trains were delayed by up to five hours, the railway said. Two trains were an hour late."
    got = {f for f in facts_of(text) if f[1] == "rail_delay"}
    assert got == {("damage", "rail_delay", "hours", None, None, 5)}


def test_a_day_of_the_month_after_a_comma_is_a_count_when_no_list_follows():
    text = "On the night of May 14, 6 people were killed and 17 injured in Sumy."
    assert facts_of(text, published="2025-05-15") == {
        ("casualties", "killed", None, "UA-59", "Sumy", 6),
        ("casualties", "injured", None, "UA-59", "Sumy", 17),
    }
    # a list of days still is one: no count of 4 or 5
    assert facts_of(
        "On September 3, 4 and 5, drones hit Sumy, injuring two people.", published="2025-09-06"
    ) == {("casualties", "injured", None, "UA-59", "Sumy", 2)}


def test_square_metres_written_sq_m_with_stops():
    assert facts_of("The total area of the fires was 640 sq. m. Nobody was hurt.") == {
        ("damage", "fire_area", "sq_m", None, None, 640)
    }


def test_disappearing_from_radar_is_lost():
    text = "Russia launched 70 drones. Of those, 41 were downed and 22 disappeared from radar."
    assert facts_of(text) == {
        ("munitions", "launched", "drone", None, None, 70),
        ("munitions", "intercepted", "drone", None, None, 41),
        ("munitions", "lost", "drone", None, None, 22),
    }


def test_a_participle_after_an_earlier_attack_is_background():
    text = (
        "Russia launched 55 drones at Odesa overnight. The attack came three days after a strike on "
        "a market in Kherson, killing seven."
    )
    assert facts_of(text) == {("munitions", "launched", "drone", "UA-51", None, 55)}


@pytest.mark.parametrize(
    "attribution",
    [
        "This was reported by the head of the regional police, Petro Marchenko.",
        "Petro Marchenko, the head of the regional police, reported this on Telegram.",
        "This was announced by the regional police chief Petro Marchenko.",
    ],
)
def test_a_sentence_that_attributes_the_sentences_before_it(attribution):
    text = f"Four people were killed and nine injured in Poltava. {attribution}"
    got = sources_of(text)
    assert got[("casualties", "killed", 4)] and "Marchenko" in got[("casualties", "killed", 4)]
    assert "Marchenko" in got[("casualties", "injured", 9)]


def test_a_passive_report_names_no_source_unless_its_agent_is_given():
    assert sources_of("Four people were killed in Poltava. Explosions were reported in the city.") == {
        ("casualties", "killed", 4): None
    }
    got = sources_of("Four people were killed in Poltava, as was reported by the regional police.")
    assert got == {("casualties", "killed", 4): "regional police"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "One man died in hospital, raising the toll in Uman to eleven.",
            {("casualties", "killed", None, "UA-71", "Uman", 11)},
        ),
        (
            "Drones struck Poltava, bringing the number of injured in the city to 23.",
            {("casualties", "injured", None, "UA-53", "Poltava", 23)},
        ),
    ],
)
def test_a_toll_raised_to_a_number_by_an_earlier_verb_is_an_update(text, expected):
    assert facts_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A 71-year-old man sustained shrapnel wounds in Nikopol.",
            {("casualties", "injured", None, "UA-12", "Nikopol", 1)},
        ),
        (
            "A drone hit a bus in Kherson, killing the driver and wounding six passengers.",
            {
                ("casualties", "killed", None, "UA-65", "Kherson", 1),
                ("casualties", "injured", None, "UA-65", "Kherson", 6),
            },
        ),
        (
            "The strike killed a woman and injured her husband in Irpin.",
            {
                ("casualties", "killed", None, "UA-32", "Irpin", 1),
                ("casualties", "injured", None, "UA-32", "Irpin", 1),
            },
        ),
    ],
)
def test_persons_in_the_singular_with_the_possessive_and_sustained_wounds(text, expected):
    assert facts_of(text) == expected


def test_among_the_n_injured_is_a_part():
    assert facts_of("Three rescuers were among the 12 injured in Izium.") == {
        ("casualties", "injured", None, "UA-63", "Izium", 12)
    }


def test_an_attack_that_claims_lives_is_no_speaker():
    assert sources_of("The missile strike claimed the lives of 4 civilians in Pokrovsk.") == {
        ("casualties", "killed", 4): None
    }


@pytest.mark.parametrize(
    "text",
    [
        "Polish forces shot down three drones that crossed into the country, Poland's operational command said.",
        "Poland said it shot down three Russian drones that violated its airspace.",
    ],
)
def test_a_third_country_that_downs_drones_is_their_side(text):
    assert countries_of(text) == {("munitions", "intercepted", 3): "PL"}


def test_a_third_country_named_beside_ukraines_count_does_not_take_it():
    text = "Ukraine's air force said it shot down 30 of 45 drones, while Polish jets were scrambled."
    assert set(countries_of(text).values()) == {"UA"}


def test_a_source_that_names_only_a_country_places_nothing():
    # was a StopIteration in the place picker, which skipped the whole report
    doc = doc_of("Air defences shot down six drones, Moldova's defence ministry said.")
    assert [f.value for f in doc.facts if f.kind == "munitions"] == [6]


def test_where_someone_spoke_is_no_affected_region():
    text = (
        "Russian drones hit Chernihiv overnight, injuring two people. The foreign minister said in Lviv "
        "that the strikes showed Russia had no interest in peace."
    )
    assert regions_of(text) == {"UA-74"}


@pytest.mark.parametrize(
    "text",
    [
        "Three people were killed in Lutsk, the agency reported, citing the regional police.",
        "Citing the regional police, the agency said three people were killed in Lutsk.",
    ],
)
def test_an_outlet_citing_someone_passes_on_their_figure(text):
    assert sources_of(text) == {("casualties", "killed", 3): "regional police"}


def test_citing_preliminary_data_names_no_one_else():
    got = sources_of("Three people were killed in Lutsk, the agency reported, citing preliminary data.")
    assert got == {("casualties", "killed", 3): "the agency"}


def test_among_the_dead_were_n_is_a_part():
    text = "Among the dead were three children, officials said, after the strike on Sumy killed 21 people."
    assert facts_of(text) == {("casualties", "killed", None, "UA-59", "Sumy", 21)}


def test_a_place_of_deaths_before_a_munition_count_is_not_the_munitions():
    text = "At least three people are killed in Rivne during an overnight Russian attack involving 40 missiles and 300 drones."
    assert facts_of(text) == {
        ("casualties", "killed", None, "UA-56", "Rivne", 3),
        ("munitions", "launched", "missile", None, None, 40),
        ("munitions", "launched", "drone", None, None, 300),
    }


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Russian shelling destroyed 6 houses and damaged 21 more in the Kherson region.", 27),
        ("Three houses were destroyed, and 14 others damaged in the Kherson region.", 17),
    ],
)
def test_more_of_the_same_buildings(text, value):
    assert facts_of(text) == {("damage", "buildings_damaged", "buildings", "UA-65", None, value)}


def test_a_figure_restated_with_an_attribution_carries_it():
    text = (
        "A drone attack on Uman injured nine people on Monday.\n\n"
        '"Nine people were injured," Governor Ivan Petrenko wrote on Telegram.'
    )
    assert sources_of(text) == {("casualties", "injured", 9): "Governor Ivan Petrenko"}


def test_a_statement_made_days_later_is_about_the_attack_its_lead_dates():
    text = (
        "Madam Chair, on 4 March, Russia launched 310 drones at Ukraine, killing five people in Sumy.\n\n"
        "On 2 February, a strike on Poltava killed 14 people."
    )
    doc = doc_of(text, published="2025-03-18")
    today = {(f.measure, f.value, f.date) for f in doc.facts if f.kind != "regions" and not f.historical}
    assert today == {("launched", 310, "2025-03-04"), ("killed", 5, "2025-03-04")}


def test_a_lead_that_recalls_a_record_does_not_move_the_attack_date():
    text = "Russia launched 380 drones overnight, the most since 2 June, when 472 were launched."
    doc = doc_of(text, published="2025-06-20")
    today = {(f.measure, f.value) for f in doc.facts if f.kind != "regions" and not f.historical}
    assert today == {("launched", 380)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The toll in Uman rose from 9 to 13.", {("casualties", "killed", None, "UA-71", "Uman", 13)}),
        (
            "The number of injured in Uman has increased from 20 to 26.",
            {("casualties", "injured", None, "UA-71", "Uman", 26)},
        ),
    ],
)
def test_a_figure_that_went_from_one_value_to_another_is_the_new_one(text, expected):
    assert facts_of(text) == expected


def test_from_x_to_y_without_a_verb_of_change_is_still_a_range():
    doc = doc_of("From 10 to 15 drones were shot down over Uman.")
    (f,) = [f for f in doc.facts if f.kind == "munitions"]
    assert (f.value, f.low, f.high) == (10, 10, 15)


def test_an_age_alone_is_a_person():
    assert facts_of("A drone attack on Romny killed a 9-year-old and injured 6 people.") == {
        ("casualties", "killed", None, "UA-59", "Romny", 1),
        ("casualties", "injured", None, "UA-59", "Romny", 6),
    }
    assert facts_of("The strike damaged a 50-year-old building in Romny.") == set()


def test_a_capital_that_condemns_is_its_government():
    text = "Kyiv condemned the strike on Kherson, which killed three people."
    assert facts_of(text) == {("casualties", "killed", None, "UA-65", "Kherson", 3)}
    assert regions_of(text) == {"UA-65"}


@pytest.mark.parametrize("noun", ["educational institutions", "shops", "outbuildings", "clinics"])
def test_more_buildings(noun):
    assert facts_of(f"Russian shelling damaged 11 {noun} in the Sumy region.") == {
        ("damage", "buildings_damaged", "buildings", "UA-59", None, 11)
    }


@pytest.mark.parametrize(
    "text",
    [
        '"Two people were killed in Lutsk. Six more were injured," Governor Petro Marchenko said.',
        "“Two people were killed in Lutsk.\n\nSix more were injured,” Governor Petro Marchenko said.",
    ],
)
def test_a_quote_over_several_sentences_is_its_closers_speakers(text):
    assert sources_of(text) == {
        ("casualties", "killed", 2): "Governor Petro Marchenko",
        ("casualties", "injured", 6): "Governor Petro Marchenko",
    }


def test_a_quote_closed_in_its_own_sentence_reaches_no_further_back():
    text = 'Two people were killed in Lutsk. "Six more were injured," Governor Petro Marchenko said.'
    assert sources_of(text) == {
        ("casualties", "killed", 2): None,
        ("casualties", "injured", 6): "Governor Petro Marchenko",
    }


def test_an_agency_reporting_with_reference_to_someone_passes_on_their_figure():
    text = "Shelling injured four people in Nikopol, the agency reports with reference to the regional governor Petro Marchenko."
    assert sources_of(text) == {("casualties", "injured", 4): "regional governor Petro Marchenko"}


def test_reported_on_telegram_by_an_official_named_after_a_comma():
    text = (
        "Two people were injured in Poltava. This was reported on Telegram by the head of the regional "
        "administration, Petro Marchenko, the agency reports."
    )
    assert "Marchenko" in (sources_of(text)[("casualties", "injured", 2)] or "")


def test_guided_missiles_of_a_named_cruise_type_are_cruise_missiles():
    assert facts_of("Russia fired 6 Kh-59/Kh-69 guided missiles at Odesa.") == {
        ("munitions", "launched", "cruise_missile", "UA-51", None, 6)
    }


def test_a_settlement_put_in_another_region_than_the_gazetteers_is_that_region():
    # the gazetteer knows a Pivdennyi only outside the Odesa region: the report's region stands
    text = "A strike on the port of Pivdennyi in the Odesa region killed three workers."
    assert facts_of(text) == {("casualties", "killed", None, "UA-51", None, 3)}
    assert regions_of(text) == {"UA-51"}


def test_a_headless_part_with_its_own_place_keeps_the_totals_noun_and_verb():
    assert facts_of("Russian strikes killed seven people overnight, including four in Poltava.") == {
        ("casualties", "killed", None, None, None, 7),
        ("casualties", "killed", None, "UA-53", "Poltava", 4),
    }
    # a part with no place is no fact of its own
    assert facts_of("Twelve people were injured, including five in hospital.") == {
        ("casualties", "injured", None, None, None, 12)
    }


def test_a_person_named_with_who_they_are_counts_one():
    assert facts_of("Ivan Example, a photographer for a news agency, was wounded in Kupiansk.") == {
        ("casualties", "injured", None, "UA-63", "Kupiansk", 1)
    }
    # hearsay about a named person states no figure
    assert facts_of("Ivan Example, a member of parliament, is reportedly injured.") == set()


def test_a_named_commander_killed_is_a_loss_at_war():
    text = "Colonel Ivan Example, the deputy commander of an army corps, was killed in the Kursk region."
    assert facts_of(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine launched 30 drones against Russia, including the capital, Moscow.",
        "Ukraine launched 30 drones against Russia, including Moscow.",
    ],
)
def test_what_including_lists_after_a_munition_total_does_not_place_it(text):
    assert {(f.measure, f.admin1) for f in doc_of(text).facts if f.kind == "munitions"} == {
        ("launched", None)
    }


def test_an_attack_thwarted_with_its_munitions_is_intercepted_and_an_opening_frame_places_it():
    text = "In Russia's Kursk region, which borders Ukraine, the Russian Defence Ministry said it thwarted an attack involving five drones."
    got = {(f.measure, f.country, f.admin1, f.value) for f in doc_of(text).facts if f.kind == "munitions"}
    assert got == {("intercepted", "RU", "RU-KRS", 5)}


def test_an_attack_made_with_its_munitions_is_still_launched():
    got = {
        (f.measure, f.value)
        for f in doc_of("Russia struck Kyiv in an attack involving 40 drones.").facts
        if f.kind == "munitions"
    }
    assert got == {("launched", 40)}


def test_what_happens_in_some_cases_is_no_affected_region():
    text = "Russia launched 30 drones at Kyiv overnight. In some cases, falling debris has damaged buildings in Lviv."
    assert regions_of(text) == {"UA-30"}


def test_a_pipeline_named_after_a_village_is_no_place():
    text = "A Ukrainian drone attack on the Druzhba pipeline in Russia's Bryansk region halted oil flows."
    assert regions_of(text) == {"RU-BRY"}


def test_what_an_earlier_time_followed_is_background():
    text = (
        "It was only 12 days ago that the Council met after a Russian missile killed 19 people in Uman. "
        "Today, a strike on Sumy killed 8 people."
    )
    assert facts_of(text, published="2025-05-01") == {("casualties", "killed", None, "UA-59", "Sumy", 8)}


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Trains were delayed by up to 90 minutes, the railway company said.", 1.5),
        ("Some trains were delayed by 40 minutes after the strike on the railway.", 0.67),
    ],
)
def test_a_rail_delay_in_minutes_is_measured_in_hours(text, hours):
    assert {f[-1] for f in facts_of(text) if f[1] == "rail_delay"} == {hours}


def test_minutes_without_a_delay_on_the_railway_are_no_figure():
    assert facts_of("The air raid alert in Kyiv lasted 40 minutes.") == set()


def test_a_phrasal_verb_before_a_headless_count_governs_it():
    assert facts_of("Russia launched 80 drones overnight. Air defences shot down 52.") == {
        ("munitions", "launched", "drone", None, None, 80),
        ("munitions", "intercepted", "drone", None, None, 52),
    }


def test_hits_by_a_list_of_munitions_are_hits_of_each():
    assert facts_of("Hits by 7 missiles and 19 drones were recorded at 11 locations.") == {
        ("munitions", "hit", "missile", None, None, 7),
        ("munitions", "hit", "drone", None, None, 19),
        ("damage", "sites_hit", "sites", None, None, 11),
    }


def test_a_village_the_report_places_in_another_country_keeps_its_name_there():
    # the gazetteer knows a Horodok only in Ukraine; the report puts one in Russia
    text = "A Ukrainian drone killed three people in the village of Horodok in Russia's Bryansk region."
    assert facts_of(text) == {("casualties", "killed", None, "RU-BRY", "Horodok", 3)}
    assert countries_of(text) == {("casualties", "killed", 3): "RU"}


def test_the_target_after_a_launch_area_is_a_place():
    assert facts_of("Drones launched from the Bryansk region hit Chernihiv, injuring four.") == {
        ("casualties", "injured", None, "UA-74", "Chernihiv", 4)
    }
    assert regions_of("Drones launched from the Bryansk region hit Chernihiv, injuring four.") == {"UA-74"}


def test_a_standalone_joint_breakdown_keeps_the_first_region():
    got = facts_of("Six drones were downed over the Poltava and Kharkiv regions.")
    assert got == {("munitions", "intercepted", "drone", "UA-53", None, 6)}


@pytest.mark.parametrize(
    "text",
    [
        "Air defences intercepted or jammed 310 drones, the air force said.",
        "Air defences shot down or suppressed 310 drones, the air force said.",
    ],
)
def test_downed_or_jammed_together_are_intercepted(text):
    assert facts_of(text) == {("munitions", "intercepted", "drone", None, None, 310)}


def test_an_attribution_reaches_past_a_coordinated_participle():
    text = "A missile hit a block of flats in Lutsk, killing at least 7 people, and wounding 22 others, officials said."
    assert sources_of(text) == {
        ("casualties", "killed", 7): "officials",
        ("casualties", "injured", 22): "officials",
    }


def test_a_week_after_an_earlier_strike_is_background():
    text = "Russia launched 60 drones at Odesa overnight. The attack came a week after a strike on Sumy killed nine people."
    assert facts_of(text) == {("munitions", "launched", "drone", "UA-51", None, 60)}


def test_it_was_also_reported_names_no_one():
    text = "Drones hit Sumy, injuring five people. It was also reported that a strike on Romny killed two people."
    assert set(sources_of(text).values()) == {None}


def test_a_participle_after_a_dated_earlier_attack_is_background():
    text = "Drones hit Sumy on Sunday, injuring five. On July 3, the enemy attacked Romny with missiles, killing two."
    today = {
        (f.measure, f.value)
        for f in doc_of(text, published="2025-07-14").facts
        if f.kind != "regions" and not f.historical
    }
    assert today == {("injured", 5)}


def test_the_capital_after_moscow_is_moscow():
    text = "Moscow Mayor Sergei Sobyanin said four drones flying towards the capital were shot down."
    assert {(f.country, f.admin1) for f in doc_of(text).facts if f.kind == "munitions"} == {("RU", "RU-MOW")}
    assert facts_of("Russian drones attacked the capital overnight, injuring 3 people.") == {
        ("casualties", "injured", None, "UA-30", "Kyiv", 3)
    }


def test_where_is_no_part_of_a_source():
    text = "Explosions were heard in Sevastopol, where the Russian-installed governor said air defences shot down 6 drones."
    assert sources_of(text) == {("munitions", "intercepted", 6): "the Russian-installed governor"}


def test_settlements_left_without_power_are_an_outage_of_settlements():
    assert facts_of("More than 600 towns and villages were left without power in the Sumy region.") == {
        ("damage", "power_outage", "settlements", "UA-59", None, 600)
    }
    assert facts_of("Russian forces shelled 14 settlements in the Kherson region.") == set()


def test_a_fire_in_square_kilometres_is_measured_in_square_metres():
    assert facts_of("The fire at the oil depot covered 3 square kilometres.") == {
        ("damage", "fire_area", "sq_m", None, None, 3_000_000)
    }
    assert facts_of("The fire was 10 kilometres from the front line.") == set()


def test_a_munition_tally_restated_by_the_air_force_is_the_air_forces():
    text = (
        "Ukraine's military said Russia attacked overnight with 31 drones.\n\n"
        "The air force reported that air defences shot down 25 of the 31 drones."
    )
    assert sources_of(text)[("munitions", "launched", 31)] == "The air force"


def test_the_ministry_after_the_russian_defence_ministry_is_the_same_speaker():
    text = (
        "Russian air defences destroyed 64 Ukrainian drones overnight, the Russian Defence Ministry reported.\n\n"
        '"Air defence assets destroyed 64 Ukrainian drones: 40 over the Bryansk region and 24 over the Kursk region," the ministry said.'
    )
    got = [(f.value, f.admin1, f.country, f.source) for f in doc_of(text).facts if f.kind == "munitions"]
    assert sorted(got, key=str) == sorted(
        [
            (64, None, "RU", "the Russian Defence Ministry"),
            (40, "RU-BRY", "RU", "the Russian Defence Ministry"),
            (24, "RU-KRS", "RU", "the Russian Defence Ministry"),
        ],
        key=str,
    )


# --- third pass (2026-12-02): shapes probed with sentences written for these tests ---------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "all of them" in the sentence after the total, active or passive, with or without a noun
        (
            "Russia launched 28 drones at the Sumy region overnight. All of them were shot down.",
            {
                ("munitions", "launched", "drone", "UA-59", None, 28),
                ("munitions", "intercepted", "drone", "UA-59", None, 28),
            },
        ),
        (
            "Russia sent 19 drones and two missiles. Mobile fire groups destroyed all of them.",
            {
                ("munitions", "launched", "drone", None, None, 19),
                ("munitions", "launched", "missile", None, None, 2),
                ("munitions", "intercepted", "drone", None, None, 19),
                ("munitions", "intercepted", "missile", None, None, 2),
            },
        ),
        # a noun after "all" picks its own family's total
        (
            "The enemy used 4 Kinzhal missiles and 22 Shahed drones. Defenders downed 3 Kinzhals and all of the Shaheds.",
            {
                ("munitions", "launched", "ballistic_missile", None, None, 4),
                ("munitions", "launched", "drone", None, None, 22),
                ("munitions", "intercepted", "ballistic_missile", None, None, 3),
                ("munitions", "intercepted", "drone", None, None, 22),
            },
        ),
        (
            "Russia fired 31 drones and five missiles. All the drones were intercepted.",
            {
                ("munitions", "launched", "drone", None, None, 31),
                ("munitions", "launched", "missile", None, None, 5),
                ("munitions", "intercepted", "drone", None, None, 31),
            },
        ),
        # phrasal verbs with "down"
        (
            "Russia launched 44 drones overnight. Air defence units took down 39 of them.",
            {
                ("munitions", "launched", "drone", None, None, 44),
                ("munitions", "intercepted", "drone", None, None, 39),
            },
        ),
        (
            "Of the 12 missiles, 10 were brought down, the air force said.",
            {
                ("munitions", "launched", "missile", None, None, 12),
                ("munitions", "intercepted", "missile", None, None, 10),
            },
        ),
    ],
)
def test_third_pass_munitions(text, expected):
    assert facts_of(text) == expected


def test_all_of_them_restated_later_is_evidenced_by_both_sentences():
    text = "Russia launched 28 drones overnight. All of them were shot down."
    (twin,) = [f for f in doc_of(text).facts if f.measure == "intercepted"]
    assert twin.evidence == (0, len(text))


def test_all_of_them_needs_a_total_just_before():
    # two sentences apart, or no total at all: no figure to restate
    assert facts_of("All of them were shot down, the air force said.") == set()
    got = facts_of("Russia launched 28 drones. The alert lasted three hours. All were destroyed.")
    assert ("munitions", "intercepted", "drone", None, None, 28) not in got


def test_a_number_with_a_verb_of_its_own_does_not_take_a_later_trigger():
    # the rescued are not dead; the bodies are
    got = facts_of("Four people had been rescued and two bodies recovered in Chernihiv, rescuers said.")
    assert got == {("casualties", "killed", None, "UA-74", "Chernihiv", 2)}
    # ("were believed killed" still links the number to its trigger)
    assert facts_of("Three people were believed killed in the strike on Sumy.") == {
        ("casualties", "killed", None, "UA-59", "Sumy", 3)
    }


def test_bodies_returned_in_an_exchange_are_no_casualties():
    assert facts_of("The bodies of 757 fallen defenders were returned to Ukraine on Thursday.") == set()
    assert facts_of("Ukraine has received the remains of 500 servicemen, the headquarters said.") == set()
    # (bodies recovered from the rubble of a strike are its dead)
    assert ("casualties", "killed", None, "UA-53", "Poltava", 6) in facts_of(
        "Rescuers recovered the bodies of six people from the rubble in Poltava."
    )


def test_a_district_of_the_city_is_in_the_city_its_title_names():
    got = facts_of(
        "Odesa Mayor Hennadii Trukhanov said four people were hurt in the city's Kyivskyi district."
    )
    assert got == {("casualties", "injured", None, "UA-51", "Odesa", 4)}


def test_according_to_a_title_keeps_the_apposed_name():
    text = "According to the head of the Sumy regional military administration, Petro Hordiienko, nine people were injured."
    assert sources_of(text) == {
        ("casualties", "injured", 9): "head of the Sumy regional military administration, Petro Hordiienko"
    }
    # one capitalised word after the comma is not a name ("according to police, Kyiv, …")
    text = "According to police, Kyiv, Odesa and Lviv were hit by nine drones."
    assert sources_of(text) == {("munitions", "hit", 9): "police"}


def test_an_elided_casualty_verb_keeps_its_agent():
    # "and seven injured by shelling": "by" after a casualty verb names what hurt them
    got = facts_of("Two civilians were killed and seven injured by shelling of the Kherson region.")
    assert got == {
        ("casualties", "killed", None, "UA-65", None, 2),
        ("casualties", "injured", None, "UA-65", None, 7),
    }
    # (a munition verb before "by" still modifies its noun: "drones launched by Russia")
    got = facts_of("Of 40 drones launched by Russia, 31 were shot down.")
    assert got == {
        ("munitions", "launched", "drone", None, None, 40),
        ("munitions", "intercepted", "drone", None, None, 31),
    }


@pytest.mark.parametrize("dash", ["-", "–", " – "])
def test_the_ends_of_a_route_are_no_location(dash):
    text = f"Trains on the Lviv{dash}Odesa line were delayed by up to three hours."
    assert facts_of(text) == {("damage", "rail_delay", "hours", None, None, 3)}
    assert regions_of(text) == set()
    # (a dash between two clauses is not a route)
    assert regions_of("Two people were killed in Lviv - Odesa was hit too.") == {"UA-46", "UA-51"}


# --- official posts in English: lists, bylines, origins --------------------------------------


def test_a_dashed_list_takes_the_measure_of_the_line_that_opens_it():
    text = (
        "Overnight the enemy attacked with missiles and drones.\n\n"
        "Air surveillance detected and tracked:\n\n"
        "- 4 Iskander-M ballistic missiles;\n\n"
        "- 3 Kinzhal missiles;\n\n"
        "- 120 Shahed drones.\n\n"
        "Air defence shot down or suppressed:\n\n"
        "- 2 Iskander-M ballistic missiles;\n\n"
        "- 97 drones."
    )
    assert facts_of(text) == {
        # (the ballistic items of one list add up: 4 + 3)
        ("munitions", "launched", "ballistic_missile", None, None, 7),
        ("munitions", "launched", "drone", None, None, 120),
        ("munitions", "intercepted", "ballistic_missile", None, None, 2),
        ("munitions", "intercepted", "drone", None, None, 97),
    }
    # a list under a line with no munition verb counts nothing
    assert facts_of("Consequences:\n\n- 4 Iskander-M ballistic missiles;\n\n- 120 Shahed drones.") == set()


def test_figures_of_one_class_listed_in_one_sentence_add_up():
    got = facts_of(
        "The occupiers used 14 Geran-2 drones, 3 Lancet UAVs and 6 FPV drones against the Sumy region."
    )
    assert got == {("munitions", "launched", "drone", "UA-59", None, 23)}
    # (a value stated twice is one figure, not two parts)
    assert facts_of("Russia launched 40 drones, and 40 drones were tracked.") == {
        ("munitions", "launched", "drone", None, None, 40)
    }


@pytest.mark.parametrize(
    "text",
    [
        "The enemy launched 6 Iskander-M missiles (from the Kursk region).",
        "- 45 Kh-101 cruise missiles (from the airspace of the Saratov region);",
        "The enemy attacked with 50 drones launched from the territory of the Russian Federation and the temporarily occupied Crimea.",
    ],
)
def test_where_munitions_came_from_is_no_region_of_the_attack(text):
    if text.startswith("-"):
        text = "Radar tracked:\n\n" + text
    assert regions_of(text) == set()
    assert all(f[3] is None for f in facts_of(text))


def test_regions_where_air_defence_worked_are_affected():
    assert regions_of("Air defence also worked in the Kyiv, Chernihiv and Poltava oblasts.") == {
        "UA-32",
        "UA-74",
        "UA-53",
    }
    # (a defence ministry's name is no such statement)
    assert regions_of("The defence ministry in Kyiv published a statement.") == set()


def test_a_posts_byline_speaks_for_the_post_and_places_its_munitions():
    text = (
        "Ivan Koval, head of the Sumy Regional Military Administration, on Telegram:\n\n"
        "Over the past day the occupiers used 12 drones and 2 KABs.\n\n"
        "In Shostka, a 60-year-old man was injured."
    )
    assert sources_of(text) == {
        ("munitions", "launched", 12): "Ivan Koval, head of the Sumy Regional Military Administration",
        ("munitions", "launched", 2): "Ivan Koval, head of the Sumy Regional Military Administration",
        ("casualties", "injured", 1): "Ivan Koval, head of the Sumy Regional Military Administration",
    }
    assert ("munitions", "launched", "drone", "UA-59", None, 12) in facts_of(text)
    # a sentence that names its own speaker keeps it
    text += "\n\nThe police said two people were hurt in Okhtyrka."
    assert sources_of(text)[("casualties", "injured", 2)] == "The police"


def test_ordnance_disposal_is_no_damage_or_munition_figure():
    assert (
        facts_of("Over the past day, sappers destroyed 44 explosive objects in the Kherson region.") == set()
    )
    assert facts_of("Pyrotechnicians surveyed 3 hectares and neutralised 12 shells.") == set()


def test_a_city_district_named_as_an_adjective_is_no_settlement():
    text = "Kharkiv: in the Kyivskyi district, a drone hit a house. A 50-year-old man was injured."
    assert facts_of(text) == {("casualties", "injured", None, "UA-63", "Kharkiv", 1)}
    assert regions_of(text) == {"UA-63"}


def test_an_attribution_closing_its_sentence_speaks_for_all_of_it():
    text = "In Okhtyrka, a man was killed by shelling, and two residents were wounded, Governor Ivan Koval added."
    assert set(sources_of(text).values()) == {"Governor Ivan Koval"}


def test_a_paragraphs_speaker_named_at_its_end_said_the_sentences_before():
    text = (
        "In Sumy, a woman was killed when a drone hit her house. "
        "Four people were injured in the city, Governor Ivan Koval said.\n\n"
        "Russia launched 40 drones overnight."
    )
    got = sources_of(text)
    assert got[("casualties", "killed", 1)] == "Governor Ivan Koval"
    assert got[("casualties", "injured", 4)] == "Governor Ivan Koval"
    assert got[("munitions", "launched", 40)] is None  # (another paragraph)
    # a speaker named first in the paragraph does not reach back: "X said …" speaks forward
    text = "A woman was killed in Sumy. Governor Ivan Koval said four people were injured."
    assert sources_of(text)[("casualties", "killed", 1)] is None


def test_according_to_a_pronoun_is_the_speaker_named_before():
    text = (
        "Governor Ivan Koval said on Monday that the alert had lasted all night. "
        "According to him, the Russians launched 19 drones at the Sumy region."
    )
    assert sources_of(text) == {("munitions", "launched", 19): "Governor Ivan Koval"}


def test_an_outlets_source_line_speaks_for_the_story():
    text = (
        "Russian drones attacked the Mykolaiv region overnight, injuring three people.\n\n"
        "Source: Vitalii Kim, head of the Mykolaiv Oblast Military Administration, on Telegram\n\n"
        "Details: A fire broke out on an area of 300 square metres."
    )
    assert set(sources_of(text).values()) == {
        "Vitalii Kim, head of the Mykolaiv Oblast Military Administration"
    }


def test_who_the_dead_were_after_a_comma_is_no_more_dead():
    assert facts_of("Three people died in Uman, a man and two women.") == {
        ("casualties", "killed", None, "UA-71", "Uman", 3)
    }
    assert facts_of("Five people were injured in Uman, two men and three women.") == {
        ("casualties", "injured", None, "UA-71", "Uman", 5)
    }
    # (a place of its own, or a verb of its own, is another figure)
    assert facts_of("Three people died in Uman, two in Smila.") == {
        ("casualties", "killed", None, "UA-71", "Uman", 3),
        ("casualties", "killed", None, "UA-71", "Smila", 2),
    }
    assert ("casualties", "injured", None, "UA-71", "Uman", 2) in facts_of(
        "Three people died in Uman, and two children were injured."
    )


def test_of_the_total_with_a_relative_clause_and_a_subject_of_its_own():
    text = (
        "Russian forces attacked the Mykolaiv region with drones overnight. "
        "Of the 17 Shahed drones that approached the region, air defence destroyed 15."
    )
    assert facts_of(text) == {
        ("munitions", "launched", "drone", "UA-48", None, 17),
        ("munitions", "intercepted", "drone", "UA-48", None, 15),
    }


def test_the_region_means_the_region_named_before():
    text = "Russia attacked the Poltava region with drones. Air defence shot down 11 drones over the region."
    assert facts_of(text) == {("munitions", "intercepted", "drone", "UA-53", None, 11)}
    # two regions named before: "the region" says not which
    text = "Russia attacked the Poltava and Sumy regions. Air defence shot down 11 drones over the region."
    assert facts_of(text) == {("munitions", "intercepted", "drone", None, None, 11)}


# --- live blogs, updates, fires that grow ---------------------------------------------------


def test_a_live_blogs_later_entries_update_the_earlier():
    text = (
        "07:55\n\nTwo people were injured in Chernihiv, the governor says.\n\n"
        "09:10\n\nThe number of injured in Chernihiv has risen to five.\n\n"
        "11:30 a.m.\n\nSeven people are being treated for injuries in Chernihiv, the State Emergency Service says.\n\n"
        "13:00\n\nA recap: seven people were injured in Chernihiv."
    )
    assert facts_of(text) == {("casualties", "injured", None, "UA-74", "Chernihiv", 7)}
    # the recap names no speaker: the figure is the last speaker's
    assert sources_of(text) == {("casualties", "injured", 7): "the State Emergency Service"}
    # without time stamps, separate statements of one place add up as before
    plain = "Two people were injured in Chernihiv. In a separate attack, five were injured in Chernihiv."
    assert facts_of(plain) == {("casualties", "injured", None, "UA-74", "Chernihiv", 7)}


def test_the_number_of_consumers_risen_to_is_an_outage():
    text = "The number of consumers without power in the Rivne region has risen to 64,000."
    assert facts_of(text) == {("damage", "power_outage", "consumers", "UA-56", None, 64000)}


def test_rail_figures_are_the_networks_unless_a_region_is_named():
    text = "Ukrzaliznytsia says 9 trains are running late after a strike on a substation near Lviv."
    assert facts_of(text) == {("damage", "trains_delayed", "trains", None, None, 9)}
    text = "In the Lviv region, 9 trains were delayed after a strike on a substation."
    assert facts_of(text) == {("damage", "trains_delayed", "trains", "UA-46", None, 9)}


def test_a_person_described_between_commas_still_counts():
    text = "In Izmail, a 51-year-old man, a worker at the port, died. Two more people were injured and handed over to doctors."
    assert facts_of(text) == {
        ("casualties", "killed", None, "UA-51", "Izmail", 1),
        ("casualties", "injured", None, "UA-51", "Izmail", 2),
    }


def test_a_fires_area_restated_as_it_grows_is_its_last_statement():
    text = (
        "A fire broke out at a warehouse in Poltava. It spread over 900 square metres. "
        "The total area of the fire was 1,300 square metres.\n\n"
        "In addition, a fire of 40 square metres broke out in a flat in Poltava."
    )
    # (the second fire, another paragraph, adds to the first)
    assert facts_of(text) == {("damage", "fire_area", "sq_m", "UA-53", None, 1340)}
    # two fires in one sentence add up as before
    text = "Fires covering 500 and 300 square metres broke out in Poltava."
    assert facts_of(text) == {("damage", "fire_area", "sq_m", "UA-53", None, 800)}


def test_a_list_under_a_power_cut_line_counts_consumers_per_region():
    text = (
        "As a result of the attack, consumers are without power in:\n\n"
        "- the Chernihiv region: 31,000;\n\n"
        "- the Sumy region: about 9,000."
    )
    assert facts_of(text) == {
        ("damage", "power_outage", "consumers", "UA-74", None, 31000),
        ("damage", "power_outage", "consumers", "UA-59", None, 9000),
    }
    # ("As a result of the attack, …": the lead's munition word is not what the list counts)
    assert not any(k == "munitions" for k, *_ in facts_of(text))


def test_an_organisation_labelling_a_paragraph_is_its_speaker():
    text = "Naftogaz: In the Poltava region, a gas facility was hit and 2,000 families are without gas supply.\n\nUKRENERGO: 40,000 consumers are without power in the Poltava region."
    assert sources_of(text) == {("damage", "power_outage", 40000): "UKRENERGO"}
    # a place labelling a list item is no speaker
    assert sources_of("Kharkiv: in the city, a drone injured five people.") == {
        ("casualties", "injured", 5): None
    }


def test_a_releases_title_names_its_issuer():
    text = (
        "State Emergency Service of Ukraine: rescuers put out a fire in Kropyvnytskyi\n\n"
        "A fire broke out over an area of 700 square metres in Kropyvnytskyi after a drone attack."
    )
    assert sources_of(text) == {("damage", "fire_area", 700): "State Emergency Service of Ukraine"}
    # a headline quoting a person is not a release
    text = "Zelensky: we need more air defence\n\nA fire broke out over 700 square metres in Kropyvnytskyi."
    assert sources_of(text) == {("damage", "fire_area", 700): None}


def test_most_of_them_over_regions_is_a_part_not_the_totals_place():
    text = "The ministry said it downed 40 of 47 Ukrainian drones overnight, most of them over the Kursk and Oryol regions."
    got = facts_of(text)
    assert ("munitions", "launched", "drone", None, None, 47) in got
    assert ("munitions", "intercepted", "drone", None, None, 40) in got


def test_a_relative_clause_after_a_partitive_is_the_totals():
    text = "Air defences destroyed 27 of the 35 drones that Russia launched at the south overnight."
    assert facts_of(text) == {
        ("munitions", "intercepted", "drone", None, None, 27),
        ("munitions", "launched", "drone", None, None, 35),
    }


def test_a_settlement_the_gazetteer_lacks_takes_the_region_named_sentences_before():
    text = (
        "Shelling hit Russia's Bryansk region on Monday, the governor said. A man was hurt by debris. "
        "In the village of Glotovka, a drone injured three workers."
    )
    assert ("casualties", "injured", None, "RU-BRY", "Glotovka", 3) in facts_of(text)


def test_of_them_takes_the_place_of_its_total():
    text = (
        "Russia fired six Kalibr cruise missiles at Mykolaiv from the Black Sea, and four of them "
        "were shot down, the governor said. In Odesa, two people were hurt."
    )
    assert ("munitions", "intercepted", "cruise_missile", "UA-48", None, 4) in facts_of(text)


def test_one_of_the_missiles_is_a_count_of_the_class_launched():
    text = "Russia launched 12 drones and two Kh-59 missiles. Air defences downed 10 of the drones and one of the missiles."
    assert ("munitions", "intercepted", "cruise_missile", None, None, 1) in facts_of(text)
    # "one of the buildings" is still no count
    assert not any(k == "damage" for k, *_ in facts_of("A drone hit one of the buildings in Sumy."))


def test_a_region_labelled_casualty_takes_the_settlement_of_its_event():
    text = "Sumy region: three people were injured when a drone hit a bus in Shostka, the governor said."
    assert facts_of(text) == {("casualties", "injured", None, "UA-59", "Shostka", 3)}


def test_surpassing_a_record_leaves_todays_figure_today():
    text = (
        "The overnight attack, in which Russia launched 640 drones, was the largest of the war, "
        "surpassing the previous record of 520 drones set in March."
    )
    assert facts_of(text, published="2025-09-10") == {("munitions", "launched", "drone", None, None, 640)}
    # a sentence about the record itself is background, as before
    text = "The previous record, 520 drones, was set in March."
    assert facts_of(text, published="2025-09-10") == set()


@pytest.mark.parametrize(
    "text",
    [
        "During the whole of 2023, by comparison, Russia used roughly 2,000 drones.",
        "In 2024, a strike on the capital killed 31 people.",
        "Last winter, a single strike on Kyiv killed 12 people.",
    ],
)
def test_a_clause_set_in_an_earlier_season_or_year_is_background(text):
    assert facts_of(text, published="2025-09-10") == set()


def test_a_year_that_is_the_reports_own_is_not_background():
    text = "In 2025, Russia launched 640 drones in one night, the air force said."
    assert facts_of(text, published="2025-09-10") == {("munitions", "launched", "drone", None, None, 640)}


def test_a_lower_case_command_is_a_speaker():
    text = "Southern defence forces said they had shot down nine of 11 drones over the Mykolaiv region."
    assert set(sources_of(text).values()) == {"Southern defence forces"}
    text = "In the south, southern defence forces said they had shot down nine of 11 drones."
    assert set(sources_of(text).values()) == {"southern defence forces"}


def test_a_name_set_in_the_region_named_after_it_is_a_settlement():
    text = "A Ukrainian drone strike injured four people in Kozinka, Belgorod Oblast, Russia."
    assert facts_of(text) == {("casualties", "injured", None, "RU-BEL", "Kozinka", 4)}
    # a known settlement keeps its own record
    text = "A drone strike injured four people in Shebekino, Belgorod Oblast, Russia."
    assert facts_of(text) == {("casualties", "injured", None, "RU-BEL", "Shebekino", 4)}


def test_killing_another_person_adds_one():
    text = "A missile struck Uman, killing 12 people. Later, a drone attack on Uman killed another civilian."
    assert facts_of(text) == {("casualties", "killed", None, "UA-71", "Uman", 13)}
    # "another" before a munition is no count
    assert facts_of("Another drone hit a house in Uman.") == set()


def test_one_after_a_reporting_that_is_a_count():
    text = "The navy said it had intercepted seven drones, but that one struck a warehouse in Izmail."
    assert ("munitions", "hit", "drone", "UA-51", None, 1) in facts_of(text)
    # the pronoun "that one" is no count
    assert facts_of("That one was the worst attack in months, residents of Izmail said.") == set()


def test_a_region_in_blackout_or_targeted_in_russia_is_affected():
    assert regions_of("After the strikes, the entire Kirovohrad region is in a complete blackout.") == {
        "UA-35"
    }
    assert regions_of("A Ukrainian drone strike targeted a university in Gudermes, Chechnya, Russia.") == {
        "RU-CE"
    }
    # (a Russian region named as the attacker's is not)
    assert regions_of("Chechnya's leader Ramzan Kadyrov vowed revenge.") == set()


def test_a_heading_names_a_topic_not_an_affected_region():
    text = "Odesa strikes\n\nA Russian drone struck a house in Fastiv, Kyiv Oblast, killing two people."
    assert regions_of(text) == {"UA-32"}


@pytest.mark.parametrize("label", ["LIVE", "UPDATE", "BREAKING", "KYIV"])
def test_an_outlets_capital_label_is_no_speaker(label):
    assert sources_of(f"{label}: Two people were killed in Kyiv overnight.") == {
        ("casualties", "killed", 2): None
    }


def test_a_speaker_at_a_paragraphs_end_does_not_reach_figures_of_another_kind():
    text = "Russia launched 40 drones at Ukraine overnight. Two people were killed in Kyiv, Mayor Ivan Koval said."
    got = sources_of(text)
    assert got[("munitions", "launched", 40)] is None
    assert got[("casualties", "killed", 2)] == "Mayor Ivan Koval"
    assert ("munitions", "launched", "drone", None, None, 40) in facts_of(text)  # (not the mayor's city)


def test_debris_locations_are_no_sites_hit():
    text = "Hits by 6 drones were recorded at 4 locations, and debris fell at 3 locations."
    assert ("damage", "sites_hit", "sites", None, None, 4) in facts_of(text)
    assert ("damage", "sites_hit", "sites", None, None, 7) not in facts_of(text)


def test_labels_that_name_a_speaker():
    # a body on a line of its own heading a post
    text = "Sumy Oblast Military Administration:\n\nAs a result of the attack, a 40-year-old man was injured in Shostka."
    assert sources_of(text) == {("casualties", "injured", 1): "Sumy Oblast Military Administration"}
    # a titled person labelling an entry, and later their surname alone
    text = (
        "14:45\n\nGovernor Ivan Koval: a missile hit a factory in Uman. Three people were injured.\n\n"
        "16:10\n\nKoval: the number of injured in Uman has risen to 5.\n\n17:00\n\nMore soon."
    )
    assert sources_of(text) == {("casualties", "injured", 5): "Governor Ivan Koval"}
    # a label that names no one
    assert sources_of("Consequences: a house was damaged in Sumy. A man was injured.") == {
        ("casualties", "injured", 1): None
    }


def test_a_region_where_shelling_was_damaging_is_affected():
    assert regions_of("Sumy region: Russian forces fired mortars at Krasnopillia, damaging a school.") == {
        "UA-59"
    }


def test_an_entry_opening_in_an_unknown_village_names_it():
    text = "- Kupiansk district: in Hlushkivka, a 60-year-old man was injured."
    assert facts_of(text) == {("casualties", "injured", None, "UA-63", "Hlushkivka", 1)}
    # a month, or no region named, is no village
    assert facts_of("In March, a man was injured in the Kharkiv region.", published="2025-03-05") == {
        ("casualties", "injured", None, "UA-63", None, 1)
    }
    assert facts_of("In Hlushkivka, a 60-year-old man was injured.") == {
        ("casualties", "injured", None, None, None, 1)
    }


# --- fourth pass ----------------------------------------------------------------------------


def test_an_area_put_out_by_firefighters_is_a_fire_area_without_the_word_fire():
    text = "A drone hit a depot in Poltava. Rescuers localised it on an area of 320 square metres."
    assert ("damage", "fire_area", "sq_m", "UA-53", None, 320) in {
        (k, m, u, a, None, v) for k, m, u, a, _p, v in facts_of(text)
    }
    # an area with no fire in it is no fire area
    assert not any(
        f[1] == "fire_area" for f in facts_of("The warehouse in Poltava covers 320 square metres.")
    )


def test_a_sentence_without_figures_speaks_for_the_paragraph_before_it_whatever_their_kind():
    text = (
        "In the village of Shalyhyne, a woman was wounded by a drone. "
        "She was taken to hospital with shrapnel wounds, the governor said."
    )
    assert sources_of(text) == {("casualties", "injured", 1): "the governor"}
    # a speaker who states figures of one kind still does not reach back to another kind
    text = "Russia launched 40 drones overnight. Two people were killed in Sumy, the mayor said."
    assert sources_of(text)[("munitions", "launched", 40)] is None


def test_a_speaker_who_lists_the_victims_says_the_list():
    text = "Governor Ihor Tarasenko listed the victims: in Sumy, two men were injured."
    assert sources_of(text) == {("casualties", "injured", 2): "Governor Ihor Tarasenko"}


def test_a_release_titled_with_its_issuers_name_alone_is_theirs():
    text = (
        "Poltava Regional Military Administration\nEvening update, 3 September\n\n"
        "In Kremenchuk, a drone damaged three houses. Two residents were injured."
    )
    src = sources_of(text)
    assert src[("casualties", "injured", 2)] == "Poltava Regional Military Administration"
    # a title-case headline that ends with a body's word is a headline, not an issuer
    text = "Russian Drone Strike Hits Kremenchuk Power Company\n\nTwo residents of Kremenchuk were injured."
    assert sources_of(text) == {("casualties", "injured", 2): None}


def test_a_figure_restated_by_a_named_speaker_takes_their_name_over_officials():
    text = (
        "A missile hit Kryvyi Rih, killing four people, officials said. "
        "The strike on Kryvyi Rih killed four people, regional governor Petro Danylenko said."
    )
    assert sources_of(text) == {("casualties", "killed", 4): "regional governor Petro Danylenko"}
    # a named speaker first keeps their figure when officials repeat it
    text = (
        "The strike on Kryvyi Rih killed four people, regional governor Petro Danylenko said. "
        "A missile hit Kryvyi Rih, killing four people, officials said."
    )
    assert sources_of(text) == {("casualties", "killed", 4): "regional governor Petro Danylenko"}


def test_an_attack_named_by_its_month_is_background_with_the_clause_that_describes_it():
    text = "The deadliest strike of the year remains the March strike on Odesa, in which 19 people died."
    assert facts_of(text, published="2025-11-20") == set()
    # an attack of the report's own month, named so, is today's
    text = "The November strike on Odesa killed two people, the regional governor said."
    assert ("casualties", "killed", None, "UA-51", "Odesa", 2) in facts_of(text, published="2025-11-20")


def test_a_superlative_before_a_named_day_is_about_that_day():
    lead = "Russia launched 52 drones at Ukraine overnight, the air force said. "
    text = lead + "The heaviest night of the month, on Oct. 4, saw 390 drones launched at Ukraine."
    assert facts_of(text, published="2025-10-30") == {("munitions", "launched", "drone", None, None, 52)}
    # a superlative before a period still keeps today's figure today's
    text = "Russia launched 390 drones overnight, the largest attack on Ukraine in October."
    assert ("munitions", "launched", "drone", None, None, 390) in facts_of(text, published="2025-10-30")


def test_list_items_with_their_own_unit_under_an_outage_line():
    text = (
        "After the strikes there are power outages for household consumers:\n"
        "- Poltava region: 48,000 consumers;\n"
        "- Sumy region: about 12,000 consumers."
    )
    assert facts_of(text) == {
        ("damage", "power_outage", "consumers", "UA-53", None, 48000),
        ("damage", "power_outage", "consumers", "UA-59", None, 12000),
    }


def test_a_connective_between_a_source_and_its_verb_is_no_part_of_it():
    text = "Belarusian officials, meanwhile, said air defences downed three drones over Belarus."
    assert {a.source for a in doc_of(text).attributions} == {"Belarusian officials"}
    text = "Ihor Terekhov, the mayor, said a drone damaged 12 cars in Kharkiv."
    assert {a.source for a in doc_of(text).attributions} == {"Ihor Terekhov, the mayor"}


@pytest.mark.parametrize(
    "text",
    [
        "Over the past month, Russia launched about 5,200 drones at Ukraine.",
        "Russia fired 131 missiles, down from 188 the month before.",
        "During the month, 240 civilians were killed across Ukraine.",
    ],
)
def test_a_months_totals_are_background(text):
    assert facts_of(text, published="2025-11-01") == set()


def test_a_comparison_with_the_night_before_keeps_todays_figure():
    text = "Russia launched 86 drones overnight, up from 40 the night before."
    assert ("munitions", "launched", "drone", None, None, 86) in facts_of(text)


def test_a_live_blog_entry_labelled_after_its_time_is_its_speakers():
    text = (
        "LIVE: night attack on Poltava\n\n"
        "01:10 - Explosions in Poltava.\n\n"
        "03:25 - Air force: of the 31 drones Russia launched overnight, 26 were shot down.\n\n"
        "05:40 Ukrenergo: 9,000 households in Poltava are without electricity."
    )
    src = sources_of(text)
    assert src[("munitions", "launched", 31)] == "Air force"
    assert src[("damage", "power_outage", 9000)] == "Ukrenergo"


def test_an_entrys_time_stamp_is_no_part_of_its_speaker():
    text = "11:15 - The city military administration says two residents of Poltava were injured."
    assert sources_of(text) == {("casualties", "injured", 2): "The city military administration"}


def test_a_pronoun_speaker_after_an_opening_phrase_is_the_one_named_before():
    text = (
        "Governor Taras Melnyk initially said one person was killed in Uzhhorod. "
        "By noon he said the toll had risen to three."
    )
    assert sources_of(text) == {("casualties", "killed", 3): "Governor Taras Melnyk"}


def test_it_said_after_a_contrast_covers_the_whole_sentence():
    text = (
        "Russia fired 20 cruise missiles, Ukraine's air force said. "
        "Air defences downed 17 of the cruise missiles but none of the ballistic ones, it said."
    )
    assert sources_of(text)[("munitions", "intercepted", 17)] == "Ukraine's air force"


def test_a_release_titled_by_a_company_known_by_its_acronym_is_theirs():
    text = "DTEK Kyiv Regional Grids\n9 May\n\nAfter the attack, 12,000 families in Bucha are without electricity."
    assert sources_of(text) == {("damage", "power_outage", 12000): "DTEK Kyiv Regional Grids"}


def test_a_list_opened_by_among_them_counts_what_the_clause_before_counts():
    text = (
        "By noon, about 90,000 households were left without electricity, among them:\n"
        "- Chernivtsi region: 61,000;\n"
        "- Zakarpattia region: 29,000."
    )
    facts = facts_of(text)
    assert ("damage", "power_outage", "households", "UA-77", None, 61000) in facts
    assert ("damage", "power_outage", "households", "UA-21", None, 29000) in facts


def test_a_person_with_their_age_set_off_by_commas_is_one_casualty():
    text = (
        "Drones struck the village of Kozacha Lopan in the Kharkiv region on Monday. A man, 64, was killed "
        "and a woman, aged 59, was injured, the governor said."
    )
    facts = facts_of(text)
    assert ("casualties", "killed", None, "UA-63", "Kozacha Lopan", 1) in facts
    assert ("casualties", "injured", None, "UA-63", "Kozacha Lopan", 1) in facts


def test_the_person_known_by_their_age_is_a_new_casualty():
    text = "A drone hit a tractor near Beryslav in the Kherson region. The 52-year-old farmer was killed."
    assert ("casualties", "killed", None, "UA-65", None, 1) in facts_of(text)


def test_a_sentence_saying_injuries_without_the_word_injured_is_read():
    text = (
        "A guided bomb hit a shop in Kupiansk in the Kharkiv region. "
        "A woman sustained shrapnel wounds to her arm."
    )
    assert ("casualties", "injured", None, "UA-63", "Kupiansk", 1) in facts_of(text)


def test_live_blog_entries_stamped_without_a_dash_update_each_other():
    text = (
        "Odesa under attack: live\n\n"
        "08:05 Explosions are heard in Odesa.\n\n"
        "08:40 Governor Ivan Example: two people were killed and nine injured.\n\n"
        "09:15 The number of injured has grown to 12.\n\n"
        "10:30 Governor: three people were killed and 14 injured in Odesa.\n"
    )
    facts = facts_of(text, published="2025-03-02")
    assert ("casualties", "killed", None, "UA-51", "Odesa", 3) in facts
    assert ("casualties", "injured", None, "UA-51", "Odesa", 14) in facts
    assert not any(f[1] == "killed" and f[5] == 5 for f in facts)


def test_a_time_at_a_line_start_before_a_lower_case_word_is_no_entry_stamp():
    text = (
        "Three people were killed in Sumy on Tuesday, the governor said.\n\n"
        "10:00 consumers in the city had no power.\n\n"
        "11:00 residents were told to stay in shelters.\n\n"
        "12:00 shelters stayed open. Two more people were killed in Sumy in a later strike.\n"
    )
    assert ("casualties", "killed", None, "UA-59", "Sumy", 5) in facts_of(text)


def test_damage_figures_coordinated_in_one_live_blog_entry_add_up():
    # (a live blog's figures update each other, but not the parts of one sentence)
    text = (
        "07:10 — Drones hit Chernihiv overnight.\n\n"
        "07:45 — Mayor: the strikes damaged homes.\n\n"
        "08:30 — Emergency crews are at work.\n\n"
        "09:00 — Mayor: nine houses, two schools and a clinic were damaged.\n"
    )
    assert ("damage", "buildings_damaged", "buildings", "UA-74", None, 11) in facts_of(text)


def test_a_namesake_village_is_the_one_in_the_region_of_the_city_the_report_is_about():
    # Zolochiv: a town of the Lviv region and a settlement of the Kharkiv region
    text = (
        "Russian guided bombs struck Kharkiv on Friday, the mayor said. "
        "In Zolochiv, a drone injured a 40-year-old woman, officials reported."
    )
    assert ("casualties", "injured", None, "UA-63", "Zolochiv", 1) in facts_of(text)


def test_districts_a_munition_hit_are_no_figure_and_do_not_cut_off_the_city():
    text = "Three Russian missiles hit two districts of Dnipro on Monday."
    assert facts_of(text) == {("munitions", "hit", "missile", "UA-12", None, 3)}


def test_those_in_hospital_after_an_injured_total_are_some_of_the_injured():
    text = (
        "Drones struck Poltava overnight. Five people were injured, the governor said. "
        "Three of the victims are in hospital."
    )
    assert ("casualties", "injured", None, "UA-53", "Poltava", 5) in facts_of(text)
    text = (
        "10:00 — Sirens in Poltava.\n\n11:00 — Governor: two killed, 17 injured in Poltava. "
        "Nine people are in hospital.\n\n12:00 — The all-clear was given.\n"
    )
    facts = facts_of(text)
    assert ("casualties", "injured", None, "UA-53", "Poltava", 17) in facts
    assert ("casualties", "injured", None, "UA-53", "Poltava", 9) not in facts


def test_hospitalised_alone_counts_the_injured():
    text = "Eight people were hospitalised after a drone hit a bus in Nikopol, the governor said."
    assert ("casualties", "injured", None, "UA-12", "Nikopol", 8) in facts_of(text)


def test_a_live_blog_figure_said_again_later_is_as_late_as_its_last_saying():
    text = (
        "Recap: four people were killed in Kyiv overnight, officials said.\n\n"
        "02:40 — Mayor: two people killed in Kyiv.\n\n"
        "04:15 — Mayor: the toll rises to three.\n\n"
        "09:30 — Mayor: four killed in Kyiv.\n"
    )
    facts = facts_of(text, published="2026-01-14")
    assert ("casualties", "killed", None, "UA-30", "Kyiv", 4) in facts
    assert ("casualties", "killed", None, "UA-30", "Kyiv", 2) not in facts


def test_a_toll_in_the_lead_said_again_as_the_latest_update_is_not_added_to_the_first():
    text = (
        "At least five people were killed in a missile strike on Sumy, the governor said.\n\n"
        "The governor initially said four people were killed. "
        "By the evening, the toll had risen to five.\n"
    )
    facts = facts_of(text)
    assert ("casualties", "killed", None, "UA-59", "Sumy", 5) in facts
    assert not any(f[1] == "killed" and f[5] in (4, 9) for f in facts)


def test_a_post_headed_by_its_issuer_and_channel_is_the_issuers():
    text = (
        "Zaporizhzhia Regional Military Administration | Telegram\n"
        "3 March 2026, 07:40\n\n"
        "Over the past day, three people were injured in Vilniansk."
    )
    assert sources_of(text) == {("casualties", "injured", 3): "Zaporizhzhia Regional Military Administration"}


def test_what_a_cumulative_total_comes_with_is_cumulative_too():
    text = (
        "Five people were injured in Kramatorsk today. Since the start of the full-scale "
        "invasion, 1,200 residents of the city have been killed, with 3,400 injured."
    )
    assert facts_of(text) == {("casualties", "injured", None, "UA-14", "Kramatorsk", 5)}


@pytest.mark.parametrize(
    "text",
    [
        "Prosecutors said 40 civilians had been killed in the Sumy region this month.",
        "Officials say more than 200 schools in the Kherson region have been damaged since then.",
    ],
)
def test_a_months_total_and_a_total_since_then_are_background(text):
    assert facts_of(text) == set()


@pytest.mark.parametrize("share", ["mostly at", "mainly targeting", "largely over"])
def test_where_most_of_a_wave_went_does_not_place_all_of_it(share):
    text = f"Russia launched 63 drones at Ukraine overnight, {share} the Mykolaiv region, the air force said."
    assert facts_of(text) == {("munitions", "launched", "drone", None, None, 63)}


def test_the_outskirts_of_a_city_are_the_city():
    text = "A missile hit a warehouse on the outskirts of Poltava, killing three workers, the governor said."
    assert ("casualties", "killed", None, "UA-53", "Poltava", 3) in facts_of(text)


def test_people_considered_missing_are_missing():
    text = "Four people were killed in Izium and two are still considered missing, the governor said."
    assert ("casualties", "missing", None, "UA-63", "Izium", 2) in facts_of(text)


def test_the_last_time_a_city_was_hit_is_an_earlier_attack_however_recent():
    text = (
        "Four people were killed in Odesa overnight, the governor said. "
        "The city was last hit this hard on 9 May, when seven people died."
    )
    facts = facts_of(text, published="2025-05-12")
    assert ("casualties", "killed", None, "UA-51", "Odesa", 4) in facts
    assert not any(f[5] == 7 for f in facts)


def test_the_missiles_after_a_total_of_all_missiles_are_all_of_them():
    text = (
        "Russia fired 30 missiles, including eight Kinzhal ballistic missiles, the air force said. "
        "Air defences destroyed 22 of the missiles."
    )
    assert ("munitions", "intercepted", "missile", None, None, 22) in facts_of(text)


def test_one_of_the_missiles_before_its_verb_is_a_count():
    text = "Russia fired three cruise missiles at Ukraine overnight. One of the missiles was shot down, the air force said."
    assert ("munitions", "intercepted", "cruise_missile", None, None, 1) in facts_of(text)


def test_a_civilian_man_in_the_singular_counts():
    text = "In Vovchansk, a civilian man was injured by a drone, the governor said."
    assert ("casualties", "injured", None, "UA-63", "Vovchansk", 1) in facts_of(text)


def test_the_person_a_sentence_opens_with_counts_unless_named_before():
    text = "A drone struck a minibus near the village of Bilopillia. The driver was killed."
    assert ("casualties", "killed", None, "UA-59", "Bilopillia", 1) in facts_of(text)
    text = "Three people were injured in Sumy, including a minibus driver. The driver was injured by glass."
    assert {f for f in facts_of(text) if f[1] == "injured"} == {
        ("casualties", "injured", None, "UA-59", "Sumy", 3)
    }


def test_a_post_headed_by_a_titled_person_and_channel_is_theirs():
    text = (
        "Kursk region governor Ivan Ivanenko | Telegram\n"
        "5 June 2024, 20:10\n\n"
        "In Rylsk, two women were injured by shelling."
    )
    assert sources_of(text) == {("casualties", "injured", 2): "Kursk region governor Ivan Ivanenko"}


def test_the_region_of_a_report_about_one_region_when_no_region_was_named_just_before():
    text = (
        "A drone hit a shop in the town of Rylsk, in the Kursk region.\n\n"
        "Shelling also damaged two houses and a barn.\n\n"
        "Air defences shot down seven drones over the region overnight, according to the Ministry of Defence."
    )
    assert ("munitions", "intercepted", "drone", "RU-KRS", None, 7) in facts_of(text)


def test_passenger_trains_are_trains():
    text = "After the strike, 14 passenger trains were delayed, Ukrzaliznytsia said."
    assert ("damage", "trains_delayed", "trains", None, None, 14) in facts_of(text)


def test_two_persons_in_the_singular_joined_count_two():
    text = "A drone hit a house in Snovsk. A man was killed, his wife and daughter were injured."
    facts = facts_of(text)
    assert ("casualties", "injured", None, "UA-74", "Snovsk", 2) in facts
    assert ("casualties", "killed", None, "UA-74", "Snovsk", 1) in facts


@pytest.mark.parametrize(
    "text",
    [
        "A missile struck a depot in Kupiansk, killing a railway worker.",
        "Our colleague, a 52-year-old engineer, was killed in Kupiansk, the company said.",
    ],
)
def test_a_worker_known_by_their_trade_counts(text):
    assert ("casualties", "killed", None, "UA-63", "Kupiansk", 1) in facts_of(text)


def test_a_regions_lead_total_that_its_settlements_add_up_to_is_their_total():
    text = (
        "Russian attacks killed three residents of the Kherson region over the past day, the governor said.\n\n"
        "In Bilozerka, two people were killed. In Chornobaivka, a woman was killed."
    )
    killed = {f for f in facts_of(text) if f[1] == "killed"}
    assert killed == {
        ("casualties", "killed", None, "UA-65", "Bilozerka", 2),
        ("casualties", "killed", None, "UA-65", "Chornobaivka", 1),
    }


def test_a_regions_figure_after_its_settlements_is_its_own():
    text = (
        "A man was injured in Nikopol. In Kryvyi Rih, a woman was injured.\n\n"
        "Dnipro district. Drones struck a farm. Two men were injured."
    )
    assert ("casualties", "injured", None, "UA-12", None, 2) in facts_of(text)


def test_a_similar_attack_recalled_is_background():
    text = (
        "Two port workers were injured in Izmail overnight, officials said. "
        "Last week, a similar attack on Izmail injured a truck driver."
    )
    assert {f for f in facts_of(text, published="2024-09-10") if f[1] == "injured"} == {
        ("casualties", "injured", None, "UA-51", "Izmail", 2)
    }


def test_kinds_of_drone_named_and_joined_are_one_noun_phrase():
    text = "Russia attacked Ukraine overnight with 88 Shahed-type and decoy drones, the air force said."
    assert facts_of(text) == {("munitions", "launched", "drone", None, None, 88)}


def test_said_after_a_clause_and_a_comma_names_the_speaker_after_it():
    text = (
        "A man was killed in Marhanets, and in Nikopol a woman was injured, said Petro Kovalenko, "
        "head of the regional military administration."
    )
    assert set(sources_of(text).values()) == {"Petro Kovalenko"}


def test_told_after_a_named_speaker_keeps_the_speaker():
    text = '"Nine of the 12 missiles were destroyed," the spokeswoman of the southern command, Olha Marchenko, told AFP.'
    assert "Olha Marchenko" in sources_of(text)[("munitions", "intercepted", 9)]
