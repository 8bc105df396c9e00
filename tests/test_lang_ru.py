"""The Russian pack, on defence-ministry style posts written for these tests (invented
figures): added as one module and one registry entry, with no change to any stage."""

from __future__ import annotations

from warledger.api import extract_text
from warledger.lang import BUILTIN, pack_for


def ru(text: str, published: str = "2026-05-10"):
    doc = extract_text(text, doc_id="ru", published=published)
    assert doc.lang == "ru"
    return doc


def test_the_pack_is_registered_by_one_entry():
    assert BUILTIN["ru"] == "warledger.lang.ru:PACK"
    assert pack_for("ru").name == "Russian"


def test_ministry_claim_of_ukrainian_drones_downed_over_russia():
    doc = ru(
        "В течение прошедшей ночи дежурными средствами ПВО перехвачены и уничтожены 37 украинских "
        "беспилотных летательных аппаратов самолётного типа над территорией Брянской и Курской областей, "
        "сообщило Министерство обороны России."
    )
    (f,) = [f for f in doc.facts if f.kind == "munitions"]
    assert (f.measure, f.weapon, f.value, f.country, f.source) == (
        "intercepted",
        "drone",
        37,
        "RU",
        "Russia's defence ministry",
    )
    assert next(f for f in doc.facts if f.kind == "regions").members == ("RU-BRY", "RU-KRS")


def test_number_words_classes_and_qualifiers():
    doc = ru(
        "Средствами противовоздушной обороны сбиты две крылатые ракеты Storm Shadow, "
        "шесть реактивных снарядов HIMARS и более 40 беспилотных летательных аппаратов, сообщило Минобороны."
    )
    got = {(f.measure, f.weapon, f.value, f.qualifier) for f in doc.facts if f.kind == "munitions"}
    assert got == {
        ("intercepted", "cruise_missile", 2, "exact"),
        ("intercepted", "missile", 6, "exact"),
        ("intercepted", "drone", 40, "more_than"),
    }


def test_overnight_date_and_a_list():
    doc = ru(
        "В ночь на 9 мая дежурными средствами ПВО уничтожены:\n"
        "- 12 беспилотных летательных аппаратов;\n"
        "- три управляемые авиационные бомбы JDAM.",
        published="2026-05-09",
    )
    got = {(f.measure, f.weapon, f.value, f.date) for f in doc.facts if f.kind == "munitions"}
    assert got == {
        ("intercepted", "drone", 12, "2026-05-09"),
        ("intercepted", "guided_bomb", 3, "2026-05-09"),
    }


def test_clock_times_and_dates_are_not_counts():
    doc = ru("С 20:00 8 мая до 07.00 9 мая 2026 года перехвачены 15 беспилотников.")
    assert [(f.measure, f.value) for f in doc.facts if f.kind == "munitions"] == [("intercepted", 15)]


def test_cumulative_totals_since_the_operation_began_are_background():
    doc = ru(
        "Средствами ПВО за сутки сбиты 18 беспилотных летательных аппаратов, сообщило Минобороны. "
        "Всего с начала специальной военной операции уничтожены 640 самолётов и 283 вертолёта."
    )
    assert [(f.measure, f.weapon, f.value) for f in doc.facts if f.kind == "munitions"] == [
        ("intercepted", "drone", 18)
    ]


def test_a_pack_from_another_distribution_registers_by_entry_point(tmp_path, monkeypatch):
    """A third-party pack needs no change here: an entry point in ``warledger.language_packs``."""
    import sys
    from importlib.metadata import EntryPoint

    import warledger.packs as lang

    (tmp_path / "xx_pack.py").write_text(
        "from dataclasses import replace\n"
        "from warledger.lang.ru import PACK as RU\n"
        "PACK = replace(RU, code='xx', name='Test', recognises=lambda body: 'xxlang' in body)\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    ep = EntryPoint(name="xx", value="xx_pack:PACK", group=lang.ENTRY_POINT_GROUP)
    monkeypatch.setattr(lang, "entry_points", lambda group: [ep] if group == lang.ENTRY_POINT_GROUP else [])
    lang.registered.cache_clear()
    lang.pack_for.cache_clear()
    try:
        assert lang.registered()["xx"] == "xx_pack:PACK"
        assert lang.pack_for("xx").name == "Test"
        assert lang.detect("in xxlang", ["xx"]) == "xx"
        assert "xx" not in lang.BUILTIN  # registered without touching the registry's code
    finally:
        lang.registered.cache_clear()
        lang.pack_for.cache_clear()
        sys.modules.pop("xx_pack", None)


def test_a_per_region_breakdown_carries_each_region():
    doc = ru(
        "В течение прошедшей ночи дежурными средствами ПВО перехвачены и уничтожены 41 украинский "
        "беспилотный летательный аппарат: 18 – над территорией Брянской области, 15 – над территорией "
        "Курской области, 8 – над территорией Белгородской области, сообщило Минобороны России."
    )
    got = {(f.measure, f.weapon, f.admin1, f.value, f.country) for f in doc.facts if f.kind == "munitions"}
    assert got == {
        ("intercepted", "drone", None, 41, "RU"),
        ("intercepted", "drone", "RU-BRY", 18, "RU"),
        ("intercepted", "drone", "RU-KRS", 15, "RU"),
        ("intercepted", "drone", "RU-BEL", 8, "RU"),
    }
