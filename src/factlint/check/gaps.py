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
from .figmath import finding, fits, span, unit_class

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
        amounts: dict[str, tuple] = {}  # unit -> (how many so far, the last two)
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
            elif m.kind in _AMOUNTS and m.value is not None:
                n, x, y = amounts.get(_unit(c), (0, None, None))
                if n == 2 and fits(_AMOUNT_GAP, text, y.mention.end, m.start) \
                        and x.equivalent_of is None and y.equivalent_of is None:
                    f = _check(ctx, rule, c, x, y, "difference does not match its two amounts")
                    if f is not None:
                        yield f
                amounts[_unit(c)] = (n + 1, y, c)


def _unit(c: Claim) -> str:
    """One currency or unit; counts of any nouns are one ("opened 88 stores and closed 204")."""
    return "count" if c.mention.kind == "count" else unit_class(c.mention)



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
