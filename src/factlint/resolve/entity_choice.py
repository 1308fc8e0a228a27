"""Entity choice: who a figure is about.  The nearest entity in the figure's clause,
else the sentence's subject set off by an appositive, else the nearest in the sentence
(a known entity first); then, for figures still without one, the previous sentence's
actor, the document's main owner of the same metric, an earlier sentence of the
paragraph, or the article's main subject for an anaphor ("the company", "its")."""
from __future__ import annotations

import re
from collections import defaultdict

from ..models import Claim, Mention
from ..segment import Span
from .context import PLAN_ANAPHOR, Context
from .entities import EntityHit

_BEHIND = re.compile(r"\b(?:than|behind|from|as|tied\sto|compared\s(?:with|to)|versus|vs\.?|against|ahead\sof|like|unlike|after|before)\b", re.I)


_SOURCE_BEFORE = re.compile(r"\b(?:(?:data|figures|statistics|numbers|estimates)\s(?:from|by|compiled\sby)|according\sto|cited\sby|analysts?\s(?:at|from))\s(?:the\s)?(?:(?-i:[A-Z])[\w.&-]{0,20}\s){0,3}$", re.I)


def _appositive_subject(ctx: Context, m: Mention, sent: Span) -> EntityHit | None:
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


def _clause_of(ctx: Context, m: Mention) -> Span:
    return ctx.clause(ctx.sents.span(m.start), m)


def _nearest_entity(ctx: Context, m: Mention, span: Span, known: bool = False) -> EntityHit | None:
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


def fill_entities(ctx: Context, claims: list[Claim]) -> None:
    """Figures whose own sentence names no entity."""
    missing = [c for c in claims if c.entity is None and (
        c.metric or PLAN_ANAPHOR.search(ctx.doc.text, c.sentence_start, c.mention.start))]
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


def _main_entity(ctx: Context, salience: dict[str, int]) -> str | None:
    """The actor the article names most (companies and products before people and models)."""
    ranked = [e for e in salience if ctx.kb.entity_by_id.get(e) is not None
              and ctx.kb.entity_by_id[e].type in ("company", "product", "division", "affiliate", "organisation")]
    # A company the table does not know can still be what the article is about ("Halcyon Robotics").
    ranked += [e for e in salience if e.startswith("~") and salience[e] >= 3]
    return min(ranked, key=lambda e: (-salience[e], e.startswith("~"), e)) if ranked else None


def _first_known(ctx: Context, span: Span) -> EntityHit | None:
    hits = [e for e in ctx.ents_in(span.start, span.end) if e.type not in ("media", "unknown")]
    return min(hits, key=lambda e: (_ACTOR_RANK.get(e.type, 5), e.start), default=None)


def _last_person(ctx: Context, before: int) -> EntityHit | None:
    """The last person named before `before`, within the two previous paragraphs."""
    k = ctx.paras.at(before)
    floor = ctx.paras.spans[max(0, k - 2)].start if ctx.paras.spans else 0
    people = [e for e in ctx.ents if e.type == "person" and floor <= e.start < before]
    return people[-1] if people else None


def entity_of(ctx: Context, m: Mention, sent: Span, clause: Span) -> EntityHit | None:
    """The clause's own actor first; beyond the clause a known entity beats an unknown capitalised word."""
    return (_nearest_entity(ctx, m, clause) or _appositive_subject(ctx, m, sent)
            or _nearest_entity(ctx, m, sent, known=True) or _nearest_entity(ctx, m, sent))
