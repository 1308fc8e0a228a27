"""What every step of the token tier reads: the document's sentences, paragraphs,
entity and metric hits, dates and figures, and the clause a figure stands in.

Every question a step asks about a figure's surroundings is answered by bisection
over offsets sorted once per document, or from a pattern's matches found once per
sentence or paragraph (`Scan`), never by a scan of the sentence per figure: a
document of 20 KB of "$1 billion $1 billion ..." is one sentence of 2,000 figures."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ..knowledge import Knowledge
from ..models import Document, Mention
from ..segment import Index, Span
from .entities import EntityHit
from .metrics import MetricHit

# Not "number": a bare number (an index level, a score) is never a claim of its own.
VALUE_KINDS = {"money", "count", "percent", "percent-point", "quantity", "multiple", "fraction"}
AMOUNT_KINDS = ("money", "count", "quantity")  # amounts of something, not rates or changes


_CLAUSE = re.compile(r"[,;:()—–]| - | while | whereas | but |\. ")


CHANGE = re.compile(r"\b(?:up|down|rose|rise|rising|fell|fall|grew|growth|increase[ds]?|decrease[ds]?|declined?|surged?|jumped?|dropped?|climbed?|gained?|lost|retreated|rebounded?|cut|cuts|lowered|raised|trimmed|reduced|lifted|slashed|boosted)\b", re.I)


PLAN_ANAPHOR = re.compile(r"\bthe\s(?:plan|target|goal|figure|budget|total|amount|number|forecast|estimate|outlay)\b", re.I)


_WORD = re.compile(r"\w")


class Scan:
    """One pattern's matches in one span (a sentence or a paragraph), found once.  A window
    [s, e) inside the span gets the same answer as pattern.search(text, s, e): the matches
    wholly inside it, unless an edge cuts a match or a word, where the direct search answers."""

    def __init__(self, text: str, pattern: re.Pattern, span: Span):
        self.text, self.pattern, self.span = text, pattern, span
        self.matches = list(pattern.finditer(text, span.start, span.end))
        self.starts = [h.start() for h in self.matches]
        self.ends = [h.end() for h in self.matches]

    def clean(self, s: int, e: int) -> bool:
        """Whether the window's answer is the span's matches between s and e."""
        if s < self.span.start or e > self.span.end:
            return False
        i, j = bisect_left(self.starts, s), bisect_left(self.starts, e)
        if (i and self.ends[i - 1] > s) or (j and self.ends[j - 1] > e):
            return False  # a match across an edge
        return not (e < self.span.end and _WORD.match(self.text, e - 1) and _WORD.match(self.text, e))

    def first(self, s: int, e: int) -> re.Match | None:
        if not self.clean(s, e):
            return self.pattern.search(self.text, s, e)
        i = bisect_left(self.starts, s)
        return self.matches[i] if i < len(self.starts) and self.ends[i] <= e else None

    def last(self, s: int, e: int) -> re.Match | None:
        """The last of the matches pattern.finditer(text, s, e) gives."""
        if not self.clean(s, e):
            found = None
            for found in self.pattern.finditer(self.text, s, e):
                pass
            return found
        i, j = bisect_left(self.starts, s), bisect_left(self.starts, e)
        return self.matches[j - 1] if j > i else None


@dataclass
class Context:
    doc: Document
    kb: Knowledge
    sents: Index
    paras: Index
    ents: list[EntityHit]  # sorted by start
    mets: list[MetricHit]  # sorted by start
    dates: list[Mention]  # sorted by start, as extraction gives them
    figures: list[Mention]  # sorted by start
    memo: dict = field(default_factory=dict)  # per-document answers the steps share, by question

    def __post_init__(self) -> None:
        self._ent_starts = [e.start for e in self.ents]
        self.fig_starts = [f.start for f in self.figures]
        self.date_starts = [d.start for d in self.dates]
        self.met_starts = [h.start for h in self.mets]
        self._scans: dict[tuple, Scan] = {}
        self._bounds: dict[int, Scan] = {}

    def ents_in(self, start: int, end: int) -> list[EntityHit]:
        """Entities wholly inside [start, end): a slice, not a scan of the document."""
        lo, hi = bisect_left(self._ent_starts, start), bisect_left(self._ent_starts, end)
        return [e for e in self.ents[lo:hi] if e.end <= end]

    def scan(self, pattern: re.Pattern, span: Span) -> Scan:
        key = (pattern, span.start, span.end)
        found = self._scans.get(key)
        if found is None:
            found = self._scans[key] = Scan(self.doc.text, pattern, span)
        return found

    def doc_scan(self, pattern: re.Pattern) -> Scan:
        return self.scan(pattern, Span(0, len(self.doc.text)))

    def figures_from(self, start: int, end: int) -> tuple[int, int]:
        """Index range of the figures starting in [start, end)."""
        return bisect_left(self.fig_starts, start), bisect_left(self.fig_starts, end)

    def clause(self, sent: Span, m: Mention) -> Span:
        """The clause of `sent` that figure m stands in (clause_span, from the sentence's boundaries found once)."""
        key = ("clause", sent.start, m.start, m.end)
        if key not in self.memo:
            self.memo[key] = clause_span(self.doc.text, sent, m, self._clause_bounds(sent))
        return self.memo[key]

    def _clause_bounds(self, sent: Span) -> Scan:
        """The sentence's clause boundaries, less the commas inside a date ("the year ended
        March 31, 2025, up 18%" is one clause up to its second comma)."""
        found = self._bounds.get(sent.start)
        if found is None:
            found = self._bounds[sent.start] = Scan(self.doc.text, _CLAUSE, sent)
            if "date-reach" not in self.memo:  # the furthest end of the dates starting before each
                reach, far = [], -1
                for d in self.dates:
                    far = max(far, d.end)
                    reach.append(far)
                self.memo["date-reach"] = reach
            reach = self.memo["date-reach"]

            def in_date(pos: int) -> bool:
                k = bisect_left(self.date_starts, pos)
                return k > 0 and reach[k - 1] > pos

            found.matches = [b for b in found.matches if not in_date(b.start())]
            found.starts = [b.start() for b in found.matches]
            found.ends = [b.end() for b in found.matches]
        return found


def clause_span(text: str, sent: Span, m: Mention, bounds: Scan | None = None) -> Span:
    """The sentence's part between the clause boundaries around m."""
    bounds = bounds or Scan(text, _CLAUSE, sent)
    start, end = sent.start, sent.end
    before = bisect_left(bounds.ends, m.start + 1)  # boundaries ending at or before the figure
    if before:
        start = bounds.ends[before - 1]
    skip_to = -1
    for b in bounds.matches[bisect_left(bounds.starts, m.end) :]:
        if b.start() < skip_to:
            continue
        close = text.find(")", b.end(), min(sent.end, b.end() + 40)) if b.group(0) == "(" else -1
        if close >= 0 and b.start() - m.end <= 2:
            skip_to = close + 1  # "1.2 trillion yen ($7.9 billion) on plants and equipment": read past the restatement
            continue
        end = b.start()
        break
    return Span(start, end)


def inside(span: Span, a: int, b: int) -> bool:
    return span.start <= a and b <= span.end
