"""Metric choice: what a figure measures.  A counted noun ("130 million orders"), else
the nearest metric phrase of a compatible dimension in the clause, then the sentence;
qualified by what kind of the metric it is (a rate, a remainder, a region, a price's
moment, a change, overseas sales); figures still without one take the metric the
document last gave the same entity."""
from __future__ import annotations

import re
from bisect import bisect_left

from ..models import Claim, Mention
from ..segment import Span
from .context import CHANGE, PLAN_ANAPHOR, Context
from .phrases import lemma, tokens

_OVERSEAS = re.compile(r"\b(?:overseas|abroad|outside\s(?:of\s)?(?:mainland\s)?China|outside\sits\shome\smarket|international\s(?:sales|markets?)|exports?|exported)\b", re.I)


_NOTHING = re.compile(r"(?!)")
# A means phrase after a figure: the metrics it names are how the amount came about, not what it is
_MEANS = re.compile(r"\b(?:through|via|by\sway\sof|in\sthe\sform\sof)\s", re.I)


def _money_noun(ctx: Context) -> re.Pattern:
    """A noun of rules/lexicon/claims.toml's money_nouns after an amount, with up to two words before it."""
    words = "|".join(map(re.escape, ctx.kb.claim_words.money_nouns))
    if not words:
        return _NOTHING  # no list, no such noun (an empty alternation would take any word)
    return re.compile(r"[\s-]((?:[a-z]{3,15}[\s-]){0,2}(?:" + words + r"))\b")  # re caches the compiled pattern




_DELTA_BEFORE = re.compile(r"\b(?:added|adding|adds|hired|hiring|laid\soff|shed|shedding|net\sadds\sof|net\sadditions\sof|an\sincrease\sof|a\sdecrease\sof)\s"
                           r"(?:about\s|around\s|some\s|nearly\s|more\sthan\s|over\s|roughly\s|another\s|a\snet\s)?$", re.I)


_DELTA_AFTER = re.compile(r"\s(?:[a-z]+\s){0,2}?(?:more|fewer|less)\sthan\b", re.I)


_RATE = re.compile(r"[\s-](?:(?:per|a|an|each)\s((?:[a-z]+\s){0,3}?(?:day|week|month|quarter|year|hour|minute|second|token|tokens|user|users|unit|share|head|person|order|vehicle|car))\b"
                   # "356.7 billion yuan a year earlier" is a time, not a rate
                   r"(?![\s-](?:earlier|ago|later|before|after|on|prior|previously)\b)|(annually|monthly|weekly|daily)\b)", re.I)


_MOMENT = [("close", re.compile(r"\b(?:clos(?:e|ed|ing)|ended|finished|settled)\b", re.I)),
           ("open", re.compile(r"\b(?:open(?:ed|ing)?)\b", re.I)),
           ("high", re.compile(r"\b(?:high|peak(?:ed)?|soared\sas\shigh|intraday)\b", re.I)),
           ("offer", re.compile(r"\b(?:offer(?:ing)?\sprice|IPO\sprice|priced\s(?:its\sshares\s)?at|issue\sprice|offer\sat)\b", re.I)),
           ("range", re.compile(r"\b(?:price\srange|range\sof|marketed\sat)\b", re.I))]


_REMAINING = re.compile(r"\b(?:remaining|remains|still\savailable|available\s(?:for|to|under)|left\sunder|left\sin|yet\sto\sbe\sspent|unused|undrawn)\b", re.I)


_REGION = re.compile(r"\b(?P<q>Europe(?:an)?|Asia(?:n)?|U\.?S\.?|America(?:n)?|North\sAmerican|China|Chinese|Japan(?:ese)?|India(?:n)?|domestic|international|overseas)"
                     r"\s(?:[a-z]+\s)?(?:sales|revenue|deliveries|users|orders|shipments|market)\b", re.I)


def qualified(ctx: Context, metric: str | None, m: Mention, clause: Span) -> str | None:
    """What kind of the metric a figure is: '0.8 yuan per million input tokens' vs '... output tokens',
    '50,000 vehicles a month' vs a total, an opening price vs a close."""
    if metric is None:
        return None
    text = ctx.doc.text
    rate = _RATE.match(text, m.end) if not (m.unit and " per " in m.unit) else None
    if rate:
        per = re.sub(r"\W+", "-", (rate.group(1) or rate.group(2)).lower())
        own = f"{metric}_per_{per}"  # "a dividend of €1.68 per share" is the lexicon's dividend per share
        return own if own in ctx.kb.metric_by_id else f"{metric}-per-{per}"
    if m.kind == "money" and _REMAINING.search(text, max(clause.start, m.start - 30), min(clause.end, m.end + 30)):
        return f"{metric}-remaining"  # "$800 million still available under the buyback" is not the buyback
    region = _REGION.search(text, max(clause.start, m.start - 60), m.start)
    if region and not metric.endswith("-overseas"):
        # "European sales of €610 million" is not the company's total revenue
        return f"{metric}-{re.sub(r'[^a-z]+', '', region.group('q').lower())}"
    if ctx.kb.metric_matcher.dimension(metric) == "price":
        window = text[max(clause.start, m.start - 50) : m.start]
        found = [(hit.end(), tag) for tag, pattern in _MOMENT for hit in pattern.finditer(window)]
        if found:
            return f"{metric}-{max(found)[1]}"  # the moment named nearest the price
    return metric


_RAISED_OBJECT = re.compile(r"\s(?:the|its|their|his|her|this|that)\s(?!(?:money|funds|capital|cash)\b)[a-z]", re.I)




def choose_metric(ctx: Context, m: Mention, sent: Span, clause: Span) -> tuple[str | None, str | None]:
    mm = ctx.kb.metric_matcher
    if m.kind in ("money", "count"):
        framed = mm.framed(ctx.doc.text, m.start)  # "values the startup at", "employs about"
        if framed:
            return framed, None
    if m.kind == "money":
        # "$300 million at a $4.5 billion valuation": a metric noun right after the amount is what it is.
        right = next((ctx.mets[k] for k in range(bisect_left(ctx.met_starts, m.end), bisect_left(ctx.met_starts, m.end + 3))
                      if mm.dimension(ctx.mets[k].id) in ("money", "price") and not _names_next(ctx, ctx.mets[k])
                      and "\n" not in ctx.doc.text[m.end : ctx.mets[k].start]), None)  # not the next line's
        if right:
            return right.id, ctx.doc.text[right.start : right.end]
    generic = m.kind == "count" and m.unit and m.unit.lower() in ctx.kb.claim_words.generic_nouns  # the clause says what is counted
    if m.kind == "count" and m.unit and not generic:
        found = mm.for_noun(m.unit)
        if found:
            return found, m.unit
        return "~" + m.unit, m.unit  # an unknown counted noun is still a metric of its own
    # A bare scaled number ("at 160 billion") may be money or a count: context decides.
    bare = m.kind == "count" and (m.unit is None or generic)
    want = KIND_DIMENSIONS[m.kind] | ({"money", "price"} if bare else set())
    if m.kind.startswith("percent"):
        want = None if ctx.doc_scan(CHANGE).first(clause.start, clause.end) else {"ratio"}  # None: any dimension
    hits, starts, longest = _candidates(ctx, want, after=False)
    # The nearest metric ending before the figure; in its clause, else the first after it.
    best = _latest_ending(hits, starts, longest, clause.start, m.start)
    if best is None:
        later, later_starts, _ = _candidates(ctx, want, after=True)
        best = next((later[k] for k in range(bisect_left(later_starts, m.end), bisect_left(later_starts, clause.end))
                     if later[k].end <= clause.end), None)
        if best is not None and _MEANS.search(ctx.doc.text, m.end, best.start):
            best = None  # "returned $1.6 billion to shareholders through buybacks and dividends": how, not what
    if best is None:
        # Beyond its clause a figure takes only the metric leading up to it, with no figure between.
        best = _latest_ending(hits, starts, longest, sent.start, m.start)
        if best is not None:
            lo, hi = ctx.figures_from(best.end, m.start)
            best = best if hi == lo else None
    if best is None:
        return None, None
    metric = best.id
    if m.kind.startswith("percent") and mm.dimension(metric) != "ratio":
        metric += "-change"
    return metric, ctx.doc.text[best.start : best.end]


# The metric dimensions a figure of each kind can measure.
KIND_DIMENSIONS: dict[str, set[str]] = {
    "money": {"money", "price"}, "count": {"count", "score", "size"}, "quantity": {"size", "duration", "count"},
    "percent": {"ratio"}, "percent-point": {"ratio"}, "multiple": set(), "fraction": {"ratio"}}


def _last_standing(ctx: Context, end: int):
    """The last metric hit, in the document's order, of a standing metric (a plan, a budget) ending by `end`."""
    if "standing" not in ctx.memo:
        hits = [h for h in ctx.mets if (kb_metric := ctx.kb.metric_by_id.get(h.id)) and kb_metric.standing]
        ctx.memo["standing"] = hits, [h.start for h in hits]
    hits, starts = ctx.memo["standing"]
    return next((hits[k] for k in range(bisect_left(starts, end) - 1, -1, -1) if hits[k].end <= end), None)


def _names_next(ctx: Context, h) -> bool:
    """'$200 million at a valuation of $3 billion': a figure within 8 characters after the metric is what it names."""
    lo, hi = ctx.figures_from(h.end, h.end + 9)
    return hi > lo


def _candidates(ctx: Context, want: set[str] | None, after: bool) -> tuple[list, list[int], int]:
    """The document's metric hits of the wanted dimensions (None: any) that can name a figure, once;
    with after=True only those that do not name the figure right after them."""
    key = ("metrics", frozenset(want) if want is not None else None, after)
    if key not in ctx.memo:
        mm, text = ctx.kb.metric_matcher, ctx.doc.text
        hits = [h for h in ctx.mets if (want is None or mm.dimension(h.id) in want)
                # "Taobao Flash Sale" names a product, not sales
                and not any(e.start <= h.start and h.end <= e.end for e in ctx.ents_in(max(0, h.start - 40), h.end + 40))
                # "raised the goal to 380,000": raising a figure, not raising money
                and not (h.id == "funding" and _RAISED_OBJECT.match(text, h.end))
                and not (after and _names_next(ctx, h))]
        ctx.memo[key] = hits, [h.start for h in hits], max((h.end - h.start for h in hits), default=0)
    return ctx.memo[key]


def _latest_ending(hits: list, starts: list[int], longest: int, start: int, end: int):
    """Of the hits starting at or after `start`, the one ending last by `end`; the first in order on a tie."""
    best = None
    for k in range(bisect_left(starts, end) - 1, bisect_left(starts, start) - 1, -1):
        h = hits[k]
        if best is not None and h.start + longest < best.end:
            break  # no hit starting earlier can end later
        if h.end <= end and (best is None or h.end >= best.end):
            best = h
    return best


def fill_metrics(ctx: Context, claims: list[Claim]) -> None:
    """'reported the plan at 60 billion yuan': the metric the document last gave this entity;
    'its passenger target ... to 198 million': a counted noun the document uses, named in the clause."""
    nouns: dict[str, tuple[str, str]] = {}  # lemma of a counted noun's head -> (metric, noun)
    for c in claims:
        if c.mention.kind == "count" and c.mention.unit and c.metric:
            nouns.setdefault(lemma(c.mention.unit.split()[-1]), (c.metric, c.mention.unit))
    last: dict[tuple[str, str], tuple[str, int]] = {}  # (entity, class) -> (metric, sentence)
    for c in claims:
        m = c.mention
        if c.metric is None and m.kind == "count" and m.unit is None and nouns:
            clause = ctx.clause(Span(c.sentence_start, c.sentence_end), m)
            for t in tokens(ctx.doc.text, max(clause.start, m.start - 60), m.start):
                hit = nouns.get(lemma(t.text))
                if hit:
                    c.metric, m.unit = hit
                    m.notes.append(f"counts the '{hit[1]}' named earlier in the clause")
    planned: dict[tuple, str] = {}  # (entity, class) -> metric of its last plan or budget
    for c in claims:
        m = c.mention
        cls = "money" if m.kind == "money" or (m.kind == "count" and m.unit is None) else m.kind
        said = (c.metric_text or "").lower()
        if c.entity and said in ("budget", "plan", "target") and (c.entity, cls) in planned \
                and re.search(r"\bthe\s" + re.escape(said), ctx.doc.text[max(0, m.start - 80) : m.start], re.I):
            c.metric = planned[(c.entity, cls)]  # "raised the budget to 80 billion yuan": the plan named before
        if c.entity and c.metric and ({"plan", "plans", "planned", "budget"} & set(c.hedges) or said.endswith(("plan", "budget"))):
            planned[(c.entity, cls)] = c.metric
        if c.metric and c.entity:
            last[(c.entity, cls)] = (c.metric, c.sentence_start)
        elif c.metric is None:
            metric, where = last.get((c.entity, cls), (None, -1)) if c.entity else (None, -1)
            if metric is None and c.entity and m.kind == "count" and m.unit is None:
                metric, where = last.get((c.entity, "count"), (None, -1))  # "... 350,000 vehicles; ... to 380,000"
            # "its 2026 capex plan at 160 billion; then 200+ billion": a list of values for one metric,
            # each qualified afresh ("opened at $84.10 ..., rose to an intraday high of $91.75").
            if metric and where == c.sentence_start and c.role != "base":
                base = re.sub(r"-(?:open|close|high|offer|range)$", "", metric)
                c.metric = qualified(ctx, base, m, ctx.clause(Span(c.sentence_start, c.sentence_end), m))
            elif PLAN_ANAPHOR.search(ctx.doc.text, max(c.sentence_start, m.start - 60), m.start):
                # "reported the plan at 60 billion yuan": the plan-like metric the article last named.
                named = _last_standing(ctx, m.start)
                if named:
                    c.metric = named.id
            if c.metric:
                last[(c.entity, cls)] = (c.metric, c.sentence_start)


def metric_of(ctx: Context, m: Mention, sent: Span, clause: Span) -> tuple[str | None, str | None]:
    """The figure's metric and the words that name it."""
    metric, metric_text = choose_metric(ctx, m, sent, clause)
    metric = qualified(ctx, metric, m, clause)
    text = ctx.doc.text
    if metric and not metric.endswith("-change") and (
            _DELTA_BEFORE.search(text, max(clause.start, m.start - 40), m.start) or _DELTA_AFTER.match(text, m.end)):
        metric += "-change"  # "added about 450 employees", "120,000 more than in June": a change, not a level
    if metric is None and m.kind == "money":
        # "a 500 million yuan red packet pool": the noun the amount is of is a metric of its own.
        head = _money_noun(ctx).match(text, m.end)
        if head and head.group(1).lower().split()[0] not in ctx.kb.claim_words.not_metric_words:
            words = head.group(1).replace("-", " ").lower().split()
            metric, metric_text = "~" + " ".join(lemma(w) for w in words), head.group(1)
    if metric and not metric.endswith("-overseas") and _OVERSEAS.search(
            text, max(clause.start, m.start - 40), min(clause.end, m.end + 50)):
        metric += "-overseas"  # "sold 470,000 vehicles outside mainland China" is not total sales
    return metric, metric_text
