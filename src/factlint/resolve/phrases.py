"""Find known multi-word phrases in text in one pass.

Text is cut into word tokens once; phrases live in a trie keyed by
normalised tokens, so matching costs O(tokens x longest phrase) whatever
the size of the lexicon.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

# Words keep inner dots and hyphens so that "Qwen3.5-Plus" or "U.S." stay one
# token; each alternative starts with a distinct class, so matching is linear.
TOKEN = re.compile(r"[^\W_]+(?:[.\-&+][^\W_]+)*\+?")


class Token(NamedTuple):  # a tuple: documents have tens of thousands of tokens
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    key: str  # what the phrase maps to (entity or metric id)
    phrase: str  # the phrase as written in the lexicon


_last: tuple[str, list] = ("", [])


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    global _last
    whole = start == 0 and end is None
    if whole and _last[0] is text:
        return _last[1]  # the entity and metric matchers both read the same document
    make = Token._make
    out = [make((m.group(0), *m.span())) for m in TOKEN.finditer(text, start, len(text) if end is None else end)]
    if whole:
        _last = (text, out)
    return out


def lower(tok: str) -> str:
    return tok.casefold()


@lru_cache(maxsize=65536)
def lemma(tok: str) -> str:
    """Crude singular: enough for 'orders' ~ 'order', 'users' ~ 'user'."""
    t = tok.casefold()
    if len(t) > 4 and t.endswith("ies"):
        return t[:-3] + "y"
    if len(t) > 3 and t.endswith("s") and not t.endswith("ss"):
        return t[:-1]
    return t


class PhraseTrie:
    def __init__(self, norm: Callable[[str], str] = lower):
        self.norm = norm
        self.root: dict = {}
        self.longest = 0

    def add(self, phrase: str, key: str) -> None:
        toks = [self.norm(t.text) for t in tokens(phrase)]
        if not toks:
            return
        node = self.root
        for t in toks:
            node = node.setdefault(t, {})
        node.setdefault(None, (key, phrase))  # first definition wins
        self.longest = max(self.longest, len(toks))

    def add_all(self, pairs: Iterable[tuple[str, str]]) -> None:
        for phrase, key in pairs:
            self.add(phrase, key)

    def find(self, toks: list[Token]) -> list[Hit]:
        """Longest non-overlapping matches, left to right."""
        out: list[Hit] = []
        norm = [self.norm(t.text) for t in toks]
        i, n = 0, len(toks)
        while i < n:
            node = self.root.get(norm[i])
            best = None
            j = i
            while node is not None:
                if None in node:
                    best = (j, node[None])
                j += 1
                if j >= n or j - i >= self.longest or not _adjacent(toks[j - 1], toks[j]):
                    break
                node = node.get(norm[j])
            if best:
                j, (key, phrase) = best
                out.append(Hit(toks[i].start, toks[j].end, key, phrase))
                i = j + 1
            else:
                i += 1
        return out


def _adjacent(a: Token, b: Token) -> bool:
    # Phrases never span more than a few characters of gap (spaces, a hyphen).
    return b.start - a.end <= 3
