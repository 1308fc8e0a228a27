"""arithmetic: a table's total row against the rows above or below it, and a row's change column
against the two amounts it compares.

    | Segment                  | Adjusted EBIT 2024 ($m) |
    | Agribusiness             | 1,050 |
    | Refined & Specialty Oils | 1,150 |
    | Milling                  | 210   |
    | Corporate & Other        | -360  |
    | Total                    | 2,150 |     1,050 + 1,150 + 210 - 360 = 2,050

Tables reach the checks as labelled lines ("Milling, Adjusted EBIT 2024 ($m): 210", see ingest).
A run of such lines with nothing between them is one table; in each column, a row named by a
total word (rules/lexicon/frames.toml `table_totals`, or starting with "Total") must equal the sum of
the column's other rows, at least two of them, all of one unit.  Each value is an interval (its
written precision), so rows rounded to the unit the table shows never flag: "23 + 8 + 17 + 10 + 1"
against a total of 60 is rounding, 2,050 against 2,150 is not.  A column with two total rows, or
a row with no value, is not checked.  Linear: each line is read once.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from .. import fmt
from ..models import Claim, Finding
from .engine import Context
from .figmath import change_finding, finding, span, unit_class

# (a row label may hold a bracket with commas: "Vinci Concessions (motorways, airports, other)")
_LINE = re.compile(r"(?P<row>(?:[^\n,:()]|\([^\n()]{0,60}\)){1,80}), (?P<col>[^\n:]{1,80}): ")
_MIN_PARTS = 2


def table_sums(ctx: Context, rule, sentences: list[list[Claim]]) -> Iterator[Finding]:
    """`sentences`: one document's claims by sentence, in text order."""
    totals = {w.casefold() for w in ctx.kb.frame_words.table_totals}
    table: list[tuple[str, str, Claim]] = []
    last_end = -1
    for claims in sentences:
        c = claims[0]
        text = ctx.docs[c.mention.doc].text
        line = _LINE.match(text, c.sentence_start, c.sentence_end)
        labelled = line is not None and len(claims) == 1 and text[line.end() : c.mention.start] in ("", "+", "±")  # "+2%"
        if table and (not labelled or not _empty_cells(text[last_end : c.sentence_start])):
            yield from _check(ctx, rule, table, totals)
            table = []
        if labelled:
            table.append((line.group("row").strip(), line.group("col").strip(), c))
            last_end = c.sentence_end
    if table:
        yield from _check(ctx, rule, table, totals)


def _row_changes(ctx: Context, rule, table: list[tuple[str, str, Claim]]) -> Iterator[Finding]:
    """A row's change column against the two amounts it compares:

        | Key figure              | 2023    | 2022    | Change |
        | Adjusted EBITDA (€ m)   | 2.639,8 | 2.763,6 | -6,5%  |     2,639.8 / 2,763.6 - 1 = -4.5%
        | Period  | Revenue | Year earlier | Change |
        | FY2025  | $46.3bn | $51.4bn      | -12%   |              46.3 / 51.4 - 1 = -9.9%
        | Fiscal year | Revenue  | Change |
        | FY2023      | $26.52bn | +2.8%  |
        | FY2024      | $27.18bn | +4.5%  |                          27.18 / 26.52 - 1 = +2.5%

    The change column is named by a change word (rule param `change_columns`), a column of the
    year before by an earlier word (`earlier_columns`).  A row must hold one change and either
    two amounts of one unit whose periods (from their headers) do not overlap or of which one
    is in the earlier column, or one amount whose period directly follows that of the row
    above's amount in the same column."""
    words = rule.params.get("change_columns", [])
    if not words:
        return
    change = _words(words)
    earlier = _words(rule.params.get("earlier_columns", []))
    rows: dict[str, list[tuple[str, Claim]]] = defaultdict(list)
    for row, col, c in table:
        rows[row].append((col, c))
    above: dict[str, Claim] = {}  # column -> the amount of the row before
    for row in rows:  # in table order: the row above is the period before
        cells = rows[row]
        changes = [c for col, c in cells if c.mention.kind in ("percent", "percent-point") and change.search(col)]
        amounts = [(col, c) for col, c in cells if not change.search(col) and c.mention.value is not None]
        pair = _compared(amounts, earlier, above) if len(changes) == 1 and changes[0].mention.value is not None else None
        above = {col: c for col, c in amounts}
        if pair is None:
            continue
        new, base = pair
        # the cell's own sign is its direction ("-6,5%"), so the change is passed as rising
        f = change_finding(ctx, rule, changes[0], new, base, 1, " (a table row's change column)")
        if f is not None:
            yield f


def _words(words: list[str]) -> re.Pattern:
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words) if words else r"(?!)", re.I)


def _compared(amounts: list[tuple[str, Claim]], earlier: re.Pattern, above: dict[str, Claim]) -> tuple[Claim, Claim] | None:
    """(new, base) of a row's change: see _row_changes."""
    if len(amounts) == 1:
        col, new = amounts[0]
        base = above.get(col)
        if base is None or not _same_unit(new, base) or not _dated(new) or not _dated(base) \
                or new.period.granularity != base.period.granularity or not 0 < (new.period.start - base.period.end).days <= 3:
            return None
        return new, base
    if len(amounts) != 2 or not _same_unit(amounts[0][1], amounts[1][1]):
        return None
    (ca, a), (cb, b) = amounts
    if earlier.search(cb) and not earlier.search(ca):
        return a, b
    if earlier.search(ca) and not earlier.search(cb):
        return b, a
    if not (_dated(a) and _dated(b)):
        return None
    if a.period.end < b.period.start:
        return b, a
    if b.period.end < a.period.start:
        return a, b
    return None


def _known_metrics(claims: list[Claim]) -> set[str]:
    """The lexicon's metrics the rows measure ("gross_profit", "ebitda"); a breakdown's rows all
    measure its total's one."""
    return {m for m in ((c.metric or "").split("@")[0] for c in claims) if m and not m.startswith("~")}


def _same_unit(a: Claim, b: Claim) -> bool:
    return unit_class(a.mention) == unit_class(b.mention) and a.mention.unit == b.mention.unit


def _dated(c: Claim) -> bool:
    return c.period is not None and c.period.start is not None and c.period.end is not None


def _check(ctx: Context, rule, table: list[tuple[str, str, Claim]], totals: set[str]) -> Iterator[Finding]:
    yield from _row_changes(ctx, rule, table)
    columns: dict[str, list[tuple[str, Claim]]] = defaultdict(list)
    for row, col, c in table:
        columns[col].append((row, c))
    for col in sorted(columns):
        rows = columns[col]
        total = [c for row, c in rows if _is_total(row, totals)]
        parts = [c for row, c in rows if not _is_total(row, totals)]
        if len(total) != 1 or len(parts) < _MIN_PARTS or any(c.mention.value is None for c in (*parts, *total)):
            continue
        t = total[0]
        if len({unit_class(c.mention) for c in (*parts, t)}) != 1:
            continue
        if t.mention.kind not in ("money", "count", "quantity") and not (t.mention.kind == "percent" and _SHARE.search(col)):
            continue  # changes, growth rates and margins do not add up; shares of one whole do
        if len(_known_metrics(parts)) >= 2:
            continue  # "Total revenues, Gross profit, Net earnings, Adjusted EBITDA": key figures, not a breakdown
        lo = sum(span(c.mention)[0] for c in parts)
        hi = sum(span(c.mention)[1] for c in parts)
        tlo, thi = span(t.mention)
        slack = rule.tolerance.relative * abs(t.mention.value)
        if tlo - slack <= hi and lo <= thi + slack:
            continue
        stated = sum(c.mention.value for c in parts)
        why = (f"the rows of '{col}' add up to {fmt.amount(stated, t.mention.unit, t.mention.kind)}, "
               f"but the total row says {fmt.mention(t.mention)}")
        yield finding(ctx, rule, "table total does not match its rows", why,
                      [(t, "stated total"), *((c, "row") for c in parts)])


_SHARE = re.compile(r"\bshare\b", re.I)
_EMPTY_CELL = re.compile(r"[^\n:]{1,160}: (?:[-–—]|n/?a|n\.a\.|nm|)", re.I)


def _empty_cells(gap: str) -> bool:
    """Whether the text between two labelled lines is nothing, or cells with no value
    ("Other activities, Reported change: -"): the table goes on."""
    return all(_EMPTY_CELL.fullmatch(line.strip()) for line in gap.strip().splitlines() if line.strip())


def _is_total(row: str, totals: set[str]) -> bool:
    low = row.casefold()
    return low in totals or low.startswith("total")
