"""ordering: declared constraints between metrics of one entity and period.

A rule lists pairs `[lesser, greater]` of metric ids (daily active users <=
monthly active users, a floor <= a ceiling, a part <= its whole).  Two
figures break the constraint when even the lesser's smallest possible value
exceeds the greater's largest: written precision and bounds are respected,
so "over 50 million DAU" and "114 million MAU" pass.
"""
from __future__ import annotations

import math
from collections import defaultdict

from .. import fmt
from ..models import Claim, Finding
from .engine import Context, register


def _key(c: Claim) -> tuple:
    # Figures with no period only meet figures from the same document.
    unit = c.mention.unit if c.mention.kind == "money" else None  # counts differ in their noun by design
    return (c.entity, c.period.label if c.period else f"doc:{c.mention.doc}", c.mention.kind, unit)


@register("ordering")
def ordering(ctx: Context, rule):
    pairs = [tuple(p) for p in rule.params.get("pairs", [])]
    wanted = {m for p in pairs for m in p}
    groups: dict[tuple, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in ctx.claims:
        if c.entity and c.metric in wanted and c.mention.value is not None and c.role != "base" and c.equivalent_of is None:
            groups[_key(c)][c.metric].append(c)
    for key in sorted(groups, key=lambda k: tuple(map(str, k))):
        by_metric = groups[key]
        for lesser, greater in pairs:
            for a in by_metric.get(lesser, []):
                for b in by_metric.get(greater, []):
                    a_lo = a.mention.low if a.mention.low is not None else -math.inf
                    b_hi = b.mention.high if b.mention.high is not None else math.inf
                    if a_lo <= b_hi * (1 + rule.tolerance.relative) + rule.tolerance.absolute:
                        continue
                    names = ctx.kb.metric_by_id
                    ln, gn = (names[x].name if x in names else x for x in (lesser, greater))
                    why = (f"{ln} {fmt.mention(a.mention)} is larger than {gn} {fmt.mention(b.mention)}, "
                           f"but {ln} can never exceed {gn}")
                    yield Finding(
                        rule=rule.id, kind="ordering", severity=rule.severity,
                        message=(rule.message or "{why}").format_map({"why": why}),
                        entity=ctx.kb.entity_matcher.display(a.entity), metric=lesser,
                        period=a.period.label if a.period else None,
                        claims=[ctx.ref(a, lesser), ctx.ref(b, greater)], explanation=why,
                    )
