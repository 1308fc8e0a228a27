"""arithmetic: a total over a number of periods and the rate per period it is said to give.

    "Sky and TNT pay £6.7bn over four seasons. That works out at around £1.9bn per season."
                                                    4 x 1.9 = 7.6, not 6.7

A money total followed by "over N <period>s" (seasons, years, months, quarters, weeks, days)
is checked against an amount "per <period>" / "a <period>" in the same currency: the first after
it in its sentence, else the only one of the next sentence when that sentence states no other
amount in the currency.  The other order too: "a 365-day contract at $455,000 per day, worth
about $180 million" (length, rate, then the total).  Each figure is an interval (written precision, bound words); only
a rate that no value inside the intervals makes true is reported.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from .. import fmt
from ..models import Claim, Finding
from .engine import Context
from .figmath import finding, hedged, span

_OVER_WORDS = r"(?:over|across|spread over|for)\s(?:the\s)?(?:next\s)?"
_OVER = re.compile(_OVER_WORDS, re.I)  # in the count's own text ("over four seasons")
_OVER_GAP = re.compile(rf"\s?(?:{_OVER_WORDS})?", re.I)  # or between the total and the count
_PERIODS = {"season": "season", "seasons": "season", "year": "year", "years": "year", "month": "month",
            "months": "month", "quarter": "quarter", "quarters": "quarter", "week": "week", "weeks": "week",
            "day": "day", "days": "day"}


def per_period(ctx: Context, rule, sentences: list[list[Claim]]) -> Iterator[Finding]:
    """`sentences`: one document's claims by sentence, in text order."""
    rates = [_rates(s) for s in sentences]  # per sentence: (currency, period) -> its rates, built once
    for k, claims in enumerate(sentences):
        text = ctx.docs[claims[0].mention.doc].text
        for total, n, unit in _totals(text, claims):
            key, cur = (total.mention.unit, unit), total.mention.unit
            # The first rate after the total in its own sentence ("worth £6.7bn over four seasons,
            # works out at around £2.2bn per season, compared with £1.7bn a season for ..."), else
            # the only rate of the next sentence if that one states no other amount in the currency
            # ("... the $2.7 billion a year it earns under the current $24 billion deal" may be that deal's).
            own = rates[k][0].get(key, [])
            at = bisect_right(own, n.mention.end, key=lambda c: c.mention.start)  # rates are in text order
            rate = own[at] if at < len(own) else None
            if rate is None and k + 1 < len(rates):
                later, amounts = rates[k + 1]
                found = later.get(key, ())[:2]
                rate = found[0] if len(found) == 1 and not amounts.get(cur) else None
            if rate is None:
                continue
            f = _check(ctx, rule, total, n, rate, unit)
            if f is not None:
                yield f
        for n, rate, total, unit in _rate_first(text, claims):
            f = _check(ctx, rule, total, n, rate, unit)
            if f is not None:
                yield f


# "a 365-day contract at $455,000 per day, worth about $180 million": length, rate, then the total
_LENGTH_TO_RATE = re.compile(r"\s(?:[\w-]{1,20}\s){0,3}(?:at|of|paying)\s")
_RATE_TO_TOTAL = re.compile(r"\s(?:per|a)\s[a-z]{3,8},?\s(?:worth|valued\sat|totalling|totaling|or|for\sa\stotal\sof)\s")


def _rate_first(text: str, claims: list[Claim]) -> Iterator[tuple[Claim, Claim, Claim, str]]:
    """(length, rate, total, period) for "a 365-day contract at $455,000 per day, worth about $180 million"."""
    for n, r, t in zip(claims, claims[1:], claims[2:]):
        unit = _PERIODS.get((n.mention.unit or "").casefold())
        rm, tm = r.mention, t.mention
        if unit is None or n.mention.kind != "quantity" or n.mention.value is None or rm.kind != "money" \
                or _PERIODS.get(rm.per or "") != unit or tm.kind != "money" or tm.per or tm.unit != rm.unit \
                or rm.value is None or tm.value is None or hedged(r) or hedged(t):
            continue
        if _LENGTH_TO_RATE.fullmatch(text, n.mention.end, rm.start) and _RATE_TO_TOTAL.fullmatch(text, rm.end, tm.start):
            yield n, r, t, unit


def _rates(claims: list[Claim]) -> tuple[dict[tuple, list[Claim]], dict[str | None, int]]:
    """A sentence's rates per period by (currency, period), and how many other amounts it
    states in each currency ("$2.7 billion a year under the current $24 billion deal")."""
    out: dict[tuple, list[Claim]] = {}
    amounts: dict[str | None, int] = {}
    for c in claims:
        m = c.mention
        unit = _PERIODS.get(m.per or "")
        if m.kind == "money" and unit and m.value is not None and not hedged(c):
            out.setdefault((m.unit, unit), []).append(c)
        elif m.kind == "money":
            amounts[m.unit] = amounts.get(m.unit, 0) + 1
    return out, amounts


def _totals(text: str, claims: list[Claim]) -> Iterator[tuple[Claim, Claim, str]]:
    """(total, its number of periods, the period) for "£6.7bn over four seasons"."""
    for a, b in zip(claims, claims[1:]):
        m, n = a.mention, b.mention
        if m.kind != "money" or m.value is None or m.per or n.kind not in ("count", "quantity") or n.value is None or hedged(a):
            continue
        unit = _PERIODS.get((n.unit or "").casefold())
        gap = text[m.end : n.start]
        if unit is None or not (_OVER_GAP.fullmatch(gap) and (_OVER.match(n.text) or gap.strip())):
            continue  # "£6.7bn over four seasons", "$30 billion over three years"
        yield a, b, unit


def _check(ctx: Context, rule, total: Claim, n: Claim, rate: Claim, unit: str) -> Finding | None:
    t, r = total.mention, rate.mention
    periods = n.mention.value
    tlo, thi = span(t)
    rlo, rhi = span(r)
    tol = max(rule.tolerance.relative, 0.01)
    if rlo * periods * (1 - tol) <= thi and tlo <= rhi * periods * (1 + tol):
        return None
    why = (f"{fmt.amount(t.value, t.unit, t.kind)} over {periods:g} {unit}s is "
           f"{fmt.amount(t.value / periods, t.unit, t.kind)} per {unit}, but the text says {fmt.mention(r)}")
    return finding(ctx, rule, "rate per period does not match its total", why,
                   [(rate, "stated rate"), (total, "total"), (n, "number of periods")])
