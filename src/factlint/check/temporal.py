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
from ..segment import Index, sentences
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
        sents = None
        for m in dates:
            if m.granularity == Granularity.DAY and not m.relative:
                f = _weekday(ctx, rule, text, m)
                if f:
                    yield f
        for prev, m in zip(dates, dates[1:]):
            if prev.relative and not m.relative and prev.granularity == Granularity.DAY:
                if not _RESTATE_GAP.match(text[prev.end : m.start]):
                    continue
                sents = sents or Index(sentences(text))
                if sents.at(prev.start) != sents.at(m.start):
                    continue
                f = _restated(ctx, rule, prev, m, dates)
                if f:
                    yield f


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
