"""ordering: declared constraints between metrics of one entity and period.

A rule lists pairs `[lesser, greater]` of metric ids (daily active users <=
monthly active users, a floor <= a ceiling, a part <= its whole).  Two
figures break the constraint when even the lesser's smallest possible value
exceeds the greater's largest: written precision and bounds are respected,
so "over 50 million DAU" and "114 million MAU" pass.

Claims are bucketed by entity, period, kind and currency; each bucket is
checked on its own, in n log n: the greater figures are sorted by their
tolerated upper bound, and a lesser figure breaks the constraint with exactly
those below its lower bound (a prefix, found by bisection).  Each breach is
reported once per claim, listing its counterparts (at most MAX_LISTED, the
rest counted): per lesser figure, or per greater figure when fewer of those
are involved ("one MAU figure of 4 million under forty DAU figures").
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict

from .. import fmt
from ..models import Claim, Finding
from ..segment import paragraphs
from .engine import Context, register

_NOT_LEVELS = ("base", "previous", "rate", "part")

# How many counterparts one finding lists; the rest are counted ("and 12 more").
MAX_LISTED = 10


def _key(ctx: Context, c: Claim) -> tuple:
    # Figures with no period only meet figures of the same paragraph: a results article tells the
    # year's and a quarter's (or a division's) figures in paragraphs of their own.
    unit = c.mention.unit if c.mention.kind == "money" else None  # counts differ in their noun by design
    return (c.entity, c.period.label if c.period else f"doc:{c.mention.doc}:{_paragraph(ctx, c)}", c.mention.kind, unit)


def _paragraph(ctx: Context, c: Claim) -> int:
    doc = c.mention.doc
    starts = ctx.memo(("paragraph-starts", doc), lambda: [p.start for p in paragraphs(ctx.docs[doc].text)])
    return bisect_right(starts, c.mention.start)


@register("ordering")
def ordering(ctx: Context, rule):
    pairs = [tuple(p) for p in rule.params.get("pairs", [])]
    wanted = {m for p in pairs for m in p}
    groups: dict[tuple, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in ctx.claims:
        # not a comparison base, a replaced figure, a stated exchange rate ("about 1,430 won to the
        # dollar") or a part of a larger figure: none is the entity's level for the period
        if c.entity and c.metric in wanted and c.mention.value is not None and c.role not in _NOT_LEVELS \
                and c.equivalent_of is None:
            groups[_key(ctx, c)][c.metric].append(c)
    for key in sorted(groups, key=lambda k: tuple(map(str, k))):
        by_metric = groups[key]
        for lesser, greater in pairs:
            wholes = [c for c in by_metric.get(greater, ()) if not _part_of_whole(ctx, c)]
            if by_metric.get(lesser) and wholes:
                yield from _breaches(ctx, rule, lesser, greater, by_metric[lesser], wholes)


def _part_of_whole(ctx: Context, c: Claim) -> bool:
    """'Markets revenue rose 15% to $8.9 billion', 'Wegovy sales of DKK 58.2 billion': a whole's
    metric said of a part (a modifier that is no total, period or accounting word) cannot bound
    the company's profit from above."""
    words = ctx.kb.frame_words.whole_modifiers
    if c.frame is None:
        return False
    if c.frame.thing.value is not None and c.frame.thing.rule in ("segment-noun", "named-unit"):
        return True  # a segment's or a named unit's revenue ("Revenue at Baidu Core")
    return any(m not in words and not any(ch.isdigit() for ch in m) for m in c.frame.modifiers)


def _breaches(ctx: Context, rule, lesser: str, greater: str, small: list[Claim], large: list[Claim]):
    """One bucket, one pair of metrics: a finding per claim that breaks the order."""
    tol = rule.tolerance

    def low(a: Claim) -> float:
        return a.mention.low if a.mention.low is not None else -math.inf

    def ceiling(b: Claim) -> float:  # the most the greater figure can be, with the rule's tolerance
        hi = b.mention.high if b.mention.high is not None else math.inf
        return hi * (1 + tol.relative) + tol.absolute

    # The greater figures by ceiling (lowest first), the lesser by floor (highest first).
    large = sorted(large, key=lambda b: (ceiling(b), b.id))
    ceilings = [ceiling(b) for b in large]
    small = sorted(small, key=lambda a: (-low(a), a.id))
    neg_lows = [-low(a) for a in small]
    # a breaks the order with b exactly when low(a) > ceiling(b).
    below = {a.id: bisect_left(ceilings, low(a)) for a in small}  # how many b each a exceeds
    above = {b.id: bisect_left(neg_lows, -c) for b, c in zip(large, ceilings)}  # how many a exceed each b
    breaking_small = [a for a in small if below[a.id]]
    breaking_large = [b for b in large if above[b.id]]
    if not breaking_small:
        return
    names = ctx.kb.metric_by_id
    ln, gn = (names[x].name if x in names else x for x in (lesser, greater))
    if len(breaking_large) < len(breaking_small):
        for b in sorted(breaking_large, key=_position):
            others = small[: above[b.id]]  # the largest lesser figures first
            yield _finding(ctx, rule, lesser, b, greater, others, lesser,
                           f"{gn} {fmt.mention(b.mention)} is smaller than {ln} {_listed(others)}, "
                           f"but {ln} can never exceed {gn}")
    else:
        for a in sorted(breaking_small, key=_position):
            others = large[: below[a.id]]  # the smallest greater figures first
            yield _finding(ctx, rule, lesser, a, lesser, others, greater,
                           f"{ln} {fmt.mention(a.mention)} is larger than {gn} {_listed(others)}, "
                           f"but {ln} can never exceed {gn}")


def _position(c: Claim) -> tuple:
    return (c.mention.doc, c.mention.start)


def _listed(claims: list[Claim]) -> str:
    shown = [fmt.mention(c.mention) for c in claims[:MAX_LISTED]]
    more = len(claims) - len(shown)
    if more:
        return ", ".join(shown) + f" and {more} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _finding(ctx: Context, rule, lesser: str, first: Claim, first_role: str, others: list[Claim],
             others_role: str, why: str) -> Finding:
    return Finding(
        rule=rule.id, kind="ordering", severity=rule.severity,
        message=(rule.message or "{why}").format_map({"why": why}),
        entity=ctx.kb.entity_matcher.display(first.entity), metric=lesser,
        period=first.period.label if first.period else None,
        claims=[ctx.ref(first, first_role), *(ctx.ref(c, others_role) for c in others[:MAX_LISTED])],
        explanation=why,
    )
