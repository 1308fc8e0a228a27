"""arithmetic against the article's own record: a change whose base the sentence leaves out.

    "Net income climbed 17% to €4.2bn."  ...  | Net income | 4,232 | 3,789 |  (2024, 2023)
                                               4.2 / 3.789 - 1 = +10.8%, not +17%

A stated change linked to its new value ("climbed 17% to €4.2bn": the grammar tier's change-of
link), with no base or earlier figure in its sentence, is checked against the article's figure
for the same company and metric one year earlier (the same kind of period: a year, a quarter, a
half), wherever the article gives it: a table, a fact box, another paragraph.  Only canonical
metrics, only facts, one unit; the article's earlier figures must agree among themselves; a
change the sentence qualifies (organic, at constant currency, sequential, ...: rule param
`qualified_changes`) is never checked, because its base is not the reported figure.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..models import Claim, Finding, Granularity
from .engine import Context
from .figmath import change_finding, direction, hedged

_GRAINS = (Granularity.YEAR, Granularity.FISCAL_YEAR, Granularity.QUARTER, Granularity.HALF)


def changes_on_record(ctx: Context, rule, sentences: list[list[Claim]]) -> Iterator[Finding]:
    """`sentences`: one document's claims by sentence, in text order."""
    qualified = tuple(w.casefold() for w in rule.params.get("qualified_changes", []))
    by_id = {c.id: c for s in sentences for c in s}
    record: dict[tuple, list[Claim]] = {}  # (entity, metric, grain, period start) -> the article's figures
    for s in sentences:
        for c in s:
            key = _key(ctx, c)
            if key is not None:
                record.setdefault(key, []).append(c)
    for s in sentences:
        if any(c.role in ("base", "previous") for c in s):
            continue  # the sentence gives its own base: the in-sentence checks read it
        text = ctx.docs[s[0].mention.doc].text
        said = text[s[0].sentence_start : s[0].sentence_end].casefold()
        if any(w in said for w in qualified):
            continue
        for pc in s:
            new = _new_value(pc, by_id)
            key = _key(ctx, new) if new is not None else None
            if key is None:
                continue
            entity, metric, grain, start = key
            try:
                before = start.replace(year=start.year - 1)
            except ValueError:  # 29 February
                continue
            bases = [b for b in record.get((entity, metric, grain, before), []) if b.mention.unit == new.mention.unit]
            if not bases or len({b.mention.value for b in bases}) > 1:
                continue  # no earlier figure, or the article's own figures disagree (value agreement says so)
            sign = direction(text, pc)
            if sign != 0:
                f = change_finding(ctx, rule, pc, new, bases[0], sign, " (the base from the article's figure a year before)")
                if f is not None:
                    yield f


def _new_value(pc: Claim, by_id: dict[str, Claim]) -> Claim | None:
    """The figure a stated change is the change of ("rose 17% to €4.2bn"), if the reading linked it."""
    if pc.mention.kind != "percent" or pc.mention.value is None or pc.status != "fact" or hedged(pc) \
            or not (pc.metric or "").endswith("-change"):
        return None
    target = next((link.target for link in pc.links if link.type == "change-of"), None)
    return by_id.get(target) if target else None


def _key(ctx: Context, c: Claim) -> tuple[str, str, Granularity, date] | None:
    """Where a level figure sits in the article's record: company, canonical metric, kind of period, start."""
    m, p = c.mention, c.period
    if m.kind not in ("money", "count", "quantity") or m.value is None or c.status != "fact" or hedged(c) \
            or c.equivalent_of is not None or not c.entity or p is None or p.start is None or p.granularity not in _GRAINS:
        return None
    metric = c.metric or ""
    if metric.endswith("-change") or metric.split("@")[0] not in ctx.kb.metric_by_id:
        return None
    return c.entity, metric, p.granularity, p.start
