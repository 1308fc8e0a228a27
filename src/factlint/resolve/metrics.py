"""Which metric a stretch of text talks about (rules/lexicon/metrics.toml).

Synonyms are matched on lemmatised tokens ("orders" ~ "order"); a counted
noun right after a number ("130 million orders") implies its metric.
Coordinated phrases share their head: "daily and monthly active users"
yields both "daily active users" and "monthly active users", in order, so
that "respectively" lists can pair them with their figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicons import Metric
from .phrases import PhraseTrie, lemma, tokens


@dataclass(frozen=True, slots=True)
class MetricHit:
    start: int
    end: int
    id: str


class MetricMatcher:
    def __init__(self, metrics: list[Metric]):
        self.by_id = {m.id: m for m in metrics}
        self.trie = PhraseTrie(norm=lemma)
        for m in metrics:
            self.trie.add_all((s, m.id) for s in [*m.synonyms, m.name])
        self.frames = [(m.id, re.compile(f, re.I)) for m in metrics for f in m.frames]
        self.by_noun: dict[str, str] = {}
        for m in metrics:
            for n in m.nouns:
                self.by_noun.setdefault(" ".join(lemma(t.text) for t in tokens(n)), m.id)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[MetricHit]:
        toks = tokens(text, start, end)
        hits = [MetricHit(h.start, h.end, h.key) for h in self.trie.find(toks)]
        hits.extend(self._coordinated(text, toks, hits))
        return sorted(set(hits), key=lambda h: (h.start, h.end))

    def _coordinated(self, text, toks, hits) -> list[MetricHit]:
        """'A and B <head>' where 'B <head>' is a metric: try 'A <head>' too."""
        out = []
        at = {t.start: i for i, t in enumerate(toks)}
        for h in hits:
            k = at.get(h.start)
            if k is None or k < 2 or toks[k - 1].text.casefold() not in ("and", "or"):
                continue
            head = text[toks[k + 1].start : h.end] if k + 1 < len(toks) and toks[k + 1].start < h.end else ""
            a = toks[k - 2]
            if head:
                alt = self.trie.find(tokens(f"{a.text} {head}"))
                if alt and alt[0].start == 0 and alt[0].end == len(a.text) + 1 + len(head):
                    out.append(MetricHit(a.start, a.end, alt[0].key))
        return out

    def for_noun(self, unit: str | None) -> str | None:
        if not unit:
            return None
        key = " ".join(lemma(t.text) for t in tokens(unit))
        if key in self.by_noun:
            return self.by_noun[key]
        last = key.rsplit(" ", 1)[-1]  # "daily active user" -> try the whole phrase, then the head noun
        hits = self.trie.find(tokens(unit))
        if hits:
            return hits[-1].key
        return self.by_noun.get(last)

    def framed(self, text: str, start: int) -> str | None:
        """The metric whose frame ends right before a figure at `start`."""
        for mid, pattern in self.frames:
            if pattern.search(text, max(0, start - 60), start):
                return mid
        return None

    def dimension(self, metric: str | None) -> str | None:
        m = self.by_id.get(metric or "")
        return m.dimension if m else None
