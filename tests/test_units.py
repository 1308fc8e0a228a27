"""Physical units through pint, and publication dates written in other ways."""
from __future__ import annotations

from datetime import date

import pytest

from factlint.check import run_rules
from factlint.ingest import parse
from factlint.knowledge import Knowledge
from factlint.pipeline import analyse
from factlint.extract.lexicon import DIMENSIONS
from factlint.units import name, to_base, word_unit

KB = Knowledge.load()


@pytest.mark.parametrize("a,b,ratio", [("gigawatt", "megawatt", 1000), ("year", "month", 12), ("kilometer", "meter", 1000),
                                       ("terabyte", "gigabyte", 1000)])
def test_units_share_a_base(a, b, ratio):
    (fa, ba), (fb, bb) = to_base(a), to_base(b)
    assert ba == bb and fa / fb == pytest.approx(ratio)


def test_unknown_unit_is_none():
    assert to_base("flurbs per glorp") is None


@pytest.mark.parametrize("word,unit", [("hectares", "hectare"), ("kilometres", "kilometer"), ("feet", "foot"), ("knots", "knot"),
                                       ("gallons", "gallon")])
def test_pint_names_physical_words(word, unit):
    assert word_unit(word, DIMENSIONS) == unit


@pytest.mark.parametrize("word", ["users", "dozen", "percent", "homes"])
def test_words_without_a_physical_dimension_are_not_units(word):
    assert word_unit(word, DIMENSIONS) is None


def test_equivalent_expressions_get_one_name():
    assert name("mile / hour") == name("miles / hours") and name("newton * meter") == name("meter * newton")
    assert name("megapixel") == "megapixel"  # defined for news: pint lacks it


def _conflicts(*texts):
    kb = Knowledge.load()
    kb.rules = [r for r in kb.rules if r.kind == "value-agreement"]
    return run_rules([analyse(parse(t, f"d{i}.md", "md"), kb) for i, t in enumerate(texts)], kb)


def test_same_capacity_in_other_units_agrees_and_different_conflicts():
    a = "---\npublished: 2025-03-01\n---\nLumo's data centre capacity reached 300 MW in 2024.\n"
    same = "---\npublished: 2025-04-01\n---\nIn 2024, Lumo's data centre capacity reached 0.3 GW.\n"
    other = "---\npublished: 2025-04-01\n---\nIn 2024, Lumo's data centre capacity reached 0.5 GW.\n"
    assert _conflicts(a, same) == []
    found = _conflicts(a, other)
    assert len(found) == 1 and "watt" in found[0].explanation


@pytest.mark.parametrize("stated", ["March 3rd, 2025 10:00 GMT", "3 mars 2025", "2025-03-03T08:00:00+08:00", "Mon, 03 Mar 2025"])
def test_publication_date_written_other_ways(stated):
    doc = parse(f"---\npublished: {stated}\n---\nText.\n", "a.md", "md")
    assert doc.published == date(2025, 3, 3) and doc.problems == []


def test_relative_publication_date_is_not_guessed():
    doc = parse("---\npublished: 3 hours ago\n---\nText.\n", "a.md", "md")
    assert doc.published is None and doc.problems and doc.problems[0][0] == 2
