"""arithmetic, the gap between two rates: "demand grew 11.3% while capacity grew 7.4%, a gap of
4.9 percentage points" (11.3 - 7.4 is 3.9).

A stated difference in points ("a gap of", "a difference of", "a spread of", "N points
apart") right after exactly two percentages of its sentence is their difference.  Each figure is
an interval (written precision, bounds), so the gap is only wrong when no values inside them give
it; a sentence with a third percentage before the gap is not checked (which two is unclear).
Linear: one pass over each sentence's claims.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .. import fmt
from ..models import Claim, Finding
from .engine import Context
from .figmath import finding, span

# the words between the second rate and its gap: ", a gap of", " - a difference of", ", a spread of about"
_GAP = re.compile(r"[,;]?\s(?:[-–—]\s)?(?:a|the|which\sis\sa|for\sa|or\sa)\s(?:[a-z-]{1,15}\s)?(?:gap|difference|spread|"
                  r"differential|divergence)\s(?:of\s)?(?:about\s|around\s|roughly\s|nearly\s|almost\s|some\s)?", re.I)


def gaps(ctx: Context, rule, sentences: list[list[Claim]]) -> Iterator[Finding]:
    """`sentences`: one document's claims by sentence, in text order."""
    for claims in sentences:
        text = ctx.docs[claims[0].mention.doc].text
        rates: list[Claim] = []
        for c in claims:
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


def _check(ctx: Context, rule, stated: Claim, a: Claim, b: Claim) -> Finding | None:
    (alo, ahi), (blo, bhi), (slo, shi) = span(a.mention), span(b.mention), span(stated.mention)
    lo, hi = max(alo - bhi, blo - ahi, 0.0), max(ahi - blo, bhi - alo)  # |a - b| over the intervals
    tol = rule.tolerance.absolute
    if slo <= hi + tol and shi >= lo - tol:
        return None
    why = (f"{fmt.mention(a.mention)} and {fmt.mention(b.mention)} are {abs(a.mention.value - b.mention.value):.3g} "
           f"points apart, but the text says {fmt.mention(stated.mention)}")
    return finding(ctx, rule, "gap does not match its two rates", why,
                   [(stated, "stated gap"), (a, "first rate"), (b, "second rate")])
