"""What period a figure is about, kept apart from when it was said.

A date attached to a reporting verb at day level ("said on Tuesday", "announced
last week") is the as-of date; a date attached to the figure, its noun or its
verb ("in the third quarter", "for 2026", "over the next three years") is the
period.  Attachment is read from the tree: the date's preposition (or the date
itself, "said Tuesday") hangs from a token, and that token's place on the path
from the figure to the root decides.
"""
from __future__ import annotations

from ...lexicons import FrameWords
from ...models import Granularity, Mention, Slot
from ...parse import Parse, Tok
from .grammar import Anchor, figure_head

_DAYISH = {Granularity.DAY, Granularity.WEEK}


def _attachment(p: Parse, t: Tok, time_nouns) -> Tok:
    """What a date phrase hangs from: through its preposition, or directly; through a time noun
    that modifies another ("full-year 2024 sales": the year's figure is the sales')."""
    h = p.toks[t.head] if t.head != t.i else t
    if h.dep == "prep" or h.pos == "ADP":
        return p.toks[h.head] if h.head != h.i else h
    if h.lemma in time_nouns and h.dep in ("nmod", "compound", "amod") and h.head != h.i:
        return p.toks[h.head]
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


def _own_phrase(p: Parse, n: Tok) -> set[int]:
    """A noun phrase's tokens without its clauses and comparisons: in "income of about $95.5
    billion, higher than the forecast it gave in January" January dates the other forecast."""
    out, stack = {n.i}, [n]
    while stack:
        for c in p.children(stack.pop().i):
            if c.dep in _OTHER_CLAUSE or (c.dep == "amod" and c.i > n.i):
                continue
            out.add(c.i)
            stack.append(c)
    return out


_OTHER_CLAUSE = ("relcl", "acl", "advcl", "ccomp", "appos", "conj", "cc")


def _subordinate(p: Parse, att: Tok, clause: list[int], own: set[int]) -> bool:
    """Whether a date's attachment sits in a relative or adverbial clause hanging from the
    figure's own clause: then it dates something else the sentence mentions.  A clause on the
    figure's own noun ("the 495,570 cars delivered in the fourth quarter") describes the figure."""
    t, seen = att, 0
    while t.i not in clause and t.head != t.i and seen < len(p.toks):
        if t.dep in ("relcl", "acl", "advcl") and t.pos in ("VERB", "AUX"):
            return t.head not in own
        t, seen = p.toks[t.head], seen + 1
    return False


def _path(p: Parse, t: Tok) -> list[int]:
    out, seen = [t.i], 0
    while t.head != t.i and seen < len(p.toks):
        t = p.toks[t.head]
        out.append(t.i)
        seen += 1
    return out


def read_dates(p: Parse, a: Anchor, dates: list[tuple[Mention, int, int]], words: FrameWords,
               other_figures: set[int], amount: bool = True) -> tuple[Slot, Mention | None, Slot, Mention | None]:
    """(period slot, its date, as-of slot, its date) for the figure anchored at `a`.
    `dates` are the sentence's date mentions with their sentence offsets; `amount` says the
    figure is an amount (money or a count), not a rate of change."""
    report = set(words.report_verbs)
    path = _path(p, a.head)
    own_verbs = _own_verbs(p, path)
    # "Meta raised its capex outlook to $64-72bn on Wednesday", "guided on Thursday to ...": a
    # day on the verb that sets a plan or forecast is when that was done, not the period the
    # amount is for.
    outlook, acts = words.outlook_nouns, words.act_verbs
    act_verb = None
    if amount and a.verb is not None:
        v = a.verb
        sets = v.lemma in words.forecast_verbs or v.lemma in words.plan_verbs
        changes = v.lemma in acts and any(o.dep == "dobj" and o.lemma in outlook for o in p.children(v.i))
        act_verb = v.i if sets or changes else None
    # The figure's own clause: its path up to the highest of its own verbs, and its noun.
    top = max((path.index(i) for i in own_verbs), default=len(path) - 1)
    clause = path[: top + 1] + ([a.noun.i] if a.noun is not None else [])
    reported = any(p.toks[i].lemma in report for i in own_verbs)
    # "raised its 2025 capex outlook to $64-72bn": the new level's period is the one the
    # changed object's words give.
    changed = set()
    if a.verb is not None and (a.verb.lemma in acts or a.verb.lemma in words.forecast_verbs or a.verb.lemma in words.plan_verbs):
        for o in p.children(a.verb.i):
            if o.dep == "dobj":
                changed = _own_phrase(p, o)
    best: tuple[int, Mention, str] | None = None
    as_of: tuple[int, Mention, str] | None = None
    elsewhere: list[Mention] = []  # dates of a clause inside the figure's ("the forecast it gave in January")
    own = {a.head.i} | ({a.noun.i} if a.noun is not None else set())
    for m, s, e in dates:
        dh = figure_head(p, s, e)
        if dh is None:
            continue
        att = _attachment(p, dh, words.time_nouns)
        if att.i in other_figures or (att.i not in clause and att.i not in changed):
            if att.i not in other_figures and _subordinate(p, att, clause, own):
                elsewhere.append(m)
            continue  # another figure's date ("from 40 billion a year earlier") or another clause's
        prep = _prep(p, dh)
        if att.lemma in words.compare_verbs and a.role != "base":
            elsewhere.append(m)  # "The $301 million profit compares with $540 million a year earlier": the base's
            continue
        if prep in words.comparing_preps:
            elsewhere.append(m)  # "were $921 million, slightly below 2023": the year compared with
            continue
        dayish = m.granularity in _DAYISH or (m.relative and m.granularity != Granularity.YEAR)
        stated_period = prep in ("for", "over", "during", "through", "until")
        # A date on a reporting verb is when it was said ("in December the FT reported"); a day
        # in reported speech too ("said on Monday it would spend": the parser may hang the day on
        # either verb).  A period of what is reported is stated as one ("for 2024").
        on_act = att.i == act_verb and m.granularity in _DAYISH
        if not stated_period and (att.lemma in report or (dayish and reported) or on_act):
            if as_of is None:
                as_of = (0, m, f"date-of-{att.lemma}")
            continue
        dist = clause.index(att.i) if att.i in clause else clause.index(a.verb.i) + 1
        if best is None or dist < best[0]:
            best = (dist, m, f"date-attached-to-{att.lemma}")
    unread = _unread_period(p, a, dates, words, own_verbs, dated=best is not None)
    if unread is not None:
        # The figure has a time of its own that no date reading covers ("71,200 in the first",
        # "when they traded at $63.40"): what it is about is unknown, not the sentence's date.
        return Slot(value=None, words=unread, rule="own-unread-period", confidence=0.0), None, _as_of(as_of), \
            as_of[1] if as_of else None
    period = Slot(value=None)
    pm = None
    # ... unless another date of the sentence says the same ("in calendar 2024 ... tried to buy in 2024").
    apart = {id(e) for e in elsewhere}
    said = {(m.period_start, m.period_end) for m, _, _ in dates if id(m) not in apart}
    other = next((m for m in elsewhere if (m.period_start, m.period_end) not in said), None)
    if best is None and other is not None:
        period, pm = Slot(value=None, words=other.text, rule="date-of-another-clause", confidence=0.0), other
    if best is not None:
        pm = best[1]
        period = Slot(value=pm.text, words=pm.text, rule=best[2], confidence=0.9 if best[0] <= 2 else 0.7)
    return period, pm, _as_of(as_of), as_of[1] if as_of else None


def _as_of(found) -> Slot:
    if found is None:
        return Slot(value=None)
    return Slot(value=found[1].text, words=found[1].text, rule=found[2], confidence=0.85)


def _unread_period(p: Parse, a: Anchor, dates, words: FrameWords, own_verbs: set[int], dated: bool) -> str | None:
    covered = [(s, e) for _, s, e in dates]

    def inside(t) -> bool:  # a date reading covers the phrase ("the July-September period")
        lo, hi = p.subtree_span(t.i)
        return any(s < hi and lo < e for s, e in covered)

    for c in p.children(a.head.i):
        if c.dep == "prep" and c.lemma in ("in", "for", "during", "over"):
            for o in p.children(c.i):
                if o.dep == "pobj" and not inside(o) and (o.pos in ("ADJ", "NUM") or o.lemma in words.time_nouns):
                    the = [d for d in p.children(o.i) if d.dep == "det" and d.lemma == "the"]
                    alone = len(p.children(o.i)) == len(the) == 1
                    return f"{c.text} the {o.text}" if alone else f"{c.text} {o.text}"  # "for the quarter": carry.deictic_periods
    for i in own_verbs if not dated else ():
        v = p.toks[i]  # "..., when they traded at $63.40": the time is the clause's antecedent
        if not any(c.dep == "advmod" and c.lemma == "when" for c in p.children(i)):
            continue
        antecedent = p.toks[v.head]
        # "the start of the year, when they traded at $63.40": a level at a moment only named
        # by its antecedent; "the plan it unveiled when ..." keeps the plan's own reading.
        if (v.dep == "relcl" and antecedent.lemma in words.time_nouns) or (v.dep == "advcl" and a.prep == "at"):
            return f"when ... {v.text}"
    return None
