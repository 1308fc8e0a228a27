"""A story's dateline names where it was filed, not who the figures are about."""
import pytest

from factlint.knowledge import Knowledge


@pytest.fixture(scope="module")
def find():
    return Knowledge.load().entity_matcher.find


@pytest.mark.parametrize("text", [
    "MENLO PARK, Jan. 29 (PRTW) -- Norvik Systems on Wednesday reported revenue.",
    "MOUNTAIN VIEW, California, July 24, 2025 (Asia Tech Newswire) -- Norvik Systems raised it.",
    "COPENHAGEN — Norvik Systems reported its year.",
    "SEOUL, 8 Oct 2024 - Norvik Systems said.",
    "Intro line.\n**HSINCHU, 17 Jul 2025 -** Norvik Systems said.",
])
def test_dateline_place_region_and_outlet_are_not_names(find, text):
    assert [h.id for h in find(text)] == ["~norvik systems"]


@pytest.mark.parametrize("text", [
    "Norvik Systems — the carmaker — said it would grow.",  # a name opening a line, not a dateline
    "Sales rose. Menlo Park - based Norvik Systems said.",  # mid-line: not a dateline
])
def test_names_that_only_look_like_datelines_stay(find, text):
    assert "~norvik systems" in [h.id for h in find(text)]


def test_a_dateline_opening_a_long_first_paragraph_dates_the_article():
    from datetime import date

    from factlint.ingest import parse

    body = ("MOUNTAIN VIEW, California, July 24, 2025 (Asia Tech Newswire) -- Norvik Systems raised its 2025 "
            "capital expenditure forecast to about $85 billion on Wednesday, up from $75 billion, citing strong "
            "demand for its cloud products and services, and said the increase reflects servers and data centres.\n")
    assert len(body.splitlines()[0]) > 200
    assert parse(body, "a.txt", "txt").published == date(2025, 7, 24)
    # a date deep inside a long opening paragraph is not the article's
    late = "Norvik Systems said its results, which were strong across every segment and region it serves, " * 2
    assert parse(late + "were filed on July 24, 2025.\n", "b.txt", "txt").published is None


@pytest.mark.parametrize("head, day", [("Berlin, 21.03.2025\n\nWHAT THE REFORM MEANS", (2025, 3, 21)),
                                       ("Wirtschaftsblick Online - English edition | Automobile | 12.03.2025\n\nVolkswagen said", (2025, 3, 12)),
                                       ("Version 1.2.2025.4 notes\n\nNorvik said", None)])
def test_a_dotted_date_heading_the_text_is_day_first(head, day):
    from datetime import date

    from factlint.ingest import parse

    assert parse(head + ".\n", "a.txt", "txt").published == (date(*day) if day else None)


@pytest.mark.parametrize("opening", ["OSLO, 3 March 2025 -", "March 3, 2025", "By Ana Ruiz and Tom Lee", "BERGEN, Norway, 2025-03-03 —"])
def test_a_dateline_or_byline_line_is_not_the_headline(opening):
    from factlint.ingest import parse

    body = f"{opening}\n\nNorvik Systems lifts its outlook\n\nNorvik Systems raised its 2025 forecast on Monday.\n"
    assert parse(body, "a.txt", "txt").title == "Norvik Systems lifts its outlook"


def test_a_headline_that_opens_with_by_and_a_place_stays():
    from factlint.ingest import parse

    assert parse("By Tuesday, Norvik had sold out\n\nText.\n", "a.txt", "txt").title == "By Tuesday, Norvik had sold out"


@pytest.mark.parametrize("text", [
    "Norvik Systems had a strong year.\n- **Net income** was $123m.\n- **Diluted earnings** rose.",
    "Norvik Systems had a strong year.\n• Net income was $123m.",
])
def test_a_bulleted_line_opens_a_sentence(find, text):
    """A capitalised word after a list bullet and bold markup opens its sentence: no name."""
    assert [h.id for h in find(text)] == ["~norvik systems"]
