"""Units a table states once, in its column header.

    | Segment      | Adjusted EBIT 2024 ($m) |        "Milling, Adjusted EBIT 2024 ($m): 210"
    | Milling      | 210 |                          is $210 million, not a count of 210

Tables reach extraction as labelled lines ("Row, Column: value", see ingest).  A bare number that
is a whole labelled line's value, under a label ending in a bracketed currency with an optional
scale ("($m)", "(€bn)", "(£ million)", "(USD m)", "(DKK)"), is that amount of money.  The
currency symbols, codes and scale words are units.toml's.  Each line is looked at once, a bounded
distance back from its value."""
from __future__ import annotations

import re

from ..models import Mention
from .lexicon import PREFIX_CURRENCY, SCALES, SUFFIX_CURRENCY

_REACH = 163  # a label is at most 160 characters (as figures._labelled_cell)
_CURRENCY = {**{k.casefold(): v for k, v in SUFFIX_CURRENCY.items()}, **{k.casefold(): v for k, v in PREFIX_CURRENCY.items()}}
_HEADER = re.compile(r"\((?:in\s)?(?P<unit>[^()\d\n]{1,16})\)\s?:\s$")


def header_units(text: str, mentions: list[Mention]) -> None:
    """Turn labelled-line values under a currency header into money (in place)."""
    for m in mentions:
        if m.kind not in ("count", "number") or m.unit is not None or m.value is None:
            continue
        if not (m.end == len(text) or text[m.end] == "\n"):
            continue
        line = text.rfind("\n", max(0, m.start - _REACH), m.start) + 1
        h = _HEADER.search(text, line, m.start)
        if h is None or h.end() != m.start:
            continue
        read = _currency_and_scale(h.group("unit"))
        if read is None:
            continue
        code, scale = read
        m.kind, m.unit, m.unit_text = "money", code, f"({h.group('unit')})"
        m.value *= scale
        m.low = m.low * scale if m.low is not None else None
        m.high = m.high * scale if m.high is not None else None
        m.notes.append(f"unit and scale from the column header '{m.unit_text}'")


def _currency_and_scale(unit: str) -> tuple[str, float] | None:
    """'$m' -> (USD, 1e6), '£ bn' -> (GBP, 1e9), 'DKK' -> (DKK, 1): a currency, then a scale or none."""
    unit = unit.strip()
    for i in range(1, len(unit) + 1):
        code = _CURRENCY.get(unit[:i].strip().casefold())
        rest = unit[i:].strip().casefold()
        if code is not None and (not rest or rest in SCALES):
            return code, SCALES.get(rest, 1.0)
    return None
