"""arithmetic across sentences: a change stated apart from the levels it is computed from.

    "Net profit reached 50.7 billion yuan. In 2023 the company had earned 44.1 billion
     yuan. Net profit was thus up 25%."                      50.7 / 44.1 - 1 = +15%

A stated change (a percent read as a change: "the drop of 17%", "was up 25%") with no
amount before it in its sentence, nor in its ';'-part, is checked against the last two amounts of the
two sentences just before it, when those two are unmistakably a
level and its earlier level: same unit, same entity and metric where known, facts (not
plans or forecasts), and dated so that one is before the other.  A change that points back
("That profit is up 14% on 2024's $32.4 billion") takes its base from its own sentence and
its new value from the sentence before.  Anything less certain is not checked.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from ..models import Claim, Finding
from .engine import Context
from .figmath import change_finding, direction, hedged, told_as_earlier, unit_class

WINDOW = 2  # sentences back, within the section
_SEMI = re.compile(";")
_AMOUNTS = ("money", "count", "quantity")


def changes_across(ctx: Context, rule, sentences: list[list[Claim]]) -> Iterator[Finding]:
    """`sentences`: one document's claims by sentence, in text order."""
    window: list[list[Claim]] = []
    previous: list[Claim] = []  # the sentence before's amounts, forecasts too
    last_end = None
    time_units = set(ctx.kb.frame_words.time_nouns)  # "in more than two years" is a time, not a level
    for k, claims in enumerate(sentences):
        first = claims[0]
        text = ctx.docs[first.mention.doc].text
        if last_end is not None and "\n#" in text[last_end : first.sentence_start]:
            window, previous = [], []  # a new section (not a new paragraph: wire copy gives every sentence its own)
        amounts = [c for c in claims if _level(c) and (c.mention.unit or "") not in time_units]
        # Per sentence, once: where its first amount starts and where its ';'-parts end.
        first_amount = next((c.mention.start for c in claims if c.mention.kind in _AMOUNTS), None)
        semis = [m.start() for m in _SEMI.finditer(text, first.sentence_start, first.sentence_end)]
        for i, pc in enumerate(claims):
            if not _own_amount(pc, first_amount, semis):
                f = _check(ctx, rule, text, pc, window)
            else:
                f = _told_back(ctx, rule, text, i, claims, previous) or _base_after(ctx, rule, text, i, claims, sentences[k + 1 : k + 1 + WINDOW])
            if f is not None:
                yield f
        window = [*window, amounts][-WINDOW:]
        previous = [c for c in claims if c.mention.kind in _AMOUNTS and c.mention.value and not hedged(c)
                    and c.equivalent_of is None and (c.mention.unit or "") not in time_units]
        last_end = first.sentence_end


_POINTS_BACK = re.compile(r"(?:That|This|It)(?:\s(?:figure|total|profit|number|amount|level))?\s(?:is|was|would\sbe|will\sbe)\s"
                          r"(?:up|down|higher|lower)\s(?:by\s)?")
_BASE_AFTER = re.compile(r"\s(?:from|on|over|compared\s(?:with|to)|versus)\s(?:[\w'’.-]{1,20}\s){0,4}?")


def _told_back(ctx: Context, rule, text: str, k: int, claims: list[Claim], previous: list[Claim]) -> Finding | None:
    """'... $36.0 billion after tax in 2025. That profit is up 14% on 2024's $32.4 billion': the
    change (claims[k]) takes its new value from the figure its sentence points back to, the last
    amount of the base's unit in the sentence before."""
    pc = claims[k]
    if not _is_change(pc) or not previous or not _POINTS_BACK.fullmatch(text, pc.sentence_start, pc.mention.start):
        return None
    base = claims[k + 1] if k + 1 < len(claims) else None
    if base is None or base.mention.kind not in _AMOUNTS or not _BASE_AFTER.fullmatch(text, pc.mention.end, base.mention.start):
        return None
    # "the 766 it delivered": a count that leaves its noun out is of the count before it
    elided = base.mention.kind == "count" and base.mention.unit is None
    new = next((c for c in reversed(previous) if unit_class(c.mention) == unit_class(base.mention)
                or (elided and c.mention.kind == "count")), None)
    sign = direction(text, pc)
    if new is None or sign == 0:
        return None  # (the base's actor is the anaphor's, whatever name the token tier put near it)
    return change_finding(ctx, rule, pc, new, base, sign, " (the new value from the sentence before)")


_NEW_THEN_CHANGE = re.compile(r",\s(?:up|down)\s$", re.I)


def _base_after(ctx: Context, rule, text: str, i: int, claims: list[Claim], after: list[list[Claim]]) -> Finding | None:
    """'Third-quarter revenue came in at $179.5 billion, up 5.8% ... A year earlier, third-quarter
    revenue was $165.6 billion': a change right after its new value, with no base in its
    sentence, takes its base from a sentence just after it that says it tells an earlier time
    and gives exactly one amount of the new value's unit and metric."""
    pc = claims[i]
    new = claims[i - 1] if i else None
    # (", up 5.8%" right after the amount says it is a change, whatever the frame read)
    if new is None or pc.mention.kind != "percent" or pc.mention.value is None or hedged(pc) or not _level(new) or new.metric is None \
            or not _NEW_THEN_CHANGE.fullmatch(text, new.mention.end, pc.mention.start) \
            or any(c.mention.kind in _AMOUNTS for c in claims[i + 1 :]):
        return None
    sign = direction(text, pc)
    for sentence in after:
        if "\n#" in text[pc.sentence_end : sentence[0].sentence_start]:
            return None  # another section
        same = [c for c in sentence if unit_class(c.mention) == unit_class(new.mention) and c.mention.value is not None]
        if not same:
            continue
        base = same[0]
        told = " " + text[base.sentence_start : base.sentence_end].casefold()  # (the cues start with a space)
        if len(same) != 1 or base.metric != new.metric or (base.entity and new.entity and base.entity != new.entity) \
                or not ctx.kb.frame_words.told_as_earlier(told) or sign == 0:
            return None
        return change_finding(ctx, rule, pc, new, base, sign, " (the base from the sentence after)")
    return None


def _own_amount(pc: Claim, first_amount: int | None, semis: list[int]) -> bool:
    """Whether an amount comes before the change in its sentence or stands in its ';'-part
    ("The drop of 17% was sharper than expected; a consensus pointed to about 390,000" has none).
    `first_amount`: where the sentence's first amount starts; `semis`: where its ';' stand."""
    j = bisect_left(semis, pc.mention.end)
    end = semis[j] if j < len(semis) else pc.sentence_end
    return first_amount is not None and first_amount < end


def _level(c: Claim) -> bool:
    m = c.mention
    return (m.kind in _AMOUNTS and m.value is not None and c.status == "fact" and not hedged(c)
            and c.equivalent_of is None and c.role not in ("part", "share", "base") and not (c.metric or "").endswith("-change"))


def _is_change(c: Claim) -> bool:
    if c.mention.kind != "percent" or c.mention.value is None or c.status != "fact" or hedged(c):
        return False
    return (c.metric or "").endswith("-change") or (c.frame is not None and c.frame.role.value == "change")


def _check(ctx: Context, rule, text: str, pc: Claim, window: list[list[Claim]]) -> Finding | None:
    if not _is_change(pc):
        return None
    sign = direction(text, pc)
    figures = [c for s in window for c in s]
    if sign == 0 or len(figures) < 2:
        return None
    a, b = figures[-2], figures[-1]
    # "delivered 336,681 vehicles ... had handed over 386,810 cars": counts of one metric
    one_count = a.mention.kind == b.mention.kind == "count" and a.metric is not None and a.metric == b.metric
    if unit_class(a.mention) != unit_class(b.mention) and not one_count:
        return None
    if a.entity and b.entity and a.entity != b.entity:
        return None
    metrics = {_base(c.metric) for c in (a, b) if c.metric}
    if (len(metrics) > 1 or not (a.metric and b.metric)) and not _same_doing(a, b):
        return None  # two different quantities, or one whose quantity was not read
    stated = _base(pc.metric)
    if stated and metrics and stated not in metrics and stated.lstrip("~") not in ctx.kb.frame_words.change_nouns:
        return None  # the change is of something else ("the dividend is raised by 4%")
    order = _earlier_later(ctx, a, b)
    if order is None:
        return None
    base, new = order
    return change_finding(ctx, rule, pc, new, base, sign, " (figures from the sentences before)")


def _same_doing(a: Claim, b: Claim) -> bool:
    """'produced 2,017 thousand tonnes of copper ... had produced 1,865 thousand tonnes': two
    figures the lexicon does not name, of one verb, are one quantity told twice."""
    fa, fb = a.frame, b.frame
    return (fa is not None and fb is not None and fa.predicate is not None and fa.predicate == fb.predicate
            and all((c.metric or "~").startswith("~") for c in (a, b)))


def _base(metric: str | None) -> str:
    return (metric or "").removesuffix("-change")


def _earlier_later(ctx: Context, a: Claim, b: Claim) -> tuple[Claim, Claim] | None:
    """(earlier, later) when their periods say which is which."""
    pa, pb = a.period, b.period
    if pa is not None and pb is not None and pa.start and pb.start and pa.end and pb.end:
        if pa.end < pb.start:
            return a, b
        if pb.end < pa.start:
            return b, a
        return None
    published = ctx.docs[a.mention.doc].published
    dated, undated = (a, b) if pa is not None and pa.end else (b, a) if pb is not None and pb.end else (None, None)
    if dated is None or undated.period is not None or published is None:
        return None
    if told_as_earlier(ctx, undated) and not told_as_earlier(ctx, dated):
        # "produced 2,017 thousand tonnes in the year to June ... In the previous financial year
        # the group had produced 1,865 thousand tonnes": the wording dates the undated one before
        return undated, dated
    # "reached 50.7 billion yuan. In 2023 it had earned 44.1 billion": the dated figure is a
    # past year's, the undated one the figure being reported.
    if dated.period.end < published.replace(year=published.year - 1, month=1, day=1):
        return dated, undated
    return None
