from datetime import date

import pytest
from hypothesis import given, strategies as st

from factlint.extract import dates
from factlint.extract.dates import extract
from factlint.models import Granularity as Gr

PUB = date(2026, 2, 6)  # a Friday


def _one(text, published=PUB):
    found = extract(text, published)
    assert len(found) == 1, [m.text for m in found]
    m = found[0]
    assert text[m.start : m.end] == m.text and m.kind == "date"
    return m


def _spans(text, published=PUB):
    return [(m.text, m.period_start, m.period_end, m.granularity) for m in extract(text, published)]


@pytest.mark.parametrize(
    "text",
    ["February 10, 2026", "10 February 2026", "Feb. 10, 2026", "2026-02-10", "2026/02/10",
     "Tuesday, February 10, 2026", "the 10th of February, 2026", "10.02.2026", "02/10/2026"],
)
def test_full_dates(text):
    m = _one(f"It happened on {text} in Beijing.")
    assert (m.text, m.period_start, m.period_end, m.granularity) == (text, date(2026, 2, 10), date(2026, 2, 10), Gr.DAY)
    assert not m.relative


def test_us_order_without_slash_before_year():
    assert _one("Updated 02/06 2026").period_start == date(2026, 2, 6)


def test_day_first_when_first_number_exceeds_twelve():
    assert _one("on 25/12/2025").period_start == date(2025, 12, 25)


def test_weekday_mismatch_is_noted():
    m = _one("Monday, February 10, 2026")
    assert m.period_start == date(2026, 2, 10) and "does not match" in m.notes[0]


def test_yearless_dates_prefer_the_past():
    assert [s[1] for s in _spans("on May 11th and May 27th")] == [date(2025, 5, 11), date(2025, 5, 27)]
    assert _one("on February 10").period_start == date(2026, 2, 10)  # within a few days of publication
    m = _one("on May 11th")
    assert m.notes == ["year 2025 from publication date 2026-02-06 (past preferred)"]


def test_yearless_dates_under_future_wording_look_ahead():
    assert _one("The plant will open in May.").period_start == date(2026, 5, 1)


@pytest.mark.parametrize("text", ["ASML booked more orders than analysts expected in the third quarter.",
                                  "Sales were stronger than had been expected in the third quarter."])
def test_a_comparison_with_what_was_expected_looks_back(text):
    assert _one(text, date(2025, 10, 15)).period_start == date(2025, 7, 1)


def test_expected_ahead_of_a_date_still_looks_forward():
    assert _one("The deal is expected to close in the first quarter.", date(2025, 10, 15)).period_start == date(2026, 1, 1)


def test_yearless_without_publication_is_unresolved():
    m = _one("on May 11th", None)
    assert m.period_start is None and m.period_end is None and "unresolved" in m.notes[0]
    assert m.period_label == "05-11" and not m.relative
    assert [x.period_label for x in extract("Q4 and the second half, in December", None)] == ["Q4", "H2", "12"]


def test_yearless_with_weekday_takes_the_matching_year():
    assert _one("Tuesday, Feb. 10", date(2026, 6, 1)).period_start == date(2026, 2, 10)


def test_months():
    assert _spans("in May 2026, in December and December of 2025") == [
        ("May 2026", date(2026, 5, 1), date(2026, 5, 31), Gr.MONTH),
        ("December", date(2025, 12, 1), date(2025, 12, 31), Gr.MONTH),
        ("December of 2025", date(2025, 12, 1), date(2025, 12, 31), Gr.MONTH),
    ]


def test_month_names_that_are_words_or_names():
    assert extract("May I ask? Theresa May said it may march on.", PUB) == []


@pytest.mark.parametrize(
    "text,start,end",
    [("Q4 2025", date(2025, 10, 1), date(2025, 12, 31)),
     ("Q1", date(2026, 1, 1), date(2026, 3, 31)),
     ("Q3'25", date(2025, 7, 1), date(2025, 9, 30)),
     ("4Q25", date(2025, 10, 1), date(2025, 12, 31)),
     ("the first quarter of 2026", date(2026, 1, 1), date(2026, 3, 31)),
     ("the December quarter", date(2025, 10, 1), date(2025, 12, 31)),
     ("fourth quarter", date(2025, 10, 1), date(2025, 12, 31)),
     ("fourth-quarter 2025", date(2025, 10, 1), date(2025, 12, 31)),
     ("the last quarter of 2025", date(2025, 10, 1), date(2025, 12, 31))],
)
def test_quarters(text, start, end):
    m = _one(f"Revenue in {text} rose.")
    assert (m.text, m.period_start, m.period_end, m.granularity) == (text, start, end, Gr.QUARTER)


@pytest.mark.parametrize(
    "text,start,end",
    [("H1 2026", date(2026, 1, 1), date(2026, 6, 30)),
     ("1H26", date(2026, 1, 1), date(2026, 6, 30)),
     ("first half of 2026", date(2026, 1, 1), date(2026, 6, 30)),
     ("second half", date(2025, 7, 1), date(2025, 12, 31)),
     ("second half of this year", date(2026, 7, 1), date(2026, 12, 31))],
)
def test_halves(text, start, end):
    m = _one(f"Sales in the {text} rose." if not text[0].isupper() and not text[0].isdigit() else f"Sales in {text} rose.")
    assert (m.period_start, m.period_end, m.granularity) == (start, end, Gr.HALF)


def test_halves_and_quarters_of_other_things_are_not_periods():
    assert extract("He scored in the first half of the game and the third quarter of the match.", PUB) == []


@pytest.mark.parametrize("text,year", [("FY2025", 2025), ("FY25", 2025), ("fiscal 2025", 2025), ("fiscal year 2025", 2025)])
def test_fiscal_years(text, year):
    m = _one(f"In {text} profit rose.")
    assert (m.text, m.period_start, m.period_end, m.granularity) == (text, date(year, 1, 1), date(year, 12, 31), Gr.FISCAL_YEAR)


@pytest.mark.parametrize("text", ["2025-26", "2025/26", "FY2025/26", "fiscal 2025-2026"])
def test_spanning_fiscal_years(text):
    m = _one(f"for {text} guidance")
    assert (m.text, m.period_start, m.period_end, m.granularity) == (text, date(2025, 1, 1), date(2026, 12, 31), Gr.FISCAL_YEAR)


@pytest.mark.parametrize("text", ["2026", "in 2025", "by 2030.", "2024, ", "since 1999", "mid-2025", "2025 revenue"])
def test_years(text):
    m = _one(text)
    y = int(m.text[-4:])
    assert (m.period_start, m.period_end, m.granularity) == (date(y, 1, 1), date(y, 12, 31), Gr.YEAR)


@pytest.mark.parametrize(
    "text",
    ["RTX 3060", "RTX 2080", "Boeing 737", "COVID-19", "Qwen3.5", "GLM-5", "2026 people", "2,026", "$2025", "US$2025",
     "2025 million", "2025%", "2025.5", "1,2025", "up 12% from", "3060", "#2025", "H20 chips"],
)
def test_not_dates(text):
    assert extract(f"The {text} figure", PUB) == []


def test_percent_before_relative_year_is_not_a_date():
    found = extract("Sales rose 12% from a year earlier.", PUB)
    assert [m.text for m in found] == ["a year earlier"]
    assert found[0].period_start == date(2025, 1, 1) and found[0].relative


def test_year_earlier_shifts_the_period_it_compares_with():
    found = extract("Revenue in Q4 2025 rose 12% from a year earlier.", PUB)
    assert (found[1].period_start, found[1].granularity) == (date(2024, 10, 1), Gr.QUARTER)
    assert found[1].anchor == "'Q4 2025' (2025-10-01)"


@pytest.mark.parametrize(
    "text,start,end,gran",
    [("3 hours ago", PUB, PUB, Gr.DAY),
     ("today", PUB, PUB, Gr.DAY),
     ("yesterday", date(2026, 2, 5), date(2026, 2, 5), Gr.DAY),
     ("a year ago", date(2025, 1, 1), date(2025, 12, 31), Gr.YEAR),
     ("two weeks ago", date(2026, 1, 23), date(2026, 1, 23), Gr.DAY),
     ("last year", date(2025, 1, 1), date(2025, 12, 31), Gr.YEAR),
     ("next year", date(2027, 1, 1), date(2027, 12, 31), Gr.YEAR),
     ("this year", date(2026, 1, 1), date(2026, 12, 31), Gr.YEAR),
     ("last month", date(2026, 1, 1), date(2026, 1, 31), Gr.MONTH),
     ("last week", date(2026, 1, 26), date(2026, 2, 1), Gr.WEEK),
     ("last quarter", date(2025, 10, 1), date(2025, 12, 31), Gr.QUARTER),
     ("last Tuesday", date(2026, 2, 3), date(2026, 2, 3), Gr.DAY),
     ("on Tuesday", date(2026, 2, 3), date(2026, 2, 3), Gr.DAY),
     ("on Friday", PUB, PUB, Gr.DAY),
     ("next Friday", date(2026, 2, 13), date(2026, 2, 13), Gr.DAY),
     ("the past five years", date(2021, 2, 6), PUB, Gr.RANGE),
     ("twenty-one days ago", date(2026, 1, 16), date(2026, 1, 16), Gr.DAY),
     ("last December", date(2025, 12, 1), date(2025, 12, 31), Gr.MONTH)],
)
def test_relative_to_publication(text, start, end, gran):
    m = _one(f"It said {text} that it grew.")
    assert (m.text, m.period_start, m.period_end, m.granularity) == (text, start, end, gran)
    assert m.relative and m.anchor == "published 2026-02-06"


def test_future_wording_moves_a_bare_weekday_forward():
    assert _one("The vote will be held on Tuesday.").period_start == date(2026, 2, 10)


def test_narrative_forms_follow_the_last_explicit_day():
    text = ("In 2025 it grew. On May 11th the plant opened. Nine days later it closed; the next day it reopened. "
            "Two weeks later, the following week and the previous day.")
    found = {m.text: m for m in extract(text, PUB)}
    assert found["Nine days later"].period_start == date(2025, 5, 20)
    assert found["Nine days later"].anchor == "'May 11th' (2025-05-11)"
    assert found["the next day"].period_start == date(2025, 5, 12)
    assert found["Two weeks later"].period_start == date(2025, 5, 25)
    assert (found["the following week"].period_start, found["the following week"].period_end) == (
        date(2025, 5, 12), date(2025, 5, 18))
    assert found["the previous day"].period_start == date(2025, 5, 10)


def test_narrative_without_day_falls_back_to_publication():
    m = _one("Nine days later it closed.")
    assert m.period_start == date(2026, 2, 15) and m.anchor == "published 2026-02-06"


def test_relative_without_any_anchor_is_unresolved_not_today():
    for text in ("3 hours ago", "last year", "nine days later", "on Tuesday", "the previous day"):
        m = _one(f"It rose {text}.", None)
        assert m.relative and m.period_start is None and m.anchor is None


def test_vague_counts_are_unresolved():
    m = _one("a few days later")
    assert m.period_start is None and "vague" in m.notes[0]


@pytest.mark.parametrize(
    "text,day",
    [("Lunar New Year", date(2026, 2, 17)),
     ("Spring Festival", date(2026, 2, 17)),
     ("Chinese New Year", date(2026, 2, 17)),
     ("the first day of the Lunar New Year", date(2026, 2, 17)),
     ("2025 Spring Festival", date(2025, 1, 29)),
     ("Lunar New Year 2024", date(2024, 2, 10)),
     ("Lunar New Year's Eve", date(2026, 2, 16))],
)
def test_lunar_new_year(text, day):
    m = _one(f"Travel around {text} rose.")
    assert (m.text, m.period_start, m.granularity) == (text, day, Gr.DAY)


def test_lunar_year_from_publication_is_the_nearest():
    assert _one("the Spring Festival", date(2026, 12, 20)).period_start == date(2027, 2, 6)


def test_new_years_eve_depends_on_the_story():
    assert _spans("Travel before Spring Festival peaked on New Year's Eve.")[1][1] == date(2026, 2, 16)
    assert _one("Fireworks on New Year's Eve.", date(2026, 1, 2)).period_start == date(2025, 12, 31)


def test_ranges():
    assert _spans("between 2024 and 2026, from 2020 to 2022 and 2024-2026; the 2020s") == [
        ("between 2024 and 2026", date(2024, 1, 1), date(2026, 12, 31), Gr.RANGE),
        ("from 2020 to 2022", date(2020, 1, 1), date(2022, 12, 31), Gr.RANGE),
        ("2024-2026", date(2024, 1, 1), date(2026, 12, 31), Gr.RANGE),
        ("2020s", date(2020, 1, 1), date(2029, 12, 31), Gr.RANGE),
    ]


def test_named_weekdays_are_not_relative_days():
    assert extract("Black Friday sales and Super Tuesday", PUB) == []


# ---- properties -----------------------------------------------------------

@given(st.text(max_size=400), st.one_of(st.none(), st.dates(date(1950, 1, 1), date(2090, 12, 31))))
def test_never_crashes_and_spans_are_sorted_disjoint_exact(text, published):
    last_end = 0
    for m in extract(text, published):
        assert last_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert (m.period_start is None) == (m.period_end is None)
        assert m.period_start is None or m.period_start <= m.period_end
        last_end = m.end


_WORDS = st.sampled_from(["May", "in", "2026", "Q1", "fiscal", "the", "first", "half", "of", "days", "later", "ago",
                          "nine", "Tuesday", ",", "-", "/", "11th", "02", "Lunar", "New", "Year's", "Eve", "last", "12%"])


@given(st.lists(_WORDS, max_size=30), st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2050, 12, 31))))
def test_date_like_word_soup_gives_consistent_mentions(words, published):
    text = " ".join(words)
    last_end = 0
    for m in extract(text, published):
        assert last_end <= m.start and text[m.start : m.end] == m.text
        assert m.relative or m.anchor is None
        if m.relative and m.period_start is not None:
            assert m.anchor
        last_end = m.end


def _full_scan(text, published):
    """Reference: the combined pattern tried at every offset, no triggers."""
    ex = dates.Extractor(text, published)
    for m in dates.SCAN.finditer(text):
        getattr(ex, m.lastgroup)(dates.Groups(m, m.lastgroup), m.start(), m.end())
    return ex.out


_PHRASES = st.sampled_from(
    ["the first day of the Lunar New Year", "between 2024 and 2026", "02/06 2026", "10.02.2026", "twenty-one days later",
     "the past five years", "this past Tuesday", "Tuesday, Feb. 10", "the 10th of February, 2026", "mid-2025",
     "fiscal year 2025", "4Q25", "1H 2026", "the December quarter", "a year earlier", "12% from", "last December",
     "the next day", "New Year's Eve", "Spring Festival 2026", "FY2025/26", "the 2020s", "in May", "3 hours ago",
     "Q4'25", "on\nTuesday", "May 20th to 21st", "January-March 2026", "three days before", "Half a year later",
     "July of the same year", "the fifth day of the Spring Festival", "two days before that", "the last quarter of 2025", "a couple of weeks ago", "that day", "RTX 2080"])


@given(st.lists(st.one_of(_PHRASES, _WORDS), max_size=25), st.sampled_from(["", " ", ", ", ". ", "-", "\n"]))
def test_trigger_scan_finds_what_a_full_scan_finds(parts, sep):
    text = sep.join(parts)
    got = [(m.start, m.end, m.period_start, m.notes) for m in extract(text, PUB)]
    assert got == [(m.start, m.end, m.period_start, m.notes) for m in _full_scan(text, PUB)]


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)))
def test_surface_forms_agree(d):
    forms = [f"{d:%B} {d.day}, {d.year}", f"{d.day} {d:%B} {d.year}", d.isoformat(), f"{d:%b}{'.' if d.month != 5 else ''} {d.day}, {d.year}",
             f"{d:%A}, {d:%B} {d.day}, {d.year}"]
    for form in forms:
        m = _one(f"It was {form}.", None)
        assert (m.text, m.period_start, m.period_end, m.granularity) == (form, d, d, Gr.DAY)


@given(st.integers(1900, 2100))
def test_standalone_years(y):
    assert _spans(f"Sales in {y}, up from {y}.", None)[0][1:] == (date(y, 1, 1), date(y, 12, 31), Gr.YEAR)


@pytest.mark.parametrize("chunk", ["1", "May ", "2026-", "Q1 ", "the first ", "nine days ", "a ", "1/", "2025, ",
                                   "Tuesday, ", "10 ", "New Year ", "between 2024 and "])
def test_adversarial_repeats_scan_in_linear_time(chunk):
    # 50k characters per input; a backtracking blow-up would hang the suite.
    text = chunk * (50_000 // len(chunk))
    found = extract(text, PUB)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_before_or_after_a_written_date_counts_from_it():
    found = _spans("Sales peaked three days before New Year's Eve of the Spring Festival.")
    assert found[0][:2] == ("three days before", date(2026, 2, 13))


def test_before_or_after_an_event_is_unresolved():
    found = extract("On May 11th it opened. Eleven years after the founding it closed.", PUB)
    assert found[1].text == "Eleven years after" and found[1].period_start is None
    assert _spans("On May 11th it opened. Two days after, it closed.")[1][1] == date(2025, 5, 13)


def test_month_of_a_relative_year():
    found = {m.text: m for m in extract("It launched in May 2024 and grew in July of the same year. "
                                        "In 2025 it slowed; by November of the previous year it had peaked.", PUB)}
    assert found["July of the same year"].period_start == date(2024, 7, 1)
    assert found["November of the previous year"].period_start == date(2024, 11, 1)
    assert _one("in March of last year").period_start == date(2025, 3, 1)


def test_half_a_year_is_six_months():
    m = _spans("On March 1st, 2025 he joined. Half a year later he left.")[1]
    assert m[:4] == ("Half a year later", date(2025, 9, 1), date(2025, 9, 30), Gr.MONTH)


def test_lunar_year_is_not_taken_from_an_inferred_year():
    found = _spans("On February 17, the first day of the Lunar New Year, and the fifth day of the Lunar New Year")
    assert found[1][1] == date(2026, 2, 17) and found[2][1] == date(2026, 2, 21)


def test_parts_of_periods_and_non_directions_are_not_relative_dates():
    assert extract("In the last week of May the team spent 8 months on a project.", PUB)[0].text == "May"
    assert len(extract("In the last week of May the team spent 8 months on a project.", PUB)) == 1


def test_amounts_in_currency_codes_are_not_years():
    assert extract("a daily salary of 2000 RMB", PUB) == []


def test_day_and_month_ranges():
    assert _spans("from May 20th to 21st, and February 10-12, 2026; January-March 2026") == [
        ("May 20th to 21st", date(2025, 5, 20), date(2025, 5, 21), Gr.RANGE),
        ("February 10-12, 2026", date(2026, 2, 10), date(2026, 2, 12), Gr.RANGE),
        ("January-March 2026", date(2026, 1, 1), date(2026, 3, 31), Gr.QUARTER),  # whole quarter
    ]
    assert extract("on May 5-3", PUB) == []  # a backwards range is not a date


def test_before_that_follows_the_story():
    assert _spans("On May 11th it opened. Three months before that, it hired.")[1][1] == date(2025, 2, 1)


def test_year_after_an_acronym_across_punctuation_is_a_year():
    assert [m.text for m in extract("In the US, 2025 was weak; at CES 2026 and RTX 2080 cards", PUB)] == ["2025", "2026"]


def test_headline_case_year():
    assert _one("SALES FELL IN 2025").period_start == date(2025, 1, 1)


def test_undated_text_takes_the_year_it_names_most():
    text = "On February 17, the first day of the Lunar New Year, shares rose. The 2026 Spring Festival Gala drew 2026 viewers... in 2026."
    found = {m.text: m for m in extract(text, None)}
    assert found["February 17"].period_start == date(2026, 2, 17)
    assert "names most" in found["February 17"].notes[0]
    assert extract("On February 17 shares rose.", None)[0].period_start is None  # no year anywhere: unresolved


@pytest.mark.parametrize("text,year", [("full-year 2024", 2024), ("the full year 2024", 2024), ("for the full year", 2026),
                                       ("full-year sales", 2026)])
def test_full_year_takes_its_own_year(text, year):
    """'full-year 2024' is 2024, not the year of publication that a bare 'full year' means."""
    spans = {(s, e) for _, s, e, _ in _spans(text)}
    assert (date(year, 1, 1), date(year, 12, 31)) in spans and len(spans) == 1


@pytest.mark.parametrize("text,end", [
    ("the year to 30 June 2025", date(2025, 6, 30)),
    ("the fiscal year that ended on March 31, 2025", date(2025, 3, 31)),
    ("the financial year ended 31st of March 2025", date(2025, 3, 31)),
    ("the year to June 30, 2025", date(2025, 6, 30)),
    ("the fiscal year ending March 2027", date(2027, 3, 31)),
    ("the twelve months to March 2026", date(2026, 3, 31)),
    ("FY ended Mar 2025", date(2025, 3, 31)),
])
def test_year_ending_on_a_day_is_the_fiscal_year_to_that_month(text, end):
    m = _one(f"Revenue for {text} rose.")
    assert m.text == text and m.granularity == Gr.FISCAL_YEAR
    assert (m.period_start, m.period_end) == (date(end.year - 1, end.month + 1, 1) if end.month < 12 else date(end.year, 1, 1), end)


@pytest.mark.parametrize("text,start,end,gran", [
    ("the first three months of 2025", date(2025, 1, 1), date(2025, 3, 31), Gr.QUARTER),
    ("the first six months of 2025", date(2025, 1, 1), date(2025, 6, 30), Gr.HALF),
    ("the first nine months of 2024", date(2024, 1, 1), date(2024, 9, 30), Gr.RANGE),
    ("the last three months of 2024", date(2024, 10, 1), date(2024, 12, 31), Gr.QUARTER),
])
def test_first_months_of_a_year_are_its_quarter_half_or_months(text, start, end, gran):
    m = _one(f"Sales rose in {text}, it said.")
    assert (m.text, m.period_start, m.period_end, m.granularity) == (text, start, end, gran)


@pytest.mark.parametrize("text,start,end,gran", [
    ("the six months to June 2023", date(2023, 1, 1), date(2023, 6, 30), Gr.HALF),
    ("the three months ended September 30, 2024", date(2024, 7, 1), date(2024, 9, 30), Gr.QUARTER),
    ("six months ending 31 December 2023", date(2023, 7, 1), date(2023, 12, 31), Gr.HALF),
    ("the nine months to September 2024", date(2024, 1, 1), date(2024, 9, 30), Gr.RANGE),
    ("the three months to January 2025", date(2024, 11, 1), date(2025, 1, 31), Gr.RANGE),
])
def test_months_to_a_month_end_there(text, start, end, gran):
    """'the six months to June' is the first half; months that make no quarter or half are a range,
    starting in the year before when they must."""
    m = _one(f"Sales rose in {text}, it said.")
    assert (m.text, m.period_start, m.period_end, m.granularity) == (text, start, end, gran)


@pytest.mark.parametrize("text", ["Country Garden Holdings (2007.HK) said", "Nexon (2018.HK) said"])
def test_a_ticker_is_no_year(text):
    assert extract(text, PUB) == []


def test_last_three_months_without_a_year_stay_a_rolling_window():
    m = _one("Sales rose over the last three months, it said.")
    assert m.granularity == Gr.RANGE and m.period_end == PUB


def test_an_undated_text_gives_a_yearless_period_the_last_year_written_before_it():
    found = _spans("Deliveries hit a record in the third quarter of 2025. In 2024 they fell. "
                   "Back in 2025 the first quarter was weak.", published=None)
    first = [s for s in found if s[0] == "the first quarter"]
    assert first and first[0][1] == date(2025, 1, 1)
