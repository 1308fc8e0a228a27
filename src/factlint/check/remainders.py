"""arithmetic: a part of a whole and what it leaves.

    "45 of the 65 turbines are up, leaving 25 still to be installed"     65 - 45 = 20, not 25

In one sentence, a count A, then "of the" (of its, out of) a count B, then ", leaving C" (with C
left, with C remaining, C to go) says C = B - A.  All three are counts (C may leave out the
noun), exact or rounded as written; anything hedged or ranged is not checked.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .. import fmt
from ..models import Bound, Finding, Mention
from .engine import Context
from .figmath import span

_OF = re.compile(r"^\s(?:of|out\sof)\s(?:the|its|their|all)?\s?$", re.I)
_LEAVING = re.compile(r"^[^.;]{0,60}?,\s(?:leaving|with)\s(?:just\s|only\s|another\s)?$", re.I)
_LEFT = re.compile(r"^\s(?:[\w'’-]{1,20}\s){0,2}?(?:left|remaining|still|to\sgo|outstanding|yet)\b", re.I)


def remainders(ctx: Context, rule, analysis) -> Iterator[Finding]:
    """One article's consecutive mentions (bare numbers are no claims, so mentions are read)."""
    text = analysis.doc.text
    figures = [m for m in analysis.mentions if m.kind != "date"]
    for a, b, c in zip(figures, figures[1:], figures[2:]):
        if not all(_count(x) for x in (a, b, c)) or not _OF.match(text[a.end : b.start]) \
                or not _LEAVING.match(text[b.end : c.start]) or _sentence_end(text, a.end, c.start):
            continue
        if text[max(0, c.start - 5) : c.start].rstrip().endswith("with") and not _LEFT.match(text, c.end):
            continue  # "with 25 engineers on site": not what is left
        f = _check(ctx, rule, a, b, c)
        if f is not None:
            yield f


def _sentence_end(text: str, start: int, end: int) -> bool:
    return re.search(r"[.;!?](?:\s|$)", text[start:end]) is not None


def _count(m: Mention) -> bool:
    return m.kind in ("count", "number") and m.value is not None and m.bound in (Bound.EXACT, Bound.APPROX)


def _check(ctx: Context, rule, part: Mention, whole: Mention, left: Mention) -> Finding | None:
    plo, phi = span(part)
    wlo, whi = span(whole)
    llo, lhi = span(left)
    if wlo - phi <= lhi and llo <= whi - plo:
        return None
    why = (f"{fmt.amount(whole.value, None, whole.kind)} - {fmt.amount(part.value, None, part.kind)} = "
           f"{fmt.amount(whole.value - part.value, None, whole.kind)}, but the text says {fmt.mention(left)} are left")
    return Finding(rule=rule.id, kind="arithmetic", severity=rule.severity,
                   message=(rule.message or "{title}: {why}").format_map({"title": "what is left does not match the part and the whole", "why": why}),
                   claims=[ctx.mention_ref(left, "stated remainder"), ctx.mention_ref(part, "part"), ctx.mention_ref(whole, "whole")],
                   explanation=why)
