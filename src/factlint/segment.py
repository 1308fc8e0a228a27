"""Paragraph and sentence spans over a document's text (linear time)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) and
# whitespace, unless the word before the dot is a known abbreviation or an
# initial.  A newline ends a sentence (articles put headings, list items and
# scorecard lines on their own lines) unless it is a soft wrap: see soft_wraps.
# Matches start only at the first mark of a run (the lookbehind) and never
# backtrack (possessive), so a run of 40,000 dots is scanned once, not once per dot.
_END = re.compile(r"(?<![.!?。！？])[.!?。！？]++[\"'”’)\]]*+(?=\s)|\n")
_ABBREV = frozenset(
    "approx est no vs mr mrs ms dr prof inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.k e.g i.e etc st jr sr fig vol op gov dept mt ca mio mrd bio".split()  # "978 Mio. €, compared with"
)
_PARA = re.compile(r"\n[ \t]*\n|\n")
# What a line that opens a block of its own starts with: blank, a bullet, a numbered item, a heading,
# a quote, a table row (also count_list's end of a listed count).
BLOCK_START = r"[ \t]*(?:\n|$|[-*+•#>|]|\d{1,2}[.)]\s)"
_BLOCK_START = re.compile(BLOCK_START)
_BULLET = re.compile(r"[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+")
# "Net income:", "Adjusted EBITDA (€ million), 2023: 2,639.8" (a table row as the text gives it): a label line
_LABEL_LINE = re.compile(r":[ \t]*[^\s:]{0,24}$")
_WRAP_WIDTH = 120  # a text whose lines run longer than this is not hard-wrapped
_RUNS_ON = re.compile(r"[,a-z][a-z]")  # a line's last character and the next line's first word


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@lru_cache(maxsize=4)  # sentences() and paragraphs() of one text ask for it in turn
def soft_wraps(text: str) -> frozenset[int]:
    """Offsets of the newlines a hard-wrapped text breaks its lines at inside a paragraph.

    Wire copy and plain-text archives wrap at a fixed width, so a sentence runs on over several
    lines.  A newline is a soft wrap when the text is wrapped (its usual full line is at most
    _WRAP_WIDTH long, and many lines are full), the line before it is full (the next line's first
    word would not have fitted on it) and no label line ("Net income:", "Revenue, 2023: 3,288.7",
    a table row as ingest writes it), and the next line neither opens a block of its own nor is
    indented beyond the line's text (an item's hanging indent is its text).  A short line, such as
    a name line over indented figures, keeps its break, unless it ends in a comma or a lower-case
    word and the next line opens with one.  Linear in the text, but for the sort of line lengths."""
    lines = text.split("\n")
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    width = lengths[(len(lengths) * 9) // 10] if lengths else 0  # the usual full line; a few long lines do not set it
    full = len(lengths) - bisect_left(lengths, width - 10)
    # not wrapped: long lines, or a few full lines among short ones (a table's rows); a line that
    # ends in a comma or a lower-case word before one that opens with a lower-case word runs on
    # at any width ("... to between €2.6 billion and €3.0 billion,\nfrom above €3.4 billion")
    wrapped = len(lengths) >= 3 and width <= _WRAP_WIDTH and full >= 3 and 4 * full >= len(lengths)
    soft = []
    offset = 0
    for line, nxt in zip(lines, lines[1:]):
        offset += len(line) + 1
        body = line.rstrip()
        if not body or _LABEL_LINE.search(body) or _BLOCK_START.match(nxt):
            continue
        bullet = _BULLET.match(line)
        indent = bullet.end() if bullet else len(line) - len(line.lstrip())
        if len(nxt) - len(nxt.lstrip()) > indent:
            continue
        words = nxt.split(None, 1)
        if not words:
            continue  # a line of other whitespace ("\f", "\r") under a bullet's indent
        if (wrapped and len(body) + 1 + len(words[0]) > width - 2) or _RUNS_ON.match(body[-1] + words[0]):
            soft.append(offset - 1)  # (two characters of slack for hand-wrapped lines)
    return frozenset(soft)


def sentences(text: str) -> list[Span]:
    out: list[Span] = []
    start = 0
    soft = soft_wraps(text)
    for m in _END.finditer(text):
        if m.group(0) == "\n":
            if m.start() in soft:
                continue
        else:
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
    soft = soft_wraps(text)
    for m in _PARA.finditer(text):
        if m.start() in soft:
            continue
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
