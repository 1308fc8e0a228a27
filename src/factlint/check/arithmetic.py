"""arithmetic: figures in one sentence (or a change and the two sentences before it) that must agree.

  percent change  "closed at HK$725, up 42.7% from HK$508"   725 / 508 - 1
                  "rose from 20% to 23%, up 3 points"         23 - 20 (points)
  multiple        "$70 billion, nearly 3 times the $25 billion"  70 / 25
  count vs list   "four independent entities: A, B and C"     3 names, not 4 (count_list.py)

Pairing is structural and conservative: the base follows "from"/"compared
with" right after the change, the new value sits just before it (or after
"to"), a multiple's base follows "the"/"that of"/"than".  Anything less
certain is not checked: a wrong pairing would be a false alarm.
Each side is an interval (written precision, bound words), so a result is
only flagged when no value inside the intervals can make it true.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator

from ..models import Claim, Finding, Mention
from ..resolve.restatements import PER_UNIT
from .changes import changes_across
from .on_record import changes_on_record
from .count_list import count_vs_list
from .numbered_list import promised_lists
from .engine import Context, register
from .figmath import DOWN_FROM, by_sentence, change_finding, compared, earlier_cue, direction as _direction, hedged as _hedged, sum_finding
from .figmath import comparable_rate, unit_class as _unit_class
from .multiples import multiple
from .per_period import per_period
from .margins import margins
from .by_amount import against, by_amount
from .gaps import gaps
from .remainders import remainders
from .shares import shares
from .table_sums import table_sums
from .together import together

_BASE_GAP = re.compile(PER_UNIT +  # "to 35 cents a share from 70 cents"
                       # "rose 3.1% to €11.1 billion in 2024 from €10.95 billion": the new value's period between
                       r"(?:\s(?:in|for|during|over)\s(?:the\s|fiscal\s|calendar\s)?(?:(?:19|20)\d\d|year|quarter|half))?"
                       r"\s{0,3}(?:increase|rise|gain|jump|decline|drop|decrease|fall|growth)?,?\s{0,3}(?:from|compared (?:to|with)|versus|vs\.?|over|on|more than|less than|above|below|higher than|lower than)\s(?:[\w'’.-]{1,20}\s){0,7}?(?:of\s|at\s)?$", re.I)
_OR_RATE = re.compile(r",?\s(?:or|and)\s$")
_NEW_GAP = re.compile(r"^(?:[^.;\d]|(?<!\d)(?:19|20)\d\d(?!\d)){0,40}$")  # a year may be in it: "$4 billion in calendar 2024, down 46%"
# "averaged 23,234 fans ..., a record that beats the 22,111 it drew in 2023 by 3.1%"
_BEATS = re.compile(r"^[^.;]{0,60}?\s(?:beat|beats|beating|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|tops|topped)\s(?:the\s|its\s)?$", re.I)
_BY_TAIL = re.compile(r"^[^.;]{0,40}?\sby\s(?:about\s|some\s|nearly\s|almost\s|around\s)?$", re.I)
# "from A to B, a 32% cut" / "(+32%)" / "to A from B, up 9.6%": the change right after its pair
_PAIR_TAIL = re.compile(r"^\s?(?:,\s?(?:a|an|or|which\sis\sa|marking\sa|representing\sa|up|down|higher|lower)?\s?|\(\s?)[-+−]?$", re.I)
_EVALUATIVE = re.compile(r"\b(?:improv(?:ed|es|ing|ement)|worsen(?:ed|s|ing)?|deteriorat(?:ed|es|ing|ion))\b", re.I)
_TO_FROM = re.compile(r"\bto\s$", re.I)
_FROM_GAP = re.compile(r"^(?:[^.;]|(?<=\d)\.(?=\d)){0,40}?\sfrom\s$", re.I)  # (a decimal point is no sentence end: "($1.5 billion) a year from")
# "rose 7.1% to $10.14 billion, below the $10.3 billion analysts had expected": a forecast it is set
# against, not the base of the change
_EXPECTED = re.compile(r"[^.;]{0,30}?\b(?:analysts?|consensus|expected|expectations?|forecasts?|estimates?|estimated|predicted)\b", re.I)
# "slashed its payout by 40%, to 35 cents"; not across a new clause ("... to 19.77 trillion won and
# operating profit jumped to 8.08 trillion won": another quantity's new value)
_TO_GAP = re.compile(r"^(?!.*\b(?:and|but|while|whereas)\s),?\s?(?:[\w'’.-]{1,20}\s){0,5}?to\s$", re.I)
_VALUE_KINDS = {"money", "count", "percent", "quantity"}


# What each check may pair a figure with, among the sentence's figures.
_VIEWS = {
    # (a bracket restating an amount in another currency is no value of its own: "to €1.3 billion ($1.5 billion) from")
    "values": lambda c: c.mention.kind in _VALUE_KINDS and c.mention.value is not None and c.equivalent_of is None,
    "amounts": lambda c: c.mention.kind in ("money", "count") and c.mention.value is not None,
    "plain": lambda c: c.mention.kind in ("money", "count", "quantity") and c.mention.value is not None and not _hedged(c),
}


class _View:
    """Some of a sentence's figures, in text order, found by offset (bisection, not a scan)."""

    def __init__(self, claims: list[Claim]):
        self.claims = claims
        self.starts = [c.mention.start for c in claims]

    def first_at(self, pos: int) -> Claim | None:
        """The first figure starting at or after pos."""
        i = bisect_left(self.starts, pos)
        return self.claims[i] if i < len(self.claims) else None

    def after(self, pos: int) -> Iterator[Claim]:
        """The figures starting after pos, lazily: a caller that stops early pays for what it read."""
        for i in range(bisect_right(self.starts, pos), len(self.claims)):
            yield self.claims[i]

    def last_by(self, pos: int, n: int) -> list[Claim]:
        """The last n figures (in text order) that end by pos."""
        out: list[Claim] = []
        i = bisect_left(self.starts, pos)
        while i and len(out) < n:
            i -= 1
            if self.claims[i].mention.end <= pos:  # one that straddles pos is stepped over
                out.append(self.claims[i])
        return out[::-1]


class _Sentence:
    """One sentence's figures, each view (and unit class within it) filtered once."""

    def __init__(self, claims: list[Claim]):
        self.claims = claims
        self._views: dict[tuple, _View] = {}

    def view(self, name: str, unit_class: str | None = None) -> _View:
        key = (name, unit_class)
        if key not in self._views:
            keep = _VIEWS[name]
            self._views[key] = _View([c for c in self.claims if keep(c)
                                      and (unit_class is None or _unit_class(c.mention) == unit_class)])
        return self._views[key]


@register("arithmetic", scope="document")
def arithmetic(ctx: Context, rule):
    by_doc: dict[str, list[list[Claim]]] = defaultdict(list)
    for (doc, _), claims in sorted(by_sentence(ctx.claims).items()):
        by_doc[doc].append(claims)
        text = ctx.docs[doc].text
        figures = _Sentence(claims)
        for c in claims:
            if c.mention.kind in ("percent", "percent-point"):
                f = _percent_change(ctx, rule, text, c, figures)
            elif c.mention.kind == "multiple":
                f = multiple(ctx, rule, text, c, figures)
            elif c.mention.kind in ("money", "count"):
                f = _parts(ctx, rule, text, c, figures)
            else:
                continue
            if f:
                yield f
    for doc in sorted(by_doc):
        yield from changes_across(ctx, rule, by_doc[doc])
        yield from changes_on_record(ctx, rule, by_doc[doc])
        yield from per_period(ctx, rule, by_doc[doc])
        yield from shares(ctx, rule, by_doc[doc])
        yield from margins(ctx, rule, by_doc[doc])
        yield from table_sums(ctx, rule, by_doc[doc])
        yield from together(ctx, rule, by_doc[doc])
        yield from gaps(ctx, rule, by_doc[doc])
        yield from by_amount(ctx, rule, by_doc[doc])
        yield from against(ctx, rule, by_doc[doc])
    if rule.params.get("check_lists", True):
        for a in ctx.analyses:
            yield from count_vs_list(ctx, rule, a)
            yield from promised_lists(ctx, rule, a)
    for a in ctx.analyses:
        yield from remainders(ctx, rule, a)


_PARTS_INTRO = re.compile(r"\s?:\s")
_PART_GAP = re.compile(r"^(?:,\s(?:and\s)?|\sand\s)(?-i:[A-Z])[\w.&'’-]{1,25}(?:\s(?-i:[A-Z])[\w.&'’-]{1,25})?\s(?:about\s|around\s|roughly\s|nearly\s|some\s|approximately\s)?$", re.I)
_PART_FIRST = re.compile(r"^\s?:\s(?-i:[A-Z])[\w.&'’-]{1,25}(?:\s(?-i:[A-Z])[\w.&'’-]{1,25})?\s(?:about\s|around\s|roughly\s|nearly\s|some\s|approximately\s)?$", re.I)


def _parts(ctx: Context, rule, text: str, tc: Claim, figures: _Sentence) -> Finding | None:
    """'combined ... roughly 28 billion yuan: Meituan about 10 billion, Alibaba about 8 billion and
    JD about 5 billion': the named parts must add up to the stated total."""
    t = tc.mention
    if not _PARTS_INTRO.match(text, t.end) or tc.role == "base" or t.value is None:
        return None
    parts: list[Claim] = []
    pos = t.end
    for c in figures.view("amounts").after(t.end):
        gap = text[pos : c.mention.start]
        if not (_PART_FIRST if not parts else _PART_GAP).match(gap):
            break
        same = (c.mention.kind == t.kind and c.mention.unit == t.unit) or (c.mention.unit is None and c.mention.kind == "count")
        if not same:
            return None
        parts.append(c)
        pos = c.mention.end
    if len(parts) < 2 or re.match(r"\s?(?:,|and)\s(?:others|the rest)", text[pos : pos + 16], re.I):
        return None
    return sum_finding(ctx, rule, tc, parts)


def _percent_change(ctx: Context, rule, text: str, pc: Claim, figures: _Sentence) -> Finding | None:
    p = pc.mention
    values = figures.view("values")  # pc is never among those found: they start after it or end before it
    beaten = _beats_by(text, p, values)
    if beaten is not None:
        return change_finding(ctx, rule, pc, beaten[1], beaten[0], 1)
    premium = _premium(text, p, values) or _premium_of_the_previous(ctx, text, pc, values)
    if premium is not None:
        return change_finding(ctx, rule, pc, *premium)
    sign = _direction(text, pc)
    if sign == 0:
        return None
    # The base: the first value after the change, introduced by "from".
    base = values.first_at(p.end)
    if base is not None and base.mention.start - p.end > 90:
        base = None
    new = None
    if base is not None and _TO_GAP.match(text[p.end : base.mention.start]):
        # "grew 25% to $28.1 billion from $25.2 billion": the new value comes first.
        after = values.first_at(base.mention.end)
        if after is not None and _unit_class(after.mention) == _unit_class(base.mention) \
                and _BASE_GAP.match(text[base.mention.end : after.mention.start]) \
                and not _EXPECTED.match(text, after.mention.end, min(len(text), after.mention.end + 60)):
            new, base = base, after
    if base is None or new is None and not _BASE_GAP.match(text[p.end : base.mention.start]):
        pair = _pair_before(text, p, values) or _dated_pair(ctx, text, p, values)
        if pair is None:
            return None
        base, new = pair  # "cut the price from 73,800 yuan to 55,800 yuan, a 32% cut"
    cls = _unit_class(base.mention)
    after = next(iter(values.after(base.mention.end)), None)
    if new is not None:
        pass
    elif after is not None and _unit_class(after.mention) == cls and _TO_GAP.match(text[base.mention.end : after.mention.start]):
        new = after  # "from 160 billion to 200 billion"
    else:
        before = values.last_by(p.start, 2)
        end = before[-1].mention.end if before else p.start
        if len(before) == 2 and not comparable_rate(before[1].mention, base.mention) \
                and _OR_RATE.match(text, before[0].mention.end, before[1].mention.start):
            # "net income was $2.370 billion, or $8.53 a share, down 17 percent from $2.860 billion":
            # the per-share figure restates the amount; the amount is the new value
            before = before[:1]
        if before and _unit_class(before[-1].mention) == cls and _NEW_GAP.match(text[end : p.start]):
            new = before[-1]  # "closed at HK$725, up 42.7% from HK$508"
            if new.role == "base" or compared(text, new):
                # "reached $57.0 billion, up 62% from $35.1 billion and up 22% from $46.7 billion":
                # the second change shares the first one's new value, never its base
                new = _shared_new(text, p, values, cls)
    if new is None or _other_quantity(base, new):
        return None
    found = change_finding(ctx, rule, pc, new, base, sign)
    if found is not None and _EVALUATIVE.search(text, pc.sentence_start, pc.sentence_end):
        # "the combined ratio improved to 93.4% from 93.8%, a gain of 0.4 points", "narrowed its net
        # loss to €28 million from €297 million, an improvement of more than 90%": where lower is
        # better an improvement is a fall, so only the size of the change is checked
        return found if change_finding(ctx, rule, pc, new, base, -sign) is not None else None
    return found


def _other_quantity(base: Claim, new: Claim) -> bool:
    """'revenue rose about 11% to $23.7 billion on gross bookings of roughly $166 billion': an
    amount its own noun names ("gross bookings of") as another quantity than the new value's is
    what the change happened on, not its base ("up from a profit of $2.14 billion" is one)."""
    f, g = base.frame, new.frame
    if f is None or g is None or f.property.rule != "of-complement" or not (base.metric and new.metric):
        return False
    return base.metric != new.metric and bool(f.head) and bool(g.head) and f.head != g.head


_PREMIUM = re.compile(r"\s(?P<w>premium|discount)\s(?:to|over|on)\s(?:[\w'’.-]{1,20}\s){0,7}?(?:of\s|at\s)?", re.I)
_PRICED_AT = re.compile(r"^(?:\s(?:a|per)\sshare)?,\s(?:a|an|which\sis\sa|representing\sa)\s$", re.I)


def _premium(text: str, p: Mention, values: _View) -> tuple[Claim, Claim, int] | None:
    """'$320 a share, a 25% premium to the closing price of $282.50': (new, base, sign); a
    discount is a change down."""
    base = values.first_at(p.end)
    before = values.last_by(p.start, 1)
    m = _PREMIUM.fullmatch(text, p.end, base.mention.start) if base is not None else None
    if m is None or not before:
        return None
    new = before[-1]
    if _unit_class(new.mention) != _unit_class(base.mention) or not _PRICED_AT.match(text[new.mention.end : p.start]):
        return None
    return new, base, 1 if m.group("w").lower() == "premium" else -1


_PREMIUM_OF = re.compile(r"\s(?P<w>premium|discount)\sof\s$", re.I)
_TO_BASE = re.compile(r"\s(?:to|over|on)\s(?:[\w'’.-]{1,20}\s){0,7}?(?:of\s|at\s)?", re.I)
_POINTS_BACK = re.compile(r"(?:That|This|It)\s(?:is|was|represents|represented|amounts\sto|marks)\s(?:a|an)\s$")


def _premium_of_the_previous(ctx: Context, text: str, pc: Claim, values: _View) -> tuple[Claim, Claim, int] | None:
    """'... US$5.85 a share in cash. That is a premium of about 70% to the US$3.08 at which it
    closed': the previous sentence's one price a share is the new value."""
    p = pc.mention
    base = values.first_at(p.end)
    if base is None:
        return None
    m = _PREMIUM.fullmatch(text, p.end, base.mention.start)  # "a 70% premium to the US$3.08"
    opens = p.start
    if m is None:  # "a premium of about 70% to the US$3.08"
        m = _PREMIUM_OF.search(text, max(pc.sentence_start, p.start - 30), p.start)
        if m is None or not _TO_BASE.fullmatch(text, p.end, base.mention.start):
            return None
        opens = m.start() + 1
    if not _POINTS_BACK.fullmatch(text, pc.sentence_start, opens):
        return None
    claims = ctx.claims_in(p.doc)
    starts = ctx.memo(("sentence-starts", p.doc), lambda: [c.sentence_start for c in claims])
    i = bisect_left(starts, pc.sentence_start)  # claims[:i] end before this sentence
    if i == 0:
        return None
    previous = claims[bisect_left(starts, claims[i - 1].sentence_start) : i]
    prices = [c for c in previous if c.mention.per == "share" and _unit_class(c.mention) == _unit_class(base.mention)]
    if len(prices) != 1 or pc.sentence_start - prices[0].sentence_end > 3:
        return None
    return prices[0], base, 1 if m.group("w").lower() == "premium" else -1


def _shared_new(text: str, p: Mention, values: _View, cls: str) -> Claim | None:
    """The last value before the change that is no comparison base, within the clause."""
    for c in reversed(values.last_by(p.start, 4)):
        if c.role != "base" and not compared(text, c) and _unit_class(c.mention) == cls:
            between = text[c.mention.end : p.start]
            return c if ". " not in between and ";" not in between else None
    return None


def _beats_by(text: str, p: Mention, values: _View) -> tuple[Claim, Claim] | None:
    """'23,234 fans per match ..., a record that beats the 22,111 it drew in 2023 by 3.1%': (base, new)."""
    before = values.last_by(p.start, 2)
    if len(before) < 2:
        return None
    a, b = before[-2], before[-1]
    elided = a.mention.kind == b.mention.kind == "count" and b.mention.unit is None  # "the 22,111 it drew"
    if (elided or _unit_class(a.mention) == _unit_class(b.mention)) and _BEATS.match(text[a.mention.end : b.mention.start]) \
            and _BY_TAIL.match(text[b.mention.end : p.start]):
        return b, a
    return None


def _pair_before(text: str, p: Mention, values: _View) -> tuple[Claim, Claim] | None:
    """'from A to B, a P% cut' / 'from A to B (+P%)' / 'to A from B, a drop of P%' / 'A, down from B,
    a drop of P%': the change named after the pair."""
    before = values.last_by(p.start, 2)
    if len(before) < 2:
        return None
    a, b = before[-2], before[-1]
    tail, gap = text[b.mention.end : p.start], text[a.mention.end : b.mention.start]
    if _unit_class(a.mention) != _unit_class(b.mention) or not (_PAIR_TAIL.match(tail) or _CHANGE_TAIL.match(tail)):
        return None
    if _TO_FROM.search(text, max(0, a.mention.start - 4), a.mention.start) and _FROM_GAP.match(gap):
        return b, a  # "fell to 174.7 billion yuan in 2023 from 356.7 billion yuan a year earlier, a drop of 36%"
    if DOWN_FROM.match(gap):
        return b, a  # "3 yuan, down from 12 yuan, a 65% reduction": new value first, then its base
    if not re.search(r"\bfrom\s(?:\S+\s){0,3}$", text[max(0, a.mention.start - 30) : a.mention.start], re.I):
        return None
    if not _TO_GAP.match(text[a.mention.end : b.mention.start]):
        return None
    return a, b


# (no figure lies in these gaps, they are between consecutive values; a year may: "in 2024, against")
_AGAINST = re.compile(r"^[^.;]{0,40}?\b(?:against|after|compared\s(?:with|to)|versus|vs\.?)\s(?:[^.;]{0,30}\s)?$", re.I)
# ", a drop of", " - a plus of" (a dash in translated copy)
_CHANGE_TAIL = re.compile(r"^[^.;]{0,40}(?:,|\s[-–—])\s(?:(?:a|an|that\sis\sa|that\sis\san|or\sa)\s(?:[a-z-]{1,15}\s){0,2}"
                          # "which means shipments fell 4.7%", "meaning sales were up 3%"
                          r"|(?:which\smeans|which\smeant|meaning)\s(?:that\s)?(?:[a-z-]{1,20}\s){0,3}?(?:[a-z]{2,12}ed|rose|fell|grew|"
                          r"shrank|slid|were\s(?:up|down)|was\s(?:up|down))\s(?:by\s)?)"
                          r"(?:about\s|around\s|roughly\s|nearly\s|almost\s|some\s|approximately\s)?$", re.I)  # "a fall of about 4%"


def _dated_pair(ctx: Context, text: str, p: Mention, values: _View) -> tuple[Claim, Claim] | None:
    """'€38,8 billion in 2024, against €43,6 billion in 2023, a fall of 19%': two amounts of one
    kind compared, their periods (or "a year earlier" after the second) saying which is the
    earlier, then the change."""
    before = values.last_by(p.start, 2)
    if len(before) < 2:
        return None
    a, b = before[-2], before[-1]
    if _unit_class(a.mention) != _unit_class(b.mention) or a.mention.kind not in ("money", "count", "quantity"):
        return None
    if not (_AGAINST.match(text[a.mention.end : b.mention.start]) and _CHANGE_TAIL.match(text[b.mention.end : p.start])):
        return None
    pa, pb = a.period, b.period
    if earlier_cue(ctx, text[b.mention.end : p.start].casefold()) and not earlier_cue(ctx, text[a.mention.end : b.mention.start].casefold()):
        return b, a  # "Revenue of $9.99 billion compared with $9.29 billion a year earlier, a rise of 11%"
    if pa is None and pb is not None and _AGAINST.match(text[a.mention.end : b.mention.start]):
        return b, a  # "A, compared with B in 2023": the dated one compared with is the earlier
    if pa is None or pb is None or None in (pa.start, pa.end, pb.start, pb.end):
        return None
    if pb.end < pa.start:
        return b, a
    if pa.end < pb.start:
        return a, b
    return None
