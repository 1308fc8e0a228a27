"""What every step of the token tier reads: the document's sentences, paragraphs,
entity and metric hits, dates and figures, and the clause a figure stands in."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..knowledge import Knowledge
from ..models import Document, Mention
from ..segment import Index, Span
from .entities import EntityHit
from .metrics import MetricHit

# Not "number": a bare number (an index level, a score) is never a claim of its own.
VALUE_KINDS = {"money", "count", "percent", "percent-point", "quantity", "multiple", "fraction"}


_CLAUSE = re.compile(r"[,;:()—–]| - | while | whereas | but |\. ")


CHANGE = re.compile(r"\b(?:up|down|rose|rise|rising|fell|fall|grew|growth|increase[ds]?|decrease[ds]?|declined?|surged?|jumped?|dropped?|climbed?|gained?|lost|retreated|rebounded?|cut|cuts|lowered|raised|trimmed|reduced|lifted|slashed|boosted)\b", re.I)


PLAN_ANAPHOR = re.compile(r"\bthe\s(?:plan|target|goal|figure|budget|total|amount|number|forecast|estimate|outlay)\b", re.I)


@dataclass
class Context:
    doc: Document
    kb: Knowledge
    sents: Index
    paras: Index
    ents: list[EntityHit]  # sorted by start
    mets: list[MetricHit]
    dates: list[Mention]
    figures: list[Mention]

    def __post_init__(self) -> None:
        self._ent_starts = [e.start for e in self.ents]

    def ents_in(self, start: int, end: int) -> list[EntityHit]:
        """Entities wholly inside [start, end): a slice, not a scan of the document."""
        lo, hi = bisect_left(self._ent_starts, start), bisect_left(self._ent_starts, end)
        return [e for e in self.ents[lo:hi] if e.end <= end]


def clause_span(text: str, sent: Span, m: Mention) -> Span:
    start, end = sent.start, sent.end
    skip_to = -1
    for b in _CLAUSE.finditer(text, sent.start, sent.end):
        if b.start() < skip_to:
            continue
        if b.end() <= m.start:
            start = b.end()
        elif b.start() >= m.end:
            close = text.find(")", b.end(), min(sent.end, b.end() + 40)) if b.group(0) == "(" else -1
            if close >= 0 and b.start() - m.end <= 2:
                skip_to = close + 1  # "1.2 trillion yen ($7.9 billion) on plants and equipment": read past the restatement
                continue
            end = b.start()
            break
    return Span(start, end)


def inside(span: Span, a: int, b: int) -> bool:
    return span.start <= a and b <= span.end
