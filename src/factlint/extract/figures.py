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
from .currency import PREFIX, SUFFIX, SUFFIX_CURRENCY, currency_after, glued_subunit, prefix_currency, scaled_prefix
from .lexicon import SCALED_PREFIX, SCALES, VIDEO_WORDS
from .nouns import GLUED, NOUN_WORD, is_year_like, named, noun, word_end
from .unit_words import place_after, read_per, read_unit

DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SPACED_CC = r"(?:US|HK|AU|NZ|NT|A|C|S) \$"
CANDIDATE = re.compile(rf"(?P<minus>[-−])?(?P<cur>{_SPACED_CC}|{PREFIX})?\s?(?P<minus2>[-−])?(?P<num>{DIGITS})")
_SCALE = re.compile(r"[\s-]?(?P<s>thousand|million|billion|trillion|mln|mn|bln|bn|tn|lakhs?|crores?)\b|(?P<g>[kmbtKMBT])\b", re.I)
_HUNDRED = re.compile(r"[\s-]hundred(?=\s)", re.I)
_RANGE = re.compile(rf"\s?(?:-|–|—|to|and)\s?(?P<cur>{_SPACED_CC}|{PREFIX})?\s?(?P<num>{DIGITS})", re.I)
_PERCENT = re.compile(r"\s?(?:(?P<pp>percentage points?|pp|ppts?|basis points|bps)\b|(?P<pct>%|percent\b|per cent\b|pct\b|pc\b))", re.I)
_TIMES = re.compile(r"\s?(?:x\b|×|times\b|-fold\b|fold\b)", re.I)
_OR_MORE = re.compile(r"\s(?:or more|and above|or higher|and up)\b", re.I)
_SHARED_NOUN = re.compile(r",?\s(?:and|or|to)\s(?:about\s|nearly\s)?\d[\d,.]{0,15}(?:\s?(?:thousand|million|billion))?(?=\s[a-z])", re.I)
_CLOCK = re.compile(r"\s?(?:[ap]\.m\.|[ap]m\b|GMT\b|UTC\b|ET\b|BST\b|HKT\b|JST\b|IST\b|local\stime\b)|:\d\d", re.I)
_LABEL_BEFORE = re.compile(r"\b(?:phase|stage|tier|level|grade|version|type|class|category|generation|gen|model|article|section|"
                           r"chapter|rule|step|day|no\.|number|flight|route|room|page|channel|platform|gate|bus)\s$", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s(?:\S{1,4}\s?)?$", re.I)
_RANGING_FROM = re.compile(r"\b(?:range[sd]?|ranging|var(?:y|ies|ied|ying))\sfrom\s(?:\S{1,4}\s?)?$", re.I)
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
    """A number as written, before the words after it are read."""

    start: int
    end: int
    value: float
    half_unit: float  # half the last written digit
    numtext: str
    currency: str | None = None
    alternatives: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    words: bool = False  # written in words: a round figure
    high: float | None = None  # "one to two years": the upper end, read with the words
    scaled: bool = False  # words with "thousand" or more, as "fifty million"


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
    start, end, value, numtext, notes = h.start, h.end, h.value, h.numtext, h.notes
    currency, alternatives = h.currency, h.alternatives
    half_unit = h.half_unit
    high: float | None = h.high
    plus = text.startswith("+", end)  # "200+ billion"
    if plus:
        end += 1
        notes.append("'+' read as at-least")
    # "100-120bn", "5 to 7 years": a range before the scale, which applies to both ends.
    rm = None if plus or h.words else _RANGE.match(text, end)
    if rm and _range_ok(text, start, end, rm, value):
        high, end = _num(rm.group("num")), rm.end("num")
        half_unit = min(half_unit, 0.5 * 10 ** (-_decimals(rm.group("num"))))
    scale, end = _read_scale(text, end, currency, notes)
    unit_text = None
    if currency is None:
        currency, alternatives, end = currency_after(text, end, notes)
        if currency:
            unit_text = text[h.end : end].strip()
    else:
        cm = SUFFIX.match(text, end)  # "$100 billion USD": a code that agrees with the symbol
        if cm and cm.group("c").isupper() and SUFFIX_CURRENCY[cm.group("c").lower()] in (currency, "USD") and word_end(text, cm.end()):
            currency, alternatives = SUFFIX_CURRENCY[cm.group("c").lower()], []
            end = cm.end()
    # "$100 billion to $120 billion", "between 5% and 7%", "$10 to $15 billion": a range after the whole first figure.
    if high is None and not plus:
        rm = _RANGE.match(text, end)
        hv, hend = (_num(rm.group("num")), rm.end("num")) if rm else (0.0, end)
        hscale, hend = _read_scale(text, hend, currency, []) if rm else (1.0, end)
        # Ends of different scales only when the lower end is written out in full: "from $370,000 to $5.5 million".
        cross = hscale > scale == 1.0 and "," in numtext and (currency is not None or rm.group("cur") is not None)
        if rm and _range_ok(text, start, end, rm, value * scale, hv * (hscale if cross else scale)):
            if hscale > scale == 1.0 and hv > value and "," not in numtext and not is_year_like(numtext):
                notes.append(f"scale {hscale:g} of the upper end read for both")  # "$10 to $15 billion"
                scale = hscale
            elif hscale != scale and hv * hscale > value * scale:
                hv = hv * hscale / scale  # "from $370,000 to $5.5 million"
                hscale = scale
            if hscale == scale and hv > value:
                high, end = hv, hend
                half_unit = min(half_unit, 0.5 * 10 ** (-_decimals(rm.group("num"))))
                if currency is None:
                    currency, alternatives, end = currency_after(text, end, notes)
    kind, unit, unit_name = "count", None, None
    if currency:
        kind, unit = "money", currency
        unit_text = unit_text or (text[start : h.end].rstrip("0123456789.,- −") or None)
    else:
        pm = _PERCENT.match(text, end)
        tm = _TIMES.match(text, end)
        um = None if pm or tm else read_unit(text, end)
        if pm:
            kind, unit, end = ("percent-point", "pp", pm.end()) if pm.group("pp") else ("percent", "%", pm.end())
            unit_text = pm.group(0).strip()
            if pm.group("pp") and pm.group("pp").lower() in ("basis points", "bps"):
                value, high = value / 100, (high / 100 if high is not None else None)
                half_unit /= 100
                notes.append("basis points / 100 = percentage points")
            if high is None:  # "5% to 7%"
                rm = _RANGE.match(text, end)
                pm2 = rm and _PERCENT.match(text, rm.end("num"))
                same = pm2 and (pm2.group("pp") or "").lower() == (pm.group("pp") or "").lower()
                if rm and same and _range_ok(text, start, end, rm, value):
                    high, end = _num(rm.group("num")), pm2.end()
                    half_unit = min(half_unit, 0.5 * 10 ** (-_decimals(rm.group("num"))))
        elif tm and scale == 1.0:
            kind, unit, end = "multiple", "x", tm.end()
        elif scale == 1.0 and high is None and glued_subunit(text, end, value):
            unit = unit_text = glued_subunit(text, end, value)
            end += 1
            notes.append(f"'{text[end - 1]}' glued = {unit}")
        elif um:
            if place_after(text, um[2]):
                return None  # "the 40 yard line"
            kind, unit, unit_text, end = "quantity", um[0], um[1], um[2]
            if high is None:  # "between 15kHz and 17kHz"
                rm = _RANGE.match(text, end)
                um2 = rm and read_unit(text, rm.end("num"))
                if rm and um2 and um2[0] == unit and _range_ok(text, start, end, rm, value):
                    high, end = _num(rm.group("num")), um2[2]
        else:
            nn, nend = noun(text, end)
            if nn and h.words and nn[0].isupper() and not nn.split()[0].rstrip("s").isupper():
                nn = None  # "two Spring Festival heavyweights": a name follows a number word, not its noun
            shared = None
            if not nn:
                # "40,000 and 31,767 vehicles": the noun after the last number counts both.
                sm2 = _SHARED_NOUN.match(text, end)
                shared = noun(text, sm2.end())[0] if sm2 else None
                shared_unit = read_unit(text, sm2.end()) if sm2 else None
                if shared_unit:
                    shared = None  # "from 70 to 60 mph": the unit is read when the change is linked
                if shared and shared.split()[0].lower() in SCALES:
                    shared = None  # "50 million and 114 million, respectively": no noun after all
            if place_after(text, end):
                return None
            if scale == 1.0 and is_year_like(numtext) and high is None and not h.words:
                return None  # "2025 revenue" is a year
            if scale == 1.0 and not (nn or shared):
                if not ("," in numtext or h.scaled):
                    kind = "number"  # "fifty million" alone stays a count: resolve may read it as money  # a bare number: an index level, a score, a tally
            if shared:
                unit = shared
                notes.append(f"counts the '{shared}' named after the list")
            if nn:
                unit, unit_text, end = nn, nn, nend
    if not h.words and _not_a_quantity(text, start, end, h, kind, scale, high, currency):
        return None
    per = None
    if kind in ("money", "count", "quantity", "number") and not _TIMES.match(text, end):
        pr = read_per(text, end) if text.startswith(_PER_STARTS, end) else None
        if pr is None and kind != "number" and text.startswith(" of ", end):
            om = _OF_WORD.match(text, end)  # "36,000 tonnes of coal a day"
            pr = read_per(text, om.end()) if om else None
        if pr and not (kind == "count" and unit and " per " in unit):
            # Only a physical unit takes its denominator into the span and unit ("barrel / day");
            # money and counts keep their span and unit, which resolve reads around, and name the rate in `per`.
            per = pr[0]
            if kind == "quantity" and not text.startswith(" of ", end):
                end = pr[1]
            if kind == "number":
                kind = "count" if "," in numtext else "number"
            notes.append(f"rate: per {per}")
    if kind == "quantity":
        unit_name = f"{unit} / {per}" if per else unit
        unit = unit_name
    elif kind == "money" or kind == "count":
        base = unit or "-"
        if kind == "count" and unit and " per " in unit:
            base = unit.replace(" per ", " / ")
        unit_name = f"{base} / {per}" if per else (unit if kind == "money" else base)
    elif kind in ("percent", "percent-point", "multiple"):
        unit_name = {"percent": "percent", "percent-point": "percentage_point", "multiple": "x"}[kind]
    else:
        unit_name = "-"
    half = half_unit * scale
    if h.words:
        half = h.half_unit * scale
    elif scale > 1:
        # "$1 billion", "$5bn": a scaled round figure is taken to within 5%, not half its only digit.
        half = min(half, 0.05 * abs(value) * scale)
    b, bstart = (Bound.RANGE, start) if high is not None else iv.bound_word(text, start)
    more = _OR_MORE.match(text, end)
    if (plus or more) and high is None and b == Bound.EXACT:
        b = Bound.AT_LEAST
        if more:
            end = more.end()
            notes.append(f"'{more.group(0).strip()}' read as at-least")
    if b not in (Bound.EXACT, Bound.RANGE) and not (plus or more):
        notes.append(f"'{text[bstart:start].strip()}' read as {b.value}")
        start = bstart
    mention = Mention(doc="", start=start, end=end, text=text[start:end], kind=kind, unit=unit, notes=notes,
                      alternatives=alternatives, unit_text=unit_text, unit_name=unit_name, per=per)
    iv.interval(mention, value * scale, value * scale, (high if high is not None else value) * scale, half, b)
    return mention, scale


def _not_a_quantity(text: str, start: int, end: int, h: Head, kind: str, scale: float, high, currency) -> bool:
    if _CLOCK.match(text, h.end):
        return True  # "7 p.m.", "10:30", "1015 GMT": a time of day
    if kind == "number" and "-" in text[start - 1 : h.end + 1] and (_score_first(text, start) or _score_second(text, start, h.end)):
        return False  # "beat the Celtics 112-104", "a 7-2 vote": both scores, even after a name
    if not currency and _LABEL_BEFORE.search(text, max(0, start - 12), start):
        return True  # "phase 3 study", "Level 4 autonomy": a label, not a quantity
    if kind != "count" and not word_end(text, end):
        return True  # "5G", "3nm-class", "3rd" glued into a word
    if kind in ("count", "number") and scale == 1.0 and high is None and not currency and named(text, start):
        return True  # "RTX 3060 cards", "Boeing 737 jets", "iPhone 16"
    fm = _FORMAT_AFTER.match(text, h.end)
    if fm and fm.group("w") in VIDEO_WORDS:
        return True  # "8K video", "4k TVs"
    if _ZIP_AFTER.match(text, h.end):
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
