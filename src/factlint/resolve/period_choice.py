"""Period and as-of choice: when a figure is about and when it was said.  The period is
the nearest date in the clause, then the sentence, that is not the date of a report
("On May 27th, Bloomberg reported"); the as-of is that report date, else the
publication date.  Later figures for the same entity and metric keep a stated period."""
from __future__ import annotations

import re
from bisect import bisect_left

from ..extract.dates.anchor import year_from_publication
from ..models import Claim, Granularity, Mention, Period
from ..segment import Span
from .context import Context
from .report_dates import REPORT as _REPORT, is_report_date, segment

def report_of(ctx: Context, sent: Span, clause: Span, m: Mention) -> tuple[Mention | None, str | None]:
    """The date and source of a report the figure is given in."""
    # A report frame runs to the end of its ';'-separated part of the sentence.
    seg_start, seg_end = segment(ctx, sent, m.start)
    verb = ctx.doc_scan(_REPORT).first(seg_start, m.start)
    media = _last_media(ctx, seg_start, sent.end if verb is None else m.start)
    source = ctx.kb.entity_matcher.display(media.id) if media else None
    acc = ctx.scan(_ACCORDING, sent).first(sent.start, sent.end)
    if source is None and acc:
        source = acc.group(1)
    if verb is None:
        return None, source
    said, starts = _dated(ctx)[4:]
    frame = next((said[k] for k in range(bisect_left(starts, seg_start), bisect_left(starts, seg_end))
                  if said[k].end <= seg_end), None)
    return frame, source


# Not \b-bounded: searched in the sentence alone, as a slice of it.
_ACCORDING = re.compile(r"according to ([A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,4})")


def _last_media(ctx: Context, start: int, end: int):
    """The last media entity wholly inside [start, end)."""
    if "media" not in ctx.memo:
        media = [e for e in ctx.ents if e.type == "media"]
        ctx.memo["media"] = media, [e.start for e in media]
    media, starts = ctx.memo["media"]
    for k in range(bisect_left(starts, end) - 1, bisect_left(starts, start) - 1, -1):
        if media[k].end <= end:
            return media[k]
    return None


def period_of_figure(ctx: Context, m: Mention, sent: Span, clause: Span, report_date: Mention | None) -> Period | None:
    own = _clause_date(ctx, m, clause, sent, report_date)
    if own is not None:
        return _same_as_named(ctx, own, sent)
    # The nearest date of the clause, then the nearest of the sentence's dates this figure owns.
    best = _nearest_in_clause(ctx, m, clause, sent) or _nearest_owned(ctx, m, sent)
    if best:
        return _same_as_named(ctx, best, sent)
    if ctx.doc_scan(_END_OF_QUARTER).first(clause.start, clause.end):
        # "36.8 crore subscribers at the end of the quarter": the last month of the quarter last named,
        # so that it meets "38.2 crore at the end of June".
        earlier = _last_stated_before(ctx, m.start, _QUARTER)
        if earlier and earlier.period_end:
            end = earlier.period_end
            return Period(start=end.replace(day=1), end=end, granularity=Granularity.MONTH, label=end.strftime("%Y-%m"))
    for pattern, grains in ((_THE_QUARTER, _QUARTER), (_THE_YEAR, _YEARS), (_YEAR_END, _YEARS)):
        if ctx.doc_scan(pattern).first(clause.start, clause.end):
            # "delivered nearly 110,000 cars in the quarter", "brought in DKK 58.2 billion over the
            # twelve months": the quarter (year) the article last named.
            earlier = _last_stated_before(ctx, m.start, grains)
            if earlier:
                return period_of(earlier)
    return None


def _same_as_named(ctx: Context, d: Mention, sent: Span) -> Period:
    """'the same quarter' is the quarter the article last named, not today's; with 'a year
    earlier' in the sentence ("A year earlier the company had handed over 386,810 cars in the
    same quarter") it is that quarter a year before."""
    if not (d.relative and d.granularity in _SAME_GRAINS and _SAME.match(d.text)):
        if d.granularity in _SAME_GRAINS and d.period_start and d.period_end and year_from_publication(d) \
                and _OPENS_EARLIER.match(ctx.doc.text, sent.start, sent.end):
            # "A year earlier, third-quarter revenue was $165.6 billion": the quarter's year was
            # guessed from the publication date, and the sentence says it is a year before that
            return period_of(d.model_copy(update={"period_start": _year_before(d.period_start),
                                                  "period_end": _year_before(d.period_end)}))
        return period_of(d)
    named = _last_stated_before(ctx, d.start, (d.granularity,))
    if named is None or named.period_start is None or named.period_end is None:
        return period_of(d)
    if ctx.doc_scan(_YEAR_EARLIER).first(sent.start, sent.end):
        named = named.model_copy(update={"period_start": _year_before(named.period_start),
                                         "period_end": _year_before(named.period_end)})
    return period_of(named)


# A sentence that opens by saying it tells an earlier year ("A year earlier, third-quarter revenue
# was ..."); "up 38% from a year earlier" dates only the comparison, never the sentence's quarter.
_OPENS_EARLIER = re.compile(r"(?:(?:A|One)\syear\s(?:earlier|ago|before)|Last\syear|The\sprevious\syear|"
                            r"In\sthe\syear[-\s]earlier\s(?:quarter|period|half))\b")


def _year_before(d):
    return d.replace(year=d.year - 1, day=min(d.day, 28)) if (d.month, d.day) == (2, 29) else d.replace(year=d.year - 1)


# "its first profitable year since its 2020 listing", "up 40% since 2019": a start point, never
# the period a figure is about
_SINCE_BEFORE = re.compile(r"\bsince\s(?:(?:its|the|their|his|her|a|an)\s)?$", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s$", re.I)
_SAME = re.compile(r"(?i:the\s+same\s+)")
_SAME_GRAINS = (Granularity.QUARTER, Granularity.HALF, Granularity.MONTH)
_YEAR_EARLIER = re.compile(r"\b(?:a|one)\syear\s(?:earlier|ago|before)\b|\blast\syear\b|\bthe\sprevious\syear\b", re.I)


_QUARTER = (Granularity.QUARTER,)
_YEARS = (Granularity.YEAR, Granularity.FISCAL_YEAR)


def _last_stated_before(ctx: Context, end: int, grains: tuple[Granularity, ...]) -> Mention | None:
    """The last stated (not relative) date of one of these granularities, in the document's
    order, that ends by `end`."""
    key = ("stated", grains)
    if key not in ctx.memo:
        found = [d for d in ctx.dates if d.granularity in grains and not d.relative]
        ctx.memo[key] = found, [d.start for d in found]
    found, starts = ctx.memo[key]
    return next((found[k] for k in range(bisect_left(starts, end) - 1, -1, -1) if found[k].end <= end), None)


_END_OF_QUARTER = re.compile(r"\bat\sthe\send\sof\sthe\s(?:quarter|period)\b", re.I)
_THE_QUARTER = re.compile(r"\b(?:in|during|for|over)\sthe\s(?:same\s)?(?:quarter|three[\s-]month\speriod)\b", re.I)
_THE_YEAR = re.compile(r"\b(?:in|during|for|over)\sthe\s(?:(?:twelve|12)[\s-]months?|(?:full\s|whole\s)?year)\b"
                       r"(?!\s(?:before|earlier|ago|to|ended|ending|through|that|which)\b|['’-])", re.I)
# "stood at €55bn at year-end", "at the end of the year": the year the article last named
_YEAR_END = re.compile(r"\bat\s(?:the\s)?(?:year[\s-]end|end\sof\sthe\syear)\b", re.I)
_COMPARED_FIGURE = re.compile(r"\b(?:compared (?:with|to)|from|versus|vs\.?|than|against)\s(?:the\s|a\s)?(?:[A-Z]{0,3}[$€£¥])?\d", re.I)
_NEW_PREDICATE = re.compile(r",\s(?:and|but|while|whereas|although|though)\s(?:that\s)?", re.I)


def _behind_comparison(ctx: Context, m: Mention, d: Mention) -> bool:
    """'delivered 497,099 cars, compared with 462,890 in the same period last year':
    the date after a comparison figure is that figure's, not this one's."""
    if d.start < m.end or not d.relative:
        return False  # "... from $25.2 billion in the third quarter": a stated period covers both
    return ctx.doc_scan(_COMPARED_FIGURE).first(m.end, d.start) is not None


def _clause_date(ctx: Context, m: Mention, clause: Span, sent: Span, report_date: Mention | None) -> Mention | None:
    """In its clause a figure's date is the one right after it ("a $5 million seed round in 2022
    and an $18 million Series A in 2024"), else the one right before it, with no other figure between."""
    nxt = _next_separator(ctx, m, m.end, clause.end)
    after = _first_unbehind(ctx, m, clause, m.end, nxt)
    if after is not None:
        return after
    plain, starts = _dated(ctx)[:2]
    longest = ctx.memo["longest-date"]
    lo = bisect_left(starts, clause.start)
    for k in range(bisect_left(starts, m.start) - 1, lo - 1, -1):
        d = plain[k]  # the last in order that ends before the figure with no other figure between
        if d.end <= m.start and d.end <= clause.end and _next_separator(ctx, m, d.end, m.start) >= m.start:
            return d
        if d.end <= m.start and _separated(ctx, m, d.end + _BRACKET_WINDOW, m.start):
            # A figure no bracket excuses lies between this date and the figure, and so between
            # every earlier date ending no later; only a date reaching past this one's end is left.
            j = k - 1
            while j >= lo and plain[j].start + longest > d.end and plain[j].end <= d.end:
                j -= 1
            if j < lo or plain[j].end <= d.end:
                return None
    return None


# A figure right after a '(' restates the one before it ("1.2 trillion yen ($7.9 billion)"): it does not separate.
_BRACKET_WINDOW = 12


def _separators(ctx: Context) -> tuple[list[Mention], list[int]]:
    """Figures with no '(' in the 12 characters before them: each separates the figures around it."""
    if "separators" not in ctx.memo:
        text = ctx.doc.text
        seps = [f for f in ctx.figures if "(" not in text[max(0, f.start - _BRACKET_WINDOW) : f.start]]
        ctx.memo["separators"] = seps, [f.start for f in seps]
    return ctx.memo["separators"]


def _separates(text: str, f: Mention, a: int) -> bool:
    return "(" not in text[max(a, f.start - _BRACKET_WINDOW) : f.start]


def _next_separator(ctx: Context, m: Mention, a: int, limit: int) -> int:
    """The start of the first figure other than m in [a, limit) with no '(' between a (or the 12
    characters before it) and it; `limit` if there is none."""
    text = ctx.doc.text
    lo, hi = ctx.figures_from(a, min(limit, a + _BRACKET_WINDOW))
    for f in ctx.figures[lo:hi]:
        if f is not m and _separates(text, f, a):
            return f.start
    seps, starts = _separators(ctx)
    for k in range(bisect_left(starts, a + _BRACKET_WINDOW), len(seps)):
        if seps[k].start >= limit:
            break
        if seps[k] is not m:
            return seps[k].start
    return limit


def _separated(ctx: Context, m: Mention, a: int, limit: int) -> bool:
    """A figure other than m that separates whatever starts before a - 12 from limit."""
    seps, starts = _separators(ctx)
    for k in range(bisect_left(starts, a), len(seps)):
        if seps[k].start >= limit:
            return False
        if seps[k] is not m:
            return True
    return False


def _dated(ctx: Context) -> tuple[list[Mention], list[int], list[Mention], list[int], list[Mention], list[int]]:
    """The document's dates that are not a report's date, those of them that are not relative,
    and the report dates, each with their starts."""
    if "dated" not in ctx.memo:
        said = [d for d in ctx.dates if is_report_date(ctx, d, ctx.sents.span(d.start))]
        # "rose 68.5% from a year earlier to a record 9.21 trillion won": the time of a comparison
        # base that has no figure dates no figure
        plain = [d for d in ctx.dates if not is_report_date(ctx, d, ctx.sents.span(d.start))
                 and not (d.relative and _FROM_BEFORE.search(ctx.doc.text, max(0, d.start - 6), d.start))
                 and not _SINCE_BEFORE.search(ctx.doc.text, max(0, d.start - 20), d.start)]
        stated = [d for d in plain if not d.relative]
        ctx.memo["dated"] = (plain, [d.start for d in plain], stated, [d.start for d in stated],
                             said, [d.start for d in said])
        ctx.memo["longest-date"] = max((d.end - d.start for d in ctx.dates), default=0)
    return ctx.memo["dated"]


def _inside_dates(dates: list[Mention], starts: list[int], span: Span, frm: int):
    """Dates wholly inside span starting at or after frm, in order."""
    for k in range(bisect_left(starts, max(frm, span.start)), bisect_left(starts, span.end)):
        if dates[k].end <= span.end:
            yield dates[k]


def _first_unbehind(ctx: Context, m: Mention, span: Span, frm: int, to: int) -> Mention | None:
    """The first date inside span starting in [frm, to] that is not behind a comparison figure:
    once a relative date is, every later relative one is too, so the stated dates answer."""
    plain, starts, stated, stated_starts = _dated(ctx)[:4]
    first = next(_inside_dates(plain, starts, span, frm), None)
    if first is None or first.start > to:
        return None
    if not _behind_comparison(ctx, m, first):
        return first
    later = next(_inside_dates(stated, stated_starts, span, first.start), None)
    return later if later is not None and later.start <= to else None


def _nearest_in_clause(ctx: Context, m: Mention, clause: Span, sent: Span) -> Mention | None:
    """The clause's date nearest the figure (the earlier on a tie) that is no report's date
    and not behind a comparison."""
    plain, starts = _dated(ctx)[:2]
    left = None
    for k in range(bisect_left(starts, m.start) - 1, bisect_left(starts, clause.start) - 1, -1):
        d = plain[k]
        if d.end <= clause.end:
            if left is not None and d.start != left.start:
                break
            left = d  # the first in order of those starting where it does
        elif left is not None and d.start != left.start:
            break
    right = _first_unbehind(ctx, m, clause, m.start, clause.end)
    if left is None or (right is not None and right.start - m.start < m.start - left.start):
        return right
    return left


def _nearest_owned(ctx: Context, m: Mention, sent: Span) -> Mention | None:
    """Outside its clause the nearest of the sentence's dates the figure owns (_owns)."""
    owned, opening = _ownership(ctx, sent)
    # "..., and that Tencent would spend heavily in the fourth quarter": another statement's date
    candidates = [d for d in owned.get(id(m), ())
                  if not _behind_comparison(ctx, m, d)
                  and not (d.start >= m.end and ctx.doc_scan(_NEW_PREDICATE).first(m.end, d.start))]
    opener = opening.get(segment(ctx, sent, m.start)[0])  # before every figure of its part: neither filter applies
    if opener is not None and not any(d is opener for d in candidates):
        candidates.append(opener)
    order = ctx.memo["date-order"]
    return min(candidates, key=lambda d: (abs(d.start - m.start), order[id(d)]), default=None)


def _ownership(ctx: Context, sent: Span) -> tuple[dict[int, list[Mention]], dict[int, Mention]]:
    """Per sentence, once: the dates each figure is nearest to (no report's date), and per
    ';'-part the nearest date that opens it, before any of its figures."""
    key = ("owns", sent.start)
    if key in ctx.memo:
        return ctx.memo[key]
    if "date-order" not in ctx.memo:
        ctx.memo["date-order"] = {id(d): k for k, d in enumerate(ctx.dates)}
    plain, starts = _dated(ctx)[:2]
    lo, hi = ctx.figures_from(sent.start, sent.end)
    figures = ctx.figures[lo:hi]
    fig_starts = ctx.fig_starts[lo:hi]
    longest = max((f.end - f.start for f in figures), default=0)
    owned: dict[int, list[Mention]] = {}
    opening: dict[int, Mention] = {}
    for d in _inside_dates(plain, starts, sent, sent.start):
        seg_start, seg_end = segment(ctx, sent, d.start)
        i = bisect_left(fig_starts, seg_start)
        if i < len(figures) and figures[i].start < seg_end and figures[i].start > d.end:
            prev = opening.get(seg_start)
            if prev is None or d.start > prev.start:
                opening[seg_start] = d  # it opens its part: nearest to every figure of the part is the latest
        owner = _nearest_figure(figures, fig_starts, longest, d)
        if owner is not None:
            owned.setdefault(id(owner), []).append(d)
    ctx.memo[key] = owned, opening
    return owned, opening


def _nearest_figure(figures: list[Mention], starts: list[int], longest: int, d: Mention) -> Mention | None:
    """min(figures, key=(gap to d, start)): the first figure at or after d's end, or one before it."""
    gap = lambda f: f.start - d.end if f.start >= d.end else d.start - f.end  # noqa: E731
    k = bisect_left(starts, d.end)
    best = figures[k] if k < len(figures) else None
    best_key = (gap(best), best.start) if best is not None else None
    for j in range(k - 1, -1, -1):
        f = figures[j]
        if best_key is not None and d.start - (f.start + longest) > best_key[0]:
            break  # no figure starting earlier can end nearer
        key = (gap(f), f.start)
        if best_key is None or key <= best_key:
            best, best_key = f, key
    return best


def period_of(d: Mention) -> Period:
    g = d.granularity
    if d.period_start is None:
        return Period(granularity=g, label=f"{d.period_label} (year unknown)")
    if g == Granularity.YEAR:
        label = str(d.period_start.year)
    elif g == Granularity.FISCAL_YEAR:
        label = f"FY{d.period_end.year}"  # named by the year it ends in: "FY27" is April 2026 to March 2027
    elif g == Granularity.MONTH:
        label = d.period_start.strftime("%Y-%m")
    elif g == Granularity.QUARTER:
        label = f"{d.period_start.year}-Q{(d.period_start.month - 1) // 3 + 1}"
    elif g == Granularity.DAY:
        label = d.period_start.isoformat()
    else:
        label, g = _calendar_label(d.period_start, d.period_end, g)
    return Period(start=d.period_start, end=d.period_end, granularity=g, label=label)


def _calendar_label(start, end, g) -> tuple[str, Granularity]:
    """A span of whole calendar months reads as the period it is: 'July-September' is 2025-Q3,
    'January-June' is 2025-H1, so that every way of writing a period meets the others."""
    import calendar

    whole = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1] and start.year == end.year
    months = end.month - start.month + 1
    if whole and months == 12:
        return str(start.year), Granularity.YEAR
    if whole and months == 6 and start.month in (1, 7):
        return f"{start.year}-H{1 if start.month == 1 else 2}", Granularity.HALF
    if whole and months == 3 and start.month % 3 == 1:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}", Granularity.QUARTER
    if whole and months == 1:
        return start.strftime("%Y-%m"), Granularity.MONTH
    return f"{start.isoformat()}..{end.isoformat()}", g


def running_total(ctx: Context, start: int, end: int) -> bool:
    """'has now delivered more than 870,000 vehicles since it began production': a total that
    takes no period from the sentence before (rules/lexicon/frames.toml cumulative_words)."""
    return ctx.kb.frame_words.running_total.search(ctx.doc.text, start, end) is not None


def carry_periods(ctx: Context, claims: list[Claim]) -> None:
    """'its 2026 capex plan at 160 billion; then 200+ billion; then 470 billion': later
    figures for the same entity and metric in one sentence keep the stated period; and
    'carried 3.3 million passengers in July. Scoot carried 1.1 million passengers.':
    the next sentence of the paragraph about the same metric keeps it too."""
    last: dict[tuple, Period] = {}
    nearby: dict[tuple, tuple[Period, int]] = {}  # (paragraph, metric) -> (period, sentence index)
    for c in claims:
        if c.metric is None or c.role == "base":
            continue
        para, k = ctx.paras.at(c.sentence_start), ctx.sents.at(c.sentence_start)
        key = (c.sentence_start, c.entity, c.metric)
        if c.period is None and c.entity is not None and key in last:
            c.period = last[key]
        elif (c.period is not None and key in last and {"target", "targets", "goal", "goals"} & set(c.hedges)
              and c.period.granularity in (Granularity.DAY, Granularity.MONTH)
              and last[key].granularity in (Granularity.YEAR, Granularity.FISCAL_YEAR)):
            c.period = last[key]  # "a 2025 target of 350,000; in August he raised the goal to 380,000": August is when
        elif c.period is None and (para, c.metric) in nearby and nearby[(para, c.metric)][1] == k - 1 \
                and not running_total(ctx, c.sentence_start, c.sentence_end):
            c.period = nearby[(para, c.metric)][0]
        elif c.period is not None:
            if c.entity is not None:
                last[key] = c.period
            nearby[(para, c.metric)] = (c.period, k)
