"""Bound words and the interval a written figure covers.

An exact figure covers half a unit of its last written digit ("380 billion"
= 379.5..380.5 billion); bound words keep their direction ("nearly" just
below, "over" strictly above)."""
from __future__ import annotations

import math

import re

from ..models import Bound, Mention

BOUNDS = [
    (r"nearly|almost|close to|just (?:under|below|shy of)|approaching|a little under", Bound.BELOW),
    # (with the words of European pages: German "rund", "etwa", "über"; French "environ"; Dutch "ongeveer", "ruim")
    (r"approximately|approx\.?|about|around|roughly|some|circa|an estimated|estimated|~|≈|c\.|"
     r"rund|etwa|ca\.|zirka|environ|ongeveer", Bound.APPROX),
    (r"more than|over|above|exceeding|in excess of|upwards of|north of|greater than|>|mehr als|über|plus de|meer dan|ruim|"
     r"topped|tops|will top|surpass(?:ed|es)?|exceed(?:ed|s)?|crossed|passed", Bound.ABOVE),
    (r"at least|no less than|no fewer than|a minimum of|minimum of|≥|>=", Bound.AT_LEAST),
    (r"up to|at most|as much as|as many as|as high as|a maximum of|maximum of|no more than|a ceiling of|capped at|≤|<=", Bound.AT_MOST),
    (r"less than|fewer than|under|below|<", Bound.UNDER),
]
_BOUND_RE = re.compile(r"(?:^|(?<=[\s(\"'“—–/]))(?P<w>" + "|".join(f"(?P<b{i}>{p})" for i, (p, _) in enumerate(BOUNDS)) + r")\s{0,2}$", re.I)
_PHRASAL_OVER = re.compile(
    r"\b(?:hand(?:s|ed|ing)?|turn(?:s|ed|ing)?|take(?:s|n)?|took|carr(?:y|ies|ied)|pass(?:es|ed)?|roll(?:s|ed)?)\sover\s$", re.I)
_SPAN_AFTER = re.compile(r"[\w.,]{1,12}\s(?:years?|months?|weeks?|days?|decades?)\b", re.I)
_BETWEEN = re.compile(r"\bbetween\s(?:\S{1,4}\s?)?$", re.I)


def bound(text: str, start: int) -> Bound:
    return bound_word(text, start)[0]


def bound_word(text: str, start: int) -> tuple[Bound, int]:
    """The bound the words before `start` give, and where the bound word starts."""
    bm = _BOUND_RE.search(text, max(0, start - 30), start) if start and text[start - 1].isspace() or start and text[start - 1] in "~≈<>≥≤" else None
    if not bm:
        return Bound.EXACT, start
    return _bound_of(text, start, bm), bm.start()


def _bound_of(text: str, start: int, bm: re.Match) -> Bound:
    for i, (_, b) in enumerate(BOUNDS):
        if bm.group(f"b{i}"):
            if b == Bound.ABOVE and bm.group("w").lower() == "over" and _over_is_across(text, start):
                return Bound.EXACT
            return b
    return Bound.EXACT


def bound_start(text: str, start: int) -> tuple[int, str] | None:
    """Where the bound word before `start` begins, and the word."""
    bm = _BOUND_RE.search(text, max(0, start - 30), start)
    return (bm.start(), bm.group("w")) if bm else None


def widen_to_bound(text: str, m: Mention, b: Bound) -> None:
    """Make the bound word part of the span: "nearly 200 million"."""
    if b in (Bound.EXACT, Bound.RANGE):
        return
    found = bound_start(text, m.start)
    if found:
        m.start, m.text = found[0], text[found[0] : m.end]


def _over_is_across(text: str, start: int) -> bool:
    """'over three years' is a span of time, 'hand over 350,000 cars' a phrasal verb: not bounds."""
    if _PHRASAL_OVER.search(text, max(0, start - 16), start):
        return True
    return bool(_SPAN_AFTER.match(text, start, start + 30))


def between(text: str, start: int) -> bool:
    return bool(_BETWEEN.search(text, max(0, start - 16), start))


def _last_digit(value: float) -> float:
    """The place value of a figure's last significant digit: 0.1 for 95.5, 1,000 for 506,000,
    100 million for 200 million (trailing zeros are taken as rounding)."""
    if not math.isfinite(value):
        return math.inf  # rejected later (pipeline._finite); never a bound
    mantissa, exp = f"{abs(value):.11e}".split("e")
    digits = mantissa.replace(".", "").rstrip("0") or "0"
    return 10.0 ** (int(exp) - len(digits) + 1)


def interval(m: Mention, value: float, low: float, high: float, half: float, b: Bound) -> None:
    # "about" and "nearly" allow what rounding to a round figure does: 5% either way, 10% below;
    # a figure written to more digits says how round it is ("about $95.5 billion": a few tenths).
    f: dict = {"value": value, "bound": b}
    if b == Bound.EXACT:
        f.update(low=value - half, high=value + half)
    elif b == Bound.RANGE:
        f.update(low=low - half, high=high + half, value=(low + high) / 2, range_low=low, range_high=high)
    elif b == Bound.APPROX:
        # a percentage is already relative: "roughly 20%" rounds 21.4% to the nearest five points' half
        share = 0.1 if m.kind == "percent" else 0.05
        approx = max(half, min(share * abs(value), _last_digit(value)))
        f.update(low=value - approx, high=value + approx)
    elif b == Bound.BELOW:
        below = max(half, min(0.1 * abs(value), 2 * _last_digit(value)))
        f.update(low=value - below, high=value, high_inclusive=False)
    elif b == Bound.ABOVE:
        f.update(low=value, high=None, low_inclusive=False)
    elif b == Bound.AT_LEAST:
        f.update(low=value, high=None)
    elif b == Bound.AT_MOST:
        f.update(low=None, high=value)
    elif b == Bound.UNDER:
        f.update(low=None, high=value, high_inclusive=False)
    if m.kind == "count" and f.get("low") is None:
        f["low"] = 0.0  # counts cannot be negative
    # Plain writes: these are our own fresh mentions, and pydantic's per-assignment hook
    # costs more than reading the figure.
    m.__dict__.update(f)
