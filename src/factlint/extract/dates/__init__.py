"""Dates and periods, absolute and relative.

Cheap literal scans find trigger words every date expression contains (a
year, a month or weekday name, a time unit, a Q/H/FY code); one combined regex
is then tried only at the trigger and the lead words just before it ("the
first", "between", "nine").  Its alternatives are ordered longest/most specific
first, so the longest reading at a position wins, and spans never overlap.  A
small handler per kind turns a match into a Mention with an inclusive period,
or rejects it.

    words.py     the English words, from rules/lexicon/dates.toml
    patterns.py  the combined regex and the trigger scans
    spans.py     calendar arithmetic
    anchor.py    recording mentions; anchoring to the publication date or the story's last date
    absolute.py  dates written out: ISO, numeric, month names, years, New Year
    periods.py   quarters, halves, fiscal years, year ranges
    relative.py  "3 hours ago", "nine days later", "last week", "on Tuesday"
"""
from __future__ import annotations

from datetime import date

from ...models import Mention
from .absolute import AbsoluteDates
from .patterns import SCAN, Groups, starts, triggers
from .periods import Periods
from .relative import RelativeDates


class Extractor(AbsoluteDates, Periods, RelativeDates):
    """One text's date reader: a handler per pattern kind, named as the kind."""


def extract(text: str, published: date | None, day_first: bool = False) -> list[Mention]:
    """Date and period mentions in `text`, sorted by start and non-overlapping;
    `day_first`: "02/09/2025" is 2 September (the document's convention)."""
    ex = Extractor(text, published, day_first)
    pos = 0  # offsets before pos are inside a match or were already tried
    for i in triggers(text):
        if i < pos:
            continue
        for st in starts(text, i, pos):
            if st < pos:
                continue
            m = SCAN.match(text, st)
            if m is not None:
                kind = m.lastgroup
                try:
                    getattr(ex, kind)(Groups(m, kind), st, m.end())
                except (ValueError, OverflowError):
                    pass  # arithmetic that leaves the calendar ("999 decades later"): not a date we can read
                pos = m.end()
        pos = max(pos, i + 1)
    return ex.out
