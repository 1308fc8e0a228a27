"""Numbers written in words, fractions, multiples and vague amounts.

A small grammar reads whole compound numbers ("twenty-eight thousand six
hundred", "six hundred and fifty", "half a million", "a dozen"); what follows
them is read as for digits (figures.finish).  Fractions ("a quarter of",
"two-thirds", "one in four"), multiples ("tripled") and vague amounts
("tens of thousands of dollars", read as an interval) have readers here."""
from __future__ import annotations

import re

from ..models import Bound, Mention
from . import interval as iv
from .currency import currency_after
from .figures import Head, finish
from .lexicon import FRACTIONS, MULT_WORDS, MULTIPLIERS, ONES, TENS, VAGUE, alternation
from .nouns import noun

_TOKEN = re.compile(r"[A-Za-z]+")
_SEP = re.compile(r"(?:-| and | )(?=[A-Za-z])")
_ONE_IN = re.compile(r"(?P<w>[a-z]+|\d{1,3}) (?:in|out of) (?:every )?(?P<den>\d{1,3}(?:\.\d+)?|[a-z]+)\b", re.I)
_VAGUE = re.compile(r"(?P<a>" + alternation(VAGUE) + r")(?:\sof\s(?:(?P<b>thousands|millions|billions)(?:\sof\s|\b))?"
                    # without "of" only as a subject: "dozens were injured", "thousands marched"
                    r"|(?=\s(?:were|are|have|had|more|died|fled|marched|gathered|joined|protested|attended|lost|signed|remain(?:ed)?)\b))", re.I)
_MULT = re.compile(r"(?P<m>" + alternation(MULT_WORDS) + r")\b", re.I)
_HALF_OF = re.compile(r"\s(?:the|of|a|an|its|their|his|her|our|all)\b", re.I)
_NOT_ONE = re.compile(r"\b(?:no|any|every|some|each|this|that|which|the|a|another|number|no\.)\s$", re.I)
_OF = re.compile(r"\s(?:of|the)\b", re.I)
_TO = re.compile(r" to ")
_AND = re.compile(r" and ")
_BETWEEN = re.compile(r"\bbetween\s$", re.I)
_FROM = re.compile(r"\bfrom\s$", re.I)
_OF_SCALE = re.compile(r" of an? (?P<m>thousand|million|billion|trillion)\b", re.I)
_BY_HALF = re.compile(r"\b(?:by|in)\s$", re.I)
_ARTICLE = re.compile(r" an? ")
_UNIT_SCALES = frozenset({"thousands", "millions", "billions"})
_UNIT_BEFORE = re.compile(r"(?:\bin\s|\()$", re.I)
_ONE_NOT = re.compile(r"\s(?:another|other|anything|day,|thing)\b", re.I)


def read_words(text: str, start: int) -> tuple[Mention, float] | None:
    if start > 0 and text[start - 1].isalnum():
        return None
    mm = _MULT.match(text, start)
    if mm and (mm.end() >= len(text) or not text[mm.end()].isalnum()):
        return _multiple(text, mm)
    vm = _VAGUE.match(text, start)
    if vm:
        if vm.group("a").lower() in _UNIT_SCALES and _UNIT_BEFORE.search(text, max(0, start - 4), start):
            return None  # "Revenue by business group, in millions of euros": what the table's figures are in
        return _vague(text, vm)
    om = _ONE_IN.match(text, start)
    if om:
        return _one_in(text, om)
    parsed = _compound(text, start)
    if parsed is None:
        return None
    value, end, tokens = parsed
    # A fraction: "two-thirds", "a quarter of", "three quarters".
    fm = _SEP.match(text, end) and _TOKEN.match(text, end + 1)
    # "six quarters" is a span of time: a fraction is less than one whole, or is "of" something.
    # "a third round", "in a quarter" are an ordinal and a time: "a"/"one" + fraction needs what it is of.
    if fm and fm.group(0).lower() in FRACTIONS and len(tokens) == 1 and (
            value < FRACTIONS[fm.group(0).lower()] or _OF.match(text, fm.end())) and (
            tokens[0] not in ("a", "an", "one") or _HALF_OF.match(text, fm.end())):
        v = value / FRACTIONS[fm.group(0).lower()]
        om = _OF_SCALE.match(text, fm.end())
        if om:  # "a third of a million people"
            mult = MULTIPLIERS[om.group("m").lower()]
            head = Head(start, om.end(), v * mult, 0.5 * mult / FRACTIONS[fm.group(0).lower()], text[start : om.end()],
                        words=True, scaled=True, notes=[f"'{text[start:om.end()]}' = {v * mult:g}"])
            return finish(text, head)
        return _ratio(text, start, fm.end(), v, f"'{text[start:fm.end()]}' = {v:.4g}"), 1.0
    if tokens == ["half"]:
        art = _ARTICLE.match(text, end)
        if art:  # "half a percentage point", "half a day"
            found = finish(text, Head(start, art.end() - 1, 0.5, 0.05, "half", words=True, notes=["'half a' = 0.5"]))
            if found and found[0].kind in ("percent-point", "percent", "quantity", "money"):
                return found
        if not (_HALF_OF.match(text, end) or _BY_HALF.search(text, max(0, start - 4), start)):
            return None
        return _ratio(text, start, end, 0.5, "'half' = 0.5"), 1.0
    if tokens[0] in ("a", "an") and len(tokens) == 1:
        return None
    if tokens == ["one"] and (_NOT_ONE.search(text, max(0, start - 9), start) or _ONE_NOT.match(text, end)):
        return None  # "no one", "one another"
    # Number words are round figures: the precision of the leading word.
    top = max((MULTIPLIERS.get(t, 1.0) for t in tokens if t != "dozen"), default=1.0)
    lead = value / top
    half = 0.5 * top * (1 if lead < 20 or lead % 10 else 10)
    high = None
    rm = _TO.match(text, end) or (_AND.match(text, end) if _BETWEEN.search(text, max(0, start - 9), start) else None)
    upper = _compound(text, rm.end()) if rm else None
    if upper and upper[2][0] not in ("a", "an", "half") and not _FROM.search(text, max(0, start - 6), start):
        # "two to three million users": the upper end's multiplier applies to both.
        up_top = max((MULTIPLIERS.get(t, 1.0) for t in upper[2] if t != "dozen"), default=1.0)
        scaled = top == 1.0 and up_top > 1
        low = value * up_top if scaled else value
        if upper[0] > low:
            value, high, end = low, upper[0], upper[1]  # "one to two years"
            half = half * up_top if scaled else half
    head = Head(start, end, value, half, text[start:end], words=True, high=high, scaled=max(top, 1.0) >= 1e3,
                notes=[f"number words '{text[start:end]}' = {value:g}" + (f" to {high:g}" if high else "")])
    return finish(text, head)


def read_share(text: str, start: int) -> tuple[Mention, float] | None:
    """'3 in 10 adults' written with digits."""
    om = _ONE_IN.match(text, start)
    return _one_in(text, om) if om else None


def _compound(text: str, start: int) -> tuple[float, int, list[str]] | None:
    """The value of the number words at `start`, where they end, and the words."""
    total, current = 0.0, 0.0
    pos, end = start, start
    tokens: list[str] = []
    last = ""  # "ones", "tens", "mult" or "a"
    while True:
        tm = _TOKEN.match(text, pos)
        if not tm:
            break
        w = tm.group(0).lower()
        if w in ONES or w in TENS:
            v = ONES.get(w) or TENS[w]
            if last == "tens" and w in ONES and ONES[w] < 10:
                current += v
            elif last in ("", "mult"):
                current += v
            else:
                break
            last = "tens" if w in TENS else "ones"
        elif w in MULTIPLIERS and tokens:
            mult = MULTIPLIERS[w]
            if last == "mult" and mult < 1000 and mult != 100:
                break
            if mult == 100 or mult == 12:
                current = (current or 1) * mult
            else:
                total += (current or 1) * mult
                current = 0.0
            last = "mult"
        elif w in ("a", "an") and not tokens:
            nxt = _SEP.match(text, tm.end()) and _TOKEN.match(text, tm.end() + 1)
            if not nxt or not (nxt.group(0).lower() in MULTIPLIERS or nxt.group(0).lower() in FRACTIONS):
                return None
            current, last = 1.0, "a"
        elif w == "half" and not tokens:
            tokens.append(w)
            end = tm.end()
            nxt = _ARTICLE.match(text, end)
            if nxt:
                after = _TOKEN.match(text, nxt.end())
                if after and after.group(0).lower() in MULTIPLIERS and after.group(0).lower() != "hundred":
                    mult = MULTIPLIERS[after.group(0).lower()]
                    return 0.5 * mult, after.end(), ["half", "a", after.group(0).lower()]
            return 0.5, end, tokens
        else:
            break
        tokens.append(w)
        end = tm.end()
        sep = _SEP.match(text, end)
        if not sep or (sep.group(0) == " and " and last != "mult"):
            break
        pos = sep.end()
    if not tokens:
        return None
    return total + current, end, tokens


def _ratio(text: str, start: int, end: int, v: float, note: str) -> Mention:
    m = Mention(doc="", start=start, end=end, text=text[start:end], kind="fraction", unit=None, notes=[note], unit_name="-")
    iv.interval(m, v, v, v, 0.0, iv.bound(text, start))
    return m


def _one_in(text: str, m: re.Match) -> tuple[Mention, float] | None:
    """'one in four', 'nine out of ten', '3 in 10 adults': a share."""
    num_text, den_text = m.group("w"), m.group("den")
    if num_text[0].isdigit():
        num = float(num_text)
    else:
        parsed = _compound(text, m.start("w"))
        if parsed is None or parsed[1] != m.end("w"):
            return None
        num = parsed[0]
    if den_text[0].isdigit():
        den = float(den_text)
    else:
        parsed = _compound(text, m.start("den"))
        if parsed is None:
            return None
        den, end, _ = parsed
        if end != m.end("den"):
            return None
    if den <= 0 or num > den:
        return None
    v = num / den
    return _ratio(text, m.start(), m.end(), v, f"'{m.group(0)}' = {num:g}/{den:g} = {v:.4g}"), 1.0


def _multiple(text: str, m: re.Match) -> tuple[Mention, float]:
    v = MULT_WORDS[m.group("m").lower()]
    mention = Mention(doc="", start=m.start(), end=m.end(), text=m.group(0), kind="multiple", unit="x",
                      notes=[f"'{m.group(0)}' = {v}x"], unit_name="x")
    b = iv.bound(text, m.start())
    iv.widen_to_bound(text, mention, b)
    iv.interval(mention, v, v, v, 0.0, b)
    return mention, 1.0


def _vague(text: str, m: re.Match) -> tuple[Mention, float]:
    """'tens of thousands of dollars' = 20,000..99,999 dollars; 'dozens of people' = 24..99 people."""
    lo, hi = VAGUE[m.group("a").lower()]
    scale = 1.0
    if m.group("b"):
        scale = VAGUE[m.group("b").lower()][0] / 2
        lo, hi = lo * scale, hi * scale
    end = m.end()
    tail = end - 1 if text[end - 1] == " " else end  # where the words after "... of" start
    notes = [f"vague amount '{m.group(0).strip()}' = {lo:g}..{hi - 1:g}"]
    currency, alternatives, cend = currency_after(text, tail, notes)
    kind, unit, unit_name = "count", None, "-"
    if currency:
        kind, unit, unit_name, end = "money", currency, currency, cend
    else:
        nn, nend = noun(text, tail) if tail != end else (None, end)
        if nn:
            unit, unit_name, end = nn, nn, nend
        else:
            end = m.end("b") if m.group("b") else m.end("a")
    mention = Mention(doc="", start=m.start(), end=end, text=text[m.start() : end], kind=kind, unit=unit, notes=notes,
                      alternatives=alternatives, unit_name=unit_name, unit_text=unit)
    iv.interval(mention, (lo + hi - 1) / 2, lo, hi - 1, 0.0, Bound.RANGE)
    return mention, scale
