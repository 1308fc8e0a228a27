"""Extract and normalise figures and dates from a Document.

`numbers.extract(text)` and `dates.extract(text, published)` each return
Mentions with offsets into the analysis text; this module merges them,
drops overlaps, and locates each mention in the file.
"""
from __future__ import annotations

from ..models import Document, Mention
from . import dates, numbers


def extract(doc: Document) -> list[Mention]:
    found = dates.extract(doc.text, doc.published) + numbers.extract(doc.text)
    # Dates first: a number inside a date ("May 11th", "2026") is part of the date.
    found.sort(key=lambda m: (m.start, m.kind != "date", -(m.end - m.start)))
    kept: list[Mention] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    for m in kept:
        file_start = doc.file_offset(m.start)
        line, column = doc.line_col(file_start)
        # Plain attribute writes: these fields are ours to fill, and pydantic's
        # per-assignment hook costs more than the rest of this loop.
        m.__dict__.update(
            doc=doc.path, file_start=file_start, line=line, column=column,
            file_end=doc.file_offset(m.end - 1) + 1 if m.end > m.start else file_start,
        )
    return kept
