"""'respectively' lists: figures paired in order with the entities and metrics named before them."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict

from ..models import Claim
from .context import Context
from .entities import EntityHit

def respectively(ctx: Context, claims: list[Claim]) -> None:
    text = ctx.doc.text
    by_sent: dict[int, list[Claim]] = defaultdict(list)
    for c in claims:
        by_sent[c.sentence_start].append(c)
    for s_start, group in by_sent.items():
        s_end = group[0].sentence_end
        resp = text.find("respectively", s_start, s_end)
        if resp < 0:
            continue
        items = [c for c in group if c.mention.end <= resp]
        if len(items) < 2:
            continue
        n = len(items)
        first = items[0].mention.start
        # Entities: a list of n named in this sentence before the figures, or in the previous sentence.
        ents = _entity_list(ctx, s_start, first, n)
        if ents is None:
            k = ctx.sents.at(s_start)
            if k > 0:
                prev = ctx.sents.spans[k - 1]
                ents = _entity_list(ctx, prev.start, prev.end, n)
        if ents:
            for c, e in zip(items, ents):
                c.entity, c.entity_text = ctx.kb.entity_matcher.company_of(e.id), e.text
        else:
            for c in items:  # a list that does not pair up: better no entity than the wrong one
                c.entity, c.entity_text = None, None
        dated = next((c.period for c in items if c.period is not None), None)
        for c in items:  # "... 40,000 and 31,767 vehicles, respectively, in October": one date for the list
            if c.period is None:
                c.period = dated
        mets = [h for h in ctx.mets[bisect_left(ctx.met_starts, s_start) : bisect_left(ctx.met_starts, first)] if h.end <= first]
        if len(mets) >= n:
            for c, h in zip(items, mets[-n:]):
                mid = h.id
                if c.mention.kind.startswith("percent") and ctx.kb.metric_matcher.dimension(mid) != "ratio":
                    mid += "-change"
                c.metric, c.metric_text = mid, text[h.start : h.end]


def _entity_list(ctx: Context, start: int, end: int, n: int) -> list[EntityHit] | None:
    """The last run of n entities joined by ',' / 'and' in [start, end)."""
    hits = [e for e in ctx.ents_in(start, end) if e.type != "media"]
    text = ctx.doc.text
    for i in range(len(hits) - n, -1, -1):
        run = hits[i : i + n]
        gaps = [text[a.end : b.start] for a, b in zip(run, run[1:])]
        if all(re.fullmatch(r"(?:['’]s)?\s*(?:,|,?\s*and|&)\s*", g) for g in gaps):
            return run
    return None
