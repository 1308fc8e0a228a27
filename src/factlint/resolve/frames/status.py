"""Whether a figure is a fact, a forecast, a plan, someone's estimate, an
expectation or a scenario, read from the modality of the verbs above it and the
noun it measures ("its guidance", "a target of ...")."""
from __future__ import annotations

from ...lexicons import FrameWords
from ...models import Bound, Slot
from ...parse import Parse
from .grammar import VERBS, Anchor


def own_outlook(c) -> None:
    """The figure is its maker's own outlook: the token tier's expectation hedges go (they would
    keep it out of the value checks as someone's expectation)."""
    c.hedges = [h for h in c.hedges if h not in ("expectation", "expected")]

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


_VERB_STATUS = ("forecast-verb", "passive-forecast-verb", "future-modal", "modal", "reported-would")
_POSSESSIVE = ("'s", "’s")


def past_outcome(text: str, claims) -> None:
    """"Last year's €6.8 billion net loss ... is not expected to be repeated": a figure its own
    past period possesses is that period's outcome; the verb's modality is about something else."""
    for c in claims:
        f, p = c.frame, c.period
        if c.status in ("forecast", "expectation") and f is not None and f.status.rule in _VERB_STATUS \
                and p is not None and p.end is not None and c.as_of is not None and p.end < c.as_of \
                and text[max(0, c.mention.start - 3) : c.mention.start].rstrip().endswith(_POSSESSIVE):
            c.status = "fact"
            c.frame.status = Slot(value="fact", words=p.label, rule="past-period-possessor", confidence=0.7)


def _past_clause(p: Parse, v, words: FrameWords) -> bool:
    """A verb in the past tense that opens a clause of time or a relative clause ("... grow by a
    third on 2024, when Zyn shipped 597 million cans"; "the $5bn it raised last year would ..."):
    what it tells happened, whatever the modality of the clause it hangs from."""
    if v.tag != "VBD":
        return False
    return v.dep == "relcl" or any(c.dep in ("mark", "advmod") and c.lemma in words.past_clause_marks for c in p.children(v.i))


def read_status(p: Parse, a: Anchor, words: FrameWords) -> Slot:
    noun_words = {a.noun.lemma, *a.modifiers} if a.noun is not None else set(a.modifiers)
    if noun_words & set(words.estimate_nouns):
        return Slot(value="estimate", words=" ".join(sorted(noun_words)), rule="estimate-noun", confidence=0.8)
    if noun_words & set(words.forecast_nouns):
        return Slot(value="forecast", words=" ".join(sorted(noun_words)), rule="forecast-noun", confidence=0.8)
    if noun_words & set(words.plan_nouns):
        return Slot(value="plan", words=" ".join(sorted(noun_words)), rule="plan-noun", confidence=0.8)
    for n in {a.head.i, *([a.noun.i] if a.noun is not None else [])}:
        for r in p.children(n):
            if r.dep == "relcl":
                # "the roughly 506,000 that analysts had pencilled in", "the 500,000 it had forecast"
                subj = next((c for c in p.children(r.i) if c.dep == "nsubj"), None)
                if subj is not None and subj.lemma in words.estimate_subjects:
                    return Slot(value="estimate", words=f"{subj.text} {r.text}", rule="estimate-relative-clause", confidence=0.8)
                if r.lemma in words.forecast_verbs:
                    return Slot(value="forecast", words=r.text, rule="forecast-relative-clause", confidence=0.7)
                if r.tag == "VBD" and r.lemma not in words.plan_verbs and not any(c.dep == "xcomp" for c in p.children(r.i)):
                    # "the $5 billion that Corvane raised last year would not cover ...": raised, whatever it would do
                    return Slot(value="fact", words=r.text, rule="past-relative-clause", confidence=0.6)
    report = set(words.report_verbs)
    v, steps, under_report = a.verb, 0, False
    chain = []
    while v is not None and steps < _MAX_UP:
        chain.append(v)
        if v.head == v.i or _past_clause(p, v, words):
            break
        nxt = p.toks[v.head]
        while nxt.pos not in VERBS and nxt.head != nxt.i:
            nxt = p.toks[nxt.head]
        if nxt.i == v.i:
            break
        v = nxt
        steps += 1
    subjects = {v.i: next((c for c in p.children(v.i) if c.dep in ("nsubj", "nsubjpass")), None)
                for v in chain if v.lemma in words.forecast_verbs}
    for v in chain:
        subj = subjects.get(v.i)
        if subj is not None and subj.lemma in words.estimate_subjects:
            # "Analysts now estimate that revenue will reach ...": whoever's modal, the figure is
            # their estimate, not the company's forecast
            return Slot(value="estimate", words=f"{subj.text} {v.text}", rule="estimate-subject", confidence=0.8)
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
            subj = subjects[v.i]  # (an estimating subject was read above)
            if v.tag == "VBN" and subj is None or (subj is not None and subj.dep == "nsubjpass"):
                if under_report:  # "EBITDA is now expected to be ..., the company said": its guidance
                    return Slot(value="forecast", words=v.text, rule="reported-passive-forecast", confidence=0.6)
                return Slot(value="expectation", words=v.text, rule="passive-forecast-verb", confidence=0.6)
            return Slot(value="forecast", words=v.text, rule="forecast-verb", confidence=0.7)
    return Slot(value="fact", rule="indicative", confidence=0.6)
