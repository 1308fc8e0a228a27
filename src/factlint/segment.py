"""Paragraph and sentence spans over a document's text (linear time)."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) and
# whitespace, unless the word before the dot is a known abbreviation or an
# initial.  Newlines always end a sentence: articles put headings and list
# items on their own lines.
# Matches start only at the first mark of a run (the lookbehind) and never
# backtrack (possessive), so a run of 40,000 dots is scanned once, not once per dot.
_END = re.compile(r"(?<![.!?。！？])[.!?。！？]++[\"'”’)\]]*+(?=\s)|\n")
_ABBREV = frozenset(
    "approx est no vs mr mrs ms dr prof inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.k e.g i.e etc st jr sr fig vol op gov dept mt ca mio mrd bio".split()  # "978 Mio. €, compared with"
)
_PARA = re.compile(r"\n[ \t]*\n|\n")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def sentences(text: str) -> list[Span]:
    out: list[Span] = []
    start = 0
    for m in _END.finditer(text):
        if m.group(0) != "\n":
            word_start = text.rfind(" ", max(0, m.start() - 12), m.start()) + 1
            word = text[word_start : m.start()].lower().lstrip("(\"'“")
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
            nxt = text[m.end() : m.end() + 3].lstrip()
            if nxt[:1].islower() or nxt[:1].isdigit() and word.replace(".", "").isdigit():
                continue  # "approx. 6,781" / "No. 3" / decimals already excluded by (?=\s)
        end = m.end()
        if text[start:end].strip():
            out.append(_trim(text, start, end))
        start = end
    if text[start:].strip():
        out.append(_trim(text, start, len(text)))
    return out


def paragraphs(text: str) -> list[Span]:
    out: list[Span] = []
    start = 0
    for m in _PARA.finditer(text):
        if text[start : m.start()].strip():
            out.append(_trim(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append(_trim(text, start, len(text)))
    return out


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


class Index:
    """Which sentence / paragraph an offset falls in, by binary search."""

    def __init__(self, spans: list[Span]):
        self.spans = spans
        self.starts = [s.start for s in spans]

    def at(self, offset: int) -> int:
        """Index of the span containing (or last starting before) offset."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def span(self, offset: int) -> Span:
        return self.spans[self.at(offset)] if self.spans else Span(0, 0)
