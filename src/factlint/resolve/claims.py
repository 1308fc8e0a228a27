"""Turn mentions into claims: who, what, when, how much, said by whom.

Reading order for each figure (all within one document):
  entity  -- the nearest entity in the figure's clause, else its sentence,
             else the previous sentence of the paragraph; figures still
             without one take the document's only entity with figures for
             the same metric, else the paragraph's last named entity.
  metric  -- a counted noun ("130 million orders"), else the nearest metric
             phrase of a compatible dimension in the clause, then sentence.
  period  -- the nearest date in the clause, then the sentence, that is not
             the date of a report ("On May 27th, Bloomberg reported").
  as-of   -- that report date; else the publication date.
"respectively" lists pair figures with entities and metrics in order.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from ..knowledge import Knowledge
from ..models import Claim, Document, Granularity, Mention, Period
from ..segment import Index, Span, paragraphs, sentences
from .frames import read_frames
from .entities import EntityHit
from .metrics import MetricHit
from .phrases import lemma, tokens

# Not "number": a bare number (an index level, a score) is never a claim of its own.
VALUE_KINDS = {"money", "count", "percent", "percent-point", "quantity", "multiple", "fraction"}
_CLAUSE = re.compile(r"[,;:()—–]| - | while | whereas | but |\. ")
_REPORT = re.compile(
    r"\b(?:reported|reports|report|reportedly|said|says|announced|disclosed|revealed|according to|told|wrote|cited|estimated|published|stated)\b",
    re.I,
)
_FROM = re.compile(r"\b(?:from|compared (?:to|with)|versus|vs\.?|than)\b", re.I)
_CHANGE = re.compile(r"\b(?:up|down|rose|rise|rising|fell|fall|grew|growth|increase[ds]?|decrease[ds]?|declined?|surged?|jumped?|dropped?|climbed?|gained?|lost|retreated|rebounded?|cut|cuts|lowered|raised|trimmed|reduced|lifted|slashed|boosted)\b", re.I)
# Hedges: scenario words make a figure a possibility, not a statement.
HEDGES = re.compile(
    r"\b(?:potentially|potential|under ideal conditions|ideally|in the best case|best-case|could|might|may|would|"
    r"hypothetical(?:ly)?|assum(?:ed|ing|e)|if|estimated?|expected|forecasts?|projected|projection|targets?|"
    r"plans?|planned|ceiling|goals?|rumou?rs?|reportedly|aims?|impossible|assumption|suppose|supposing|imagine)\b",
    re.I,
)
_EQUIV = re.compile(r"\s*[(（,]\s*(?:approx(?:imately|\.)?|about|around|roughly|or|equivalent to|~|≈|i\.e\.)?\s*$", re.I)


@dataclass
class _Ctx:
    doc: Document
    kb: Knowledge
    sents: Index
    paras: Index
    ents: list[EntityHit]  # sorted by start
    mets: list[MetricHit]
    dates: list[Mention]
    figures: list[Mention]

    def __post_init__(self) -> None:
        self._ent_starts = [e.start for e in self.ents]

    def ents_in(self, start: int, end: int) -> list[EntityHit]:
        """Entities wholly inside [start, end): a slice, not a scan of the document."""
        lo, hi = bisect_left(self._ent_starts, start), bisect_left(self._ent_starts, end)
        return [e for e in self.ents[lo:hi] if e.end <= end]


def resolve(doc: Document, mentions: list[Mention], kb: Knowledge) -> list[Claim]:
    text = doc.text
    ctx = _Ctx(
        doc, kb, Index(sentences(text)), Index(paragraphs(text)),
        kb.entity_matcher.find(text), kb.metric_matcher.find(text),
        [m for m in mentions if m.kind == "date" and (m.period_start or m.period_label)],
        [m for m in mentions if m.kind in VALUE_KINDS],
    )
    figures = ctx.figures
    claims = [_claim(ctx, m) for m in figures]
    _respectively(ctx, claims)
    _fill_entities(ctx, claims)
    _fill_metrics(ctx, claims)
    _carry_periods(ctx, claims)
    _fill_currency(doc.text, claims)  # "470 billion" becomes money before its bracket is read as a restatement
    _equivalents(ctx, claims)
    read_frames(ctx, claims)  # the grammar tier corrects what the token rules read
    return claims


def _claim(ctx: _Ctx, m: Mention) -> Claim:
    sent = ctx.sents.span(m.start)
    clause = _clause(ctx.doc.text, sent, m)
    report_date, attribution = _report(ctx, sent, clause, m)
    c = Claim(id=f"{ctx.doc.path}:{m.start}", mention=m, sentence_start=sent.start, sentence_end=sent.end)
    c.metric, c.metric_text = _metric(ctx, m, sent, clause)
    c.metric = _qualified(ctx, c.metric, m, clause)
    text = ctx.doc.text
    if c.metric and not c.metric.endswith("-change") and (
            _DELTA_BEFORE.search(text, max(clause.start, m.start - 40), m.start) or _DELTA_AFTER.match(text, m.end)):
        c.metric += "-change"  # "added about 450 employees", "120,000 more than in June": a change, not a level
    if c.metric is None and m.kind == "money":
        # "a 500 million yuan red packet pool": the noun the amount is of is a metric of its own.
        head = _MONEY_NOUN.match(ctx.doc.text, m.end)
        if head and head.group(1).lower().split()[0] not in _NOT_METRIC_WORDS:
            words = head.group(1).replace("-", " ").lower().split()
            c.metric, c.metric_text = "~" + " ".join(lemma(w) for w in words), head.group(1)
    if c.metric and not c.metric.endswith("-overseas") and _OVERSEAS.search(
            ctx.doc.text, max(clause.start, m.start - 40), min(clause.end, m.end + 50)):
        c.metric += "-overseas"  # "sold 470,000 vehicles outside mainland China" is not total sales

    # The clause's own actor first; beyond the clause a known entity beats an unknown capitalised word.
    ent = (_nearest_entity(ctx, m, clause) or _appositive_subject(ctx, m, sent)
           or _nearest_entity(ctx, m, sent, known=True) or _nearest_entity(ctx, m, sent))
    if ent:
        c.entity, c.entity_text = ctx.kb.entity_matcher.company_of(ent.id), ent.text
    c.period = _period(ctx, m, sent, clause, report_date)
    if report_date is not None:
        c.as_of, c.as_of_source = report_date.period_start, "text"
    elif ctx.doc.published:
        c.as_of, c.as_of_source = ctx.doc.published, "published"
    c.attribution = attribution
    c.hedges = sorted({h.group(0).lower() for h in HEDGES.finditer(ctx.doc.text, clause.start, clause.end)
                       if not _reported(ctx.doc.text, h, sent) and h.group(0) != "May"}  # "in May" is a month
                      | {h.group(0).lower() for h in HEDGES.finditer(ctx.doc.text, sent.start, m.start) if _scenario(h.group(0))})
    if (_EXPECTATION.search(ctx.doc.text, max(clause.start, m.start - 60), m.start)
            or _EXPECTED_AFTER.match(ctx.doc.text, m.end)):
        c.hedges = sorted({*c.hedges, "expectation"})  # analysts' consensus, a forecast: not a reported figure
    if _is_base(ctx.doc.text, clause, m):
        c.role = "base"
    return c


_REPORTED_FUTURE = re.compile(r"\b(?:said|says|told|announced|stated|added|noted|expects?|expected|predicted|forecast|estimated|pledged|promised)\b[^.;]{0,40}$", re.I)


def _reported(text: str, h: re.Match, sent: Span) -> bool:
    """'Musk said the company would spend ...' is reported future, not a scenario."""
    return h.group(0).lower() in ("would", "will") and _REPORTED_FUTURE.search(text, max(sent.start, h.start() - 60), h.start()) is not None


_EXPECTATION = re.compile(
    r"(?:consensus|smartestimate|analysts?['’]?\s(?:average\s)?(?:estimates?|forecasts?|expectations?|projections?)|"
    r"(?:estimates?|forecasts?|projections?|expectations?|guidance)\s(?:of|for|at)|expected|polled|had\sforecast)\b[^.;]{0,40}$",
    re.I,
)


_OVERSEAS = re.compile(r"\b(?:overseas|abroad|outside\s(?:of\s)?(?:mainland\s)?China|outside\sits\shome\smarket|international\s(?:sales|markets?)|exports?|exported)\b", re.I)
_SOURCE_BEFORE = re.compile(r"\b(?:(?:data|figures|statistics|numbers|estimates)\s(?:from|by|compiled\sby)|according\sto|cited\sby|analysts?\s(?:at|from))\s(?:the\s)?(?:(?-i:[A-Z])[\w.&-]{0,20}\s){0,3}$", re.I)


_EXPECTED_AFTER = re.compile(r"\s(?:that|which)?\s?(?:analysts?|the\smarket|investors|economists)\s(?:had\s)?(?:expected|forecast|estimated|predicted|projected)\b", re.I)


_MONEY_NOUN = re.compile(r"[\s-]((?:[a-z]{3,15}[\s-]){0,2}(?:pool|fund|budget|subsidy|subsidies|plan|package|programme|program|round|deal|order|contract|fine|loan|bond|grant|prize|bonus|stake|investment|campaign))\b")
_NOT_METRIC_WORDS = frozenset({"in", "of", "for", "to", "from", "and", "or", "the", "a", "on", "at", "by", "with"})


_RATE = re.compile(r"[\s-](?:(?:per|a|an|each)\s((?:[a-z]+\s){0,3}?(?:day|week|month|quarter|year|hour|minute|second|token|tokens|user|users|unit|share|head|person|order|vehicle|car))\b|(annually|monthly|weekly|daily)\b)", re.I)
_MOMENT = [("close", re.compile(r"\b(?:clos(?:e|ed|ing)|ended|finished|settled)\b", re.I)),
           ("open", re.compile(r"\b(?:open(?:ed|ing)?)\b", re.I)),
           ("high", re.compile(r"\b(?:high|peak(?:ed)?|soared\sas\shigh|intraday)\b", re.I)),
           ("offer", re.compile(r"\b(?:offer(?:ing)?\sprice|IPO\sprice|priced\s(?:its\sshares\s)?at|issue\sprice|offer\sat)\b", re.I)),
           ("range", re.compile(r"\b(?:price\srange|range\sof|marketed\sat)\b", re.I))]


_DELTA_BEFORE = re.compile(r"\b(?:added|adding|adds|hired|hiring|laid\soff|shed|shedding|net\sadds\sof|net\sadditions\sof|an\sincrease\sof|a\sdecrease\sof)\s"
                           r"(?:about\s|around\s|some\s|nearly\s|more\sthan\s|over\s|roughly\s|another\s|a\snet\s)?$", re.I)
_DELTA_AFTER = re.compile(r"\s(?:[a-z]+\s){0,2}?(?:more|fewer|less)\sthan\b", re.I)
_REMAINING = re.compile(r"\b(?:remaining|remains|still\savailable|available\s(?:for|to|under)|left\sunder|left\sin|yet\sto\sbe\sspent|unused|undrawn)\b", re.I)
_REGION = re.compile(r"\b(?P<q>Europe(?:an)?|Asia(?:n)?|U\.?S\.?|America(?:n)?|North\sAmerican|China|Chinese|Japan(?:ese)?|India(?:n)?|domestic|international|overseas)"
                     r"\s(?:[a-z]+\s)?(?:sales|revenue|deliveries|users|orders|shipments|market)\b", re.I)


def _qualified(ctx: _Ctx, metric: str | None, m: Mention, clause: Span) -> str | None:
    """What kind of the metric a figure is: '0.8 yuan per million input tokens' vs '... output tokens',
    '50,000 vehicles a month' vs a total, an opening price vs a close."""
    if metric is None:
        return None
    text = ctx.doc.text
    rate = _RATE.match(text, m.end) if not (m.unit and " per " in m.unit) else None
    if rate:
        per = re.sub(r"\W+", "-", (rate.group(1) or rate.group(2)).lower())
        return f"{metric}-per-{per}"
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


# Hedges that make a figure a scenario wherever they stand in its sentence, not only in its clause.
SCENARIO_HEDGES = frozenset({"potentially", "under ideal conditions", "ideally", "in the best case", "best-case", "if",
                             "hypothetically", "assuming", "assumption", "suppose", "supposing", "imagine", "impossible"})


def _scenario(word: str) -> bool:
    return word.lower() in SCENARIO_HEDGES


def _clause(text: str, sent: Span, m: Mention) -> Span:
    start, end = sent.start, sent.end
    skip_to = -1
    for b in _CLAUSE.finditer(text, sent.start, sent.end):
        if b.start() < skip_to:
            continue
        if b.end() <= m.start:
            start = b.end()
        elif b.start() >= m.end:
            close = text.find(")", b.end(), min(sent.end, b.end() + 40)) if b.group(0) == "(" else -1
            if close >= 0 and b.start() - m.end <= 2:
                skip_to = close + 1  # "1.2 trillion yen ($7.9 billion) on plants and equipment": read past the restatement
                continue
            end = b.start()
            break
    return Span(start, end)


def _in(span: Span, a: int, b: int) -> bool:
    return span.start <= a and b <= span.end


_BEHIND = re.compile(r"\b(?:than|behind|from|as|tied\sto|compared\s(?:with|to)|versus|vs\.?|against|ahead\sof|like|unlike|after|before)\b", re.I)


def _appositive_subject(ctx: _Ctx, m: Mention, sent: Span) -> EntityHit | None:
    """'HIMA, the alliance that sells AITO and Luxeed, delivered 82,864 vehicles': the sentence's
    subject, set off by an appositive, not the name nearest the figure."""
    text = ctx.doc.text
    lead = len(text[sent.start : sent.end]) - len(text[sent.start : sent.end].lstrip(" \t\"'“*#"))
    first = next((e for e in ctx.ents_in(sent.start, m.start) if e.type not in ("media", "person")), None)
    if first is None or not text.startswith(",", first.end + (2 if first.possessive else 0)):
        return None
    opener = text[sent.start + lead : first.start]
    if opener and not re.fullmatch(r"(?:the\s)?|[^,.;]{1,40},\s(?:the\s)?", opener, re.I):
        return None  # only a subject opening the sentence, perhaps after "Elsewhere in the sector,"
    return first


def _clause_of(ctx: _Ctx, m: Mention) -> Span:
    return _clause(ctx.doc.text, ctx.sents.span(m.start), m)


def _nearest_entity(ctx: _Ctx, m: Mention, span: Span, known: bool = False) -> EntityHit | None:
    best, best_key, own_clause = None, None, None
    for e in ctx.ents_in(span.start, span.end):
        if e.type == "media" or (known and e.type == "unknown"):
            continue
        if e.start >= m.end:
            own_clause = own_clause or _clause_of(ctx, m)
            if span != own_clause:
                continue  # beyond its clause, a name after the figure is another clause's subject ("..., while rival X's shares")
            if _BEHIND.search(ctx.doc.text, m.end, e.start):
                continue  # "a record 120 million as subsidies from JD.com", "still leaves it behind Zhipu"
        if _SOURCE_BEFORE.search(ctx.doc.text, max(0, e.start - 30), e.start):
            continue  # "data from the China Passenger Car Association": where a figure comes from
        if e.type == "person" and ctx.kb.entity_matcher.company_of(e.id) == e.id:
            continue  # "Elon Musk said the company would ...": a speaker with no employer on file is not the subject
        before = e.end <= m.start
        dist = m.start - e.end if before else e.start - m.end
        key = (not before, dist)
        if best_key is None or key < best_key:
            best, best_key = e, key
    return best


# Counted nouns that name no metric of their own: the clause says what is counted.
_RAISED_OBJECT = re.compile(r"\s(?:the|its|their|his|her|this|that)\s(?!(?:money|funds|capital|cash)\b)[a-z]", re.I)
_GENERIC_NOUNS = frozenset({"units", "unit", "items", "pieces", "times", "copies", "people", "persons"})


def _metric(ctx: _Ctx, m: Mention, sent: Span, clause: Span) -> tuple[str | None, str | None]:
    mm = ctx.kb.metric_matcher
    if m.kind in ("money", "count"):
        framed = mm.framed(ctx.doc.text, m.start)  # "values the startup at", "employs about"
        if framed:
            return framed, None
    if m.kind == "money":
        # "$300 million at a $4.5 billion valuation": a metric noun right after the amount is what it is.
        right = next((h for h in ctx.mets if m.end <= h.start <= m.end + 2 and mm.dimension(h.id) in ("money", "price")
                      and not any(h.end <= f.start <= h.end + 8 for f in ctx.figures if f is not m)), None)
        if right:
            return right.id, ctx.doc.text[right.start : right.end]
    generic = m.kind == "count" and m.unit and m.unit.lower() in _GENERIC_NOUNS
    if m.kind == "count" and m.unit and not generic:
        found = mm.for_noun(m.unit)
        if found:
            return found, m.unit
        return "~" + m.unit, m.unit  # an unknown counted noun is still a metric of its own
    # A bare scaled number ("at 160 billion") may be money or a count: context decides.
    bare = m.kind == "count" and (m.unit is None or generic)
    want = {"money": {"money", "price"}, "count": {"count", "score", "size"} | ({"money", "price"} if bare else set()), "quantity": {"size", "duration", "count"},
            "percent": {"ratio"}, "percent-point": {"ratio"}, "multiple": set(), "fraction": {"ratio"}}[m.kind]
    for span in (clause, sent):
        best, best_key = None, None
        for h in ctx.mets:
            if not _in(span, h.start, h.end) or h.start < m.end and m.start < h.end:
                continue
            if any(e.start <= h.start and h.end <= e.end for e in ctx.ents_in(max(0, h.start - 40), h.end + 40)):
                continue  # "Taobao Flash Sale" names a product, not sales
            if h.id == "funding" and _RAISED_OBJECT.match(ctx.doc.text, h.end):
                continue  # "raised the goal to 380,000": raising a figure, not raising money
            if span is sent and (h.start > m.start or any(h.end <= f.start < m.start for f in ctx.figures)):
                continue  # beyond its clause a figure takes only the metric leading up to it
            if h.start >= m.end and any(h.end <= f.start <= h.end + 8 for f in ctx.figures if f is not m):
                continue  # "$200 million at a valuation of $3 billion": that metric names the next figure
            dim = mm.dimension(h.id)
            if m.kind.startswith("percent"):
                ok = dim == "ratio" or _CHANGE.search(ctx.doc.text, clause.start, clause.end) is not None
            else:
                ok = dim in want
            if not ok:
                continue
            before = h.end <= m.start
            key = (not before, m.start - h.end if before else h.start - m.end)
            if best_key is None or key < best_key:
                best, best_key = h, key
        if best:
            metric = best.id
            if m.kind.startswith("percent") and mm.dimension(metric) != "ratio":
                metric += "-change"
            return metric, ctx.doc.text[best.start : best.end]
    return None, None


def _report(ctx: _Ctx, sent: Span, clause: Span, m: Mention) -> tuple[Mention | None, str | None]:
    """The date and source of a report the figure is given in."""
    text = ctx.doc.text
    # A report frame runs to the end of its ';'-separated part of the sentence.
    seg_start, seg_end = _segment(text, sent, m.start)
    verb = None
    for v in _REPORT.finditer(text, seg_start, m.start):
        verb = v
    source = None
    for e in ctx.ents_in(seg_start, sent.end if verb is None else m.start):
        if e.type == "media":
            source = ctx.kb.entity_matcher.display(e.id)
    acc = re.search(r"according to ([A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,4})", text[sent.start : sent.end])
    if source is None and acc:
        source = acc.group(1)
    if verb is None:
        return None, source
    frame = [d for d in ctx.dates if seg_start <= d.start and d.end <= seg_end and _is_report_date(text, d, sent)]
    return (frame[0] if frame else None), source


def _segment(text: str, sent: Span, i: int) -> tuple[int, int]:
    start = max(sent.start, text.rfind(";", sent.start, i) + 1)
    end = text.find(";", i, sent.end)
    return start, (end if end >= 0 else sent.end)


# "reported in December 2025": a preposition makes the date the report's; "reported third-quarter revenue" does not.
# A reporting act: "according to trackers" names a source but does not date a report.
_REPORT_VERB = re.compile(r"\b(?:reported|reports|report|said|says|announced|disclosed|revealed|told|wrote|published|stated)\b", re.I)
_REPORT_BEFORE = re.compile(_REPORT.pattern + r"\s(?:in|on|last|this|earlier)\s?$", re.I)
# AP style: "said Thursday it carried ...": a weekday straight after the verb dates the report.
_REPORT_WEEKDAY = re.compile(_REPORT.pattern + r"\s(?:on\s)?$", re.I)
_WEEKDAY_WORD = re.compile(r"(?:last\s|this\s|on\s)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)\b", re.I)
_DATELINE_AFTER = re.compile(r"\s?\((?:Reuters|Bloomberg|AP|AFP|Xinhua|Caixin|Nikkei|Dow Jones)\)|\s?[-–—]\s")
_TRAILING_ON = re.compile(r"\bon\s(?:the\s)?$", re.I)


def _is_report_date(text: str, d: Mention, sent: Span) -> bool:
    """The date of a report, not of the figure:
    'On May 27th, Bloomberg reported ...', 'the FT reported in December 2025 that ...',
    '... reported 200+ billion on May 9th;'."""
    seg_start, seg_end = _segment(text, sent, d.start)
    if d.start - sent.start < 40 and _DATELINE_AFTER.match(text, d.end):
        return True  # "HONG KONG, Nov 18 (Reuters) -": the dateline
    window = text[d.end : min(d.end + 70, seg_end)]
    v = _REPORT_VERB.search(window)
    # Only a date that opens its part of the sentence ("On May 27th, Bloomberg reported"):
    # in "capex of $6 billion this year, the CFO said" the date is the figure's.
    if v is not None and not re.search(r"\d", window[: v.start()]) and not re.search(r"\d", text[seg_start : d.start]):
        return True
    if _REPORT_BEFORE.search(text, max(seg_start, d.start - 24), d.start):
        return True
    if _WEEKDAY_WORD.match(d.text) and _REPORT_WEEKDAY.search(text, max(seg_start, d.start - 24), d.start):
        return True
    tail = text[d.end : seg_end]
    return (not re.search(r"\w", tail) and _TRAILING_ON.search(text, max(seg_start, d.start - 8), d.start) is not None
            and _REPORT.search(text, seg_start, d.start) is not None)


def _period(ctx: _Ctx, m: Mention, sent: Span, clause: Span, report_date: Mention | None) -> Period | None:
    text = ctx.doc.text
    own = _clause_date(ctx, m, clause, sent, report_date)
    if own is not None:
        return period_of(own)
    for span in (clause, sent):
        best, best_key = None, None
        for d in ctx.dates:
            if d is report_date or not _in(span, d.start, d.end) or _is_report_date(text, d, sent):
                continue
            if _behind_comparison(ctx, m, d) or (span is sent and not _owns(ctx, m, d, sent)):
                continue
            if span is sent and d.start >= m.end and _NEW_PREDICATE.search(ctx.doc.text, m.end, d.start):
                continue  # "..., and that Tencent would spend heavily in the fourth quarter": another statement's date
            key = abs(d.start - m.start)
            if best_key is None or key < best_key:
                best, best_key = d, key
        if best:
            return period_of(best)
    if _END_OF_QUARTER.search(text, clause.start, clause.end):
        # "36.8 crore subscribers at the end of the quarter": the last month of the quarter last named,
        # so that it meets "38.2 crore at the end of June".
        earlier = [d for d in ctx.dates if d.end <= m.start and d.granularity == Granularity.QUARTER and not d.relative]
        if earlier and earlier[-1].period_end:
            end = earlier[-1].period_end
            return Period(start=end.replace(day=1), end=end, granularity=Granularity.MONTH, label=end.strftime("%Y-%m"))
    if _THE_QUARTER.search(text, clause.start, clause.end):
        # "delivered nearly 110,000 cars in the quarter": the quarter the article last named.
        earlier = [d for d in ctx.dates if d.end <= m.start and d.granularity == Granularity.QUARTER and not d.relative]
        if earlier:
            return period_of(earlier[-1])
    return None


_END_OF_QUARTER = re.compile(r"\bat\sthe\send\sof\sthe\s(?:quarter|period)\b", re.I)
_THE_QUARTER = re.compile(r"\b(?:in|during|for|over)\sthe\s(?:same\s)?(?:quarter|three[\s-]month\speriod)\b", re.I)
_COMPARED_FIGURE = re.compile(r"\b(?:compared (?:with|to)|from|versus|vs\.?|than|against)\s(?:the\s|a\s)?(?:[A-Z]{0,3}[$€£¥])?\d", re.I)


def _behind_comparison(ctx: _Ctx, m: Mention, d: Mention) -> bool:
    """'delivered 497,099 cars, compared with 462,890 in the same period last year':
    the date after a comparison figure is that figure's, not this one's."""
    if d.start < m.end or not d.relative:
        return False  # "... from $25.2 billion in the third quarter": a stated period covers both
    return _COMPARED_FIGURE.search(ctx.doc.text, m.end, d.start) is not None


def _clause_date(ctx: _Ctx, m: Mention, clause: Span, sent: Span, report_date: Mention | None) -> Mention | None:
    """In its clause a figure's date is the one right after it ("a $5 million seed round in 2022
    and an $18 million Series A in 2024"), else the one right before it, with no other figure between."""
    text = ctx.doc.text
    dates = [d for d in ctx.dates if _in(clause, d.start, d.end) and d is not report_date
             and not _is_report_date(text, d, sent) and not _behind_comparison(ctx, m, d)]
    # A bracketed restatement ("1.2 trillion yen ($7.9 billion) ... in fiscal 2027") does not separate.
    between = lambda a, b: any(a <= f.start < b and "(" not in text[max(a, f.start - 12) : f.start]  # noqa: E731
                               for f in ctx.figures if f is not m)
    after = [d for d in dates if d.start >= m.end and not between(m.end, d.start)]
    if after:
        return after[0]
    before = [d for d in dates if d.end <= m.start and not between(d.end, m.start)]
    return before[-1] if before else None


_NEW_PREDICATE = re.compile(r",\s(?:and|but|while|whereas|although|though)\s(?:that\s)?", re.I)


def _owns(ctx: _Ctx, m: Mention, d: Mention, sent: Span) -> bool:
    """Outside its own clause a date belongs to the figure nearest to it, unless it
    opens the figure's part of the sentence ("In 2024, revenue was ... and it delivered ...")."""
    others = [f for f in ctx.figures if sent.start <= f.start < sent.end]
    seg_start, seg_end = _segment(ctx.doc.text, sent, d.start)
    if seg_start <= m.start < seg_end and all(f.start > d.end for f in others if seg_start <= f.start < seg_end):
        return True  # it opens this figure's part of the sentence
    gap = lambda f: f.start - d.end if f.start >= d.end else d.start - f.end  # noqa: E731
    return min(others, key=lambda f: (gap(f), f.start)) is m


def period_of(d: Mention) -> Period:
    g = d.granularity
    if d.period_start is None:
        return Period(granularity=g, label=f"{d.period_label} (year unknown)")
    if g == Granularity.YEAR:
        label = str(d.period_start.year)
    elif g == Granularity.FISCAL_YEAR:
        label = f"FY{d.period_end.year}"  # named by the year it ends in: "FY27" is April 2026 to March 2027
    elif g == Granularity.MONTH:
        label = d.period_start.strftime("%Y-%m")
    elif g == Granularity.QUARTER:
        label = f"{d.period_start.year}-Q{(d.period_start.month - 1) // 3 + 1}"
    elif g == Granularity.DAY:
        label = d.period_start.isoformat()
    else:
        label, g = _calendar_label(d.period_start, d.period_end, g)
    return Period(start=d.period_start, end=d.period_end, granularity=g, label=label)


def _calendar_label(start, end, g) -> tuple[str, Granularity]:
    """A span of whole calendar months reads as the period it is: 'July-September' is 2025-Q3,
    'January-June' is 2025-H1, so that every way of writing a period meets the others."""
    import calendar

    whole = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1] and start.year == end.year
    months = end.month - start.month + 1
    if whole and months == 12:
        return str(start.year), Granularity.YEAR
    if whole and months == 6 and start.month in (1, 7):
        return f"{start.year}-H{1 if start.month == 1 else 2}", Granularity.HALF
    if whole and months == 3 and start.month % 3 == 1:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}", Granularity.QUARTER
    if whole and months == 1:
        return start.strftime("%Y-%m"), Granularity.MONTH
    return f"{start.isoformat()}..{end.isoformat()}", g


def _is_base(text: str, clause: Span, m: Mention) -> bool:
    """'up 42.7% from HK$508', 'compared with 20 million a year earlier'."""
    window = text[max(clause.start, m.start - 60) : m.start]
    fr = None
    for fr in _FROM.finditer(window):
        pass
    if fr is None or re.search(r"\d", window[fr.end() :]):
        return False
    if re.match(r"compared|versus|vs", fr.group(0), re.I):
        return True  # "more than 30 yuan, compared with about 12 yuan last autumn"
    return _CHANGE.search(text, max(clause.start - 80, 0), m.start) is not None


def _respectively(ctx: _Ctx, claims: list[Claim]) -> None:
    text = ctx.doc.text
    by_sent: dict[int, list[Claim]] = defaultdict(list)
    for c in claims:
        by_sent[c.sentence_start].append(c)
    for s_start, group in by_sent.items():
        s_end = group[0].sentence_end
        resp = text.find("respectively", s_start, s_end)
        if resp < 0:
            continue
        items = [c for c in group if c.mention.end <= resp]
        if len(items) < 2:
            continue
        n = len(items)
        first = items[0].mention.start
        # Entities: a list of n named in this sentence before the figures, or in the previous sentence.
        ents = _entity_list(ctx, s_start, first, n)
        if ents is None:
            k = ctx.sents.at(s_start)
            if k > 0:
                prev = ctx.sents.spans[k - 1]
                ents = _entity_list(ctx, prev.start, prev.end, n)
        if ents:
            for c, e in zip(items, ents):
                c.entity, c.entity_text = ctx.kb.entity_matcher.company_of(e.id), e.text
        else:
            for c in items:  # a list that does not pair up: better no entity than the wrong one
                c.entity, c.entity_text = None, None
        dated = next((c.period for c in items if c.period is not None), None)
        for c in items:  # "... 40,000 and 31,767 vehicles, respectively, in October": one date for the list
            if c.period is None:
                c.period = dated
        mets = [h for h in ctx.mets if s_start <= h.start and h.end <= first]
        if len(mets) >= n:
            for c, h in zip(items, mets[-n:]):
                mid = h.id
                if c.mention.kind.startswith("percent") and ctx.kb.metric_matcher.dimension(mid) != "ratio":
                    mid += "-change"
                c.metric, c.metric_text = mid, text[h.start : h.end]


def _entity_list(ctx: _Ctx, start: int, end: int, n: int) -> list[EntityHit] | None:
    """The last run of n entities joined by ',' / 'and' in [start, end)."""
    hits = [e for e in ctx.ents_in(start, end) if e.type != "media"]
    text = ctx.doc.text
    for i in range(len(hits) - n, -1, -1):
        run = hits[i : i + n]
        gaps = [text[a.end : b.start] for a, b in zip(run, run[1:])]
        if all(re.fullmatch(r"(?:['’]s)?\s*(?:,|,?\s*and|&)\s*", g) for g in gaps):
            return run
    return None


def _equivalents(ctx: _Ctx, claims: list[Claim]) -> None:
    """'470 billion RMB (approx. $70 billion USD)': the second restates the first."""
    text = ctx.doc.text
    for a, b in zip(claims, claims[1:]):
        if a.mention.kind == b.mention.kind == "money" and a.mention.unit != b.mention.unit:
            gap = text[a.mention.end : b.mention.start]
            if len(gap) <= 20 and _EQUIV.fullmatch(gap):
                b.equivalent_of = a.id
                b.entity, b.metric, b.period, b.hedges = a.entity, a.metric, a.period, a.hedges
                b.as_of, b.as_of_source, b.attribution, b.role = a.as_of, a.as_of_source, a.attribution, a.role


def _fill_entities(ctx: _Ctx, claims: list[Claim]) -> None:
    """Figures whose own sentence names no entity."""
    missing = [c for c in claims if c.entity is None and (
        c.metric or _PLAN_ANAPHOR.search(ctx.doc.text, c.sentence_start, c.mention.start))]
    if not missing:
        return
    owners: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        if c.entity and c.metric and not c.entity.startswith("~"):
            owners[c.metric].add(c.entity)
    salience: dict[str, int] = defaultdict(int)
    for e in ctx.ents:
        salience[ctx.kb.entity_matcher.company_of(e.id)] += 1
    for c in missing:
        k = ctx.sents.at(c.sentence_start)
        para = ctx.paras.span(c.sentence_start)
        if _PRONOUN_SPEAKER.search(ctx.doc.text, c.sentence_start, c.mention.start):
            # "he said, ..." speaks for the organisation of the last person named.
            person = _last_person(ctx, c.sentence_start)
            if person:
                c.entity, c.entity_text = ctx.kb.entity_matcher.company_of(person.id), person.text
                continue
        prev = ctx.sents.spans[k - 1] if k > 0 else None
        owners_here = owners.get(c.metric, set()) if c.metric else set()
        e = _first_known(ctx, prev) if prev is not None and prev.start >= para.start else None
        # The previous sentence's actor ("The money Moonshot raised ... The $640 million raise ...").
        if e:
            c.entity, c.entity_text = ctx.kb.entity_matcher.company_of(e.id), e.text
            continue
        if owners_here:
            # The document's main owner of this metric: the one it names most often.
            c.entity = min(owners_here, key=lambda o: (-salience[o], o))
            c.entity_text = None
            continue
        for j in range(k - 1, -1, -1):
            s = ctx.sents.spans[j]
            if s.start < para.start:
                break
            e = _first_known(ctx, s)
            if e:
                c.entity, c.entity_text = ctx.kb.entity_matcher.company_of(e.id), e.text
                break
        ana = _ANAPHOR.search(ctx.doc.text, para.start, c.sentence_end) if c.entity is None else None
        if ana:
            # "the company's", "its", "the group": the article's main subject; "The game peaked at":
            # the product the previous sentence named, if it is not that subject.
            main = _main_entity(ctx, salience)
            if _PRODUCT_ANAPHOR.search(ana.group(0)) and prev is not None:
                named = [ctx.kb.entity_matcher.company_of(e.id) for e in ctx.ents_in(prev.start, prev.end)
                         if e.type not in ("person", "media")]
                named = [e for e in named if e != main]
                main = named[-1] if named else main
            if main:
                c.entity, c.entity_text = main, None


_PRONOUN_SPEAKER = re.compile(r"\b(?:he|she)\s(?:said|says|added|noted|told|stated|announced|revealed|wrote)\b", re.I)
# Who a sentence is mainly about: actors before their products and models.
_ACTOR_RANK = {"person": 0, "company": 0, "division": 1, "affiliate": 1, "organisation": 1, "product": 2, "model": 3, "index": 4}


_ANAPHOR = re.compile(
    r"\b(?:the\s(?:[\w'-]{1,25}\s){0,3}(?:company|firm|group|startup|start-up|carmaker|automaker|business|platform|app|"
    r"carrier|airline|drugmaker|chipmaker|operator|lender|bank|insurer|retailer|developer|studio|publisher|maker|manufacturer|brand|"
    r"study|trial|drug|game|network)|its)\b",
    re.I,
)


_PRODUCT_ANAPHOR = re.compile(r"\b(?:game|drug|app|phone|car|chip|title|model)$", re.I)


def _main_entity(ctx: _Ctx, salience: dict[str, int]) -> str | None:
    """The actor the article names most (companies and products before people and models)."""
    ranked = [e for e in salience if ctx.kb.entity_by_id.get(e) is not None
              and ctx.kb.entity_by_id[e].type in ("company", "product", "division", "affiliate", "organisation")]
    # A company the table does not know can still be what the article is about ("Halcyon Robotics").
    ranked += [e for e in salience if e.startswith("~") and salience[e] >= 3]
    return min(ranked, key=lambda e: (-salience[e], e.startswith("~"), e)) if ranked else None


def _first_known(ctx: _Ctx, span: Span) -> EntityHit | None:
    hits = [e for e in ctx.ents_in(span.start, span.end) if e.type not in ("media", "unknown")]
    return min(hits, key=lambda e: (_ACTOR_RANK.get(e.type, 5), e.start), default=None)


def _last_person(ctx: _Ctx, before: int) -> EntityHit | None:
    """The last person named before `before`, within the two previous paragraphs."""
    k = ctx.paras.at(before)
    floor = ctx.paras.spans[max(0, k - 2)].start if ctx.paras.spans else 0
    people = [e for e in ctx.ents if e.type == "person" and floor <= e.start < before]
    return people[-1] if people else None


_PLAN_ANAPHOR = re.compile(r"\bthe\s(?:plan|target|goal|figure|budget|total|amount|number|forecast|estimate|outlay)\b", re.I)


def _fill_metrics(ctx: _Ctx, claims: list[Claim]) -> None:
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
            clause = _clause(ctx.doc.text, Span(c.sentence_start, c.sentence_end), m)
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
                c.metric = _qualified(ctx, base, m, _clause(ctx.doc.text, Span(c.sentence_start, c.sentence_end), m))
            elif _PLAN_ANAPHOR.search(ctx.doc.text, max(c.sentence_start, m.start - 60), m.start):
                # "reported the plan at 60 billion yuan": the plan-like metric the article last named.
                named = [h for h in ctx.mets if h.end <= m.start and (kb_metric := ctx.kb.metric_by_id.get(h.id)) and kb_metric.standing]
                if named:
                    c.metric = named[-1].id
            if c.metric:
                last[(c.entity, cls)] = (c.metric, c.sentence_start)


def _carry_periods(ctx: _Ctx, claims: list[Claim]) -> None:
    """'its 2026 capex plan at 160 billion; then 200+ billion; then 470 billion': later
    figures for the same entity and metric in one sentence keep the stated period; and
    'carried 3.3 million passengers in July. Scoot carried 1.1 million passengers.':
    the next sentence of the paragraph about the same metric keeps it too."""
    last: dict[tuple, Period] = {}
    nearby: dict[tuple, tuple[Period, int]] = {}  # (paragraph, metric) -> (period, sentence index)
    for c in claims:
        if c.metric is None or c.role == "base":
            continue
        para, k = ctx.paras.at(c.sentence_start), ctx.sents.at(c.sentence_start)
        key = (c.sentence_start, c.entity, c.metric)
        if c.period is None and c.entity is not None and key in last:
            c.period = last[key]
        elif (c.period is not None and key in last and {"target", "targets", "goal", "goals"} & set(c.hedges)
              and c.period.granularity in (Granularity.DAY, Granularity.MONTH)
              and last[key].granularity in (Granularity.YEAR, Granularity.FISCAL_YEAR)):
            c.period = last[key]  # "a 2025 target of 350,000; in August he raised the goal to 380,000": August is when
        elif c.period is None and (para, c.metric) in nearby and nearby[(para, c.metric)][1] == k - 1:
            c.period = nearby[(para, c.metric)][0]
        elif c.period is not None:
            if c.entity is not None:
                last[key] = c.period
            nearby[(para, c.metric)] = (c.period, k)


def _fill_currency(text: str, claims: list[Claim]) -> None:
    """'plan at 160 billion' in a story told in yuan: take the currency of the
    same entity and metric's figures in this document."""
    cur: dict[tuple, str] = {}
    restated = set()  # "470 billion ($70 billion)": the bracket restates, it does not name the currency
    for a, b in zip(claims, claims[1:]):
        if a.mention.kind == "count" and a.mention.unit is None and b.mention.kind == "money" and _EQUIV.fullmatch(text[a.mention.end : b.mention.start]):
            restated.add(b.id)
    for c in claims:
        if c.mention.kind == "money" and c.entity and c.metric and c.equivalent_of is None and c.id not in restated:
            cur.setdefault((c.entity, c.metric), c.mention.unit)
    for c in claims:
        m = c.mention
        if m.kind == "count" and m.unit is None and (c.entity, c.metric) in cur:
            m.kind, m.unit = "money", cur[(c.entity, c.metric)]
            m.notes.append(f"currency {m.unit} taken from this document's other {c.metric} figures")
