"""Whether a figure is a fact, a forecast, a plan, someone's estimate, an
expectation or a scenario, read from the modality of the verbs above it and the
noun it measures ("its guidance", "a target of ...")."""
from __future__ import annotations

import re
from bisect import bisect_left

from ...knowledge import FrameWords
from ...models import Bound, Granularity, Slot
from ...parse import Parse
from .grammar import VERBS, Anchor

_MAX_UP = 6


def not_yet_over(claims) -> None:
    """A range of amounts for a period that had not ended when it was said cannot be its
    outcome: stated as a fact ("narrowed its 2025 capex range to $40-42bn" in October), it
    is the company's outlook.  Single figures stay as read: a running total ("so far this
    year") or a stock count is a fact about the period so far."""
    for c in claims:
        p, m = c.period, c.mention
        ranged = m.bound == Bound.RANGE
        if c.status == "fact" and ranged and p is not None and p.start is not None and p.end is not None \
                and c.as_of is not None and p.start <= c.as_of < p.end and m.kind in ("money", "count", "quantity"):
            c.status = "forecast"
            if c.frame is not None:
                c.frame.status = Slot(value="forecast", words=p.label, rule="range-for-period-not-over", confidence=0.6)


def dated_outlook(ctx, claims) -> None:
    """An outlook figure with no period of its own takes the year of the outlook the article
    named before it: "Maersk raised its 2025 earnings guidance ... Underlying EBITDA is now
    expected at $8bn to $9.5bn" is the 2025 outlook.  Nothing is guessed when the article names
    no dated outlook."""
    from ..claims import period_of  # the token tier's period reading, shared

    text, nouns = ctx.doc.text, ctx.kb.frame_words.forecast_nouns
    named = [d for d in ctx.dates if d.granularity in (Granularity.YEAR, Granularity.FISCAL_YEAR) and d.period_start
             and _OUTLOOK_AFTER.match(text, d.end) and _OUTLOOK_AFTER.match(text, d.end).group(1).casefold() in nouns]
    if not named:
        return
    named.sort(key=lambda d: d.start)
    starts = [d.start for d in named]
    for c in claims:
        if c.status != "forecast" or c.period is not None or c.role in ("base", "previous") or c.frame is None \
                or c.frame.period.rule == "own-unread-period":
            continue
        k = bisect_left(starts, c.mention.start)
        if k:
            d = named[k - 1]
            c.period = period_of(d)
            c.frame.period = Slot(value=d.text, words=d.text, rule="outlook-named-before", confidence=0.5)


def sentence_period(ctx, claims) -> None:
    """A figure with no period of its own in a sentence whose other figures of the same actor
    all give one period ("In the first half revenue rose 12% to CHF 4.48bn and operating profit
    to CHF 1.21bn"): that period.  Only within one sentence: a period stated once for a list."""
    by_sentence: dict[tuple, list] = {}
    for c in claims:
        metric = ctx.kb.metric_by_id.get((c.metric or "").split("@")[0])
        if metric is not None and (metric.level or metric.standing):
            continue  # "serves 650 million users": a level at a moment, not a flow over the period
        if c.entity and c.mention.kind in ("money", "count", "quantity"):
            by_sentence.setdefault((c.sentence_start, c.entity), []).append(c)
    for group in by_sentence.values():
        labels = {c.period.label for c in group if c.period is not None and c.role not in ("base", "previous")}
        if len(labels) != 1:
            continue
        period = next(c.period for c in group if c.period is not None and c.period.label in labels)
        if period.granularity == Granularity.DAY:
            continue
        for c in group:
            if c.period is None and c.role not in ("base", "previous") and c.frame is not None \
                    and c.frame.period.rule != "own-unread-period":
                c.period = period
                c.frame.period = Slot(value=period.label, words="", rule="period-of-the-sentence", confidence=0.5)


# "2025 earnings guidance", "FY2026 outlook": a year and, within three words, what it dates
_OUTLOOK_AFTER = re.compile(r"(?:[\s-]+[A-Za-z]+){0,2}?[\s-]+(guidance|outlook|forecasts?|projections?|targets?)\b", re.I)


def read_status(p: Parse, a: Anchor, words: FrameWords) -> Slot:
    noun_words = {a.noun.lemma, *a.modifiers} if a.noun is not None else set(a.modifiers)
    if noun_words & set(words.estimate_nouns):
        return Slot(value="estimate", words=" ".join(sorted(noun_words)), rule="estimate-noun", confidence=0.8)
    if noun_words & set(words.forecast_nouns):
        return Slot(value="forecast", words=" ".join(sorted(noun_words)), rule="forecast-noun", confidence=0.8)
    if noun_words & set(words.plan_nouns):
        return Slot(value="plan", words=" ".join(sorted(noun_words)), rule="plan-noun", confidence=0.8)
    report = set(words.report_verbs)
    v, steps, under_report = a.verb, 0, False
    chain = []
    while v is not None and steps < _MAX_UP:
        chain.append(v)
        if v.head == v.i:
            break
        nxt = p.toks[v.head]
        while nxt.pos not in VERBS and nxt.head != nxt.i:
            nxt = p.toks[nxt.head]
        if nxt.i == v.i:
            break
        v = nxt
        steps += 1
    for k, v in enumerate(chain):
        above = chain[k + 1 :]
        under_report = any(u.lemma in report for u in above)
        for c in p.children(v.i):
            if c.dep == "mark" and c.lemma in words.scenario_marks:
                return Slot(value="scenario", words=c.text, rule="conditional-clause", confidence=0.8)
            if c.dep == "advmod" and c.lemma in words.scenario_marks:
                return Slot(value="scenario", words=c.text, rule="scenario-adverb", confidence=0.8)
            if c.dep == "aux" and c.lemma in words.modal_forecast:
                return Slot(value="forecast", words=c.text, rule="future-modal", confidence=0.7)
            if c.dep == "aux" and c.lemma in words.modal_scenario:
                if c.lemma == "would" and under_report:
                    return Slot(value="forecast", words=c.text, rule="reported-would", confidence=0.6)
                return Slot(value="scenario", words=c.text, rule="modal", confidence=0.6)
        if v.lemma in words.plan_verbs:
            return Slot(value="plan", words=v.text, rule="plan-verb", confidence=0.75)
        if v.lemma in words.forecast_verbs:
            subj = next((c for c in p.children(v.i) if c.dep in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lemma in words.estimate_subjects:
                return Slot(value="estimate", words=f"{subj.text} {v.text}", rule="estimate-subject", confidence=0.8)
            if v.tag == "VBN" and subj is None or (subj is not None and subj.dep == "nsubjpass"):
                if under_report:  # "EBITDA is now expected to be ..., the company said": its guidance
                    return Slot(value="forecast", words=v.text, rule="reported-passive-forecast", confidence=0.6)
                return Slot(value="expectation", words=v.text, rule="passive-forecast-verb", confidence=0.6)
            return Slot(value="forecast", words=v.text, rule="forecast-verb", confidence=0.7)
    return Slot(value="fact", rule="indicative", confidence=0.6)
