"""Bare numbers that still count something: a table cell's value, and a count whose noun the
clause leaves out.  Each looks a bounded distance around the number."""
from __future__ import annotations

import re

# "Airbus, 2024 deliveries: 766": a table cell read as a labelled line (htmltable, mdtable)
_CELL_LABEL = re.compile(r"[^\n:]{1,160}: ")
CELL_REACH = 163  # a label is at most 160 characters: a bounded look back

# "up 5.3% from the 766 it delivered in 2024": a count whose noun the clause leaves out
_ELIDED_BEFORE = re.compile(r"\bthe\s$", re.I)
_ELIDED_AFTER = re.compile(r"\s(?:it|they|we|the\s(?:company|group|carrier|airline|league|firm))\s(?:had\s)?[a-z]{2,}ed\b")


def elided(text: str, start: int, end: int) -> bool:
    return bool(_ELIDED_BEFORE.search(text, max(0, start - 4), start)) and _ELIDED_AFTER.match(text, end) is not None


def labelled_cell(text: str, start: int, end: int) -> bool:
    """A bare number that is a whole labelled line's value counts what its label names."""
    if not (end == len(text) or text[end] == "\n"):
        return False
    reach = max(0, start - CELL_REACH)
    line = text.rfind("\n", reach, start)
    if line < 0 and reach > 0:
        return False
    return _CELL_LABEL.fullmatch(text, line + 1, start) is not None
