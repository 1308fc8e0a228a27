"""Scan answers a window's question from a pattern's matches found once per span; it must
give exactly what the direct windowed search gives, wherever the window's edges fall."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.resolve.context import Scan
from factlint.resolve.hedges import HEDGES
from factlint.resolve.period_choice import _COMPARED_FIGURE, _REPORT
from factlint.segment import Span

WORDS = ["could", "if", "estimated", "estimate", "plans", "plan", "May", "may", "said", "reported", "report",
         "according to", "from", "compared with", "$5", "12", "in the best case", "best-case", "hypothetically",
         "x", "(", ",", ".", ";", " ", "  ", "-", "5"]
PATTERNS = [HEDGES, _REPORT, _COMPARED_FIGURE, re.compile(r"\bthe\s(?:plan|target)\b", re.I)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.data())
def test_scan_answers_as_the_windowed_search_does(words, data):
    text = "".join(w if w in "(,.; -" else w + data.draw(st.sampled_from([" ", "", ", "])) for w in words)
    n = len(text)
    lo = data.draw(st.integers(0, n))
    hi = data.draw(st.integers(lo, n))
    s = data.draw(st.integers(lo, hi))
    e = data.draw(st.integers(s, hi))
    for pattern in PATTERNS:
        scan = Scan(text, pattern, Span(lo, hi))
        direct = pattern.search(text, s, e)
        got = scan.first(s, e)
        assert (got and got.span()) == (direct and direct.span()), (pattern.pattern[:30], text, s, e)
        last = None
        for last in pattern.finditer(text, s, e):
            pass
        got = scan.last(s, e)
        assert (got and got.span()) == (last and last.span()), (pattern.pattern[:30], text, s, e)


def test_scan_is_the_direct_search_where_an_edge_cuts_a_word():
    text = "they estimated 5"
    scan = Scan(text, HEDGES, Span(0, len(text)))
    assert scan.first(0, 13).group(0) == "estimate"  # "estimate|d": the direct search's answer, not the span's
    assert scan.first(0, len(text)).group(0) == "estimated"
    assert scan.first(6, 13) is None  # a window opening inside a word: no \b there, as in the direct search
