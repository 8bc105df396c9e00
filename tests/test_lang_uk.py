"""The Ukrainian pack, mechanism by mechanism, on posts written for these tests: the shapes
of the Air Force's posts from 2022 to 2026 (../shared/corpus/uk/README.md), with invented
figures and places. No test here only freezes today's output: each states what a post says.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from warledger.api import extract_text
from warledger.clean import CleanStage
from warledger.errors import NotEnglish
from warledger.lang import pack_for, registered
from warledger.lang.uk import find_dates, find_places, find_quantities
from warledger.model import Document

SRC = Path(__file__).resolve().parent.parent / "src" / "warledger"


def facts(text: str, published: str | None = "2026-05-10", url: str | None = None):
    doc = extract_text(text, doc_id="t", published=published, url=url)
    assert doc.lang == "uk"
    return doc


def munitions(doc) -> set[tuple[str, str | None, float]]:
    return {(f.measure, f.weapon, f.value) for f in doc.facts if f.kind == "munitions"}


def values(text: str) -> list[tuple[float, str]]:
    return [(q.value, q.qualifier) for q in find_quantities(text, 0, len(text))]


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("атакував 104-ма ударними БпЛА", [(104, "exact")]),
        ("атакував 17-ма ударними БпЛА та 181-м дроном", [(17, "exact"), (181, "exact")]),
        ("атакував двома балістичними ракетами", [(2, "exact")]),
        ("атакував одинадцятьма ударними БпЛА", [(11, "exact")]),
        ("знищено тридцять п'ять дронів", [(35, "exact")]),
        ("знищено тридцять п’ять дронів", [(35, "exact")]),
        ("збито обидві ракети", [(2, "exact")]),
        ("збито сто двадцять три цілі", [(123, "exact")]),
        ("понад 70 дронів", [(70, "more_than")]),
        ("близько 35 ударних БпЛА", [(35, "about")]),
        ("до 17 ракет", [(17, "up_to")]),
        ("щонайменше шість ракет", [(6, "at_least")]),
        ("збито 26 із 30 ударних БпЛА", [(26, "exact"), (30, "exact")]),
    ],
)
def test_numbers_in_every_form(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "У ніч на 24 червня (з 18:00 23 червня) о 08.30",  # days and clock times
        "Із 21.00 3-го до 04.00 4-го червня 2023 року",  # an ordinal day and a year
        "ракетами Х-101, Х-59/69, 3М22 «Циркон», KN-23, S8000 «Бандероль», «Shahed-136», «Орлан-10»",
    ],
)
def test_dates_times_and_designations_are_not_counts(text):
    assert values(text) == []


def test_the_analyser_is_loaded_once_and_lazily():
    from warledger.lang import morphology

    morphology.analyser.cache_clear()
    morphology.parses.cache_clear()
    values("атакував 40 ударними БпЛА")  # digits and words that start like no numeral: no lookup
    assert morphology.analyser.cache_info().currsize == 0
    values("двома ракетами")
    values("трьома ракетами")
    info = morphology.analyser.cache_info()
    assert (info.currsize, info.misses) == (1, 1)


# --- dates ---------------------------------------------------------------------------------------


def test_overnight_period_is_the_nights_morning():
    doc = facts(
        "У ніч на 24 червня (з 18:00 23 червня) противник атакував 40 ударними БпЛА. "
        "Збито/подавлено 30 ворожих БпЛА.",
        published="2026-06-24",
    )
    assert {f.date for f in doc.facts} == {"2026-06-24"}


def test_dates_take_the_year_written_or_the_publication():
    text = "Уночі 12 травня 2023 року; 3 січня"
    got = [d.date for d in find_dates(text, 0, len(text), None, None)]
    assert got == ["2023-05-12"]  # "3 січня" has no year and no publication date to take one from
    from datetime import date

    got = [d.date for d in find_dates("3 січня", 0, 7, date(2026, 1, 4), None)]
    assert got == ["2026-01-03"]
    got = [d.date for d in find_dates("30 грудня", 0, 9, date(2026, 1, 4), None)]
    assert got == ["2025-12-30"]  # a day after the publication date is last year's


# --- places --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,codes",
    [
        ("Основний напрямок удару – Харківщина.", ["UA-63"]),
        ("збито на Харківщині та Одещині", ["UA-63", "UA-51"]),
        ("Київська область", ["UA-32"]),
        ("знищено в межах Сумської та Полтавської областей", ["UA-59", "UA-53"]),
        ("збито на півночі, півдні та сході країни", []),
        ("атакував Київ та Кривий Ріг", ["UA-30", "UA-12"]),
    ],
)
def test_regions_in_their_inflected_forms(text, codes):
    got = [m.place.admin1 for m in find_places(text, 0, len(text)) if m.role == "locative"]
    assert got == codes


def test_launch_areas_are_not_where_it_struck():
    text = "противник атакував ракетами із Брянської обл. та з ТОТ АР Крим"
    assert all(m.role == "direction" for m in find_places(text, 0, len(text)))


# --- the post's structure, layout by layout --------------------------------------------------------


def test_2022_drones_and_a_separate_downed_sentence():
    doc = facts("8 жовтня уночі ворог атакував Одещину 12 дронами-камікадзе «Shahed-136». Знищено 10 дронів.")
    assert munitions(doc) == {("launched", "drone", 12), ("intercepted", "drone", 10)}
    assert next(f for f in doc.facts if f.kind == "regions").members == ("UA-51",)
    assert {f.date for f in doc.facts} == {"2025-10-08"}  # a day after publication: last year's


def test_2023_number_words_and_the_regions_of_the_shootdowns():
    doc = facts(
        "Уночі 14 травня 2023 року противник атакував тринадцятьма ударними БпЛА типу «Shahed» "
        "(з напрямку Брянськ – рф). Внаслідок бойової роботи дев'ять ударних БпЛА знищено в межах "
        "Чернігівської та Київської областей."
    )
    assert munitions(doc) == {("launched", "drone", 13), ("intercepted", "drone", 9)}
    # national figures; the regions are where the attack was
    assert all(f.admin1 is None for f in doc.facts if f.kind == "munitions")
    assert next(f for f in doc.facts if f.kind == "regions").members == ("UA-74", "UA-32")


def test_2023_period_written_out():
    doc = facts(
        "Із 22.00 5-го до 05.00 6-го червня 2023 року окупанти атакували Україну 19-ма ударними БпЛА."
    )
    assert munitions(doc) == {("launched", "drone", 19)}
    assert {f.date for f in doc.facts} == {"2023-06-06"}


def test_2024_classes_with_suffixed_digits_and_a_mixed_downed_list():
    doc = facts(
        "У ніч на 9 березня 2024 року ворог атакував 7-ма крилатими ракетами Х-101 та 23-ма ударними БпЛА. "
        "Збито 11 повітряних цілей: – 9 ударних БпЛА «Shahed-131/136»; – 2 БпЛА «Орлан-10»."
    )
    # the reconnaissance drones are not attack drones; "11 повітряних цілей" names no class
    assert munitions(doc) == {
        ("launched", "cruise_missile", 7),
        ("launched", "drone", 23),
        ("intercepted", "drone", 9),
    }


def test_late_2024_locationally_lost():
    doc = facts(
        "У ніч на 2 грудня противник атакував 50 ударними БпЛА. Збито 31 ворожий БпЛА. "
        "Ще 17 ворожих БпЛА – локаційно втрачені (імовірно, внаслідок протидії РЕБ)."
    )
    assert ("lost", "drone", 17) in munitions(doc)


def test_n_of_m():
    doc = facts("У ніч на 2 травня збито 26 із 30 ударних БпЛА.")
    assert munitions(doc) == {("intercepted", "drone", 26), ("launched", "drone", 30)}


def test_2026_headline_body_hits_and_debris():
    doc = facts(
        "⚡️ ЗБИТО/ПОДАВЛЕНО 72 ВОРОЖИХ БПЛА\n"
        "У ніч на 7 травня (з 18:00 6 травня) противник атакував 80 ударними БпЛА типу Shahed "
        "(в т.ч. реактивними), Гербера, Італмас та дронами-імітаторами типу «Пародія» із напрямків: Курськ – рф.\n"
        "За попередніми даними, станом на 08:30, протиповітряною обороною збито/подавлено 72 ворожих БпЛА "
        "на півночі, півдні та сході країни.\n"
        "Зафіксовано влучання 8 ударних БпЛА на 6 локаціях, а також падіння уламків на 3 локаціях.\n"
        "Атака триває, в повітряному просторі знаходяться близько 10 ворожих БпЛА.\n"
        "Тримаймо небо!",
        published="2026-05-07",
    )
    # the headline's 72 and the body's 72 are one figure; debris and airborne drones are no figure
    assert munitions(doc) == {("launched", "drone", 80), ("intercepted", "drone", 72), ("hit", "drone", 8)}
    sites = [f for f in doc.facts if f.kind == "damage"]
    assert [(f.measure, f.value, f.unit) for f in sites] == [("sites_hit", 6, "sites")]
    assert {f.source for f in doc.facts} == {"Ukraine's air force"}  # the channel's own post
    # evidence stays in the Ukrainian text
    hit = next(f for f in doc.facts if f.measure == "hit")
    assert doc.text[hit.evidence[0] : hit.evidence[1]].startswith("Зафіксовано влучання 8")


def test_2026_missiles_per_class_on_dashed_lines_and_generic_totals():
    doc = facts(
        "⚡️ ЗБИТО/ПОДАВЛЕНО 150 ЦІЛЕЙ: 20 РАКЕТ ТА 130 ВОРОЖИХ БПЛА\n"
        "Усього зафіксовано 175 засобів повітряного нападу – 30 ракет і 145 БпЛА різних типів:\n"
        "- 8 балістичних ракет Іскандер-М/KN-23;\n"
        "- 18 крилатих ракет Х-101;\n"
        "- 4 крилаті ракети Калібр;\n"
        "- 145 ударних БпЛА типу Shahed, Гербера.\n"
        "За попередніми даними, збито/подавлено 150 цілей – 20 ракет та 130 безпілотників:\n"
        "- 2 балістичні ракети Іскандер-М;\n"
        "- 18 крилатих ракет Х-101/Калібр;\n"
        "- 130 ворожих БпЛА різних типів.\n"
        "Зафіксовано влучання 6 балістичних та 4 крилатих ракет, а також 15 ударних БпЛА на 12 локаціях.",
        published="2026-05-08",
    )
    # "30 ракет" / "20 РАКЕТ" are totals over classes that the lines break down: not facts
    assert munitions(doc) == {
        ("launched", "ballistic_missile", 8),
        ("launched", "cruise_missile", 22),
        ("launched", "drone", 145),
        ("intercepted", "ballistic_missile", 2),
        ("intercepted", "cruise_missile", 18),
        ("intercepted", "drone", 130),
        ("hit", "ballistic_missile", 6),
        ("hit", "cruise_missile", 4),
        ("hit", "drone", 15),
    }


def test_lines_that_name_the_weapon_before_the_count():
    doc = facts("У ніч на 3 квітня противник атакував ракетами:\nХ-101 – 9\nІскандер-М – 3\nКалібр – 2")
    assert munitions(doc) == {("launched", "cruise_missile", 11), ("launched", "ballistic_missile", 3)}


def test_decoys_and_banderol_are_drones_and_add_up():
    doc = facts(
        "У ніч на 4 травня противник атакував 60 ударними БпЛА та дронами-імітаторами. "
        "Збито/подавлено 41 ворожий БпЛА типу Shahed, а також три баражуючі боєприпаси «Бандероль»."
    )
    assert munitions(doc) == {("launched", "drone", 60), ("intercepted", "drone", 44)}


def test_a_missile_in_the_singular_is_one():
    doc = facts(
        "У ніч на 5 травня противник атакував балістичною ракетою Іскандер-М та 30 ударними БпЛА. "
        "Збито 25 БпЛА. Зафіксовано влучання балістичної ракети та 4 ударних БпЛА на 3 локаціях. "
        "Крилаті ракети цілей не досягли."
    )
    assert munitions(doc) == {
        ("launched", "ballistic_missile", 1),
        ("launched", "drone", 30),
        ("intercepted", "drone", 25),
        ("hit", "ballistic_missile", 1),
        ("hit", "drone", 4),
    }  # "Крилаті ракети" (plural, no numeral) states no figure


def test_lost_missiles_after_their_noun():
    doc = facts(
        "У ніч на 6 травня противник атакував трьома керованими авіаційними ракетами Х-59/69. "
        "Збито дві керовані авіаційні ракети Х-59/69, одна ракета не досягла своєї цілі."
    )
    assert munitions(doc) == {
        ("launched", "missile", 3),
        ("intercepted", "missile", 2),
        ("lost", "missile", 1),
    }


def test_subsets_and_refined_figures_are_not_facts():
    doc = facts(
        "Протягом дня 9 травня противник атакував Україну 90 ударними БпЛА (40 із них — реактивні). "
        "Збито/подавлено 70 ударних БпЛА (30 із них - реактивні). Інформація щодо п'яти ракет уточнюється."
    )
    assert munitions(doc) == {("launched", "drone", 90), ("intercepted", "drone", 70)}


def test_a_correction_replaces_the_figures_before_it():
    doc = facts("У ніч на 6 травня збито 38 ударних БпЛА.\nУточнена інформація: збито 36 ударних БпЛА.")
    assert munitions(doc) == {("intercepted", "drone", 36)}
    assert next(f for f in doc.facts if f.kind == "munitions").role == "update"


def test_qualified_figures_keep_their_qualifier():
    doc = facts("Протягом дня 9 травня противник атакував Україну близько 140 ударними БпЛА.")
    f = next(f for f in doc.facts if f.kind == "munitions")
    assert (f.value, f.qualifier) == (140, "about")


# --- language detection and the packs ---------------------------------------------------------------


def test_ukrainian_and_russian_are_read_other_languages_still_skipped():
    uk = "Уночі противник атакував область ударними безпілотниками. Збито 12 дронів, повідомили військові."
    ru = "Ночью противник атаковал область ударными беспилотниками. Сбиты 12 дронов, сообщили военные."
    pl = "W nocy przeciwnik zaatakował obwód dronami uderzeniowymi. Zestrzelono 12 dronów, podało wojsko."
    bg = "През нощта противникът атакува областта с ударни безпилотници. Свалени са 12 дрона, съобщиха военните."
    assert CleanStage()(Document(id="a", text=uk)).lang == "uk"
    assert CleanStage()(Document(id="b", text=ru)).lang == "ru"
    for text in (pl, bg):
        with pytest.raises(NotEnglish):
            CleanStage()(Document(id="c", text=text))


def test_every_builtin_pack_loads():
    for code in registered():
        assert pack_for(code).code == code


STAGES = ("ingest", "clean", "annotate", "extract", "geocode", "reconcile")


def test_no_stage_imports_a_language_pack_by_name():
    """The stages ask ``warledger.packs.pack_for``; only the registry names the packs."""
    for stage in STAGES:
        for path in (SRC / stage).glob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom):
                    target = ("." * node.level) + (node.module or "")
                    assert not any(target.endswith(f"lang.{c}") for c in registered()), (path, target)
                    assert "lang." not in target.lstrip("."), (path, target)


def test_english_is_read_as_before():
    doc = extract_text(
        "Russia launched 101 drones overnight, the air force said.", doc_id="e", published="2026-06-24"
    )
    assert doc.lang == "en"
    assert [(f.measure, f.weapon, f.value) for f in doc.facts if f.kind == "munitions"] == [
        ("launched", "drone", 101)
    ]


# --- one ledger ---------------------------------------------------------------------------------------


def test_a_ukrainian_post_and_an_english_report_of_the_same_night_are_one_event():
    from warledger import ledger
    from warledger.store import Query, open_store

    uk = facts(
        "⚡️ ЗБИТО/ПОДАВЛЕНО 61 ВОРОЖИЙ БПЛА\n"
        "У ніч на 12 травня (з 18:00 11 травня) противник атакував 77 ударними БпЛА типу Shahed.\n"
        "За попередніми даними, протиповітряною обороною збито/подавлено 61 ворожий БпЛА.\n"
        "Тримаймо небо!",
        published="2026-05-12",
        url="https://t.me/kpszsu/1",
    )
    en = extract_text(
        "Russia launched 77 drones at Ukraine overnight, Ukraine's air force said on Tuesday. "
        "Air defences shot down 61 of them, the air force said.",
        doc_id="wire",
        published="2026-05-12",
    )
    with open_store("sqlite://") as store:
        ledger.ingest(store, [uk, en])
        events = store.events(Query(limit=10)).items
    assert len(events) == 1
    event = events[0]
    assert set(event.documents) == {"t", "wire"}
    drones = {(fig.measure, fig.best, fig.status) for fig in event.figures if fig.weapon == "drone"}
    assert ("launched", 77, "consistent") in drones and ("intercepted", 61, "consistent") in drones


def test_2022_of_them_destroyed_takes_the_class_named_before():
    doc = facts(
        "Вночі 19 жовтня противник атакував Україну 28 ударними БпЛА Shahed-136. 21 з них знищено силами ППО."
    )
    assert munitions(doc) == {("launched", "drone", 28), ("intercepted", "drone", 21)}


def test_a_lost_count_after_a_dash_takes_the_class_named_before():
    doc = facts(
        "У ніч на 3 грудня противник атакував 64 ударними БпЛА. Збито 40 ворожих БпЛА. "
        "Ще 19 – локаційно втрачені (без негативних наслідків)."
    )
    assert ("lost", "drone", 19) in munitions(doc)


def test_guided_bombs_aircraft_and_reconnaissance_drones():
    doc = facts(
        "Протягом дня 8 травня ворог застосував 35 керованих авіабомб. Збито 2 літаки Су-34, "
        "3 ударних БпЛА та 2 БпЛА оперативно-тактичного рівня «Zala»."
    )
    assert munitions(doc) == {
        ("launched", "guided_bomb", 35),
        ("intercepted", "aircraft", 2),
        ("intercepted", "drone", 3),
    }


def test_drones_still_airborne_left_or_counted_since_the_war_began_are_no_figures():
    doc = facts(
        "У ніч на 4 грудня противник атакував 45 ударними БпЛА. Збито 30 ворожих БпЛА, "
        "ще 2 БпЛА залишили повітряний простір України. Станом на 09:00 в повітряному просторі "
        "знаходяться 6 ворожих БпЛА. З початку повномасштабного вторгнення збито 9000 БпЛА."
    )
    assert munitions(doc) == {("launched", "drone", 45), ("intercepted", "drone", 30)}


def test_a_total_recorded_in_the_airspace_is_still_a_launch_count():
    doc = facts(
        "У ніч на 5 грудня у повітряному просторі України зафіксовано 33 засоби повітряного нападу:\n"
        "– 30 ударних БпЛА;\n"
        "– 3 крилаті ракети Х-101."
    )
    assert munitions(doc) == {("launched", "drone", 30), ("launched", "cruise_missile", 3)}


def test_all_of_them_destroyed_is_as_many_as_were_launched():
    doc = facts(
        "14 грудня уночі ворог атакував Київ 13 ударними БпЛА Shahed-136. Всі ворожі дрони знищено силами ППО."
    )
    assert munitions(doc) == {("launched", "drone", 13), ("intercepted", "drone", 13)}
    doc = facts("14 грудня уночі ворог атакував Київ 13 ударними БпЛА. Їх усіх було знищено.")
    assert ("intercepted", "drone", 13) in munitions(doc)
    # "all" without a downing verb states nothing
    doc = facts("14 грудня уночі ворог атакував 13 ударними БпЛА. Усі вони летіли з півдня.")
    assert munitions(doc) == {("launched", "drone", 13)}


@pytest.mark.parametrize(
    "unit",
    [
        "збито 5 ракет Х-101, ",  # many numbers and clauses, no sentence end
        "5 ",  # digits alone
        "ракетою ракети балістичною ",  # singular heads, nothing counted
        "Уточнена інформація. У ніч на 4 травня збито обидві ракети. ",
    ],
    ids=["clauses", "digits", "singulars", "sentences"],
)
def test_long_posts_take_linear_time(unit):
    import time

    def cost(n: int) -> float:
        text = "Тримаймо небо! " + unit * n
        t = time.perf_counter()
        extract_text(text, doc_id="big", published="2026-05-10")
        return time.perf_counter() - t

    cost(200)  # warm caches
    small, large = cost(1_000), cost(4_000)
    assert large < 8 * small + 0.5, (small, large)  # 4x the text: about 4x the time, never 16x


def test_the_api_shows_a_posts_own_ukrainian_sentence(tmp_path):
    import warnings

    from warledger.store import open_store
    from warledger.webapi import Settings, create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    post = (
        "⚡️ ЗБИТО/ПОДАВЛЕНО 47 ВОРОЖИХ БПЛА\n"
        "У ніч на 13 травня (з 18:00 12 травня) противник атакував 52 ударними БпЛА типу Shahed.\n"
        "Зафіксовано влучання 5 ударних БпЛА на 4 локаціях.\n"
        "Тримаймо небо!"
    )
    store = open_store(f"sqlite:///{tmp_path / 'uk.db'}")
    try:
        client = TestClient(create_app(store, Settings(token="t")), raise_server_exceptions=False)
        r = client.post(
            "/api/documents",
            json={"id": "kpszsu-1", "text": post, "published": "2026-05-13", "url": "https://t.me/kpszsu/1"},
            headers={"Authorization": "Bearer t"},
        )
        assert r.status_code == 201, r.text
        key = client.get("/api/events").json()["items"][0]["key"]
        event = client.get(f"/api/events/{key}").json()
        claims = {(f["measure"], f["weapon"]): c for f in event["figures"] for c in f["claims"]}
        hit = claims[("hit", "drone")]
        assert hit["evidence"]["text"] == "Зафіксовано влучання 5 ударних БпЛА на 4 локаціях."
        assert hit["figure"]["text"] == "5" and hit["source"] == "Ukraine's air force"
        assert claims[("intercepted", "drone")]["value"] == 47
    finally:
        store.close()


_FRAGMENTS = [
    "⚡️ ЗБИТО/ПОДАВЛЕНО 12 ВОРОЖИХ БПЛА\n", "У ніч на 3 травня (з 18:00 2 травня) ", "противник атакував ",
    "двома ", "17-ма ", "104 ", "балістичними ракетами Іскандер-М", "ударними БпЛА типу Shahed", ", ",
    " та ", ":\n", "- ", "– 4", "збито/подавлено ", "Зафіксовано влучання ", "на 5 локаціях", ". ",
    "а також падіння уламків на 2 локаціях", "(з них 3 – реактивні)", "Ще 6 – локаційно втрачені",
    "ракетою", "усі вони знищені", "із 20 ", "понад 7 ", "Уточнена інформація. ", "Х-101 – 9\n", "\n",
]  # fmt: skip


def test_any_arrangement_of_a_posts_pieces_gives_well_formed_facts():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=30))
    def check(pieces):
        text = "Повітряні Сили. " + "".join(pieces)
        doc = extract_text(text, doc_id="p", published="2026-05-10")
        for f in doc.facts:
            assert 0 <= f.evidence[0] < f.evidence[1] <= len(text)
            if f.span is not None:
                assert f.evidence[0] <= f.span[0] < f.span[1] <= f.evidence[1]
            assert f.value > 0 and f.measure and f.kind in ("munitions", "damage", "regions")
            if f.kind == "munitions":
                assert f.weapon in (
                    "drone",
                    "missile",
                    "cruise_missile",
                    "ballistic_missile",
                    "guided_bomb",
                    "aircraft",
                )

    check()


def test_missiles_downed_without_a_class_take_the_one_class_launched():
    doc = facts(
        "Уночі 10 жовтня противник випустив 31 крилату ракету Х-101/Х-555. Силами ППО знищено 29 ракет. "
        "Загалом 29 засобів повітряного нападу знищено."
    )
    assert munitions(doc) == {("launched", "cruise_missile", 31), ("intercepted", "cruise_missile", 29)}


def test_a_big_attack_listed_in_one_sentence():
    doc = facts(
        "У ніч на 29 грудня 2023 року противник застосував 122 засоби повітряного нападу: 30 ударних БпЛА "
        "«Shahed-136/131»; 70 крилатих ракет Х-101/Х-555/Х-55; 6 ракет С-300; 4 балістичні ракети «Іскандер-М»; "
        "10 крилатих ракет Х-22; 2 ракети Х-59. Загалом знищено 98 засобів повітряного нападу: 25 Shahed; "
        "68 крилатих ракет Х-101/Х-555/Х-55; 5 ракет Х-59."
    )
    assert munitions(doc) == {
        ("launched", "drone", 30),
        ("launched", "cruise_missile", 80),
        ("launched", "missile", 8),
        ("launched", "ballistic_missile", 4),
        ("intercepted", "drone", 25),
        ("intercepted", "cruise_missile", 68),
        ("intercepted", "missile", 5),
    }
