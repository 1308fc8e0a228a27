"""temporal and weekday: dates that contradict each other or the calendar.

  weekday vs date     "Tuesday, February 11, 2026" (February 11 is a Wednesday), with the
                      same day as other sources give it (kind weekday, a bucket per day)
  relative vs stated  "On May 11th ... Nine days later, on May 21st"
                      (a relative date immediately restated as an explicit one)

Relative dates are resolved by the extractor against the narrative's last
explicit date (else the publication date); a check is made only where the
text itself pins the same moment twice, so an unclear anchor is never
reported as an error in the article.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from datetime import date, timedelta

from ..extract.dates.anchor import year_from_publication
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


@register("temporal", scope="document")
def temporal(ctx: Context, rule):
    """The per-article part: a relative date restated."""
    for a in ctx.analyses:
        text = a.doc.text
        dates = [m for m in a.mentions if m.kind == "date" and m.period_start is not None]
        for prev, m in zip(dates, dates[1:]):
            if prev.relative and not m.relative and prev.granularity == Granularity.DAY:
                if not _RESTATE_GAP.match(text[prev.end : m.start]):
                    continue
                sents = ctx.sentence_index(a.doc.path)
                if sents.at(prev.start) != sents.at(m.start):
                    continue
                f = _restated(ctx, rule, prev, m, _Anchors.of(ctx, a.doc.path, dates))
                if f:
                    yield f


@register("temporal")
def temporal_across(ctx: Context, rule):
    """The cross-article part: the same figure dated twice."""
    days = rule.params.get("same_figure_days", 7)
    if days:
        yield from _same_figure(ctx, rule, days)


def _same_figure(ctx: Context, rule, days: int):
    """The same distinctive figure for the same entity, dated a few days apart by two sources
    ("sold for 1.08 million yuan on June 10" / "... on June 11"): one event, two dates.
    Only figures with three or more significant digits, and never prices, which do repeat.
    Each (entity, kind, unit, value) is a bucket checked on its own."""
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
        f = _dated_twice(ctx, rule, days, groups[key])
        if f is not None:
            yield f


def _dated_twice(ctx: Context, rule, days: int, claims: list) -> Finding | None:
    """One bucket: its earliest and latest date, a few days apart in two documents."""
    a = min(claims, key=lambda c: (c.period.start, c.id))
    b = max(claims, key=lambda c: (c.period.start, c.id))
    gap = (b.period.start - a.period.start).days
    if a.mention.doc == b.mention.doc or not 0 < gap <= days:
        return None
    why = (f"{a.mention.text!r} for {ctx.kb.entity_matcher.display(a.entity)} is dated {a.period.start.isoformat()} "
           f"in {a.mention.doc} and {b.period.start.isoformat()} in {b.mention.doc}: the same figure, {gap} day(s) apart")
    # The finding is about the dates, so it points at them, not at the (agreeing) figures.
    refs = [_date_ref(ctx, c) for c in (a, b)]
    return _finding(ctx, rule, why, refs) if all(refs) else None


def _date_ref(ctx: Context, c):
    """The date in the claim's sentence that gave its period: a slice of that document's dates."""
    for d in ctx.dates_from(c.mention.doc, c.sentence_start):
        if d.start >= c.sentence_end:
            break
        if d.period_start == c.period.start:
            return ctx.mention_ref(d, "date given")
    return None


class _Anchors:
    """A document's explicit dates by ISO day, in text order: where 'three days later' counts from."""

    def __init__(self, dates: list[Mention]):
        self._dates: dict[str, list[Mention]] = defaultdict(list)
        for d in dates:
            if not d.relative and d.period_start is not None:
                self._dates[d.period_start.isoformat()].append(d)
        self._starts = {k: [d.start for d in v] for k, v in self._dates.items()}

    @classmethod
    def of(cls, ctx: Context, path: str, dates: list[Mention]) -> _Anchors:
        return ctx.memo(("anchors", path), lambda: cls(dates))

    def last(self, iso: str, before: int) -> Mention | None:
        """The last such date (in text order) that ends by `before`."""
        dates = self._dates.get(iso, [])
        i = bisect_left(self._starts.get(iso, []), before)
        while i and dates[i - 1].end > before:
            i -= 1  # only dates that overlap `before` are stepped over
        return dates[i - 1] if i else None


def _significant(text: str) -> int:
    digits = re.sub(r"[^\d.]", "", text.split(" ")[0] if text[:1].isdigit() else re.sub(r"^\D+", "", text)).strip(".")
    whole, _, frac = digits.partition(".")
    return len(whole.lstrip("0").rstrip("0")) + len(frac) if frac else len(whole.strip("0"))


def day_dates(ctx: Context, path: str) -> list[Mention]:
    """A document's explicit day-precise dates, in text order."""
    return [m for m in ctx.dates_from(path, 0) if m.granularity == Granularity.DAY and not m.relative
            and m.period_start is not None]


@register("weekday")
def weekdays(ctx: Context, rule):
    """'Saturday 24 August' (a Sunday): wrong against the calendar, and so against the other
    sources that give the same day, which the finding cites (at most two, those that name the
    right weekday first).  Days are buckets: one pass over the dates, a few citations each."""
    by_day: dict[date, list[tuple[Mention, int | None]]] = defaultdict(list)
    for path in sorted(ctx.docs):
        text = ctx.docs[path].text
        for m in day_dates(ctx, path):
            by_day[m.period_start].append((m, written_weekday(text, m)))
    for day in sorted(by_day):
        entries = by_day[day]
        right = [e for e in entries if e[1] == day.weekday()][:3] + [e for e in entries if e[1] is None][:3]
        for m, said in entries:
            if said is None or said == day.weekday() or _other_year_fits(m, said):
                continue
            why = f"{day.isoformat()} is a {_WEEKDAYS[day.weekday()].title()}, but the text calls it {_WEEKDAYS[said].title()}"
            elsewhere = [o for o, _ in right if o.doc != m.doc][:2]
            if elsewhere:
                why += "; " + ", ".join(f"{o.doc} gives the same day as {o.text!r}" for o in elsewhere)
            # "Friday, August 23" (a Saturday) where another source has "Friday, August 22": the day
            # the weekday fits, which the other source gives with it
            fits = nearest_weekday(day, said)
            # (only one that names the weekday: a bare "April 1" elsewhere may be any other event)
            other = [o for o, w in by_day.get(fits, ()) if o.doc != m.doc and w == said][:1]
            if other:
                why += f"; {other[0].doc} gives {other[0].text!r} ({fits.isoformat()}, a {_WEEKDAYS[said].title()})"
            yield _finding(ctx, rule, why, [ctx.mention_ref(m, "date"), *(ctx.mention_ref(o, "same day elsewhere") for o in elsewhere),
                                            *(ctx.mention_ref(o, "the day the weekday fits, elsewhere") for o in other)])


def nearest_weekday(day: date, weekday: int) -> date:
    """The day within three of `day` that falls on `weekday`."""
    delta = (weekday - day.weekday()) % 7
    return day + timedelta(days=delta if delta <= 3 else delta - 7)


def written_weekday(text: str, m: Mention) -> int | None:
    inner = re.match(r"(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", m.text, re.I)
    wm = inner or _WEEKDAY_BEFORE.search(text, max(0, m.start - 16), m.start) or _WEEKDAY_AFTER.match(text[m.end : m.end + 16])
    return _weekday_index(wm.group("w")) if wm else None


def _other_year_fits(m: Mention, weekday: int) -> bool:
    """A yearless date's year is a guess ("due to end on Friday 22 November" read as next year):
    when the weekday fits the year before or after, the guess is wrong, not the text."""
    note = next((n for n in m.notes if n.startswith("year ") and " from publication date " in n), None)
    if note is None:
        return False
    # Only a weak guess: a date months away from the article's own date ("Friday 22 November"
    # read as next year in a December article); "Saturday, September 14" in an October article
    # is that September.
    try:
        published = date.fromisoformat(note.split(" from publication date ")[1][:10])
    except ValueError:
        return False
    if abs((m.period_start - published).days) <= 150:
        return False
    for dy in (-1, 1):
        try:
            if m.period_start.replace(year=m.period_start.year + dy).weekday() == weekday:
                return True
        except ValueError:  # 29 February, or past the calendar's ends
            continue
    return False


def _restated(ctx: Context, rule, rel: Mention, explicit: Mention, anchors: _Anchors) -> Finding | None:
    day: date = rel.period_start
    if explicit.period_start <= day <= explicit.period_end:
        return None
    if year_from_publication(explicit) and _shifted_fits(explicit, day):
        return None  # "a week later, on September 20": the yearless date's year was a guess; the count says which
    # The date it counts from is part of the evidence: "On June 26 ... Three days later, on June 30".
    anchor_iso = re.search(r"\((\d{4}-\d{2}-\d{2})\)", rel.anchor or "")
    anchor = anchors.last(anchor_iso.group(1), rel.start) if anchor_iso else None
    why = (f"'{rel.text}' from {rel.anchor or 'the anchor date'} gives {day.isoformat()}, "
           f"but the text then says '{explicit.text}' ({explicit.period_start.isoformat()}"
           + (f"..{explicit.period_end.isoformat()}" if explicit.period_end != explicit.period_start else "") + ")")
    refs = [ctx.mention_ref(rel, "relative date"), ctx.mention_ref(explicit, "stated date")]
    if anchor is not None:
        refs.insert(0, ctx.mention_ref(anchor, "counted from"))
    return _finding(ctx, rule, why, refs)


def _shifted_fits(m: Mention, day: date) -> bool:
    """Whether the yearless date, moved a year either way, holds the counted day."""
    for dy in (-1, 1):
        try:
            lo, hi = m.period_start.replace(year=m.period_start.year + dy), m.period_end.replace(year=m.period_end.year + dy)
        except ValueError:  # 29 February
            continue
        if lo <= day <= hi:
            return True
    return False


def _finding(ctx: Context, rule, why: str, refs) -> Finding:
    return Finding(
        rule=rule.id, kind="date-conflict", severity=rule.severity,
        message=(rule.message or "dates disagree: {why}").format_map({"why": why}),
        claims=refs, explanation=why,
    )
