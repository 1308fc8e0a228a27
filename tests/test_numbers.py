"""Numeric extraction and normalisation: money, counts, percentages,
multiples, fractions, bounds, ranges, units, and what is not a quantity."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.extract.numbers import extract
from factlint.models import Bound


def one(text: str):
    found = extract(text)
    assert len(found) == 1, [(m.text, m.kind) for m in found]
    return found[0]


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("capex of 380 billion yuan", 380e9, "CNY"),
        ("Rmb200bn of spending", 200e9, "CNY"),
        ("USD34.6m in fees", 34.6e6, "USD"),
        ("a HK$4.7 bn deal", 4.7e9, "HKD"),
        ("a $5bn round", 5e9, "USD"),
        ("US$1.2 trillion", 1.2e12, "USD"),
        ("€3.5 million", 3.5e6, "EUR"),
        ("£20m", 20e6, "GBP"),
        ("eighty billion dollars", 80e9, "USD"),
        ("2.5 billion renminbi", 2.5e9, "CNY"),
        ("500 million RMB", 500e6, "CNY"),
        ("CNY 12,500", 12500, "CNY"),
        ("closed at HK$725", 725, "HKD"),
        ("Rs 500 crore", 5e9, "INR"),
        ("Rs. 1,200 crore", 12e9, "INR"),
        ("₹2.5 lakh", 2.5e5, "INR"),
        ("$100 billion USD", 100e9, "USD"),
        ("19.5 Mrd. US-Dollar", 19.5e9, "USD"),  # a translated European page
        ("1259 Mio. US-$", 1259e6, "USD"),  # its short form
        ("0.99 US$ a share", 0.99, "USD"),
    ],
)
def test_money(text, value, unit):
    m = one(text)
    assert m.kind == "money"
    assert m.value == pytest.approx(value)
    assert m.unit == unit


def test_ambiguous_dollar_says_so():
    m = one("a $5bn round")
    assert m.alternatives and "HKD" in m.alternatives
    assert any("'$'" in n for n in m.notes)


def test_yen_symbol_reads_text_context():
    assert one("Sony earned ¥300 billion in Japan, the yen weakening.").unit == "JPY"
    assert one("Meituan spent ¥300 billion; yuan figures from China.").unit == "CNY"


@pytest.mark.parametrize(
    "text,value,noun",
    [
        ("130 million orders", 130e6, "orders"),
        ("over 50 million daily active users", 50e6, "daily active users"),
        ("397 billion total parameters", 397e9, "total parameters"),
        ("a 4-billion-item product library", 4e9, "item product library"),
        ("a 128K-token context window", 128e3, "token context window"),
        ("633 billion tokens per minute", 633e9, "tokens per minute"),
        ("10K users", 1e4, "users"),
        ("3m users", 3e6, "users"),
        ("sold 1.2m units", 1.2e6, "units"),
        ("over 1,000 members", 1000, "members"),
        # a model's name in the plural counts the model
        ("handed over 196 F-35s", 196, "F-35s"),
        ("took 40 A320s", 40, "A320s"),
        ("ordered 12 MQ-9Bs", 12, "MQ-9Bs"),
    ],
)
def test_counts_keep_their_noun(text, value, noun):
    m = one(text)
    assert m.kind == "count"
    assert m.value == pytest.approx(value)
    assert m.unit == noun


@pytest.mark.parametrize(
    "text,kind,value,unit",
    [
        ("up 42.7%", "percent", 42.7, "%"),
        ("25 percent", "percent", 25, "%"),
        ("12 per cent", "percent", 12, "%"),
        ("3 percentage points", "percent-point", 3, "pp"),
        ("50 basis points", "percent-point", 0.5, "pp"),
        ("2.8x that of 2024", "multiple", 2.8, "x"),
        ("3 times the size", "multiple", 3, "x"),
        ("profit tripled", "multiple", 3, "x"),
        ("a threefold rise", "multiple", 3, "x"),
        ("a fifth of users", "fraction", 0.2, None),
        ("two-thirds of staff", "fraction", 2 / 3, None),
        ("one in every 3.6 adults", "fraction", 1 / 3.6, None),
        ("one in five", "fraction", 0.2, None),
    ],
)
def test_ratios(text, kind, value, unit):
    m = one(text)
    assert (m.kind, m.unit) == (kind, unit)
    assert m.value == pytest.approx(value)


def test_exact_figure_carries_written_precision():
    m = one("380 billion yuan")
    assert (m.low, m.high) == (pytest.approx(379.5e9), pytest.approx(380.5e9))
    m = one("$0.12 billion")
    assert (m.low, m.high) == (pytest.approx(0.115e9), pytest.approx(0.125e9))


@pytest.mark.parametrize(
    "text,bound,inside,outside",
    [
        ("nearly 200 million orders", Bound.BELOW, 195e6, 200.5e6),
        ("almost 3 times", Bound.BELOW, 2.8, 3.01),
        ("about 200 people", Bound.APPROX, 210, 240),
        # "approx." widens a round figure by 5%, but a figure written to four digits only by its last one
        ("approx. 6,800 billion RMB", Bound.APPROX, 6720e9, 6500e9),
        ("about 7 billion RMB", Bound.APPROX, 7.3e9, 7.5e9),
        ("approx. 6,781 billion RMB", Bound.APPROX, 6782e9, 6500e9),
        ("about $95.5 billion", Bound.APPROX, 95.6e9, 95.8e9),
        # a percentage is already relative: "roughly 20%" holds 21.4% (10% either way), not 23%
        ("roughly 20% lower", Bound.APPROX, 21.4, 23),
        ("about 6.5% lower", Bound.APPROX, 6.6, 7),
        # the bound words of European pages
        ("rund $200 million", Bound.APPROX, 210e6, 240e6),
        ("environ 200 salariés", Bound.APPROX, 210, 240),
        ("mehr als $500 million", Bound.ABOVE, 501e6, 500e6),
        ("over 50 million users", Bound.ABOVE, 60e6, 49e6),
        ("more than 500 people", Bound.ABOVE, 501, 500),
        ("at least 20 stores", Bound.AT_LEAST, 20, 19),
        ("200+ billion yuan", Bound.AT_LEAST, 201e9, 199e9),
        ("up to 19 times", Bound.AT_MOST, 19, 19.5),
        ("under 10 million users", Bound.UNDER, 9e6, 10e6),
    ],
)
def test_bounds_keep_direction(text, bound, inside, outside):
    m = one(text)
    assert m.bound == bound
    assert _contains(m, inside)
    assert not _contains(m, outside)
    assert m.text.lower().startswith(text.split()[0].lower()[:3])  # the bound word is part of the span


def _contains(m, x):
    lo_ok = m.low is None or (m.low <= x if m.low_inclusive else m.low < x)
    hi_ok = m.high is None or (x <= m.high if m.high_inclusive else x < m.high)
    return lo_ok and hi_ok


def test_over_a_span_of_time_is_not_a_bound():
    m = extract("invest 380 billion yuan over three years")[0]
    assert m.bound == Bound.EXACT


@pytest.mark.parametrize(
    "text,low,high,unit",
    [
        ("between $100 billion and $120 billion", 100e9, 120e9, "USD"),
        ("$100-120bn", 100e9, 120e9, "USD"),
        ("100 to 120 billion yuan", 100e9, 120e9, "CNY"),
        ("5-7 years", 5, 7, "year"),
        ("25% to 30%", 25, 30, "%"),
        # the range words of European pages
        ("3.25 bis 3.55 billion euros", 3.25e9, 3.55e9, "EUR"),
        ("30 à 40%", 30, 40, "%"),
        ("300 tot 400 million euros", 300e6, 400e6, "EUR"),
    ],
)
def test_ranges_apply_scale_to_both_ends(text, low, high, unit):
    m = one(text)
    assert m.bound == Bound.RANGE
    assert m.unit == unit
    # Each end keeps half a unit of its last written digit.
    assert m.low == pytest.approx(low, rel=0.01, abs=0.5) and m.high == pytest.approx(high, rel=0.01, abs=0.5)


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        ("revenue of $8.7 billion, plus or minus $200 million", 8.5e9, 8.9e9, "USD"),
        ("a gross margin of 56.5% ± 1%", 55.5, 57.5, "%"),
        ("a load of 20 tonnes, give or take 2 tonnes", 18, 22, "metric_ton"),
    ],
)
def test_a_tolerance_makes_the_figure_before_a_range(text, low, high, unit):
    m = one(text)  # the tolerance is no figure of its own (no "revenue" of minus $200 million)
    assert m.bound == Bound.RANGE and m.unit == unit
    assert (m.range_low, m.range_high) == (pytest.approx(low), pytest.approx(high))
    assert m.text.endswith(text.split()[-1])


def test_a_smaller_figure_after_minus_is_no_tolerance_of_another_unit():
    assert len(extract("It sold 300 cars, plus or minus 5%.")) == 2


def test_from_to_is_two_figures_not_a_range():
    found = extract("raised its plan from 160 billion to 200 billion")
    assert [m.value for m in found] == [160e9, 200e9]


@pytest.mark.parametrize(
    "text",
    [
        "an RTX 3060 graphics card",
        "the Qwen3.5-Plus model",
        "Zhipu's GLM-5 launch",
        "a Boeing 737 jet",
        "after COVID-19 hit",
        "5G phones",
        "1. First item",
        "call +86 10 6512 3456",
        "in 2025 revenue rose",
        "the A100 chips",
        "version 3 shipped",
        "a 5m wall",
        "at 7 p.m. on Friday",
    ],
)
def test_not_quantities(text):
    assert extract(text) == [], [(m.text, m.kind) for m in extract(text)]


def test_spans_are_exact():
    text = "Sales hit nearly 200 million orders, and HK$725 a share."
    for m in extract(text):
        assert text[m.start : m.end] == m.text


# --- properties --------------------------------------------------------------

SCALE_FORMS = {1e6: ["million", "mn", "m"], 1e9: ["billion", "bn", "b"]}


@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from(sorted(SCALE_FORMS)),
    st.sampled_from([("$", "", "USD"), ("US$", "", "USD"), ("", " USD", "USD"), ("HK$", "", "HKD"), ("", " yuan", "CNY"), ("RMB", "", "CNY"), ("", " RMB", "CNY")]),
)
def test_equivalent_money_forms_normalise_equal(n, scale, currency):
    prefix, suffix, code = currency
    values = set()
    for word in SCALE_FORMS[scale]:
        if len(word) == 1 and not prefix:
            continue  # a lone 'm'/'b' is only a scale next to a currency symbol
        for sep in ([""] if len(word) <= 2 else [" "]):
            m = one(f"paid {prefix}{n}{sep}{word}{suffix} for it")
            assert m.kind == "money" and m.unit == code
            values.add(m.value)
    values.add(one(f"paid {prefix}{n * scale:,.0f}{suffix} for it").value)
    assert values == {n * scale}


@given(st.integers(min_value=1, max_value=10**9).filter(lambda n: not 1900 <= n <= 2100))  # bare 1900-2100 reads as a year
def test_separators_do_not_change_value(n):
    assert one(f"{n:,} users").value == one(f"{n} users").value == n


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_never_crashes_and_spans_hold(text):
    _check_spans(text)


def _check_spans(text):
    for m in extract(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.low is None or m.high is None or m.low <= m.high


@given(st.lists(st.sampled_from(["1", ",", "0", " ", "$", "bn", "-", "to ", "nearly ", "x", "%", "+", "a", "."]), max_size=200))
def test_adversarial_tokens(parts):
    _check_spans("".join(parts))


def test_large_adversarial_input_is_processed():
    # Linear-time patterns: these would hang a backtracking-prone regex.
    for text in ("1," * 50_000, "9" * 100_000, "nearly " * 20_000, "$1-" * 30_000, "a " * 50_000 + "!"):
        extract(text)


def test_german_scale_words_of_a_translated_page():
    from factlint.extract import numbers as _numbers
    found = {m.text: (m.kind, m.unit, m.value) for m in _numbers.extract("Revenue was 324.7 Mrd. Euro, or €84.2 Milliarden, and 1.2 Mio. tonnes.")}
    assert found["324.7 Mrd. Euro"] == ("money", "EUR", 324.7e9)
    assert found["€84.2 Milliarden"] == ("money", "EUR", 84.2e9)


@pytest.mark.parametrize("text, figures", [
    # "up from the A to B": the change's new figure came before; A to B is the old range
    ("expects $41.0 billion to $41.3 billion, up from the $40.5 billion to $40.9 billion it guided",
     ["$41.0 billion to $41.3 billion", "$40.5 billion to $40.9 billion"]),
    ("edged its guidance higher, to 14.0 million to 14.5 million tonnes, from the 13.9 million to 14.5 million tonnes it set",
     ["14.0 million to 14.5 million tonnes", "13.9 million to 14.5 million tonnes"]),
    # "from A to B" alone is a change: two figures
    ("revenue rose from $40.5 billion to $40.9 billion", ["$40.5 billion", "$40.9 billion"]),
])
def test_a_range_after_up_from_the_is_one_figure(text, figures):
    assert [m.text for m in extract(text) if m.kind in ("money", "quantity")] == figures
