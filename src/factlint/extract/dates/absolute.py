"""Dates written out: ISO and numeric dates, days with a month name, months,
years, decades, and the Lunar and Western New Year."""
from __future__ import annotations

from datetime import date, timedelta

from ...models import Granularity as Gr
from . import spans as sp
from .anchor import DateReader
from .patterns import Groups
from .spans import LUNAR
from .words import COUNTED, EVENTS, MODEL_PREFIX, MONTH_NUM, MONTH_PREPS, MONTH_SHIFT, NTH_NUM, STRONG_PREPS, WEEKDAY_NUM


class AbsoluteDates(DateReader):
    def iso(self, g: Groups, s: int, e: int) -> None:
        self.day(s, e, int(g["y"]), int(g["m"]), int(g["d"]), "ISO date")

    def numeric(self, g: Groups, s: int, e: int) -> None:
        if g["a"]:
            a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
            if a > 12 >= b:
                self.day(s, e, y, b, a, "read as day/month: first number exceeds 12")
            elif self.day_first and b <= 12:
                self.day(s, e, y, b, a, "read as day/month: the document writes dates day first")
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

    def lunar(self, g: Groups, s: int, e: int) -> None:
        y, why = self.lunar_year(g["y1"] or g["y2"], s)
        if y not in LUNAR:
            self.add(s, e, None, Gr.DAY, why if y is None else f"unresolved: no Lunar New Year table entry for {y}")
            return
        d = LUNAR[y]
        if g["nth"]:
            nth = g["nth"].lower()
            k = NTH_NUM.get(nth) or int(nth[:-2])
            d += timedelta(days=k - 1)
            why += f"; day {k} of the new year"
        if (g["eve"] or "").lower() == "eve":
            d -= timedelta(days=1)
            why += "; eve is the day before"
        self.add(s, e, (d, d), Gr.DAY, why, inferred=not (g["y1"] or g["y2"]))

    def newyear(self, g: Groups, s: int, e: int) -> None:
        eve = g["k"].lower() == "eve"
        if eve and g["y"] is None and self.lunar_text():
            y, why = self.lunar_year(None, s)
            if y in LUNAR:
                d = LUNAR[y] - timedelta(days=1)
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

    def mdy(self, g: Groups, s: int, e: int) -> None:
        self.named_day(g, s, e, int(g["d2"]) if g["d2"] else None)

    def dmy(self, g: Groups, s: int, e: int) -> None:
        self.named_day(g, s, e, None)

    def named_day(self, g: Groups, s: int, e: int, d2: int | None) -> None:
        """A day written with a month name; `d2` ends a day range ("May 20-21")."""
        mo, d = MONTH_NUM[g["mon"][:3].lower()], int(g["d"])
        if not 1 <= d <= 31 or d2 is not None and not d < d2 <= 31:
            return
        gr = Gr.DAY if d2 is None else Gr.RANGE

        def make(yr: int) -> tuple[date, date]:
            return date(yr, mo, d), date(yr, mo, d2 or d)

        wd = WEEKDAY_NUM[g["wd"][:3].lower()] if g["wd"] else None
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

    def monthspan(self, g: Groups, s: int, e: int) -> None:
        a, b = MONTH_NUM[g["mon"][:3].lower()], MONTH_NUM[g["mon2"][:3].lower()]
        if a >= b:
            return
        span = lambda yr: (sp.month(yr, a)[0], sp.month(yr, b)[1])  # noqa: E731
        # "July-September" is the third quarter; a span of whole quarters reads as one.
        gr = Gr.QUARTER if b - a == 2 and a % 3 == 1 else Gr.RANGE
        if g["y"]:
            self.add(s, e, span(int(g["y"])), gr, "months as written")
        else:
            self.yearless(s, e, span, gr)

    def monthyear(self, g: Groups, s: int, e: int) -> None:
        self.add(s, e, sp.month(int(g["y"]), MONTH_NUM[g["mon"][:3].lower()]), Gr.MONTH, "year as written")

    def decade(self, g: Groups, s: int, e: int) -> None:
        y = int(g["y"])
        self.add(s, e, (date(y, 1, 1), date(y + 9, 12, 31)), Gr.RANGE, f"the decade {y}-{y + 9}")

    def month(self, g: Groups, s: int, e: int) -> None:
        mon = g["mon"]
        mo = MONTH_NUM[mon[:3].lower()]
        mod = (g["m"] or "").lower()
        if mod in MONTH_SHIFT:
            k = MONTH_SHIFT[mod]

            def compute(o: date) -> tuple[date, date]:
                y = o.year
                if k < 0:
                    y -= 1 if mo >= o.month else 0
                elif k > 0:
                    y += 1 if mo <= o.month else 0
                return sp.month(y, mo)
            self.rel(s, e, compute, Gr.MONTH, None, f"'{mod} {mon}' from publication date")
            return
        if not mod:
            prev = self.prev_word(s).lower()
            if prev not in MONTH_PREPS or (mon == "May" and (prev in {"and", "or"} or self.text.startswith("'s", e))):
                return  # "May" the verb or the name
        self.yearless(s, e, lambda yr: sp.month(yr, mo), Gr.MONTH, f"; '{mod}' ignored: month kept" if mod else "")

    def year(self, g: Groups, s: int, e: int) -> None:
        prev = self.prev_word(s)
        if not g["pre"]:
            caps = len(prev) >= 2 and prev.isupper() and prev.lower() not in MONTH_PREPS and prev not in EVENTS
            if (prev in MODEL_PREFIX or caps) and self.text.endswith(prev + " ", 0, s):
                return  # "RTX 2080": a model number
            if self.next_word(e) in COUNTED and prev.lower() not in STRONG_PREPS:
                return  # "2026 people": a count
        y = int(g["y"])
        pre = (g["pre"] or "").lower()
        self.add(s, e, sp.year(y), Gr.YEAR, f"'{pre}-' kept as the whole year" if pre else None)

