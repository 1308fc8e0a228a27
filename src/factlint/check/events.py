"""event-dates: when something happened, told two ways.

  same-event  "Zhipu released GLM-5 on February 10" (one source) vs
              "GLM-5 launched on February 12" (another source)
  duration    "on December 3 ... on May 27 ... three revisions within
              2 months" (the text's own dates span more than it says)

Both checks are built for precision; anything they cannot read with
certainty is skipped, never reported.

An event is a clause (a sentence split at ';' and ', while|but|whereas')
holding exactly one explicit day-precise date, exactly one event verb class
(configured in the rule: release, listing, announce, ...) and the object of
that verb: a known product/model for product-level verbs, a known company for
company-level ones, two known parties for acquisitions and signings.  The
object must sit right next to the verb (its subject or direct object), so
"launched a rival to GLM-5" is no event of GLM-5.  Clauses with a hedge
("plans to", "reportedly"), a distinct stage ("beta", "overseas") or a second
event ("after", "following") are skipped.  Two events with the same object
and verb class in different documents whose dates cannot overlap are
reported, once per event however many sources: the first source some other
source contradicts, against one source for each other day (at most
MAX_LISTED).  Days and documents are counted, never paired, so a thousand
reports of one launch cost a thousand steps, not a million.

A duration is "within / in (just) / over the past N days|weeks|months|years"
with no "of"/"ago" after it and no record word before it ("the first decline
in five years").  Its endpoints are the explicit day- or month-precise dates
written before it in its sentence and the sentence before; year-only dates
are left out (they usually give a figure's period, "2.8x that of 2024", not
an event).  The dates must run in the order they
are written (a flashback or a misread year means no check), and a finding
needs the shortest span the dates allow (latest start minus earliest end)
to exceed the longest the duration can mean (a month counted as 31 days).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from ..models import Document, Finding, Granularity, Mention
from ..segment import Span
from . import event_grammar
from .engine import Context, register

_CLAUSE_END = re.compile(r";|,\s(?:while|but|whereas)\b", re.I)
_OBJECT_TYPES = {"product", "model"}
_KNOWN_TYPES = {"company", "product", "model"}
# Words between a verb and its direct object ("released its new flagship GLM-5");
# a preposition in between makes the entity something else ("a rival to GLM-5").
_AFTER_GAP = re.compile(
    r"^\s(?:(?!(?:to|for|against|than|with|like|on|in|at|by|from|of|versus|vs)\s)[\w'’.-]{1,25}\s){0,5}$", re.I)
# Words between a subject and its verb ("GLM-5, which was officially released").
_BEFORE_GAP = re.compile(
    r"^(?:['’]s)?,?\s(?:(?:was|were|is|are|has|have|had|been|being|which|that|officially|first|finally|quietly|"
    r"formally|publicly|also|just|recently|successfully)\s){0,4}$", re.I)
# No gap above spans more than this (five 25-letter words and "with"): an entity is only
# tried against the verbs this close to it, so a long clause costs no verbs x entities.
_GAP_REACH = 200
_AGENT_GAP = re.compile(r"^\sby\s$", re.I)  # the other party of a passive: "Zhipu was acquired by Alibaba"
_WITH_GAP = re.compile(r"^\s(?:(?:[\w'’-]{1,25}\s){0,5}?(?P<noun>[\w-]{1,25})\s)?with\s$", re.I)  # "signed a deal with"
_PASSIVE = re.compile(r"^(?:['’]s)?,|\b(?:was|were|is|are|been|being)\b", re.I)
# What may follow a verb with no object of its own: "GLM-5 launched on ...", "GLM-5 debuted to ...".
_INTRANSITIVE = re.compile(r"\s?(?:[,.;:]|\s(?:on|in|at|to|across|with|for|last|this|earlier|today|yesterday)\b|$)", re.I)
_DURATION = re.compile(
    r"\b(?:within|in(?:\s(?:just|only|under|less than))?|over\sthe\s(?:past|last)|in\sthe\s(?:past|last))\s"
    r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s"
    r"(?P<u>day|week|month|year)s?\b(?!\s(?:of|ago|after|before|from|later|earlier)\b|['’]s?\stime)", re.I)
# "its first annual decline in five years": a record's reach, not a span.
_RECORD = re.compile(r"\b(?:first|highest|lowest|biggest|largest|worst|best|fastest|slowest|strongest|weakest|sharpest|steepest)\b", re.I)
_WORD_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}  # the longest each unit can be


def _words(items: list[str]) -> re.Pattern[str]:
    """A literal word/phrase list as one pattern, whole words, longest first."""
    alts = []
    for w in sorted(items, key=len, reverse=True):
        esc = re.escape(w).replace(r"\ ", r"\s")
        alts.append((r"\b" if w[:1].isalnum() else "") + esc + (r"\b" if w[-1:].isalnum() else ""))
    return re.compile("|".join(alts) or r"(?!)", re.I)


@dataclass(frozen=True)
class _EventClass:
    name: str
    verb: str  # how the message says it: "released"
    object: str  # product | company | parties
    words: re.Pattern[str]


@dataclass(frozen=True)
class Event:
    """One event read in a clause: its class, what it is about (key) and its one date."""

    doc: Document
    key: tuple  # (class, object ids)
    label: str  # the object as the message names it
    cls: _EventClass
    date: Mention
    clause: str
    clause_start: int = 0
    clause_end: int = 0


@register("event-dates")
def event_dates(ctx: Context, rule):
    """The cross-article part: one event, two days."""
    if _check(rule) == "same-event":
        yield from _same_event(ctx, rule)


@register("event-dates", scope="document")
def event_dates_in_document(ctx: Context, rule):
    """The per-article part: a duration against the article's own dates."""
    if _check(rule) == "duration":
        yield from _durations(ctx, rule)


def _check(rule) -> str:
    check = rule.params["check"]
    if check not in ("same-event", "duration"):
        raise ValueError(f"rule '{rule.id}': params.check must be 'same-event' or 'duration', not {check!r}")
    return check


# --- same event, different dates -------------------------------------------

# How many other dates one finding names; the rest are counted ("and 12 more").
MAX_LISTED = 10


def same_events(ctx: Context, rule) -> Iterator[Event]:
    """The events a same-event rule reads, article by article in text order (check/partitions
    keys its partitions by them)."""
    specs = rule.params["events"]
    # The token tier reads the classes whose object it can find next to the verb; the grammar
    # tier (check/event_grammar.py) reads every class, in the clauses the token tier found nothing in.
    classes = [
        _EventClass(name, spec["verb"], spec["object"], _words(spec["words"]))
        for name, spec in sorted(specs.items())
        if spec["object"] in ("product", "company", "parties") and not _grammar_only(spec)
    ]
    hedges = rule.params.get("hedges", []) + rule.params.get("stages", [])
    skip = _words(hedges + rule.params.get("second_event", []))
    grammar = event_grammar.Tier(ctx, specs, _words(hedges), rule.params.get("markets", {}),
                                 rule.params.get("anaphor_types", {}))
    for a in ctx.analyses:
        found = list(_events(ctx, a.doc, classes, skip))
        yield from found
        taken = {(e.clause_start, e.clause_end) for e in found}
        for r, cl in grammar.events(a, taken, list(_clauses(ctx, a.doc))):
            yield Event(a.doc, (r.cls.name, r.ids), r.label, r.cls, r.date, a.doc.text[cl.start : cl.end], cl.start, cl.end)


def _grammar_only(spec: dict) -> bool:
    return bool(spec.get("nouns") or spec.get("subjects") or spec.get("objects") or spec.get("market"))


def _same_event(ctx: Context, rule):
    groups: dict[tuple, list[Event]] = defaultdict(list)
    for ev in same_events(ctx, rule):
        groups[ev.key].append(ev)
    for key in sorted(groups, key=str):
        # Dated and yearless days never contradict each other; within each, a day is a bucket.
        evs = groups[key]
        for part in ([e for e in evs if e.date.period_start is not None], [e for e in evs if e.date.period_start is None]):
            f = _conflict(ctx, rule, part)
            if f is not None:
                yield f


def _conflict(ctx: Context, rule, evs: list[Event]) -> Finding | None:
    """One finding per event and kind of date: the first event some later source dates
    differently, against one event of each other day (another source's where there is one).
    Linear: days and documents are counted, never paired."""
    units: dict[tuple[str, str], Event] = {}  # (document, day): the first such event
    for e in evs:
        units.setdefault((e.doc.path, _day(e.date)), e)
    if len({day for _, day in units}) < 2 or len({doc for doc, _ in units}) < 2:
        return None
    later = list(units)
    by_doc, by_day = Counter(doc for doc, _ in later), Counter(day for _, day in later)
    first = None
    for n, (doc, day) in enumerate(later):
        by_doc[doc] -= 1
        by_day[day] -= 1
        # Units after this one from another document on another day (a (doc, day) is one unit).
        if len(later) - n - 1 - by_doc[doc] - by_day[day] > 0:
            first = (doc, day)
            break
    x = units[first]
    others: dict[str, Event] = {}
    for (doc, day), e in units.items():
        if day != first[1] and (day not in others or others[day].doc.path == first[0] != doc):
            others[day] = e
    # Other sources first: the first counterpart is one that contradicts x.
    ordered = sorted(others.values(), key=lambda e: e.doc.path == x.doc.path)
    return _event_finding(ctx, rule, x, ordered)


def _clauses(ctx: Context, doc: Document):
    text = doc.text
    for s in ctx.sentence_index(doc.path).spans:
        start = s.start
        for m in _CLAUSE_END.finditer(text, s.start, s.end):
            yield Span(start, m.start())
            start = m.end()
        yield Span(start, s.end)


def _events(ctx: Context, doc: Document, classes: list[_EventClass], skip: re.Pattern[str]):
    matcher = ctx.kb.entity_matcher
    for cl in _clauses(ctx, doc):
        inside = _dates_between(ctx, doc.path, cl.start, cl.end, 2)
        if len(inside) != 1 or not _day_precise(inside[0]):
            continue
        if skip.search(doc.text, cl.start, cl.end):
            continue
        verbs = [(c, v) for c in classes for v in c.words.finditer(doc.text, cl.start, cl.end)
                 if not inside[0].start <= v.start() < inside[0].end]
        if len({c.name for c, _ in verbs}) != 1:
            continue
        cls = verbs[0][0]
        hits = [h for h in matcher.find(doc.text, cl.start, cl.end) if h.type in _KNOWN_TYPES]
        obj = _object(doc.text, cls, [v for _, v in verbs], hits, matcher, inside[0])
        if obj:
            ids, label = obj
            yield Event(doc, (cls.name, ids), label, cls, inside[0], doc.text[cl.start : cl.end], cl.start, cl.end)


def _dates_between(ctx: Context, path: str, start: int, end: int, limit: int | None = None) -> list[Mention]:
    """The document's dates starting in [start, end), at most `limit` of them."""
    out = []
    for m in ctx.dates_from(path, start):
        if m.start >= end or (limit is not None and len(out) == limit):
            break
        out.append(m)
    return out


def _object(text: str, cls: _EventClass, verbs, hits, matcher, date: Mention) -> tuple[tuple[str, ...], str] | None:
    """The verb's object: one adjacent entity of the right type (two parties, plus the deal's noun).
    `verbs` are one class's matches, in text order."""
    starts, ends = [v.start() for v in verbs], [v.end() for v in verbs]

    def subject(h) -> bool:
        for v in verbs[bisect_left(starts, h.end) : bisect_right(starts, h.end + _GAP_REACH)]:
            gap = _BEFORE_GAP.match(text[h.end : v.start()])
            # "Yuanbao released a report": a product is only what happened when nothing else is the verb's object.
            if gap and (cls.object == "parties" or _PASSIVE.search(gap.group(0))
                        or _INTRANSITIVE.match(text, v.end()) or (date.start >= v.end() and not text[v.end() : date.start].strip())):
                return True
        return False

    def obj(h, gap: re.Pattern[str] = _AFTER_GAP) -> re.Match | None:
        if h.possessive:
            return None  # "released GLM-5's API": something of GLM-5's
        near = verbs[bisect_left(ends, h.start - _GAP_REACH) : bisect_right(ends, h.start)]
        return next((m for v in near if (m := gap.match(text[v.end() : h.start]))), None)

    if cls.object == "parties":
        subj = {h.id for h in hits if subject(h)}
        deal = {h.id: m for h in hits for g in (_AFTER_GAP, _AGENT_GAP, _WITH_GAP) if (m := obj(h, g))}
        if len(subj) != 1 or len(deal) != 1 or subj == set(deal):
            return None
        ids = tuple(sorted(subj | set(deal)))
        # Two companies sign many things: "a deal with" and "an agreement with" are compared only with their own kind.
        noun = (next(iter(deal.values())).groupdict().get("noun") or "").lower()
        return (*ids, noun), " and ".join(matcher.display(i) for i in ids)
    types = _OBJECT_TYPES if cls.object == "product" else {"company"}
    cands = [h for h in hits if h.type in types]
    if len({h.id for h in cands}) != 1 or not any(subject(h) or obj(h) for h in cands):
        return None
    return (cands[0].id,), matcher.display(cands[0].id)


def _day_precise(m: Mention) -> bool:
    return m.granularity == Granularity.DAY and not m.relative and (m.period_start is not None or m.period_label is not None)


def _day(m: Mention) -> str:
    return m.period_start.isoformat() if m.period_start else (m.period_label or "")


def _source(doc: Document) -> str:
    return doc.source or PurePath(doc.path).name


def _event_finding(ctx: Context, rule, x: Event, ys: list[Event]) -> Finding:
    shown, more = ys[:MAX_LISTED], len(ys) - MAX_LISTED
    gap = ""
    if len(ys) == 1 and x.date.period_start and ys[0].date.period_start:
        gap = f"; the two dates are {abs((ys[0].date.period_start - x.date.period_start).days)} days apart"
    why = (f"{x.label} {x.cls.verb} on {_day(x.date)} according to {_source(x.doc)} ('{x.date.text}'), but "
           + ", ".join(f"on {_day(y.date)} according to {_source(y.doc)} ('{y.date.text}')" for y in shown)
           + (f" and on {more} more day(s)" if more > 0 else ""))
    says = "; ".join(f"{_source(e.doc)} says: \"{e.clause.strip()}\"" for e in (x, *shown))
    explanation = (f"{says}. {'Both' if len(ys) == 1 else 'All'} describe {x.label} being {x.cls.verb}, "
                   f"an event that happens once, on different days{gap}.")
    return Finding(
        rule=rule.id, kind="date-conflict", severity=rule.severity,
        message=(rule.message or "{why}").format_map({"why": why}),
        entity=x.key[1][0] if len(x.key[1]) == 1 else None,
        claims=[ctx.mention_ref(x.date, "date"), *(ctx.mention_ref(y.date, "other date") for y in shown)],
        explanation=explanation,
    )


# --- a stated duration vs the dates it covers --------------------------------


def _durations(ctx: Context, rule):
    hedges = _words(rule.params.get("hedges", []))
    for a in ctx.analyses:
        text, path = a.doc.text, a.doc.path
        sents = ctx.sentence_index(path).spans
        for k, s in enumerate(sents):
            found = list(_DURATION.finditer(text, s.start, s.end))
            if len(found) != 1 or hedges.search(text, s.start, s.end):
                continue
            d = found[0]
            if _RECORD.search(text, s.start, d.start()):
                continue
            lo = sents[k - 1].start if k else s.start
            if any(m.granularity in (Granularity.DAY, Granularity.MONTH, Granularity.RANGE)
                   for m in _dates_between(ctx, path, d.end(), s.end)):
                continue  # a date after the duration: what it spans is unclear
            span = [m for m in _dates_between(ctx, path, lo, d.start()) if m.granularity != Granularity.YEAR]
            f = _duration_finding(ctx, rule, d, span)
            if f:
                yield f


def _duration_finding(ctx: Context, rule, d: re.Match, span: list[Mention]) -> Finding | None:
    if len(span) < 2 or any(
        m.relative or m.period_start is None or m.granularity not in (Granularity.DAY, Granularity.MONTH) for m in span
    ):
        return None
    if any(b.period_start < a.period_start for a, b in zip(span, span[1:])):
        return None  # not in narrative order: a flashback, or a yearless date read in the wrong year
    n = _WORD_NUM.get(d.group("n").lower()) or int(d.group("n"))
    unit = d.group("u").lower()
    first, last = span[0], span[-1]
    shortest = (last.period_start - _end(first)).days
    longest = n * _UNIT_DAYS[unit]
    if shortest <= longest:
        return None
    why = (f"the text says '{d.group(0)}', but its own dates run from {_written(first)} to {_written(last)}: "
           f"at least {shortest} days, more than {n} {unit}{'s' if n != 1 else ''} (at most {longest} days)")
    return Finding(
        rule=rule.id, kind="date-conflict", severity=rule.severity,
        message=(rule.message or "{why}").format_map({"why": why}),
        claims=[ctx.mention_ref(first, "first date"), ctx.mention_ref(last, "last date")],
        explanation=(f"From {_end(first).isoformat()} (the end of '{first.text}') to {last.period_start.isoformat()} "
                     f"(the start of '{last.text}') is {shortest} days; '{d.group(0)}' allows at most "
                     f"{n} x {_UNIT_DAYS[unit]} = {longest} days."),
    )


def _end(m: Mention) -> date:
    return m.period_end or m.period_start


def _written(m: Mention) -> str:
    return f"'{m.text}' ({m.period_start.isoformat()}" + (
        f"..{m.period_end.isoformat()})" if m.period_end and m.period_end != m.period_start else ")")
