"""Every quantity in news text: units through pint and the news alias layer,
number words, ranges and changes, rates, currencies, bare numbers, minus
signs, vague amounts, and what is not a quantity.  Sentences are our own."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factlint.extract import lexicon
from factlint.extract.numbers import extract
from factlint.models import Bound


def figures(text: str) -> list[tuple[float | tuple[float, float], str]]:
    out = []
    for m in extract(text):
        value = (m.range_low, m.range_high) if m.bound == Bound.RANGE else m.value
        out.append((value, m.unit_name))
    return out


def one(text: str):
    found = extract(text)
    assert len(found) == 1, [(m.text, m.kind, m.unit_name) for m in found]
    return found[0]


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("The phone has 128GB of storage.", 128, "gigabyte"),
        ("The car was doing 60mph.", 60, "mile / hour"),
        ("a 5000 mAh battery", 5000, "milliampere_hour"),
        ("tones up to 400 Hz", 400, "hertz"),
        ("grains of 200 μm", 200, "micrometer"),
        ("The engine makes 310 hp.", 310, "horsepower"),
        ("a 12.5 cm screen", 12.5, "centimeter"),
        ("The rotor turns at 3000 rpm.", 3000, "revolutions_per_minute"),
        ("450 Nm of torque", 450, "meter * newton"),
        ("Snow lay 14 inches deep.", 14, "inch"),
        ("The wall is 6 feet high.", 6, "foot"),
        ("a walk of 300 yards", 300, "yard"),
        ("85 square metres of space", 85, "meter ** 2"),
        ("It was 31°C at noon.", 31, "degree_Celsius"),
        ("It fell to -5°F overnight.", -5, "degree_Fahrenheit"),
        ("The ship took 20,000 tonnes of grain.", 20000, "metric_ton"),
        ("They mined 5 million tons of coal.", 5e6, "ton"),
        ("Emissions hit 37 gigatonnes.", 37, "gigametric_ton"),
        ("The farm covers 1,200 acres.", 1200, "acre"),
        ("The fire burned 4,500 hectares.", 4500, "hectare"),
        ("The jet reached 32 knots.", 32, "knot"),
        ("a 14-inch display", 14, "inch"),
        ("a 12.3-inch display screen", 12.3, "inch"),
        ("A 25-metre-high wave hit.", 25, "meter"),
        ("winds of 120 km/h", 120, "kilometer / hour"),
        ("The line delivers 900 Mbps.", 900, "megabit / second"),
        ("The mine produced 40,000 ounces of gold.", 40000, "ounce"),
    ],
)
def test_units_through_pint_and_aliases(text, value, unit):
    m = one(text)
    assert m.kind == "quantity" and m.value == pytest.approx(value) and m.unit_name == unit
    assert m.unit_text and m.unit_text in text


@pytest.mark.parametrize(
    "text",
    ["Sales rose 40 points.", "The 3 lines were busy.", "He has 3 cups of tea."],
)
def test_words_pint_knows_that_news_uses_otherwise_are_not_units(text):
    assert all(m.kind != "quantity" for m in extract(text))


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("Three months later the line reopened.", 3, "month"),
        ("Ten users still had no service.", 10, "users"),
        ("The council hired a dozen inspectors.", 12, "inspectors"),
        ("A crowd of twenty-eight thousand six hundred people.", 28600, "people"),
        ("Two hundred workers walked out.", 200, "workers"),
        ("The match drew forty-five thousand fans.", 45000, "fans"),
        ("six hundred and fifty jobs", 650, "jobs"),
        ("Half a million people signed.", 5e5, "people"),
        ("a million barrels of oil", 1e6, "barrel"),
    ],
)
def test_number_words_read_whole(text, value, unit):
    m = one(text)
    assert m.value == pytest.approx(value) and m.unit_name == unit


@pytest.mark.parametrize(
    "text,value",
    [("Half the staff stayed home.", 0.5), ("One in four adults agreed.", 0.25), ("A quarter of the budget.", 0.25),
     ("Three quarters of respondents.", 0.75), ("two-thirds of the cost", 2 / 3)],
)
def test_fractions(text, value):
    m = one(text)
    assert m.kind == "fraction" and m.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["No one came.", "They helped one another.", "a bad day", "an idea", "the third quarter"])
def test_words_that_are_not_numbers(text):
    assert extract(text) == [], [(m.text, m.kind) for m in extract(text)]


@pytest.mark.parametrize(
    "text,low,high,unit",
    [
        ("Salaries range from $370,000 to $5.5 million.", 370_000, 5.5e6, "USD"),
        ("The tone lies between 15kHz and 17kHz.", 15, 17, "kilohertz"),
        ("The project is valued at $10 to $15 billion.", 10e9, 15e9, "USD"),
        ("Tickets cost between £40 and £60.", 40, 60, "GBP"),
        ("returns of 6-8% a year", 6, 8, "percent"),
        ("Prices ranged from 1,000 to 1,500 euros.", 1000, 1500, "EUR"),
    ],
)
def test_ranges(text, low, high, unit):
    m = one(text)
    assert m.bound == Bound.RANGE and (m.range_low, m.range_high) == (pytest.approx(low), pytest.approx(high))
    assert m.unit_name == unit


@pytest.mark.parametrize(
    "text,old,new,unit",
    [
        ("The price climbed from 240 to 273 yuan.", 240, 273, "CNY"),
        ("The limit will drop from 70 to 60 mph.", 70, 60, "mile / hour"),
        ("Fares increased from £2.50 to £2.80.", 2.5, 2.8, "GBP"),
        ("Rates could rise from 5 per cent to 20 per cent.", 5, 20, "percent"),
        ("Its plan grew from 160 to 200 billion yuan.", 160e9, 200e9, "CNY"),
    ],
)
def test_changes_are_two_linked_figures(text, old, new, unit):
    a, b = extract(text)
    assert (a.value, b.value) == (pytest.approx(old), pytest.approx(new))
    assert a.unit_name == b.unit_name == unit
    assert a.change_from == b.change_from == a.value and a.change_to == b.change_to == b.value


@pytest.mark.parametrize(
    "text,value,unit,per",
    [
        ("Oil traded at $58 per barrel.", 58, "USD / barrel", "barrel"),
        ("The field pumps 800,000 barrels a day.", 8e5, "barrel / day", "day"),
        ("The jet flies at 800 miles per hour.", 800, "mile / hour", None),
        ("a dividend of 45 cents per share", 45, "cents / share", None),
        ("Rent rose to $2,400 a month.", 2400, "USD / month", "month"),
        ("Nurses earn $35 an hour.", 35, "USD / hour", "hour"),
        ("The drug costs $2.1 million per patient.", 2.1e6, "USD / patient", "patient"),
        ("Data use hit 18 TB per month.", 18, "terabyte / month", "month"),
    ],
)
def test_rates_keep_their_denominator(text, value, unit, per):
    m = one(text)
    assert m.value == pytest.approx(value) and m.unit_name == unit and m.per == per


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("revenue of $US4.2 billion", 4.2e9, "USD"), ("worth US $300 million", 3e8, "USD"), ("a loss of $A1.9 billion", 1.9e9, "AUD"),
        ("sold for A$1.45 million", 1.45e6, "AUD"), ("from AU $899", 899, "AUD"), ("at C $2.1 billion", 2.1e9, "CAD"),
        ("paid HK $500 million", 5e8, "HKD"), ("sold for NZ$45 million", 4.5e7, "NZD"), ("earned S$2.7 billion", 2.7e9, "SGD"),
        ("R$36 billion in profit", 3.6e10, "BRL"), ("a profit of RM80.7 billion", 8.07e10, "MYR"), ("raised R2.5 billion", 2.5e9, "ZAR"),
        ("9.2 billion Danish crowns", 9.2e9, "DKK"), ("300 Chinese yuan", 300, "CNY"), ("costs 1,200€", 1200, "EUR"),
        ("sells for ₹79,900", 79900, "INR"), ("Rs 1,500 crore", 1.5e10, "INR"), ("cost Rp 3.2 trillion", 3.2e12, "IDR"),
        ("50 billion Swedish kronor", 5e10, "SEK"), ("It cost 500 ZAR.", 500, "ZAR"), ("DKK 500", 500, "DKK"), 
    ],
)
def test_currency_forms(text, value, unit):
    m = one(text)
    assert m.kind == "money" and m.value == pytest.approx(value) and m.unit == unit


@pytest.mark.parametrize(
    "text,value",
    [("The Dow closed at 38950 on Friday.", 38950), ("The index rose to 102.4.", 102.4), ("Only eleven of the teams qualified.", 11),
     ("Seven were hurt and three were taken away.", 3)],
)
def test_bare_numbers_are_kind_number(text, value):
    found = [m for m in extract(text) if m.value == pytest.approx(value)]
    assert len(found) == 1 and found[0].kind == "number" and found[0].unit is None and found[0].unit_name == "-"


@pytest.mark.parametrize(
    "text,value,unit",
    [("The index slipped -1.3% early.", -1.3, "percent"), ("a net outflow of $-50.8bn", -50.8e9, "USD"),
     ("The probe read minus-130 degrees.", -130, "degree"), ("It was minus 40 degrees.", -40, "degree"),
     ("Temperatures dropped to -12C.", -12, "degree_Celsius")],
)
def test_minus_signs(text, value, unit):
    m = one(text)
    assert m.value == pytest.approx(value) and m.unit_name == unit


@pytest.mark.parametrize("text", ["the GLM-5 model", "after COVID-19", "pages 10-12", "a 2024-25 season"])
def test_a_hyphen_inside_a_name_or_range_is_not_a_minus(text):
    assert all(m.value is None or m.value >= 0 for m in extract(text))


@pytest.mark.parametrize(
    "text,low,high,unit",
    [("The charity raised tens of thousands of dollars.", 20000, 99999, "USD"), ("Dozens of people gathered.", 24, 99, "people"),
     ("Millions of users lost access.", 2e6, 999_999_999, "users"), ("Hundreds of flights were cancelled.", 200, 999, "flights")],
)
def test_vague_amounts_are_intervals(text, low, high, unit):
    m = one(text)
    assert m.bound == Bound.RANGE and (m.range_low, m.range_high) == (low, high) and m.unit_name == unit
    assert m.low <= m.value <= m.high


@pytest.mark.parametrize(
    "text",
    ["Apple unveiled the iPhone 16 Pro.", "Boeing delivered a 787 Dreamliner.", "Airbus booked the A320neo.",
     "Residents of the 90210 ZIP code.", "With 4:39 left, they scored.", "Third-party sellers.", "He was tackled at the 40 yard line.",
     "The PlayStation 5 sold out.", "She drives a Porsche 911.", "Call 555-0199 for tickets.", "Flight BA 117 landed at 8 p.m.",
     "The G7 leaders met.", "He finished 3rd."],
)
def test_not_quantities(text):
    assert extract(text) == [], [(m.text, m.kind) for m in extract(text)]


# --- properties: equivalent forms read equal ---------------------------------


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["$", "€", "£"]))
def test_scale_forms_read_equal(n, sym):
    a = one(f"It paid {sym}{n}.5 billion.").value
    b = one(f"It paid {sym}{n}.5bn.").value
    c = one(f"It paid {sym}{n * 1000 + 500:,} million.").value
    assert a == pytest.approx(b) and a == pytest.approx(c)


@given(st.integers(min_value=1, max_value=2000), st.sampled_from(
    [("mph", "miles per hour"), ("km", "kilometres"), ("kg", "kilograms"), ("GB", "gigabytes"), ("°C", "degrees Celsius"),
     ("hp", "horsepower"), ("Hz", "hertz"), ("ft", "feet")]))
def test_spaced_glued_and_spelled_units_read_equal(n, forms):
    short, long = forms
    readings = {(one(f"It went {n}{short} today.").unit_name, one(f"It went {n}{short} today.").value),
                (one(f"It went {n} {short} today.").unit_name, one(f"It went {n} {short} today.").value),
                (one(f"It went {n} {long} today.").unit_name, one(f"It went {n} {long} today.").value)}
    assert len(readings) == 1


_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def _words(n: int) -> str:
    """Spell 1..999,999 the way news does."""
    def small(k: int) -> str:
        parts = []
        if k >= 100:
            parts.append(f"{_ONES[k // 100 - 1]} hundred")
            k %= 100
        if k >= 20:
            parts.append(_TENS[k // 10 - 2] + (f"-{_ONES[k % 10 - 1]}" if k % 10 else ""))
        elif k >= 10:
            parts.append(["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"][k - 10])
        elif k:
            parts.append(_ONES[k - 1])
        return " ".join(parts)
    thousands, rest = divmod(n, 1000)
    return " ".join(p for p in (f"{small(thousands)} thousand" if thousands else "", small(rest)) if p)


@given(st.integers(min_value=2, max_value=999_999))
def test_number_words_equal_digits(n):
    assert one(f"They counted {_words(n)} ballots.").value == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_a_range_holds_both_written_ends(a, d):
    m = one(f"Tickets cost between ${a:,} and ${a + d:,}.")
    assert (m.range_low, m.range_high) == (a, a + d) and m.low <= m.value <= m.high


# --- the lexicon's own examples ----------------------------------------------


@pytest.mark.parametrize("case", lexicon.EXAMPLES, ids=lambda c: c["text"])
def test_lexicon_examples(case):
    assert any(m.value == pytest.approx(case["value"]) and m.unit_name == case["unit"] for m in extract(case["text"])), figures(case["text"])


@pytest.mark.parametrize("case", lexicon.NOT_EXAMPLES, ids=lambda c: c["text"])
def test_lexicon_not_examples(case):
    assert extract(case["text"]) == []


# --- readings that must not change what the checks see ------------------------


@pytest.mark.parametrize(
    "text,kind,unit",
    [
        ("It listed 30,000 apps.", "count", "apps"),  # pint would read 'apps' as atto-pp
        ("EPS was 87 cents per share.", "count", "cents per share"),  # a sub-unit never meets dollars
        ("A stamp costs 75p.", "count", "pence"),
        ("The plant stores 1.9 gigawatt-hours.", "quantity", "gigawatt_hour"),
        ("An 81-year-old founder.", "quantity", "year"),
        ("It deployed 1.4 gigawatt-hours a year earlier.", "quantity", "gigawatt_hour"),  # a time, not a rate
    ],
)
def test_kinds_the_checks_rely_on(text, kind, unit):
    m = one(text)
    assert (m.kind, m.unit) == (kind, unit)


@pytest.mark.parametrize("text", ["It streams 1080p video.", "Two late-May events."])
def test_no_pence_in_video_formats_and_dates_stay_whole(text):
    assert all(m.unit != "pence" and "May" not in m.text for m in extract(text))


def test_a_number_word_does_not_take_a_name_as_its_noun():
    assert [(m.text, m.kind) for m in extract("two Spring Festival heavyweights")] == [("two", "number")]


def test_fifty_million_alone_stays_a_count_resolve_may_read_as_money():
    m = one("It raised fifty million.")
    assert (m.kind, m.unit) == ("count", None)


def test_six_quarters_is_time_not_a_fraction():
    m = one("over six quarters")
    assert m.kind == "quantity" and m.value == 6


@pytest.mark.parametrize("text,values", [("The Lakers beat the Celtics 112-104.", [112, 104]), ("a 7-2 vote", [7, 2])])
def test_scores_are_two_numbers(text, values):
    assert [m.value for m in extract(text)] == values


@pytest.mark.parametrize(
    "text,low,high",
    [("The repairs take one to two years.", 1, 2), ("two to three million users", 2e6, 3e6), ("tens of billions of yuan", 2e10, 1e11 - 1)],
)
def test_word_ranges(text, low, high):
    m = one(text)
    assert (m.range_low, m.range_high) == (low, high)


def test_half_a_before_a_unit():
    m = one("The Fed cut rates by half a percentage point.")
    assert (m.kind, m.value) == ("percent-point", 0.5)


def test_large_adversarial_input_is_processed():
    # Linear-time readers: each of these would hang a backtracking-prone pattern or a quadratic scan.
    for text in ("one " * 30_000, "twenty-" * 30_000, "tens of " * 20_000, "-" * 100_000 + "5", "$-" * 40_000,
                 "5 per " * 30_000, "1-2-" * 30_000, "minus " * 20_000 + "4", "half a " * 30_000, "a " * 50_000 + "million"):
        extract(text)


@pytest.mark.parametrize("text,value", [("Nine out of ten doctors agreed.", 0.9), ("3 in 10 adults", 0.3), ("two in five homes", 0.4)])
def test_shares_n_in_m(text, value):
    m = one(text)
    assert m.kind == "fraction" and m.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["The toll rose from 12 to 19 overnight.", "It was 19 yesterday."])
def test_time_adverbs_are_not_counted_nouns(text):
    assert all(m.unit is None for m in extract(text))


def test_hyphenated_rate():
    m = one("The £1.5m-a-year contract runs on.")
    assert (m.value, m.unit, m.per) == (1.5e6, "GBP", "year")


@pytest.mark.parametrize("text", ["The sensor shoots 8K video.", "They sell 4k TVs."])
def test_video_formats_are_not_amounts(text):
    assert extract(text) == []


@pytest.mark.parametrize("text", ["They met for a third round of talks.", "The number one seed lost.", "Profits fell in a quarter."])
def test_ordinals_and_labels_are_not_fractions(text):
    assert all(m.kind != "fraction" for m in extract(text)), [(m.text, m.kind) for m in extract(text)]


def test_a_fraction_of_a_scale():
    m = one("A third of a million people have left.")
    assert m.value == pytest.approx(1e6 / 3) and m.unit == "people"


def test_vague_amounts_as_subjects():
    assert [(m.range_low, m.range_high) for m in extract("Dozens were injured and hundreds were left homeless.")] == [(24, 99), (200, 999)]
