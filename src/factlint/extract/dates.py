"""Dates and periods, absolute and relative.

Cheap literal scans find trigger words every date expression contains (a
year, a month or weekday name, a time unit, a Q/H/FY code); one combined regex
is then tried only at the trigger and the lead words just before it ("the
first", "between", "nine").  Its alternatives are ordered longest/most specific
first, so the longest reading at a position wins, and spans never overlap.  A
small handler per kind turns a match into a Mention with an inclusive period,
or rejects it.

Relative expressions resolve against the publication date ("last year",
"3 hours ago", "on Tuesday") or, for narrative forms ("nine days later",
"the next day"), against the last explicit date written before them.
Yearless dates take their year from the publication date, preferring the
past as news does.  Nothing ever falls back to today's date.
"""
from __future__ import annotations

import calendar
from collections import Counter
import re
from collections.abc import Callable
from datetime import date, timedelta

from ..models import Granularity as Gr
from ..models import Mention

# A yearless date up to this far after publication is still this year's.
_SLACK = timedelta(days=7)
# "a year earlier" shifts a period written at most this many chars before it.
_PERIOD_REACH = 300

_MONTH_NUM = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {"sep": 9}
_WEEKDAY_NUM = {d.lower(): i for i, d in enumerate(calendar.day_abbr)}
# First day of the Lunar New Year.
_LUNAR = {
    2020: date(2020, 1, 25), 2021: date(2021, 2, 12), 2022: date(2022, 2, 1), 2023: date(2023, 1, 22),
    2024: date(2024, 2, 10), 2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6),
    2028: date(2028, 1, 26), 2029: date(2029, 2, 13), 2030: date(2030, 2, 3),
}
_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen twenty").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUM_WORDS = {w: i for i, w in enumerate(_SMALL)} | _TENS | {
    "a": 1, "an": 1, "a dozen": 12, "a couple of": 2, "couple of": 2, "half a": 0.5, "half an": 0.5}

# ---- pattern pieces -------------------------------------------------------
_Y = r"(?:19\d\d|20\d\d|2100)"
_END = r"(?![\w%]|[.,]\d)"  # a number ends here: not "2025.5", "2025,000", "2025%"
_MON = (r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
        r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)")
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_WDA = rf"(?:{_WD}|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\b\.?)"
_NUMW = (r"(?:half\s{1,3}an?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
         r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|one|two|three|four"
         r"|five|six|seven|eight|nine|a\s{1,3}dozen|a\s{1,3}couple\s{1,3}of|couple\s{1,3}of|a\s{1,3}few|few|several|dozens\s{1,3}of|a|an)")
_ORDINAL_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth"
_NTH_NUM = {w: i for i, w in enumerate(_ORDINAL_WORDS.split(), 1)}
_NTH = "|".join(_ORDINAL_WORDS.split()[::-1]) + r"|1[0-5](?:th)|[1-9](?:st|nd|rd|th)"
_YTAIL = rf"(?:,?\s{{1,3}}(?P<y>{_Y}){_END})?"
_PTAIL = (rf"(?:\s{{1,3}}(?:of\s{{1,3}})?(?:(?:the\s{{1,3}})?fiscal\s{{1,3}}(?:year\s{{1,3}})?)?(?P<y>{_Y}){_END}"
          r"|\s{1,3}of\s{1,3}(?P<rel>this|last|next|the)\s{1,3}year\b)?")

_KINDS: list[tuple[str, str]] = [
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
    ("qword", r"(?i:(?:the\s{1,3})?(?:(?P<o>first|second|third|fourth|final|1st|2nd|3rd|4th)|last(?=[\s-]{1,3}quarter\s{1,3}of\s))"
              rf"[\s-]{{1,3}}(?:fiscal[\s-]{{1,3}})?quarter(?![a-z]){_PTAIL})"),
    ("hword", rf"(?i:(?:the\s{{1,3}})?(?P<o>first|second|1st|2nd|latter|back)[\s-]{{1,3}}half{_PTAIL})"),
    ("mquarter", rf"(?:(?i:the)\s{{1,3}})?(?P<mon>{_MON})[\s-]{{1,3}}(?i:quarter)(?:\s{{1,3}}(?:of\s{{1,3}})?(?P<y>{_Y}){_END})?"),
    ("mdy", rf"(?:(?P<wd>{_WDA}),?\s{{1,3}}(?:the\s{{1,3}})?)?(?P<mon>{_MON})\s{{0,3}}(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
            rf"(?:\s{{0,2}}(?:[-–]|to|through)\s{{0,2}}(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?(?![\w%]|[,.:]\d){_YTAIL}"),
    ("dmy", rf"(?:(?P<wd>{_WDA}),?\s{{1,3}})?(?:(?i:the)\s{{1,3}})?(?<![\w.,$€£¥/-])(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s{{1,3}}"
            rf"(?:(?i:of)\s{{1,3}})?(?P<mon>{_MON}){_YTAIL}"),
    ("monthspan", rf"(?P<mon>{_MON})\s{{0,2}}[-–]\s{{0,2}}(?P<mon2>{_MON})(?:,?\s{{1,3}}(?P<y>{_Y}){_END})?(?![\w-])"),
    ("monthyear", rf"(?P<mon>{_MON}),?\s{{1,3}}(?:(?i:of)\s{{1,3}})?(?P<y>{_Y}){_END}"),
    ("monthrel", rf"(?P<mon>{_MON})\s{{1,3}}(?i:of\s{{1,3}}(?:the\s{{1,3}})?"
                 r"(?P<w>previous|prior|last|this|next|following|same|that)\s{1,3}year\b)"),
    ("decade", r"(?<![$€£¥])(?P<y>(?:19|20)\d0)['’]?s\b"),
    ("reln", rf"(?<![.,$])(?i:(?P<n>\d{{1,3}}|{_NUMW})\s{{1,3}}(?P<u>minute|hour|day|week|month|year|decade)s?\s{{1,3}}"
             r"(?P<dir>ago|later|earlier|after(?:wards?)?|before|prior|previously|hence|from\s{1,3}now)\b)"),
    ("span", rf"(?i:(?:the\s{{1,3}})?(?P<w>past|last|previous|preceding|next|coming|following)\s{{1,3}}(?P<n>\d{{1,3}}|{_NUMW})\s{{1,3}}"
             r"(?P<u>day|week|month|year|decade)s\b)"),
    ("fyend", rf"(?i:(?:the\s{{1,3}})?(?:(?:fiscal|financial|business)\s{{1,3}})?year\s{{1,3}}(?:ending|ended|through|to|till|until)\s{{1,3}}"
              rf"(?:the\s{{1,3}}end\s{{1,3}}of\s{{1,3}})?)(?P<mon>{_MON})(?:\s{{1,3}}(?P<y>{_Y}){_END})?"),
    ("fullyear", r"(?i:(?:(?:for\s{1,3})?the\s{1,3}(?:full|whole|entire)[\s-]{1,3}year|full[\s-]year(?=\s))(?![\s-]{1,3}(?:of\s{1,3})?(?:FY)?\d{2,4}\b))\b"),
    ("relword", r"(?i:(?:the\s{1,3})?(?P<w>last|next|this|past|previous|prior|following|coming|same|current|preceding)\s{1,3}"
                r"(?P<u>day|week|month|quarter|year|decade)\b"
                r"|the\s{1,3}(?P<u2>day|week|month|year)\s{1,3}(?P<w2>before|after|earlier|later)\b"
                r"|(?P<t>today|yesterday|tomorrow|tonight)\b|(?P<t2>that)\s{1,3}day\b)"),
    ("weekday", rf"(?:(?P<m>(?i:last|next|this\s{{1,3}}past|this\s{{1,3}}coming|this|coming|on))\s{{1,3}})?(?P<wd>{_WD})"
                rf"(?!,?\s{{1,3}}(?:the\s{{1,3}})?(?:{_MON}|\d))"),
    ("month", rf"(?:(?P<m>(?i:last|next|this|early|mid|late))[\s-]{{1,2}})?(?P<mon>{_MON})(?![\s-]{{0,3}}\d)"),
    ("year", rf"(?<![\w$€£¥₹#.@/+-])(?<!\d,)(?:(?P<pre>(?i:mid|early|late|end))-)?(?P<y>{_Y})(?![\w%]|[.,]\d|\s?%)"),
]


def _combine(kinds: list[tuple[str, str]]) -> re.Pattern[str]:
    # Inner groups get a "<kind>__" prefix so names stay unique; the outer
    # group closes last, so Match.lastgroup names the kind that matched.
    alts = [f"(?P<{k}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<{k}__\1>", p) + ")" for k, p in kinds]
    return re.compile(r"\b(?:" + "|".join(alts) + ")")


_SCAN = _combine(_KINDS)
# Trigger scans: plain literal alternations, which the regex engine skips through fast.
# "4Q25" and "1H26" trigger on their "Q2"/"H2"; the engine is slow on digit-led alternations.
_T_YEARS = re.compile(r"(?:19|20|21)\d\d")
_T_NAMES = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Q[1-4]|H[12]|FY")
_UNITS = r"day|week|month|quarter|year|decade|half|hour|minute|tonight|tomorrow|festival"
_T_UNITS = re.compile(_UNITS)
_T_UNITS_I = re.compile(_UNITS, re.I)
_GAP = frozenset(" \t\n-/.")
# Words that may open an expression before its trigger word.
_LEAD = set("""the a an last next this past previous prior following coming same current preceding between from
fiscal first second third fourth final latter back on early mid late end that new lunar chinese spring few several
couple dozens dozen of half 1q 2q 3q 4q 1h 2h for full whole entire financial business""".split()) | set(_SMALL) | set(_TENS) | set(_NTH_NUM)
_ORDINALS = {"st", "nd", "rd", "th"}
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|scheduled|slated|set\s+to|expected|expects?|due|plans?|planned|planning|upcoming|"
    r"forthcoming|ahead\s+of|aims?\s+to|intends?\s+to)\b|'ll\b", re.I)
_PREV_WORD = re.compile(r"([A-Za-z]+)[^\w\n]{0,3}\Z")
_NEXT_WORD = re.compile(r"[ \t]{0,3}([A-Za-z]+)")
_LUNAR_WORDS = re.compile(r"lunar|spring\s{1,3}festival|chinese\s{1,3}new\s{1,3}year", re.I)
_PRONOUNS = {"that", "this", "then", "which", "it"}
_MONTH_PREPS = {"in", "by", "since", "until", "till", "through", "from", "to", "during", "of", "before", "after",
                "between", "and", "or", "end", "beginning", "start", "throughout", "for", "early", "late", "mid",
                "as", "on", "the", "last", "next", "this", "each", "every"}
_STRONG_PREPS = {"in", "since", "until", "till", "during", "by", "before", "after", "through", "throughout"}
# A year followed by one of these is a count or an amount ("2026 people", "2025 million").
_COUNTED = set("""people persons employees staff workers jobs units vehicles cars users customers subscribers
shares stores shops sites homes houses points votes seats pieces items tons tonnes barrels km kilometers kilometres
miles meters metres feet kg mw gw mwh gwh kwh yuan dollars euros yen won rupees pounds francs million billion
trillion thousand bn mn hours minutes seconds days weeks months years times percent per patients cases deaths
students children troops soldiers companies firms planes aircraft ships chips gpus devices phones copies households
families residents visitors tourists passengers flights trains buses beds rooms members participants applicants
respondents contracts orders downloads views likes followers words pages characters lines rmb usd hkd cny eur gbp jpy
krw inr tokens""".split())
# Tokens that make a following four-digit number a model or product number ("RTX 2080").
_MODEL_PREFIX = {"RTX", "GTX", "RX", "GT", "Radeon", "GeForce", "Snapdragon", "Exynos", "Dimensity", "Helio",
                 "Kirin", "Ryzen", "Xeon", "Core", "Boeing", "Airbus", "Model", "Series", "No", "Number", "Room",
                 "Flight", "Route", "Highway", "Page", "Item", "Part", "Article", "Section", "Rule", "Chapter",
                 "Version", "Type", "Class", "Unit", "Gate", "Platform", "Lot", "Case", "Form"}
# All-caps names that a year does follow.
_EVENTS = {"CES", "MWC", "IFA", "COP", "AGM", "WWDC", "GTC"}
# "Black Friday" is not the most recent Friday.
_NAMED_DAYS = {"black", "cyber", "good", "super", "ash", "holy", "maundy", "easter", "giving", "bloody", "manic"}


# ---- calendar helpers -----------------------------------------------------
def _month(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _quarter(y: int, q: int) -> tuple[date, date]:
    return date(y, 3 * q - 2, 1), _month(y, 3 * q)[1]


def _half(y: int, h: int) -> tuple[date, date]:
    return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))


def _year(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


def _week(d: date) -> tuple[date, date]:
    mon = d - timedelta(days=d.weekday())
    return mon, mon + timedelta(days=6)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + m - 1 + n
    return k // 12, k % 12 + 1


def _shift_years(m: Mention, n: int) -> tuple[date, date, Gr]:
    """The same period n years later (negative: earlier)."""
    s, e, g = m.period_start, m.period_end, m.granularity
    if g == Gr.MONTH:
        return (*_month(s.year + n, s.month), g)
    if g in (Gr.QUARTER, Gr.HALF, Gr.YEAR, Gr.FISCAL_YEAR):  # start on the 1st, end on a month's last day
        return date(s.year + n, s.month, 1), _month(e.year + n, e.month)[1], g
    return (*_year(s.year + n), Gr.YEAR)


def _yy(two: str) -> int:
    return 2000 + int(two)


def _num(word: str) -> float | None:
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    if w in _NUM_WORDS:
        return _NUM_WORDS[w]
    tens, _, unit = w.partition("-")
    if tens in _TENS and unit in _NUM_WORDS:
        return _TENS[tens] + _NUM_WORDS[unit]
    return None  # a few, several, dozens of: too vague to place


def _iso(d: date | None) -> str:
    return d.isoformat() if d else "?"


class _Groups:
    """Inner groups of one combined-regex match, by their unprefixed names."""

    __slots__ = ("m", "p")

    def __init__(self, m: re.Match[str], kind: str):
        self.m, self.p = m, kind + "__"

    def __getitem__(self, name: str) -> str | None:
        return self.m.group(self.p + name)


class _Extractor:
    def __init__(self, text: str, published: date | None):
        self.text, self.pub = text, published
        self.out: list[Mention] = []
        self.last_day: Mention | None = None  # last explicit day: anchor of narrative days
        self.last_abs: Mention | None = None  # last explicit date of any granularity but range
        self.last_written: Mention | None = None  # last_abs with a year written in the text
        self._lunar_text: bool | None = None

    # -- mention builders
    def add(self, s: int, e: int, period: tuple[date, date] | None, g: Gr | None, note: str | None = None,
            anchor: str | None = None, relative: bool = False, label: str | None = None,
            inferred: bool = False) -> Mention:
        """Record a mention; `inferred`: its year came from the publication date."""
        m = Mention(
            doc="", start=s, end=e, text=self.text[s:e], kind="date",
            period_start=period[0] if period else None, period_end=period[1] if period else None,
            granularity=g, period_label=None if period else label, relative=relative,
            anchor=anchor if period else None, notes=[note] if note else [])
        self.out.append(m)
        if period and not relative and g is not None:
            if g == Gr.DAY:
                self.last_day = m
            if g != Gr.RANGE:
                self.last_abs = m
                if not inferred:
                    self.last_written = m
        return m

    def rel(self, s: int, e: int, compute: Callable[[date], tuple[date, date]], g: Gr, base: Mention | None,
            note: str) -> None:
        """A relative mention computed from an anchor mention's start, else publication."""
        if base is not None:
            origin, anchor = base.period_start, f"'{base.text}' ({_iso(base.period_start)})"
        elif self.pub is not None:
            origin, anchor = self.pub, f"published {self.pub.isoformat()}"
        else:
            self.add(s, e, None, g, "unresolved: no anchor date and no publication date", relative=True)
            return
        try:
            period = compute(origin)
        except (ValueError, OverflowError):
            self.add(s, e, None, g, f"unresolved: out of calendar range from {anchor}", relative=True)
            return
        self.add(s, e, period, g, note, anchor, relative=True)

    # -- context
    def prev_word(self, i: int) -> str:
        m = _PREV_WORD.search(self.text, max(0, i - 24), i)
        return m.group(1) if m else ""

    def next_word(self, i: int) -> str:
        m = _NEXT_WORD.match(self.text, i)
        return m.group(1).lower() if m else ""

    def future(self, i: int) -> bool:
        """Future wording ("will", "expected", "until") earlier in the same clause."""
        lo = max(0, i - 60)
        window = self.text[lo:i]
        # A ';' or a comma ends the clause: "... its 2026 plan at 160 billion; on May 9th, X reported"
        cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("? "), window.rfind("! "), window.rfind(";"), window.rfind(", "))
        return _FUTURE.search(window, cut + 1) is not None

    def lunar_text(self) -> bool:
        if self._lunar_text is None:
            self._lunar_text = _LUNAR_WORDS.search(self.text) is not None
        return self._lunar_text

    def yearless(self, s: int, e: int, make: Callable[[int], tuple[date, date]], gr: Gr, extra: str = "") -> None:
        """A date or period written without a year: publication year, or the year
        before if that would put it in the future (next year under future wording).
        With no publication date it keeps a year-free label ("02-20", "Q4")."""
        period, why = self.infer(s, make)
        label = None
        if period is None:
            ps, pe = make(2000)  # a leap year: every written day exists
            label = {Gr.DAY: f"{ps:%m-%d}", Gr.MONTH: f"{ps:%m}", Gr.QUARTER: f"Q{(ps.month + 2) // 3}",
                     Gr.HALF: f"H{(ps.month + 5) // 6}", Gr.RANGE: f"{ps:%m-%d}..{pe:%m-%d}",
                     Gr.FISCAL_YEAR: f"FY to {pe:%m}"}[gr]
        self.add(s, e, period, gr, why + extra, label=label, inferred=True)

    def text_year(self) -> int | None:
        """For an undated article: the year it names most often ("the 2026 Spring Festival Gala")."""
        if not hasattr(self, "_text_year"):
            years = Counter(int(m.group(0)) for m in _WRITTEN_YEAR.finditer(self.text))
            self._text_year = max(years, key=lambda y: (years[y], y)) if years else None
        return self._text_year

    def infer(self, s: int, make: Callable[[int], tuple[date, date]]) -> tuple[tuple[date, date] | None, str]:
        p = self.pub
        if p is None:
            y = self.text_year()
            if y is None:
                return None, "unresolved: no year written and no publication date"
            try:
                return make(y), f"year {y}: no publication date; the year this text names most"
            except ValueError:
                return None, f"unresolved: no such date in {y}"
        fut = self.future(s)
        y = p.year
        try:
            ps, pe = make(y)
            if fut and pe < p - _SLACK:
                y += 1
            elif not fut and ps > p + _SLACK:
                y -= 1
            period = make(y)
        except ValueError:
            return None, f"unresolved: no such date in {y}"
        why = "future wording" if fut else "past preferred"
        return period, f"year {y} from publication date {p.isoformat()} ({why})"

    def lunar_year(self, y: str | None, s: int) -> tuple[int | None, str]:
        if y:
            return int(y), f"year {y} as written"
        near = self.last_written
        if near is not None and s - near.end <= 80:
            return near.period_start.year, f"year {near.period_start.year} from nearby '{near.text}'"
        if self.pub is None:
            y = self.text_year()
            if y in _LUNAR:
                return y, f"year {y}: no publication date; the year this text names most"
            return None, "unresolved: no year written and no publication date"
        best = min(_LUNAR, key=lambda k: abs((_LUNAR[k] - self.pub).days))
        return best, f"year {best}: the Lunar New Year nearest publication date {self.pub.isoformat()}"

    # -- handlers: each adds at most one mention
    def iso(self, g: _Groups, s: int, e: int) -> None:
        self.day(s, e, int(g["y"]), int(g["m"]), int(g["d"]), "ISO date")

    def numeric(self, g: _Groups, s: int, e: int) -> None:
        if g["a"]:
            a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
            if a > 12 >= b:
                self.day(s, e, y, b, a, "read as day/month: first number exceeds 12")
            else:
                self.day(s, e, y, a, b, "read as month/day (US order)")
        else:
            self.day(s, e, int(g["y2"]), int(g["e"]), int(g["c"]), "read as day.month.year")

    def day(self, s: int, e: int, y: int, mo: int, d: int, note: str) -> None:
        try:
            dt = date(y, mo, d)
        except ValueError:
            return
        self.add(s, e, (dt, dt), Gr.DAY, note)

    def between(self, g: _Groups, s: int, e: int) -> None:
        a, b = int(g["a"]), int(g["b"])
        if a < b:
            self.add(s, e, (date(a, 1, 1), date(b, 12, 31)), Gr.RANGE, f"years {a} to {b}")

    def pair(self, g: _Groups, s: int, e: int) -> None:
        a, b = int(g["a"]), g["b"]
        if len(b) == 2:
            nb = a // 100 * 100 + int(b)
            if nb == a + 1 or g["fy"]:
                if nb == a + 1:
                    self.add(s, e, (date(a, 1, 1), date(nb, 12, 31)), Gr.FISCAL_YEAR,
                             f"fiscal year {a}-{nb}: start month unknown, both calendar years covered")
                return
            if 1 <= int(b) <= 12:  # "2026-02": ISO year-month
                self.add(s, e, _month(a, int(b)), Gr.MONTH, "ISO year-month")
                return
        else:
            nb = int(b)
            if g["fy"] and nb == a + 1:
                self.add(s, e, (date(a, 1, 1), date(nb, 12, 31)), Gr.FISCAL_YEAR,
                         f"fiscal year {a}-{nb}: start month unknown, both calendar years covered")
                return
        if a < nb <= 2100:
            self.add(s, e, (date(a, 1, 1), date(nb, 12, 31)), Gr.RANGE, f"years {a} to {nb}")

    def fy(self, g: _Groups, s: int, e: int) -> None:
        raw = g["a"] or g["b"]
        y = _yy(raw) if len(raw) == 2 else int(raw)
        self.add(s, e, _year(y), Gr.FISCAL_YEAR, f"fiscal year {y}: fiscal calendar unknown, calendar year used")

    def lunar(self, g: _Groups, s: int, e: int) -> None:
        y, why = self.lunar_year(g["y1"] or g["y2"], s)
        if y not in _LUNAR:
            self.add(s, e, None, Gr.DAY, why if y is None else f"unresolved: no Lunar New Year table entry for {y}")
            return
        d = _LUNAR[y]
        if g["nth"]:
            nth = g["nth"].lower()
            k = _NTH_NUM.get(nth) or int(nth[:-2])
            d += timedelta(days=k - 1)
            why += f"; day {k} of the new year"
        if (g["eve"] or "").lower() == "eve":
            d -= timedelta(days=1)
            why += "; eve is the day before"
        self.add(s, e, (d, d), Gr.DAY, why, inferred=not (g["y1"] or g["y2"]))

    def newyear(self, g: _Groups, s: int, e: int) -> None:
        eve = g["k"].lower() == "eve"
        if eve and g["y"] is None and self.lunar_text():
            y, why = self.lunar_year(None, s)
            if y in _LUNAR:
                d = _LUNAR[y] - timedelta(days=1)
                self.add(s, e, (d, d), Gr.DAY, why + "; the text is about the Lunar New Year, eve is the day before",
                         inferred=True)
            else:
                self.add(s, e, None, Gr.DAY, why)
            return
        make = (lambda yr: (date(yr, 12, 31),) * 2) if eve else (lambda yr: (date(yr, 1, 1),) * 2)
        if g["y"]:
            self.add(s, e, make(int(g["y"])), Gr.DAY, "year as written")
        elif self.pub is None:
            self.add(s, e, None, Gr.DAY, "unresolved: no year written and no publication date")
        else:
            y = min((self.pub.year - 1, self.pub.year, self.pub.year + 1),
                    key=lambda yr: abs((make(yr)[0] - self.pub).days))
            self.add(s, e, make(y), Gr.DAY, f"year {y}: the one nearest publication date {self.pub.isoformat()}",
                     inferred=True)

    def qcode(self, g: _Groups, s: int, e: int) -> None:
        q = int(g["q"] or g["q2"])
        y = g["y"] or g["y2"]
        yy = g["yy"] or g["yy2"]
        self.period(s, e, int(y) if y else _yy(yy) if yy else None, lambda yr: _quarter(yr, q), Gr.QUARTER)

    def hcode(self, g: _Groups, s: int, e: int) -> None:
        h = int(g["h"] or g["h2"])
        y = g["y"] or g["y2"]
        yy = g["yy"] or g["yy2"]
        if not (y or yy) and self.prev_word(s).lower() not in {"in", "the", "for", "during", "by", "its", "their"}:
            return  # a bare "H1"/"H2" is as likely a name as a half-year
        self.period(s, e, int(y) if y else _yy(yy) if yy else None, lambda yr: _half(yr, h), Gr.HALF)

    def qword(self, g: _Groups, s: int, e: int) -> None:
        o = (g["o"] or "fourth").lower()  # "the last quarter of 2025"
        q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(o, 4)
        self.ordinal_period(g, s, e, lambda yr: _quarter(yr, q), Gr.QUARTER)

    def hword(self, g: _Groups, s: int, e: int) -> None:
        h = 1 if g["o"].lower() in {"first", "1st"} else 2
        self.ordinal_period(g, s, e, lambda yr: _half(yr, h), Gr.HALF)

    def ordinal_period(self, g: _Groups, s: int, e: int, make: Callable[[int], tuple[date, date]], gr: Gr) -> None:
        rel = (g["rel"] or "").lower()
        if g["y"]:
            self.period(s, e, int(g["y"]), make, gr)
        elif rel:  # "of this/the/last/next year"
            shift = {"last": -1, "next": 1}.get(rel, 0)
            self.rel(s, e, lambda o: make(o.year + shift), gr, None, f"'{rel} year' from publication date")
        elif self.text.startswith(" of ", e):
            return  # "the first quarter of the game": not a calendar period
        else:
            self.period(s, e, None, make, gr)

    def period(self, s: int, e: int, y: int | None, make: Callable[[int], tuple[date, date]], gr: Gr) -> None:
        if y is not None:
            self.add(s, e, make(y), gr, "year as written")
        else:
            self.yearless(s, e, make, gr)

    def mquarter(self, g: _Groups, s: int, e: int) -> None:
        q = (_MONTH_NUM[g["mon"][:3].lower()] + 2) // 3
        self.period(s, e, int(g["y"]) if g["y"] else None, lambda yr: _quarter(yr, q), Gr.QUARTER)

    def mdy(self, g: _Groups, s: int, e: int) -> None:
        self.named_day(g, s, e, int(g["d2"]) if g["d2"] else None)

    def dmy(self, g: _Groups, s: int, e: int) -> None:
        self.named_day(g, s, e, None)

    def named_day(self, g: _Groups, s: int, e: int, d2: int | None) -> None:
        """A day written with a month name; `d2` ends a day range ("May 20-21")."""
        mo, d = _MONTH_NUM[g["mon"][:3].lower()], int(g["d"])
        if not 1 <= d <= 31 or d2 is not None and not d < d2 <= 31:
            return
        gr = Gr.DAY if d2 is None else Gr.RANGE

        def make(yr: int) -> tuple[date, date]:
            return date(yr, mo, d), date(yr, mo, d2 or d)

        wd = _WEEKDAY_NUM[g["wd"][:3].lower()] if g["wd"] else None
        if g["y"]:
            try:
                period = make(int(g["y"]))
            except ValueError:
                return
            note = "year as written"
            if wd is not None and period[0].weekday() != wd:
                note += f"; weekday '{g['wd']}' does not match ({period[0]:%A})"
            self.add(s, e, period, gr, note)
            return
        # The year comes from publication as for any yearless date; a weekday that does not
        # fit is then the text's own error to report, not a reason to move the date a year.
        try:
            make(2024)  # a leap year: is this day ever valid?
        except ValueError:
            return
        self.yearless(s, e, make, gr)

    def monthspan(self, g: _Groups, s: int, e: int) -> None:
        a, b = _MONTH_NUM[g["mon"][:3].lower()], _MONTH_NUM[g["mon2"][:3].lower()]
        if a >= b:
            return
        span = lambda yr: (_month(yr, a)[0], _month(yr, b)[1])  # noqa: E731
        # "July-September" is the third quarter; a span of whole quarters reads as one.
        gr = Gr.QUARTER if b - a == 2 and a % 3 == 1 else Gr.RANGE
        if g["y"]:
            self.add(s, e, span(int(g["y"])), gr, "months as written")
        else:
            self.yearless(s, e, span, gr)

    def monthyear(self, g: _Groups, s: int, e: int) -> None:
        self.add(s, e, _month(int(g["y"]), _MONTH_NUM[g["mon"][:3].lower()]), Gr.MONTH, "year as written")

    def monthrel(self, g: _Groups, s: int, e: int) -> None:
        mo, w = _MONTH_NUM[g["mon"][:3].lower()], g["w"].lower()
        k = {"previous": -1, "prior": -1, "last": -1, "next": 1, "following": 1}.get(w, 0)
        base = self.last_written if w in {"previous", "prior", "following", "same", "that"} else None
        self.rel(s, e, lambda o: _month(o.year + k, mo), Gr.MONTH, base, f"{g['mon']} of the {w} year")

    def decade(self, g: _Groups, s: int, e: int) -> None:
        y = int(g["y"])
        self.add(s, e, (date(y, 1, 1), date(y + 9, 12, 31)), Gr.RANGE, f"the decade {y}-{y + 9}")

    def reln(self, g: _Groups, s: int, e: int) -> None:
        n, u, d = _num(g["n"]), g["u"].lower(), " ".join(g["dir"].lower().split())
        gran = {"month": Gr.MONTH, "year": Gr.YEAR, "decade": Gr.YEAR}.get(u, Gr.DAY)
        if n is None:
            self.add(s, e, None, gran, f"unresolved: vague count '{g['n']}'", relative=True)
            return
        if n != int(n):  # "half a year": six months
            n, u = int(n * (120 if u == "decade" else 12 if u == "year" else 1)), "month" if u in {"year", "decade"} else u
            gran = Gr.MONTH if u == "month" else gran
        n = int(n)
        sign = -1 if d in {"ago", "earlier", "before", "prior", "previously"} else 1
        k = sign * n
        if d in {"ago", "hence", "from now"}:
            base = None
        elif d in {"before", "after"} and self._object_follows(e):
            # "three days before New Year's Eve": relative to what follows, if it is a date
            base = self.peek(e)
            if base is None:
                self.add(s, e, None, gran, "unresolved: relative to an event that is not a date", relative=True)
                return
        else:
            base = self.last_day if u in {"minute", "hour", "day", "week"} else self._last(
                s, {Gr.DAY, Gr.MONTH} if u == "month" else None, None if u == "month" else _PERIOD_REACH)
        if u in {"minute", "hour", "day", "week"}:
            per_day = {"week": 1 / 7, "day": 1, "hour": 24, "minute": 1440}[u]
            days = sign * int(n // per_day)  # "3 hours ago" is still the day itself
            self.rel(s, e, lambda o: (o + timedelta(days=days),) * 2, Gr.DAY, base,
                     f"{n} {u}(s) {d}: {days:+d} day(s)")
        elif u == "month":
            self.rel(s, e, lambda o: _month(*_add_months(o.year, o.month, k)), Gr.MONTH, base,
                     f"{n} month(s) {d}")
        else:
            years = k * (10 if u == "decade" else 1)
            if base is not None and base.granularity not in (Gr.DAY, Gr.RANGE):
                ps, pe, gr = _shift_years(base, years)
                self.add(s, e, (ps, pe), gr, f"'{base.text}' shifted {years:+d} year(s)",
                         f"'{base.text}' ({_iso(base.period_start)})", relative=True)
                return
            self.rel(s, e, lambda o: _year(o.year + years), Gr.YEAR, base, f"{n} {u}(s) {d}: {years:+d} year(s)")

    def _object_follows(self, e: int) -> bool:
        j = e
        while j < len(self.text) and j - e < 3 and self.text[j] in " \t":
            j += 1
        # "three months before that": the story's last date, not a named event
        return j > e and j < len(self.text) and self.text[j].isalnum() and self.next_word(e) not in _PRONOUNS

    def peek(self, e: int) -> Mention | None:
        """The date written right after e, read without recording it
        (the main scan records it when it gets there)."""
        st = e
        while st < len(self.text) and st - e < 3 and self.text[st] in " \t":
            st += 1
        m = _SCAN.match(self.text, st)
        if m is None or m.lastgroup == "reln":  # no chains of "a day before two days before ..."
            return None
        tmp = _Extractor(self.text, self.pub)
        tmp.last_day, tmp.last_abs, tmp.last_written = self.last_day, self.last_abs, self.last_written
        getattr(tmp, m.lastgroup)(_Groups(m, m.lastgroup), st, m.end())
        found = tmp.out[0] if tmp.out else None
        return found if found is not None and found.period_start else None

    def _last(self, s: int, grans: set[Gr] | None, reach: int | None) -> Mention | None:
        """The last explicit date before s, limited by granularity and distance."""
        if grans == {Gr.DAY}:
            return self.last_day
        m = self.last_abs
        if m is None or (reach is not None and s - m.end > reach):
            return None
        if grans is not None and m.granularity not in grans:
            return self.last_day if Gr.DAY in grans else None
        return m

    def span(self, g: _Groups, s: int, e: int) -> None:
        n, u, w = _num(g["n"]), g["u"].lower(), g["w"].lower()
        if n is None:
            self.add(s, e, None, Gr.RANGE, f"unresolved: vague count '{g['n']}'", relative=True)
            return
        back = w in {"past", "last", "previous", "preceding"}
        base = self.last_day if w in {"previous", "preceding", "following"} else None

        def compute(o: date) -> tuple[date, date]:
            if u in {"day", "week"}:
                other = o + timedelta(days=(-1 if back else 1) * n * (7 if u == "week" else 1))
            else:
                months = n * (12 if u == "year" else 120 if u == "decade" else 1) * (-1 if back else 1)
                y, m = _add_months(o.year, o.month, months)
                other = date(y, m, min(o.day, calendar.monthrange(y, m)[1]))
            return (other, o) if back else (o, other)

        self.rel(s, e, compute, Gr.RANGE, base, f"{w} {n} {u}(s)")

    def fyend(self, g: _Groups, s: int, e: int) -> None:
        # "the fiscal year ending March 2027": the twelve months to the end of that month.
        mo = _MONTH_NUM[g["mon"][:3].lower()]

        def span(yr: int) -> tuple[date, date]:
            end = _month(yr, mo)[1]
            start = date(yr - 1, mo, 1) + timedelta(days=calendar.monthrange(yr - 1, mo)[1]) if mo != 12 else date(yr, 1, 1)
            return start, end

        if g["y"]:
            self.add(s, e, span(int(g["y"])), Gr.FISCAL_YEAR, f"fiscal year to {g['mon']} {g['y']}")
        else:
            self.yearless(s, e, span, Gr.FISCAL_YEAR)

    def fullyear(self, g: _Groups, s: int, e: int) -> None:
        # "for the full year", "full-year sales": the year of publication.
        self.step(s, e, "year", 0, False, "'the full year'")

    def relword(self, g: _Groups, s: int, e: int) -> None:
        t = (g["t"] or g["t2"] or "").lower()
        if t:
            shift = {"yesterday": -1, "tomorrow": 1, "that": 0}.get(t, 0)
            if self.text[s] == "T" and s >= 2 and self.text[s - 2].isalpha() and self.prev_word(s)[:1].isupper():
                return  # "USA Today", "China Today": a name
            self.rel(s, e, lambda o: (o + timedelta(days=shift),) * 2, Gr.DAY,
                     self.last_day if t == "that" else None, f"'{t} day'" if t == "that" else f"'{t}'")
            return
        if g["w2"]:
            w = g["w2"].lower()
            k = -1 if w in {"before", "earlier"} else 1
            self.step(s, e, g["u2"].lower(), k, True, f"the {g['u2'].lower()} {w}")
            return
        w, u = g["w"].lower(), g["u"].lower()
        if self.text.startswith(" of ", e):
            return  # "the last week of May": a part of something, not a relative date
        if w in {"past"}:
            if u in {"day", "quarter"}:
                return
            self.rel(s, e, lambda o: (_back(o, u), o), Gr.RANGE, None, f"the past {u}")
            return
        # "the next day" follows the story; "next week" follows publication.
        narrative = w in {"previous", "prior", "following", "same", "preceding"} or (
            w == "next" and g.m.group()[:3].lower() == "the")
        k = {"last": -1, "previous": -1, "prior": -1, "preceding": -1, "next": 1, "following": 1, "coming": 1}.get(w, 0)
        if u == "day" and w in {"last", "this", "coming", "current"}:
            return  # "the last day of trading": not a relative date
        self.step(s, e, u, k, narrative, f"'{w} {u}'")

    def step(self, s: int, e: int, u: str, k: int, narrative: bool, note: str) -> None:
        """The unit-sized period k units from the anchor (0 = the anchor's own)."""
        if u == "day":
            self.rel(s, e, lambda o: (o + timedelta(days=k),) * 2, Gr.DAY, self.last_day if narrative else None, note)
        elif u == "week":
            self.rel(s, e, lambda o: _week(o + timedelta(days=7 * k)), Gr.WEEK,
                     self.last_day if narrative else None, note)
        elif u == "month":
            self.rel(s, e, lambda o: _month(*_add_months(o.year, o.month, k)), Gr.MONTH,
                     self._last(s, {Gr.DAY, Gr.MONTH}, None) if narrative else None, note)
        elif u == "quarter":
            def quarter(o: date) -> tuple[date, date]:
                y, m = _add_months(o.year, o.month, 3 * k)
                return _quarter(y, (m + 2) // 3)
            self.rel(s, e, quarter, Gr.QUARTER,
                     self._last(s, {Gr.DAY, Gr.MONTH, Gr.QUARTER}, None) if narrative else None, note)
        elif u == "decade":
            self.rel(s, e, lambda o: (date(o.year // 10 * 10 + 10 * k, 1, 1), date(o.year // 10 * 10 + 10 * k + 9, 12, 31)),
                     Gr.RANGE, None, note)
        else:
            base = self._last(s, None, None) if narrative else None
            if base is not None and base.granularity in (Gr.YEAR, Gr.FISCAL_YEAR):
                ps, pe, gr = _shift_years(base, k)
                self.add(s, e, (ps, pe), gr, note, f"'{base.text}' ({_iso(base.period_start)})", relative=True)
            else:
                self.rel(s, e, lambda o: _year(o.year + k), Gr.YEAR, base, note)

    def weekday(self, g: _Groups, s: int, e: int) -> None:
        mod = " ".join((g["m"] or "").lower().split())
        if not mod and self.prev_word(s).lower() in _NAMED_DAYS:
            return
        wi = _WEEKDAY_NUM[g["wd"][:3].lower()]
        if mod in {"last", "this past"}:
            back, strict = True, True
        elif mod in {"next", "this coming", "coming"}:
            back, strict = False, True
        elif mod == "this":
            back, strict = False, False
        else:
            back, strict = not self.future(s), False

        def compute(o: date) -> tuple[date, date]:
            if back:
                delta = -(((o.weekday() - wi - 1) % 7) + 1 if strict else (o.weekday() - wi) % 7)
            else:
                delta = ((wi - o.weekday() - 1) % 7) + 1 if strict else (wi - o.weekday()) % 7
            d = o + timedelta(days=delta)
            return d, d

        how = "most recent" if back else "next"
        self.rel(s, e, compute, Gr.DAY, None, f"{how} {g['wd']} {'before' if strict else 'on or ' + ('before' if back else 'after')} publication")

    def month(self, g: _Groups, s: int, e: int) -> None:
        mon = g["mon"]
        mo = _MONTH_NUM[mon[:3].lower()]
        mod = (g["m"] or "").lower()
        if mod in {"last", "next", "this"}:
            def compute(o: date) -> tuple[date, date]:
                y = o.year
                if mod == "last":
                    y -= 1 if mo >= o.month else 0
                elif mod == "next":
                    y += 1 if mo <= o.month else 0
                return _month(y, mo)
            self.rel(s, e, compute, Gr.MONTH, None, f"'{mod} {mon}' from publication date")
            return
        if not mod:
            prev = self.prev_word(s).lower()
            if prev not in _MONTH_PREPS or (mon == "May" and (prev in {"and", "or"} or self.text.startswith("'s", e))):
                return  # "May" the verb or the name
        self.yearless(s, e, lambda yr: _month(yr, mo), Gr.MONTH, f"; '{mod}' ignored: month kept" if mod else "")

    def year(self, g: _Groups, s: int, e: int) -> None:
        prev = self.prev_word(s)
        if not g["pre"]:
            caps = len(prev) >= 2 and prev.isupper() and prev.lower() not in _MONTH_PREPS and prev not in _EVENTS
            if (prev in _MODEL_PREFIX or caps) and self.text.endswith(prev + " ", 0, s):
                return  # "RTX 2080": a model number
            if self.next_word(e) in _COUNTED and prev.lower() not in _STRONG_PREPS:
                return  # "2026 people": a count
        y = int(g["y"])
        pre = (g["pre"] or "").lower()
        self.add(s, e, _year(y), Gr.YEAR, f"'{pre}-' kept as the whole year" if pre else None)


def _back(o: date, unit: str) -> date:
    """One week, month, year or decade before o."""
    if unit == "week":
        return o - timedelta(days=7)
    y, m = _add_months(o.year, o.month, -{"month": 1, "year": 12, "decade": 120}[unit])
    return date(y, m, min(o.day, calendar.monthrange(y, m)[1]))


def _triggers(text: str) -> list[int]:
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


def _starts(text: str, i: int, lo: int) -> list[int]:
    """Where an expression around trigger i may start: the trigger's word and
    each lead word ("the", "last", "between", "nine", ...) running up to it."""
    ws = i
    while ws > lo and i - ws < 12 and text[ws - 1].isalnum():
        ws -= 1
    starts = [ws]
    while len(starts) < 6:
        e = starts[-1]
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
        elif gap.strip(" \t\n-") or not (word in _LEAD or word[:-2].isdigit() and word[-2:] in _ORDINALS):
            break
        starts.append(b)
    starts.reverse()
    return starts


# A year written as such: not part of a number, an amount or a model name.
_WRITTEN_YEAR = re.compile(r"(?<![\w$€£¥.,-])(?:19|20)\d\d(?![\w%]|[.,]\d)")


def extract(text: str, published: date | None) -> list[Mention]:
    """Date and period mentions in `text`, sorted by start and non-overlapping."""
    ex = _Extractor(text, published)
    pos = 0  # offsets before pos are inside a match or were already tried
    for i in _triggers(text):
        if i < pos:
            continue
        for st in _starts(text, i, pos):
            if st < pos:
                continue
            m = _SCAN.match(text, st)
            if m is not None:
                kind = m.lastgroup
                try:
                    getattr(ex, kind)(_Groups(m, kind), st, m.end())
                except (ValueError, OverflowError):
                    pass  # arithmetic that leaves the calendar ("999 decades later"): not a date we can read
                pos = m.end()
        pos = max(pos, i + 1)
    return ex.out
