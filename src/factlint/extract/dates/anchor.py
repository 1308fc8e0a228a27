"""Reading a date against its anchor: the publication date, or the last date
the story wrote.

The base of the date reader: it records mentions, remembers the last explicit
dates (the anchors of narrative forms such as "nine days later"), and gives a
yearless date its year from the publication date, preferring the past as news
does.  Nothing ever falls back to today's date."""
from __future__ import annotations

import re

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from ...models import Granularity as Gr
from ...models import Mention
from . import spans as sp
from .patterns import FUTURE_WORDS, NEXT_WORD, PREV_WORD, WRITTEN_YEAR, LUNAR_WORDS

_THAN_BEFORE = re.compile(r"\b(?:than|as)\s+(?:[\w'-]+\s+){0,3}(?:had\s+been\s+|was\s+|were\s+)?$", re.I)
from .spans import LUNAR

# A yearless date up to this far after publication is still this year's.
SLACK = timedelta(days=7)


class DateReader:
    def __init__(self, text: str, published: date | None, day_first: bool = False):
        self.text, self.pub = text, published
        self.day_first = day_first  # the document writes "02/09/2025" for 2 September (convention.py)
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
            origin, anchor = base.period_start, f"'{base.text}' ({sp.iso(base.period_start)})"
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
        m = PREV_WORD.search(self.text, max(0, i - 24), i)
        return m.group(1) if m else ""

    def next_word(self, i: int) -> str:
        m = NEXT_WORD.match(self.text, i)
        return m.group(1).lower() if m else ""

    def future(self, i: int) -> bool:
        """Future wording ("will", "expected", "until") earlier in the same clause."""
        lo = max(0, i - 60)
        window = self.text[lo:i]
        # A ';' or a comma ends the clause: "... its 2026 plan at 160 billion; on May 9th, X reported"
        cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("? "), window.rfind("! "), window.rfind(";"), window.rfind(", "))
        # "booked more orders than analysts expected in the third quarter": a comparison with
        # what was expected, which looks back
        return any(not (hit.group(0).lower() == "expected" and _THAN_BEFORE.search(window, max(cut + 1, hit.start() - 40), hit.start()))
                   for hit in FUTURE_WORDS.finditer(window, cut + 1))

    def lunar_text(self) -> bool:
        if self._lunar_text is None:
            self._lunar_text = LUNAR_WORDS.search(self.text) is not None
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

    def text_year(self, s: int) -> int | None:
        """For an undated article: the last year written before offset s ("deliveries in the third
        quarter of 2025 ... the 336,681 cars of the first quarter"), else the year it names most
        often ("the 2026 Spring Festival Gala")."""
        if not hasattr(self, "_text_year"):
            found = [(m.start(), int(m.group(0))) for m in WRITTEN_YEAR.finditer(self.text)]
            years = Counter(y for _, y in found)
            self._text_year = max(years, key=lambda y: (years[y], y)) if years else None
            self._year_at = found
        k = bisect_left(self._year_at, (s,))
        return self._year_at[k - 1][1] if k else self._text_year

    def infer(self, s: int, make: Callable[[int], tuple[date, date]]) -> tuple[tuple[date, date] | None, str]:
        p = self.pub
        if p is None:
            y = self.text_year(s)
            if y is None:
                return None, "unresolved: no year written and no publication date"
            try:
                return make(y), f"year {y}: no publication date; the last year this text names before it (else the one it names most)"
            except ValueError:
                return None, f"unresolved: no such date in {y}"
        fut = self.future(s)
        y = p.year
        try:
            ps, pe = make(y)
            if fut and pe < p - SLACK:
                y += 1
            elif not fut and ps > p + SLACK:
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
            y = self.text_year(s)
            if y in LUNAR:
                return y, f"year {y}: no publication date; the last year this text names before it"
            return None, "unresolved: no year written and no publication date"
        best = min(LUNAR, key=lambda k: abs((LUNAR[k] - self.pub).days))
        return best, f"year {best}: the Lunar New Year nearest publication date {self.pub.isoformat()}"


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


def year_from_publication(m) -> bool:
    """Whether a date's year was not written but guessed from the publication date (the note
    `Anchor` leaves on it): a guess the text around it may correct."""
    return any(n.startswith("year ") and " from publication date " in n for n in m.notes)
