"""Which figures are about the same fact: matching by similarity, not id equality.

Figures are partitioned by (root entity, unit class); a partition is the unit of
work a distributed run would ship to one worker.  Inside a partition, the
*descriptions* of the figures are matched, never their values: the point is to
find same-fact pairs whose values differ.  A description is the claim's metric
(canonical from the lexicon, or the open property phrase the grammar read),
its status family and its segment.  Candidate pairs come from blocking rules
(same canonical metric, same head word); each candidate is scored by a logistic
model whose weights live in rules/lexicon/matching.toml (learned from labelled
pairs by benchmarks/learn_matching.py); cannot-link constraints (exclusive
metrics, different segments, different status families, two canonical metrics
that differ) are never overridden.  Connected descriptions form fact groups;
the agreement and revision checks run per group.

The work is linear in claims plus quadratic only in the distinct descriptions
sharing one head word inside one partition, which is small (a handful).
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..lexicons import PAST_PERFECT
from ..models import Claim
from ..resolve.phrases import lemma

# Status families: a forecast is compared with forecasts, never with the actual it predicted.
FAMILY = {"fact": "fact", "forecast": "outlook", "plan": "outlook", "expectation": "outlook",
          "estimate": "estimate", "scenario": "scenario"}
# How long initials may be: three letters at least ("Co" in "Eli Lilly and Co" is not the
# Cocoa Organization); check/unknown_names.py reads the same bounds.
INITIALS = (3, 6)
MAX_BLOCK = 64  # distinct descriptions compared pairwise in one block; beyond, only exact ids meet


@dataclass(frozen=True)
class Description:
    metric: str  # "capex", "~delivery target"
    canonical: bool
    head: str
    modifiers: frozenset[str]
    segment: str  # "" for the whole company
    family: str


def describe(c: Claim, kb) -> Description:
    metric = c.metric or ""
    base, _, segment = metric.partition("@")
    canonical = not base.startswith("~") and base.split("-")[0] in kb.metric_by_id
    if not canonical:  # "~orders backlog" and "~order backlog" are one open property
        base = "~" + " ".join(lemma(w) for w in base.lstrip("~").split())
    phrase = base.lstrip("~")
    words = phrase.replace("-", " ").split()
    f = c.frame
    # The grammar's head as a lemma, like the phrase ("sales" from "expects to sell" meets "potash sale")
    head = (lemma(f.head) if f and f.head and not canonical else None) or (words[-1] if words else "")
    mods = frozenset(f.modifiers if f and not canonical else words[:-1])
    family = FAMILY.get(c.status, "fact")
    if f is not None and f.property.value and f.property.value.split()[-1] in kb.frame_words.capacity_nouns:
        family = "capacity"  # "capacity to handle 100 million TEU" is never what was handled
    metric = kb.metric_by_id.get(base.split("-")[0]) if canonical else None
    if family in ("fact", "outlook") and metric is not None and metric.standing:
        family = "standing"  # a capex plan is stated as a fact, a plan or a forecast alike
    return Description(base, canonical, head, mods, segment, family)


def features(a: Description, b: Description) -> dict[str, float]:
    """The comparison vector of two descriptions (the values are not in it)."""
    inter = len(a.modifiers & b.modifiers)
    union = len(a.modifiers | b.modifiers)
    return {
        "same_metric": float(a.metric == b.metric),
        "same_head": float(bool(a.head) and a.head == b.head),
        "modifier_jaccard": inter / union if union else 1.0,
        "phrase_similarity": fuzz.token_set_ratio(a.metric.lstrip("~"), b.metric.lstrip("~")) / 100.0,
        "one_canonical": float(a.canonical != b.canonical),
    }


def cannot_link(a: Description, b: Description, kb) -> str | None:
    """Why two descriptions may never be one fact, or None."""
    if a.family != b.family:
        return f"status {a.family} vs {b.family}"
    if a.segment != b.segment:
        return f"segment {a.segment or 'group'} vs {b.segment or 'group'}"
    if a.canonical and b.canonical and a.metric != b.metric:
        return f"different metrics {a.metric} and {b.metric}"
    for x, y in ((a, b), (b, a)):
        m = kb.metric_by_id.get(x.metric.split("-")[0])
        if m is not None and y.metric in m.exclusive_with:
            return f"{x.metric} excludes {y.metric}"
    if a.metric.endswith("-change") != b.metric.endswith("-change"):
        return "a change vs a level"
    return None


def score(a: Description, b: Description, kb) -> float:
    w = kb.matching
    z = w.bias + sum(w.weights.get(k, 0.0) * v for k, v in features(a, b).items())
    return 1.0 / (1.0 + math.exp(-z))


@dataclass
class Match:
    group: str  # the fact group's key
    metric: str  # the representative description's metric (what findings name)
    why: str  # why the figures were paired (with the score, for a pairing of two descriptions)


def match(claims: list[Claim], kb) -> dict[str, Match]:
    """Fact group of each claim (by claim id).  Claims must share one partition."""
    descs: dict[Description, list[Claim]] = defaultdict(list)
    for c in claims:
        descs[describe(c, kb)].append(c)
    keys = sorted(descs, key=lambda d: (d.metric, d.segment, d.family))
    parent = {d: d for d in keys}
    pair_score: dict[Description, tuple[float, str]] = {}

    def find(d):
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    blocks: dict[tuple, list[Description]] = defaultdict(list)
    for d in keys:
        blocks[("head", d.head, d.segment, d.family)].append(d)
    threshold = kb.matching.threshold
    for block in blocks.values():
        block = block[:MAX_BLOCK]
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if cannot_link(a, b, kb):
                    continue
                s = score(a, b, kb)
                if s >= threshold:
                    ra, rb = find(a), find(b)
                    if ra != rb and not cannot_link(ra, rb, kb):
                        # The canonical description (or the first by name) represents the group.
                        keep, drop = sorted((ra, rb), key=lambda d: (not d.canonical, d.metric))
                        parent[drop] = keep
                        why = f"same head '{a.head}': '{a.metric.lstrip('~')}' ~ '{b.metric.lstrip('~')}' (score {s:.2f})"
                        for d in (a, b):
                            if d not in pair_score or pair_score[d][0] > s:
                                pair_score[d] = (s, why)
    out: dict[str, Match] = {}
    for d in keys:
        rep = find(d)
        _, why = pair_score.get(d, (1.0, f"same {'metric' if d.canonical else 'property'} '{d.metric.lstrip('~')}'"))
        metric = rep.metric + (f"@{rep.segment}" if rep.segment else "")
        label = metric + ("" if rep.family == "fact" else f"#{rep.family}")
        for c in descs[d]:
            out[c.id] = Match(label, metric, why)
    return out


def confidence(c: Claim, kb) -> float:
    """How sure the reading of actor and property is: an error needs two sure claims."""
    known_entity = c.entity is not None and c.entity in kb.entity_by_id
    canonical = bool(c.metric) and c.metric.split("@")[0].split("-")[0] in kb.metric_by_id
    f = c.frame
    if f is not None and f.period.rule == "own-unread-period":
        return 0.0  # it has a time of its own that was not read: never an error
    actor = f.actor.confidence if f else 0.0
    prop = f.property.confidence if f else 0.0
    if known_entity:
        actor = max(actor, 0.7)
    if canonical:
        prop = max(prop, 0.7)
    return min(actor, prop)


_LABELLED = re.compile(r"[^\n:]{1,120}: ")


def part_named(kb, c: Claim) -> str:
    """The words that name a part in a canonical metric's phrase ("equipment" net sales): the
    modifiers that are none of the metric's own words nor a word for the whole, a time or a basis."""
    metric = kb.metric_by_id.get((c.metric or "").split("@")[0].split("-")[0])
    if metric is None or c.frame is None:
        return ""
    from ..resolve.frames import metric_lemmas  # (the grammar tier imports the matcher's module tree lazily too)

    own = kb.__dict__.setdefault("_metric_own_words", {})
    if metric.id not in own:
        own[metric.id] = metric_lemmas(metric, hyphens=True)
    whole = kb.frame_words.whole_modifiers
    # a hyphenated word names a part too ("digital-only" subscribers), written either way ("red-packet pool")
    return " ".join(m.replace("-", " ") for m in c.frame.modifiers if m.replace("-", "").isalpha() and m not in whole
                    and not all(lemma(w) in own[metric.id] for w in m.split("-")))


def part_of(ctx, c: Claim) -> str:
    """part_named, once per claim in a check context (value agreement asks it per pair too)."""
    return ctx.memo(("part-named", c.id), lambda: part_named(ctx.kb, c))


def rows_of_one_table(text: str, x: Claim, y: Claim) -> bool:
    """Two labelled lines of one table or fact box ("1. Halbjahr: 913,9" / "2. Halbjahr:
    1.082,3"): two rows, two facts, whatever their labels were read as."""
    first, second = sorted((x, y), key=lambda c: c.sentence_start)
    return (_LABELLED.match(text, first.sentence_start, first.sentence_end) is not None
            and _LABELLED.match(text, second.sentence_start, second.sentence_end) is not None
            and "\n\n" not in text[first.sentence_end : second.sentence_start]
            and second.sentence_start - first.sentence_end < 2000)


def unify_unknown_names(claims: list[Claim]) -> dict[str, str]:
    """Names the alias table does not know, written in full in one article and as initials in
    another ("EU Emissions Trading System", "ETS", "EU ETS"): one entity.  Linear in claims."""
    full: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))  # initials -> name -> count
    names = {c.entity for c in claims if c.entity and c.entity.startswith("~")}
    for name in names:
        words = name[1:].split()
        if len(words) >= 2:
            for k in range(len(words) - 1):  # "eu emissions trading system": eets, ets
                full["".join(w[0] for w in words[k:])][name] += 1
    out: dict[str, str] = {}
    # "Maersk" in one article, "A.P. Moller-Maersk" in another: a one-word name that ends
    # exactly one longer name after a hyphen is that name ("PSA Singapore" is not Singapore).
    endings: dict[str, set[str]] = defaultdict(set)
    for name in names:
        head, sep, last = name[1:].rpartition("-")
        if sep and head and " " not in last:
            endings[last].add(name)
    for name in sorted(names):
        longer = endings.get(name[1:], set())
        if len(name) > 5 and " " not in name and len(longer) == 1:
            out[name] = next(iter(longer))
    for name in sorted(names):
        if name in out:
            continue
        words = name[1:].split()
        short = words[-1]
        if INITIALS[0] <= len(short) <= INITIALS[1] and short.isalpha() and short in full and len(words) <= 2:
            candidates = full[short]
            target = min(candidates, key=lambda n: (-candidates[n], n))
            if target != name:
                out[name] = target
    return out


def parts_apart(ctx, members: list[Claim]) -> list[list[Claim]]:
    """A fact's figures, with those of each part that some article names beside the whole
    ("Subscription revenue was $3,005 million ... Total revenue came to $3,088 million") set
    apart: that article says the part is not the whole, so no other article's figure for the
    part is compared with the whole either.  Parts no article sets beside the whole stay in."""
    part = {c.id: part_of(ctx, c) for c in members}
    by_doc: dict[str, set[str]] = defaultdict(set)
    for c in members:
        by_doc[c.mention.doc].add(part[c.id])
    apart = {p for parts in by_doc.values() if "" in parts for p in parts if p}
    if not apart:
        return [members]
    split: dict[str, list[Claim]] = defaultdict(list)
    for c in members:
        split[part[c.id] if part[c.id] in apart else ""].append(c)
    return [split[k] for k in sorted(split)]


def past_perfect(ctx, c: Claim) -> bool:
    """'Earlier discussions had floated valuations of $60 billion and then $65 billion': an
    article's figure told in the past perfect is what came before its others, not a conflict
    (the earlier-cue words, "a year earlier", mostly date a base and are not enough)."""
    key = ("past-perfect", c.mention.doc, c.sentence_start, c.sentence_end)
    return ctx.memo(key, lambda: PAST_PERFECT.search(ctx.sentence(c).casefold()) is not None)
