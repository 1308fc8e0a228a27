"""Report dates: whether a date in a sentence is when something was reported ("On May 27th,
Bloomberg reported", "said Thursday it carried") rather than what a figure is about; and the
';'-separated part of a sentence a report frame runs over.  Used by period_choice."""
from __future__ import annotations

import re
from bisect import bisect_left

from ..models import Mention
from ..segment import Span
from .context import Context

REPORT = re.compile(
    r"\b(?:reported|reports|report|reportedly|said|says|announced|disclosed|revealed|according to|told|wrote|cited|estimated|published|stated)\b",
    re.I,
)


def segment(ctx: Context, sent: Span, i: int) -> tuple[int, int]:
    """The ';'-separated part of the sentence around offset i."""
    semis = ctx.scan(_SEMICOLON, sent).starts
    k = bisect_left(semis, i)
    return (semis[k - 1] + 1 if k else sent.start), (semis[k] if k < len(semis) else sent.end)


_SEMICOLON = re.compile(";")
_DIGIT = re.compile(r"\d")


# "reported in December 2025": a preposition makes the date the report's; "reported third-quarter revenue" does not.
# A reporting act: "according to trackers" names a source but does not date a report.
_REPORT_VERB = re.compile(r"\b(?:reported|reports|report|said|says|announced|disclosed|revealed|told|wrote|published|stated)\b", re.I)


_REPORT_BEFORE = re.compile(REPORT.pattern + r"\s(?:in|on|last|this|earlier)\s?$", re.I)


# AP style: "said Thursday it carried ...": a weekday straight after the verb dates the report.
_REPORT_WEEKDAY = re.compile(REPORT.pattern + r"\s(?:on\s)?$", re.I)


_WEEKDAY_WORD = re.compile(r"(?:last\s|this\s|on\s)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)\b", re.I)


_DATELINE_AFTER = re.compile(r"\s?\((?:Reuters|Bloomberg|AP|AFP|Xinhua|Caixin|Nikkei|Dow Jones)\)|\s?[-–—]\s")


_TRAILING_ON = re.compile(r"\bon\s(?:the\s)?$", re.I)


def is_report_date(ctx: Context, d: Mention, sent: Span) -> bool:
    """The date of a report, not of the figure (once per date):
    'On May 27th, Bloomberg reported ...', 'the FT reported in December 2025 that ...',
    '... reported 200+ billion on May 9th;'."""
    key = ("report-date", d.start, d.end, d.text, sent.start)
    if key not in ctx.memo:
        ctx.memo[key] = _reads_as_report_date(ctx, d, sent)
    return ctx.memo[key]


def _reads_as_report_date(ctx: Context, d: Mention, sent: Span) -> bool:
    text = ctx.doc.text
    seg_start, seg_end = segment(ctx, sent, d.start)
    if d.start - sent.start < 40 and _DATELINE_AFTER.match(text, d.end):
        return True  # "HONG KONG, Nov 18 (Reuters) -": the dateline
    window = text[d.end : min(d.end + 70, seg_end)]
    v = _REPORT_VERB.search(window)
    # Only a date that opens its part of the sentence ("On May 27th, Bloomberg reported"):
    # in "capex of $6 billion this year, the CFO said" the date is the figure's.
    if v is not None and not re.search(r"\d", window[: v.start()]) and not _digit_in(ctx, seg_start, d.start):
        return True
    if _REPORT_BEFORE.search(text, max(seg_start, d.start - 24), d.start):
        return True
    if _WEEKDAY_WORD.match(d.text) and _REPORT_WEEKDAY.search(text, max(seg_start, d.start - 24), d.start):
        return True
    return (not _WORD_CHAR.search(text, d.end, seg_end) and _TRAILING_ON.search(text, max(seg_start, d.start - 8), d.start) is not None
            and ctx.doc_scan(REPORT).first(seg_start, d.start) is not None)


_WORD_CHAR = re.compile(r"\w")


def _digit_in(ctx: Context, start: int, end: int) -> bool:
    digits = ctx.doc_scan(_DIGIT).starts
    k = bisect_left(digits, start)
    return k < len(digits) and digits[k] < end
