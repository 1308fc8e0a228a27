"""Restatements and currency: '470 billion RMB (approx. $70 billion USD)' restates the first
figure, and a bare 'plan at 160 billion' takes the currency of its entity and metric's figures."""
from __future__ import annotations

import re

from .. import units
from ..models import Bound, Claim
from .context import Context

# (a per-unit price keeps its unit before the bracket: "€4.75 a share (about $5.90)")
PER_UNIT = r"(?:\s(?:a|per)\s(?:share|unit|barrel|tonne|ton|ounce))?"  # "€4.75 a share", "$70 a barrel"
_EQUIV = re.compile(PER_UNIT +
                    r"\s*[(（,]\s*(?:approx(?:imately|\.)?|about|around|roughly|or|or\sabout|or\sroughly|equivalent to|~|≈|i\.e\.|"
                    r"rund|etwa|ca\.|environ|soit|ongeveer)?\s*$", re.I)


def equivalents(ctx: Context, claims: list[Claim]) -> None:
    """'470 billion RMB (approx. $70 billion USD)': the second restates the first."""
    text = ctx.doc.text
    for k in range(1, len(claims)):
        a, b = claims[k - 1], claims[k]
        if b.mention.kind != "money" or not _restates(text, a, b):
            continue
        if a.mention.kind in ("percent", "percent-point") and k >= 2:
            # "$32.3 billion for 2024, up 6.5% (about £21.5 billion)": the bracket restates the
            # amount its change was stated of, not the change
            a, rate = claims[k - 2], a
            between = text[a.mention.end : rate.mention.start]
            if a.mention.kind != "money" or len(between) > _CHANGE_GAP or any(ch in between for ch in ".;\n"):
                continue
        if a.mention.kind == "money" and a.mention.unit != b.mention.unit:
            _restated(a, b)
    for a, b in zip(claims, claims[1:]):
        if _same_measure(a, b) and _restates_quantity(text, a, b):
            _restated(a, b)  # "3.91 million ounces of gold (about 122 tonnes)"


def _restated(a: Claim, b: Claim) -> None:
    b.equivalent_of = a.id
    b.entity, b.metric, b.period, b.hedges = a.entity, a.metric, a.period, a.hedges
    b.as_of, b.as_of_source, b.attribution, b.role = a.as_of, a.as_of_source, a.attribution, a.role


_CHANGE_GAP = 30
# What the first quantity is of, between it and its restatement ("ounces of gold, roughly 122 tonnes")
_MATERIAL = re.compile(r"\s+of\s+[a-z]+(?:\s+(?:in|for)\s+(?:\d{4}|the\s+year|the\s+quarter)|\s+[a-z]+)?")
_APPROX_OR_BRACKET = re.compile(r"[(（]|approx|about|around|roughly|equivalent|~|≈|\bor\b", re.I)


def _same_measure(a: Claim, b: Claim) -> bool:
    """Two quantities of one dimension in different units ("ounces" and "tonnes")."""
    if a.mention.kind != "quantity" or b.mention.kind != "quantity" or not a.mention.unit or not b.mention.unit \
            or a.mention.unit == b.mention.unit or b.equivalent_of is not None:
        return False
    ua, ub = units.to_base(a.mention.unit), units.to_base(b.mention.unit)
    return ua is not None and ub is not None and ua[1] == ub[1]


def _restates_quantity(text: str, a: Claim, b: Claim) -> bool:
    """A bracket, an 'or' or an approximation right after the first quantity (and what it is of):
    a bare comma may start a list ("3.9 million ounces of gold, 141 tonnes of copper")."""
    gap = text[a.mention.end : b.mention.start]
    m = _MATERIAL.match(gap)
    rest = gap[m.end() :] if m else gap
    if len(rest) > 30 or _EQUIV.fullmatch(rest) is None:
        return False
    approx = b.mention.bound in (Bound.APPROX, Bound.BELOW, Bound.ABOVE)
    if _APPROX_OR_BRACKET.search(rest) is None and not approx:
        return False
    of_b = _MATERIAL.match(text, b.mention.end)
    # (another material after the second is a list: "... of gold, about 141 tonnes of copper")
    return of_b is None or m is None or of_b.group().split()[1] in (m.group().split()[1], "metal", "the")


def _restates(text: str, a: Claim, b: Claim) -> bool:
    gap = text[a.mention.end : b.mention.start]
    return len(gap) <= 30 and _EQUIV.fullmatch(gap) is not None


def fill_currency(text: str, claims: list[Claim]) -> dict[str, str]:
    """'plan at 160 billion' in a story told in yuan: take the currency of the
    same entity and metric's figures in this document.  Returns the note each such figure got,
    by claim id, for `drop_taken_currency`."""
    cur: dict[tuple, str] = {}
    restated = set()  # "470 billion ($70 billion)": the bracket restates, it does not name the currency
    for a, b in zip(claims, claims[1:]):
        if a.mention.kind == "count" and a.mention.unit is None and b.mention.kind == "money" and _EQUIV.fullmatch(text[a.mention.end : b.mention.start]):
            restated.add(b.id)
    for c in claims:
        if c.mention.kind == "money" and c.entity and c.metric and c.equivalent_of is None and c.id not in restated:
            cur.setdefault((c.entity, c.metric), c.mention.unit)
    taken: dict[str, str] = {}
    for c in claims:
        m = c.mention
        if m.kind == "count" and m.unit is None and (c.entity, c.metric) in cur:
            m.kind, m.unit = "money", cur[(c.entity, c.metric)]
            taken[c.id] = f"currency {m.unit} taken from this document's other {c.metric} figures"
            m.notes.append(taken[c.id])
    return taken


def drop_taken_currency(c: Claim, taken: dict[str, str]) -> None:
    """The grammar read another metric than the one whose currency a bare figure took ("Revenue
    grew 18% to $44.0bn, and the number of trips climbed 19% to 11.27 billion"): it is bare again."""
    note = taken.pop(c.id, None)
    if note is not None:
        c.mention.kind, c.mention.unit = "count", None
        c.mention.notes.remove(note)
