"""The articles of the HTML report (report/html.py): each article's text with every figure and
date it read marked, and the marks findings point at, as plain segments or rendered Markdown."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .. import fmt
from ..models import ClaimRef, Mention
from ..pipeline import Analysis
from . import markdown

MARKDOWN = (".md", ".markdown")  # articles shown rendered; others as written


def doc_id(path: str) -> str:
    """Anchor id of an article section: stable for a path, safe in ids and URLs."""
    return "d-" + hashlib.sha256(path.encode("utf-8")).hexdigest()[:12]


@dataclass
class _Span:
    start: int  # text offsets
    end: int
    anchor: str
    title: str
    findings: list[str] = field(default_factory=list)  # finding ids flagging it
    severity: str = ""


@dataclass
class _Doc:
    analysis: Analysis
    id: str
    spans: dict[int, _Span]  # by text start
    by_file: dict[int, _Span]  # by file start: how ClaimRefs find their span


def _doc(a: Analysis) -> _Doc:
    did = doc_id(a.doc.path)
    spans: dict[int, _Span] = {}
    by_file: dict[int, _Span] = {}
    last_end = -1
    for m in sorted(a.mentions, key=lambda m: (m.start, -m.end)):
        if m.start < last_end or m.end <= m.start:
            continue  # overlapping readings: the first, widest one is marked
        s = _Span(m.start, m.end, f"{did}-{m.start}", _mention_title(m))
        spans[m.start] = by_file[m.file_start or a.doc.file_offset(m.start)] = s
        last_end = m.end
    return _Doc(a, did, spans, by_file)


def _mention_title(m: Mention) -> str:
    if m.kind == "date":
        if m.period_start is None:
            return "date (not resolved)"
        if m.period_start == m.period_end:
            return f"date: {m.period_start}"
        return f"date: {m.period_start} to {m.period_end}"
    return f"{m.kind}: {fmt.mention(m)}"


def _span_for(d: _Doc, c: ClaimRef) -> _Span:
    """The marked span a claim points at; a claim matching no extracted
    mention gets its own span, so that every claim has a place to link to."""
    s = d.by_file.get(c.start)
    if s is not None:
        return s
    t = d.analysis.doc.text_offset(c.start)
    t_end = max(t + 1, d.analysis.doc.text_offset(c.end))
    for s in d.spans.values():
        if s.start < t_end and t < s.end:
            return s
    s = _Span(t, min(t_end, len(d.analysis.doc.text)), f"{d.id}-{t}", "figure")
    d.spans[t] = d.by_file[c.start] = s
    return s


def _article(d: _Doc) -> dict:
    doc = d.analysis.doc
    text = doc.text
    segments: list[tuple[str, _Span | None]] = []
    pos = 0
    for start in sorted(d.spans):
        s = d.spans[start]
        if s.start < pos or s.start >= len(text):
            continue
        if s.start > pos:
            segments.append((text[pos:s.start], None))
        segments.append((text[s.start:s.end], s))
        pos = s.end
    segments.append((text[pos:], None))
    return {
        "id": d.id,
        "doc": doc,
        "heading": doc.title or doc.path,
        "segments": segments,
        "html": _markdown(text, [s for _, s in segments if s is not None]) if doc.path.lower().endswith(MARKDOWN) else None,
        "n_mentions": len(d.analysis.mentions),
        "n_flagged": sum(1 for s in d.spans.values() if s.findings),
        "n_claims": len(d.analysis.claims),
    }


def _markdown(text: str, spans: list[_Span]) -> Markup:
    """A Markdown article rendered, each span still marked (see report/markdown.py)."""

    def open_tag(k: int, first: bool) -> str:
        s = spans[k]
        anchor = f' id="{escape(s.anchor)}"' if first else ""
        if s.findings:
            return f'<mark class="m flag sev-{escape(s.severity)}"{anchor} title="{escape(s.title)}">'
        return f'<span class="m"{anchor} title="{escape(s.title)}">'

    def close_tag(k: int, last: bool) -> str:
        s = spans[k]
        if not s.findings:
            return "</span>"
        n = len(s.findings)
        back = (f'<a class="back" href="#{escape(s.findings[0])}" title="Flagged by {n} finding{"s" if n != 1 else ""}: '
                f'go to the first">{n}</a>') if last else ""
        return "</mark>" + back

    return markdown.render(text, [(s.start, s.end) for s in spans], open_tag, close_tag)
