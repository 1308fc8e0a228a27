"""Page furniture in an HTML page: which blocks of visible text to drop.

An element is furniture by its class, id or role words (rules/lexicon/html.toml),
or, for a text block (p, li, ul, ol, div, section, dl), when most of its
visible text is link text: a teaser list, "Read more: ...", a footer's links.
Blocks are kept on a stack with marks into the page text; a block found to be
furniture when it closes is cut off the text.  Each piece of text is counted
once and cut at most once, and an end tag pops only when its tag is open, so
the work stays linear in the page.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path


def _lexicon() -> dict:
    # As extract/lexicon.py: the bundled copy when installed, else the repository's.
    name = Path("lexicon") / "html.toml"
    bundled = Path(__file__).resolve().parent / "_rules" / name
    path = bundled if bundled.exists() else Path(__file__).resolve().parents[2] / "rules" / name
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ValueError(f"{path}: {e}") from e
    for key in ("boilerplate_words", "boilerplate_roles"):
        if not isinstance(data.get(key), list) or not all(isinstance(w, str) for w in data[key]):
            raise ValueError(f"{path}: {key}: expected a list of words")
    if not isinstance(data.get("teaser_openers", []), list):
        raise ValueError(f"{path}: teaser_openers: expected a list of phrases")
    if not isinstance(data.get("link_density"), (int, float)) or not 0 < data["link_density"] <= 1:
        raise ValueError(f"{path}: link_density: expected a number in (0, 1]")
    pairs = data.get("range_columns", [])
    if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) for w in p) for p in pairs):
        raise ValueError(f"{path}: range_columns: expected a list of [low, high] header pairs")
    return data


DATA = _lexicon()
WORDS = frozenset(w.lower() for w in DATA["boilerplate_words"])
ROLES = frozenset(w.lower() for w in DATA["boilerplate_roles"])
DENSITY = float(DATA["link_density"])
RANGE_COLUMNS = {(a.casefold(), b.casefold()) for a, b in DATA.get("range_columns", [])}
EXAMPLES: list[dict] = DATA.get("example", [])
_OPENERS = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(DATA.get("teaser_openers", []), key=len, reverse=True))
_TEASER = re.compile(rf"[ \t]*(?:{_OPENERS})[ \t]*(?:[:›|]|-(?=\s))", re.I) if _OPENERS else None
_ITEM = re.compile(r"[ \t]*(?:[-*•·]|\d{1,2}[.)])\s")
_NAV_ITEM = re.compile(r"[^\s|]+(?:[ \t]+[^\s|]+){0,3}")
_DENSE = frozenset({"p", "li", "ul", "ol", "div", "section", "dl"})
_TRACK = _DENSE | {"span", "figure", "table", "article", "main", "aside", "nav"}
_SPLIT = re.compile(r"[\s_-]+|(?<=[a-z])(?=[A-Z])")


def blank_teasers(text: str, navigation: bool) -> str:
    """A text or Markdown scrape with its teaser lines ("Read more: ...",
    "Related: ...", a list after "You may also like:") blanked to spaces (same
    length, so offsets still index the file); with `navigation`, also lines
    of three or more short '|'-separated items ("Home | Sport | Markets")."""
    if _TEASER is None:
        return text
    out: list[str] = []
    in_list = False
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        m = _TEASER.match(body)
        drop = m is not None
        if drop:
            in_list = not body[m.end() :].strip()  # the opener alone: the list follows
        elif in_list and _ITEM.match(body):
            drop = True
        else:
            in_list = False
            if navigation and body.count("|") >= 2 and not body.lstrip().startswith("|"):
                items = [i.strip() for i in body.split("|")]
                drop = all(_NAV_ITEM.fullmatch(i) for i in items)
        out.append(" " * len(body) + line[len(body) :] if drop else line)
    return "".join(out)


def furniture(tag: str, attrs: dict[str, str]) -> bool:
    """Whether an element's role, class or id names page furniture."""
    if attrs.get("role", "").strip().lower() in ROLES:
        return True
    for key in ("class", "id"):
        words = [w.lower() for w in _SPLIT.split(attrs.get(key, "")[:300]) if w]
        if any(w in WORDS for w in words) or any(a + b in WORDS for a, b in zip(words, words[1:])):
            return True
    return False


class _Block:
    __slots__ = ("tag", "parts", "maps", "length", "furniture", "inert", "link_at", "text", "link", "headline")

    def __init__(self, tag: str, out, furniture: bool, inert: bool, link_at: int):
        self.tag, self.furniture, self.inert, self.link_at = tag, furniture, inert, link_at
        self.parts, self.maps, self.length = len(out.parts), len(out.map), out.length
        self.text = self.link = 0
        self.headline = False  # holds the page's h1: never dropped


class Blocks:
    def __init__(self, out) -> None:
        self.out = out
        self.stack: list[_Block] = []
        self.open: dict[str, int] = {}
        self.furn = 0  # open furniture blocks
        self.link = 0  # open <a> elements

    def in_furniture(self) -> bool:
        return self.furn > 0

    def start(self, tag: str, furn: bool) -> None:
        if tag == "a":
            self.link += 1
            return
        if tag == "h1" and self.stack:
            self.stack[-1].headline = True
        if tag not in _TRACK and not furn:
            return
        if tag in ("p", "li") and self.stack and self.stack[-1].tag == tag:
            self._pop()  # "<li>a<li>b": the first item ends where the next begins
        self.stack.append(_Block(tag, self.out, furn, self.out.tables.in_cell(), self.link))
        self.open[tag] = self.open.get(tag, 0) + 1
        self.furn += furn

    def end(self, tag: str) -> None:
        if tag == "a":
            self.link = max(0, self.link - 1)
            return
        if not self.open.get(tag):
            return  # a stray end tag closes nothing
        while self._pop().tag != tag:
            pass

    def count(self, s: str) -> None:
        if self.stack:
            b = self.stack[-1]
            n = len(s) - s.count(" ") - s.count("\n") - s.count("\t")
            b.text += n
            if self.link:
                b.link += n

    def close_all(self) -> None:
        while self.stack:
            self._pop()

    def _pop(self) -> _Block:
        b = self.stack.pop()
        self.open[b.tag] -= 1
        self.furn -= b.furniture
        self.link = b.link_at  # an <a> left open inside a block ends with it
        dense = b.tag in _DENSE and b.text > 0 and b.link > DENSITY * b.text
        if not b.inert and not b.headline and (b.furniture or dense):
            self.out.truncate(b.parts, b.maps, b.length)
        elif self.stack:
            parent = self.stack[-1]
            parent.text += b.text
            parent.link += b.link
            parent.headline |= b.headline
        return b
