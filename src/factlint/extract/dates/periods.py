"""Periods: quarters and halves (by code or in words), fiscal years, year
pairs and ranges, "the full year"."""
from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from ...models import Granularity as Gr
from . import spans as sp
from .anchor import DateReader
from .patterns import Groups
from .words import HALF_CODE_PREPS, HALF_ORDINALS, MONTH_NUM, QUARTER_ORDINALS


class Periods(DateReader):
    def between(self, g: Groups, s: int, e: int) -> None:
        a, b = int(g["a"]), int(g["b"])
        if a < b:
            self.add(s, e, (date(a, 1, 1), date(b, 12, 31)), Gr.RANGE, f"years {a} to {b}")

    def pair(self, g: Groups, s: int, e: int) -> None:
        a, b = int(g["a"]), g["b"]
        if len(b) == 2:
            nb = a // 100 * 100 + int(b)
            if nb == a + 1 or g["fy"]:
                if nb == a + 1:
                    self.add(s, e, (date(a, 1, 1), date(nb, 12, 31)), Gr.FISCAL_YEAR,
                             f"fiscal year {a}-{nb}: start month unknown, both calendar years covered")
                return
            if 1 <= int(b) <= 12:  # "2026-02": ISO year-month
                self.add(s, e, sp.month(a, int(b)), Gr.MONTH, "ISO year-month")
                return
        else:
            nb = int(b)
            if g["fy"] and nb == a + 1:
                self.add(s, e, (date(a, 1, 1), date(nb, 12, 31)), Gr.FISCAL_YEAR,
                         f"fiscal year {a}-{nb}: start month unknown, both calendar years covered")
                return
        if a < nb <= 2100:
            self.add(s, e, (date(a, 1, 1), date(nb, 12, 31)), Gr.RANGE, f"years {a} to {nb}")

    def fy(self, g: Groups, s: int, e: int) -> None:
        raw = g["a"] or g["b"]
        y = sp.yy(raw) if len(raw) == 2 else int(raw)
        self.add(s, e, sp.year(y), Gr.FISCAL_YEAR, f"fiscal year {y}: fiscal calendar unknown, calendar year used")

    def qcode(self, g: Groups, s: int, e: int) -> None:
        q = int(g["q"] or g["q2"])
        y = g["y"] or g["y2"]
        yy = g["yy"] or g["yy2"]
        self.period(s, e, int(y) if y else sp.yy(yy) if yy else None, lambda yr: sp.quarter(yr, q), Gr.QUARTER)

    def hcode(self, g: Groups, s: int, e: int) -> None:
        h = int(g["h"] or g["h2"])
        y = g["y"] or g["y2"]
        yy = g["yy"] or g["yy2"]
        if not (y or yy) and self.prev_word(s).lower() not in HALF_CODE_PREPS:
            return  # a bare "H1"/"H2" is as likely a name as a half-year
        self.period(s, e, int(y) if y else sp.yy(yy) if yy else None, lambda yr: sp.half(yr, h), Gr.HALF)

    def qword(self, g: Groups, s: int, e: int) -> None:
        o = (g["o"] or "fourth").lower()  # "the last quarter of 2025"
        q = QUARTER_ORDINALS.get(o, 4)
        self.ordinal_period(g, s, e, lambda yr: sp.quarter(yr, q), Gr.QUARTER)

    def hword(self, g: Groups, s: int, e: int) -> None:
        h = HALF_ORDINALS[g["o"].lower()]
        self.ordinal_period(g, s, e, lambda yr: sp.half(yr, h), Gr.HALF)

    def ordinal_period(self, g: Groups, s: int, e: int, make: Callable[[int], tuple[date, date]], gr: Gr) -> None:
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

    def monthsof(self, g: Groups, s: int, e: int) -> None:
        n = {"three": 3, "six": 6, "nine": 9}.get(g["n"].lower()) or int(g["n"])
        first = g["w"].lower() == "first"
        gr = {3: Gr.QUARTER, 6: Gr.HALF}.get(n, Gr.RANGE)

        def make(yr: int) -> tuple[date, date]:
            return (date(yr, 1, 1), sp.month(yr, n)[1]) if first else (date(yr, 13 - n, 1), date(yr, 12, 31))

        self.period(s, e, int(g["y"]) if g["y"] else None, make, gr)

    def monthsto(self, g: Groups, s: int, e: int) -> None:
        n = {"three": 3, "six": 6, "nine": 9}.get(g["n"].lower()) or int(g["n"])
        mo = MONTH_NUM[g["mon"][:3].lower()]
        gr = Gr.QUARTER if n == 3 and mo % 3 == 0 else Gr.HALF if n == 6 and mo % 6 == 0 else Gr.RANGE

        def make(yr: int) -> tuple[date, date]:
            first = mo - n + 1  # the months before the year's start are the year before's
            return (date(yr, first, 1) if first >= 1 else date(yr - 1, first + 12, 1)), sp.month(yr, mo)[1]

        self.period(s, e, int(g["y"]) if g["y"] else None, make, gr)

    def mquarter(self, g: Groups, s: int, e: int) -> None:
        q = (MONTH_NUM[g["mon"][:3].lower()] + 2) // 3
        self.period(s, e, int(g["y"]) if g["y"] else None, lambda yr: sp.quarter(yr, q), Gr.QUARTER)

    def fyend(self, g: Groups, s: int, e: int) -> None:
        # "the fiscal year ending March 2027": the twelve months to the end of that month.
        mo = MONTH_NUM[g["mon"][:3].lower()]

        def span(yr: int) -> tuple[date, date]:
            end = sp.month(yr, mo)[1]
            start = date(yr - 1, mo, 1) + timedelta(days=calendar.monthrange(yr - 1, mo)[1]) if mo != 12 else date(yr, 1, 1)
            return start, end

        if g["y"]:
            self.add(s, e, span(int(g["y"])), Gr.FISCAL_YEAR, f"fiscal year to {g['mon']} {g['y']}")
        else:
            self.yearless(s, e, span, Gr.FISCAL_YEAR)

    def fullyear(self, g: Groups, s: int, e: int) -> None:
        # "for the full year", "full-year sales": the year of publication.
        self.step(s, e, "year", 0, False, "'the full year'")
