"""revision: a later report of the same fact that replaces an earlier one.

The disagreements of check/agreement that line up with distinct, dated reports
(agreement.is_revision) are revisions; so are ranges compared end by end along one timeline
per fact and period (an undated report that says it revises comes last; a company's guidance
named more or less fully is one series), and a revision stated in one sentence ("raised its
target to A from B"), which the frames link as previous/new.
"""
from __future__ import annotations

from collections import defaultdict

from ..models import Bound, Claim
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
