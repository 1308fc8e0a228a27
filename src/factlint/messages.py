"""Finding wording, for people: values by distinct figure, timelines, plain explanations.

News copy repeats itself: forty syndicated copies of one story give forty
claims of the same figure.  A headline that named every claim would grow
with every copy, so a message names each *distinct* value once, with how
many sources gave it and the first of them ("300 billion CNY (40 sources,
first Harbor Ledger, 2026-02-06) vs 380 billion CNY (3 sources)"), and a
revision reads as a timeline of distinct values ("160 -> 200", never
"160 -> 160 -> 160 -> 200").  Messages are capped (`MAX_VALUES` values,
`MAX_WHO` characters per source); the full list of claims stays in the
JSON (`claims`, `values`) and the HTML report.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import fmt
from .models import Bound, ClaimRef, Finding, Mention

MAX_VALUES = 4  # distinct values named in one message; the rest are counted
MAX_WHO = 48  # characters of a source or attribution name in a message
MAX_OTHERS = 3  # other claims located per distinct value in an annotation


@dataclass(frozen=True)
class Said:
    """One claim as a message names it: the value as read, who said it, when, in which file."""

    value: str
    who: str
    when: date | None
    doc: str


def _short(s: str, limit: int = MAX_WHO) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def _when(d: date | None) -> str:
    return d.isoformat() if d else "undated"


def _first(group: list[Said]) -> Said:
    # The earliest dated report; undated ones only when nothing is dated.
    return min(group, key=lambda s: (s.when is None, s.when or date.min))


def _group_text(value: str, group: list[Said]) -> str:
    sources = len({s.doc for s in group})
    first = _first(group)
    if sources <= 1 and len(group) == 1:
        return f"{value} ({_short(first.who)}, {_when(first.when)})"
    count = f"{sources} sources" if sources > 1 else f"{len(group)} mentions"
    return f"{value} ({count}, first {_short(first.who)}, {_when(first.when)})"


def distinct(said: list[Said]) -> list[tuple[str, list[Said]]]:
    """Claims grouped by value, in the order each value first appears."""
    groups: dict[str, list[Said]] = {}
    for s in said:
        groups.setdefault(s.value, []).append(s)
    return list(groups.items())


def _capped(parts: list[str], joiner: str, cap: int) -> str:
    if len(parts) <= cap:
        return joiner.join(parts)
    # Keep both ends: the lowest and highest value, or the first and latest report.
    head, tail = parts[: cap - 1], parts[-1]
    return joiner.join([*head, f"({len(parts) - cap} more value{'s' * (len(parts) - cap != 1)})", tail])


def by_value(said: list[Said], cap: int = MAX_VALUES) -> str:
    """'A (3 sources, first X, date) vs B (Y, date)': each distinct value once, in the given order."""
    return _capped([_group_text(v, g) for v, g in distinct(said)], " vs ", cap)


def timeline(said: list[Said], cap: int = MAX_VALUES) -> str:
    """Claims in time order as a timeline of distinct values: a run of reports
    repeating one figure is one step ('160 billion CNY (3 sources, ...) -> 200 billion CNY')."""
    steps: list[tuple[str, list[Said]]] = []
    for s in said:
        if steps and steps[-1][0] == s.value:
            steps[-1][1].append(s)
        else:
            steps.append((s.value, [s]))
    return _capped([_group_text(v, g) for v, g in steps], " -> ", cap)


# A rule's kind -> the kind of finding it reports: the one name users see ("value-conflict").
FINDING_KIND = {"value-agreement": "value-conflict", "temporal": "date-conflict", "weekday": "date-conflict", "event-dates": "date-conflict"}


def finding_kind(rule_kind: str) -> str:
    return FINDING_KIND.get(rule_kind, rule_kind)


# --- claims as findings carry them ---------------------------------------------------


def value_text(c: ClaimRef) -> str:
    """A claim's value as read, in words: 'at least 200 billion CNY'; '' for figures without one."""
    if c.value is None and c.low is None and c.high is None:
        return ""
    try:
        bound = Bound(c.bound or "exact")
    except ValueError:
        bound = Bound.EXACT
    return fmt.mention(Mention(doc=c.doc, start=0, end=0, text=c.text, kind="", value=c.value, low=c.low,
                               high=c.high, unit=c.unit, bound=bound))


def _label(c: ClaimRef) -> str:
    return value_text(c) or " ".join(c.text.split())


def _who(c: ClaimRef) -> str:
    return c.attribution or c.source or c.doc.replace("\\", "/").rsplit("/", 1)[-1]


def values(f: Finding) -> list[dict]:
    """Every distinct value of a finding with its count and first source: the full list the message caps."""
    out = []
    for value, group in distinct([Said(_label(c), _who(c), c.as_of or c.published, c.doc) for c in f.claims]):
        first = _first(group)
        out.append({"value": value, "claims": len(group), "documents": len({s.doc for s in group}),
                    "first": {"doc": first.doc, "source": first.who, "date": first.when.isoformat() if first.when else None}})
    return out


def others(f: Finding, where, cap: int = MAX_OTHERS) -> list[str]:
    """Lines locating a finding's other claims, grouped by value, at most `cap` per value:
    'articles/old.md:4: '$120 million' (Wire, published 2025-03-01)', then '... and 37 more giving 300 billion CNY'.
    `where(claim)` formats one claim."""
    groups: dict[str, list[ClaimRef]] = {}
    for c in f.claims[1:]:
        groups.setdefault(_label(c), []).append(c)
    lines = []
    for value, group in groups.items():
        lines += [where(c) for c in group[:cap]]
        if len(group) > cap:
            lines.append(f"... and {len(group) - cap} more giving {value}")
    return lines


# --- explanations ------------------------------------------------------------------


def metric_name(metric: str | None, lexicon_name: str | None = None) -> str:
    """A metric as people name it: the lexicon's name, or 'number of trucks' for a counted noun ('~trucks')."""
    if lexicon_name:
        return lexicon_name
    if not metric:
        return "figure"
    if metric.startswith("~"):
        return f"number of {metric[1:].replace('-', ' ')}"
    return metric.replace("-", " ")


def period_words(period: str | None) -> str:
    if not period:
        return "at the same time"
    if ".." in period:
        start, end = period.split("..", 1)
        return f"for {start} to {end}"
    return f"for {period}"


def conflict(low: str, high: str, metric: str, period: str | None, gap: float | None, conversions: list[str] = ()) -> str:
    """'340 trucks and 410 trucks cannot both be the number of trucks for 2025: the larger is 21% above the smaller.'"""
    text = f"{low} and {high} cannot both be the {metric} {period_words(period)}"
    if gap is not None and gap > 0:
        text += f": the larger is {percent(gap)} above the smaller, more than rounding and the rule's tolerance allow"
    if conversions:
        text += f" (compared in one currency: {'; '.join(conversions)})"
    return text + "."


def percent(x: float) -> str:
    return f"{x:.0%}" if x >= 0.1 else f"{x:.1%}"


def own_rate(rate: float, dst: str | None, src: str | None, lines: list[int]) -> str:
    """The rate an article implies through its other conversions, and where they are: 'the 6.714
    CNY/USD implied by this article's 2 other conversions on lines 15 and 53 (their median)'."""
    where = [str(n) for n in sorted(set(lines))]
    shown = ", ".join(where[:-1]) + f" and {where[-1]}" if 1 < len(where) <= 5 else ", ".join(where[:5]) + (", ..." if len(where) > 5 else "")
    at = f" on line{'s' * (len(where) != 1)} {shown}" if where else ""
    if len(lines) == 1:
        return f"the {rate:.4g} {dst}/{src} implied by this article's other conversion{at}"
    return f"the {rate:.4g} {dst}/{src} implied by this article's {len(lines)} other conversions{at} (their median)"


# What a claim is to its finding, in words an editor uses; roles not listed read as they are.
_ROLE_WORDS = {
    "stated": "",
    "reported": "",
    "base": "the earlier figure a change is measured from",
    "amount": "the amount",
    "stated equivalent": "the same amount, restated in another currency",
    "stated count": "the number the text gives",
    "counted from": "the date counted from",
}


def role_words(role: str | None) -> str:
    if not role:
        return ""
    return _ROLE_WORDS.get(role, role)
