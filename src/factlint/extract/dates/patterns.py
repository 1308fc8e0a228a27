"""The date patterns: one combined regex over every kind of date expression,
and the cheap trigger scans that say where to try it.

The alternatives are ordered longest/most specific first, so the longest
reading at a position wins.  The words come from words.py (rules/lexicon/dates.toml)."""
from __future__ import annotations

import re

from .words import (COUNT_PHRASES, DIRECTIONS, FUTURE, HALF_ORDINALS, LEAD, MONTH_ABBR, MONTH_OF_YEAR, MONTH_PARTS,
                    MONTH_SHIFT, MONTHS, NUM_WORDS, ORDINALS, QUARTER_ORDINALS, REL_WORDS, SMALL, SPAN_WORDS, TENS,
                    TODAY, UNIT_AFTER, VAGUE_COUNTS, WEEKDAY_ABBR, WEEKDAY_MODS, WEEKDAYS, YEAR_PARTS, alternation)

_Y = r"(?:19\d\d|20\d\d|2100)"
_END = r"(?![\w%]|[.,]\d)"  # a number ends here: not "2025.5", "2025,000", "2025%"
_MON = rf"(?:(?:{'|'.join(MONTHS)})\b|(?:{'|'.join(MONTH_ABBR)})\b\.?)"
_WD = rf"(?:{'|'.join(WEEKDAYS)})\b"
_WDA = rf"(?:{_WD}|(?:{'|'.join(WEEKDAY_ABBR)})\b\.?)"
# "twenty-one" is built; zero is never a count of days written in words.
_NUMW = (rf"(?:(?:{alternation(TENS)})(?:-(?:{alternation(SMALL[1:10])}))?"
         rf"|{alternation([w for w in SMALL if NUM_WORDS[w]] + list(COUNT_PHRASES) + VAGUE_COUNTS)})")
_NTH = "|".join(ORDINALS[::-1]) + r"|1[0-5](?:th)|[1-9](?:st|nd|rd|th)"
_YTAIL = rf"(?:,?\s{{1,3}}(?P<y>{_Y}){_END})?"
_PTAIL = (rf"(?:\s{{1,3}}(?:of\s{{1,3}})?(?:(?:the\s{{1,3}})?fiscal\s{{1,3}}(?:year\s{{1,3}})?)?(?P<y>{_Y}){_END}"
          r"|\s{1,3}of\s{1,3}(?P<rel>this|last|next|the)\s{1,3}year\b)?")

KINDS: list[tuple[str, str]] = [
    ("iso", rf"(?<![\d.$/-])(?P<y>{_Y})[-/](?P<m>1[0-2]|0?[1-9])[-/](?P<d>3[01]|[12]\d|0?[1-9])(?![\d]|[.,]\d)"),
    ("numeric", rf"(?<![\d.,$/-])(?:(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?:/|\s{{1,3}})(?P<y>{_Y})"
                rf"|(?P<c>[0-3]?\d)\.(?P<e>[01]?\d)\.(?P<y2>{_Y})){_END}"),
    ("between", rf"(?i:between|from)\s{{1,3}}(?P<a>{_Y})\s{{1,3}}(?i:and|to|through|until|till)\s{{1,3}}(?P<b>{_Y}){_END}"),
    ("pair", rf"(?<![\d.,$€£¥/-])(?P<fy>(?i:fiscal)\s{{1,3}}(?:(?i:year)\s{{1,3}})?|FY\s?)?(?P<a>{_Y})\s?[-–—/]\s?(?P<b>\d{{4}}|\d\d){_END}"),
    ("fy", rf"(?:FY\s?['’]?(?P<a>{_Y}|\d\d)|(?i:fiscal)\s{{1,3}}(?:(?i:year)\s{{1,3}})?(?P<b>{_Y})){_END}"),
    ("lunar", rf"(?:(?P<y1>{_Y})\s{{1,3}})?(?i:(?:the\s{{1,3}})?(?:(?P<nth>{_NTH})\s{{1,3}}day\s{{1,3}}of\s{{1,3}}(?:the\s{{1,3}})?)?"
              r"(?:(?:lunar|chinese)\s{1,3}new\s{1,3}year(?:['’]s)?|spring\s{1,3}festival)(?:\s{1,3}(?P<eve>eve|day))?)"
              rf"(?:(?:,\s{{0,3}}|\s{{1,3}}(?:of\s{{1,3}})?)(?P<y2>{_Y}){_END})?"),
    ("newyear", rf"(?i:new\s{{1,3}}year(?:['’]?s)?\s{{1,3}}(?P<k>eve|day)){_YTAIL}"),
    ("qcode", rf"(?:Q(?P<q>[1-4])(?:\s?['’](?P<yy>\d\d)|\s(?P<y>{_Y}))?|(?P<q2>[1-4])Q(?:\s?(?P<y2>{_Y})|(?P<yy2>\d\d))?){_END}"),
    ("hcode", rf"(?:H(?P<h>[12])(?:\s?['’](?P<yy>\d\d)|\s(?P<y>{_Y}))?|(?P<h2>[12])H(?:\s?(?P<y2>{_Y})|(?P<yy2>\d\d))){_END}"),
    ("qword", rf"(?i:(?:the\s{{1,3}})?(?:(?P<o>{alternation(QUARTER_ORDINALS)})|last(?=[\s-]{{1,3}}quarter\s{{1,3}}of\s))"
              rf"[\s-]{{1,3}}(?:fiscal[\s-]{{1,3}})?quarter(?![a-z]){_PTAIL})"),
    ("hword", rf"(?i:(?:the\s{{1,3}})?(?P<o>{alternation(HALF_ORDINALS)})[\s-]{{1,3}}half{_PTAIL})"),
    ("mquarter", rf"(?:(?i:the)\s{{1,3}})?(?P<mon>{_MON})[\s-]{{1,3}}(?i:quarter)(?:\s{{1,3}}(?:of\s{{1,3}})?(?P<y>{_Y}){_END})?"),
    ("mdy", rf"(?:(?P<wd>{_WDA}),?\s{{1,3}}(?:the\s{{1,3}})?)?(?P<mon>{_MON})\s{{0,3}}(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
            rf"(?:\s{{0,2}}(?:[-–]|to|through)\s{{0,2}}(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?(?![\w%]|[,.:]\d){_YTAIL}"),
    ("dmy", rf"(?:(?P<wd>{_WDA}),?\s{{1,3}})?(?:(?i:the)\s{{1,3}})?(?<![\w.,$€£¥/-])(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s{{1,3}}"
            rf"(?:(?i:of)\s{{1,3}})?(?P<mon>{_MON}){_YTAIL}"),
    ("monthspan", rf"(?P<mon>{_MON})\s{{0,2}}[-–]\s{{0,2}}(?P<mon2>{_MON})(?:,?\s{{1,3}}(?P<y>{_Y}){_END})?(?![\w-])"),
    ("monthyear", rf"(?P<mon>{_MON}),?\s{{1,3}}(?:(?i:of)\s{{1,3}})?(?P<y>{_Y}){_END}"),
    ("monthrel", rf"(?P<mon>{_MON})\s{{1,3}}(?i:of\s{{1,3}}(?:the\s{{1,3}})?"
                 rf"(?P<w>{alternation(MONTH_OF_YEAR)})\s{{1,3}}year\b)"),
    ("decade", r"(?<![$€£¥])(?P<y>(?:19|20)\d0)['’]?s\b"),
    ("reln", rf"(?<![.,$])(?i:(?P<n>\d{{1,3}}|{_NUMW})\s{{1,3}}(?P<u>minute|hour|day|week|month|year|decade)s?\s{{1,3}}"
             rf"(?P<dir>{alternation(DIRECTIONS)})\b)"),
    # "the first three months of 2025" is Q1, "the first six months of the year" H1, "the last
    # three months of 2024" Q4; before "span", which reads "the last three months" as a window.
    ("monthsof", rf"(?i:(?:the\s{{1,3}})?(?P<w>first|last|final)\s{{1,3}}(?P<n>three|six|nine|3|6|9)\s{{1,3}}months\s{{1,3}}of\s{{1,3}})"
                 rf"(?:(?P<y>{_Y}){_END}|(?i:the\s{{1,3}}year\b))"),
    ("span", rf"(?i:(?:the\s{{1,3}})?(?P<w>{alternation(SPAN_WORDS)})\s{{1,3}}(?P<n>\d{{1,3}}|{_NUMW})\s{{1,3}}"
             r"(?P<u>day|week|month|year|decade)s\b)"),
    # "the six months to June", "the three months ended September 30, 2024": the months up to the
    # end of that month (a quarter or a half when they make one).
    ("monthsto", rf"(?i:(?:the\s{{1,3}})?(?P<n>three|six|nine|3|6|9)[\s-]{{1,3}}months\s{{1,3}}(?:(?:that|which)\s{{1,3}})?"
                 rf"(?:ending|ended|ends|through|to|till|until)\s{{1,3}}(?:on\s{{1,3}})?(?:the\s{{1,3}}end\s{{1,3}}of\s{{1,3}})?)"
                 rf"(?:[0-3]?\d(?:st|nd|rd|th)?\s{{1,3}}(?i:of\s{{1,3}})?)?(?P<mon>{_MON})(?:\s{{0,3}}[0-3]?\d(?:st|nd|rd|th)?(?![\w%]|[.,:]\d))?"
                 rf"(?:,?\s{{1,3}}(?P<y>{_Y}){_END})?"),
    # "the year to 30 June 2025", "the fiscal year that ended on March 31, 2025", "the twelve months
    # to March 2026", "FY ended Mar 2025": the day only says which month the year ends in.
    ("fyend", rf"(?i:(?:the\s{{1,3}})?(?:(?:fiscal|financial|business)\s{{1,3}})?(?:year|FY|(?:twelve|12)[\s-]{{1,3}}months)\s{{1,3}}(?:(?:that|which)\s{{1,3}})?"
              rf"(?:ending|ended|ends|through|to|till|until)\s{{1,3}}(?:on\s{{1,3}})?(?:the\s{{1,3}}end\s{{1,3}}of\s{{1,3}})?)"
              rf"(?:[0-3]?\d(?:st|nd|rd|th)?\s{{1,3}}(?i:of\s{{1,3}})?)?(?P<mon>{_MON})(?:\s{{0,3}}[0-3]?\d(?:st|nd|rd|th)?(?![\w%]|[.,:]\d))?"
              rf"(?:,?\s{{1,3}}(?P<y>{_Y}){_END})?"),
    ("fullyear", r"(?i:(?:(?:for\s{1,3})?the\s{1,3}(?:full|whole|entire)[\s-]{1,3}year|full[\s-]year(?=\s))(?![\s-]{1,3}(?:of\s{1,3})?(?:FY)?\d{2,4}\b))\b"),
    ("relword", rf"(?i:(?:the\s{{1,3}})?(?P<w>{alternation(REL_WORDS)})\s{{1,3}}"
                r"(?P<u>day|week|month|quarter|year|decade)\b"
                rf"|the\s{{1,3}}(?P<u2>day|week|month|year)\s{{1,3}}(?P<w2>{alternation(UNIT_AFTER)})\b"
                rf"|(?P<t>{alternation(TODAY)})\b|(?P<t2>that)\s{{1,3}}day\b)"),
    ("weekday", rf"(?:(?P<m>(?i:{alternation(WEEKDAY_MODS)}))\s{{1,3}})?(?P<wd>{_WD})"
                rf"(?!,?\s{{1,3}}(?:the\s{{1,3}})?(?:{_MON}|\d))"),
    ("month", rf"(?:(?P<m>(?i:{alternation([*MONTH_SHIFT, *MONTH_PARTS])}))[\s-]{{1,2}})?(?P<mon>{_MON})(?![\s-]{{0,3}}\d)"),
    # (not a ticker: "Country Garden Holdings (2007.HK)")
    ("year", rf"(?<![\w$€£¥₹#.@/+-])(?<!\d,)(?:(?P<pre>(?i:{alternation(YEAR_PARTS)}))-)?(?P<y>{_Y})(?![\w%]|[.,]\d|\s?%|\.[A-Z]{{1,3}}\b)"),
]


def _combine(kinds: list[tuple[str, str]]) -> re.Pattern[str]:
    # Inner groups get a "<kind>__" prefix so names stay unique; the outer
    # group closes last, so Match.lastgroup names the kind that matched.
    alts = [f"(?P<{k}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<{k}__\1>", p) + ")" for k, p in kinds]
    return re.compile(r"\b(?:" + "|".join(alts) + ")")


SCAN = _combine(KINDS)


class Groups:
    """Inner groups of one combined-regex match, by their unprefixed names."""

    __slots__ = ("m", "p")

    def __init__(self, m: re.Match[str], kind: str):
        self.m, self.p = m, kind + "__"

    def __getitem__(self, name: str) -> str | None:
        return self.m.group(self.p + name)


# Trigger scans: plain literal alternations, which the regex engine skips through fast.
# "4Q25" and "1H26" trigger on their "Q2"/"H2"; the engine is slow on digit-led alternations.
_T_YEARS = re.compile(r"(?:19|20|21)\d\d")
_T_NAMES = re.compile("|".join([m[:3] for m in MONTHS] + [d[:3] for d in WEEKDAYS]) + "|Q[1-4]|H[12]|FY")
_UNITS = r"day|week|month|quarter|year|decade|half|hour|minute|tonight|tomorrow|festival"
_T_UNITS = re.compile(_UNITS)
_T_UNITS_I = re.compile(_UNITS, re.I)
_GAP = frozenset(" \t\n-/.")
_ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}
FUTURE_WORDS = re.compile(r"\b(?:" + alternation(FUTURE, r"\s+") + r")\b|'ll\b", re.I)
PREV_WORD = re.compile(r"([A-Za-z]+)[^\w\n]{0,3}\Z")
NEXT_WORD = re.compile(r"[ \t]{0,3}([A-Za-z]+)")
LUNAR_WORDS = re.compile(r"lunar|spring\s{1,3}festival|chinese\s{1,3}new\s{1,3}year", re.I)
# A year written as such: not part of a number, an amount or a model name.
WRITTEN_YEAR = re.compile(r"(?<![\w$€£¥.,-])(?:19|20)\d\d(?![\w%]|[.,]\d)")


def triggers(text: str) -> list[int]:
    """Offsets of the words every date expression contains (a year, a Q/H/FY
    code, a month or weekday name, a time unit); scanning only for these is
    what keeps extraction fast."""
    found = [m.start() for m in _T_YEARS.finditer(text)]
    found += [m.start() for m in _T_NAMES.finditer(text)]
    low = text.lower()
    if len(low) == len(text):  # lowercasing kept offsets (it does for all but a few scripts)
        found += [m.start() for m in _T_UNITS.finditer(low)]
    else:
        found += [m.start() for m in _T_UNITS_I.finditer(text)]
    found.sort()
    return found


def starts(text: str, i: int, lo: int) -> list[int]:
    """Where an expression around trigger i may start: the trigger's word and
    each lead word ("the", "last", "between", "nine", ...) running up to it."""
    ws = i
    while ws > lo and i - ws < 12 and text[ws - 1].isalnum():
        ws -= 1
    found = [ws]
    while len(found) < 6:
        e = found[-1]
        g = e
        while g > lo and e - g < 3 and text[g - 1] in _GAP:
            g -= 1
        b = g
        while b > lo and g - b < 12 and text[b - 1].isalnum():
            b -= 1
        if g == e or b == g or (b > 0 and text[b - 1].isalnum()):
            break
        word, gap = text[b:g].lower(), text[g:e]
        if word.isdigit():
            if len(word) > 3 or not (gap.isspace() or gap in {"/", "."}):
                break
        elif gap.strip(" \t\n-") or not (word in LEAD or word[:-2].isdigit() and word[-2:] in _ORDINAL_SUFFIXES):
            break
        found.append(b)
    found.reverse()
    return found
