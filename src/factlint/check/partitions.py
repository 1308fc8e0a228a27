"""Partition keys of the cross-article stage: which findings an edit can change.

A corpus kind checks each of its buckets on its own (check/engine.py lists them).  Here each
kind names, per article, a coarser key that every claim of a bucket shares: the root entity
for value agreement, revision, ordering and the same figure dated twice, the event (its class
and object) for same-event dates, the article itself for a revision stated in one sentence.
A key is given with the file offset of the claim or date a finding may start with, so a
finding's key is read off its first claim.

So when articles change, the keys they held before and hold now are the only partitions whose
findings can change (check/incremental.py re-checks just those).  A key function is a pure
function of one article's analysis (the per-article stage computes it), except for names the
alias table does not know: those are unified across articles ("ETS", "EU ETS") by
check/matching, so their key is mapped through the corpus-wide unification (`unified`).
A kind without a key function here is always re-checked over the whole corpus.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from types import SimpleNamespace
from typing import TYPE_CHECKING

from . import events, grouping, matching, temporal
from .engine import Context, plan

if TYPE_CHECKING:
    from ..knowledge import Knowledge, Rule
    from ..pipeline import Analysis

Key = tuple[str, ...]
# (file offset of a claim or date a finding may start with, or None; its key)
KeyFn = Callable[[Context, "Rule"], Iterable[tuple[int | None, Key]]]
_KEYS: dict[str, KeyFn] = {}
UNIFIED = "E"  # the kind of key mapped through the unification of unknown names


def keyed(*kinds: str) -> Callable[[KeyFn], KeyFn]:
    def deco(fn: KeyFn) -> KeyFn:
        for k in kinds:
            _KEYS[k] = fn
        return fn

    return deco


def partitioned(rule: Rule) -> bool:
    return rule.kind in _KEYS


@keyed("value-agreement", "revision")
def _facts(ctx: Context, rule):
    # Fact groups lie inside (unified root entity, unit class); a revision stated in one
    # sentence links two figures of one article and starts with the replaced (ineligible) one.
    for c in ctx.claims:
        if grouping.eligible(c, rule, ctx.kb):
            yield c.mention.file_start, (UNIFIED, c.entity)
        else:
            yield c.mention.file_start, ("D", c.mention.doc)


@keyed("ordering")
def _ordered(ctx: Context, rule):
    for c in ctx.claims:  # buckets: (entity, period or article, kind, currency)
        if c.entity:
            yield c.mention.file_start, ("O", c.entity)


@keyed("weekday")
def _days(ctx: Context, rule):
    # A bucket per day; a finding starts with its wrong date, which also reads the bucket of the
    # day its weekday fits (the source that gives that day is cited).
    for a in ctx.analyses:
        for d in temporal.day_dates(ctx, a.doc.path):
            yield d.file_start, ("W", d.period_start.isoformat())
            said = temporal.written_weekday(a.doc.text, d)
            if said is not None and said != d.period_start.weekday():
                yield d.file_start, ("W", temporal.nearest_weekday(d.period_start, said).isoformat())


@keyed("temporal")
def _dated(ctx: Context, rule):
    # Buckets: (entity, kind, unit, value); a finding starts with a date of its first claim's sentence.
    for c in ctx.claims:
        if c.entity is None:
            continue
        yield None, ("T", c.entity)
        for d in ctx.dates_from(c.mention.doc, c.sentence_start):
            if d.start >= c.sentence_end:
                break
            yield d.file_start, ("T", c.entity)


@keyed("event-dates")
def _events(ctx: Context, rule):
    if rule.params.get("check") != "same-event":
        return
    # The events the rule itself reads; a finding starts with an event's date.
    for ev in events.same_events(ctx, rule):
        yield ev.date.file_start, ("V", *map(str, ev.key[1:]), ev.key[0])


def document_keys(analysis: Analysis, kb: Knowledge) -> dict[str, list[tuple[int | None, Key]]]:
    """The per-article part: each partitioned corpus rule's keys in this article, in order."""
    ctx = Context([analysis], kb)
    return {rule.id: sorted(set(_KEYS[rule.kind](ctx, rule)), key=lambda pk: (pk[0] is None, pk[0] or 0, pk[1]))
            for rule, scope in plan(kb) if scope == "corpus" and partitioned(rule)}


def unify(names: Iterable[str]) -> dict[str, str]:
    """check/matching's unification of unknown names, over names rather than claims."""
    return matching.unify_unknown_names([SimpleNamespace(entity=n) for n in sorted(set(names))])


def mapped(key: Key, names: dict[str, str]) -> Key:
    return (key[0], names.get(key[1], key[1])) if key[0] == UNIFIED else key
