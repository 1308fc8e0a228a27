"""Units a table states once, in its column header or its caption.

    Disney streaming subscriptions (millions)    "Disney+ Core, Subscribers: 122.7" is 122.7 million
    | Segment      | Adjusted EBIT 2024 ($m) |     "Milling, Adjusted EBIT 2024 ($m): 210" is $210 million
    | Milling      | 210 |
    Full year (amounts in millions, except per ton)   "Gross profit, 2024: $2,000" is $2,000 million;
                                                      "Cash gross profit per ton, 2024: $10.61" stays

Tables reach extraction as labelled lines ("Row, Column: value", see ingest).  A bare number that
is a whole labelled line's value, under a label ending in a bracketed currency and/or scale ("($m)",
"(€bn)", "(£ million)", "(USD m)", "(DKK)", "(millions)"), or in a table whose caption (the line
before its first row) ends in one, is that amount: money with a currency, a scaled count without.
The currency symbols, codes and scale words are units.toml's.  The text's lines are read once."""
from __future__ import annotations

import re
from bisect import bisect_right

from ..models import Mention
from .bare_counts import CELL_REACH, labelled_cell
from .lexicon import PREFIX_CURRENCY, SCALES, SUFFIX_CURRENCY

_CURRENCY = {**{k.casefold(): v for k, v in SUFFIX_CURRENCY.items()}, **{k.casefold(): v for k, v in PREFIX_CURRENCY.items()}}
_HEADER = re.compile(r"\((?:in\s)?(?P<unit>[^()\d\n]{1,16})\)\s?:\s$")
# "(millions)", "(amounts in millions, except per ton)": the rows the exception names keep their own
_CAPTION = re.compile(r"\((?:(?:amounts|figures|all\sfigures|values)\s)?(?:in\s)?(?P<unit>[^()\d\n,;]{1,16})"
                      r"(?:[,;]\s?(?:except|excluding|other\sthan)\s(?P<except>[^()\n]{1,40}))?\)\s*$")
_SCALED = re.compile(r"\d\s*[A-Za-z]")  # "$7.4bn", "7,418 million": a cell that writes its own scale
_CELL = re.compile(r"[^\n:]{1,160}: [^\n]{1,40}$")


def header_units(text: str, mentions: list[Mention]) -> None:
    """Turn labelled-line values under a unit header or caption into amounts (in place)."""
    captions = None
    for m in mentions:
        # a money cell written without a scale ("$7,418") takes the caption's scale-only unit
        money = m.kind == "money" and m.value is not None and not _SCALED.search(m.text)
        if (m.kind not in ("count", "number") or m.unit is not None or m.value is None) and not money:
            continue
        if not labelled_cell(text, m.start, m.end):
            continue
        line = text.rfind("\n", max(0, m.start - CELL_REACH), m.start) + 1
        h = _HEADER.search(text, line, m.start)
        read = _unit(h.group("unit")) if h is not None else None
        if read is None:
            captions = captions if captions is not None else _captions(text)
            k = bisect_right(captions[0], line) - 1
            read = captions[1][k] if k >= 0 and captions[0][k] == line else None
            if read is not None and read[3] and read[3] in text[line : m.start].casefold():
                continue  # "except per ton": "Cash gross profit per ton, 2024: $10.61" is dollars
        if read is None:
            continue
        code, scale, written = read[:3]
        if money and (code is not None or scale == 1.0):
            continue  # the cell names its own currency: only a scale is taken from the table
        if code is not None:
            m.kind, m.unit = "money", code
        elif m.kind == "number":
            m.kind = "count"
        m.unit_text = written
        m.value *= scale
        m.low = m.low * scale if m.low is not None else None
        m.high = m.high * scale if m.high is not None else None
        m.notes.append(f"unit and scale from the table's heading '{written}'")


def _captions(text: str) -> tuple[list[int], list[tuple[str | None, float, str, str]]]:
    """Start offsets of the labelled lines whose table has a unit caption, and that unit (one pass)."""
    starts: list[int] = []
    units: list[tuple[str | None, float, str, str]] = []  # (currency, scale, as written, rows excepted)
    caption: tuple[str | None, float, str, str] | None = None
    last = None  # the last non-blank line that was not a labelled line
    in_table = False
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped and _CELL.fullmatch(stripped):
            if not in_table:
                c = _CAPTION.search(last) if last else None
                caption = _unit(c.group("unit")) if c else None
                if caption is not None:
                    caption = (*caption, (c.group("except") or "").strip().casefold())
                in_table = True
            if caption is not None:
                starts.append(pos)
                units.append(caption)
        elif stripped:
            last, in_table = stripped, False
        pos += len(raw) + 1
    return starts, units


def _unit(unit: str) -> tuple[str | None, float, str] | None:
    """'$m' -> (USD, 1e6), '£ bn' -> (GBP, 1e9), 'Mio. €' -> (EUR, 1e6), 'DKK' -> (DKK, 1), 'millions' -> (None, 1e6)."""
    unit = unit.strip()
    written = f"({unit})"
    scale = _scale(unit.casefold()) if len(unit) > 1 else None  # "(m)" may be metres, "(t)" tonnes
    if scale is not None and scale != 1.0:
        return None, scale, written
    for i in range(1, len(unit) + 1):
        code = _CURRENCY.get(unit[:i].strip().casefold())
        rest = _scale(unit[i:].strip().casefold())
        if code is not None and rest is not None:
            return code, rest, written
    for i in range(1, len(unit)):  # "Mio. €", "Mrd. EUR", "m USD": the scale first
        lead = _scale(unit[:i].strip().casefold())
        code = _CURRENCY.get(unit[i:].strip().casefold())
        if code is not None and lead is not None and lead != 1.0:
            return code, lead, written
    return None


def _scale(word: str) -> float | None:
    if not word:
        return 1.0
    if word in SCALES:
        return SCALES[word]
    return SCALES.get(word[:-1]) if word.endswith("s") else None
