"""value-agreement, in one article: one figure told twice with two different changes.

    "RCO rose 5.8% to €2,461 million ..."
    "'Nine-month RCO of €2.46 billion, up 8.5%, shows pricing is holding,' said an analyst"

Two amounts of one article that measure the same thing (actor, metric, period, or no period for
both) and whose values agree within their written precision are one figure; each may carry a
change written right beside it ("rose P% to A", "A, up P%", "A (down P%)").  When the two
changes cannot both be right (their intervals, plus the rule's tolerance, do not meet), the
article contradicts itself.  A base, a replaced figure, a hedge or a forecast is never such a
figure.  Linear: amounts are bucketed by what they measure, and a bucket of more than _MAX_TOLD
figures (a table of many years, an adversarial page) is not read: only a handful are compared.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from .. import fmt, messages
from ..models import Claim, Finding
from .engine import Context, register
from .figmath import by_sentence, hedged, span

# "A, up P%", "A (down P%)", "A, an increase of P%"
_AFTER = re.compile(r",?\s?\(?\s?(?:(?P<up>up|higher\sby|an?\s(?:increase|rise|gain)\sof)|(?P<down>down|lower\sby|an?\s(?:decrease|fall|drop|decline)\sof))"
                    r"\s(?:about\s|around\s|roughly\s|some\s|nearly\s|almost\s)?$", re.I)
# "rose P% to A", "fell by P% to A"
_BEFORE_VERB = re.compile(r"\b(?:(?P<up>rose|grew|increased|climbed|jumped|gained|advanced)|"
                          r"(?P<down>fell|declined|dropped|decreased|slipped|slid|shrank))\s(?:by\s)?(?:about\s|around\s|some\s)?$", re.I)
_TO = re.compile(r"\sto\s$", re.I)
_GAP = 30  # characters between a change and its amount
_MAX_TOLD = 8  # figures of one bucket compared pairwise; beyond, the bucket is skipped


@register("value-agreement", scope="document")
def two_changes(ctx: Context, rule) -> Iterator[Finding]:
    told: dict[tuple, list[tuple[Claim, Claim, int]]] = defaultdict(list)
    for (doc, _), claims in sorted(by_sentence(ctx.claims).items()):
        text = ctx.docs[doc].text
        for i, c in enumerate(claims):
            if not _figure(c):
                continue
            found = _change(text, claims, i)
            if found is not None:
                key = (doc, c.entity, c.metric, c.period.label if c.period else None, c.mention.kind, c.mention.unit)
                told[key].append((c, *found))
    for key in sorted(told, key=str):
        entries = sorted(told[key], key=lambda e: e[0].mention.start)
        f = _first_conflict(ctx, rule, entries) if len(entries) <= _MAX_TOLD else None
        if f is not None:
            yield f


def _first_conflict(ctx: Context, rule, entries: list[tuple[Claim, Claim, int]]) -> Finding | None:
    """The first two of a bucket's figures that are one figure told with two changes: one
    finding per bucket."""
    for k, (a, pa, sa) in enumerate(entries):
        for b, pb, sb in entries[k + 1 :]:
            if _same_value(a, b) and pa.mention.kind == pb.mention.kind:
                f = _check(ctx, rule, a, pa, sa, b, pb, sb)
                if f is not None:
                    return f
    return None


def _figure(c: Claim) -> bool:
    m = c.mention
    return (m.kind in ("money", "count", "quantity") and m.value is not None and m.value > 0 and c.entity is not None
            and c.metric is not None and c.status == "fact" and c.role not in ("base", "previous")
            and c.equivalent_of is None and not hedged(c))


def _change(text: str, claims: list[Claim], i: int) -> tuple[Claim, int] | None:
    """The change written beside amount i, and its sign."""
    c = claims[i]
    if i + 1 < len(claims):
        p = claims[i + 1]
        gap = text[c.mention.end : p.mention.start]
        m = _AFTER.fullmatch(gap) if len(gap) <= _GAP else None
        if m is not None and p.mention.kind in ("percent", "percent-point") and p.mention.value is not None:
            return p, 1 if m.group("up") else -1
    if i >= 1:
        p = claims[i - 1]
        gap = text[p.mention.end : c.mention.start]
        if p.mention.kind in ("percent", "percent-point") and p.mention.value is not None and len(gap) <= _GAP \
                and _TO.fullmatch(gap) is not None:
            m = _BEFORE_VERB.search(text, max(c.sentence_start, p.mention.start - _GAP), p.mention.start)
            if m is not None:
                return p, 1 if m.group("up") else -1
    return None


def _same_value(a: Claim, b: Claim) -> bool:
    alo, ahi = span(a.mention)
    blo, bhi = span(b.mention)
    return alo <= bhi and blo <= ahi


def _check(ctx: Context, rule, a: Claim, pa: Claim, sa: int, b: Claim, pb: Claim, sb: int) -> Finding | None:
    lo_a, hi_a = (sa * x for x in span(pa.mention))
    lo_b, hi_b = (sb * x for x in span(pb.mention))
    lo_a, hi_a = min(lo_a, hi_a), max(lo_a, hi_a)
    lo_b, hi_b = min(lo_b, hi_b), max(lo_b, hi_b)
    tol = max(rule.tolerance.absolute, rule.tolerance.relative * max(abs(pa.mention.value), abs(pb.mention.value)))
    if lo_a - tol <= hi_b and lo_b - tol <= hi_a:
        return None
    names = ctx.kb.entity_matcher
    known = ctx.kb.metric_by_id.get(a.metric)
    metric = messages.metric_name(a.metric, known.name if known is not None else None)
    period = a.period.label if a.period else "unspecified period"
    why = (f"{fmt.mention(a.mention)} and {fmt.mention(b.mention)} are one figure of the article, but one is "
           f"{_signed(pa, sa)} and the other {_signed(pb, sb)}")
    return Finding(rule=rule.id, kind="value-conflict", severity=rule.severity,
                   message=f"{names.display(a.entity)} {metric} ({period}): one figure, two changes: {why}",
                   entity=names.display(a.entity), metric=a.metric, period=a.period.label if a.period else None,
                   claims=[ctx.ref(pa, "stated"), ctx.ref(pb, "stated"), ctx.ref(a, "figure"), ctx.ref(b, "figure")],
                   explanation=why)


def _signed(p: Claim, sign: int) -> str:
    return ("up " if sign > 0 else "down ") + fmt.mention(p.mention)
