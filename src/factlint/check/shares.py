"""arithmetic: a part stated with its share of a total told elsewhere in the paragraph.

    "Revenue reached $57.0 billion ... The data center unit brought in $51.2 billion, or 78%
     of the total."                                   51.2 / 57.0 = 90%, not 78%

An amount followed by ", or P% of the total" / "(P% of group operating profit)" is checked
against the total: for "the total", an amount of the same kind before it (in its sentence or
the three before, the nearest sentence that holds one) that is larger, is a stated level and
measures what the part does; for a named quantity, such an amount of that metric which is not
a segment's.  Only a single such total is used (two candidates: nothing is checked).  Each figure is an interval;
only a share that no value inside them gives is reported.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from ..models import Claim, Finding
from .engine import Context
from .figmath import earlier_cue, hedged, ratio_finding, span, unit_class

BACK = 3  # sentences before the part's where its total may be
_NEAREST = 12  # amounts of a sentence looked at, the last before the part
_LINK = (r"(?:or|which\s(?:is|was|represents|represented|amounts\sto|amounted\sto|accounts\sfor|accounted\sfor)|"
         r"representing|accounting\sfor|amounting\sto|equal\sto|contributing|making\sup)")
# "A, or P% of", "A (P% of", "A, which is P% of", "A so far, which is 91% of", "A, contributing more than two thirds of"
# ... or "A is big by any standard: it amounts to P% of": a short clause, then a pronoun for A and the link
_SHARE_GAP = re.compile(r"(?:\s(?:so\sfar|to\sdate|in\stotal))?(?:,\s(?:" + _LINK + r"\s)?|\(\s?|\s" + _LINK + r"\s|"
                        r"[^.;:\d]{0,40}[:;,]\s(?:it|this|that)\s(?:is|was|amounts\sto|represents|makes\sup|accounts\sfor)\s)"
                        r"(?:about\s|around\s|roughly\s|nearly\s|almost\s|more\sthan\s|over\s|some\s|just\sover\s|just\sunder\s)?")
# The total written right after the share: "of its 490,000 employees", "of operating profit of 12.2 trillion won"
_OF_TOTAL = re.compile(r"\sof\s(?:(?:its|the|their|a|an|all)\s)?(?:[A-Za-z][\w-]{0,20}['’]s\s)?(?:[A-Za-z][\w-]{0,20}\s){0,3}?(?:of\s)?", re.I)
_OF_WHAT = re.compile(r"\sof\s(?:the\s)?(?:[A-Za-z][a-z]{1,20}['’]s\s)?(?P<what>total|(?:[a-z][a-z-]{1,20}\s){0,3}[a-z][a-z-]{1,20})\b", re.I)


def shares(ctx: Context, rule, sentences: list[list[Claim]]) -> Iterator[Finding]:
    """`sentences`: one document's claims by sentence, in text order."""
    amounts: list[list[Claim]] = [[c for c in s if stated_level(c)] for s in sentences]
    for k, claims in enumerate(sentences):
        text = ctx.docs[claims[0].mention.doc].text
        for i, (a, p) in enumerate(zip(claims, claims[1:])):
            if p.mention.kind not in ("percent", "fraction") or p.mention.value is None or not _amount(a) or hedged(p):
                continue
            gap = _SHARE_GAP.fullmatch(text, a.mention.end, p.mention.start)
            if gap is None:
                continue
            # One sentence states part, share and whole: a planned cut is a share of today's workforce too
            t = claims[i + 2] if i + 2 < len(claims) else None
            # ("of its" says the figure after it is the whole: counts of any noun, "jobs" of "employees")
            alike = t is not None and (unit_class(t.mention) == unit_class(a.mention)
                                       or t.mention.kind == a.mention.kind == "count")
            if alike and _amount(t) \
                    and t.mention.value > a.mention.value and _OF_TOTAL.fullmatch(text, p.mention.end, t.mention.start):
                f = _check(ctx, rule, a, p, t)  # "cut 20,000 jobs, about 8% of its 490,000 employees"
                if f is not None:
                    yield f
                continue
            of = _OF_WHAT.match(text, p.mention.end)
            if of is None or not stated_level(a):
                continue
            total = _total(ctx, a, of.group("what").casefold(), amounts[max(0, k - BACK) : k + 1])
            if total is not None:
                f = _check(ctx, rule, a, p, total)
                if f is not None:
                    yield f


def _amount(c: Claim) -> bool:
    m = c.mention
    return (m.kind in ("money", "count") and m.value is not None and m.value > 0 and c.role not in ("base", "previous")
            and c.equivalent_of is None and not hedged(c))


def stated_level(c: Claim) -> bool:
    return _amount(c) and c.status == "fact"


def _total(ctx: Context, part: Claim, what: str, window: list[list[Claim]]) -> Claim | None:
    """The total a share is of: in the nearest sentence before the part (or its own) that holds
    larger amounts of its kind (of the named metric if one is named), the only one."""
    metric, group = None, False
    if what != "total":
        words = what.split()
        totals = ctx.kb.frame_words.table_totals  # the words that name the whole company
        while len(words) > 1 and words[0] in totals:
            group = True  # "of group operating profit": a segment's share of its group
            words = words[1:]
        what = " ".join(words)
        from ..resolve.frames import canonical_metric

        metric = canonical_metric(ctx.kb, what)
        if metric is None:
            return None  # "78% of its sales in China": a share of something not read
    cls = unit_class(part.mention)
    own = (part.metric or "").split("@")[0]
    for sentence in reversed(window):  # the nearest sentence that holds a possible total decides
        found = _candidates(ctx, part, metric, own, cls, sentence, group)
        if found:
            # Two candidates ("raising ₹11,340 crore, a fraction of the ₹96,238 crore on offer"):
            # which one is the total is not clear, so nothing is checked.
            return next(iter(found.values())) if len(found) == 1 else None
    return None


def _candidates(ctx: Context, part: Claim, metric: str | None, own: str, cls: str, sentence: list[Claim],
                group: bool) -> dict[float, Claim]:
    """The sentence's possible totals before the part: its last few amounts only, so a sentence
    of thousands of figures costs a constant per share, not its length."""
    found: dict[float, Claim] = {}
    before = len(sentence)
    if sentence and sentence[-1].mention.start >= part.mention.start:  # the part's own sentence
        before = bisect_left(sentence, part.mention.start, key=lambda c: c.mention.start)
    for c in sentence[max(0, before - _NEAREST) : before]:
        if unit_class(c.mention) != cls or c.mention.value <= part.mention.value:
            continue
        if metric is not None and c.metric != metric:
            continue  # (a segment's metric carries "@segment" and never equals the group's)
        if c.metric is None or c.entity is None or (part.entity and c.entity != part.entity and not group) \
                or (part.period and c.period and part.period.label != c.period.label):
            continue  # a total of an unread quantity or actor, another's, or another period's
        if _earlier_lead(ctx, c):
            continue  # "The quarter one year ago brought in $1.04 billion": a comparison, not the total
        whole = c.metric.split("@")[0]
        if metric is None and own and whole != own and not own.endswith("_" + whole):
            continue  # "the total" of the part's own quantity ("cloud_revenue" is a part of "revenue")
        found.setdefault(c.mention.value, c)
    return found


def _earlier_lead(ctx: Context, c: Claim) -> bool:
    """Whether the words that lead up to the figure in its sentence say it is of an earlier time."""
    return earlier_cue(ctx, ctx.docs[c.mention.doc].text[c.sentence_start : c.mention.start].casefold())


def _check(ctx: Context, rule, part: Claim, p: Claim, total: Claim) -> Finding | None:
    plo, phi = span(p.mention)
    if p.mention.kind == "fraction":  # "more than two thirds": a share written as a fraction
        plo, phi = plo * 100, phi * 100
    return ratio_finding(ctx, rule, p, (plo, phi), part, total, "share does not match its part and total",
                         ("stated share", "part", "total"))