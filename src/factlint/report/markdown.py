"""A Markdown article as HTML, with every figure factlint read still marked where it is.

markdown-it-py renders CommonMark with raw HTML off (an article's `<script>`
is shown as text) and links and images reduced to their text (no href or
src from an article ever reaches the page).  To keep offsets mapped, each
marked span's start and end are written into the source as private-use
sentinels carrying the span's number before rendering; sentinels pass
through Markdown as ordinary text, and afterwards each becomes the span's
opening or closing tag.  A span that crosses an element boundary
(`**300** billion`) is closed before the boundary and reopened after it, so
the output stays well formed.  Linear in the article's length.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup

_OPEN, _MID, _CLOSE = "\ue000", "\ue001", "\ue002"
_DIGITS = "".join(chr(0xE010 + d) for d in range(10))
_OURS = re.compile("[\ue000-\ue002\ue010-\ue019]")
_TOKEN = re.compile(f"({_OPEN}|{_CLOSE})([{_DIGITS}]+){_MID}")
_TAG = re.compile(r"(<[^>]*>)")


def _num(k: int) -> str:
    return "".join(_DIGITS[int(d)] for d in str(k))


def _unnum(s: str) -> int:
    return int("".join(str(ord(c) - 0xE010) for c in s))


@cache
def _md() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    # Links and images keep their text only: an article's URLs are not followed from the report.
    md.add_render_rule("link_open", lambda *a, **k: "")
    md.add_render_rule("link_close", lambda *a, **k: "")
    md.add_render_rule("image", lambda self, tokens, idx, options, env: self.renderInline(tokens[idx].children or [], options, env))
    return md


def render(text: str, spans: Sequence[tuple[int, int]], open_tag: Callable[[int, bool], str],
           close_tag: Callable[[int, bool], str]) -> Markup:
    """`text` as HTML with span k (`spans[k]` = (start, end) in `text`, sorted, not overlapping)
    wrapped in `open_tag(k, first)` ... `close_tag(k, last)`; `first` is False for a part
    reopened after an element boundary, `last` True for the part that ends the span."""
    text = _OURS.sub("\ufffd", text)  # the article's own private-use characters are not sentinels
    pieces, pos = [], 0
    for k, (start, end) in enumerate(spans):
        pieces += [text[pos:start], f"{_OPEN}{_num(k)}{_MID}", text[start:end], f"{_CLOSE}{_num(k)}{_MID}"]
        pos = end
    pieces.append(text[pos:])
    html = _md().render("".join(pieces))
    out: list[str] = []
    current: int | None = None  # the span open at this point of the output
    for part in _TAG.split(html):
        if part.startswith("<"):
            if current is not None:  # an element boundary inside a span: close, pass, reopen
                out += [close_tag(current, False), part, open_tag(current, False)]
            else:
                out.append(part)
            continue
        pos = 0
        for m in _TOKEN.finditer(part):
            out.append(part[pos:m.start()])
            k = _unnum(m.group(2))
            if m.group(1) == _OPEN and current is None:
                out.append(open_tag(k, True))
                current = k
            elif m.group(1) == _CLOSE and current == k:
                out.append(close_tag(k, True))
                current = None
            pos = m.end()
        out.append(part[pos:])
    if current is not None:
        out.append(close_tag(current, True))
    # Empty parts left by reopening right before a close are dropped by the browser; strip stray sentinels.
    return Markup(_OURS.sub("", "".join(out)))
