"""The arithmetic of a stated change, shared by the checks within a sentence
(arithmetic.py) and across the sentences of a paragraph (changes.py): each figure
is an interval (written precision, bound words), so a stated change is only
wrong when no value inside the intervals makes it true."""
from __future__ import annotations

import math
import re
from collections import defaultdict

from .. import fmt
from ..models import Bound, Claim, Finding, Mention
from .engine import Context

_UP = re.compile(r"\b(?:up|rose|rise|rises|rising|risen|increase[ds]?|increasing|gain(?:ed|s)?|grew|grow(?:s|th|ing)?|jump(?:ed|s)?|surge[ds]?|climb(?:ed|s)?|higher|rebound(?:ed|s)?|soar(?:ed|s)?|added|rais(?:ed|es|ing)|lift(?:ed|s)?|boost(?:ed|s)?|beat(?:s|ing)?|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|more\sthan|above|a\splus\sof|widen(?:ed|s|ing)?)\b|\+", re.I)
_DOWN = re.compile(r"\b(?:down|fell|fall(?:s|ing)?|decline[ds]?|declining|decrease[ds]?|decreasing|drop(?:ped|s)?|lower|slump(?:ed|s)?|lost|los(?:s|es)|retreat(?:ed|s)?|shr[ai]nk|shrunk|slid|plunge[ds]?|tumble[ds]?|cut|cuts|reduc(?:ed|es|ing|tion)|lowered|slash(?:ed|es)|trimm(?:ed|ing)|less\sthan|below|a\sminus\sof|narrow(?:ed|s|ing)?)\b|[-−](?=\s?\d)", re.I)  # a sign, not a hyphen ("year-on-year")
# "A, down from B" / "A (in 2024), up from B": the gap between a new value and its base (a year may be in it)
DOWN_FROM = re.compile(r"^[^.;]{0,40}?,?\s(?:down|up|higher|lower)\sfrom\s$", re.I)


def unit_class(m: Mention) -> str:
    return f"money:{m.unit}" if m.kind == "money" else f"{m.kind}:{m.unit}"


# "274% above the 2.43 trillion won earned a year earlier", "below the $45.6 billion": a figure that
# is itself what something is compared with is no new value of a change or a multiple
_COMPARED = re.compile(r"\b(?:from|above|below|than|versus|vs\.?|compared\s(?:with|to))\s(?:[\w'’.-]{1,20}\s){0,3}?$", re.I)


def compared(text: str, c: Claim) -> bool:
    return _COMPARED.search(text, max(0, c.mention.start - 40), c.mention.start) is not None


def fits(pattern: re.Pattern, text: str, start: int, end: int) -> bool:
    """Whether the pattern matches exactly the text between two figures."""
    m = pattern.match(text, start, end)
    return m is not None and m.end() == end


def span(m: Mention) -> tuple[float, float]:
    lo = m.low if m.low is not None else (0.0 if m.kind != "percent" else -math.inf)
    hi = m.high if m.high is not None else math.inf
    if math.isinf(hi) and lo > 0:
        hi = lo * 1.25  # "exceeded 250 million" is not "any amount above 250 million" when it is divided
    return lo, hi


def ratio(new: Mention, base: Mention) -> tuple[float, float] | None:
    nlo, nhi = span(new)
    blo, bhi = span(base)
    if blo <= 0 or nlo < 0:
        return None
    return nlo / bhi, (nhi / blo if math.isfinite(nhi) else math.inf)


def comparable_rate(a: Mention, b: Mention) -> bool:
    """A rate and an amount of one currency ("$8.53 a share" and "$2.86 billion") are one quantity
    only when the amount's elided denominator is plausible ("$320 a share" and "the close of
    $282.50"): within a factor of 100 of each other."""
    if (a.per is None) == (b.per is None) or not a.value or not b.value:
        return True
    return 0.01 <= abs(a.value / b.value) <= 100


def direction(text: str, c: Claim) -> int:
    m = c.mention
    if text[m.start : m.start + 1] in "-−":
        return -1
    window = text[max(c.sentence_start, m.start - 30) : min(c.sentence_end, m.end + 15)]
    down, up = _DOWN.search(window), _UP.search(window)
    if down and not up:
        return -1
    if up and not down:
        return 1
    return 0


def hedged(c: Claim) -> bool:
    return bool({"potentially", "under ideal conditions", "ideally", "could", "might", "if"} & set(c.hedges))


def finding(ctx: Context, rule, title: str, why: str, parts: list[tuple[Claim, str]]) -> Finding:
    first = parts[0][0]
    return Finding(
        rule=rule.id, kind="arithmetic", severity=rule.severity,
        message=(rule.message or "{title}: {why}").format_map({"title": title, "why": why}),
        entity=ctx.kb.entity_matcher.display(first.entity) if first.entity else None,
        metric=first.metric, period=first.period.label if first.period else None,
        claims=[ctx.ref(c, role) for c, role in parts], explanation=why,
    )


def _counted(m: Mention) -> tuple[float, float]:
    """A figure's interval; a small whole count written exactly ("27 floaters") is exact: units,
    vessels and stores are counted, not rounded."""
    if m.kind == "count" and m.bound == Bound.EXACT and m.value is not None and m.value.is_integer() \
            and m.value < 1000 and not any(n.startswith("scale") for n in m.notes):
        return m.value, m.value
    return span(m)


def sum_finding(ctx: Context, rule, total: Claim, parts: list[Claim], told: str = "") -> Finding | None:
    """The finding for a stated total its parts do not give (each an interval: rounding never flags)."""
    t = total.mention
    lo = sum(_counted(c.mention)[0] for c in parts)
    hi = sum(_counted(c.mention)[1] for c in parts)
    tlo, thi = _counted(t)
    tol = rule.tolerance.relative * abs(t.value)
    if lo - tol <= thi and tlo <= hi + tol:
        return None
    added = sum(c.mention.value for c in parts)
    why = (f"the parts{told} add up to {fmt.amount(added, t.unit, t.kind)} "
           f"({' + '.join(fmt.amount(c.mention.value, None, c.mention.kind) for c in parts)}), "
           f"but the text gives the total as {fmt.mention(t)}")
    return finding(ctx, rule, "parts do not add up to the total", why, [(total, "stated total"), *[(c, "part") for c in parts]])


def ratio_finding(ctx: Context, rule, stated: Claim, said: tuple[float, float], num: Claim, den: Claim, title: str,
                  roles: tuple[str, str, str]) -> Finding | None:
    """The finding for a stated percentage (`said`: its interval, in percent) that num / den
    does not give, each figure an interval; None when some values inside them give it."""
    nlo, nhi = span(num.mention)
    dlo, dhi = span(den.mention)
    if dlo <= 0:
        return None
    lo, hi = nlo / dhi * 100, nhi / dlo * 100
    tol = max(rule.tolerance.absolute, 0.5)
    if said[0] - tol <= hi and lo <= said[1] + tol:
        return None
    n, d = num.mention, den.mention
    why = (f"{fmt.amount(n.value, n.unit, n.kind)} / {fmt.amount(d.value, d.unit, d.kind)} = "
           f"{n.value / d.value * 100:.3g}%, but the text says {fmt.mention(stated.mention)}")
    return finding(ctx, rule, title, why, [(stated, roles[0]), (num, roles[1]), (den, roles[2])])


def by_sentence(claims: list[Claim]) -> dict[tuple[str, int], list[Claim]]:
    """Claims by (document, sentence start), each sentence's in text order."""
    out: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in claims:
        out[(c.mention.doc, c.sentence_start)].append(c)
    for v in out.values():
        v.sort(key=lambda c: c.mention.start)
    return out


# (a scale slip, "$1.14 million" for "$1.14 billion", is three orders and stays checked)
_APART = 1e5


def change_finding(ctx: Context, rule, pc: Claim, new: Claim, base: Claim, sign: int, where: str = "") -> Finding | None:
    """The finding for a stated change `pc` (sign +1/-1) that new / base - 1 does not give."""
    p = pc.mention
    cls = unit_class(base.mention)
    stated_lo, stated_hi = span(p)
    if sign < 0:
        stated_lo, stated_hi = -stated_hi, -stated_lo
    tol = max(rule.tolerance.absolute, rule.tolerance.relative * abs(p.value or 0))
    n, b = new.mention, base.mention
    if not comparable_rate(n, b):
        return None
    if p.kind == "percent-point" or (cls == "percent:%" and p.kind == "percent-point"):
        if cls != "percent:%":
            return None
        nlo, nhi = span(n)
        blo, bhi = span(b)
        lo, hi = nlo - bhi, nhi - blo
        computed = f"{fmt.amount(n.value, '%')} - {fmt.amount(b.value, '%')} = {n.value - b.value:+.3g} points"
    else:
        r = ratio(n, b)
        if r is None or r[0] > _APART or r[1] < 1 / _APART:
            return None  # five orders of magnitude apart: a price and a total, never one figure's change
        lo, hi = (r[0] - 1) * 100, (r[1] - 1) * 100
        actual = (n.value / b.value - 1) * 100
        computed = f"{fmt.amount(n.value, n.unit, n.kind)} / {fmt.amount(b.value, b.unit, b.kind)} - 1 = {actual:+.3g}%"
    if stated_lo - tol <= hi and lo <= stated_hi + tol:
        return None
    # (a signed figure, "-6,5%" in a table's change column, carries its own sign)
    said = f"{'' if p.value < 0 else '+' if sign > 0 else '-'}{fmt.amount(p.value, p.unit, p.kind)}"
    why = f"{computed}, but the text says {said}"
    if p.kind == "percent" and cls == "percent:%" and abs((n.value - b.value) - sign * p.value) <= max(tol, 0.051):
        why += " (that is the change in percentage points, not in percent)"
    return finding(ctx, rule, "percent change does not match its figures" + where, why, [(pc, "stated change"), (new, "new value"), (base, "base value")])


def told_as_earlier(ctx: Context, c: Claim) -> bool:
    """Whether the figure's sentence says it is of an earlier time ("the previous year", "a year
    earlier", "had produced")."""
    return ctx.kb.frame_words.told_as_earlier(ctx.docs[c.mention.doc].text[c.sentence_start : c.sentence_end].casefold())


def earlier_cue(ctx: Context, lowered: str) -> bool:
    """Whether lower-cased text holds one of the lexicon's cues of an earlier time."""
    return any(cue in lowered for cue in ctx.kb.frame_words.earlier_cues)
