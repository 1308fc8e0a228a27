"""Exchange rates a text states.

    "CHF 60.5 billion of sales in 2024, or roughly $55 billion at 0.91 francs to the dollar"
    "... sales of DKK 290.4 billion. At the day's rate of roughly 7.17 kroner to the dollar,
     that is about $40.5 billion."
    "The $2.4 billion deal ... At the roughly ¥150 to the dollar of the time, it was worth about ¥240 billion."

A money figure followed by "to the dollar" / "per US dollar" is a rate, not an amount: it gets
the role "rate" (never compared as an amount).  The amount in one of its two currencies right
before "at <rate>", or the first one after a rate that opens its sentence, restates the
nearest earlier amount in the other currency (in its sentence, else the sentence before): it
becomes that amount's equivalent with a "rate" link, and the conversion check tests it against
the rate the text gives.  Each sentence is read once, by bisection over its figures.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..extract.lexicon import RATE_WORDS, SUFFIX_CURRENCY
from ..models import Claim, Link

# "dollar", "US dollar", "pound", "franc": the currency words, singular and plural, longest first.
_WORDS: dict[str, str] = {}
for _w, _code in SUFFIX_CURRENCY.items():
    if _w.isalpha() or " " in _w:
        _WORDS[_w] = _code
        _WORDS.setdefault(_w[:-1] if _w.endswith("s") else _w, _code)
_WORDS.update(RATE_WORDS)
_PER = re.compile(r"\s(?:to|per|for)\s(?:the\s|one\s|a\s|each\s|every\s|1\s)?(?P<cur>"
                  + "|".join(re.escape(w) for w in sorted(_WORDS, key=len, reverse=True)) + r")\b", re.I)
# "at 0.91 francs", "at a rate of", "at the day's rate of", "at today's rate of", "using the current exchange rate of"
_AT = re.compile(r"\s(?:at|using)\s(?:an?\s(?:exchange\s)?rate\sof\s|(?:the|today['’]s|current|prevailing)\s[\w'’ ]{0,20}?rate\sof\s"
                 r"|(?:today['’]s|current|prevailing)\s(?:exchange\s)?rate\sof\s)?$", re.I)
_OPENS = re.compile(r"^\W*(?:\w+\s){0,2}?(?:at|converted\sat|using)\s(?:an?\s|the\s)?[\w'’ ]{0,40}?$", re.I)
# "..., that is roughly US$36.2 billion": the restatement points back at the amount just told
# (or "it was worth about ¥240 billion": the pronoun is the amount, "worth" its restatement)
_THAT_IS = re.compile(r"[^.;]{0,40}?\b(?:(?:that|this)(?:\sis|'s|\swas|\scomes\sto|\sequals|\sworks\sout\s(?:at|to))"
                      r"|it(?:\sis|'s|\swas)\s(?:worth|equal\sto|equivalent\sto))\b", re.I)


_OPENING = 60  # characters before a rate that opens its sentence ("At the day's rate of roughly")


def stated_rates(text: str, claims: list[Claim]) -> None:
    """Mark each stated rate and link the amount it converts (see the module's docstring)."""
    money = [c for c in claims if c.mention.kind == "money" and c.mention.value]
    starts = [c.mention.start for c in money]
    for k, r in enumerate(money):
        per = _PER.match(text, r.mention.end)
        target = _WORDS.get(per.group("cur").casefold()) if per else None
        if target is None or target == r.mention.unit:
            continue
        r.role = "rate"
        pair = {r.mention.unit, target}
        y = None
        if k and _AT.search(text, money[k - 1].mention.end, r.mention.start) and money[k - 1].mention.unit in pair \
                and money[k - 1].sentence_start == r.sentence_start and ";" not in text[money[k - 1].mention.end : r.mention.start]:
            y = money[k - 1]  # "roughly $55 billion at 0.91 francs to the dollar"
        elif r.mention.start - (opens := _clause_start(text, r)) <= _OPENING and _OPENS.search(text[opens : r.mention.start]):
            nxt = next((c for c in money[k + 1 :] if c.sentence_start == r.sentence_start and c.role != "rate"), None)
            y = nxt if nxt is not None and nxt.mention.unit in pair else None  # "At ... rate of R, that is about Y"
        if y is None:
            continue
        other = (pair - {y.mention.unit}).pop() if len(pair) == 2 else None
        opening = y.mention.start > r.mention.start
        x = _source(money, starts, y, other, r, opening=opening,
                    pointed=opening and _THAT_IS.match(text, r.mention.end, y.mention.start) is not None)
        if x is None:
            continue
        y.equivalent_of = x.id
        y.entity, y.metric, y.period, y.hedges = x.entity, x.metric, x.period, x.hedges
        y.as_of, y.as_of_source, y.attribution = x.as_of, x.as_of_source, x.attribution
        y.links.append(Link(type="rate", target=r.id, words=target, rule="stated-rate"))


def _clause_start(text: str, r: Claim) -> int:
    """Where the rate's clause opens: its sentence, or a semicolon in it ("aims to save CHF 3
    billion a year; at 0.80 francs per dollar that is about US$2.4 billion")."""
    return max(r.sentence_start, text.rfind(";", r.sentence_start, r.mention.start) + 1)


def _source(money: list[Claim], starts: list[int], y: Claim, unit: str | None, r: Claim, opening: bool,
            pointed: bool = False) -> Claim | None:
    """The amount in `unit` that y restates: the nearest before it (and before the rate), in y's
    sentence or the one before.  After a rate that opens its sentence ("At 0.91 francs per dollar,
    group sales correspond to around $66.5 billion") the sentence does not point at one amount:
    the only one of y's own metric, else none; "that is about $40.5 billion" (`pointed`) points
    back at the only amount of the two sentences before it, else at none."""
    if unit is None:
        return None
    first = min(y.mention.start, r.mention.start)
    found: list[Claim] = []
    sentences: list[int] = []
    for j in range(bisect_left(starts, first) - 1, -1, -1):
        c = money[j]
        if c.sentence_start not in sentences:
            if len(sentences) == 2 or (found and opening and not pointed):
                break
            sentences.append(c.sentence_start)
        # never a comparison base ("up 15.9% from MOP 20.79 billion ... that is about US$3.0 billion")
        if c.mention.unit == unit and c.role not in ("rate", "base", "previous") and c.equivalent_of is None:
            if not opening:
                return c
            found.append(c)
            if len(found) > _CANDIDATES:
                return None
    if pointed and len(found) == 1:
        return found[0]
    found = [c for c in found if y.metric and c.metric == y.metric]
    return found[0] if len(found) == 1 else None


_CANDIDATES = 8  # amounts looked at for an opening rate: beyond, it points at none
