"""Extract and normalise figures and dates from a Document.

`numbers.extract(text)` and `dates.extract(text, published)` each return
Mentions with offsets into the analysis text; this module decides the
document's number and date convention (convention.py), merges the two,
drops overlaps, and locates each mention in the file.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..models import Document, Mention
from . import convention, dates, numbers
from .header_units import header_units
from .lexicon import SCALES, TROY_METALS


def extract(doc: Document) -> list[Mention]:
    conv = convention.decide(doc.text, doc.raw, doc.path)
    found = dates.extract(doc.text, doc.published, conv.day_first)
    if conv.decimal_comma:
        found += _european_numbers(doc.text)
    else:
        found += numbers.extract(doc.text)
    # Dates first: a number inside a date ("May 11th", "2026") is part of the date.
    found.sort(key=lambda m: (m.start, m.kind != "date", -(m.end - m.start)))
    kept: list[Mention] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    header_units(doc.text, kept)
    troy_ounces(doc.text, kept)
    bracketed_comparatives(doc.text, kept)
    note = conv.note()
    if note and kept:
        kept[0].notes.append(note)
    for m in kept:
        file_start = doc.file_offset(m.start)
        line, column = doc.line_col(file_start)
        # Plain attribute writes: these fields are ours to fill, and pydantic's
        # per-assignment hook costs more than the rest of this loop.
        m.__dict__.update(
            doc=doc.path, file_start=file_start, line=line, column=column,
            file_end=doc.file_offset(m.end - 1) + 1 if m.end > m.start else file_start,
        )
    return kept


_METAL = re.compile(r"\b(" + "|".join(sorted(TROY_METALS)) + r")\b", re.I)


def troy_ounces(text: str, mentions: list[Mention]) -> None:
    """An article that names a precious metal weighs in troy ounces: its ounces are troy ounces
    (a search of the text, once, only when it has an ounce figure)."""
    ounces = [m for m in mentions if m.kind == "quantity" and m.unit == "ounce"]
    if ounces and _METAL.search(text):
        for m in ounces:
            m.unit = "troy_ounce"


_SCALE_WORD = re.compile(r"[^\W\d_]+\.?")


def bracketed_comparatives(text: str, mentions: list[Mention]) -> None:
    """'net sales were SEK 62,193 million (62,650)': a bare number in brackets right after an
    amount is the prior period's amount, in the amount's currency and scale (the reports of
    Nordic and other European companies write comparatives so)."""
    for a, b in zip(mentions, mentions[1:]):
        if a.kind != "money" or b.kind not in ("count", "number") or b.unit is not None or b.value is None \
                or text[a.end : b.start] != " (" or text[b.end : b.end + 1] != ")" or not b.text[:1].isdigit():
            continue
        scales = [SCALES[w] for w in (m.group().casefold().rstrip(".") for m in _SCALE_WORD.finditer(a.text)) if w in SCALES]
        if len(scales) != 1:
            continue  # no scale word ("SEK 4,624"): the bracket may be anything
        k = scales[0]
        b.kind, b.unit = "money", a.unit
        b.value *= k
        b.low = b.low * k if b.low is not None else None
        b.high = b.high * k if b.high is not None else None
        b.notes.append(f"a comparative in brackets, in the currency and scale of '{a.text}'")


def _european_numbers(text: str) -> list[Mention]:
    """Figures of a European page: read from a same-length copy with English
    separators, then given back their text as written."""
    english, spans = convention.to_english(text)
    found = numbers.extract(english)
    starts = [s for s, _ in spans]
    for m in found:
        m.text = text[m.start : m.end]
        k = bisect_right(starts, m.end - 1) - 1
        if k >= 0 and spans[k][1] > m.start:
            s, e = spans[k]
            m.notes.append(f"'{text[s:e]}' read as {english[s:e]}: the document writes ',' for decimals and '.' for thousands")
    return found
