"""Money, counts, percentages, multiples, fractions, physical units, bounds,
ranges, changes and bare numbers, read from text.

One linear-time scan (scan.py) finds where a figure can start: digit runs,
currency prefixes and minus signs before them, number words.  Each reader
then reads a bounded window with small anchored patterns, so the cost per
figure is constant:

    figures.py       digits, and everything after any number
    number_words.py  compound number words, fractions, multiples, vague amounts
    unit_words.py    physical units (news aliases, then pint) and rate denominators
    currency.py      currency symbols, codes and names
    nouns.py         the counted noun; names and labels that are not quantities
    interval.py      bound words and the interval a figure covers

Every mention carries an interval.  "from 240 to 273" (a change) gives two
mentions linked by change_from/change_to; the old value takes the new one's
unit and scale when it has none ("from 70 to 60 mph").
"""
from __future__ import annotations

import re

from ..fmt import amount
from ..models import Bound, Mention
from .currency import yen_reading
from .figures import CANDIDATE, read_digits
from .interval import interval
from .number_words import read_share, read_words
from .scan import digit_starts, word_starts

_CHANGE_TO = re.compile(r"\s(?:to|and then)\s$")
_FROM = re.compile(r"\bfrom\s$", re.I)
_UNITLESS = ("number",)
# "$8.7 billion, plus or minus $200 million": a tolerance around the figure before, not a figure
_TOLERANCE = re.compile(r",?\s(?:plus or minus|give or take|\+/-|±)\s?$", re.I)


def extract(text: str) -> list[Mention]:
    yen = yen_reading(text)
    digits = digit_starts(text)
    words = set(word_starts(text))
    out: list[tuple[Mention, float]] = []
    pos = 0
    for start in sorted(words.union(digits)):
        if start < pos:
            continue
        found = None
        if start in words:
            found = read_words(text, start)
        if found is None and start not in words or found is None and text[start : start + 1].isdigit():
            found = read_share(text, start) if text[start : start + 1].isdigit() else None
            m = None if found else CANDIDATE.match(text, start)
            if m is not None:
                found = read_digits(text, m, yen)
        if found is not None:
            out.append(found)
            pos = found[0].end
    _link_changes(text, out)
    return _fold_tolerances(text, out)


def _fold_tolerances(text: str, found: list[tuple[Mention, float]]) -> list[Mention]:
    """'$8.7 billion, plus or minus $200 million' is the range $8.5-8.9 billion: one figure."""
    out: list[Mention] = []
    for m, _ in found:
        a = out[-1] if out else None
        # (the reader takes "minus $200 million" as a negative figure: its "minus" ends the gap)
        minus = 5 if m.text[:5].lower() == "minus" else 0
        gap = _TOLERANCE.match(text, a.end, m.start + minus) if a is not None else None
        if (gap and a.value is not None and m.value is not None and a.bound == Bound.EXACT and m.kind == a.kind
                and m.unit == a.unit and 0 < abs(m.value) < abs(a.value)):
            t, half = abs(m.value), (a.high - a.low) / 2
            interval(a, a.value, a.value - t, a.value + t, half, Bound.RANGE)
            a.notes.append(f"'{text[a.end:m.end].lstrip(', ')}' read as a tolerance: the range is "
                           f"{amount(a.range_low, a.unit, a.kind)} to {amount(a.range_high, a.unit, a.kind)}")
            a.end, a.text = m.end, text[a.start : m.end]
            continue
        out.append(m)
    return out


def _link_changes(text: str, found: list[tuple[Mention, float]]) -> None:
    """'from 240 to 273 yuan': two figures of one change; the first takes the second's unit."""
    for (a, sa), (b, sb) in zip(found, found[1:]):
        if not (b.start - a.end <= 9 and _CHANGE_TO.search(text, a.end, b.start)
                and _FROM.search(text, max(0, a.start - 6), a.start)):
            continue
        if a.kind in _UNITLESS and b.kind not in _UNITLESS and b.kind not in ("fraction", "multiple"):
            factor = sb if sa == 1.0 and sb > 1 and a.value * sb <= b.value * 10 else 1.0
            a.value = a.value * factor
            a.low = a.low * factor if a.low is not None else None
            a.high = a.high * factor if a.high is not None else None
            a.kind, a.unit, a.unit_name, a.per = b.kind, b.unit, b.unit_name, b.per
            a.alternatives = list(b.alternatives)
            a.notes.append(f"unit of the change's new value '{b.text}'" + (f", scale {factor:g}" if factor != 1 else ""))
        a.change_from = b.change_from = a.value
        a.change_to = b.change_to = b.value
