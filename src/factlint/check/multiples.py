"""arithmetic: a stated multiple and the two figures it relates.

    "$70 billion, nearly 3 times the $25 billion"                      70 / 25
    "shipped 417,204 vehicles, up from 242,765, so sales more than doubled"  417,204 / 242,765
    "It sold 3.5 million consoles. That is roughly double the 2.74 million units ..."

The base follows the multiple ("the", "that of", "than"); the value is the figure before it in
the sentence, or, when the sentence opens with "That"/"This"/"The"/"Its", the previous
sentence's figure of the same fact (or its only figure of that kind).  A multiple with no base
after it ("more than doubled") relates the pair the sentence gave before it: "A, up from B" or
"from B to A"; a multiple verb, the "to A from B" after it ("more than tripled to $2.8bn from
$1.1bn").  Anything less certain is not checked.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict

from .. import fmt
from ..models import Claim, Finding
from .engine import Context
from .figmath import DOWN_FROM, compared, finding, hedged, ratio, span, unit_class

_MULT_GAP = re.compile(r"^\s(?:the|that of|those of|than|as much as|of)\s(?:[\w'’-]{1,20}\s){0,3}?$|^\s(?:the|that of|than)\s$"
                       r"|^\s(?:the\s)?(?:\d{4}|last\syear|the\sprevious\syear)['’]s\s$", re.I)  # "more than triple 2023's $214 million"
# "about three times Norfolk Southern's 19,500": the base is a named company's figure (case matters)
_NAMED_BASE = re.compile(r"^\s(?:[A-Z][\w&.-]*\s){0,3}[A-Z][\w&.-]*['’]s\s$")
_FROM_TO = re.compile(r"^[^.;\d]{0,20}?\sto\s$", re.I)  # "from 242,765 to 417,204"
_FROM_BEFORE = re.compile(r"\bfrom\s(?:\S+\s){0,3}$", re.I)
_TAIL = re.compile(r"^[^.;:]{0,80}$")  # the pair's clause runs on to the multiple ("..., meaning sales more than doubled")
_POINTS_BACK = re.compile(r"\s*(?:That|This|The|Its)\s")


def multiple(ctx: Context, rule, text: str, mc: Claim, figures) -> Finding | None:
    """`figures`: the sentence's figures (check/arithmetic._Sentence)."""
    x = mc.mention
    plain = figures.view("plain")
    base = plain.first_at(x.end)
    gap = text[x.end : base.mention.start] if base is not None else ""
    if base is None or not (_MULT_GAP.match(gap) or _NAMED_BASE.match(gap)):
        pair = _pair_before(text, mc, plain) or _pair_after(text, mc, plain)
        if pair is None:
            return None
        new, base = pair
    else:
        new = _value_before(ctx, mc, base, figures)
        if new is None:
            return None
    r = ratio(new.mention, base.mention)
    if r is None:
        return None
    lo, hi = span(x)
    tol = max(rule.tolerance.absolute, rule.tolerance.relative * abs(x.value or 0))
    if lo - tol <= r[1] and r[0] <= hi + tol:
        return None
    n, b = new.mention, base.mention
    why = (f"{fmt.amount(n.value, n.unit, n.kind)} / {fmt.amount(b.value, b.unit, b.kind)} = {n.value / b.value:.3g}x, "
           f"but the text says {fmt.mention(x)}")
    return finding(ctx, rule, "multiple does not match its figures", why, [(mc, "stated multiple"), (new, "value"), (base, "base value")])


def _value_before(ctx: Context, mc: Claim, base: Claim, figures) -> Claim | None:
    before = figures.view("plain", unit_class(base.mention)).last_by(mc.mention.start, 1)
    # A comparison base or a replaced figure before the multiple is not what it multiplies:
    # "The figure, raised from $250bn ..., triples the previous goal of $100bn".
    if before and before[-1].role not in ("base", "previous") and not compared(ctx.docs[mc.mention.doc].text, before[-1]):
        return before[-1]
    # "That valuation is more than triple the $1.4 billion": the previous sentence's figure.
    return _previous_figure(ctx, mc, base)


def _pair_before(text: str, mc: Claim, plain) -> tuple[Claim, Claim] | None:
    """(new, base) of "A, up from B ..., meaning sales more than doubled" / "from B to A, a
    doubling": the two figures right before the multiple, of one kind, in its clause."""
    before = plain.last_by(mc.mention.start, 2)
    if len(before) < 2:
        return None
    a, b = before
    elided = a.mention.kind == b.mention.kind == "count" and None in (a.mention.unit, b.mention.unit)  # "up from 242,765"
    if not (elided or unit_class(a.mention) == unit_class(b.mention)) or not _TAIL.match(text[b.mention.end : mc.mention.start]):
        return None
    gap = text[a.mention.end : b.mention.start]
    if DOWN_FROM.match(gap):  # "417,204 vehicles ..., up from 242,765"
        return a, b
    if _FROM_TO.match(gap) and _FROM_BEFORE.search(text, max(0, a.mention.start - 30), a.mention.start):
        return b, a
    return None


_TO = re.compile(r"^\s(?:to|at)\s(?:about\s|around\s|roughly\s|some\s)?$", re.I)
_THEN_FROM = re.compile(r"^,?\s(?:from|up\sfrom)\s(?:about\s|around\s|roughly\s|some\s|a\s|the\s)?$", re.I)


def _pair_after(text: str, mc: Claim, plain) -> tuple[Claim, Claim] | None:
    """(new, base) of "operating income more than tripled to $2.8bn from $1.1bn": the verb's
    "to A from B", right after it."""
    a = plain.first_at(mc.mention.end)
    if a is None or not _TO.match(text[mc.mention.end : a.mention.start]):
        return None
    b = plain.first_at(a.mention.end)
    if b is None or unit_class(a.mention) != unit_class(b.mention) or not _THEN_FROM.match(text[a.mention.end : b.mention.start]):
        return None
    return a, b


def _previous_figure(ctx: Context, mc: Claim, base: Claim) -> Claim | None:
    text = ctx.docs[mc.mention.doc].text
    if not _POINTS_BACK.match(text[mc.sentence_start : mc.sentence_start + 8]):
        return None
    index = ctx.memo(("previous-figure", mc.mention.doc), lambda: _FigureIndex(ctx, mc.mention.doc))
    cls = unit_class(base.mention)
    if base.metric is not None:
        earlier = index.last((base.entity, cls, base.metric), mc.sentence_start)
        if earlier is not None and mc.sentence_start - earlier.sentence_end <= 3:
            return earlier
    # "It sold more than 3.5 million consoles ... That is roughly double the 2.74 million units":
    # the previous sentence's only figure of the kind, whatever it was called.
    only = index.only_in_previous(_kind(base.mention), mc.sentence_start)
    if only is not None and only.mention.per == base.mention.per:  # a total is no multiple of a rate a year
        return only
    # "The new budget is more than three times the 620 billion yen ...": the plan the article last gave.
    return index.last((base.entity, cls, "standing"), mc.sentence_start) if _standing(ctx, base.metric) else None


class _FigureIndex:
    """One document's figures that can be an earlier sentence's value, by (entity, unit class,
    metric), (entity, unit class, "standing") and (kind, "*"), each in text order: a lookup
    is a bisection, not a scan of the document's claims."""

    def __init__(self, ctx: Context, path: str):
        self._lists: dict[tuple, list[Claim]] = defaultdict(list)
        for c in ctx.claims_in(path):
            if c.role == "base" or hedged(c) or c.equivalent_of is not None:
                continue
            self._lists[(c.entity, unit_class(c.mention), c.metric)].append(c)
            self._lists[(_kind(c.mention), "*")].append(c)
            if _standing(ctx, c.metric):
                self._lists[(c.entity, unit_class(c.mention), "standing")].append(c)
        self._ends = {k: [c.sentence_end for c in v] for k, v in self._lists.items()}

    def last(self, key: tuple, before: int) -> Claim | None:
        """The last claim under `key` whose sentence ends by `before`."""
        ends = self._ends.get(key)
        if not ends:
            return None
        i = bisect_right(ends, before)
        return self._lists[key][i - 1] if i else None

    def only_in_previous(self, kind: str, start: int) -> Claim | None:
        """The one figure of the kind (_kind) in the sentence right before `start`, if it has one only."""
        key = (kind, "*")
        ends = self._ends.get(key)
        if not ends:
            return None
        i = bisect_right(ends, start)
        if not i:
            return None
        last = self._lists[key][i - 1]
        if start - last.sentence_end > 3:
            return None
        if i >= 2 and self._lists[key][i - 2].sentence_start == last.sentence_start:
            return None  # the sentence gives two: which one is meant is unknown
        return last


def _kind(m) -> str:
    """Counts of any noun ("3.4 million consoles", "2.74 million units"); money by currency."""
    return "count" if m.kind == "count" else unit_class(m)


def _standing(ctx: Context, metric: str | None) -> bool:
    m = ctx.kb.metric_by_id.get(metric or "")
    return bool(m and m.standing)
