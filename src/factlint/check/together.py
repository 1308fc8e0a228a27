"""arithmetic across sentences: a total of parts told one by one just before it.

    "Mounjaro generated $11.54 billion in the year. Zepbound added $4.93 billion in its first
     full year. Together, the two brands brought in $18.5 billion."   11.54 + 4.93 = 16.47

A sentence that says it adds up and how many parts it adds ("Together, the two brands ...",
"Combined, the three divisions ...", "the two drugs together ...") states a total: its first
amount after those words.  The parts are the amounts of the total's unit in the sentences just
before it (BACK, within the section): exactly as many as the sentence counts, each a stated
fact that is no comparison base, no restatement and no share of something.  Any other number of
candidates (another amount of the unit among them) and nothing is checked.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .. import fmt
from ..extract.lexicon import ONES
from ..models import Claim, Finding
from .engine import Context
from .figmath import finding, hedged, span, unit_class

BACK = 3  # sentences before the total where its parts may be
_COUNTED = r"(?P<n>two|three|four|five|six|2|3|4|5|6)"
_TOGETHER = re.compile(r"^\W*(?:together|combined|taken\stogether|between\sthem|in\stotal)\b,?\s(?:[^.;\d]{0,40}?\s)?the\s"
                       + _COUNTED + r"\s", re.I)
_PARTS_TOGETHER = re.compile(r"\bthe\s" + _COUNTED + r"\s(?:[\w'’-]+\s){0,3}(?:together|combined)\b", re.I)


def together(ctx: Context, rule, sentences: list[list[Claim]]) -> Iterator[Finding]:
    """`sentences`: one document's claims by sentence, in text order."""
    for k, claims in enumerate(sentences):
        first = claims[0]
        text = ctx.docs[first.mention.doc].text
        sentence = text[first.sentence_start : first.sentence_end]
        said = _TOGETHER.match(sentence) or _PARTS_TOGETHER.search(sentence)
        if said is None:
            continue
        after = first.sentence_start + said.end()
        total = next((c for c in claims if c.mention.start >= after), None)
        if total is None or not _stated(total):
            continue
        n = said.group("n").lower()
        n = int(n) if n.isdigit() else ONES[n]
        parts = _parts(text, total, sentences[max(0, k - BACK) : k])
        if parts is not None and len(parts) == n:
            f = _check(ctx, rule, total, parts)
            if f is not None:
                yield f


def _stated(c: Claim) -> bool:
    m = c.mention
    return (m.kind in ("money", "count") and m.value is not None and m.value > 0 and c.status == "fact"
            and c.role not in ("base", "previous", "share") and c.equivalent_of is None and not hedged(c))


def _parts(text: str, total: Claim, window: list[list[Claim]]) -> list[Claim] | None:
    """The amounts of the total's unit in the window, in the same section (None: a figure of
    that unit in the window that can be no part)."""
    cls = unit_class(total.mention)
    out = []
    for claims in window:
        if "\n#" in text[claims[-1].sentence_end : total.sentence_start]:
            out = []  # a heading between: another section
            continue
        for c in claims:
            if unit_class(c.mention) != cls or c.mention.value is None:
                continue
            if not _stated(c):
                if c.role in ("base", "previous") or c.equivalent_of is not None:
                    continue  # "up from $5.16 billion", "(about €10.6 billion)": no part, no rival either
                return None
            out.append(c)
    return out


def _check(ctx: Context, rule, total: Claim, parts: list[Claim]) -> Finding | None:
    t = total.mention
    lo = sum(span(c.mention)[0] for c in parts)
    hi = sum(span(c.mention)[1] for c in parts)
    tlo, thi = span(t)
    tol = rule.tolerance.relative * abs(t.value)
    if lo - tol <= thi and tlo <= hi + tol:
        return None
    added = sum(c.mention.value for c in parts)
    why = (f"the parts told before it add up to {fmt.amount(added, t.unit, t.kind)} "
           f"({' + '.join(fmt.amount(c.mention.value, None, c.mention.kind) for c in parts)}), "
           f"but the text gives their total as {fmt.mention(t)}")
    return finding(ctx, rule, "parts do not add up to the total", why, [(total, "stated total"), *[(c, "part") for c in parts]])
