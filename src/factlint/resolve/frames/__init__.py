"""The grammar tier of the claim reader: a frame for every figure.

The token tier (resolve/claims.py) reads each figure's entity, metric and
period from the words near it.  This tier parses the sentences whose figures
can take part in a check (one `nlp.pipe` batch per document) and reads the
same slots from the dependency tree, in sub-stages:

    grammar.anchor   where the figure hangs: its noun or verb, and its role
    actor            possessor or subject: who the figure is about
    period           the period it is about, apart from when it was said
    status           fact, forecast, plan, estimate, expectation or scenario
    links            relations to the other figures of the sentence
    carry            a period from the rest of the sentence or article (frames/carry.py)

Where the grammar is sure it corrects the token tier; where it is not, the
token tier's reading stands with a lower confidence, so that matching can
abstain.  Every slot keeps the words and the rule that filled it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict

from ...models import Claim, Frame, Granularity, Slot
from ...extract.lexicon import SCALES
from ...parse import MAX_SENTENCE_CHARS, Lemmatizer, parse_all
from ..entities import is_outlet, outlet_words
from ..context import AMOUNT_KINDS
from ..metric_choice import KIND_DIMENSIONS
from ..restatements import drop_taken_currency
from .actor import read_actor
from .carry import dated_outlook, deictic_periods, outlook_day_is_said, results_period, stated_once, year_after_base
from .grammar import Anchor, anchor
from .links import equivalents, link, made_of_parts, previously_noted
from .metric_words import canonical_metric, fuller, lexicon_metric, metric_lemmas, names, phrase_after  # noqa: F401  (canonical_metric, metric_lemmas: this package's interface)
from .period import read_dates
from .status import not_yet_over, own_outlook, past_outcome, read_status
from .tables import row_segments

# Figures the checks compare; the others are still read by the token tier.
_FRAMED_KINDS = {"money", "count", "percent", "percent-point", "quantity"}


def read_frames(ctx, claims: list[Claim]) -> None:
    """Give each claim a frame and let the confident slots correct the token tier's reading."""
    by_sentence: dict[tuple[int, int], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.mention.kind in _FRAMED_KINDS and c.sentence_end - c.sentence_start <= MAX_SENTENCE_CHARS:
            by_sentence[(c.sentence_start, c.sentence_end)].append(c)
    if not by_sentence:
        not_yet_over(claims)
        return
    spans = sorted(by_sentence)
    text = ctx.doc.text
    words = ctx.kb.frame_words
    lemmatize = ctx.kb.__dict__.get("_lemmatizer")
    if lemmatize is None:
        lemmatize = ctx.kb.__dict__["_lemmatizer"] = Lemmatizer(words.verbs(), words.irregular_verbs)
    parses = parse_all((text[s:e] for s, e in spans), lemmatize)
    not_names = _unit_words(ctx, claims)
    by_start = sorted(ctx.dates, key=lambda d: d.start)
    date_starts = [d.start for d in by_start]
    main, sole = main_entity(ctx, not_names)
    lede = results_period(ctx, main) if main else None
    speakers = _speakers(ctx)
    for (s, e), p in zip(spans, parses):
        group = by_sentence[(s, e)]
        figures = [(c.mention.start - s, c.mention.end - s) for c in group]
        hits = [(h.start - s, h.end - s, h.id, h.type) for h in ctx.ents_in(s, e)]
        lo, hi = bisect_left(date_starts, s), bisect_left(date_starts, e)
        dates = [(d, d.start - s, d.end - s) for d in by_start[lo:hi] if d.end <= e]
        anchors: dict[str, Anchor] = {}
        fig_tokens = {t.i for fs, fe in figures for t in p.span(fs, fe)}
        unstated = _unstated_actor(p, hits, not_names, ctx.kb, sole or (lede is not None and s >= lede[0])) if main else None
        for k, c in enumerate(group):
            if c.entity is not None and c.entity.startswith("~") and (c.entity[1:] in not_names or _not_a_name(c.entity, words)):
                # "12.9 million TEU", "EBIT of ...": a unit or metric; "The Group expects ...": an
                # anaphor written with a capital; "Nearly 200 countries": not a name at all
                c.entity = c.entity_text = None
            a = anchor(p, c.mention.start - s, c.mention.end - s, words, figures, c.mention.kind == "count",
                       c.mention.kind == "money")
            if a is None:
                continue
            _elided_noun(p, a, c, group[:k], anchors, words)
            anchors[c.id] = a
            own = {t.i for t in p.span(c.mention.start - s, c.mention.end - s)}
            actor, _, segment = read_actor(p, a, hits, words, fig_tokens)
            if actor.value is not None and actor.value.startswith("~") and actor.value[1:] in not_names:
                actor = Slot(value=None, words=actor.words, rule="unit-not-actor")  # "CHF 2.5 billion", "AED 6.0bn"
            elif actor.value is not None and actor.value.startswith("~") and _metric_word(ctx.kb, actor.value[1:]):
                actor = Slot(value=None, words=actor.words, rule="metric-not-actor")  # "EPS was 88 cents"
            if actor.value is None and c.entity is None and unstated and not actor.rule.startswith(_ANAPHOR_RULES):
                actor = Slot(value=main, words="", rule=f"{unstated[0]}->main-entity", confidence=unstated[1])
                c.entity = main
            period, pm, as_of, am = read_dates(p, a, dates, words, fig_tokens - own, c.mention.kind in AMOUNT_KINDS)
            c.frame = _frame(ctx, c, a, actor, segment, period, as_of, read_status(p, a, words), main, speakers)
            _apply(ctx, c, pm, am)
        link(p, group, anchors, words)
        equivalents(p, group, anchors, words)
    made_of_parts(ctx.doc.text, claims, ctx.kb.frame_words)
    previously_noted(ctx.doc.text, claims, ctx.kb.frame_words)
    deictic_periods(ctx, claims)
    stated_once(ctx, claims, main, lede)
    year_after_base(ctx, claims)
    outlook_day_is_said(claims)
    dated_outlook(ctx, claims)
    row_segments(ctx, claims, lambda name: _metric_word(ctx.kb, name))
    not_yet_over(claims)
    past_outcome(ctx.doc.text, claims)


def _elided_noun(p, a: Anchor, c: Claim, before: list[Claim], anchors: dict[str, Anchor], words) -> None:
    """'reached $9.5 billion in the quarter and $35.7 billion for the full year', 'added 18.9
    million paid memberships ... and ended the year with 301.6 million': a figure with no noun of
    its own, coordinated with an earlier figure of its kind (the figures, or their verbs), measures
    what that figure does; so does the total a change brings it to ("added about 230,000
    digital-only subscribers, taking the total to 11.30 million")."""
    if a.property is not None or a.noun is not None or c.mention.kind not in AMOUNT_KINDS:
        return  # (a percent's role, a change or a level, is not the earlier figure's to give)
    for b in reversed(before):
        e = anchors.get(b.id)
        if e is None or e.property is None or b.mention.kind != c.mention.kind or b.mention.unit != c.mention.unit:
            continue
        # "$9.5 billion ... and $35.7 billion": the parser hangs the second on the first's verb
        figures = a.head.dep == "conj" and (a.head.head == e.head.i or (e.verb is not None and a.head.head == e.verb.i))
        verbs = a.verb is not None and e.verb is not None and a.verb.dep == "conj" and a.verb.head == e.verb.i
        total = a.verb is not None and e.verb is not None and a.verb.head == e.verb.i and a.verb.i != e.verb.i \
            and any(k.dep == "dobj" and k.lemma.casefold() in words.total_nouns for k in p.children(a.verb.i))
        if figures or verbs or total:
            a.property, a.modifiers, a.purpose = e.property, list(e.modifiers), e.purpose
            a.rule, a.confidence = f"elided-after-{e.rule}", min(0.7, e.confidence)
        return


_ANAPHOR_RULES = ("anaphor", "possessive-anaphor", "definite-anaphor", "description-")


def _unstated_actor(p, hits, not_names: set[str], kb, sole: bool) -> tuple[str, float] | None:
    """(rule, confidence) when a sentence's figures with no actor are the main entity's: a line
    with no verb ("Operating profit, FY2025: ¥4.08 trillion", a table cell, a fact box) states
    them; a sentence that names nobody ("The 12.9 million TEU carried were a record") goes on
    about what the article is about, too weakly to make an error alone, unless the article names
    no other company at all or its lede has the company report a period's results and the
    sentence comes after (`sole`): a headline naming the company is not enough, its sentences
    that name nobody are as often about a segment or another measure of growth."""
    if not any(t.head == t.i and t.pos in ("VERB", "AUX") for t in p.toks):
        return "verbless-line", 0.6
    if all(h[2].startswith("~") and (h[2][1:] in not_names or is_place(h[2], kb)) for h in hits):
        return ("unnamed-sentence-sole-company", 0.6) if sole else ("unnamed-sentence", 0.5)
    return None


def main_entity(ctx, not_names: set[str]) -> tuple[str | None, bool]:
    """The company the article names most (at least three times): what its anaphors point to;
    and whether it is the only company or organisation the article names."""
    counts: dict[str, int] = defaultdict(int)
    title = (ctx.doc.title or "").casefold()
    outlet = outlet_words(title)
    title = title.rsplit(" | ", 1)[0]
    title_words = set(re.findall(r"[^\W_]+", title))
    for h in ctx.ents:
        if h.type == "unknown" and is_outlet(h.id, outlet):
            continue  # the publication ("SASKATOON - (Canadian Resource Wire) Nutrien raised ...")
        if h.type in ("company", "organisation", "unknown") and h.id[1:] not in not_names and not is_place(h.id, ctx.kb) \
                and not (h.type == "unknown" and _metric_word(ctx.kb, h.id[1:])):  # "Sales" heading a table
            counts[ctx.kb.entity_matcher.company_of(h.id)] += 1
    for e in counts:  # the name in the headline is what the article is about ("Maersk" for A.P. Moller-Maersk)
        name = e.lstrip("~")
        parts = {w for w in re.split(r"[\s.-]+", name) if len(w) >= 4}
        if title and (name in title or ctx.kb.entity_matcher.display(e).casefold() in title or parts & title_words):
            counts[e] += 3
    # A tie goes to the name met first: the article's subject opens it ("COPENHAGEN (Nordic
    # Health Wire) - Novo Nordisk cut ..."; the hits are in text order, and so is `counts`).
    first = {e: k for k, e in enumerate(counts)}
    best = min(counts, key=lambda e: (-counts[e], first[e]), default=None)
    if best is None or counts[best] < 3:
        return None, False
    return best, len(counts) == 1


def _metric_word(kb, name: str) -> bool:
    memo = kb.__dict__.setdefault("_metric_words", {})
    if name not in memo:
        memo[name] = canonical_metric(kb, name) is not None
    return memo[name]


def is_place(eid: str, kb) -> bool:
    """An unknown name that is a city or region ("London") or ends in a place's head word ("the
    Red Sea"): where something happened, not who."""
    words = kb.frame_words
    return eid.startswith("~") and (eid[1:] in words.city_set or eid.split()[-1] in words.place_heads)


def _speakers(ctx) -> set[str]:
    """People the article names whose employer the entity table does not give."""
    return {h.id for h in ctx.ents if h.type == "person" and ctx.kb.entity_matcher.company_of(h.id) == h.id}


def _not_a_name(entity: str, words) -> bool:
    name = entity[1:].split()
    # "it", "Total" (as in "adjusted EBITDA Total"), "2024 Report", "Nearly 200 countries"
    return (len(name) == 1 and (name[0] in words.anaphors or name[0] in words.table_totals or name[0] in words.abbreviations)) \
        or any(w[:1].isdigit() for w in name) or (
        name[0] in words.not_name_openers)


_INITIALS = re.compile(r"((?:[A-Za-z][A-Za-z-]*\s){1,6})\(([A-Z]{2,6})\)")
# An all-caps word measured by the figure after it ("an AISC of $1,583 an ounce", "EBITDA of
# EUR 2.1 billion"): a metric's initials, never a company's name.
_METRIC_INITIALS = re.compile(r"\b([A-Z]{2,6})\s+of\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+)?"
                              r"(?:[A-Z]{0,2}[$€£¥]|[A-Z]{3}\s)?\d")
_STOP_INITIALS = ("of", "and", "the", "for")


def _unit_words(ctx, claims: list[Claim]) -> set[str]:
    """Words the article uses as units or metric names: never an unknown entity's name."""
    out = {(c.mention.unit or "").casefold() for c in claims}
    # ... and the unit as written ("315 to 345 TWh": the unit is read as terawatt-hours)
    out |= {c.mention.text.rsplit(None, 1)[-1].casefold() for c in claims
            if c.mention.kind == "quantity" and c.mention.text[-1:].isalpha()}
    # ... and the words inside a figure ("978 Mio. €", "US$2 bn"): a scale, never the next figure's actor
    out |= {w.rstrip(".") for c in claims for w in (t.casefold() for t in c.mention.text.split()[1:]) if w in SCALES}
    # ... and the initials of a common-noun phrase written after it ("assets under management (AUM)")
    # (a hyphenated word gives each part's initial, "All-in sustaining costs (AISC)"; the phrase's
    # first word may open the sentence with a capital)
    text = ctx.doc.text
    for m in _INITIALS.finditer(text):
        said = m.group(1).split()
        before = text[max(0, m.start() - 40) : m.start()]  # (a bounded look back: linear in the text)
        opens = before.endswith("\n") or before.rstrip()[-1:] in ("", ".", "!", "?", ":")
        words = [w for k, w in enumerate(said) if w.islower() or (k == 0 and opens and w[1:].islower())]
        parts = [x for w in words for x in w.split("-") if x]
        abbr = m.group(2)
        for k in range(len(abbr), len(abbr) + 4):
            if "".join(w[0] for w in parts[-k:] if w.casefold() not in _STOP_INITIALS).upper() == abbr:
                out.add(abbr.casefold())
                break
    out |= {m.group(1).casefold() for m in _METRIC_INITIALS.finditer(text)}
    for c in claims:
        if c.entity and c.entity.startswith("~") and canonical_metric(ctx.kb, c.entity[1:]):
            out.add(c.entity[1:])
    return out - {""}


def _frame(ctx, c: Claim, a: Anchor, actor: Slot, segment: Slot, period: Slot, as_of: Slot, status: Slot,
           main: str | None, speakers: set[str]) -> Frame:
    em = ctx.kb.entity_matcher
    if actor.rule.startswith("description-") and c.entity_text and c.entity_text in actor.words:
        c.entity = c.entity_text = None  # the token tier took the described leader's market for its actor
    if actor.value is None and c.entity is None and actor.rule.startswith(_ANAPHOR_RULES) and main:
        # "it", "the company", "its" with nothing nearer: the company the article is about
        actor = Slot(value=main, words=actor.words, rule=actor.rule + "->main-entity", confidence=0.6)
        c.entity, c.entity_text = main, actor.words
        if status.rule == "estimate-subject" and actor.rule.startswith("anaphor-subject"):
            # "The bank now expects ...": the subject is the article's own bank, so this is its outlook
            status = Slot(value="forecast", words=status.words, rule="own-outlook-anaphor", confidence=0.7)
    if actor.value is None and c.entity in speakers and main:
        # the nearest name is someone speaking for the company the table does not know the
        # employer of ("Chief executive Darren Woods said the $37.3 billion annual profit ..."):
        # the figure is the company's the article is about
        actor = Slot(value=main, words=c.entity_text or "", rule="speaker->main-entity", confidence=0.6)
        c.entity = main
    if actor.value is None and c.entity is not None and is_place(c.entity, ctx.kb):
        # the token tier's nearest name is a place ("as Red Sea diversions kept rates high")
        c.entity, c.entity_text = main, None
    if actor.value is None and c.entity is not None:
        # An anaphor ("it", "the company") or no grammatical actor: the token tier's entity,
        # as sure as the anaphor reading (or less, when the grammar found nothing).
        # The article's main company read by the token tier is as sure as an anaphor.
        named_here = bool(c.entity_text) and c.entity_text in ctx.doc.text[c.sentence_start : c.sentence_end]
        sure = 0.6 if c.entity == main or c.entity in ctx.kb.entity_by_id or named_here else 0.4
        actor = Slot(value=c.entity, words=actor.words or (c.entity_text or ""),
                     rule=actor.rule or "token-tier", confidence=max(actor.confidence, sure))
    thing = segment
    root = actor
    e = em.by_id.get(actor.value or "")
    if e is not None and e.type in ("product", "model", "division", "affiliate") and e.parent:
        thing = actor
        root = Slot(value=em.company_of(e.parent), words=actor.words, rule=f"parent-of-{e.id}", confidence=actor.confidence)
    prop_words = " ".join([*a.modifiers, a.property]) if a.property else ""
    prop = Slot(value=prop_words or None, words=prop_words, rule=a.rule, confidence=a.confidence if a.property else 0.0)
    return Frame(actor=actor, thing=thing, root=root, property=prop, head=a.property, modifiers=a.modifiers,
                 predicate=a.verb.lemma if a.verb is not None else None, purpose=a.purpose,
                 period=period, as_of=as_of, status=status,
                 role=Slot(value=a.role, rule=a.rule, confidence=a.confidence))


def _apply(ctx, c: Claim, period_date, as_of_date) -> None:
    """Confident grammar slots correct the token tier."""
    f = c.frame
    from ..claims import period_of  # the token tier's period reading, shared

    if f.property.value and f.property.confidence >= 0.5 and c.metric is None:
        said = canonical_metric(ctx.kb, f.property.value, f.purpose) or phrase_after(ctx, c, f.head)
        if said is None and f.head and f.head not in f.property.value.split():
            # an outlook noun's compound alone names no quantity, with the noun it may ("its 2025
            # capital budget": capital expenditure)
            said = canonical_metric(ctx.kb, f"{f.property.value} {f.head}")
        if said is not None and c.mention.kind in ("money", "quantity") \
                and ctx.kb.metric_matcher.dimension(said) not in KIND_DIMENSIONS[c.mention.kind]:
            said = None  # "potash sales of 13.0 to 13.8 million tonnes": a volume, not the money called sales
        c.metric = said or "~" + f.property.value
        c.metric_text = f.property.words
    elif f.property.rule == "copula-subject" and c.metric and c.metric.startswith("~") \
            and (c.metric_text or "").casefold() == (c.mention.unit or "").casefold():
        # "Adjusted earnings per share were 68 cents": not a count of cents
        c.metric = canonical_metric(ctx.kb, f.property.value, f.purpose) or "~" + f.property.value
        c.metric_text = f.property.words
    elif f.property.value and lexicon_metric(ctx.kb, c.metric) and f.head not in ctx.kb.frame_words.generic_heads \
            and ((f.property.confidence >= 0.85 and (f.property.rule in ("of-complement", "copula-subject") or (
                  # "$1.018 billion of sales": the figure's own complement (not "20% of sales", a share)
                  f.property.rule == "complement-of-figure" and f.role.value not in ("share", "part"))))
                 or (f.property.confidence >= 0.8 and (f.property.rule in _CHANGED_SUBJECT or f.property.rule.startswith("subject-of-"))
                     and not fuller(c.metric_text, f.property.value))):
        # The figure's own noun names another quantity than the nearest lexicon phrase did
        # ("delivered 1.79 million vehicles against production of 1.77 million").
        said = canonical_metric(ctx.kb, f.property.value, f.purpose)
        changed = c.metric not in ctx.kb.metric_by_id  # "revenue-change": a change of the lexicon's metric
        if said is not None and said != c.metric and not changed:
            c.metric, c.metric_text = said, f.property.words
            drop_taken_currency(c, ctx.memo.get("taken-currency", {}))
        elif said is None and not names(ctx.kb.metric_by_id[lexicon_metric(ctx.kb, c.metric)], f.property.value) \
                and not f.property.rule.startswith("subject-of-"):
            # (a level verb's subject may be no quantity at all: "the report put it at ...")
            c.metric, c.metric_text = "~" + f.property.value, f.property.words
            drop_taken_currency(c, ctx.memo.get("taken-currency", {}))
    if c.entity is None and f.actor.value and f.actor.confidence >= 0.75:
        # a name the token tier did not take for one ("Norvik will spend ..."), or an anaphor the
        # grammar tied to the reporting subject ("Astera said it delivered ...")
        c.entity, c.entity_text = ctx.kb.entity_matcher.company_of(f.actor.value), f.actor.words
    if (f.actor.rule in ("possessor",) or f.actor.rule.startswith(("subject-of-", "relative-subject-of-"))) \
            and f.actor.confidence >= 0.85:
        if f.actor.value and not f.actor.value.startswith("~") and c.entity != ctx.kb.entity_matcher.company_of(f.actor.value):
            c.entity, c.entity_text = ctx.kb.entity_matcher.company_of(f.actor.value), f.actor.words
    if f.period.rule == "own-unread-period":
        c.period = None  # not the sentence's other date
    if f.period.confidence >= 0.9 and period_date is not None and period_date.period_start \
            and period_date.granularity in _SPANS and c.period is not None and c.period.granularity in _MOMENTS:
        # "operating profit for the 2025/26 financial year, which ends in February 2026, of ...":
        # the year the figure's own words give, not the month a clause about that year names
        c.period = period_of(period_date)
    if f.period.rule == "date-of-another-clause":
        if c.period is not None and period_date.period_start and c.period.label == period_of(period_date).label:
            c.period = None  # the token tier took the nearest date, which dates another clause
        period_date = None
    if as_of_date is not None and as_of_date.period_start is not None:
        said = period_of(as_of_date)
        if c.period is not None and c.period.label == said.label:
            c.period = period_of(period_date) if period_date is not None and period_date.period_start else None
        c.as_of, c.as_of_source = as_of_date.period_start, "text"
    if f.role.value == "part" and c.role is None:
        c.role = "part"  # "$120 million of the new round": not the round's size
    if f.role.value == "base" and f.predicate in ctx.kb.frame_words.compare_verbs and c.role is None:
        c.role = "base"  # "compare with 2 million a year ago": the level of another time
    if f.role.value == "share" and c.role is None and c.mention.kind == "percent":
        # "DRAM made up about 79 percent of sales": a share of the sales, never their change (the
        # token tier reads a percent by a non-ratio metric as its change)
        c.role = "share"
        if c.metric and c.metric.endswith("-change"):
            c.metric, c.metric_text = f"~{f.property.value} share", f.property.words
    if f.status.value:
        c.status = f.status.value
    if f.status.rule == "reported-passive-forecast":
        own_outlook(c)
    if c.status == "fact" and f.status.rule == "indicative":
        # Nothing in the grammar said otherwise: the token tier's hedge words may ("a subsidy plan").
        of_hedge = ctx.kb.frame_words.status_of_hedge
        hedged = of_hedge.get(next((h for h in sorted(c.hedges) if h in of_hedge), ""), None)
        if hedged:
            c.status = hedged
            f.status = Slot(value=hedged, words=", ".join(c.hedges), rule="token-tier-hedge", confidence=0.5)
    if f.role.value == "change" and c.metric and "-change" not in c.metric \
            and (c.mention.kind.startswith("percent") or f.property.rule.startswith("by-of-")):
        c.metric += "-change"  # "a 5% decline in emissions", "trimmed its budget by $1 billion": a change, never the level
    if c.metric and "@" not in c.metric and ((f.thing.rule == "named-unit" and c.mention.kind in AMOUNT_KINDS) or (
            f.thing.rule == "segment-noun" and c.mention.kind != "count")):
        # A segment's money never meets the group's; the cars its car business delivers are
        # the company's deliveries, but not those of a unit it names ("Tesla Shanghai").
        c.metric += "@" + f.thing.value


_SPANS = (Granularity.YEAR, Granularity.FISCAL_YEAR, Granularity.HALF, Granularity.QUARTER)
_MOMENTS = (Granularity.DAY, Granularity.WEEK, Granularity.MONTH)

# The subject of a change verb with no object is what changed ("the number of trips climbed 19%
# to 11.27 billion"), as a level verb's is what is measured ("core operating profit reached
# ¥1,162.6 billion"); an object ("raised the goal to 380,000") may name only the plan, not the quantity.
_CHANGED_SUBJECT = tuple(f"{rel}-of-intransitive-change-verb" for rel in ("to", "from", "by", "npadvmod"))
