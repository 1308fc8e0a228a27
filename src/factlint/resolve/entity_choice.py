"""Entity choice: who a figure is about.  The nearest entity in the figure's clause,
else the sentence's subject set off by an appositive, else the nearest in the sentence
(a known entity first); then, for figures still without one, the previous sentence's
actor, the document's main owner of the same metric, an earlier sentence of the
paragraph, or the article's main subject for an anaphor ("the company", "its")."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict

from ..models import Claim, Mention
from ..segment import Span
from .context import PLAN_ANAPHOR, Context
from .entities import EntityHit, is_outlet, outlet_words

_BEHIND = re.compile(r"\b(?:than|behind|from|as|tied\sto|compared\s(?:with|to)|versus|vs\.?|against|ahead\sof|like|unlike|after|before)\b", re.I)


_SOURCE_BEFORE = re.compile(r"\b(?:(?:data|figures|statistics|numbers|estimates)\s(?:from|by|compiled\sby)|according\sto|cited\sby|analysts?\s(?:at|from))\s(?:the\s)?(?:(?-i:[A-Z])[\w.&-]{0,20}\s){0,3}$", re.I)


_LEAD = re.compile(r"[ \t\"'“*#]*")
_OPENER = re.compile(r"(?:the\s)?|[^,.;]{1,40},\s(?:the\s)?", re.I)
_OPENER_LONGEST = 46  # the longest opener _OPENER takes


def _appositive_subject(ctx: Context, m: Mention, sent: Span) -> EntityHit | None:
    """'HIMA, the alliance that sells AITO and Luxeed, delivered 82,864 vehicles': the sentence's
    subject, set off by an appositive, not the name nearest the figure."""
    text = ctx.doc.text
    lead = _LEAD.match(text, sent.start, sent.end).end() - sent.start
    actors, starts, _ = _entities(ctx, "actors", lambda e: e.type not in ("media", "person"))
    first = next((actors[k] for k in range(bisect_left(starts, sent.start), bisect_left(starts, m.start))
                  if actors[k].end <= m.start), None)
    if first is None or not text.startswith(",", first.end + (2 if first.possessive else 0)):
        return None
    if first.start - (sent.start + lead) > _OPENER_LONGEST:
        return None  # only a subject opening the sentence
    opener = text[sent.start + lead : first.start]
    if opener and not _OPENER.fullmatch(opener):
        return None  # only a subject opening the sentence, perhaps after "Elsewhere in the sector,"
    return first


def _entities(ctx: Context, name: str, keep) -> tuple[list[EntityHit], list[int], int]:
    """The document's entities `keep` keeps, once: with their starts and the longest one's length."""
    if name not in ctx.memo:
        hits = [e for e in ctx.ents if keep(e)]
        ctx.memo[name] = hits, [e.start for e in hits], max((e.end - e.start for e in hits), default=0)
    return ctx.memo[name]


def _clause_of(ctx: Context, m: Mention) -> Span:
    return ctx.clause(ctx.sents.span(m.start), m)


def _eligible(ctx: Context, e: EntityHit) -> bool:
    if e.type == "media":
        return False
    if _SOURCE_BEFORE.search(ctx.doc.text, max(0, e.start - 30), e.start):
        return False  # "data from the China Passenger Car Association": where a figure comes from
    # "Elon Musk said the company would ...": a speaker with no employer on file is not the subject
    return not (e.type == "person" and ctx.kb.entity_matcher.company_of(e.id) == e.id)


def _nearest_entity(ctx: Context, m: Mention, span: Span, known: bool = False) -> EntityHit | None:
    """The entity in span nearest the figure: the nearest ending before it, else the first after it."""
    hits, starts, longest = (_entities(ctx, "known", lambda e: e.type != "unknown" and _eligible(ctx, e)) if known
                             else _entities(ctx, "eligible", lambda e: _eligible(ctx, e)))
    lo = bisect_left(starts, span.start)
    best = None
    for k in range(bisect_left(starts, m.start) - 1, lo - 1, -1):
        e = hits[k]
        if best is not None and e.start + longest < best.end:
            break  # no entity starting earlier can end nearer the figure
        if e.end <= m.start and (best is None or e.end >= best.end):
            best = e  # the latest end; the first in order on a tie
    if best is not None:
        return best
    # Beyond the figure's start, the smallest start wins: first one reaching into the figure...
    for k in range(bisect_left(starts, m.end) - 1, lo - 1, -1):
        e = hits[k]
        if e.start + longest <= m.start:
            break
        if e.end > m.start and e.end <= span.end:
            best = e
    if best is not None:
        return best
    # ...then the first after it, in its own clause, with no comparison between ("still leaves it behind Zhipu").
    after = next((hits[k] for k in range(bisect_left(starts, m.end), bisect_left(starts, span.end))
                  if hits[k].end <= span.end), None)
    if after is None or span != _clause_of(ctx, m):
        return None  # beyond its clause, a name after the figure is another clause's subject ("..., while rival X's shares")
    if ctx.doc_scan(_BEHIND).first(m.end, after.start):
        return None  # "a record 120 million as subsidies from JD.com"
    return after


def fill_entities(ctx: Context, claims: list[Claim]) -> None:
    """Figures whose own sentence names no entity."""
    missing = [c for c in claims if c.entity is None and (
        c.metric or ctx.doc_scan(PLAN_ANAPHOR).first(c.sentence_start, c.mention.start))]
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
        if ctx.doc_scan(_PRONOUN_SPEAKER).first(c.sentence_start, c.mention.start):
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
        j = _known_before(ctx, k)  # the nearest earlier sentence of the paragraph that names a known entity
        if j >= 0 and ctx.sents.spans[j].start >= para.start:
            e = _first_known(ctx, ctx.sents.spans[j])
            c.entity, c.entity_text = ctx.kb.entity_matcher.company_of(e.id), e.text
        ana = ctx.doc_scan(_ANAPHOR).first(para.start, c.sentence_end) if c.entity is None else None
        if ana:
            # "the company's", "its", "the group": the article's main subject; "The game peaked at":
            # the product the previous sentence named, if it is not that subject.
            if "main" not in ctx.memo:
                ctx.memo["main"] = _main_entity(ctx, salience)
            main = ctx.memo["main"]
            if _PRODUCT_ANAPHOR.search(ana.group(0)) and prev is not None:
                main = _last_named(ctx, prev, main) or main
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


def _main_entity(ctx: Context, salience: dict[str, int]) -> str | None:
    """The actor the article names most (companies and products before people and models)."""
    ranked = [e for e in salience if ctx.kb.entity_by_id.get(e) is not None
              and ctx.kb.entity_by_id[e].type in ("company", "product", "division", "affiliate", "organisation")]
    # A company the table does not know can still be what the article is about ("Halcyon Robotics"),
    # but never the publication itself.
    outlet = outlet_words((ctx.doc.title or "").casefold())
    ranked += [e for e in salience if e.startswith("~") and salience[e] >= 3 and not is_outlet(e, outlet)]
    return min(ranked, key=lambda e: (-salience[e], e.startswith("~"), e)) if ranked else None


def _last_named(ctx: Context, prev: Span, main: str | None) -> str | None:
    """The last actor or product the sentence names that is not the article's main subject (once per sentence)."""
    key = ("last-named", prev.start, prev.end)
    if key not in ctx.memo:
        named = [ctx.kb.entity_matcher.company_of(e.id) for e in ctx.ents_in(prev.start, prev.end)
                 if e.type not in ("person", "media")]
        named = [e for e in named if e != main]
        ctx.memo[key] = named[-1] if named else None
    return ctx.memo[key]


def _first_known(ctx: Context, span: Span) -> EntityHit | None:
    key = ("first-known", span.start, span.end)
    if key not in ctx.memo:
        hits = [e for e in ctx.ents_in(span.start, span.end) if e.type not in ("media", "unknown")]
        ctx.memo[key] = min(hits, key=lambda e: (_ACTOR_RANK.get(e.type, 5), e.start), default=None)
    return ctx.memo[key]


def _known_before(ctx: Context, k: int) -> int:
    """The nearest sentence before sentence k that names a known entity; -1 if none (all sentences, once)."""
    if "known-before" not in ctx.memo:
        nearest, last = [], -1
        for j, s in enumerate(ctx.sents.spans):
            nearest.append(last)  # before sentence j
            if _first_known(ctx, s) is not None:
                last = j
        ctx.memo["known-before"] = nearest
    nearest = ctx.memo["known-before"]
    return nearest[k] if 0 <= k < len(nearest) else -1


def _last_person(ctx: Context, before: int) -> EntityHit | None:
    """The last person named before `before`, within the two previous paragraphs."""
    k = ctx.paras.at(before)
    floor = ctx.paras.spans[max(0, k - 2)].start if ctx.paras.spans else 0
    people, starts, _ = _entities(ctx, "people", lambda e: e.type == "person")
    i = bisect_left(starts, before)
    return people[i - 1] if i and people[i - 1].start >= floor else None


def entity_of(ctx: Context, m: Mention, sent: Span, clause: Span) -> EntityHit | None:
    """The clause's own actor first; beyond the clause a known entity beats an unknown capitalised word."""
    return (_nearest_entity(ctx, m, clause) or _appositive_subject(ctx, m, sent)
            or _nearest_entity(ctx, m, sent, known=True) or _nearest_entity(ctx, m, sent))
