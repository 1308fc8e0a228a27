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
reported.

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
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from ..models import Document, Finding, Granularity, Mention
from ..segment import Span, sentences
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
class _Event:
    doc: Document
    key: tuple  # (class, object ids)
    label: str  # the object as the message names it
    cls: _EventClass
    date: Mention
    clause: str


@register("event-dates")
def event_dates(ctx: Context, rule):
    check = rule.params["check"]
    if check == "same-event":
        yield from _same_event(ctx, rule)
    elif check == "duration":
        yield from _durations(ctx, rule)
    else:
        raise ValueError(f"rule '{rule.id}': params.check must be 'same-event' or 'duration', not {check!r}")


# --- same event, different dates -------------------------------------------


def _same_event(ctx: Context, rule):
    classes = [
        _EventClass(name, spec["verb"], spec["object"], _words(spec["words"]))
        for name, spec in sorted(rule.params["events"].items())
    ]
    skip = _words(rule.params.get("hedges", []) + rule.params.get("stages", []) + rule.params.get("second_event", []))
    groups: dict[tuple, list[_Event]] = defaultdict(list)
    for a in ctx.analyses:
        for ev in _events(ctx, a.doc, a.mentions, classes, skip):
            groups[ev.key].append(ev)
    for key in sorted(groups, key=str):
        seen: set[tuple] = set()
        evs = groups[key]
        for i, x in enumerate(evs):
            for y in evs[i + 1 :]:
                if x.doc.path == y.doc.path or _same_day(x.date, y.date):
                    continue
                pair = (x.doc.path, _day(x.date), y.doc.path, _day(y.date))
                if pair not in seen:
                    seen.add(pair)
                    yield _event_finding(ctx, rule, x, y)


def _clauses(text: str):
    for s in sentences(text):
        start = s.start
        for m in _CLAUSE_END.finditer(text, s.start, s.end):
            yield Span(start, m.start())
            start = m.end()
        yield Span(start, s.end)


def _events(ctx: Context, doc: Document, mentions: list[Mention], classes: list[_EventClass], skip: re.Pattern[str]):
    dates = [m for m in mentions if m.kind == "date"]
    matcher = ctx.kb.entity_matcher
    for cl in _clauses(doc.text):
        inside = [m for m in dates if cl.start <= m.start < cl.end]
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
            yield _Event(doc, (cls.name, ids), label, cls, inside[0], doc.text[cl.start : cl.end])


def _object(text: str, cls: _EventClass, verbs, hits, matcher, date: Mention) -> tuple[tuple[str, ...], str] | None:
    """The verb's object: one adjacent entity of the right type (two parties, plus the deal's noun)."""
    def subject(h) -> bool:
        for v in verbs:
            gap = _BEFORE_GAP.match(text[h.end : v.start()]) if h.end <= v.start() else None
            # "Yuanbao released a report": a product is only what happened when nothing else is the verb's object.
            if gap and (cls.object == "parties" or _PASSIVE.search(gap.group(0))
                        or _INTRANSITIVE.match(text, v.end()) or not text[v.end() : date.start].strip()):
                return True
        return False

    def obj(h, gap: re.Pattern[str] = _AFTER_GAP) -> re.Match | None:
        if h.possessive:
            return None  # "released GLM-5's API": something of GLM-5's
        return next((m for v in verbs if v.end() <= h.start and (m := gap.match(text[v.end() : h.start]))), None)

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


def _same_day(a: Mention, b: Mention) -> bool:
    if a.period_start is None or b.period_start is None:
        # Yearless dates in undated articles: only month-day labels compare.
        return a.period_start is not None or b.period_start is not None or a.period_label == b.period_label
    return a.period_start <= b.period_end and b.period_start <= a.period_end


def _source(doc: Document) -> str:
    return doc.source or PurePath(doc.path).name


def _event_finding(ctx: Context, rule, x: _Event, y: _Event) -> Finding:
    gap = ""
    if x.date.period_start and y.date.period_start:
        gap = f"; the two dates are {abs((y.date.period_start - x.date.period_start).days)} days apart"
    why = (f"{x.label} {x.cls.verb} on {_day(x.date)} according to {_source(x.doc)} ('{x.date.text}'), "
           f"but on {_day(y.date)} according to {_source(y.doc)} ('{y.date.text}')")
    explanation = (f"{_source(x.doc)} says: \"{x.clause.strip()}\"; {_source(y.doc)} says: \"{y.clause.strip()}\". "
                   f"Both describe {x.label} being {x.cls.verb}, an event that happens once, on different days{gap}.")
    return Finding(
        rule=rule.id, kind="date-conflict", severity=rule.severity,
        message=(rule.message or "{why}").format_map({"why": why}),
        entity=x.key[1][0] if len(x.key[1]) == 1 else None,
        claims=[ctx.mention_ref(x.date, "date"), ctx.mention_ref(y.date, "other date")],
        explanation=explanation,
    )


# --- a stated duration vs the dates it covers --------------------------------


def _durations(ctx: Context, rule):
    hedges = _words(rule.params.get("hedges", []))
    for a in ctx.analyses:
        text = a.doc.text
        sents = sentences(text)
        dates = [m for m in a.mentions if m.kind == "date"]
        for k, s in enumerate(sents):
            found = list(_DURATION.finditer(text, s.start, s.end))
            if len(found) != 1 or hedges.search(text, s.start, s.end):
                continue
            d = found[0]
            if _RECORD.search(text, s.start, d.start()):
                continue
            lo = sents[k - 1].start if k else s.start
            if any(d.end() <= m.start < s.end and m.granularity in (Granularity.DAY, Granularity.MONTH, Granularity.RANGE)
                   for m in dates):
                continue  # a date after the duration: what it spans is unclear
            span = [m for m in dates if lo <= m.start < d.start() and m.granularity != Granularity.YEAR]
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
