"""Figures written with digits, and the words after any figure.

    [bound] [minus] [currency] NUMBER [range] [scale] [currency | % | x | unit | noun] [per DENOMINATOR]

`read_digits` reads the number and what is glued or written before it;
`finish` reads everything after the number, and is shared with number words.
A bare number with nothing to say what it counts is kind `number` (never a
claim); one that is part of a name, a label, a time of day, a phone number or
list numbering is not a quantity at all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Bound, Mention
from . import interval as iv
from .currency import PREFIX, SUFFIX, SUFFIX_CURRENCY, currency_after, glued_subunit, prefix_currency, scaled_prefix, weighed_pounds
from .bare_counts import elided, labelled_cell
from .lexicon import SCALED_PREFIX, SCALES, UNIT_MODIFIERS, VIDEO_WORDS
from .nouns import GLUED, NOUN_WORD, is_year_like, named, noun, word_end
from .unit_words import place_after, read_per, read_unit

DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SPACED_CC = r"(?:US|HK|AU|NZ|NT|A|C|S) \$"
CANDIDATE = re.compile(rf"(?P<minus>[-−])?(?P<cur>{_SPACED_CC}|{PREFIX})?\s?(?P<minus2>[-−])?(?P<num>{DIGITS})")
# The scale words of units.toml, longest first; one letter only glued ("5bn", "3m").
_SCALE = re.compile(r"[\s-]?(?P<s>" + "|".join(sorted((re.escape(w) for w in SCALES if len(w) > 1), key=len, reverse=True))
                    + r")(?:\b|(?<=\.))|(?P<g>[" + "".join(sorted(w for w in SCALES if len(w) == 1)) + r"])\b", re.I)
_HUNDRED = re.compile(r"[\s-]hundred(?=\s)", re.I)
_RANGE = re.compile(rf"\s?(?:-|–|—|to|and|bis|à|tot)\s?(?P<cur>{_SPACED_CC}|{PREFIX})?\s?(?P<num>{DIGITS})", re.I)
_PERCENT = re.compile(r"\s?(?:(?P<pp>percentage points?|pp|ppts?|basis points|bps)\b|(?P<pct>%|percent\b|per cent\b|pct\b|pc\b))", re.I)
_TIMES = re.compile(r"\s?(?:x\b|×|times\b|-fold\b|fold\b)", re.I)
_OR_MORE = re.compile(r"\s(?:or more|and above|or higher|and up)\b", re.I)
_SHARED_NOUN = re.compile(r",?\s(?:and|or|to)\s(?:about\s|nearly\s)?\d[\d,.]{0,15}(?:\s?(?:thousand|million|billion))?(?=\s[a-z])", re.I)
_CLOCK = re.compile(r"\s?(?:[ap]\.m\.|[ap]m\b|GMT\b|UTC\b|ET\b|BST\b|HKT\b|JST\b|IST\b|local\stime\b)|:\d\d", re.I)
_LABEL_BEFORE = re.compile(r"\b(?:phase|stage|tier|level|grade|version|type|class|category|generation|gen|model|article|section|"
                           r"chapter|rule|step|day|no\.|number|flight|route|room|page|channel|platform|gate|bus)\s$", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s(?:\S{1,4}\s?)?$", re.I)
_RANGING_FROM = re.compile(r"\b(?:range[sd]?|ranging|var(?:y|ies|ied|ying))\sfrom\s(?:\S{1,4}\s?)?$"
                           # "expects $41.0bn to $41.3bn, up from the $40.5bn to $40.9bn it had guided", "to
                           # 14.0 to 14.5 million tonnes, from the 13.9 to 14.5 million tonnes it set": the
                           # change's new figure came before, so what follows is the old range
                           r"|(?:\b(?:up|down)|,)\sfrom\s(?:the|its|their)\s$", re.I)
_MINUS_WORD = re.compile(r"\bminus[\s-]$", re.I)
_CODE_AFTER = re.compile(r"-\d|\s\d")
_ZIP_AFTER = re.compile(r"\s(?:ZIP|zip|post\s?codes?)\b")
_NAME_AFTER = re.compile(r"[ -][A-Z][a-z]")
_PER_STARTS = (" per ", " a ", " an ", " each ", " every ", "/", " /", "-a-", "-an-", "-per-")
_OF_WORD = re.compile(r" of [a-z]{2,20}(?= (?:a|an|per|each) )")
_FORMAT_AFTER = re.compile(r"[KkPp]\s(?P<w>[A-Za-z]+)")
_LIST_ITEM = re.compile(r"[.)]\s")
# A score or tally "112-104", "3-1": two numbers, the second smaller (a range would rise).
_SCORE = re.compile(r"(?<![\d,.\w-])(?P<a>[1-9]\d{0,2})-(?P<b>0|[1-9]\d{0,2})(?![\d\w-]|[.,]\d)")


@dataclass
class Head:
    """A number as written, then what the words after it say, filled in step by step."""

    start: int
    end: int
    value: float
    half_unit: float  # half the last written digit
    numtext: str
    currency: str | None = None
    alternatives: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    words: bool = False  # written in words: a round figure
    high: float | None = None  # a range's upper end ("one to two years" comes with the words)
    scaled: bool = False  # words with "thousand" or more, as "fifty million"
    # filled by finish()
    num_end: int = 0  # where the number itself ends (before scale and unit)
    plus: bool = False  # "200+"
    scale: float = 1.0
    kind: str = "count"
    unit: str | None = None
    unit_text: str | None = None
    per: str | None = None


def read_digits(text: str, m: re.Match, yen: str) -> tuple[Mention, float] | None:
    numtext, cur_raw = m.group("num"), m.group("cur")
    start = m.start() if (cur_raw or m.group("minus")) else m.start("num")
    if m.group("minus") and not cur_raw and m.group("minus2"):
        return None
    if cur_raw and start > 0 and GLUED.match(text[start - 1]) and cur_raw[0] not in "$¥￥€£₹₩":
        return None  # a code glued to a word is not a currency ("ABCUSD5")
    prev = text[start - 1] if start > 0 else ""
    if not cur_raw and prev in SCALED_PREFIX and (start < 2 or not GLUED.match(text[start - 2])) and scaled_prefix(text, start - 1):
        cur_raw, start = prev, start - 1  # "R2.5 billion"
        prev = text[start - 1] if start > 0 else ""
    # Part of a name or code: "GLM-5", "Qwen3.5", "COVID-19", "A100", the "39" of "4:39".
    if not cur_raw and prev and (GLUED.match(prev) or prev == ":" or (prev in "-./" and start > 1 and GLUED.match(text[start - 2]))):
        if not (prev == "-" and (_MINUS_WORD.search(text, max(0, start - 7), start) or _score_second(text, start, m.end("num")))):
            return None
    if m.group("minus") and prev and not prev.isspace() and prev not in "([\"'“":
        return None
    negative = bool(m.group("minus") or m.group("minus2"))
    notes: list[str] = []
    mw = _MINUS_WORD.search(text, max(0, start - 7), start) if not negative else None
    if mw:
        negative, start = True, mw.start()
    currency, alternatives = None, []
    if cur_raw:
        currency, alternatives, note = prefix_currency(cur_raw, yen)
        notes.append(note)
    value = _num(numtext) * (-1 if negative else 1)
    if negative:
        notes.append("minus sign")
    head = Head(start, m.end("num"), value, 0.5 * 10 ** (-_decimals(numtext)), numtext, currency, alternatives, notes)
    return finish(text, head)


def finish(text: str, h: Head) -> tuple[Mention, float] | None:
    """Read scale, range, currency, unit or noun and rate after a number; (mention, scale)."""
    h.num_end = h.end
    h.plus = text.startswith("+", h.end)  # "200+ billion"
    if h.plus:
        h.end += 1
        h.notes.append("'+' read as at-least")
    if not (h.plus or h.words):
        _range_before_scale(text, h)
    h.scale, h.end = _read_scale(text, h.end, h.currency, h.notes)
    _currency(text, h)
    if h.high is None and not h.plus:
        _range_after_figure(text, h)
    if h.currency:
        h.kind, h.unit = "money", h.currency
        h.unit_text = h.unit_text or (text[h.start : h.num_end].rstrip("0123456789.,- −") or None)
    elif not _kind(text, h):
        return None
    if not h.words and _not_a_quantity(text, h):
        return None
    if h.kind in ("money", "count", "quantity", "number") and not _TIMES.match(text, h.end):
        _rate(text, h)
    return _mention(text, h), h.scale


def _range_before_scale(text: str, h: Head) -> None:
    """'100-120bn', '5 to 7 years': the scale after the range applies to both ends."""
    rm = _RANGE.match(text, h.end)
    if rm and _range_ok(text, h.start, h.end, rm, h.value):
        h.high, h.end = _num(rm.group("num")), rm.end("num")
        h.half_unit = min(h.half_unit, 0.5 * 10 ** (-_decimals(rm.group("num"))))


def _currency(text: str, h: Head) -> None:
    if h.currency is None:
        h.currency, h.alternatives, end = currency_after(text, h.end, h.notes)
        if h.currency:
            h.unit_text, h.end = text[h.num_end : end].strip(), end
        return
    cm = SUFFIX.match(text, h.end)  # "$100 billion USD": a code that agrees with the symbol
    if cm and cm.group("c").isupper() and SUFFIX_CURRENCY[cm.group("c").lower()] in (h.currency, "USD") and word_end(text, cm.end()):
        h.currency, h.alternatives, h.end = SUFFIX_CURRENCY[cm.group("c").lower()], [], cm.end()


def _range_after_figure(text: str, h: Head) -> None:
    """'$100 billion to $120 billion', 'between 5% and 7%', '$10 to $15 billion'."""
    rm = _RANGE.match(text, h.end)
    if not rm:
        return
    value, scale, numtext = h.value, h.scale, h.numtext
    hv = _num(rm.group("num"))
    hscale, hend = _read_scale(text, rm.end("num"), h.currency, [])
    # Ends of different scales only when the lower end is written out in full: "from $370,000 to $5.5 million".
    cross = hscale > scale == 1.0 and "," in numtext and (h.currency is not None or rm.group("cur") is not None)
    if not _range_ok(text, h.start, h.end, rm, value * scale, hv * (hscale if cross else scale)):
        return
    if hscale > scale == 1.0 and hv > value and "," not in numtext and not is_year_like(numtext):
        h.notes.append(f"scale {hscale:g} of the upper end read for both")  # "$10 to $15 billion"
        h.scale = scale = hscale
    elif hscale != scale and hv * hscale > value * scale:
        hv, hscale = hv * hscale / scale, scale  # "from $370,000 to $5.5 million"
    if hscale == scale and hv > value:
        h.high, h.end = hv, hend
        h.half_unit = min(h.half_unit, 0.5 * 10 ** (-_decimals(rm.group("num"))))
        if h.currency is None:
            h.currency, h.alternatives, h.end = currency_after(text, h.end, h.notes)


def _kind(text: str, h: Head) -> bool:
    """Percent, multiple, sub-unit, physical unit or counted noun; False: not a quantity."""
    end = h.end
    pm = _PERCENT.match(text, end)
    tm = None if pm else _TIMES.match(text, end)
    if pm:
        _percent(text, h, pm)
    elif tm and h.scale == 1.0:
        h.kind, h.unit, h.end = "multiple", "x", tm.end()
    elif h.scale == 1.0 and h.high is None and glued_subunit(text, end, h.value):
        h.unit = h.unit_text = glued_subunit(text, end, h.value)
        h.end = end + 1
        h.notes.append(f"'{text[end]}' glued = {h.unit}")
    elif (pe := weighed_pounds(text, end)) is not None:
        h.kind, h.unit, h.unit_text, h.end = "quantity", "pound", text[end:pe].strip(), pe
    elif um := (read_unit(text, end) or _unit_after_modifier(text, end)):
        if place_after(text, um[2]):
            return False  # "the 40 yard line"
        h.kind, h.unit, h.unit_text, h.end = "quantity", um[0], um[1], um[2]
        if h.high is None:  # "between 15kHz and 17kHz"
            rm = _RANGE.match(text, h.end)
            um2 = rm and read_unit(text, rm.end("num"))
            if rm and um2 and um2[0] == h.unit and _range_ok(text, h.start, h.end, rm, h.value):
                h.high, h.end = _num(rm.group("num")), um2[2]
    else:
        return _counted(text, h)
    return True


_MODIFIER = re.compile(r"\s(?P<w>[a-z]{3,20})(?=\s)")  # rules/lexicon/units.toml [units] modifiers


def _unit_after_modifier(text: str, end: int) -> tuple[str, str, int] | None:
    """'6.85 million attributable ounces', '3 additional tonnes': one lower-case word between the
    figure and its physical unit (the word itself no unit, no counted noun of its own)."""
    m = _MODIFIER.match(text, end)
    if m is None or m.group("w") not in UNIT_MODIFIERS:
        return None
    um = read_unit(text, m.end())
    return (um[0], text[end:um[2]].strip(), um[2]) if um else None


def _percent(text: str, h: Head, pm: re.Match) -> None:
    pp = pm.group("pp")
    h.kind, h.unit, h.end = ("percent-point", "pp", pm.end()) if pp else ("percent", "%", pm.end())
    h.unit_text = pm.group(0).strip()
    if pp and pp.lower() in ("basis points", "bps"):
        h.value, h.high = h.value / 100, (h.high / 100 if h.high is not None else None)
        h.half_unit /= 100
        h.notes.append("basis points / 100 = percentage points")
    if h.high is None:  # "5% to 7%", never "25 basis points to 5.25%"
        rm = _RANGE.match(text, h.end)
        pm2 = rm and _PERCENT.match(text, rm.end("num"))
        same = pm2 and (pm2.group("pp") or "").lower() == (pp or "").lower()
        if rm and same and _range_ok(text, h.start, h.end, rm, h.value):
            h.high, h.end = _num(rm.group("num")), pm2.end()
            h.half_unit = min(h.half_unit, 0.5 * 10 ** (-_decimals(rm.group("num"))))


def _counted(text: str, h: Head) -> bool:
    """The counted noun, the noun shared with a list, or a bare number."""
    nn, nend = noun(text, h.end)
    if nn and h.words and nn[0].isupper() and not nn.split()[0].rstrip("s").isupper():
        nn = None  # "two Spring Festival heavyweights": a name follows a number word, not its noun
    shared = None
    if not nn:
        # "40,000 and 31,767 vehicles": the noun after the last number counts both.
        sm2 = _SHARED_NOUN.match(text, h.end)
        if sm2 and not read_unit(text, sm2.end()):  # "from 70 to 60 mph": the unit comes when the change is linked
            shared = noun(text, sm2.end())[0]
            if shared and shared.split()[0].lower() in SCALES:
                shared = None  # "50 million and 114 million, respectively": no noun after all
    if place_after(text, h.end):
        return False
    if h.scale == 1.0 and is_year_like(h.numtext) and h.high is None and not h.words:
        return False  # "2025 revenue" is a year
    if h.scale == 1.0 and not (nn or shared) and not ("," in h.numtext or h.scaled or labelled_cell(text, h.start, h.end)
                                                      or elided(text, h.start, h.end)):
        h.kind = "number"  # a bare number: an index level, a score; "380,000" and "fifty million" stay counts (maybe money)
    if shared:
        h.unit = shared
        h.notes.append(f"counts the '{shared}' named after the list")
    if nn:
        h.unit, h.unit_text, h.end = nn, nn, nend
    return True




def _rate(text: str, h: Head) -> None:
    """'$58 per barrel', '800,000 barrels a day', '36,000 tonnes of coal a day'."""
    end = h.end
    pr = read_per(text, end) if text.startswith(_PER_STARTS, end) else None
    if pr is None and h.kind != "number" and text.startswith(" of ", end):
        om = _OF_WORD.match(text, end)
        pr = read_per(text, om.end()) if om else None
    if not pr or (h.kind == "count" and h.unit and " per " in h.unit):
        return
    # The span stays the figure ("800,000 barrels"): resolve reads the words around it.  A physical
    # unit takes the denominator into its unit ("barrel / day"); money and counts keep theirs and
    # name the rate in `per` (and unit_name).
    h.per = pr[0]
    if h.kind == "number" and "," in h.numtext:
        h.kind = "count"
    h.notes.append(f"rate: per {h.per}")


def _unit_name(h: Head) -> str:
    if h.kind in ("quantity", "money", "count"):
        base = h.unit or "-"
        if h.kind == "count" and h.unit and " per " in h.unit:
            base = h.unit.replace(" per ", " / ")
        return f"{base} / {h.per}" if h.per else base
    return {"percent": "percent", "percent-point": "percentage_point", "multiple": "x"}.get(h.kind, "-")


def _mention(text: str, h: Head) -> Mention:
    start, end, scale = h.start, h.end, h.scale
    half = h.half_unit * scale
    if scale > 1 and not h.words:
        # "$1 billion", "$5bn": a scaled round figure is taken to within 5%, not half its only digit.
        half = min(half, 0.05 * abs(h.value) * scale)
    b, bstart = (Bound.RANGE, start) if h.high is not None else iv.bound_word(text, start)
    more = _OR_MORE.match(text, end)
    if (h.plus or more) and h.high is None and b == Bound.EXACT:
        b = Bound.AT_LEAST
        if more:
            end = more.end()
            h.notes.append(f"'{more.group(0).strip()}' read as at-least")
    if b not in (Bound.EXACT, Bound.RANGE) and not (h.plus or more):
        h.notes.append(f"'{text[bstart:start].strip()}' read as {b.value}")
        start = bstart
    unit_name = _unit_name(h)
    unit = unit_name if h.kind == "quantity" else h.unit
    mention = Mention(doc="", start=start, end=end, text=text[start:end], kind=h.kind, unit=unit, notes=h.notes,
                      alternatives=h.alternatives, unit_text=h.unit_text, unit_name=unit_name, per=h.per)
    value = h.value * scale
    iv.interval(mention, value, value, (h.high if h.high is not None else h.value) * scale, half, b)
    return mention


def _not_a_quantity(text: str, h: Head) -> bool:
    start, end, kind, scale, high, currency = h.start, h.end, h.kind, h.scale, h.high, h.currency
    if _CLOCK.match(text, h.num_end):
        return True  # "7 p.m.", "10:30", "1015 GMT": a time of day
    if kind == "number" and "-" in text[start - 1 : h.num_end + 1] and (_score_first(text, start) or _score_second(text, start, h.num_end)):
        return False  # "beat the Celtics 112-104", "a 7-2 vote": both scores, even after a name
    if not currency and _LABEL_BEFORE.search(text, max(0, start - 12), start):
        return True  # "phase 3 study", "Level 4 autonomy": a label, not a quantity
    if kind != "count" and not word_end(text, end):
        return True  # "5G", "3nm-class", "3rd" glued into a word
    if kind in ("count", "number") and scale == 1.0 and high is None and not currency and named(text, start):
        return True  # "RTX 3060 cards", "Boeing 737 jets", "iPhone 16"
    fm = _FORMAT_AFTER.match(text, h.num_end)
    if fm and fm.group("w") in VIDEO_WORDS:
        return True  # "8K video", "4k TVs"
    if _ZIP_AFTER.match(text, h.num_end):
        return True  # "the 90210 ZIP code"
    if kind == "number":
        if _CODE_AFTER.match(text, end) or text[max(0, start - 2) : start][:1].isdigit() or text[start - 1 : start] == "+":
            return True  # phone numbers, ZIP codes, digit groups of an ID
        if _NAME_AFTER.match(text, end):
            return True  # "787 Dreamliner", "16 Pro": a model name
        line_start = start == 0 or text[start - 1] == "\n"
        if line_start and _LIST_ITEM.match(text, end):
            return True  # "1. First item"
    return False


def _score_first(text: str, start: int) -> bool:
    sm = _SCORE.match(text, start)
    return bool(sm) and int(sm.group("b")) < int(sm.group("a"))


def _score_second(text: str, start: int, end: int) -> bool:
    sm = _SCORE.search(text, max(0, start - 4), end)
    return bool(sm) and sm.start("b") == start and sm.end() == end and int(sm.group("b")) < int(sm.group("a"))


def _decimals(numtext: str) -> int:
    return len(numtext.split(".")[1]) if "." in numtext else 0


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def _range_ok(text: str, start: int, end: int, rm: re.Match, value: float, upper: float | None = None) -> bool:
    sep = text[end : rm.start("num")].strip().lower()
    if sep.startswith("and") and not iv.between(text, start):
        return False
    if sep.startswith("to") and _FROM_BEFORE.search(text, max(0, start - 14), start) and not _RANGING_FROM.search(text, max(0, start - 30), start):
        return False  # "from 160 to 200": a change, two figures; "ranging from 1 to 5" is a range
    return (_num(rm.group("num")) if upper is None else upper) > value


def _read_scale(text: str, end: int, currency: str | None, notes: list[str]) -> tuple[float, int]:
    hm = _HUNDRED.match(text, end)
    sm = _SCALE.match(text, hm.end() if hm else end)
    if sm and (sm.group("s") or _glued_scale_ok(sm.group("g"), currency, text, sm.end())) and word_end(text, sm.end()):
        scale = SCALES[(sm.group("s") or sm.group("g")).lower()] * (100 if hm else 1)
        notes.append(f"scale '{text[end:sm.end()].strip()}' = {scale:g}")
        return scale, sm.end()
    if hm:
        notes.append("scale 'hundred' = 100")
        return 100.0, hm.end()
    return 1.0, end


def _glued_scale_ok(g: str, currency: str | None, text: str = "", end: int = 0) -> bool:
    """'$5bn', 'USD34.6m', '10K users', '3m users': a one-letter scale, glued.  A lowercase
    m/b/t is a scale only beside a currency or before a plural noun ('5m' alone is five metres)."""
    if currency is not None or g in "KMB":
        return True
    nxt = NOUN_WORD.match(text, end)
    return nxt is not None and nxt.group("w").endswith("s") and nxt.group("w").islower()
