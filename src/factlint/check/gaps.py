"""arithmetic, the gap between two rates or two amounts: "demand grew 11.3% while capacity grew
7.4%, a gap of 4.9 percentage points" (11.3 - 7.4 is 3.9); "opened 88 stores and closed 204, a
net reduction of 166" (204 - 88 is 116).

A stated difference in points ("a gap of", "a difference of", "a spread of", "N points
apart") right after exactly two percentages of its sentence is their difference.  Each figure is
an interval (written precision, bounds), so the gap is only wrong when no values inside them give
it; a sentence with a third percentage (or amount of the unit) before the gap is not checked
(which two is unclear).
Linear: one pass over each sentence's claims.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .. import fmt
from ..models import Claim, Finding
from .engine import Context
from .figmath import finding, span, unit_class

# the words between the second rate and its gap: ", a gap of", " - a difference of", ", a spread of about"
_GAP = re.compile(r"[,;]?\s(?:[-–—]\s)?(?:a|the|which\sis\sa|for\sa|or\sa)\s(?:[a-z-]{1,15}\s)?(?:gap|difference|spread|"
                  r"differential|divergence)\s(?:of\s)?(?:about\s|around\s|roughly\s|nearly\s|almost\s|some\s)?", re.I)


# between the second amount and its difference: "closed 204, a net reduction of", "it had warned of
# in April -- a saving of about"
_AMOUNT_GAP = re.compile(r"(?:\s[\w'’-]{1,20}){0,6}?(?:,|\s[-–—]{1,2})\s(?:a|the|for\sa|or\sa)\s(?:net\s)?(?:gap|difference|"
                         r"shortfall|saving|reduction|increase|decrease|gain|loss|addition)\s(?:of\s)?"
                         r"(?:about\s|around\s|roughly\s|nearly\s|almost\s|some\s)?", re.I)
_AMOUNTS = ("money", "count", "quantity")


def gaps(ctx: Context, rule, sentences: list[list[Claim]]) -> Iterator[Finding]:
    """`sentences`: one document's claims by sentence, in text order."""
    for claims in sentences:
        text = ctx.docs[claims[0].mention.doc].text
        rates: list[Claim] = []
        for k, c in enumerate(claims):
            m = c.mention
            if m.kind == "percent" and m.value is not None:
                rates.append(c)
            elif m.kind == "percent-point" and m.value is not None and len(rates) == 2:
                gap = _GAP.match(text, rates[1].mention.end, m.start)
                if gap is not None and gap.end() == m.start:
                    f = _check(ctx, rule, c, rates[0], rates[1])
                    if f is not None:
                        yield f
                rates = []
            elif m.kind in _AMOUNTS and m.value is not None:
                before = [b for b in claims[:k] if b.mention.kind in _AMOUNTS and _one_unit(b, c)]
                if len(before) == 2 and _fits(_AMOUNT_GAP, text, before[1].mention.end, m.start) \
                        and all(b.mention.value is not None and b.equivalent_of is None for b in before):
                    f = _check(ctx, rule, c, before[0], before[1], "difference does not match its two amounts")
                    if f is not None:
                        yield f


def _one_unit(a: Claim, b: Claim) -> bool:
    """One currency or unit, or counts of which one leaves its noun out ("opened 88 stores and closed 204")."""
    if a.mention.kind == b.mention.kind == "count":
        return a.mention.unit == b.mention.unit or a.mention.unit is None or b.mention.unit is None
    return unit_class(a.mention) == unit_class(b.mention)


def _fits(pattern: re.Pattern, text: str, start: int, end: int) -> bool:
    m = pattern.match(text, start, end)
    return m is not None and m.end() == end


def _check(ctx: Context, rule, stated: Claim, a: Claim, b: Claim, title: str = "gap does not match its two rates") -> Finding | None:
    (alo, ahi), (blo, bhi), (slo, shi) = span(a.mention), span(b.mention), span(stated.mention)
    lo, hi = max(alo - bhi, blo - ahi, 0.0), max(ahi - blo, bhi - alo)  # |a - b| over the intervals
    tol = rule.tolerance.absolute
    if slo <= hi + tol and shi >= lo - tol:
        return None
    apart = abs(a.mention.value - b.mention.value)
    size = f"{apart:.3g} points" if stated.mention.kind == "percent-point" else fmt.amount(apart, stated.mention.unit, stated.mention.kind)
    why = f"{fmt.mention(a.mention)} and {fmt.mention(b.mention)} are {size} apart, but the text says {fmt.mention(stated.mention)}"
    return finding(ctx, rule, title, why, [(stated, "stated gap"), (a, "first figure"), (b, "second figure")])
