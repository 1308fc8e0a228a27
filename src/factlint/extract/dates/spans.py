"""Calendar arithmetic: the inclusive (start, end) days of months, quarters,
halves, years and weeks, and shifting them."""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from ...models import Granularity as Gr
from ...models import Mention
from .words import NUM_WORDS, TENS


def month(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def quarter(y: int, q: int) -> tuple[date, date]:
    return date(y, 3 * q - 2, 1), month(y, 3 * q)[1]


def half(y: int, h: int) -> tuple[date, date]:
    return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))


def year(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


def week(d: date) -> tuple[date, date]:
    mon = d - timedelta(days=d.weekday())
    return mon, mon + timedelta(days=6)


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + m - 1 + n
    return k // 12, k % 12 + 1


def shift_years(m: Mention, n: int) -> tuple[date, date, Gr]:
    """The same period n years later (negative: earlier)."""
    s, e, g = m.period_start, m.period_end, m.granularity
    if g == Gr.MONTH:
        return (*month(s.year + n, s.month), g)
    if g in (Gr.QUARTER, Gr.HALF, Gr.YEAR, Gr.FISCAL_YEAR):  # start on the 1st, end on a month's last day
        return date(s.year + n, s.month, 1), month(e.year + n, e.month)[1], g
    return (*year(s.year + n), Gr.YEAR)


def back(o: date, unit: str) -> date:
    """One week, month, year or decade before o."""
    if unit == "week":
        return o - timedelta(days=7)
    y, m = add_months(o.year, o.month, -{"month": 1, "year": 12, "decade": 120}[unit])
    return date(y, m, min(o.day, calendar.monthrange(y, m)[1]))


def yy(two: str) -> int:
    return 2000 + int(two)


def count(word: str) -> float | None:
    """The number a count word or digits give ("nine", "twenty-one", "a couple of")."""
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    if w in NUM_WORDS:
        return NUM_WORDS[w]
    tens, _, unit = w.partition("-")
    if tens in TENS and unit in NUM_WORDS:
        return TENS[tens] + NUM_WORDS[unit]
    return None  # a few, several, dozens of: too vague to place


def iso(d: date | None) -> str:
    return d.isoformat() if d else "?"


# First day of the Lunar New Year.
LUNAR = {
    2020: date(2020, 1, 25), 2021: date(2021, 2, 12), 2022: date(2022, 2, 1), 2023: date(2023, 1, 22),
    2024: date(2024, 2, 10), 2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6),
    2028: date(2028, 1, 26), 2029: date(2029, 2, 13), 2030: date(2030, 2, 3),
}
