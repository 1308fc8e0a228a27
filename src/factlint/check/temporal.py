"""temporal: dates in one text that contradict each other.

  weekday vs date     "Tuesday, February 11, 2026" (February 11 is a Wednesday)
  relative vs stated  "On May 11th ... Nine days later, on May 21st"
                      (a relative date immediately restated as an explicit one)

Relative dates are resolved by the extractor against the narrative's last
explicit date (else the publication date); a check is made only where the
text itself pins the same moment twice, so an unclear anchor is never
reported as an error in the article.
"""
from __future__ import annotations

import re
from datetime import date

from ..models import Finding, Granularity, Mention
from .engine import Context, register

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_BEFORE = re.compile(r"\b(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s{1,3}(?:the\s)?$", re.I)
_WEEKDAY_AFTER = re.compile(r"^\s?[,(]\s?(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
# A restatement is set off ("Nine days later, on May 20th"); "three days before New Year's Eve"
# names the anchor itself.
_RESTATE_GAP = re.compile(r"^\s?(?:,\s?(?:on|from|that is|i\.e\.|or)?|\s(?:on|from))\s?(?:the\s)?$", re.I)


def _weekday_index(word: str) -> int:
    w = word.lower()
    return next(i for i, name in enumerate(_WEEKDAYS) if name.startswith(w[:3]))


@register("temporal")
def temporal(ctx: Context, rule):
    for a in ctx.analyses:
        text = a.doc.text
        dates = [m for m in a.mentions if m.kind == "date" and m.period_start is not None]
        for m in dates:
            if m.granularity == Granularity.DAY and not m.relative:
                f = _weekday(ctx, rule, text, m)
                if f:
                    yield f
        for prev, m in zip(dates, dates[1:]):
            if prev.relative and not m.relative and prev.granularity == Granularity.DAY:
                if not _RESTATE_GAP.match(text[prev.end : m.start]):
                    continue
                sents = ctx.sentence_index(a.doc.path)
                if sents.at(prev.start) != sents.at(m.start):
                    continue
                f = _restated(ctx, rule, prev, m, dates)
                if f:
                    yield f
    days = rule.params.get("same_figure_days", 7)
    if days:
        yield from _same_figure(ctx, rule, days)


def _same_figure(ctx: Context, rule, days: int):
    """The same distinctive figure for the same entity, dated a few days apart by two sources
    ("sold for 1.08 million yuan on June 10" / "... on June 11"): one event, two dates.
    Only figures with three or more significant digits, and never prices, which do repeat."""
    groups: dict[tuple, list] = {}
    for c in ctx.claims:
        m = c.mention
        if (c.entity is None or m.value is None or m.kind not in ("money", "count") or c.period is None
                or c.period.start is None or c.period.granularity != Granularity.DAY or c.role == "base" or c.equivalent_of is not None):
            continue
        if ctx.kb.metric_matcher.dimension(c.metric) == "price" or _significant(m.text) < 3:
            continue
        groups.setdefault((c.entity, m.kind, m.unit, m.value), []).append(c)
    for key in sorted(groups, key=lambda k: tuple(map(str, k))):
        claims = sorted(groups[key], key=lambda c: (c.period.start, c.id))
        a, b = claims[0], claims[-1]
        gap = (b.period.start - a.period.start).days
        if a.mention.doc == b.mention.doc or not 0 < gap <= days:
            continue
        why = (f"{a.mention.text!r} for {ctx.kb.entity_matcher.display(a.entity)} is dated {a.period.start.isoformat()} "
               f"in {a.mention.doc} and {b.period.start.isoformat()} in {b.mention.doc}: the same figure, {gap} day(s) apart")
        # The finding is about the dates, so it points at them, not at the (agreeing) figures.
        refs = [_date_ref(ctx, c) for c in (a, b)]
        if all(refs):
            yield _finding(ctx, rule, why, refs)


def _date_ref(ctx: Context, c):
    for an in ctx.analyses:
        if an.doc.path != c.mention.doc:
            continue
        for d in an.mentions:
            if (d.kind == "date" and c.sentence_start <= d.start < c.sentence_end and d.period_start == c.period.start):
                return ctx.mention_ref(d, "date given")
    return None


def _significant(text: str) -> int:
    digits = re.sub(r"[^\d.]", "", text.split(" ")[0] if text[:1].isdigit() else re.sub(r"^\D+", "", text)).strip(".")
    whole, _, frac = digits.partition(".")
    return len(whole.lstrip("0").rstrip("0")) + len(frac) if frac else len(whole.strip("0"))


def _weekday(ctx: Context, rule, text: str, m: Mention) -> Finding | None:
    inner = re.match(r"(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", m.text, re.I)
    wm = inner or _WEEKDAY_BEFORE.search(text, max(0, m.start - 16), m.start) or _WEEKDAY_AFTER.match(text[m.end : m.end + 16])
    if not wm:
        return None
    said = _weekday_index(wm.group("w"))
    actual = m.period_start.weekday()
    if said == actual:
        return None
    why = f"{m.period_start.isoformat()} is a {_WEEKDAYS[actual].title()}, but the text calls it {wm.group('w').title()}"
    return _finding(ctx, rule, why, [ctx.mention_ref(m, "date")])


def _restated(ctx: Context, rule, rel: Mention, explicit: Mention, dates: list[Mention]) -> Finding | None:
    day: date = rel.period_start
    if explicit.period_start <= day <= explicit.period_end:
        return None
    # The date it counts from is part of the evidence: "On June 26 ... Three days later, on June 30".
    anchor_iso = re.search(r"\((\d{4}-\d{2}-\d{2})\)", rel.anchor or "")
    anchors = [d for d in dates if anchor_iso and d.end <= rel.start and not d.relative
               and d.period_start is not None and d.period_start.isoformat() == anchor_iso.group(1)]
    why = (f"'{rel.text}' from {rel.anchor or 'the anchor date'} gives {day.isoformat()}, "
           f"but the text then says '{explicit.text}' ({explicit.period_start.isoformat()}"
           + (f"..{explicit.period_end.isoformat()}" if explicit.period_end != explicit.period_start else "") + ")")
    refs = [ctx.mention_ref(rel, "relative date"), ctx.mention_ref(explicit, "stated date")]
    if anchors:
        refs.insert(0, ctx.mention_ref(anchors[-1], "counted from"))
    return _finding(ctx, rule, why, refs)


def _finding(ctx: Context, rule, why: str, refs) -> Finding:
    return Finding(
        rule=rule.id, kind="date-conflict", severity=rule.severity,
        message=(rule.message or "dates disagree: {why}").format_map({"why": why}),
        claims=refs, explanation=why,
    )
