"""A figure of a table row is the row's: "Power Systems, Sales: 2,171" (a table read as labelled
lines, htmltable.py and mdtable.py) is the Power Systems division's sales, never the group's, so
two rows of one table are two facts.  A row labelled by a period, a metric or a total ("Group",
"Total") stays the whole company's; a row labelled by a name ("Airbus, 2024 deliveries: 766") is
that company's."""
from __future__ import annotations

import re
from bisect import bisect_left

from ...models import Claim, Slot

_ROW_LINE = re.compile(r"(?P<row>[^,:\n]{1,80}), [^:\n]{1,80}: [+±]?$")  # ("+30.0%": a signed cell)
_REACH = 166


def row_segments(ctx, claims: list[Claim], is_metric) -> None:
    text, totals = ctx.doc.text, set(ctx.kb.frame_words.table_totals)
    dated = sorted((d.start, d.end) for d in ctx.dates)
    date_starts = [s for s, _ in dated]
    names = {h.text: h for h in ctx.ents if h.type not in ("person", "media")}
    for c in claims:
        reach = max(0, c.mention.start - _REACH)  # a row line's labels are short: a bounded look back
        line_start = text.rfind("\n", reach, c.mention.start) + 1
        if line_start == 0 and reach > 0:
            continue
        m = _ROW_LINE.fullmatch(text, line_start, c.mention.start)
        if m is None or not c.metric or "@" in c.metric:
            continue
        row = m.group("row").strip()
        if row.casefold() in totals or is_metric(row.casefold()):
            continue
        named = names.get(row)  # a name the article uses (a row label opens its line, so is not read as one)
        if named is not None:
            c.entity, c.entity_text = ctx.kb.entity_matcher.company_of(named.id), named.text
            if c.frame is not None:
                c.frame.actor = c.frame.root = Slot(value=c.entity, words=named.text, rule="table-row-name", confidence=0.7)
            continue
        k = bisect_left(date_starts, line_start)  # a date that starts inside the row label
        if k < len(dated) and dated[k][0] < line_start + len(m.group("row")):
            continue  # "July 2025, Net revenue: 323,166": the row is a period
        c.metric += "@" + " ".join(row.casefold().split())
