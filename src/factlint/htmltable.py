"""Tables of an HTML page read as sentences that keep their labels.

A table with a header row (in <thead>, or a first row of <th> cells) gives
one line per data cell: "Revenue, 2024: €1.2bn" (row label, column label,
the cell as written), so a figure in a table has its label.  The row label is
the row's <th>, else its first cell with letters and no digits.  The cell
keeps its own offsets; the labels map to their header cells.  A table
without headers (layout, or a plain list of values) is read cell by cell as
before.  Labels are cut to _LABEL characters, so the text stays linear in
the page however many rows repeat them, and a table inside a cell is kept
as one nested item, not copied into each enclosing table.
"""
from __future__ import annotations

import re
from itertools import islice

from .htmlblocks import RANGE_COLUMNS

_LABEL = 80
_DEPTH = 32  # tables nested deeper are read as part of the 32nd: no page needs more, and it bounds the work
# A cell holds pieces (text, file offset) and nested items (None, items, one_line).


def _flat(items: list, one_line: bool = False):
    """The (text, offset) pieces of items, nested tables included, in order."""
    stack = [(iter(items), one_line)]
    while stack:
        it, flat = stack[-1]
        for item in it:
            if item[0] is None:
                stack.append((iter(item[1]), flat or item[2]))
                break
            yield (item[0].replace("\n", " ") if flat else item[0]), item[1]
        else:
            stack.pop()


class _Cell:
    __slots__ = ("th", "pieces", "at")

    def __init__(self, th: bool, pieces: list[tuple[str, int]], at: int):
        self.th, self.pieces, self.at = th, pieces, at

    def label(self) -> str:
        # A bounded look: at most _LABEL pieces, so a cell of empty nested tables costs no more.
        words = [s for s, _ in islice(_flat(self.pieces), _LABEL)]
        return " ".join("".join(words).split())[:_LABEL]

    def where(self) -> int:
        return next((a for _, a in islice(_flat(self.pieces), 1)), self.at)


class _Table:
    __slots__ = ("rows", "row", "cell", "cell_th", "cell_at", "in_head")

    def __init__(self) -> None:
        self.rows: list[tuple[list[_Cell], bool]] = []  # (cells, in <thead>)
        self.row: list[_Cell] = []
        self.cell: list[tuple[str, int]] | None = None
        self.cell_th = False
        self.cell_at = 0
        self.in_head = False

    def end_cell(self) -> None:
        if self.cell is not None:
            self.row.append(_Cell(self.cell_th, self.cell, self.cell_at))
            self.cell = None

    def end_row(self) -> None:
        self.end_cell()
        if self.row:
            self.rows.append((self.row, self.in_head))
            self.row = []


class Tables:
    def __init__(self, out) -> None:
        self.out = out
        self.stack: list[_Table] = []
        self.deeper = 0  # open tables past _DEPTH

    def in_cell(self) -> bool:
        return bool(self.stack) and self.stack[-1].cell is not None

    def capture(self, s: str, at: int) -> bool:
        """Keep text inside a cell for the table's sentences; False: not in a cell."""
        if not self.stack or self.stack[-1].cell is None:
            return False
        self.stack[-1].cell.append((s, at))
        return True

    def start(self, tag: str, at: int) -> None:
        if tag == "table":
            if len(self.stack) < _DEPTH:
                self.stack.append(_Table())
            else:
                self.deeper += 1
            return
        if not self.stack:
            return
        t = self.stack[-1]
        if tag == "tr":
            t.end_row()
        elif tag in ("td", "th"):
            t.end_cell()
            t.cell, t.cell_th, t.cell_at = [], tag == "th", at
        elif tag == "thead":
            t.end_row()
            t.in_head = True
        elif tag in ("tbody", "tfoot"):
            t.end_row()
            t.in_head = False

    def end(self, tag: str, at: int) -> None:
        if not self.stack:
            return
        t = self.stack[-1]
        if tag in ("td", "th"):
            t.end_cell()
        elif tag == "tr":
            t.end_row()
        elif tag == "thead":
            t.end_row()
            t.in_head = False
        elif tag == "table" and self.deeper:
            self.deeper -= 1
        elif tag == "table":
            self.stack.pop()
            t.end_row()
            self._write(t, at)

    def close_all(self, at: int) -> None:
        while self.stack:
            t = self.stack.pop()
            t.end_row()
            self._write(t, at)

    def _write(self, t: _Table, at: int) -> None:
        res: list = []
        rows = t.rows
        headed = len(rows) > 1 and (rows[0][1] or all(c.th for c in rows[0][0]))
        if not headed:
            for cells, _ in rows:
                for c in cells:
                    if c.pieces:
                        res += c.pieces
                        res.append(("\n", c.at))
        else:
            header = rows[0][0]
            cols = [c.label() for c in header]
            ends = _range_ends(cols)
            for cells, _ in rows[1:]:
                k = next((i for i, c in enumerate(cells) if c.th), None)
                if k is None:
                    k = next((i for i, c in enumerate(cells) if _is_label(c.label())), None)
                row_label = cells[k].label() if k is not None else ""
                # "| Item (€m) | 2024 | 2023 |": the corner cell's unit is every value column's
                corner = _CORNER_UNIT.search(cols[k]) if k is not None and k < len(cols) else None
                values = [(i, c) for i, c in enumerate(cells) if i != k and c.label()]
                if not values and row_label:
                    res += [(row_label, cells[k].where()), ("\n", cells[k].at)]
                lo_hi = {i: c for i, c in values if ends and i in ends}
                if ends and row_label and len(lo_hi) == 2:
                    # "Adjusted EBITDA | $14.3bn | $15.1bn" under "Low | High": one range
                    lo, hi = lo_hi[ends[0]], lo_hi[ends[1]]
                    res += [(row_label, cells[k].where()), (": ", lo.at), (None, lo.pieces, True), (" to ", hi.at),
                            (None, hi.pieces, True), ("\n", hi.at)]
                    values = [(i, c) for i, c in values if i not in lo_hi]
                for i, c in values:
                    col = cols[i] if i < len(cols) else ""
                    if row_label:
                        res += [(row_label, cells[k].where()), (", " if col else ": ", c.at)]
                    if col:
                        res += [(col, header[i].where())]
                        if corner is not None and "(" not in col:
                            res += [(" " + corner.group(0).strip(), header[k].where())]
                        res += [(": ", c.at)]
                    res += [(None, c.pieces, True), ("\n", c.at)]
        if self.in_cell():
            self.stack[-1].cell.append((None, res, False))  # a table inside a cell: one nested item
        else:
            for s, a in _flat(res):
                self.out.put(s, a)


_CORNER_UNIT = re.compile(r"\((?:in\s)?[^()\d\n]{1,16}\)\s*$")


def _range_ends(cols: list[str]) -> tuple[int, int] | None:
    """The indexes of a header's two range-end columns ("Low", "High"), if it has them."""
    folded = [c.casefold().strip() for c in cols]
    for a, b in RANGE_COLUMNS:
        if a in folded and b in folded and folded.index(a) < folded.index(b):
            return folded.index(a), folded.index(b)
    return None


def _is_label(text: str) -> bool:
    """A row's label: words ("Power Systems"), a period ("July 2025", "Q3 2025") or a year;
    not a value ("1,615", "€1.2bn", "12%")."""
    t = text.strip()
    if _YEAR.fullmatch(t):
        return True
    return any(ch.isalpha() for ch in t) and not (t[:1].isdigit() or t[:1] in _VALUE_OPENERS)


_YEAR = re.compile(r"(?:19|20)\d\d")
_VALUE_OPENERS = set("$€£¥₹+-−~≈<>(")
