"""Hedges and roles: the scenario, forecast and expectation words that make a figure
something other than a reported fact, and the base of a comparison ("up 42.7% from HK$508")."""
from __future__ import annotations

import re
from bisect import bisect_left

from ..models import Mention
from ..segment import Span
from .context import Context, Scan

# Hedges: scenario words make a figure a possibility, not a statement.
HEDGES = re.compile(
    r"\b(?:potentially|potential|under ideal conditions|ideally|in the best case|best-case|could|might|may|would|"
    r"hypothetical(?:ly)?|assum(?:ed|ing|e)|if|estimated?|expected|forecasts?|projected|projection|targets?|"
    r"plans?|planned|ceiling|goals?|rumou?rs?|reportedly|aims?|impossible|assumption|suppose|supposing|imagine)\b",
    re.I,
)


# Hedges that make a figure a scenario wherever they stand in its sentence, not only in its clause.
SCENARIO_HEDGES = frozenset({"potentially", "under ideal conditions", "ideally", "in the best case", "best-case", "if",
                             "hypothetically", "assuming", "assumption", "suppose", "supposing", "imagine", "impossible"})


def _scenario(word: str) -> bool:
    return word.lower() in SCENARIO_HEDGES


_REPORTED_FUTURE = re.compile(r"\b(?:said|says|told|announced|stated|added|noted|expects?|expected|predicted|forecast|estimated|pledged|promised)\b[^.;]{0,40}$", re.I)


def _reported(text: str, h: re.Match, sent: Span) -> bool:
    """'Musk said the company would spend ...' is reported future, not a scenario."""
    return h.group(0).lower() in ("would", "will") and _REPORTED_FUTURE.search(text, max(sent.start, h.start() - 60), h.start()) is not None


_EXPECTATION = re.compile(
    r"(?:consensus|smartestimate|analysts?['’]?\s(?:average\s)?(?:estimates?|forecasts?|expectations?|projections?)|"
    r"(?:estimates?|forecasts?|projections?|expectations?|guidance)\s(?:of|for|at)|expected|polled|had\sforecast)\b[^.;]{0,40}$",
    re.I,
)


_EXPECTED_AFTER = re.compile(r"\s(?:that|which)?\s?(?:analysts?|the\smarket|investors|economists)\s(?:had\s)?(?:expected|forecast|estimated|predicted|projected)\b", re.I)


_FROM = re.compile(r"\b(?:from|compared (?:to|with)|versus|vs\.?|than)\b", re.I)


_TO_AFTER = re.compile(r"\bto\s(?:[\w'’-]+\s){0,3}$", re.I)


def is_base(text: str, clause: Span, m: Mention, changes: Scan) -> bool:
    """'up 42.7% from HK$508', 'compared with 20 million a year earlier'."""
    window = text[max(clause.start, m.start - 60) : m.start]
    fr = None
    for fr in _FROM.finditer(window):
        pass
    if fr is None or re.search(r"\d", window[fr.end() :]):
        return False
    if fr.group(0).lower() == "from" and _TO_AFTER.search(window, fr.end()):
        return False  # "rose 68.5% from a year earlier to a record 9.21 trillion won": the new level
    if re.match(r"compared|versus|vs", fr.group(0), re.I):
        return True  # "more than 30 yuan, compared with about 12 yuan last autumn"
    return changes.first(max(clause.start - 80, 0), m.start) is not None


def _words_in(scan: Scan, by_word: dict[str, tuple[list[int], list[int]]], s: int, e: int, keep) -> set[str]:
    """The hedge words HEDGES.finditer(text, s, e) gives that `keep` keeps: per word, by bisection."""
    if not scan.clean(s, e):
        return {h.group(0).lower() for h in scan.pattern.finditer(scan.text, s, e) if keep(h)}
    found = set()
    for word, (starts, ends) in by_word.items():
        i = bisect_left(starts, s)
        if i < len(starts) and ends[i] <= e:
            found.add(word)
    return found


def _hedge_index(ctx: Context) -> tuple[Scan, dict, dict]:
    """The document's hedge words once, by word: those a clause counts, and the scenario words."""
    if "hedges" not in ctx.memo:
        scan = ctx.doc_scan(HEDGES)
        counted: dict[str, tuple[list[int], list[int]]] = {}
        scenario: dict[str, tuple[list[int], list[int]]] = {}
        for h in scan.matches:
            word = h.group(0).lower()
            if _counted(ctx, h):
                counted.setdefault(word, ([], []))
                counted[word][0].append(h.start())
                counted[word][1].append(h.end())
            if _scenario(word):
                scenario.setdefault(word, ([], []))
                scenario[word][0].append(h.start())
                scenario[word][1].append(h.end())
        ctx.memo["hedges"] = scan, counted, scenario
    return ctx.memo["hedges"]


# "The drop of 17% was sharper than most analysts had expected": a comparison with an
# expectation; the figure itself is a fact.
_THAN = re.compile(r"\bthan\s(?:[\w'’-]+\s){0,4}$", re.I)


def _counted(ctx: Context, h: re.Match) -> bool:
    text, sent = ctx.doc.text, ctx.sents.span(h.start())
    return not _reported(text, h, sent) and h.group(0) != "May" \
        and not _THAN.search(text, max(sent.start, h.start() - 40), h.start())  # "in May" is a month


def hedges_of(ctx: Context, m: Mention, sent: Span, clause: Span) -> list[str]:
    """The clause's hedge words, the sentence's scenario words before the figure, and
    'expectation' for an analysts' consensus or a forecast."""
    scan, counted, scenario = _hedge_index(ctx)
    hedges = sorted(_words_in(scan, counted, clause.start, clause.end, lambda h: _counted(ctx, h))
                    | _words_in(scan, scenario, sent.start, m.start, lambda h: _scenario(h.group(0))))
    if (_EXPECTATION.search(ctx.doc.text, max(clause.start, m.start - 60), m.start)
            or _EXPECTED_AFTER.match(ctx.doc.text, m.end)):
        hedges = sorted({*hedges, "expectation"})  # analysts' consensus, a forecast: not a reported figure
    return hedges
