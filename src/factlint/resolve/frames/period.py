"""What period a figure is about, kept apart from when it was said.

A date attached to a reporting verb at day level ("said on Tuesday", "announced
last week") is the as-of date; a date attached to the figure, its noun or its
verb ("in the third quarter", "for 2026", "over the next three years") is the
period.  Attachment is read from the tree: the date's preposition (or the date
itself, "said Tuesday") hangs from a token, and that token's place on the path
from the figure to the root decides.
"""
from __future__ import annotations

from ...knowledge import FrameWords
from ...models import Granularity, Mention, Slot
from ...parse import Parse, Tok
from .grammar import Anchor, figure_head

_DAYISH = {Granularity.DAY, Granularity.WEEK}


def _attachment(p: Parse, t: Tok) -> Tok:
    """What a date phrase hangs from: through its preposition, or directly."""
    h = p.toks[t.head] if t.head != t.i else t
    if h.dep == "prep" or h.pos == "ADP":
        return p.toks[h.head] if h.head != h.i else h
    return h


def _prep(p: Parse, t: Tok) -> str | None:
    h = p.toks[t.head] if t.head != t.i else None
    return h.lemma if h is not None and (h.dep == "prep" or h.pos == "ADP") else None


def _own_verbs(p: Parse, path: list[int]) -> set[int]:
    """The figure's governing verb and, for reported speech, the verb of saying above it
    ("Alibaba said it would spend"): never a verb of another clause joined by ';' or 'and'."""
    out: set[int] = set()
    for i in path:
        t = p.toks[i]
        if t.pos in ("VERB", "AUX"):
            out.add(i)
            if t.dep not in ("ccomp", "xcomp", "advcl") or len(out) >= 2:
                break
    return out


def _path(p: Parse, t: Tok) -> list[int]:
    out, seen = [t.i], 0
    while t.head != t.i and seen < len(p.toks):
        t = p.toks[t.head]
        out.append(t.i)
        seen += 1
    return out


def read_dates(p: Parse, a: Anchor, dates: list[tuple[Mention, int, int]], words: FrameWords,
               other_figures: set[int]) -> tuple[Slot, Mention | None, Slot, Mention | None]:
    """(period slot, its date, as-of slot, its date) for the figure anchored at `a`.
    `dates` are the sentence's date mentions with their sentence offsets."""
    report = set(words.report_verbs)
    path = _path(p, a.head)
    own_verbs = _own_verbs(p, path)
    # The figure's own clause: its path up to the highest of its own verbs, and its noun.
    top = max((path.index(i) for i in own_verbs), default=len(path) - 1)
    clause = path[: top + 1] + ([a.noun.i] if a.noun is not None else [])
    reported = any(p.toks[i].lemma in report for i in own_verbs)
    best: tuple[int, Mention, str] | None = None
    as_of: tuple[int, Mention, str] | None = None
    for m, s, e in dates:
        dh = figure_head(p, s, e)
        if dh is None:
            continue
        att = _attachment(p, dh)
        if att.i in other_figures or att.i not in clause:
            continue  # another figure's date ("from 40 billion a year earlier") or another clause's
        prep = _prep(p, dh)
        dayish = m.granularity in _DAYISH or (m.relative and m.granularity != Granularity.YEAR)
        stated_period = prep in ("for", "over", "during", "through", "until")
        # A date on a reporting verb is when it was said ("in December the FT reported"); a day
        # in reported speech too ("said on Monday it would spend": the parser may hang the day on
        # either verb).  A period of what is reported is stated as one ("for 2024").
        if not stated_period and (att.lemma in report or (dayish and reported)):
            if as_of is None:
                as_of = (0, m, f"date-of-{att.lemma}")
            continue
        dist = clause.index(att.i)
        if best is None or dist < best[0]:
            best = (dist, m, f"date-attached-to-{att.lemma}")
    period = Slot(value=None)
    pm = None
    if best is not None:
        pm = best[1]
        period = Slot(value=pm.text, words=pm.text, rule=best[2], confidence=0.9 if best[0] <= 2 else 0.7)
    asof = Slot(value=None)
    am = None
    if as_of is not None:
        am = as_of[1]
        asof = Slot(value=am.text, words=am.text, rule=as_of[2], confidence=0.85)
    return period, pm, asof, am
