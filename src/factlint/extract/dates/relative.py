"""Relative dates: "3 hours ago", "nine days later", "the past five years",
"last week", "the next day", "on Tuesday", "July of the previous year".

Publication-relative forms count from the publication date; narrative forms
from the last explicit date written before them (anchor.py)."""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from ...models import Granularity as Gr
from ...models import Mention
from . import spans as sp
from .anchor import DateReader
from .patterns import SCAN, Groups
from .words import (DIRECTIONS, MONTH_NUM, MONTH_OF_YEAR, NAMED_DAYS, NARRATIVE_AFTER_THE, NOT_BEFORE_DAY, PRONOUNS,
                    REL_WORDS, SPAN_WORDS, TODAY, WEEKDAY_MODS, WEEKDAY_NUM)

# "a year earlier" shifts a period written at most this many chars before it.
PERIOD_REACH = 300


class RelativeDates(DateReader):
    def monthrel(self, g: Groups, s: int, e: int) -> None:
        mo, w = MONTH_NUM[g["mon"][:3].lower()], g["w"].lower()
        k, anchor = MONTH_OF_YEAR[w]
        base = self.last_written if anchor == "narrative" else None
        self.rel(s, e, lambda o: sp.month(o.year + k, mo), Gr.MONTH, base, f"{g['mon']} of the {w} year")

    def reln(self, g: Groups, s: int, e: int) -> None:
        n, u, d = sp.count(g["n"]), g["u"].lower(), " ".join(g["dir"].lower().split())
        gran = {"month": Gr.MONTH, "year": Gr.YEAR, "decade": Gr.YEAR}.get(u, Gr.DAY)
        if n is None:
            self.add(s, e, None, gran, f"unresolved: vague count '{g['n']}'", relative=True)
            return
        if n != int(n):  # "half a year": six months
            n, u = int(n * (120 if u == "decade" else 12 if u == "year" else 1)), "month" if u in {"year", "decade"} else u
            gran = Gr.MONTH if u == "month" else gran
        n = int(n)
        sign, anchor = DIRECTIONS[d]
        k = sign * n
        if anchor == "publication":
            base = None
        elif anchor == "object" and self._object_follows(e):
            # "three days before New Year's Eve": relative to what follows, if it is a date
            base = self.peek(e)
            if base is None:
                self.add(s, e, None, gran, "unresolved: relative to an event that is not a date", relative=True)
                return
        else:
            base = self.last_day if u in {"minute", "hour", "day", "week"} else self._last(
                s, {Gr.DAY, Gr.MONTH} if u == "month" else None, None if u == "month" else PERIOD_REACH)
        if u in {"minute", "hour", "day", "week"}:
            per_day = {"week": 1 / 7, "day": 1, "hour": 24, "minute": 1440}[u]
            days = sign * int(n // per_day)  # "3 hours ago" is still the day itself
            self.rel(s, e, lambda o: (o + timedelta(days=days),) * 2, Gr.DAY, base,
                     f"{n} {u}(s) {d}: {days:+d} day(s)")
        elif u == "month":
            self.rel(s, e, lambda o: sp.month(*sp.add_months(o.year, o.month, k)), Gr.MONTH, base,
                     f"{n} month(s) {d}")
        else:
            years = k * (10 if u == "decade" else 1)
            if base is not None and base.granularity not in (Gr.DAY, Gr.RANGE):
                ps, pe, gr = sp.shift_years(base, years)
                self.add(s, e, (ps, pe), gr, f"'{base.text}' shifted {years:+d} year(s)",
                         f"'{base.text}' ({sp.iso(base.period_start)})", relative=True)
                return
            self.rel(s, e, lambda o: sp.year(o.year + years), Gr.YEAR, base, f"{n} {u}(s) {d}: {years:+d} year(s)")

    def _object_follows(self, e: int) -> bool:
        j = e
        while j < len(self.text) and j - e < 3 and self.text[j] in " \t":
            j += 1
        # "three months before that": the story's last date, not a named event
        return j > e and j < len(self.text) and self.text[j].isalnum() and self.next_word(e) not in PRONOUNS

    def peek(self, e: int) -> Mention | None:
        """The date written right after e, read without recording it
        (the main scan records it when it gets there)."""
        st = e
        while st < len(self.text) and st - e < 3 and self.text[st] in " \t":
            st += 1
        m = SCAN.match(self.text, st)
        if m is None or m.lastgroup == "reln":  # no chains of "a day before two days before ..."
            return None
        tmp = type(self)(self.text, self.pub, self.day_first)
        tmp.last_day, tmp.last_abs, tmp.last_written = self.last_day, self.last_abs, self.last_written
        getattr(tmp, m.lastgroup)(Groups(m, m.lastgroup), st, m.end())
        found = tmp.out[0] if tmp.out else None
        return found if found is not None and found.period_start else None


    def span(self, g: Groups, s: int, e: int) -> None:
        n, u, w = sp.count(g["n"]), g["u"].lower(), g["w"].lower()
        if n is None:
            self.add(s, e, None, Gr.RANGE, f"unresolved: vague count '{g['n']}'", relative=True)
            return
        sign, anchor = SPAN_WORDS[w]
        back = sign < 0
        base = self.last_day if anchor == "narrative" else None

        def compute(o: date) -> tuple[date, date]:
            if u in {"day", "week"}:
                other = o + timedelta(days=(-1 if back else 1) * n * (7 if u == "week" else 1))
            else:
                months = n * (12 if u == "year" else 120 if u == "decade" else 1) * (-1 if back else 1)
                y, m = sp.add_months(o.year, o.month, months)
                other = date(y, m, min(o.day, calendar.monthrange(y, m)[1]))
            return (other, o) if back else (o, other)

        self.rel(s, e, compute, Gr.RANGE, base, f"{w} {n} {u}(s)")

    def relword(self, g: Groups, s: int, e: int) -> None:
        t = (g["t"] or g["t2"] or "").lower()
        if t:
            shift = TODAY.get(t, 0)  # "that day": the story's last day itself
            if self.text[s] == "T" and s >= 2 and self.text[s - 2].isalpha() and self.prev_word(s)[:1].isupper():
                return  # "USA Today", "China Today": a name
            self.rel(s, e, lambda o: (o + timedelta(days=shift),) * 2, Gr.DAY,
                     self.last_day if t == "that" else None, f"'{t} day'" if t == "that" else f"'{t}'")
            return
        if g["w2"]:
            w = g["w2"].lower()
            k = DIRECTIONS[w][0]
            self.step(s, e, g["u2"].lower(), k, True, f"the {g['u2'].lower()} {w}")
            return
        w, u = g["w"].lower(), g["u"].lower()
        if self.text.startswith(" of ", e):
            return  # "the last week of May": a part of something, not a relative date
        k, anchor = REL_WORDS[w]
        if anchor == "range":
            if u in {"day", "quarter"}:
                return
            self.rel(s, e, lambda o: (sp.back(o, u), o), Gr.RANGE, None, f"the past {u}")
            return
        # "the next day" follows the story; "next week" follows publication.
        narrative = anchor == "narrative" or (w in NARRATIVE_AFTER_THE and g.m.group()[:3].lower() == "the")
        if u == "day" and w in NOT_BEFORE_DAY:
            return  # "the last day of trading": not a relative date
        self.step(s, e, u, k, narrative, f"'{w} {u}'")

    def step(self, s: int, e: int, u: str, k: int, narrative: bool, note: str) -> None:
        """The unit-sized period k units from the anchor (0 = the anchor's own)."""
        if u == "day":
            self.rel(s, e, lambda o: (o + timedelta(days=k),) * 2, Gr.DAY, self.last_day if narrative else None, note)
        elif u == "week":
            self.rel(s, e, lambda o: sp.week(o + timedelta(days=7 * k)), Gr.WEEK,
                     self.last_day if narrative else None, note)
        elif u == "month":
            self.rel(s, e, lambda o: sp.month(*sp.add_months(o.year, o.month, k)), Gr.MONTH,
                     self._last(s, {Gr.DAY, Gr.MONTH}, None) if narrative else None, note)
        elif u == "quarter":
            def quarter(o: date) -> tuple[date, date]:
                y, m = sp.add_months(o.year, o.month, 3 * k)
                return sp.quarter(y, (m + 2) // 3)
            self.rel(s, e, quarter, Gr.QUARTER,
                     self._last(s, {Gr.DAY, Gr.MONTH, Gr.QUARTER}, None) if narrative else None, note)
        elif u == "decade":
            self.rel(s, e, lambda o: (date(o.year // 10 * 10 + 10 * k, 1, 1), date(o.year // 10 * 10 + 10 * k + 9, 12, 31)),
                     Gr.RANGE, None, note)
        else:
            base = self._last(s, None, None) if narrative else None
            if base is not None and base.granularity in (Gr.YEAR, Gr.FISCAL_YEAR):
                ps, pe, gr = sp.shift_years(base, k)
                self.add(s, e, (ps, pe), gr, note, f"'{base.text}' ({sp.iso(base.period_start)})", relative=True)
            else:
                self.rel(s, e, lambda o: sp.year(o.year + k), Gr.YEAR, base, note)

    def weekday(self, g: Groups, s: int, e: int) -> None:
        mod = " ".join((g["m"] or "").lower().split())
        if not mod and self.prev_word(s).lower() in NAMED_DAYS:
            return
        wi = WEEKDAY_NUM[g["wd"][:3].lower()]
        how = WEEKDAY_MODS.get(mod, "by context")
        if how == "before":
            back, strict = True, True
        elif how == "after":
            back, strict = False, True
        elif how == "on or after":
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
