"""arithmetic: a margin against the profit and the revenue it is the ratio of.

    "ASML reported net sales of €28.3 billion ... and net income of €7.6 billion, a net margin
     of 31%."                                           7.6 / 28.3 = 26.9%, not 31%

A percent whose metric is a margin the rule names (param `margins`: margin metric -> its profit
metric) is checked against the one amount of that profit and the one of revenue that the
article states for the same actor, segment and period, in the margin's sentence or the nearest of
the BACK sentences before it that holds one.  Qualifiers must agree: an "adjusted" margin is
never checked against a reported profit (param `qualifiers`).  Two candidate profits or revenues,
an unread actor, a base or an earlier figure: nothing is checked.  Each figure is an interval,
so only a margin that no value inside them gives is reported.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..models import Claim, Finding
from .engine import Context
from .figmath import hedged, ratio_finding, span
from .shares import stated_level

BACK = 3  # sentences before the margin's where its profit and revenue may be
_REVENUE = "revenue"


def margins(ctx: Context, rule, sentences: list[list[Claim]]) -> Iterator[Finding]:
    """`sentences`: one document's claims by sentence, in text order."""
    profit_of: dict[str, str] = rule.params.get("margins", {})
    if not profit_of:
        return
    qualifiers = frozenset(w.casefold() for w in rule.params.get("qualifiers", []))
    for k, claims in enumerate(sentences):
        for m in claims:
            metric, _, part = (m.metric or "").partition("@")
            if m.mention.kind != "percent" or metric not in profit_of or m.mention.value is None or hedged(m) \
                    or m.entity is None or m.role is not None or m.status != "fact":
                continue
            window = sentences[max(0, k - BACK) : k + 1]
            profit = _one(window, m, profit_of[metric], part, qualifiers)
            revenue = _one(window, m, _REVENUE, part, frozenset())
            if profit is None or revenue is None or profit.mention.unit != revenue.mention.unit:
                continue
            f = _check(ctx, rule, m, profit, revenue)
            if f is not None:
                yield f


def _one(window: list[list[Claim]], m: Claim, metric: str, part: str, qualifiers: frozenset[str]) -> Claim | None:
    """The amount of `metric` (of the margin's segment `part`) the margin is a ratio of: in the
    nearest sentence that holds one, the only value."""
    want = metric + ("@" + part if part else "")
    words = _qualified(m, qualifiers)
    for sentence in reversed(window):
        found = {c.mention.value: c for c in sentence
                 if c.metric == want and c.mention.kind == "money" and stated_level(c) and c.entity == m.entity
                 and _same_period(c, m) and _qualified(c, qualifiers) == words}
        if found:
            return next(iter(found.values())) if len(found) == 1 else None
    return None


def _same_period(a: Claim, b: Claim) -> bool:
    if a.period is None or b.period is None:
        return a.period is None and b.period is None
    return a.period.label == b.period.label


def _qualified(c: Claim, qualifiers: frozenset[str]) -> frozenset[str]:
    """The qualifiers ("adjusted", "underlying") among the words of the figure's property."""
    words = (c.frame.property.value or "") if c.frame is not None else ""
    return frozenset(words.casefold().replace("-", " ").split()) & qualifiers


def _check(ctx: Context, rule, m: Claim, profit: Claim, revenue: Claim) -> Finding | None:
    return ratio_finding(ctx, rule, m, span(m.mention), profit, revenue, "margin does not match its profit and revenue",
                         ("stated margin", "profit", "revenue"))
