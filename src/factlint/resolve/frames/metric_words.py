"""The lexicon's metric for what the grammar read: a property phrase's canonical metric, the
words the lexicon calls a metric, and whether a phrase names it."""
from __future__ import annotations

import re
from bisect import bisect_left

from ..phrases import lemma, tokens


def metric_lemmas(metric, hyphens: bool = False) -> set[str]:
    """The lemmas of what the lexicon calls the metric (its id, name, synonyms and nouns);
    `hyphens`: a hyphenated word's parts too ("post-money": post, money)."""
    return {lemma(w) for text in (metric.id.replace("_", " "), metric.name, *metric.synonyms, *metric.nouns)
            for w in (text.casefold().replace("-", " ") if hyphens else text.casefold()).split()}


def lexicon_metric(kb, metric: str | None) -> str | None:
    """The lexicon's metric a metric id is, or is the change of ("revenue-change": revenue)."""
    base = metric[: -len("-change")] if metric and metric.endswith("-change") else metric
    return base if base in kb.metric_by_id else None


def names(metric, phrase: str) -> bool:
    """Whether a phrase shares a word with what the lexicon calls the metric."""
    return bool({lemma(w) for w in phrase.casefold().split()} & metric_lemmas(metric))


def canonical_metric(kb, phrase: str, purpose: str | None = None) -> str | None:
    """The lexicon's metric for a property phrase, when a synonym covers its head; with a
    purpose, "spending on AI infrastructure" and "AI infrastructure spending" are tried first."""
    if not phrase:
        return None
    tries = [f"{phrase} on {purpose}", f"{purpose} {phrase}"] if purpose else []
    for text in [*tries, phrase]:
        hits = kb.metric_matcher.trie.find(tokens(text))
        head_start = text.rfind(" ") + 1 if text == phrase else 0
        covering = [h for h in hits if h.end == len(text) and h.start <= head_start]
        if covering:
            return min(covering, key=lambda h: h.start).key
    return None


def fuller(phrase: str | None, prop: str) -> bool:
    """'Google Cloud revenue jumped 32%': the token tier's phrase holds every word the grammar
    read, and more; it is the fuller reading."""
    if not phrase:
        return False
    said = _words(phrase)
    return _words(prop) <= said | {lemma(w) for w in said}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.casefold()))  # "non - gaap" as the parse writes it is "non-GAAP"


_AFTER_FIGURE = 16  # "$1.13 trillion in assets under management": a preposition and a space or two


def phrase_after(ctx, c, head: str | None) -> str | None:
    """The lexicon's phrase that begins with the figure's own noun right after the figure: "$1.13
    trillion in assets under management" measures assets under management, not assets; the parse
    keeps the noun, the prepositional words after it only the lexicon knows."""
    if not head:
        return None
    lo = bisect_left(ctx.met_starts, c.mention.end)
    for h in ctx.mets[lo:]:
        if h.start > c.mention.end + _AFTER_FIGURE or h.end > c.sentence_end:
            return None
        words = ctx.doc.text[h.start : h.end].split()
        if len(words) > 1 and lemma(words[0].casefold()) == lemma(head.casefold()):
            return h.id
    return None
