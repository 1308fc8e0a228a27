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

Each step has its own module: context (what every step reads), entity_choice,
metric_choice, period_choice, hedges, respectively and restatements; this one
assembles a claim per figure and runs the document-wide steps in order.
"""
from __future__ import annotations

from ..knowledge import Knowledge
from ..models import Claim, Document, Mention
from ..segment import Index, paragraphs, sentences
from .context import CHANGE, VALUE_KINDS, Context
from .entity_choice import entity_of, fill_entities
from .frames import read_frames
from .hedges import HEDGES, SCENARIO_HEDGES, hedges_of, is_base
from .metric_choice import fill_metrics, metric_of
from .period_choice import carry_periods, period_of, period_of_figure, report_of
from .respectively import respectively
from .restatements import equivalents, fill_currency
from .stated_rates import stated_rates

# Imported from here by the grammar tier (period_of) and the checks (SCENARIO_HEDGES).
__all__ = ["HEDGES", "SCENARIO_HEDGES", "VALUE_KINDS", "period_of", "resolve"]


def resolve(doc: Document, mentions: list[Mention], kb: Knowledge) -> list[Claim]:
    ctx = read_context(doc, mentions, kb)
    claims = token_claims(ctx)
    read_frames(ctx, claims)  # the grammar tier corrects what the token rules read
    stated_rates(doc.text, claims)
    return claims


def read_context(doc: Document, mentions: list[Mention], kb: Knowledge) -> Context:
    """The document's sentences, paragraphs, entity and metric hits, dates and figures."""
    text = doc.text
    return Context(
        doc, kb, Index(sentences(text)), Index(paragraphs(text)),
        kb.entity_matcher.find(text, title=doc.title or ""), kb.metric_matcher.find(text),
        [m for m in mentions if m.kind == "date" and (m.period_start or m.period_label)],
        [m for m in mentions if m.kind in VALUE_KINDS],
    )


def token_claims(ctx: Context) -> list[Claim]:
    """The token tier: a claim per figure, then the steps that read across figures."""
    claims = [_claim(ctx, m) for m in ctx.figures]
    respectively(ctx, claims)
    fill_entities(ctx, claims)
    fill_metrics(ctx, claims)
    carry_periods(ctx, claims)
    ctx.memo["taken-currency"] = fill_currency(ctx.doc.text, claims)  # "470 billion" becomes money before its bracket is read as a restatement
    equivalents(ctx, claims)
    return claims


def _claim(ctx: Context, m: Mention) -> Claim:
    sent = ctx.sents.span(m.start)
    clause = ctx.clause(sent, m)
    report_date, attribution = report_of(ctx, sent, clause, m)
    c = Claim(id=f"{ctx.doc.path}:{m.start}", mention=m, sentence_start=sent.start, sentence_end=sent.end)
    c.metric, c.metric_text = metric_of(ctx, m, sent, clause)
    ent = entity_of(ctx, m, sent, clause)
    if ent:
        c.entity, c.entity_text = ctx.kb.entity_matcher.company_of(ent.id), ent.text
    c.period = period_of_figure(ctx, m, sent, clause, report_date)
    if report_date is not None:
        c.as_of, c.as_of_source = report_date.period_start, "text"
    elif ctx.doc.published:
        c.as_of, c.as_of_source = ctx.doc.published, "published"
    c.attribution = attribution
    c.hedges = hedges_of(ctx, m, sent, clause)
    if is_base(ctx.doc.text, clause, m, ctx.doc_scan(CHANGE)):
        c.role = "base"
    return c
