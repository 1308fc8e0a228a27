"""conversion: a currency figure restated in another currency.

"470 billion RMB (approx. $70 billion USD)" is checked against the dated
rate table in rules/lexicon/rates.toml (year of the figure's period, else
of its report, else the table's latest) and against the rate the document
itself implies through its other equivalents.  A restatement passes when it
is within the table's band (plus the figures' own precision and hedges) of
either rate.  Off by a power of ten is named: "10x too large".
"""
from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict

from .. import fmt, messages
from ..extract.currency import yen_written
from ..models import Claim, Finding
from .engine import Context, register

_SLIPS = {1: "10x", 2: "100x", 3: "1,000x (thousand/million mix-up)", 6: "a million times (million/trillion mix-up)"}


def _year(c: Claim) -> int | None:
    if c.period and c.period.start:
        return c.period.start.year
    return c.as_of.year if c.as_of else None


def _pairs(ctx: Context) -> list[tuple[Claim, Claim]]:
    out = []
    for c in ctx.claims:
        if c.equivalent_of and c.mention.kind == "money":
            src = ctx.claim_by_id.get(c.equivalent_of)
            if src is not None and src.mention.kind == "money" and src.mention.unit != c.mention.unit:
                out.append((src, c))
    return out


def _implied(a: Claim, b: Claim) -> float:
    """Units of b's currency per unit of a's.  A rate has no sign: a loss restated in another
    currency often drops its minus ("minus 7.9 billion yuan, about $1.1 billion")."""
    return abs(b.mention.value / a.mention.value)


@register("conversion", scope="document")
def conversion(ctx: Context, rule):
    pairs = [(a, b) for a, b in _pairs(ctx) if a.mention.value and b.mention.value]
    doc_rates = _DocRates(pairs)
    lines_of: dict[tuple, list[Claim]] = defaultdict(list)
    for x, y in pairs:
        lines_of[(x.mention.doc, x.mention.unit, y.mention.unit)].append(x)
    band = ctx.kb.rates.band + rule.tolerance.relative
    for a, b in pairs:
        year = _year(a)
        table = ctx.kb.rates.convert(1.0, a.mention.unit, b.mention.unit, year)
        # The rate the document's other restatements imply (same pair of currencies, either direction).
        doc_rate = doc_rates.median_without(a, b)
        # Where that rate comes from: the lines of a few other restatements (enough to find them).
        other_lines = [x.mention.line for key in ((a.mention.doc, a.mention.unit, b.mention.unit),
                                                  (a.mention.doc, b.mention.unit, a.mention.unit))
                       for x in lines_of.get(key, [])[:6] if x is not a][:5]
        given, rate_claim = _stated_rate(ctx, a, b)
        rates = [given] if given else [r for r in (table, doc_rate) if r]
        if not rates:
            continue
        stated = _implied(a, b)
        slack = band + precision(a) + precision(b)
        if any(abs(stated / r - 1) <= slack for r in rates) or _holds_read_otherwise(ctx, a, b, year, stated, slack):
            continue
        ref_rate = given or doc_rate or table
        expected = abs(a.mention.value) * ref_rate
        off = stated / ref_rate
        basis = []
        if given:
            basis.append(f"the rate the text states, {given:.4g} {b.mention.unit}/{a.mention.unit}")
        elif table:
            basis.append(f"table rate {table:.4g} {b.mention.unit}/{a.mention.unit} ({year or 'latest'})")
        if doc_rate and not given:
            basis.append(messages.own_rate(doc_rate, b.mention.unit, a.mention.unit, other_lines))
        why = (f"{fmt.amount(a.mention.value, a.mention.unit)} x {ref_rate:.4g} = {fmt.amount(expected, b.mention.unit)}, "
               f"but the text says {fmt.amount(b.mention.value, b.mention.unit)}: "
               + how_far(off, slack)
               + f" (using {' and '.join(basis)}; band ±{band:.0%})")
        yield Finding(
            rule=rule.id, kind="conversion", severity=rule.severity,
            message=(rule.message or "currency conversion does not hold: {why}").format_map({"why": why}),
            entity=ctx.kb.entity_matcher.display(a.entity) if a.entity else None, metric=a.metric,
            period=a.period.label if a.period else None,
            claims=[ctx.ref(a, "amount"), ctx.ref(b, "stated equivalent")]
            + ([ctx.ref(rate_claim, "stated rate")] if rate_claim is not None else []), explanation=why,
        )


def _holds_read_otherwise(ctx: Context, a: Claim, b: Claim, year: int | None, stated: float, slack: float) -> bool:
    """Whether the restatement holds at the table rate when an ambiguous symbol is read the
    other way ("¥370 billion (about $2.45 billion)" is yen, not yuan): the conversion then
    vouches for the other reading rather than showing an error.  Only '¥' is read by a guess
    (yen or yuan, from the text's words); '$' is USD unless written otherwise, and another
    dollar would excuse too many wrong conversions."""
    def readings(m):
        return [m.unit, *m.alternatives] if yen_written(m) else [m.unit]

    for src in readings(a.mention):
        for dst in readings(b.mention):
            if (src, dst) == (a.mention.unit, b.mention.unit):
                continue
            r = ctx.kb.rates.convert(1.0, src, dst, year)
            if r and abs(stated / r - 1) <= slack:
                return True
    return False


def _stated_rate(ctx: Context, a: Claim, b: Claim) -> tuple[float | None, Claim | None]:
    """Units of b's currency per unit of a's at the rate the text gives beside b ("at 0.91 francs
    to the dollar"), and the rate's figure; (None, None) when the text gives none."""
    for link in b.links:
        r = ctx.claim_by_id.get(link.target) if link.type == "rate" else None
        if r is None or not r.mention.value:
            continue
        if (r.mention.unit, link.words) == (a.mention.unit, b.mention.unit):
            return 1 / r.mention.value, r  # 0.91 francs per dollar: a dollar per 0.91 francs
        if (r.mention.unit, link.words) == (b.mention.unit, a.mention.unit):
            return r.mention.value, r
    return None, None


class _DocRates:
    """Per (document, currency, currency): the sorted rates its restatements imply, so the
    median of all but one restatement is an index lookup, not a re-scan of the others."""

    def __init__(self, pairs: list[tuple[Claim, Claim]]):
        by_key: dict[tuple, list[float]] = defaultdict(list)
        for a, b in pairs:
            r = _implied(a, b)
            by_key[(a.mention.doc, a.mention.unit, b.mention.unit)].append(r)
            by_key[(a.mention.doc, b.mention.unit, a.mention.unit)].append(1 / r)
        self._sorted = {k: sorted(v) for k, v in by_key.items()}

    def median_without(self, a: Claim, b: Claim) -> float | None:
        """statistics.median of the key's rates with (a, b)'s own taken out once."""
        rates = self._sorted[(a.mention.doc, a.mention.unit, b.mention.unit)]
        n = len(rates) - 1
        if n == 0:
            return None
        j = bisect_left(rates, _implied(a, b))

        def at(i: int) -> float:  # the i-th of the rates without index j
            return rates[i] if i < j else rates[i + 1]

        return at(n // 2) if n % 2 else (at(n // 2 - 1) + at(n // 2)) / 2


def how_far(off: float, slack: float) -> str:
    """How far a restatement is from the expected amount (`off`: stated / expected): a power-of-ten
    slip named ("10x too large"), else the ratio."""
    k = round(math.log10(off))
    slip = _SLIPS.get(abs(k)) if k and abs(off / 10**k - 1) <= slack else None
    return f"{slip} {'too large' if off > 1 else 'too small'}" if slip else f"{off:.2f} times the expected amount"


def precision(c: Claim) -> float:
    """Relative width of a figure's own interval.  'approx.' beside a conversion excuses rounding,
    not a wrong rate: its widening counts for at most 2% on top of the rate band."""
    m = c.mention
    if m.low is None or m.high is None or not m.value:
        return 0.0
    width = (m.high - m.low) / 2 / abs(m.value)
    return min(width, 0.02) if m.bound.value == "approx" else width
