"""The visible text of an HTML page, with a map back to file offsets.

A small tokenizer of our own instead of `html.parser`, which is quadratic on
unclosed constructs (`<!--<!--...`, `<a <a <a`) and raises AssertionError on
marked sections (`<![if !IE]>`).  Every scan here moves forward with
`str.find` or an anchored regex whose alternatives start with distinct
characters, and an unclosed comment or tag ends the page (as in a browser:
it swallows the rest), so the whole page is read in linear time.

Page furniture is dropped so its figures and dates are never read as claims:
nav, header, footer, aside and the like by their element, then by class, id
and role words (rules/lexicon/html.toml), then any block whose text is mostly
link text (htmlblocks.py).  Tables with headers are read as one sentence per
cell that keeps its row and column labels (htmltable.py).
"""
from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

from .htmlblocks import Blocks, furniture
from .htmltable import Tables

_SKIP = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg", "form",
                   "button", "iframe"})
_RAW = frozenset({"script", "style", "textarea", "title", "xmp", "noscript", "iframe", "noembed", "noframes"})
_BLOCK = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
    "section", "article", "blockquote", "pre", "hr", "figcaption", "dd", "dt", "main", "title",
})
_META_KEYS = ("article:published_time", "date", "pubdate", "dc.date", "og:site_name", "author")
# Tags whose class, id and role are read: reliably closed containers (a <p> or <li> closes implicitly).
_CLASSED = frozenset({"div", "section", "ul", "ol", "span", "dl", "figure", "table", "article", "main"})

_NAME = re.compile(r"[A-Za-z][^\s/>]*")
# The rest of a tag up to its '>': each alternative starts with a different character, so no backtracking.
_TAG_REST = re.compile(r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""")
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9A-Fa-f]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)")


class _Out:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.map: list[tuple[int, int]] = []
        self.length = 0
        self.skip = 0
        self.meta: dict[str, str] = {}
        self.blocks = Blocks(self)
        self.tables = Tables(self)

    def emit(self, s: str, at: int) -> None:
        if self.skip or not s:
            return
        if self.tables.capture(s, at):
            return
        self.put(s, at)

    def put(self, s: str, at: int) -> None:
        """Append to the page text (past any table capture)."""
        self.map.append((self.length, at))
        self.parts.append(s)
        self.length += len(s)
        self.blocks.count(s)

    def text(self, raw: str, start: int, end: int) -> None:
        """Character data raw[start:end], entities decoded, each piece mapped to its offset."""
        if self.skip or start >= end:
            return
        pos = start
        for m in _ENTITY.finditer(raw, start, end):
            decoded = unescape(m.group(0))
            if decoded == m.group(0):
                continue  # not an entity after all ("&T;"): left as written
            self.emit(raw[pos : m.start()], pos)
            self.emit(decoded, m.start())
            pos = m.end()
        self.emit(raw[pos:end], pos)

    def newline(self, at: int) -> None:
        if self.tables.in_cell():
            self.emit(" ", at)  # a block inside a cell: the cell stays one line
        elif self.parts and not self.parts[-1].endswith("\n"):
            self.emit("\n", at)

    def truncate(self, parts: int, maps: int, length: int) -> None:
        """Forget everything put since the given marks (a block that was furniture)."""
        del self.parts[parts:]
        del self.map[maps:]
        self.length = length


def visible_text(raw: str) -> tuple[str, list[tuple[int, int]], dict[str, str]]:
    """(text, [(text offset, file offset)], meta) of an HTML page."""
    out = _Out()
    n, pos = len(raw), 0
    while pos < n:
        lt = raw.find("<", pos)
        if lt < 0:
            out.text(raw, pos, n)
            break
        out.text(raw, pos, lt)
        pos = _markup(raw, lt, out)
    out.tables.close_all(n)
    out.blocks.close_all()
    return "".join(out.parts), out.map, out.meta


def _markup(raw: str, lt: int, out: _Out) -> int:
    """Handle the markup starting at raw[lt] == '<'; returns where text resumes."""
    n = len(raw)
    if raw.startswith("<!--", lt):
        end = raw.find("-->", lt + 4)
        return n if end < 0 else end + 3
    nxt = raw[lt + 1 : lt + 2]
    if nxt in ("!", "?") or (nxt == "/" and not raw[lt + 2 : lt + 3].isalpha()):
        end = raw.find(">", lt + 2)  # doctype, marked section, processing instruction: a bogus comment
        return n if end < 0 else end + 1
    closing = nxt == "/"
    name_m = _NAME.match(raw, lt + 2 if closing else lt + 1)
    if name_m is None:
        out.text(raw, lt, lt + 1)  # a lone '<' is text
        return lt + 1
    rest = _TAG_REST.match(raw, name_m.end())
    if rest is None:
        return n  # a tag never closed swallows the rest of the page
    tag, end = name_m.group(0).lower(), rest.end()
    if closing:
        _end_tag(tag, lt, out)
        return end
    inner = raw[name_m.end() : end - 1]
    wanted = tag in ("meta", "time") or ("=" in inner and (tag in _CLASSED or "role" in inner))
    attrs = _attrs(inner) if wanted else {}
    _start_tag(tag, attrs, lt, out)
    if raw[end - 2 : end - 1] == "/":  # <svg/>: opened and closed at once
        _end_tag(tag, end, out)
        return end
    if tag in _RAW:
        # Raw text: everything up to the matching end tag is one piece, never markup.
        close = _close_tag(tag).search(raw, end)
        body_end = close.start() if close else n
        if tag == "title":
            out.meta.setdefault("title", unescape(raw[end:body_end]).strip())
        elif tag not in _SKIP:
            out.text(raw, end, body_end)
        if close is None:
            return n
        _end_tag(tag, close.start(), out)
        gt = raw.find(">", close.start())
        return n if gt < 0 else gt + 1
    return end


@lru_cache(maxsize=None)
def _close_tag(tag: str) -> re.Pattern[str]:
    return re.compile(rf"</{re.escape(tag)}[\s/>]", re.IGNORECASE)


def _attrs(inner: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in _ATTR.finditer(inner):
        value = next((g for g in m.groups()[1:] if g is not None), "")
        found.setdefault(m.group(1).lower(), unescape(value))
    return found


def _start_tag(tag: str, attrs: dict[str, str], at: int, out: _Out) -> None:
    if tag in _SKIP:
        out.skip += 1
    elif tag == "meta":
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        if key in _META_KEYS:
            field = {"og:site_name": "source"}.get(key, "published" if "date" in key or "time" in key else key)
            out.meta.setdefault(field, attrs.get("content") or "")
    elif tag == "time" and not out.skip and not out.blocks.in_furniture() and attrs.get("datetime"):
        out.meta.setdefault("published", attrs["datetime"])
    if out.skip:
        return
    if tag in _BLOCK:
        out.newline(at)
    out.tables.start(tag, at)
    out.blocks.start(tag, furniture(tag, attrs) if attrs and tag in _CLASSED | {"p", "li", "aside", "nav"} else False)


def _end_tag(tag: str, at: int, out: _Out) -> None:
    if tag in _SKIP and out.skip:
        out.skip -= 1
        return
    if out.skip:
        return
    out.tables.end(tag, at)
    if tag in _BLOCK:
        out.newline(at)
    out.blocks.end(tag)
