"""arithmetic, a change told by its amount, its percentage and where it ends: "raised its annual
target by 4 million units, or about 21%, to 19 million" (4 / (19 - 4) is 26.7%).

"by D, or P%, to N" under one verb: the base is N - D for a rise (N + D for a fall), and P must
be D over that base.  "A against B a year earlier, a decline of D, or P%": P must be D over B.  Each figure is an interval (written precision, bounds), so the percentage
is only wrong when no values inside them give it.  One pass over each sentence's claims.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .. import fmt
from ..models import Claim, Finding
from .engine import Context
from .figmath import direction, finding, fits, span, unit_class

_BY = re.compile(r"\bby\s$", re.I)
_OR = re.compile(r",?\s(?:or\s)?(?:about\s|around\s|roughly\s|nearly\s|almost\s|some\s|approximately\s)?", re.I)
_TO = re.compile(r",?\s(?:to|at)\s", re.I)


def by_amount(ctx: Context, rule, sentences: list[list[Claim]]) -> Iterator[Finding]:
    """`sentences`: one document's claims by sentence, in text order."""
    for claims in sentences:
        text = ctx.docs[claims[0].mention.doc].text
        for d, p, n in zip(claims, claims[1:], claims[2:]):
            if p.mention.kind != "percent" or d.mention.kind not in ("money", "count", "quantity") \
                    or unit_class(d.mention) != unit_class(n.mention) and not _elided(d, n):
                continue
            if not (_BY.search(text, max(0, d.mention.start - 4), d.mention.start)
                    and fits(_OR, text, d.mention.end, p.mention.start) and fits(_TO, text, p.mention.end, n.mention.start)):
                continue
            sign = direction(text, d) or direction(text, p)  # (the verb is before the amount: "raised ... by")
            f = _check(ctx, rule, d, p, n, sign) if sign else None
            if f is not None:
                yield f


# "166.6 million against 173.3 million a year earlier, a decline of 6.7 million units, or 5.8%"
_AGAINST = re.compile(r"\s(?:against|compared\s(?:with|to)|versus|vs\.?)\s", re.I)
_CHANGE_OF = re.compile(r"(?:\s[\w'’-]{1,12}){0,4}?,\s(?:a|an)\s(?:[a-z-]{1,15}\s)?(?:decline|drop|fall|decrease|reduction|"
                        r"increase|rise|gain|jump|growth)\sof\s(?:about\s|around\s|roughly\s|nearly\s|some\s)?", re.I)


def against(ctx: Context, rule, sentences: list[list[Claim]]) -> Iterator[Finding]:
    """'A against B, a decline of D, or P%': P is D over the base B."""
    for claims in sentences:
        text = ctx.docs[claims[0].mention.doc].text
        for a, b, d, p in zip(claims, claims[1:], claims[2:], claims[3:]):
            if p.mention.kind != "percent" or d.mention.kind not in ("money", "count", "quantity") \
                    or unit_class(a.mention) != unit_class(b.mention) or (unit_class(d.mention) != unit_class(b.mention)
                                                                          and not _elided(d, b)):
                continue
            if fits(_AGAINST, text, a.mention.end, b.mention.start) and fits(_CHANGE_OF, text, b.mention.end, d.mention.start) \
                    and fits(_OR, text, d.mention.end, p.mention.start):
                f = _share(ctx, rule, d, p, b)
                if f is not None:
                    yield f


def _share(ctx: Context, rule, d: Claim, p: Claim, base: Claim) -> Finding | None:
    blo, bhi = span(base.mention)
    if not _off(rule, d, p, blo, bhi):
        return None
    why = (f"{fmt.mention(d.mention)} / {fmt.mention(base.mention)} = {100 * d.mention.value / base.mention.value:.3g}%, "
           f"but the text says {fmt.mention(p.mention)}")
    return finding(ctx, rule, "percent change does not match its amount and base", why,
                   [(p, "stated change"), (d, "change amount"), (base, "base")])


def _off(rule, d: Claim, p: Claim, base_lo: float, base_hi: float) -> bool:
    """Whether no amount and base inside their intervals give the stated percentage (within the
    rule's absolute tolerance, in points)."""
    (dlo, dhi), (plo, phi) = span(d.mention), span(p.mention)
    if base_lo <= 0 or dlo <= 0:
        return False
    lo, hi = 100 * dlo / base_hi, 100 * dhi / base_lo
    tol = rule.tolerance.absolute
    return not (plo <= hi + tol and phi >= lo - tol)


def _elided(d: Claim, n: Claim) -> bool:
    """'by 4 million units ... to 19 million': one of the two counts leaves the noun out."""
    return d.mention.kind == n.mention.kind == "count" and (n.mention.unit is None or d.mention.unit is None)


def _check(ctx: Context, rule, d: Claim, p: Claim, n: Claim, sign: int) -> Finding | None:
    (dlo, dhi), (nlo, nhi) = span(d.mention), span(n.mention)
    base_lo, base_hi = (nlo - dhi, nhi - dlo) if sign > 0 else (nlo + dlo, nhi + dhi)
    if not _off(rule, d, p, base_lo, base_hi):
        return None
    base = n.mention.value - sign * d.mention.value
    why = (f"{fmt.mention(d.mention)} on a base of {fmt.amount(base, n.mention.unit, n.mention.kind)} "
           f"({fmt.mention(n.mention)} {'-' if sign > 0 else '+'} {fmt.mention(d.mention)}) is "
           f"{100 * d.mention.value / base:.3g}%, but the text says {fmt.mention(p.mention)}")
    return finding(ctx, rule, "percent change does not match its amount and new level", why,
                   [(p, "stated change"), (d, "change amount"), (n, "new value")])
