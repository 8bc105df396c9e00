"""Tests for warledger.clean: boilerplate lines, kept headings/bullets, sidebars, language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.clean import CleanStage, body_spans, classify_line, english_score, scan
from warledger.clean import language as language_mod
from warledger.clean.boilerplate import HEAD_PATTERNS, TAIL_PATTERNS
from warledger.errors import NoArticle, NotEnglish
from warledger.model import Document
from warledger.pipeline import Pipeline, Stage

FIXTURES = Path(__file__).parent / "fixtures"
from conftest import CORPUS  # noqa: E402

SEED = CORPUS / "seed-2025-09-03-reuters-502-drones.txt"

PARA1 = "An overnight drone attack damaged a warehouse in a southern town, the governor said on Monday."
PARA2 = "The air force said it shot down 40 of the 52 drones launched at the region during the night."


def kept(text: str) -> list[str]:
    return [text[s:e] for s, e in body_spans(text)]


# --- every pattern in the tables, by name -----------------------------------------------------

PATTERN_EXAMPLES = [
    ("cookie_banner", "Click here to change your cookie preferences"),
    ("cookie_banner", "We use cookies to improve your experience on our site."),
    ("cookie_banner", "Accept all cookies"),
    ("cookie_banner", "This website uses cookies."),
    ("share_widget", "Share"),
    ("share_widget", "Share this article"),
    ("share_widget", "Tweet"),
    ("share_widget", "Copy link"),
    ("read_time", "3 min read"),
    ("read_time", "5-minute read"),
    ("credit_line", "Reporting by Jane Example in Kyiv; Writing by John Sample"),
    ("credit_line", "Writing by John Sample"),
    ("credit_line", "Editing by Mary Placeholder and Tom Filler"),
    ("credit_line", "Additional reporting by Ann Other in Warsaw"),
    ("credit_line", "(Reporting by Jane Example; Editing by John Sample)"),
    ("trust_principles", "Our Standards: The Thomson Reuters Trust Principles."),
    (
        "agency_used",
        "Information from The Associated Press, Agence France-Presse and Reuters was used in the report.",
    ),
    ("agency_some", "Some information for this story came from The Associated Press and Reuters"),
    ("agency_contributed", "The Associated Press contributed to this report."),
    ("advertisement", "Advertisement"),
    ("advertisement", "ADVERTISEMENT"),
    ("subscribe", "Subscribe to our morning briefing"),
    ("subscribe", "Sign up for breaking news alerts"),
    ("read_more", "Read more: Power cuts return to the capital"),
    ("read_more", "Related: What we know about the overnight strikes"),
    ("get_latest", "Get the latest news from the region straight to your inbox"),
    ("follow_us", "Follow us on Telegram"),
    ("click_here", "Click here for the live blog"),
    ("caption_head", "FILE PHOTO: Firefighters work at the site of a strike in a city, May 1, 2024."),
    ("caption_head", "Photo: Emergency crews at the scene"),
    ("copyright", "© 2024 Example Media. All rights reserved."),
    ("copyright", "Copyright 2024 Example Wire"),
    ("timestamp", "Updated 3 hours ago"),
    ("timestamp", "Published March 4, 2024"),
    ("byline", "By Jane Example and John Sample"),
    (
        "reuters_credit",
        "Rescuers search the rubble of a house hit in a strike, March 3, 2024. REUTERS/Jane Example",
    ),
    ("reuters_credit", "Smoke over the city after a drone attack. REUTERS/Jane Example/File Photo"),
    (
        "photo_by",
        "Firefighters at a damaged building in the city centre. (Photo by Jane Example/AFP via Getty Images)",
    ),
    ("agency_photo", "A man walks past a destroyed building in the city (AP Photo/John Sample)"),
    ("getty_credit", "Residents clear debris from a yard. Jane Example/AFP via Getty Images"),
    ("agency_slash", "Rescuers carry a stretcher through the debris. Jane Example / AFP"),
]


@pytest.mark.parametrize("name,line", PATTERN_EXAMPLES)
def test_pattern_drops_its_example(name, line):
    assert classify_line(line) == name
    text = f"{PARA1}\n{line}\n{PARA2}\n"
    assert line not in kept(text)
    assert kept(text) == [PARA1, PARA2]


def test_every_pattern_has_an_example():
    names = {n for n, _ in HEAD_PATTERNS} | {n for n, _ in TAIL_PATTERNS} | {"byline"}
    assert names == {n for n, _ in PATTERN_EXAMPLES}


@pytest.mark.parametrize(
    "line",
    [
        "Reporting from the scene, correspondents saw at least 12 burned cars.",
        "Share prices of the grid operator fell 3% after the strike.",
        "Photos published by officials showed a crater near the school.",
        "Information from the governor indicated 4 people were injured.",
        "Related attacks were reported in two neighbouring regions on Sunday.",
        "By the morning, rescuers had pulled 9 people from the rubble.",
        "Subscribers in the region lost power for six hours, the operator said.",
        "Tweets by residents described 5 loud explosions over the city.",
        "Published figures show 1,200 homes were damaged this year.",
    ],
)
def test_prose_near_misses_are_kept(line):
    assert classify_line(line) is None
    assert line in kept(f"{PARA1}\n{line}\n{PARA2}")


# --- headings, title, bullets kept --------------------------------------------------------------


@pytest.mark.parametrize(
    "heading", ["EXPLOSIONS", "==Attack==", "===Kyiv===", "## Events", "HIGHLIGHTS", "SITUATION OVERVIEW"]
)
def test_headings_kept(heading):
    text = f"Title of the report\n\n{PARA1}\n\n{heading}\n{PARA2}\n"
    assert kept(text) == ["Title of the report", PARA1, heading, PARA2]


def test_bullets_kept():
    b1 = "  • Missile attacks were reported over three western oblasts, officials said."
    b2 = "- Civilians in two cities were hurt by falling debris on Tuesday."
    b3 = "• Aid partners delivered water"
    b4 = "• Shelters opened in four towns"
    text = f"HIGHLIGHTS\n{b1}\n{b2}\n{b3}\n{b4}\n{PARA1}\n"
    assert kept(text) == ["HIGHLIGHTS", b1.strip(), b2, b3, b4, PARA1]


def test_spans_are_stripped_offsets_into_text():
    text = f"  Title line  \r\n\n\t{PARA1}   \n"
    spans = body_spans(text)
    assert [text[s:e] for s, e in spans] == ["Title line", PARA1]
    assert spans[0] == (2, 12)


# --- sidebars ------------------------------------------------------------------------------------


def test_unheaded_headline_run_between_paragraphs_dropped():
    heads = ["Farmers count cost of dry spring", "Ceasefire talks stall again", "Football club wins cup"]
    text = "\n".join([PARA1, *heads, PARA2])
    assert kept(text) == [PARA1, PARA2]
    # with blank lines in between too
    assert kept("\n\n".join([PARA1, *heads, PARA2])) == [PARA1, PARA2]


def test_a_numbered_list_under_a_most_read_heading_is_a_sidebar():
    heads = [
        "1. Mayor opens new bridge in Lutsk",
        "2. Explosions heard in Rivne as drones fly over",
        "3. Prices rise",
    ]
    text = "\n".join([PARA1, "Most read", *heads])
    assert kept(text) == [PARA1]
    # a numbered list of figures under no such heading stays
    rows = ["1. Two people were killed in Rivne.", "2. Five were injured in Lutsk."]
    assert kept("\n".join([PARA1, *rows])) == [PARA1, *rows]


def test_two_short_lines_are_not_a_sidebar():
    text = "\n".join([PARA1, "Kyiv", "Damage on the ground", PARA2])
    assert kept(text) == [PARA1, "Kyiv", "Damage on the ground", PARA2]


def test_leading_short_lines_kept_as_title_block():
    lines = [
        "March 3, 2024 (Sunday)",
        "Armed conflicts and attacks",
        "Invasion of a country",
        "Strikes on infrastructure",
    ]
    text = "\n".join([*lines, PARA1])
    assert kept(text) == [*lines, PARA1]


def test_data_lines_with_colons_are_not_headlines():
    rows = ["Kharkiv region: 2 injured", "Odesa region: 5 injured", "Sumy region: 1 killed"]
    text = "\n".join([PARA1, *rows, PARA2])
    assert kept(text) == [PARA1, *rows, PARA2]


def test_wrapped_prose_lines_are_not_headlines():
    rows = [
        "Crews repaired lines, substations and",
        "Pumping stations across the region by",
        "Evening, the operator said in a",
    ]
    text = "\n".join([PARA1, *rows, PARA2])
    assert kept(text) == [PARA1, *rows, PARA2]


@pytest.mark.parametrize(
    "heading", ["Related", "More from World", "Most read", "Related stories", "You may also like"]
)
def test_headed_sidebar_dropped(heading):
    links = [
        "Port city hit by missile strike",
        "Why are grain exports rising?",
        "• Storm closes airports along the coast",
    ]
    text = "\n".join([PARA1, heading, *links, "", "==Aftermath==", PARA2])
    assert kept(text) == [PARA1, "==Aftermath==", PARA2]


def test_furniture_fixture():
    text = (FIXTURES / "furniture.txt").read_text(encoding="utf-8")
    body = kept(text)
    assert body[0] == "Drones hit depot in river town overnight"
    assert "STRIKES ON POWER" in body
    assert "• Air defences were active in five regions, officials said." in body
    assert len(body) == 7
    for junk in (
        "min read",
        "Share",
        "FILE PHOTO",
        "Advertisement",
        "Football",
        "Related",
        "Grain",
        "Reporting by",
        "cookie",
    ):
        assert not any(junk in b for b in body), junk


# --- the real sample reports ---------------------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="dev corpus not present")
def test_seed_cookie_line_out_prose_in():
    text = SEED.read_text(encoding="utf-8")
    doc = CleanStage()(Document(id="seed", text=text))
    body = [text[s:e] for s, e in doc.body]
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    assert lines[-1] == "Click here to change your cookie preferences"
    assert lines[-1] not in body
    assert body == lines[:-1]  # every prose line and the EXPLOSIONS heading stay
    assert "EXPLOSIONS" in body


@pytest.mark.skipif(not (CORPUS / "gold").exists(), reason="dev corpus not present")
def test_no_gold_evidence_is_dropped():
    """No dropped line overlaps the evidence of an annotated fact in the dev corpus."""
    checked = 0
    for gold_path in sorted((CORPUS / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (CORPUS / f"{gold['doc']}.txt").read_text(encoding="utf-8").replace("\r\n", "\n")
        dropped = [ln for ln in scan(text) if ln.kind == "drop"]
        for fact in gold["facts"]:
            if "evidence" not in fact:
                continue
            s, e = fact["evidence"]
            checked += 1
            assert not [ln for ln in dropped if ln.start < e and s < ln.end], (gold["doc"], s, e)
        CleanStage()(Document(id=gold["doc"], text=text))  # and every dev report is English
    assert checked > 20


# --- the stage ---------------------------------------------------------------------------------


def test_stage_protocol_and_pipeline():
    stage = CleanStage()
    assert isinstance(stage, Stage)
    assert (stage.name, stage.requires, stage.assigns) == ("clean", (), ("body", "lang"))
    doc = Pipeline([stage])(Document(id="x", text=f"{PARA1}\nShare\n{PARA2}"))
    assert [doc.text[s:e] for s, e in doc.body] == [PARA1, PARA2]


def test_all_boilerplate_is_no_article():
    doc = Document(id="x", text="Share\nAdvertisement\nClick here to change your cookie preferences\n")
    with pytest.raises(NoArticle) as err:
        CleanStage()(doc)
    assert "boilerplate" in err.value.message


def test_blank_text_is_no_article():
    with pytest.raises(NoArticle):
        CleanStage()(Document(id="x", text=" \n\n\t"))


@pytest.mark.parametrize("name,code,lang", [("french.txt", "fr", "French")])
def test_not_english(name, code, lang):
    doc = Document(id="x", text=(FIXTURES / name).read_text(encoding="utf-8"))
    with pytest.raises(NotEnglish) as err:
        CleanStage()(doc)
    assert err.value.message == f"looks like {lang} (py3langid: {code}), not English"
    assert err.value.code == NotEnglish.code


def test_a_language_with_a_pack_is_read_in_it():
    """Ukrainian has a language pack (warledger.lang.uk): it is read, not skipped as W015."""
    doc = CleanStage()(Document(id="x", text=(FIXTURES / "ukrainian.txt").read_text(encoding="utf-8")))
    assert doc.lang == "uk"
    # without its pack it is still refused, with the reason naming the language
    with pytest.raises(NotEnglish) as err:
        language_mod.language_of(doc, packs=())
    assert err.value.message == "looks like Ukrainian (py3langid: uk), not English"


def test_mixed_page_with_english_prose_stays():
    uk = (FIXTURES / "ukrainian.txt").read_text(encoding="utf-8")
    # mostly Ukrainian (a whole-body score well under the threshold), one English paragraph
    text = f"{uk}\n{uk}\n{uk}\n{PARA2}\n"
    assert english_score(text) < language_mod.SUSPICIOUS_SCORE
    doc = CleanStage()(Document(id="x", text=text))
    assert doc.text[doc.body[-1][0] : doc.body[-1][1]] == PARA2


def test_language_check_can_be_turned_off():
    doc = Document(id="x", text=(FIXTURES / "french.txt").read_text(encoding="utf-8"))
    assert CleanStage(check_language=False)(doc).body


def test_english_score():
    assert english_score(PARA1 + " " + PARA2) > 0.3
    assert english_score((FIXTURES / "ukrainian.txt").read_text(encoding="utf-8")) == 0.0
    assert english_score((FIXTURES / "french.txt").read_text(encoding="utf-8")) < 0.1
    assert english_score("") == 0.0
    assert english_score("12 345 ...") == 0.0


def test_langid_not_called_on_english(monkeypatch):
    def boom(text):
        raise AssertionError("py3langid called on an English document")

    monkeypatch.setattr(language_mod, "identify", boom)
    text = (FIXTURES / "furniture.txt").read_text(encoding="utf-8")
    CleanStage()(Document(id="x", text=text))


# --- properties and adversarial input ----------------------------------------------------------

_alphabet = st.sampled_from(
    list("ab Z.,:;!?\n\r\t•-=#()/")
    + ["Share", "REUTERS/", "Related", "By ", "Photo: ", "\u00a0", "\u2028", "é", "К"]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_alphabet, max_size=80).map("".join)))
def test_spans_inside_ordered_disjoint(text):
    spans = body_spans(text)
    prev_end = 0
    for s, e in spans:
        assert 0 <= prev_end <= s < e <= len(text)
        seg = text[s:e]
        assert seg == seg.strip() and "\n" not in seg
        prev_end = e


ADVERSARIAL = [
    " " * 1_000_000,
    "1" * 1_000_000,
    "Reporting by " * 80_000,
    "Information from " * 60_000,
    "(Photo by " * 100_000,
    "REUTERS/" * 125_000,
    "More from " * 100_000,
    "Updated " * 125_000,
    "a " * 500_000,
    "Share\n" * 170_000,
    "Title line\n" * 90_000,
    "3 min read" * 100_000,
    "By A " * 200_000,
    "=" * 1_000_000,
]


@pytest.mark.timeout(20)
@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: repr(t[:12]))
def test_adversarial_lines_linear(text):
    body_spans(text)
    english_score(text)
    for line in (text, text + ".", text + " was used in the report"):
        classify_line(line[:1_000_000])


@pytest.mark.timeout(20)
@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: repr(t[:12]))
def test_adversarial_regexes_unwindowed(text):
    """The compiled patterns themselves, on the whole 1 MB line (no length guard or tail
    window in front of them), still finish quickly: no pattern backtracks super-linearly."""
    from warledger.clean import boilerplate as bp

    for probe in (text, text + ".", text + " was used in the report", text + ")"):
        bp._HEAD.match(probe)
        bp._TAIL.search(probe)
        bp.SIDEBAR_HEADING.match(probe)
        bp.WIKI_HEADING.match(probe)
        bp.MARKDOWN_HEADING.match(probe)
        bp.BULLET.match(probe)
        bp.is_heading(probe)


@pytest.mark.parametrize(
    "text",
    [
        "Two missiles struck Kyiv's Shevchenkivskyi district.",
        "Drones hit Odesa overnight, three people injured.",
    ],
)
def test_a_headline_short_english_report_without_function_words_is_english(text):
    assert language_mod.language_of(Document(id="t", text=text)) == "en"


def test_a_short_report_in_another_latin_language_is_still_skipped():
    with pytest.raises(NotEnglish):
        language_mod.language_of(
            Document(id="t", text="Dwa pociski trafiły w dzielnicę Kijowa, zginęły dwie osoby.")
        )
