"""Figures written back for people: '470 billion CNY', 'at least 200 billion CNY'."""
from __future__ import annotations

from .models import Bound, Mention

_SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]
_BOUND_WORD = {
    Bound.BELOW: "nearly ", Bound.APPROX: "about ", Bound.ABOVE: "over ", Bound.AT_LEAST: "at least ",
    Bound.AT_MOST: "at most ", Bound.UNDER: "under ",
}


def number(v: float) -> str:
    a = abs(v)
    for scale, word in _SCALES:
        if a >= scale:
            return f"{_trim(v / scale)} {word}"
    if a >= 10_000 or (a >= 1_000 and v == int(v)):
        return f"{v:,.0f}"  # (whole thousands grouped as 40,000 is: "9,000 + 40,000")
    return _trim(v)


def _trim(v: float) -> str:
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return s if s != "-0" else "0"


def amount(value: float | None, unit: str | None, kind: str = "") -> str:
    if value is None:
        return "?"
    if kind == "percent" or unit == "%":
        return f"{_trim(value)}%"
    if kind == "fraction":  # "two thirds" read as a share
        return f"{_trim(round(value * 100, 1))}%"
    if kind == "multiple" or unit == "x":
        return f"{_trim(value)}x"
    # pint unit names read as words ("metric_ton": metric ton)
    return f"{number(value)} {unit.replace('_', ' ')}".rstrip() if unit else number(value)


def mention(m: Mention) -> str:
    if m.bound == Bound.RANGE and m.low is not None and m.high is not None:
        # as written: the ends are widened by the written precision ("3% to 4%" is 2.5-4.5), which
        # says nothing to a reader
        return " ".join(m.text.split()) if m.text else f"{amount(m.low, None, m.kind)}-{amount(m.high, m.unit, m.kind)}"
    return _BOUND_WORD.get(m.bound, "") + amount(m.value, m.unit, m.kind)
