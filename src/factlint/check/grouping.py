"""Which figures a value check compares: eligibility, fact groups and period buckets.

A figure takes part when who it is about and what it measures are known and it is a level
stated as a fact, forecast or plan (not a base, a replaced figure, a part or a scenario).
Eligible figures are partitioned by (root entity, unit class) and matched into fact groups by
check/matching; inside a group they are bucketed by period: a figure with no period joins
year-or-longer buckets when it is a plan (it stands until revised), recent level buckets when
it is a level, and otherwise only figures reported within weeks of it.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import timedelta

from .. import units
from ..models import Claim, Granularity
from ..resolve.claims import SCENARIO_HEDGES
from . import matching
from .engine import Context

_WILDCARD = {Granularity.YEAR, Granularity.FISCAL_YEAR, Granularity.HALF, Granularity.RANGE}
DEFAULT_SKIP_HEDGES = SCENARIO_HEDGES | {"could", "might", "would", "expectation"}
_TARGET = {"target", "targets", "aims", "goal"}
PLANNED = {"plan", "plans", "planned", "ceiling", "target", "targets", "forecast", "forecasts", "expected", "estimated", "estimate", "aims"}


def unit_class(c: Claim) -> str:
    m = c.mention
    if _TARGET.intersection(c.hedges):
        return "target:" + (m.kind if m.kind in ("money", "count") else f"{m.kind}:{m.unit}")  # a goal never meets an outcome
    if m.kind == "money":
        return "money"
    if m.kind == "quantity" and m.unit and units.to_base(m.unit):
        return f"quantity:{units.to_base(m.unit)[1]}"  # '5 GB' meets '5,000 MB'
    if m.kind == "count":
        return "count"  # the metric says what is counted: 'cars', 'vehicles' and 'units' of deliveries meet
    return f"{m.kind}:{m.unit}"


def eligible(c: Claim, rule, kb) -> bool:
    return ineligible(c, rule, kb) is None


def ineligible(c: Claim, rule, kb) -> str | None:
    """Why a figure is not compared with other sources' (None: it is)."""
    skip = set(rule.params.get("skip_hedges", DEFAULT_SKIP_HEDGES))
    m = c.mention
    if m.value is None or m.kind not in ("money", "count", "percent", "percent-point", "quantity"):
        return f"a {m.kind} figure is only checked through its links"
    if c.entity is None:
        return "no actor was read: who the figure is about is unknown"
    if c.metric is None:
        return "no property was read: what the figure measures is unknown"
    if c.role in ("base", "previous"):
        return f"it is a {'comparison base' if c.role == 'base' else 'replaced figure'}, true at another time"
    if c.role == "rate":
        return "it is an exchange rate the text states (checked with the conversion beside it)"
    if c.role == "part":
        return "it is a part of a larger figure ('$120 million of the new round')"
    if c.equivalent_of is not None:
        return "it restates another figure (checked as a conversion)"
    # A change ("up 3%") is only comparable with a change over the same, stated period;
    # a price ("closed at HK$725") with one on the same, stated day ...
    if c.metric.endswith("-change") and c.period is None:
        return "a change with no stated period"
    base = c.metric.split("-")[0]
    if (kb.metric_matcher.dimension(base) == "price" and not getattr(kb.metric_by_id.get(base), "per_period", False)
            and (c.period is None or c.period.granularity != Granularity.DAY)
            # ... except a forecast of a period's price ("Brent to average $74 a barrel in 2025").
            and not (c.period is not None and c.status in ("forecast", "estimate"))):
        return "a price with no stated day"
    hedged = sorted(skip.intersection(c.hedges))
    if hedged:
        return f"hedged ({', '.join(hedged)}): a scenario or expectation, not a statement"
    if not rule.scope.admits(c.metric, c.entity, kb.metric_matcher.dimension(c.metric)):
        return f"outside the scope of rule '{rule.id}'"
    return None


def fact_groups(ctx: Context, rule) -> dict[tuple, list[Claim]]:
    """Partition by (root entity, unit class); inside, figures meet by the similarity of what
    they are about (check/matching), never by their values.  Keys: (entity, group, unit class);
    how each claim was paired is left in ctx.pairing (for findings and `factlint explain`)."""
    partitions: dict[tuple, list[Claim]] = defaultdict(list)
    compared = [c for c in ctx.claims if eligible(c, rule, ctx.kb)]
    same_name = matching.unify_unknown_names(compared)
    for c in compared:
        partitions[(same_name.get(c.entity, c.entity), unit_class(c))].append(c)
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    pairing = ctx.__dict__.setdefault("pairing", {})
    for (entity, unit), claims in partitions.items():
        matched = matching.match(claims, ctx.kb)
        pairing.update(matched)
        for c in claims:
            groups[(entity, matched[c.id].group, unit)].append(c)
    return groups


def by_period(claims: list[Claim], kb):
    buckets: dict[str, list[Claim]] = defaultdict(list)
    loose: list[Claim] = []
    for c in claims:
        if c.period is None:
            loose.append(c)
        else:
            buckets[_bucket(c, kb)].append(c)
    wild_targets = [k for k, v in buckets.items() if any(c.period.granularity in _WILDCARD for c in v)]
    recent = _RecentLevels(buckets)
    # A figure without a period joins other sources' year-or-longer figures (a bare
    # "capex plan" is about the salient plan), but not when its own document dates
    # the metric elsewhere: then the writer has told the periods apart.
    joined: dict[str, list[Claim]] = defaultdict(list)
    alone: list[Claim] = []
    dated_docs = {o.mention.doc for v in buckets.values() for o in v}
    for c in loose:
        own_doc_dated = c.mention.doc in dated_docs
        # Only plans and targets: an undated actual figure is no evidence of which year it is.
        targets = [] if own_doc_dated or not planned(c, kb) else wild_targets
        if not targets:  # a level stated without a date is the level now, even beside dated ones
            targets = recent.of(c, kb)
        for label in targets:
            joined[label].append(c)
        if not targets:
            alone.append(c)
    for window in _windows(alone, kb):
        yield None, window
    for label in sorted(buckets):
        yield label, buckets[label] + joined[label]


# A period whose end is the moment a level or a balance is told at: "a backlog of $30 billion at
# the end of the fourth quarter" and "a 2024 backlog of $28.7 billion" are both the backlog on 31
# December.  (A fiscal year's end is the company's own; a range is no period end.)
_ENDS_AT = {Granularity.YEAR, Granularity.HALF, Granularity.QUARTER, Granularity.MONTH, Granularity.DAY}


_AT = "at "  # the label of a moment's bucket


def _bucket(c: Claim, kb) -> str:
    metric = kb.metric_by_id.get((c.metric or "").split("@")[0])
    if metric is not None and (metric.level or metric.balance) and c.period.end is not None \
            and c.period.granularity in _ENDS_AT:
        return _AT + c.period.end.isoformat()
    return c.period.label


_WINDOW = timedelta(days=45)


def _windows(claims: list[Claim], kb) -> list[list[Claim]]:
    """Figures with no period at all meet only figures reported within weeks of them
    (or in the same article): 'sold 373,600 cars' in September and '4.27 million' a
    year later are not about the same thing.  Plans and targets stand until replaced."""
    if not claims:
        return []
    standing: list[Claim] = []
    timed: list[Claim] = []
    for c in claims:
        (standing if c.as_of is None or planned(c, kb) else timed).append(c)
    timed.sort(key=lambda c: (c.as_of, c.id))
    windows: list[list[Claim]] = []
    by_doc: dict[str, list[tuple[Claim, int]]] = defaultdict(list)  # article -> its figures and their windows
    for c in timed:
        if windows and c.as_of - windows[-1][0].as_of <= _WINDOW:
            windows[-1].append(c)
        else:
            windows.append([c])
        by_doc[c.mention.doc].append((c, len(windows) - 1))
    # Several figures from one article always meet, whatever their report dates.
    extra = [[c for c, _ in v] for v in by_doc.values() if len({w for _, w in v}) > 1]
    return [w + standing for w in windows] + extra if windows else [standing]


_RECENT = timedelta(days=62)
_SHORT = {Granularity.DAY, Granularity.MONTH, Granularity.QUARTER}


class _RecentLevels:
    """'serves about 650 million users' (undated, reported Aug 28) meets '770 million users at the
    end of June': a level reported without a date is the level of the last few weeks.  The
    buckets of a day, month or quarter sorted by end, so each undated level finds the periods
    that ended in its last weeks by bisection instead of testing every bucket."""

    def __init__(self, buckets: dict[str, list[Claim]]):
        # (a level's bucket holds every period that ended on one day: short if any of them is)
        ends = sorted((v[0].period.end, label) for label, v in buckets.items()
                      if v[0].period.end is not None and (label.startswith(_AT) or any(c.period.granularity in _SHORT for c in v)))
        self.ends = [e for e, _ in ends]
        self.labels = [label for _, label in ends]

    def of(self, c: Claim, kb) -> list[str]:
        metric = kb.metric_by_id.get(c.metric or "")  # (a segment's level, "users@core", stays in its own window)
        if not (metric and (metric.level or metric.balance)) or c.as_of is None:
            return []
        return self.labels[bisect_left(self.ends, c.as_of - _RECENT) : bisect_right(self.ends, c.as_of)]


def planned(c: Claim, kb) -> bool:
    """A plan, target or forecast, or a figure of a standing metric (a capex plan, a budget):
    it stays true until a later report replaces it."""
    metric = kb.metric_by_id.get((c.metric or "").removesuffix("-overseas"))
    return bool(PLANNED.intersection(c.hedges)) or bool(metric and metric.standing)
