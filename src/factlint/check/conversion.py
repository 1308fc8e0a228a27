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
import statistics
from collections import defaultdict

from .. import fmt, messages
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
    """Units of b's currency per unit of a's."""
    return b.mention.value / a.mention.value


@register("conversion")
def conversion(ctx: Context, rule):
    pairs = _pairs(ctx)
    by_doc: dict[tuple, list[tuple[Claim, Claim]]] = defaultdict(list)
    for a, b in pairs:
        by_doc[(a.mention.doc, a.mention.unit, b.mention.unit)].append((a, b))
    band = ctx.kb.rates.band + rule.tolerance.relative
    for a, b in pairs:
        if not a.mention.value or not b.mention.value:
            continue
        year = _year(a)
        table = ctx.kb.rates.convert(1.0, a.mention.unit, b.mention.unit, year)
        # The rate the document's other restatements imply (same pair of currencies, either direction).
        others = [_implied(x, y) for x, y in by_doc[(a.mention.doc, a.mention.unit, b.mention.unit)] if (x, y) != (a, b)]
        others += [1 / _implied(x, y) for x, y in by_doc[(a.mention.doc, b.mention.unit, a.mention.unit)]]
        doc_rate = statistics.median(others) if others else None
        other_lines = [x.mention.line for pair in (by_doc[(a.mention.doc, a.mention.unit, b.mention.unit)],
                                                   by_doc[(a.mention.doc, b.mention.unit, a.mention.unit)]) for x, _ in pair if x is not a]
        rates = [r for r in (table, doc_rate) if r]
        if not rates:
            continue
        stated = _implied(a, b)
        slack = band + _precision(a) + _precision(b)
        if any(abs(stated / r - 1) <= slack for r in rates):
            continue
        ref_rate = doc_rate or table
        expected = a.mention.value * ref_rate
        off = stated / ref_rate
        k = round(math.log10(off))
        slip = _SLIPS.get(abs(k)) if k and abs(off / 10**k - 1) <= slack else None
        direction = "too large" if off > 1 else "too small"
        basis = []
        if table:
            basis.append(f"table rate {table:.4g} {b.mention.unit}/{a.mention.unit} ({year or 'latest'})")
        if doc_rate:
            basis.append(messages.own_rate(doc_rate, b.mention.unit, a.mention.unit, other_lines))
        why = (f"{fmt.amount(a.mention.value, a.mention.unit)} x {ref_rate:.4g} = {fmt.amount(expected, b.mention.unit)}, "
               f"but the text says {fmt.amount(b.mention.value, b.mention.unit)}: "
               + (f"{slip} {direction}" if slip else f"{off:.2f} times the expected amount")
               + f" (using {' and '.join(basis)}; band ±{band:.0%})")
        yield Finding(
            rule=rule.id, kind="conversion", severity=rule.severity,
            message=(rule.message or "currency conversion does not hold: {why}").format_map({"why": why}),
            entity=ctx.kb.entity_matcher.display(a.entity) if a.entity else None, metric=a.metric,
            period=a.period.label if a.period else None,
            claims=[ctx.ref(a, "amount"), ctx.ref(b, "stated equivalent")], explanation=why,
        )


def _precision(c: Claim) -> float:
    """Relative width of a figure's own interval.  'approx.' beside a conversion excuses rounding,
    not a wrong rate: its widening counts for at most 2% on top of the rate band."""
    m = c.mention
    if m.low is None or m.high is None or not m.value:
        return 0.0
    width = (m.high - m.low) / 2 / abs(m.value)
    return min(width, 0.02) if m.bound.value == "approx" else width
