"""Period and as-of choice: when a figure is about and when it was said.  The period is
the nearest date in the clause, then the sentence, that is not the date of a report
("On May 27th, Bloomberg reported"); the as-of is that report date, else the
publication date.  Later figures for the same entity and metric keep a stated period."""
from __future__ import annotations

import re

from ..models import Claim, Granularity, Mention, Period
from ..segment import Span
from .context import Context, inside

_REPORT = re.compile(
    r"\b(?:reported|reports|report|reportedly|said|says|announced|disclosed|revealed|according to|told|wrote|cited|estimated|published|stated)\b",
    re.I,
)


def report_of(ctx: Context, sent: Span, clause: Span, m: Mention) -> tuple[Mention | None, str | None]:
    """The date and source of a report the figure is given in."""
    text = ctx.doc.text
    # A report frame runs to the end of its ';'-separated part of the sentence.
    seg_start, seg_end = _segment(text, sent, m.start)
    verb = None
    for v in _REPORT.finditer(text, seg_start, m.start):
        verb = v
    source = None
    for e in ctx.ents_in(seg_start, sent.end if verb is None else m.start):
        if e.type == "media":
            source = ctx.kb.entity_matcher.display(e.id)
    acc = re.search(r"according to ([A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,4})", text[sent.start : sent.end])
    if source is None and acc:
        source = acc.group(1)
    if verb is None:
        return None, source
    frame = [d for d in ctx.dates if seg_start <= d.start and d.end <= seg_end and _is_report_date(text, d, sent)]
    return (frame[0] if frame else None), source


def _segment(text: str, sent: Span, i: int) -> tuple[int, int]:
    start = max(sent.start, text.rfind(";", sent.start, i) + 1)
    end = text.find(";", i, sent.end)
    return start, (end if end >= 0 else sent.end)


# "reported in December 2025": a preposition makes the date the report's; "reported third-quarter revenue" does not.
# A reporting act: "according to trackers" names a source but does not date a report.
_REPORT_VERB = re.compile(r"\b(?:reported|reports|report|said|says|announced|disclosed|revealed|told|wrote|published|stated)\b", re.I)


_REPORT_BEFORE = re.compile(_REPORT.pattern + r"\s(?:in|on|last|this|earlier)\s?$", re.I)


# AP style: "said Thursday it carried ...": a weekday straight after the verb dates the report.
_REPORT_WEEKDAY = re.compile(_REPORT.pattern + r"\s(?:on\s)?$", re.I)


_WEEKDAY_WORD = re.compile(r"(?:last\s|this\s|on\s)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)\b", re.I)


_DATELINE_AFTER = re.compile(r"\s?\((?:Reuters|Bloomberg|AP|AFP|Xinhua|Caixin|Nikkei|Dow Jones)\)|\s?[-–—]\s")


_TRAILING_ON = re.compile(r"\bon\s(?:the\s)?$", re.I)


def _is_report_date(text: str, d: Mention, sent: Span) -> bool:
    """The date of a report, not of the figure:
    'On May 27th, Bloomberg reported ...', 'the FT reported in December 2025 that ...',
    '... reported 200+ billion on May 9th;'."""
    seg_start, seg_end = _segment(text, sent, d.start)
    if d.start - sent.start < 40 and _DATELINE_AFTER.match(text, d.end):
        return True  # "HONG KONG, Nov 18 (Reuters) -": the dateline
    window = text[d.end : min(d.end + 70, seg_end)]
    v = _REPORT_VERB.search(window)
    # Only a date that opens its part of the sentence ("On May 27th, Bloomberg reported"):
    # in "capex of $6 billion this year, the CFO said" the date is the figure's.
    if v is not None and not re.search(r"\d", window[: v.start()]) and not re.search(r"\d", text[seg_start : d.start]):
        return True
    if _REPORT_BEFORE.search(text, max(seg_start, d.start - 24), d.start):
        return True
    if _WEEKDAY_WORD.match(d.text) and _REPORT_WEEKDAY.search(text, max(seg_start, d.start - 24), d.start):
        return True
    tail = text[d.end : seg_end]
    return (not re.search(r"\w", tail) and _TRAILING_ON.search(text, max(seg_start, d.start - 8), d.start) is not None
            and _REPORT.search(text, seg_start, d.start) is not None)


def period_of_figure(ctx: Context, m: Mention, sent: Span, clause: Span, report_date: Mention | None) -> Period | None:
    text = ctx.doc.text
    own = _clause_date(ctx, m, clause, sent, report_date)
    if own is not None:
        return period_of(own)
    for span in (clause, sent):
        best, best_key = None, None
        for d in ctx.dates:
            if d is report_date or not inside(span, d.start, d.end) or _is_report_date(text, d, sent):
                continue
            if _behind_comparison(ctx, m, d) or (span is sent and not _owns(ctx, m, d, sent)):
                continue
            if span is sent and d.start >= m.end and _NEW_PREDICATE.search(ctx.doc.text, m.end, d.start):
                continue  # "..., and that Tencent would spend heavily in the fourth quarter": another statement's date
            key = abs(d.start - m.start)
            if best_key is None or key < best_key:
                best, best_key = d, key
        if best:
            return period_of(best)
    if _END_OF_QUARTER.search(text, clause.start, clause.end):
        # "36.8 crore subscribers at the end of the quarter": the last month of the quarter last named,
        # so that it meets "38.2 crore at the end of June".
        earlier = [d for d in ctx.dates if d.end <= m.start and d.granularity == Granularity.QUARTER and not d.relative]
        if earlier and earlier[-1].period_end:
            end = earlier[-1].period_end
            return Period(start=end.replace(day=1), end=end, granularity=Granularity.MONTH, label=end.strftime("%Y-%m"))
    if _THE_QUARTER.search(text, clause.start, clause.end):
        # "delivered nearly 110,000 cars in the quarter": the quarter the article last named.
        earlier = [d for d in ctx.dates if d.end <= m.start and d.granularity == Granularity.QUARTER and not d.relative]
        if earlier:
            return period_of(earlier[-1])
    return None


_END_OF_QUARTER = re.compile(r"\bat\sthe\send\sof\sthe\s(?:quarter|period)\b", re.I)


_THE_QUARTER = re.compile(r"\b(?:in|during|for|over)\sthe\s(?:same\s)?(?:quarter|three[\s-]month\speriod)\b", re.I)


_COMPARED_FIGURE = re.compile(r"\b(?:compared (?:with|to)|from|versus|vs\.?|than|against)\s(?:the\s|a\s)?(?:[A-Z]{0,3}[$€£¥])?\d", re.I)


def _behind_comparison(ctx: Context, m: Mention, d: Mention) -> bool:
    """'delivered 497,099 cars, compared with 462,890 in the same period last year':
    the date after a comparison figure is that figure's, not this one's."""
    if d.start < m.end or not d.relative:
        return False  # "... from $25.2 billion in the third quarter": a stated period covers both
    return _COMPARED_FIGURE.search(ctx.doc.text, m.end, d.start) is not None


def _clause_date(ctx: Context, m: Mention, clause: Span, sent: Span, report_date: Mention | None) -> Mention | None:
    """In its clause a figure's date is the one right after it ("a $5 million seed round in 2022
    and an $18 million Series A in 2024"), else the one right before it, with no other figure between."""
    text = ctx.doc.text
    dates = [d for d in ctx.dates if inside(clause, d.start, d.end) and d is not report_date
             and not _is_report_date(text, d, sent) and not _behind_comparison(ctx, m, d)]
    # A bracketed restatement ("1.2 trillion yen ($7.9 billion) ... in fiscal 2027") does not separate.
    between = lambda a, b: any(a <= f.start < b and "(" not in text[max(a, f.start - 12) : f.start]  # noqa: E731
                               for f in ctx.figures if f is not m)
    after = [d for d in dates if d.start >= m.end and not between(m.end, d.start)]
    if after:
        return after[0]
    before = [d for d in dates if d.end <= m.start and not between(d.end, m.start)]
    return before[-1] if before else None


_NEW_PREDICATE = re.compile(r",\s(?:and|but|while|whereas|although|though)\s(?:that\s)?", re.I)


def _owns(ctx: Context, m: Mention, d: Mention, sent: Span) -> bool:
    """Outside its own clause a date belongs to the figure nearest to it, unless it
    opens the figure's part of the sentence ("In 2024, revenue was ... and it delivered ...")."""
    others = [f for f in ctx.figures if sent.start <= f.start < sent.end]
    seg_start, seg_end = _segment(ctx.doc.text, sent, d.start)
    if seg_start <= m.start < seg_end and all(f.start > d.end for f in others if seg_start <= f.start < seg_end):
        return True  # it opens this figure's part of the sentence
    gap = lambda f: f.start - d.end if f.start >= d.end else d.start - f.end  # noqa: E731
    return min(others, key=lambda f: (gap(f), f.start)) is m


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
        elif c.period is None and (para, c.metric) in nearby and nearby[(para, c.metric)][1] == k - 1:
            c.period = nearby[(para, c.metric)][0]
        elif c.period is not None:
            if c.entity is not None:
                last[key] = c.period
            nearby[(para, c.metric)] = (c.period, k)
