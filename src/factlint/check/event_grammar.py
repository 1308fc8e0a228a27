"""Wiring of the grammar tier of same-event dates (check/event_frames.py) to one article:
which sentences to parse, their entity hits and dates, the article's main entity, and
which names may be an event's object."""
from __future__ import annotations

import re
from dataclasses import replace
from bisect import bisect_left, bisect_right

from ..models import Granularity, Mention
from ..resolve.claims import read_context
from ..resolve.frames import canonical_metric, is_place, main_entity
from .event_frames import Reader, Sentence, fits, frame_classes, licences, parse_sentences

# Words a date must share a sentence with for the sentence to be parsed at all.
_WORD = re.compile(r"[\w'’-]+")


class Tier:
    def __init__(self, ctx, specs: dict, hedges: re.Pattern[str], markets: dict[str, list[str]],
                 anaphor_types: dict[str, list[str]]):
        self.ctx, self.kb = ctx, ctx.kb
        self.classes = frame_classes(specs)
        self.hedges = hedges
        self.markets = {m: _words(ws) for m, ws in sorted(markets.items())}
        self.triggers = {w.split()[0] for c in self.classes for w in c.words} | {n for c in self.classes for n in c.nouns}
        self.anaphors = set(self.kb.frame_words.anaphors)
        self.typed = {w.casefold(): typ for typ, ws in sorted(anaphor_types.items()) for w in ws}

    def events(self, a, taken: set[tuple[int, int]], clauses):
        """(Reading, clause span) for each event the grammar reads in article a, outside `taken` clauses."""
        doc, text, kb = a.doc, a.doc.text, self.kb
        days = [d for d in self.ctx.dates_in(doc.path) if _day_precise(d)]
        if not days:
            return
        starts = [c.start for c in clauses]
        day_starts = [d.start for d in days]

        def clause_of(d: Mention):
            return clauses[max(0, bisect_right(starts, d.start) - 1)]

        cands = []
        for s in self.ctx.sentence_index(doc.path).spans:
            inside = [d for d in days[bisect_left(day_starts, s.start) : bisect_left(day_starts, s.end)]
                      if d.end <= s.end and (clause_of(d).start, clause_of(d).end) not in taken]
            sent = text[s.start : s.end]
            if inside and fits(sent) and any(w.casefold() in self.triggers for w in _WORD.findall(sent)):
                cands.append((s.start, s.end, sent, inside))
        if not cands:
            return
        rctx = read_context(doc, a.mentions, kb)
        units = {(m.unit or "").casefold() for m in a.mentions} - {""}
        # What "the group" and "the company" point to: the company the article is about, never
        # the regulator or court that acted on it ("The CSRC fined ... The court ordered the group ...")
        short = _short_names(rctx.ents)
        ents = [replace(h, id=short.get(h.id, h.id)) for h in rctx.ents]
        main, _ = main_entity(replace(rctx, ents=[h for h in ents if h.type != "organisation"]), units)
        reader = Reader(self.classes, self.markets, main, self.anaphors, lambda n: self._usable(n, units),
                        kb.entity_matcher.display, licences(self.classes, text), self.typed)
        sents = self.ctx.sentence_index(doc.path)
        ent_starts = [h.start for h in ents]

        def hits_in(lo: int, hi: int):
            return [h for h in ents[bisect_left(ent_starts, lo) : bisect_left(ent_starts, hi)] if h.end <= hi]

        def skip(spans, trig: tuple[int, int]) -> bool:
            return any(not (m.start() < trig[1] and trig[0] < m.end())
                       for lo, hi in spans for m in self.hedges.finditer(text, lo, hi))

        parses = parse_sentences(kb, [(s, e, t) for s, e, t, _ in cands])
        for (s, e, sent, inside), p in zip(cands, parses):
            hits = [(h.start - s, h.end - s, h.id, h.type) for h in hits_in(s, e)]
            dates = [(d, d.start - s, d.end - s) for d in inside]
            prev = sents.span(s - 1) if s > 0 else None
            before = [(h.id, h.type) for h in hits_in(prev.start, prev.end)] if prev is not None and prev.end <= s else []
            for r in reader.read(Sentence(s, sent, p, hits, dates, before), clause_of, skip):
                yield replace(r, ids=tuple(short.get(i, i) for i in r.ids)), clause_of(r.date)

    def _usable(self, name: str, units: set[str]) -> bool:
        """An unknown name may be an object unless it is a place, a unit or a metric word."""
        if not name.startswith("~"):
            return True
        bare = name[1:]
        return bool(bare) and bare not in units and not is_place(name, self.kb) and canonical_metric(self.kb, bare) is None


def _short_names(ents) -> dict[str, str]:
    """An unknown one-word name that abbreviates the first word of the one longer unknown name
    the article also writes ("the Fed" in an article that names the Federal Reserve): that name.
    A whole first word is not an abbreviation: "Evergrande" is not "Evergrande Property Services"."""
    names = {h.id for h in ents if h.id.startswith("~")}
    longer: dict[str, set[str]] = {}
    for n in names:
        words = n[1:].split()
        if len(words) >= 2:
            for k in range(3, len(words[0])):
                longer.setdefault(words[0][:k], set()).add(n)
    return {n: next(iter(longer[n[1:]])) for n in sorted(names)
            if " " not in n and len(n) >= 4 and len(longer.get(n[1:], ())) == 1}


def _day_precise(m: Mention) -> bool:
    return m.granularity == Granularity.DAY and not m.relative and (m.period_start is not None or m.period_label is not None)


def _words(items: list[str]) -> re.Pattern[str]:
    alts = [r"\b" + re.escape(w).replace(r"\ ", r"\s") + r"\b" for w in sorted(items, key=len, reverse=True)]
    return re.compile("|".join(alts) or r"(?!)")
