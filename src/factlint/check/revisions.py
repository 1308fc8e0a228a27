"""revision: a later report of the same fact that replaces an earlier one.

The disagreements of check/agreement that line up with distinct, dated reports
(agreement.is_revision) are revisions; so are ranges compared end by end along one timeline
per fact and period (an undated report that says it revises comes last; a company's guidance
named more or less fully is one series), and a revision stated in one sentence ("raised its
target to A from B"), which the frames link as previous/new.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from ..models import Bound, Claim, Granularity
from . import grouping, matching
from .agreement import Disagreement, Item, cached, finding, grouped, is_revision, revised
from .engine import Context, register


@register("revision")
def revision(ctx: Context, rule):
    seen: set[str] = set()
    for d in cached(ctx, rule):
        # Ranges are revised end by end along their whole timeline (below), not cluster by cluster:
        # a guidance raised twice is two steps, though the first and last ranges alone conflict
        if is_revision(ctx, d) and not all(i.claim.mention.bound == Bound.RANGE for i in d.involved):
            seen.update(i.id for i in d.involved)
            yield finding(ctx, rule, d, "revision")
    for d in _range_revisions(ctx, rule, seen):
        yield finding(ctx, rule, d, "revision")
    for d in _finalised(ctx, rule, seen):
        f = finding(ctx, rule, d, "revision")
        f.explanation = ("The first is the maker's preliminary estimate of a period that had already ended; "
                         "the later report gives the final figure.")
        yield f
    yield from _linked_revisions(ctx, rule, seen)


def _range_revisions(ctx: Context, rule, seen: set[str]) -> list[Disagreement]:
    """Ranges are compared end by end: an outlook of $700-800 million reissued later as
    $650-700 million is revised even though the two ranges touch ("narrowed", "lowered the top
    end").  One timeline per fact and period, in order of report date (a sort: n log n)."""
    out = []
    groups, pairing = grouped(ctx, rule)
    series, merged = _guidance_series(ctx, groups)
    for key, claims in sorted(series.items(), key=lambda kv: tuple(map(str, kv[0]))):
        entity = key[0]
        for period, members in grouping.by_period(claims, ctx.kb):
            # Point forecasts too where descriptions were joined into a series: the matcher kept
            # them apart, so the disagreements above never compared them.
            candidates = [c for c in members if c.id not in seen and c.mention.low is not None and c.mention.high is not None
                          and (c.mention.bound == Bound.RANGE or (key in merged and c.status == "forecast"))]
            ranges = sorted((c for c in candidates if c.as_of is not None), key=lambda c: (c.as_of, c.id))
            timeline: list[Claim] = []
            for c in ranges:
                last = timeline[-1] if timeline else None
                if last is None or (c.mention.unit == last.mention.unit and c.as_of > last.as_of and _moved(last, c)):
                    timeline.append(c)
            # An undated report that says it revises ("cut its 2025 guidance to between ...,
            # narrowing the range it gave in February") comes after the dated ones; only one such,
            # or which came first is unknown.
            worded = [c for c in candidates if c.as_of is None and (c.role == "new" or revised(ctx, c))]
            if timeline and len(worded) == 1:
                c, last = worded[0], timeline[-1]
                if c.mention.unit == last.mention.unit and _moved(last, c):
                    timeline.append(c)
            if len(timeline) < 2:
                continue
            items = [Item(c, c.mention.low, c.mention.high) for c in timeline]
            seen.update(c.id for c in timeline)
            out.append(Disagreement(entity, pairing[timeline[0].id].metric, period, [[i] for i in items], items))
    return out


_CLOSED = (Granularity.QUARTER, Granularity.HALF, Granularity.YEAR, Granularity.FISCAL_YEAR)
_PRELIMINARY_WITHIN = timedelta(days=120)  # a flash estimate comes weeks after its period closes, not a year


def _preliminary(c: Claim) -> bool:
    """The maker's own estimate of a period that had ended when it was given ("Samsung estimated
    third-quarter operating profit at about 12.1 trillion won", said in October): a figure the
    full results will replace, not a forecast of the future.  Others' estimates (analysts',
    a consensus) are expectations the results beat or miss, never revised by them."""
    p = c.period
    return (c.status == "forecast" and p is not None and p.granularity in _CLOSED and p.end is not None
            and c.as_of is not None and p.end < c.as_of <= p.end + _PRELIMINARY_WITHIN and c.attribution is None
            and c.role not in ("base", "previous") and "expectation" not in c.hedges)


def _own_estimate(c: Claim, others) -> bool:
    """A later estimate by the figure's own maker ("Swiss Re now estimates ..."), not analysts'
    (`others`: the lexicon's estimate_subjects, who estimate for somebody else)."""
    words = (c.frame.status.words if c.frame is not None else "").casefold()
    return c.status == "estimate" and c.attribution is None and not any(w in words for w in others)


def _finalised(ctx: Context, rule, seen: set[str]) -> list[Disagreement]:
    """A preliminary figure, then the reported one: 'about 12.1 trillion won' estimated on
    October 14 for the third quarter, 12.2 trillion won in the results of October 30.  The
    status families keep an estimate apart from facts in the fact groups; here a group's
    preliminary figures meet the later facts (or later estimates) of the group with the same
    metric, entity, unit class and period, in order of report date.  Linear in the groups' claims."""
    groups, pairing = grouped(ctx, rule)
    others = ctx.kb.frame_words.estimate_subjects
    by_fact: dict[tuple, list[Claim]] = defaultdict(list)
    for (entity, label, unit), claims in groups.items():
        by_fact[(entity, label.split("#")[0], unit)].extend(claims)
    out = []
    for (entity, _, _), claims in sorted(by_fact.items(), key=lambda kv: tuple(map(str, kv[0]))):
        by_period: dict[str, list[Claim]] = defaultdict(list)
        for c in claims:
            if c.period is not None and c.as_of is not None and c.id not in seen and c.mention.value is not None \
                    and c.mention.bound in (Bound.EXACT, Bound.APPROX) and (c.status == "fact" or _own_estimate(c, others) or _preliminary(c)):
                by_period[c.period.label].append(c)
        for period, members in sorted(by_period.items()):
            members.sort(key=lambda c: (c.as_of, c.id))
            # (an article that gives the actual beside an estimate compares them: no preliminary)
            actual_in = {c.mention.doc for c in members if c.status == "fact"}
            first = next((c for c in members if _preliminary(c) and c.mention.doc not in actual_in), None)
            final = next((c for c in members if first is not None and c.as_of > first.as_of and not _preliminary(c)
                          and c.mention.unit == first.mention.unit), None)
            if final is None or _rounds_alike(first, final):
                continue
            items = [Item(first, first.mention.low, first.mention.high), Item(final, final.mention.low, final.mention.high)]
            seen.update((first.id, final.id))
            out.append(Disagreement(entity, pairing[final.id].metric, period, [[items[0]], [items[1]]], items))
    return out


def _rounds_alike(a: Claim, b: Claim) -> bool:
    """'about 12.1 trillion' and '12.13 trillion' are one figure at the coarser written precision."""
    def unit(m):
        width = (m.high - m.low) if m.low is not None and m.high is not None else 0.0
        return width / 2 if m.bound == Bound.APPROX else width
    step = max(unit(a.mention), unit(b.mention))
    if step <= 0:
        return a.mention.value == b.mention.value
    return round(a.mention.value / step) == round(b.mention.value / step)


def _moved(a: Claim, b: Claim) -> bool:
    """Whether b reports a different figure than a: a range with other ends; a single figure
    outside the other's written precision ("about 374,000" is 374,000)."""
    x, y = a.mention, b.mention
    if x.bound == Bound.RANGE and y.bound == Bound.RANGE:
        return (x.low, x.high) != (y.low, y.high)
    return x.high < y.low or y.high < x.low


def _guidance_series(ctx: Context, groups: dict[tuple, list[Claim]]) -> tuple[dict[tuple, list[Claim]], set[tuple]]:
    """Fact groups of one company's outlooks whose open properties share a head and where
    one's modifiers are a subset of the other's ("nuclear generation" and "French nuclear
    generation", "sales" and "potash sales"): one series for the range timeline.  A report of
    guidance names it more or less fully each quarter; for facts (and for value conflicts) the
    matcher's learned weights keep such pairs apart, as they are as often two quantities.
    Quadratic only in one company's distinct outlook descriptions of one head and unit class,
    capped as the matcher's blocks are.  Also returns the keys that gained other groups."""
    by_head: dict[tuple, list[tuple[tuple, matching.Description]]] = defaultdict(list)
    for key, claims in groups.items():
        d = matching.describe(claims[0], ctx.kb)
        if d.family == "outlook" and not d.canonical and d.head:
            by_head[(key[0], key[2], d.segment, d.head)].append((key, d))
    into: dict[tuple, tuple] = {}
    for members in by_head.values():
        members.sort(key=lambda kd: (len(kd[1].modifiers), kd[1].metric))
        members = members[: matching.MAX_BLOCK]
        for i, (key, d) in enumerate(members):
            for wider_key, wider in members[:i]:  # fewer modifiers first: the plainest name leads
                if wider.modifiers <= d.modifiers and wider_key not in into:
                    into[key] = wider_key
                    break
    if not into:
        return groups, set()
    out: dict[tuple, list[Claim]] = defaultdict(list)
    for key, claims in groups.items():
        out[into.get(key, key)].extend(claims)
    return out, set(into.values())


def _linked_revisions(ctx: Context, rule, seen: set[str]):
    """A revision stated in one sentence ("raised its target to A from B"): the frames link the
    new figure to the previous one; no other report is needed."""
    for c in ctx.claims:
        for link in c.links:
            prev = ctx.claim_by_id.get(link.target) if link.type == "previous" else None
            if prev is None or prev.role != "previous" or {c.id, prev.id} <= seen:
                continue
            if c.mention.value is None or prev.mention.value is None or c.mention.value == prev.mention.value:
                continue
            items = [Item(prev, prev.mention.value, prev.mention.value), Item(c, c.mention.value, c.mention.value)]
            d = Disagreement(c.entity or "", c.metric or "", c.period.label if c.period else None, [[items[0]], [items[1]]], items)
            yield finding(ctx, rule, d, "revision")
