"""A bare number in brackets right after an amount is the prior period's amount (extract.bracketed_comparatives)."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.extract import extract
from factlint.models import Document


def _figures(text: str):
    doc = Document(path="a.md", raw=text, text=text, published=date(2025, 3, 1))
    return [m for m in extract(doc) if m.kind != "date"]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.integers(1, 99_999), st.integers(1, 99_999), st.sampled_from([("million", 1e6), ("billion", 1e9), ("bn", 1e9)]))
def test_the_bracket_takes_the_amounts_currency_and_scale(now, before, scale):
    word, k = scale
    figs = _figures(f"Net sales were SEK {now:,} {word} ({before:,}) in the quarter.")
    assert [(m.kind, m.unit) for m in figs] == [("money", "SEK"), ("money", "SEK")]
    assert figs[1].value == pytest.approx(before * k)


@pytest.mark.parametrize("text", ["Net sales were SEK 4,624 (4,332) in the quarter.",  # no scale word
                                  "It sold 300 cars (280) in May.",  # not an amount
                                  "Sales were SEK 62 million (2024) in the year."])  # a year in brackets is a date
def test_no_scale_or_no_amount_leaves_the_bracket_alone(text):
    inside = [m for m in _figures(text) if text[m.start - 1 : m.start] == "("]
    assert all(m.kind != "money" for m in inside)
