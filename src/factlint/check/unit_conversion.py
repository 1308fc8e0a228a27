"""unit-conversion: a quantity restated in another unit of its dimension.

"3.91 million ounces of gold (about 141 tonnes)" is converted with pint (troy ounces for
precious metals, extract.troy_ounces) and passes when the restatement is within the rule's
tolerance plus both figures' own precision; off by a power of ten is named.
"""
from __future__ import annotations

from .. import fmt, units
from ..models import Finding
from .conversion import how_far, precision
from .engine import Context, register


@register("unit-conversion", scope="document")
def unit_conversion(ctx: Context, rule):
    band = rule.tolerance.relative
    for b in ctx.claims:
        a = ctx.claim_by_id.get(b.equivalent_of) if b.equivalent_of else None
        if a is None or a.mention.kind != "quantity" or b.mention.kind != "quantity" or not a.mention.value:
            continue
        fa, fb = units.to_base(a.mention.unit or ""), units.to_base(b.mention.unit or "")
        if fa is None or fb is None or fa[1] != fb[1] or not b.mention.value:
            continue
        expected = abs(a.mention.value) * fa[0] / fb[0]
        off = abs(b.mention.value) / expected
        slack = band + precision(a) + precision(b)
        if abs(off - 1) <= slack:
            continue
        why = (f"{_n(a.mention.value)} {_name(a.mention.unit)} convert to {_n(expected)} {_name(b.mention.unit)}, "
               f"but the text says {_n(b.mention.value)}: {how_far(off, slack)} (band ±{slack:.0%})")
        yield Finding(
            rule=rule.id, kind="conversion", severity=rule.severity,
            message=(rule.message or "unit conversion does not hold: {why}").format_map({"why": why}),
            entity=ctx.kb.entity_matcher.display(a.entity) if a.entity else None, metric=a.metric,
            period=a.period.label if a.period else None,
            claims=[ctx.ref(a, "amount"), ctx.ref(b, "stated equivalent")], explanation=why,
        )


def _n(v: float) -> str:
    return fmt.number(v) if abs(v) >= 1e6 else f"{v:,.4g}"


def _name(unit: str | None) -> str:
    return (unit or "").replace("_", " ") + "s"
