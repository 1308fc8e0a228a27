"""value-agreement and revision: figures about one fact that cannot all be true.

check/grouping decides which figures are compared and puts them into fact groups and period
buckets.  Within a bucket each claim is an interval (its written precision or bound, widened by
the rule's tolerance, plus the exchange-rate band when a currency is converted).  Intervals are
sorted and swept into clusters that share a common value: O(n log n) per group.  More than one
cluster means the figures cannot all be true.  The disagreement is a *revision* when the
clusters line up with distinct, explicitly dated or revision-worded reports (or a sentence
that says so: "raised its target to A from B"); otherwise it is a *value conflict*, an error
only when two confident readings take part in it.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from .. import fmt, messages, units
from ..extract.currency import yen_written
from ..models import Claim, Finding, Severity
from . import grouping, matching
from .engine import Context, register
from .slips import misreport_apart, typo

# Words that say a figure replaced an earlier one ("raised its capex plan"), not "raised $600 million".
_REVISED = re.compile(
    r"\b(?:revis(?:ed|ion|ing)|upgraded|downgraded|updated|upsized|downsized|final\sterms|finali[sz]ed|"
    r"(?:had\s)?(?:grown|swelled|risen|shrunk)\sto|larger\sstill|smaller\sthan\sfirst|"
    r"(?:raised|lifted|cut|lowered|increased|reduced|trimmed|boosted|slashed)"
    r"\s(?:its|the|their|this|that)\s(?:[\w-]{1,20}\s){0,3}(?:plans?|forecasts?|targets?|goals?|guidance|estimates?|budgets?|outlook|capex|spending|expectations?))\b",
    re.I,
)


@dataclass(slots=True)
class Item:
    """A claim as an interval, with what the clustering, sentence and revision tests read of it
    copied in once: those passes then walk a group's items (a few MB for thousands of figures,
    allocated together) rather than every claim's models scattered over the heap, which at
    thousands of claims no longer fit in the processor's cache."""

    claim: Claim
    low: float
    high: float
    note: str = ""
    as_written: bool = False  # a '¥' of its group was reread (_common_currency): shown as written
    id: str = field(init=False)
    key: tuple = field(init=False)  # the sentence key: (document, sentence start, report date)
    as_of: date | None = field(init=False)
    where: tuple[str, int] = field(init=False)  # (document, offset)

    def __post_init__(self) -> None:
        c = self.claim
        self.id, self.as_of = c.id, c.as_of
        self.key = (c.mention.doc, c.sentence_start, c.as_of)
        self.where = (c.mention.doc, c.mention.start)


@dataclass
class Disagreement:
    entity: str
    metric: str
    period: str | None
    clusters: list[list[Item]]  # each shares a common value; ordered by value
    involved: list[Item]  # items incompatible with some item of another cluster
    crowded: frozenset[str] = frozenset()  # documents that give the reading CROWDED values



def _dated_report(c: Claim) -> bool:
    """A figure that can be superseded: dated in the text ("On May 27th, Bloomberg reported"),
    or a named source's report of a plan or forecast.  A completed fact ("raised $600 million")
    told differently by two outlets is a conflict, not a revision."""
    return c.as_of_source == "text" or bool(c.attribution and grouping.PLANNED.intersection(c.hedges))


# A forecast or guidance stands until its maker issues the next one: a forecast reported weeks
# after another is its revision, whoever relays it (two forecasts a day apart still conflict,
# and a plan told two ways is a conflict).
_FORECAST_CYCLE = timedelta(days=30)


def is_revision(ctx: Context, d: Disagreement) -> bool:
    """Clusters that follow each other in time, each later one dated by its own report
    (an in-text report date, a named source's plan, or revision wording)."""
    dated = []
    involved = {id(i) for i in d.involved}  # by identity: Items of one bucket are distinct objects
    for cl in d.clusters:
        ins = [i for i in cl if id(i) in involved]
        if not ins:
            continue
        if not all(i.as_of for i in ins):
            return False
        explicit = any(_dated_report(i.claim) for i in ins)  # one dated report dates its cluster
        worded = any(revised(ctx, i.claim) for i in ins)
        forecast = all(i.claim.status == "forecast" for i in ins)
        where = min(i.where for i in ins)
        dated.append((min(i.as_of for i in ins), where, max(i.as_of for i in ins), explicit or worded,
                      worded, forecast))
    if len(dated) < 2:
        return False
    dated.sort()
    # Every later report must say it is one (dated in the text, a named source's plan, or
    # "lowered its target"); the first figure it replaces may be an ordinary statement.
    # Reports of one day follow the text's order when the later one says it revises
    # ("set a 2025 target of 350,000; in August he raised the goal to 380,000").
    def follows(a, b) -> bool:
        return a[2] < b[0] or (a[2] == b[0] and b[4] and a[1][0] == b[1][0] and a[1][1] < b[1][1])

    def reissued(a, b) -> bool:
        return a[5] and b[5] and b[0] - a[2] >= _FORECAST_CYCLE

    return all(follows(a, b) and (b[3] or reissued(a, b)) for a, b in zip(dated, dated[1:]))


_PRECISE = 0.002  # written precision finer than 0.2% of the figure


def _items(ctx: Context, rule, claims: list[Claim]) -> list[Item]:
    tol = rule.tolerance
    out = []
    for c in claims:
        m = c.mention
        if m.value is None:
            continue
        factor, note = 1.0, ""
        if m.kind == "quantity" and m.unit and units.to_base(m.unit):
            factor, base = units.to_base(m.unit)
            note = f"{fmt.amount(m.value, m.unit)} = {m.value * factor:.4g} {base}" if factor != 1 else ""
        low = m.low * factor if m.low is not None else -math.inf
        high = m.high * factor if m.high is not None else math.inf
        # The tolerance absorbs rounding; a figure written to a finer precision than the
        # tolerance ("1,789,226 vehicles", "622.67 million tonnes") is its own interval.
        precise = m.low is not None and m.high is not None and m.high - m.low < _PRECISE * abs(m.value)
        # (1e-9: the float error of one number written at two scales, "1,500 million" and "1.5 billion")
        widen = 1e-9 * abs(m.value * factor) if precise else max(tol.relative * abs(m.value * factor), tol.absolute)
        out.append(Item(c, low - widen, high + widen, note))
    return out


def _to_currency(ctx: Context, item: Item, dst: str, band: float) -> Item | None:
    m = item.claim.mention
    if m.unit == dst:
        return item
    if dst in m.alternatives and yen_written(m):
        # '¥' is yen or yuan, guessed from the text's words: the other sources' currency says which
        return Item(item.claim, item.low, item.high, f"'{m.text}' read as {dst}, the currency the other sources give", True)
    year = item.claim.period.start.year if item.claim.period and item.claim.period.start else (item.claim.as_of.year if item.claim.as_of else None)
    rate = ctx.kb.rates.convert(1.0, m.unit or "", dst, year)
    if rate is None:
        return None
    lo, hi = item.low * rate * (1 - band), item.high * rate * (1 + band)
    return Item(item.claim, lo, hi, f"{fmt.amount(m.value, m.unit)} = {fmt.amount(m.value * rate, dst)} at {rate:.4g} {dst}/{m.unit}")


def disagreements(ctx: Context, rule) -> list[Disagreement]:
    groups, pairing = grouped(ctx, rule)
    metric_of = {key: pairing[members[0].id].metric for key, members in groups.items()}
    out: list[Disagreement] = []
    for (entity, group, unit_class), claims in sorted(groups.items(), key=lambda kv: tuple(map(str, kv[0]))):
        metric = metric_of[(entity, group, unit_class)]
        for period, bucket in grouping.by_period(claims, ctx.kb):
            for members in matching.parts_apart(ctx, bucket):
                items = _items(ctx, rule, members)
                if unit_class == "money":
                    items = _common_currency(ctx, items)
                if len(items) < 2:
                    continue
                d = _cluster(ctx, entity, metric, period, items)
                if d:
                    out.append(d)
    return out


def _common_currency(ctx: Context, items: list[Item]) -> list[Item]:
    counts: dict[str, int] = defaultdict(int)
    for i in items:
        counts[i.claim.mention.unit or ""] += 1
    dst = min(counts, key=lambda u: (-counts[u], u))
    out = []
    for i in items:
        conv = _to_currency(ctx, i, dst, ctx.kb.rates.band)
        if conv is not None:
            out.append(conv)
    if any(i.as_written for i in out):
        # A '¥' was reread: which of yen and yuan the group is in is a guess, so every '¥'
        # figure is shown as written, never with a currency code it may not have
        for i in out:
            i.as_written = i.as_written or yen_written(i.claim.mention)
    return out


def _sweep(items: list[Item]) -> list[list[Item]]:
    """Sorted items swept into runs that share a common value."""
    clusters: list[list[Item]] = []
    hi = -math.inf
    for it in items:
        if clusters and it.low <= hi:
            clusters[-1].append(it)
            hi = min(hi, it.high)
        else:
            clusters.append([it])
            hi = it.high
    return clusters


# One article giving a reading CROWDED or more values that cannot share one ("segment sales of
# ¥1,842.6 billion", "¥22.3 billion of sales to other Sony businesses", "recorded music brought
# in about ¥1.2 trillion") is telling several facts the reading does not tell apart: a writer
# who misreports a figure states it two ways, not three.  Its figures count against another only
# as a typo does (slips.typo: "289,000 orders" and "the 298,000 orders" among other tallies).
CROWDED = 3


def _cluster(ctx: Context, entity: str, metric: str, period: str | None, items: list[Item]) -> Disagreement | None:
    items = sorted(items, key=lambda i: (i.low, i.high, i.id))
    clusters = _sweep(items)
    spans: dict[tuple, set[int]] = {}
    for k, cl in enumerate(clusters):
        for it in cl:
            # (an article recounting dated reports, "on May 9 ...; on May 27 ...", tells one
            # figure at several dates: counted apart)
            spans.setdefault((it.where[0], it.as_of), set()).add(k)
    crowded = frozenset(doc for (doc, _), ks in spans.items() if len(ks) >= CROWDED)
    if len(clusters) < 2:
        return None
    # Two figures of one sentence are two facts ("a $750 million buyback in the first quarter and
    # $1 billion in the second"); only a link (a restatement, a revision) ties them.
    # Items of one cluster share a value, so a figure conflicts with something exactly when the
    # highest low lies above its high or the lowest high below its low: two extremes per key
    # (a sentence stated as of one date) are enough, which keeps this linear in the group.
    above = _extremes(items, key=lambda i: -i.low)
    below = _extremes(items, key=lambda i: i.high)
    if crowded:
        # a crowded document's figure counts only against one a slip away: its nearest
        # neighbours above and below are tested too, not only the extremes
        lows, highs = [i.low for i in items], sorted(items, key=lambda i: (i.high, i.id))
        his = [i.high for i in highs]

        def near(a: Item) -> list[Item]:
            k, j = bisect_right(lows, a.high), bisect_left(his, a.low) - 1
            return [*([items[k]] if k < len(items) else []), *([highs[j]] if j >= 0 else [])]
    else:
        def near(a: Item) -> list[Item]:
            return []
    involved = [a for a in items
                if any(b.low > a.high and _counts(ctx, a, b, crowded) for b in (*above, *near(a)))
                or any(b.high < a.low and _counts(ctx, a, b, crowded) for b in (*below, *near(a)))]
    if len({i.id for i in involved}) < 2:
        return None
    return Disagreement(entity, metric, period, clusters, involved, crowded)


def _extremes(items: list[Item], key) -> list[Item]:
    """The most extreme item and the most extreme of another sentence key."""
    ordered = sorted(items, key=lambda i: (key(i), i.id))
    if not ordered:
        return []
    first = ordered[0]
    other = next((i for i in ordered if i.key != first.key), None)
    return [first] if other is None else [first, other]


def _counts(ctx: Context, a: Item, b: Item, crowded: frozenset[str] = frozenset()) -> bool:
    """Whether b's disagreement with a counts: not two facts of one sentence unless linked, nor
    one article's figure for the whole and its figure for a part it names ("Worldwide net sales
    ... $12.763 billion. Equipment net sales ... were $11.171 billion")."""
    if a is b or (_same_sentence(a, b) and not _relational(ctx, a, b)):
        return False
    if (a.where[0] in crowded or b.where[0] in crowded) and not typo(a.claim.mention, b.claim.mention):
        return False
    if a.where[0] != b.where[0]:
        return True
    return matching.part_of(ctx, a.claim) == matching.part_of(ctx, b.claim) \
        and not matching.rows_of_one_table(ctx.docs[a.claim.mention.doc].text, a.claim, b.claim) \
        and matching.past_perfect(ctx, a.claim) == matching.past_perfect(ctx, b.claim)


def _same_sentence(a: Item, b: Item) -> bool:
    """Stated in one sentence as of one date (a sentence that recounts dated reports, "on May 9th
    the Post reported ...; on May 27th Bloomberg ...", states them apart)."""
    return a.key == b.key


def _relational(ctx: Context, a: Item, b: Item) -> bool:
    """One sentence may revise a figure: linked as previous/new ("raised its target to A from B")
    or in revision wording ("the target of A ... raised the goal to B")."""
    x, y = a.claim, b.claim
    if any(link.target == y.id for link in x.links) or any(link.target == x.id for link in y.links):
        return True
    return revised(ctx, x)


def revised(ctx: Context, c: Claim) -> bool:
    """Whether the claim's sentence has revision wording: searched once per sentence, however
    many of a group's figures it holds."""
    key = ("revised", c.mention.doc, c.sentence_start, c.sentence_end)
    return ctx.memo(key, lambda: _REVISED.search(ctx.sentence(c)) is not None)


def _compatible(a: Item, b: Item) -> bool:
    return a.low <= b.high and b.low <= a.high


def _describe(ctx: Context, it: Item) -> messages.Said:
    c = it.claim
    doc = ctx.docs[c.mention.doc]
    who = c.attribution or doc.source or doc.path.rsplit("/", 1)[-1]
    said = c.mention.text if it.as_written else fmt.mention(c.mention)
    return messages.Said(said, who, c.as_of, c.mention.doc)


def finding(ctx: Context, rule, d: Disagreement, kind: str) -> Finding:
    names = ctx.kb.entity_matcher
    metric_name = messages.metric_name(d.metric, ctx.kb.metric_by_id[d.metric].name if d.metric in ctx.kb.metric_by_id else None)
    if kind == "revision" and any(i.claim.role == "previous" for i in d.involved):
        ordered = sorted(d.involved, key=lambda i: i.claim.role != "previous")
        values = messages.timeline([_describe(ctx, i) for i in ordered])
        why = "The sentence itself says the figure replaced an earlier one."
    elif kind == "revision":
        # (an undated report is in a revision only when its wording says it came last)
        ordered = sorted(d.involved, key=lambda i: (i.as_of or date.max, i.claim.role != "previous", i.id))
        values = messages.timeline([_describe(ctx, i) for i in ordered])
        why = "The figures were reported at different dates; each later report supersedes the earlier one."
        if any(i.as_of is None for i in ordered):
            why += " The undated report says it revises an earlier figure, so it is taken as the latest."
    else:
        ordered = sorted(d.involved, key=lambda i: (i.low, i.id))
        values = messages.by_value([_describe(ctx, i) for i in ordered])
        conv = [i.note for i in ordered if i.note]
        lo, hi = ordered[0], ordered[-1]
        a, b = lo.claim.mention, hi.claim.mention
        gap = (b.value / a.value - 1 if a.unit == b.unit and a.value and b.value and a.value > 0
               else hi.low / lo.high - 1 if lo.high > 0 and math.isfinite(lo.high) and math.isfinite(hi.low) else None)
        why = messages.conflict(fmt.mention(a), fmt.mention(b), metric_name, d.period, gap, conv)
    fields = {
        "entity": names.display(d.entity), "metric": metric_name, "period": d.period or "unspecified period",
        "values": values, "count": len(ordered),
    }
    message = (rule.message or "{entity} {metric} ({period}): {values}").format_map(fields)
    return Finding(
        rule=rule.id, kind=kind, severity=rule.severity, message=message,
        entity=fields["entity"], metric=d.metric, period=d.period,
        claims=[ctx.ref(i.claim, "reported" if kind == "revision" else "stated") for i in ordered],
        explanation=why,
    )


def grouped(ctx: Context, rule) -> tuple[dict[tuple, list[Claim]], dict]:
    """The rule's fact groups and how each claim was paired, matched once per context (for
    disagreements and range revisions alike)."""
    def build():
        groups = grouping.fact_groups(ctx, rule)
        return groups, ctx.__dict__["pairing"]

    return ctx.memo(("fact-groups", rule.id), build)


def cached(ctx: Context, rule) -> list[Disagreement]:
    """The rule's disagreements, found once per context (value-agreement and revision read them)."""
    return ctx.memo(("disagreements", rule.id), lambda: disagreements(ctx, rule))


@register("value-agreement")
def value_agreement(ctx: Context, rule):
    threshold = float(rule.params.get("min_confidence", ctx.kb.matching.frame_confidence))
    for d in cached(ctx, rule):
        if is_revision(ctx, d):
            continue
        f = finding(ctx, rule, d, "value-conflict")
        if not _sure(ctx, d, threshold):
            # Abstain: an error needs two confident readings on either side of the conflict.
            f.severity = Severity.INFO
            f.held_back = True
            f.message = "possibly the same figure: " + f.message
            f.explanation += (f" Held back: no two of these figures read with confidence {threshold:g} or more (in who "
                              "they are about and what they measure) differ the way one misreported figure does; "
                              "figures several times apart are more often two facts (see factlint explain).")
        yield f


def _sure(ctx: Context, d: Disagreement, threshold: float) -> bool:
    """Two confident readings that conflict the way a misreported figure does (a sort, then
    one pass: each figure is tested against the highest-reaching confident one below it)."""
    sure = sorted((i for i in d.involved if matching.confidence(i.claim, ctx.kb) >= threshold),
                  key=lambda i: (i.low, i.id))
    below: Item | None = None
    for b in sure:
        if below is not None and b.low > below.high and _counts(ctx, below, b, d.crowded) and misreport_apart(below, b):
            return True
        if below is None or b.high > below.high:
            below = b
    return False
