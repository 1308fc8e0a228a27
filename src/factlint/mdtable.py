"""Markdown pipe tables read the way headed HTML tables are (htmltable.py).

"| Division | Sales |\n|---|---|\n| Power Systems | 2,171 |" becomes the line
"Power Systems, Sales: 2,171", so a figure in a table keeps its row and column
labels instead of reaching the reader as "| 2,171 |".  The rest of the text is
kept as written; every piece keeps its file offset (an offset map, as for
HTML), so findings still point into the file.  One pass over the lines.
"""
from __future__ import annotations

import re

from .htmltable import Tables

_ROW = re.compile(r"[ \t]{0,3}\|.*\|[ \t]*")
_SEPARATOR = re.compile(r"[ \t]{0,3}\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?[ \t]*")
_CELL = re.compile(r"[^|]+")


class _Sink:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.map: list[tuple[int, int]] = []
        self.length = 0

    def put(self, s: str, at: int) -> None:
        if s:
            self.map.append((self.length, at))
            self.parts.append(s)
            self.length += len(s)


def read_tables(text: str, base: int = 0) -> tuple[str, list[tuple[int, int]]] | None:
    """(text, offset map) with every headed pipe table turned into labelled lines, or None when
    the text has none (its offsets then stay the file's).  `base` is the file offset of text[0]."""
    lines = text.splitlines(keepends=True)
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line)
    blocks, k = [], 0
    while k + 1 < len(lines):
        if _ROW.fullmatch(lines[k].rstrip("\r\n")) and _SEPARATOR.fullmatch(lines[k + 1].rstrip("\r\n")):
            j = k + 2
            while j < len(lines) and _ROW.fullmatch(lines[j].rstrip("\r\n")):
                j += 1
            blocks.append((k, j))
            k = j
        else:
            k += 1
    if not blocks:
        return None
    out = _Sink()
    tables = Tables(out)
    done = 0
    for k, j in blocks:
        out.put(text[starts[done] : starts[k]], base + starts[done])
        tables.start("table", base + starts[k])
        for n in [k, *range(k + 2, j)]:
            tables.start("tr", base + starts[n])
            line = lines[n].rstrip("\r\n")
            for m in _CELL.finditer(line, line.index("|") + 1, line.rindex("|")):
                cell = m.group(0)
                lead = len(cell) - len(cell.lstrip(" \t*_"))
                value = cell.strip(" \t*_")
                at = base + starts[n] + m.start() + lead
                tables.start("th" if n == k else "td", at)
                tables.capture(value, at)
                tables.end("th" if n == k else "td", at)
            tables.end("tr", base + starts[n])
        tables.end("table", base + starts[j - 1])
        done = j
    if done < len(lines):
        out.put(text[starts[done]:], base + starts[done])
    return "".join(out.parts), out.map
