"""Periods a figure takes from the rest of its sentence or article when its own words give
none: the year of an outlook the article named before it, and the one period a sentence
gives its other figures of the same actor; and the day an outlook was given, which is
when it was said, never what it is for."""
from __future__ import annotations

import re
from bisect import bisect_left

from datetime import date

from ...models import Granularity, Period, Slot
from ..context import AMOUNT_KINDS
from ..period_choice import period_of, running_total
from .status import own_outlook

# "2025 earnings guidance", "2024 French nuclear generation forecast": the (up to four) words right after a year
_WORDS_AFTER = re.compile(r"(?:[\s-]+[A-Za-z]+){1,4}")
_FOR_BEFORE = re.compile(r"([A-Za-z]+)\s(?:for|of)\s(?:fiscal\s|full-year\s|the\s)?$")


_OUTLOOK = ("forecast", "plan", "expectation")


def outlook_day_is_said(claims) -> None:
    """'ADM trimmed its 2024 earnings forecast on Tuesday, saying it now expects EPS of $5.25 to
    $5.75': an outlook amount is for a year or a quarter; a day read as its period is the day it
    was given."""
    for c in claims:
        if c.status in _OUTLOOK and c.mention.kind in AMOUNT_KINDS and c.period is not None \
                and c.period.granularity in (Granularity.DAY, Granularity.WEEK) and c.role not in ("base", "previous"):
            if c.as_of_source != "text" and c.period.start is not None:
                c.as_of, c.as_of_source = c.period.start, "text"
            c.period = None
            if c.frame is not None:
                c.frame.period = Slot(value=None, words=c.frame.period.words, rule="day-an-outlook-was-given", confidence=0.0)


def dated_outlook(ctx, claims) -> None:
    """An outlook figure with no period of its own takes the year of the outlook the article
    named before it: "Maersk raised its 2025 earnings guidance ... Underlying EBITDA is now
    expected at $8bn to $9.5bn" is the 2025 outlook.  Nothing is guessed when the article names
    no dated outlook."""
    from ..claims import period_of  # the token tier's period reading, shared

    text, nouns = ctx.doc.text, set(ctx.kb.frame_words.forecast_nouns)
    named = sorted((d for d in ctx.dates if d.granularity in (Granularity.YEAR, Granularity.FISCAL_YEAR)
                    and d.period_start and _dates_an_outlook(text, d.start, d.end, nouns)), key=lambda d: d.start)
    if not named:
        return
    starts = [d.start for d in named]
    for c in claims:
        if c.period is not None or c.role in ("base", "previous") or c.frame is None \
                or c.frame.period.rule == "own-unread-period":
            continue
        # An agentless passive right after the company named its dated outlook ("management raised
        # its fiscal 2026 outlook. Net sales are now expected to grow 4.8% to 5.1%") states that
        # outlook, not someone's expectation; further away it stays an expectation.
        passive = c.status == "expectation" and c.frame.status.rule == "passive-forecast-verb"
        if c.status != "forecast" and not passive:
            continue
        k = bisect_left(starts, c.mention.start)
        if k:
            d = named[k - 1]
            if passive:
                if c.sentence_start - d.end > _PASSIVE_REACH or not c.entity:
                    continue
                c.status = "forecast"
                own_outlook(c)
                c.frame.status = Slot(value="forecast", words=c.frame.status.words, rule="passive-after-outlook", confidence=0.6)
            c.period = period_of(d)
            c.frame.period = Slot(value=d.text, words=d.text, rule="outlook-named-before", confidence=0.5)


_PASSIVE_REACH = 200  # characters from the dated outlook to the passive's sentence: the sentence after it


def _dates_an_outlook(text: str, start: int, end: int, nouns: set[str]) -> bool:
    """"its 2025 earnings guidance", "its forecast for 2025 net interest income"."""
    m = _WORDS_AFTER.match(text, end)
    if m and any(w.casefold() in nouns for w in re.split(r"[\s-]+", m.group(0)) if w):
        return True
    before = _FOR_BEFORE.search(text, max(0, start - 40), start)
    return bool(before) and before.group(1).casefold() in nouns


def _flow_amounts(ctx, claims):
    """The amounts with an actor that are flows over a period (a level at a moment, "serves 650
    million users", is not), grouped by (sentence, actor) in the document's order."""
    by_sentence: dict[tuple, list] = {}
    for c in claims:
        metric = ctx.kb.metric_by_id.get((c.metric or "").split("@")[0])
        if metric is not None and (metric.level or metric.standing):
            continue
        if c.entity and c.mention.kind in AMOUNT_KINDS:
            by_sentence.setdefault((c.sentence_start, c.entity), []).append(c)
    return by_sentence


def _one_period(group, too_short=(Granularity.DAY,)):
    """The one period the group's own figures give, if it is long enough to be what they are about."""
    periods = {c.period.label: c.period for c in group if c.period is not None and c.role not in ("base", "previous")}
    if len(periods) != 1:
        return None
    (period,) = periods.values()
    return None if period.granularity in too_short else period


# "Last week's numbers from Dubai": when a run of figures was told, not the period they cover
_NOT_A_PARAGRAPH_PERIOD = (Granularity.DAY, Granularity.WEEK, Granularity.RANGE)


def _carry(c, period, rule: str) -> bool:
    if c.period is None and c.role not in ("base", "previous") and c.frame is not None \
            and c.frame.period.rule != "own-unread-period":
        c.period = period
        c.frame.period = Slot(value=period.label, words="", rule=rule, confidence=0.5)
        return True
    return False


# "for the quarter", "in the year": the period of that kind the article last named
_DEICTIC = re.compile(r"(?:in|for|during|over) the (quarter|year|half|month)", re.I)
_DEICTIC_GRAINS = {"quarter": (Granularity.QUARTER,), "year": (Granularity.YEAR, Granularity.FISCAL_YEAR),
                   "half": (Granularity.HALF,), "month": (Granularity.MONTH,)}


def deictic_periods(ctx, claims) -> None:
    """'Fourth-quarter revenue was $9.28 billion ... Net income was $1.10 billion for the quarter
    and $4.46 billion for the year': "the quarter" is the last quarter the article named before
    the figure (a stated date, never a relative one like "a year earlier"), "the year" the last
    year; with none named the figure keeps its unread period and is never an error."""
    for c in claims:
        f = c.frame
        m = _DEICTIC.fullmatch(f.period.words) if f is not None and f.period.rule == "own-unread-period" else None
        if m is None:
            continue
        grains = _DEICTIC_GRAINS[m.group(1).casefold()]
        k = bisect_left(ctx.date_starts, c.mention.start)
        named = next((d for d in reversed(ctx.dates[:k]) if d.granularity in grains and not d.relative
                      and d.period_start is not None), None)
        if named is not None:
            c.period = period_of(named)
            f.period = Slot(value=named.text, words=f.period.words, rule=f"the-{m.group(1).casefold()}-named-before",
                            confidence=0.5)


# "579 million cans, up 50% from 385 million in 2023": between the figure and its base
_UP_FROM = re.compile(r",?\s(?:\S+\s){0,3}?(?:up|down|rising|falling|rose|fell|increased|decreased|a\s(?:rise|fall|drop|gain)\sof)"
                      r"\s(?:\S+\s){0,3}?(?:from|on|over|compared\swith)\s(?:\S+\s){0,2}?$", re.I)


def year_after_base(ctx, claims) -> None:
    """'Zyn shipments reached 579 million cans, up 50% from 385 million in 2023': a fact that
    states no period of its own, compared with a base of one named year, is about the year
    after, once that year had ended when it was said (the year-on-year comparison of a results
    report).  A year still running is left unread: the figure may be a total so far."""
    text = ctx.doc.text
    for k, c in enumerate(claims):
        if c.period is not None or c.status != "fact" or c.role is not None or c.mention.kind not in AMOUNT_KINDS \
                or c.frame is None or c.frame.period.rule == "own-unread-period" or c.as_of is None:
            continue
        base = next((b for b in claims[k + 1 : k + 3] if b.role == "base" and b.sentence_start == c.sentence_start), None)
        p = base.period if base is not None else None
        if p is None or p.granularity != Granularity.YEAR or p.start is None or base.mention.kind != c.mention.kind \
                or not _UP_FROM.search(text, c.mention.end, base.mention.start) or date(p.start.year + 1, 12, 31) >= c.as_of:
            continue
        year = p.start.year + 1
        _carry(c, Period(start=date(year, 1, 1), end=date(year, 12, 31), granularity=Granularity.YEAR, label=str(year)),
               "the-year-after-its-base")


def stated_once(ctx, claims, main: str | None = None, lede: tuple | None = None) -> None:
    """The periods a sentence, then its paragraph, then the article's results lede (`lede`, from
    results_period) states once for a run of figures."""
    by_sentence = _flow_amounts(ctx, claims)
    _sentence_period(by_sentence)
    _paragraph_period(ctx, by_sentence)
    if main is not None and lede is not None:
        _lede_period(ctx, by_sentence, main, lede)


_LEDE_PARAGRAPHS = 3  # the lede is in the article's first paragraphs (a dateline or a caption may come first)
_LEDE_GRAINS = (Granularity.QUARTER, Granularity.HALF, Granularity.YEAR, Granularity.FISCAL_YEAR)


def results_period(ctx, main: str):
    """(end of the lede sentence, period) when one of the article's first paragraphs has its main
    company report a period's results ("ServiceNow reported first-quarter numbers on Wednesday",
    "Alstom posted results for its fiscal year to 31 March 2025"): one period, named inside or
    right after the words that say so."""
    words = ctx.kb.frame_words
    paras = ctx.paras.spans[:_LEDE_PARAGRAPHS]
    if not paras:
        return None
    text, company_of = ctx.doc.text, ctx.kb.entity_matcher.company_of
    for m in words.results_lede.finditer(text, paras[0].start, paras[-1].end):
        sent = ctx.sents.span(m.start())
        if not any(company_of(h.id) == main and h.end <= m.start() for h in ctx.ents_in(sent.start, sent.end)):
            continue
        k = bisect_left(ctx.date_starts, m.start())
        named = {d.period_label: d for d in ctx.dates[k:] if d.start < min(m.end() + 40, sent.end)
                 and d.granularity in _LEDE_GRAINS and d.period_start is not None}
        if len(named) == 1:
            return sent.end, period_of(next(iter(named.values())))
    return None


def _lede_period(ctx, by_sentence: dict, main: str, lede: tuple) -> None:
    """The period of the results the lede reports holds for the article's later facts about its
    main company that state none ("Subscription revenue was $3,005 million", two paragraphs on)."""
    end, period = lede
    company_of, words = ctx.kb.entity_matcher.company_of, ctx.kb.frame_words
    for (start, actor), group in by_sentence.items():
        if start < end or company_of(actor) != main:
            continue
        said = ctx.doc.text[start : group[0].sentence_end]
        # "up 22% from $2,523 million a year earlier": the cue dates the base, not the sentence
        based = any(c.role in ("base", "previous") and c.period is not None for c in group)
        if running_total(ctx, start, group[0].sentence_end) or (words.told_as_earlier(said.casefold()) and not based):
            continue
        for c in group:
            if c.status == "fact":
                _carry(c, period, "period-of-the-results-lede")


def _paragraph_period(ctx, by_sentence: dict) -> None:
    """'Gross bookings rose 18% to $162.8bn in 2024. Revenue grew 18% to $44.0bn, and trips
    climbed 19% to 11.27 billion.': a period stated once for a run of facts about one actor
    holds for the next sentences of its paragraph that state no period of their own, while each
    is about the actor.  Only facts, and only from a fact: "It expects revenue of $50bn" is not 2024."""
    dated = {start for (start, _), group in by_sentence.items() if any(c.period is not None for c in group)}
    state: dict[str, tuple] = {}  # actor -> (paragraph, sentence, period) of the run's last sentence
    for (start, actor), group in by_sentence.items():
        para, k = ctx.paras.at(start), ctx.sents.at(start)
        facts = [c for c in group if c.status == "fact"]
        period = _one_period(facts, _NOT_A_PARAGRAPH_PERIOD)
        run = state.pop(actor, None)
        if period is not None:
            state[actor] = (para, k, period)
        elif start in dated or len(facts) < len(group) or run is None or run[:2] != (para, k - 1) \
                or running_total(ctx, start, group[0].sentence_end) \
                or ctx.kb.frame_words.told_as_earlier(ctx.doc.text[start : group[0].sentence_end].casefold()):
            continue  # a sentence of its own dates, an outlook, or a sentence about something else between: the run ends
        else:
            carried = [_carry(c, run[2], "period-of-the-paragraph") for c in facts]
            if any(carried):
                state[actor] = (para, k, run[2])


def _sentence_period(by_sentence: dict) -> None:
    """A figure with no period of its own in a sentence whose other figures of the same actor
    all give one period ("In the first half revenue rose 12% to CHF 4.48bn and operating profit
    to CHF 1.21bn"): that period, stated once for a list."""
    for group in by_sentence.values():
        period = _one_period(group)
        if period is not None:
            for c in group:
                _carry(c, period, "period-of-the-sentence")
