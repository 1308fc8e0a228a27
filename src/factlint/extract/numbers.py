"""Money, counts, percentages, multiples, fractions, bounds, ranges and units.

One linear-time scan finds each written number (digits, or number words
followed by a scale word); the words around it are then read with small
anchored patterns over bounded windows, so the cost per number is constant:

    [bound] [currency] NUMBER [range] [scale] [currency | % | x | unit | noun]

Every mention carries an interval.  An exact figure covers half a unit of
its last written digit ("380 billion" = 379.5..380.5 billion); bound words
keep their direction ("nearly" just below, "over" strictly above).
A bare number with nothing to say what it counts (list numbering, model
names such as "RTX 3060", phone numbers) is not a quantity and is dropped.
"""
from __future__ import annotations

import re

from ..models import Bound, Mention

# --- vocabularies ----------------------------------------------------------

SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "t": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,  # Indian English
}
# Symbols and codes written before the number.  '$' and '¥' are ambiguous.
PREFIX_CURRENCY = {
    "US$": "USD", "U.S.$": "USD", "HK$": "HKD", "S$": "SGD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
    "NT$": "TWD", "NZ$": "NZD", "R$": "BRL", "$": "USD", "¥": "CNY", "￥": "CNY", "€": "EUR", "£": "GBP",
    "₹": "INR", "₩": "KRW", "Rs": "INR", "Rs.": "INR", "USD": "USD", "RMB": "CNY", "CNY": "CNY", "HKD": "HKD", "EUR": "EUR", "GBP": "GBP",
    "JPY": "JPY", "INR": "INR", "KRW": "KRW", "SGD": "SGD", "TWD": "TWD", "CHF": "CHF", "CAD": "CAD", "AUD": "AUD",
}
SUFFIX_CURRENCY = {
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "usd": "USD", "us dollars": "USD",
    "u.s. dollars": "USD", "dollars": "USD", "dollar": "USD", "hong kong dollars": "HKD", "hk dollars": "HKD",
    "hkd": "HKD", "euros": "EUR", "euro": "EUR", "eur": "EUR", "pounds": "GBP", "pounds sterling": "GBP",
    "sterling": "GBP", "gbp": "GBP", "yen": "JPY", "jpy": "JPY", "won": "KRW", "krw": "KRW", "rupees": "INR",
    "inr": "INR", "singapore dollars": "SGD", "sgd": "SGD", "new taiwan dollars": "TWD", "twd": "TWD",
    "swiss francs": "CHF", "chf": "CHF", "canadian dollars": "CAD", "cad": "CAD", "australian dollars": "AUD", "aud": "AUD",
}
AMBIGUOUS = {"$": ("USD", ["HKD", "SGD", "AUD", "CAD", "TWD"]), "dollars": ("USD", ["HKD", "SGD", "AUD", "CAD"]),
             "dollar": ("USD", ["HKD", "SGD", "AUD", "CAD"])}
# Physical and rate units (pint names).
UNITS = {
    "gb": "gigabyte", "tb": "terabyte", "mb": "megabyte", "pb": "petabyte", "km": "kilometer", "kilometres": "kilometer",
    "kilometers": "kilometer", "miles": "mile", "kg": "kilogram", "tonnes": "metric_ton", "tons": "metric_ton",
    "mw": "megawatt", "gw": "gigawatt", "kw": "kilowatt", "kwh": "kilowatt_hour", "gwh": "gigawatt_hour", "twh": "terawatt_hour",
    "pints": "pint", "pint": "pint", "litres": "liter", "liters": "liter", "square metres": "meter ** 2",
    "square meters": "meter ** 2", "sq m": "meter ** 2", "nm": "nanometer", "ghz": "gigahertz", "mph": "mile / hour",
    "years": "year", "year": "year", "months": "month", "month": "month", "weeks": "week", "week": "week",
    "days": "day", "day": "day", "hours": "hour", "hour": "hour", "minutes": "minute", "seconds": "second",
}
BOUNDS = [
    (r"nearly|almost|close to|just (?:under|below|shy of)|approaching|a little under", Bound.BELOW),
    (r"approximately|approx\.?|about|around|roughly|some|circa|an estimated|estimated|~|≈|c\.", Bound.APPROX),
    (r"more than|over|above|exceeding|in excess of|upwards of|north of|greater than|>|"
     r"topped|tops|will top|surpass(?:ed|es)?|exceed(?:ed|s)?|crossed|passed", Bound.ABOVE),
    (r"at least|no less than|no fewer than|a minimum of|minimum of|≥|>=", Bound.AT_LEAST),
    (r"up to|at most|as much as|as many as|as high as|a maximum of|maximum of|no more than|a ceiling of|capped at|≤|<=", Bound.AT_MOST),
    (r"less than|fewer than|under|below|<", Bound.UNDER),
]
_BOUND_RE = re.compile(r"(?:^|(?<=[\s(\"'“—–/]))(?P<w>" + "|".join(f"(?P<b{i}>{p})" for i, (p, _) in enumerate(BOUNDS)) + r")\s{0,2}$", re.I)
WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "half a": 0.5, "a dozen": 12, "dozens of": 24,
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_WORDNUM = rf"(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|{_TEENS}|{_ONES}|half an?|an?)"
MULT_WORDS = {"double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "triple": 3, "tripled": 3, "triples": 3,
              "tripling": 3, "quadruple": 4, "quadrupled": 4, "quadruples": 4, "twofold": 2, "threefold": 3,
              "fourfold": 4, "fivefold": 5, "tenfold": 10}
FRACTIONS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "sixth": 6,
             "sixths": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "tenths": 10}

# --- patterns --------------------------------------------------------------

_PREFIX = "|".join(re.escape(k) for k in sorted(PREFIX_CURRENCY, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
# A candidate: a currency prefix glued or spaced, then digits; or number words before a scale/times.
_CANDIDATE = re.compile(
    rf"(?P<cur>{_PREFIX}|Rmb|rmb|Us\$)?\s?(?P<num>{_DIGITS})"
    rf"|\b(?P<word>{_WORDNUM})(?=[\s-](?:hundred |thousand|million|billion|trillion|times|percent|per cent)\b)"
    rf"|\b(?P<mult>{'|'.join(MULT_WORDS)})\b"
    rf"|\b(?P<frac>(?:a|one|two|three|four|five|seven|nine)[ -](?:{'|'.join(FRACTIONS)}))\b"
    rf"|\b(?P<onein>one (?:in|out of) (?:every )?)(?P<den>\d+(?:\.\d+)?|{_TEENS}|{_ONES})\b",
    re.I,
)
_SCALE = re.compile(r"[\s-]?(?P<s>thousand|million|billion|trillion|mln|mn|bln|bn|tn|lakhs?|crores?)\b|(?P<g>[kmbtKMBT])\b", re.I)
_HUNDRED = re.compile(r"[\s-]hundred(?=\s)", re.I)
_RANGE = re.compile(rf"\s?(?:-|–|—|to|and)\s?(?P<cur>{_PREFIX}|Rmb)?\s?(?P<num>{_DIGITS})", re.I)
_SUFFIX_CUR = re.compile(
    r"\s?(?P<c>" + "|".join(re.escape(k) for k in sorted(SUFFIX_CURRENCY, key=len, reverse=True)) + r")\b", re.I
)
_PERCENT = re.compile(r"\s?(?:(?P<pp>percentage points?|pp|ppts?|basis points|bps)\b|(?P<pct>%|percent\b|per cent\b|pct\b))", re.I)
_TIMES = re.compile(r"\s?(?:x\b|×|times\b|-fold\b|fold\b)", re.I)
_OR_MORE = re.compile(r"\s(?:or more|and above|or higher|and up)\b", re.I)
_UNIT = re.compile(
    r"[\s-](?P<u>" + "|".join(re.escape(k) for k in sorted(UNITS, key=len, reverse=True)) + r")\b", re.I
)
_NOUN_WORD = re.compile(r"[ \t\u00a0-](?P<w>[a-z][a-z'’-]{0,30}|[A-Z]{2,6}s?|[A-Z][a-z]{1,20}(?:-[a-z]{1,20})?)\b")
_GLUED = re.compile(r"[A-Za-z0-9_]")
_SHARED_NOUN = re.compile(r",?\s(?:and|or|to)\s(?:about\s|nearly\s)?\d[\d,.]{0,15}(?:\s?(?:thousand|million|billion))?(?=\s[a-z])", re.I)
_CLOCK = re.compile(r"\s?(?:[ap]\.m\.|[ap]m\b|GMT\b|UTC\b|ET\b|BST\b|HKT\b|JST\b|IST\b|local\stime\b)|:\d\d", re.I)
_LABEL_BEFORE = re.compile(r"\b(?:phase|stage|tier|level|grade|version|type|class|category|generation|gen|model|article|section|chapter|rule|step|day)\s$", re.I)
_PREV_WORD = re.compile(r"(?P<w>[A-Za-z][\w.-]{0,30})\s$")
# Words that end a counted-noun phrase or cannot start one.
_STOP = frozenset(
    "in of for the a an and or to by from on at with was were is are be been as than that which who this these its "
    "their his her our more less fewer each per over under about last next this year years month months day days "
    "percent times fold so but while into after before since until during when where now yet also still only just "
    "up down out off higher lower new old more most least top first second third largest biggest within across among between "
    "via through against including like such is are was were has have had will would could can may might should said "
    "compared versus vs it they he she we you i there here yuan dollars respectively".split()
)
_CONTINUE = frozenset({"per"})  # "tokens per minute"
_LY_ADJECTIVES = frozenset({"daily", "weekly", "monthly", "quarterly", "yearly"})


# Fast pre-scans: digit runs, and the words that number words lean on.  The
# full candidate pattern is then only tried, anchored, where these point:
# a big case-insensitive alternation tried at every position is ~50x slower.
_DIGIT_RUN = re.compile(r"\d[\d,.]*")
_KEYWORD = re.compile(r"million|billion|thousand|trillion|hundred|times|percent|per cent|doubl|tripl|quadrupl|fold|"
                      r"half|third|quarter|fifth|sixth|seventh|eighth|ninth|tenth|one in|one out")
_KEYWORD_I = re.compile(_KEYWORD.pattern, re.I)
_PREFIX_BEFORE = re.compile(rf"(?:{_PREFIX}|Rmb|rmb|Us\$)\s?$")
_WORD_START = re.compile(r"\b[A-Za-z]")


def _starts(text: str) -> list[int]:
    starts: set[int] = set()
    for m in _DIGIT_RUN.finditer(text):
        s = m.start()
        if s > 0 and text[s - 1] == "." and (s < 2 or not text[s - 2].isdigit()):
            s -= 1  # ".5 billion"
        starts.add(s)
        c = text[s - 1 : s]
        if c == " ":
            c = text[s - 2 : s - 1]
        if c and (c in "$¥￥€£₹₩." or c.isalpha()):  # only then can a currency prefix end here
            pm = _PREFIX_BEFORE.search(text, max(0, s - 8), s)
            if pm:
                starts.add(pm.start())
    low = text.lower()
    hits = _KEYWORD.finditer(low) if len(low) == len(text) else _KEYWORD_I.finditer(text)
    for m in hits:
        # Number words sit in the few words before the keyword ("eighty-two billion", "a fifth").
        for w in _WORD_START.finditer(text, max(0, m.start() - 24), m.start() + 1):
            starts.add(w.start())
    return sorted(starts)


def extract(text: str) -> list[Mention]:
    ambiguous_yen = _yen_reading(text)
    out: list[Mention] = []
    pos = 0
    for start in _starts(text):
        if start < pos:
            continue
        m = _CANDIDATE.match(text, start)
        if m is None:
            continue
        if m.group("num") is not None:
            found = _digits(text, m, ambiguous_yen)
        elif m.group("word") is not None:
            found = _words(text, m)
        elif m.group("mult") is not None:
            found = _mult_word(text, m)
        elif m.group("frac") is not None:
            found = _fraction(text, m)
        else:
            found = _one_in(text, m)
        if found is not None:
            out.append(found)
            pos = found.end
    return out


# --- readers ---------------------------------------------------------------


def _digits(text: str, m: re.Match, yen: str) -> Mention | None:
    numtext, cur_raw = m.group("num"), m.group("cur")
    start = m.start() if cur_raw else m.start("num")
    # A code glued to a preceding word is not a currency ("ABCUSD5").
    if cur_raw and start > 0 and _GLUED.match(text[start - 1]) and cur_raw[0] not in "$¥￥€£₹₩":
        cur_raw, start = None, m.start("num")
    # Part of a name or code: "GLM-5", "Qwen3.5", "COVID-19", "A100".
    if not cur_raw and start > 0 and (_GLUED.match(text[start - 1]) or (text[start - 1] in "-./" and start > 1 and _GLUED.match(text[start - 2]))):
        return None
    value = _num(numtext)
    decimals = _decimals(numtext)
    end = m.end("num")
    notes: list[str] = []
    currency, alternatives = None, []
    if cur_raw:
        currency, alternatives, note = _prefix_currency(cur_raw, yen)
        notes.append(note)
    high: float | None = None
    plus = text.startswith("+", end)  # "200+ billion"
    if plus:
        end += 1
        notes.append("'+' read as at-least")
    # "100-120bn", "5 to 7 years": a range before the scale, which applies to both ends.
    rm = None if plus else _RANGE.match(text, end)
    if rm and _range_ok(text, start, end, rm, value):
        high, end = _num(rm.group("num")), rm.end("num")
        decimals = max(decimals, _decimals(rm.group("num")))
    scale, end = _read_scale(text, end, currency, notes)
    if currency is None:
        currency, alternatives, end = _currency_after(text, end, notes)
    else:
        cm = _SUFFIX_CUR.match(text, end)  # "$100 billion USD": a code that agrees with the symbol
        if cm and cm.group("c").isupper() and SUFFIX_CURRENCY[cm.group("c").lower()] in (currency, "USD") and _word_end(text, cm.end()):
            currency, alternatives = SUFFIX_CURRENCY[cm.group("c").lower()], []
            end = cm.end()
    # "$100 billion to $120 billion", "between 5% and 7%": a range after the whole first figure.
    if high is None and not plus:
        rm = _RANGE.match(text, end)
        if rm and _range_ok(text, start, end, rm, value):
            hv, hend = _num(rm.group("num")), rm.end("num")
            hscale, hend = _read_scale(text, hend, currency, [])
            if hscale == scale and hv > value:
                high, end = hv, hend
                decimals = max(decimals, _decimals(rm.group("num")))
                if currency is None:
                    currency, alternatives, end = _currency_after(text, end, notes)
    kind, unit = "count", None
    if currency:
        kind, unit = "money", currency
    else:
        pm = _PERCENT.match(text, end)
        tm = _TIMES.match(text, end)
        if pm:
            kind, unit, end = ("percent-point", "pp", pm.end()) if pm.group("pp") else ("percent", "%", pm.end())
            if pm.group("pp") and pm.group("pp").lower() in ("basis points", "bps"):
                value, high = value / 100, (high / 100 if high is not None else None)
                decimals += 2
                notes.append("basis points / 100 = percentage points")
            if high is None:  # "5% to 7%"
                rm = _RANGE.match(text, end)
                pm2 = rm and _PERCENT.match(text, rm.end("num"))
                if rm and pm2 and _range_ok(text, start, end, rm, value):
                    high, end = _num(rm.group("num")), pm2.end()
                    decimals = max(decimals, _decimals(rm.group("num")))
        elif tm and scale == 1.0:
            kind, unit, end = "multiple", "x", tm.end()
        else:
            um = _UNIT.match(text, end)
            if um and _word_end(text, um.end()):
                kind, unit, end = "quantity", UNITS[um.group("u").lower()], um.end()
            else:
                noun, nend = _noun(text, end)
                shared = None
                if not noun:
                    # "40,000 and 31,767 vehicles": the noun after the last number counts both.
                    sm2 = _SHARED_NOUN.match(text, end)
                    shared = _noun(text, sm2.end())[0] if sm2 else None
                    if shared and shared.split()[0].lower() in SCALES:
                        shared = None  # "50 million and 114 million, respectively": no noun after all
                if scale == 1.0 and (_is_year_like(numtext) and high is None or not (noun or shared or "," in numtext)):
                    return None  # a bare number says nothing checkable; "2025 revenue" is a year; "380,000" may be
                if shared:
                    unit = shared
                    notes.append(f"counts the '{shared}' named after the list")
                if noun:
                    unit, end = noun, nend
    if _CLOCK.match(text, m.end("num")):
        return None  # "7 p.m.", "10:30", "1015 GMT": a time of day
    if not cur_raw and _LABEL_BEFORE.search(text, max(0, start - 12), start):
        return None  # "phase 3 study", "Level 4 autonomy": a label, not a quantity
    if kind != "count" and not _word_end(text, end):
        return None  # "5G", "3nm-class" glued into a word
    if kind == "count" and scale == 1.0 and high is None and _named(text, start):
        return None  # "RTX 3060 cards", "Boeing 737 jets"
    half = 0.5 * 10 ** (-decimals) * scale
    if scale > 1:
        # "$1 billion", "$5bn": a scaled round figure is taken to within 5%, not half its only digit.
        half = min(half, 0.05 * value * scale)
    bound = Bound.RANGE if high is not None else _bound(text, start)
    more = _OR_MORE.match(text, end)
    if (plus or more) and high is None and bound == Bound.EXACT:
        bound = Bound.AT_LEAST
        if more:
            end = more.end()
            notes.append(f"'{more.group(0).strip()}' read as at-least")
    if bound not in (Bound.EXACT, Bound.RANGE) and not (plus or more):
        bm = _BOUND_RE.search(text, max(0, start - 30), start)
        if bm:
            start = bm.start()
            notes.append(f"'{bm.group('w')}' read as {bound.value}")
    mention = Mention(doc="", start=start, end=end, text=text[start:end], kind=kind, unit=unit, notes=notes, alternatives=alternatives)
    _interval(mention, value * scale, value * scale, (high if high is not None else value) * scale, half, bound)
    return mention


def _currency_after(text: str, end: int, notes: list[str]) -> tuple[str | None, list[str], int]:
    """'200 billion yuan', '5 million dollars': a currency written after the figure."""
    cm = _SUFFIX_CUR.match(text, end)
    if cm and _word_end(text, cm.end()):
        currency, alternatives, note = _suffix_currency(cm.group("c"))
        notes.append(note)
        return currency, alternatives, cm.end()
    return None, [], end


def _decimals(numtext: str) -> int:
    return len(numtext.split(".")[1]) if "." in numtext else 0


def _range_ok(text: str, start: int, end: int, rm: re.Match, value: float) -> bool:
    sep = text[end : rm.start("num")].strip().lower()
    if sep.startswith("and") and not _between(text, start):
        return False
    if sep.startswith("to") and re.search(r"\bfrom\s(?:\S{1,4}\s?)?$", text[max(0, start - 14) : start], re.I):
        return False  # "from 160 to 200": a change, two figures
    return _num(rm.group("num")) > value


def _read_scale(text: str, end: int, currency: str | None, notes: list[str]) -> tuple[float, int]:
    hm = _HUNDRED.match(text, end)
    sm = _SCALE.match(text, hm.end() if hm else end)
    if sm and (sm.group("s") or _glued_scale_ok(sm.group("g"), currency, text, sm.end())) and _word_end(text, sm.end()):
        scale = SCALES[(sm.group("s") or sm.group("g")).lower()] * (100 if hm else 1)
        notes.append(f"scale '{text[end:sm.end()].strip()}' = {scale:g}")
        return scale, sm.end()
    if hm:
        notes.append("scale 'hundred' = 100")
        return 100.0, hm.end()
    return 1.0, end


def _words(text: str, m: re.Match) -> Mention | None:
    w = m.group("word").lower().replace("-", " ")
    value = _word_value(w)
    if value is None:
        return None
    end = m.end("word")
    start = m.start("word")
    hm = _HUNDRED.match(text, end)
    if hm:
        value, end = value * 100, hm.end()
    sm = _SCALE.match(text, end)
    scale, notes = 1.0, [f"number words '{m.group('word')}' = {value:g}"]
    if sm and sm.group("s"):
        scale = SCALES[sm.group("s").lower()]
        notes.append(f"scale '{sm.group('s')}' = {scale:g}")
        end = sm.end()
    kind, unit = "count", None
    cm = _SUFFIX_CUR.match(text, end)
    pm = _PERCENT.match(text, end)
    tm = _TIMES.match(text, end)
    if cm and scale > 1:
        kind, unit = "money", SUFFIX_CURRENCY[cm.group("c").lower()]
        end = cm.end()
    elif pm and scale == 1:
        kind, unit, end = "percent", "%", pm.end()
    elif tm and scale == 1:
        kind, unit, end = "multiple", "x", tm.end()
    elif scale > 1:
        noun, nend = _noun(text, end)
        if noun:
            unit, end = noun, nend
    else:
        return None
    mention = Mention(doc="", start=start, end=end, text=text[start:end], kind=kind, unit=unit, notes=notes)
    bound = _bound(text, start)
    if bound not in (Bound.EXACT, Bound.RANGE):
        bm = _BOUND_RE.search(text, max(0, start - 30), start)
        mention.start, mention.text = bm.start(), text[bm.start() : end]
    # Number words are round figures: precision of the leading word.
    half = 0.5 * scale * (1 if value < 20 or value % 10 else 10) if kind != "multiple" else 0.0
    _interval(mention, value * scale, value * scale, value * scale, half, bound)
    return mention


def _mult_word(text: str, m: re.Match) -> Mention:
    v = MULT_WORDS[m.group("mult").lower()]
    mention = Mention(doc="", start=m.start(), end=m.end(), text=m.group(0), kind="multiple", unit="x",
                      notes=[f"'{m.group(0)}' = {v}x"])
    bound = _bound(text, m.start())
    if bound not in (Bound.EXACT, Bound.RANGE):
        bm = _BOUND_RE.search(text, max(0, m.start() - 30), m.start())
        mention.start, mention.text = bm.start(), text[bm.start() : m.end()]
    _interval(mention, v, v, v, 0.0, bound)
    return mention


def _fraction(text: str, m: re.Match) -> Mention:
    num_word, den_word = re.split(r"[ -]", m.group("frac").lower(), maxsplit=1)
    v = _word_value(num_word) / FRACTIONS[den_word]
    mention = Mention(doc="", start=m.start(), end=m.end(), text=m.group(0), kind="fraction", unit=None,
                      notes=[f"'{m.group(0)}' = {v:.4g}"])
    _interval(mention, v, v, v, 0.0, _bound(text, m.start()))
    return mention


def _one_in(text: str, m: re.Match) -> Mention:
    den_text = m.group("den")
    den = _num(den_text) if den_text[0].isdigit() else _word_value(den_text.lower())
    v = 1 / den
    mention = Mention(doc="", start=m.start(), end=m.end(), text=m.group(0), kind="fraction", unit=None,
                      notes=[f"'{m.group(0)}' = 1/{den:g} = {v:.4g}"])
    _interval(mention, v, v, v, 0.0, _bound(text, m.start()))
    return mention


# --- helpers ---------------------------------------------------------------


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def _word_value(w: str) -> float | None:
    if w in WORDS:
        return float(WORDS[w])
    parts = w.replace("-", " ").split()
    if len(parts) == 2 and parts[0] in WORDS and parts[1] in WORDS:
        return float(WORDS[parts[0]] + WORDS[parts[1]])
    return None


def _bound(text: str, start: int) -> Bound:
    bm = _BOUND_RE.search(text, max(0, start - 30), start)
    if not bm:
        return Bound.EXACT
    for i, (_, b) in enumerate(BOUNDS):
        if bm.group(f"b{i}"):
            if b == Bound.ABOVE and bm.group("w").lower() == "over" and _over_is_across(text, start):
                return Bound.EXACT
            return b
    return Bound.EXACT


def _over_is_across(text: str, start: int) -> bool:
    """'over three years' is a span of time, 'hand over 350,000 cars' a phrasal verb: not bounds."""
    if re.search(r"\b(?:hand(?:s|ed|ing)?|turn(?:s|ed|ing)?|take(?:s|n)?|took|carr(?:y|ies|ied)|pass(?:es|ed)?|roll(?:s|ed)?)\sover\s$",
                 text[max(0, start - 16) : start], re.I):
        return True
    return bool(re.match(r"[\w.,]{1,12}\s(?:years?|months?|weeks?|days?|decades?)\b", text[start : start + 30], re.I))


def _between(text: str, start: int) -> bool:
    return bool(re.search(r"\bbetween\s(?:\S{1,4}\s?)?$", text[max(0, start - 16) : start], re.I))


def _interval(m: Mention, value: float, low: float, high: float, half: float, bound: Bound) -> None:
    m.value, m.bound = value, bound
    # "about" and "nearly" allow what rounding to a round figure does: 5% either way, 10% below.
    approx = max(half, 0.05 * abs(value))
    below = max(half, 0.1 * abs(value))
    if bound == Bound.EXACT:
        m.low, m.high = value - half, value + half
    elif bound == Bound.RANGE:
        m.low, m.high = low - half, high + half
        m.value = (low + high) / 2
    elif bound == Bound.APPROX:
        m.low, m.high = value - approx, value + approx
    elif bound == Bound.BELOW:
        m.low, m.high, m.high_inclusive = value - below, value, False
    elif bound == Bound.ABOVE:
        m.low, m.high, m.low_inclusive = value, None, False
    elif bound == Bound.AT_LEAST:
        m.low, m.high = value, None
    elif bound == Bound.AT_MOST:
        m.low, m.high = None, value
    elif bound == Bound.UNDER:
        m.low, m.high, m.high_inclusive = None, value, False
    if m.kind == "count" and m.low is None:
        m.low = 0.0  # counts cannot be negative


def _prefix_currency(raw: str, yen: str) -> tuple[str, list[str], str]:
    key = raw if raw in PREFIX_CURRENCY else raw.upper()
    key = "US$" if key == "US$" or raw == "Us$" else key
    code = PREFIX_CURRENCY.get(key, "CNY")
    if raw == "$":
        return "USD", list(AMBIGUOUS["$"][1]), "'$' read as USD (the usual reading; could be another dollar)"
    if raw in "¥￥":
        other = "JPY" if yen == "CNY" else "CNY"
        return yen, [other], f"'{raw}' read as {yen} from the text's other currency words (could be {other})"
    return code, [], f"'{raw}' = {code}"


def _suffix_currency(word: str) -> tuple[str, list[str], str]:
    key = word.lower()
    code = SUFFIX_CURRENCY[key]
    if key in AMBIGUOUS:
        return code, list(AMBIGUOUS[key][1]), f"'{word}' read as USD (could be another dollar)"
    return code, [], f"'{word}' = {code}"


def _yen_reading(text: str) -> str:
    """'¥' is yuan or yen: count the text's own currency words."""
    if "¥" not in text and "￥" not in text:
        return "CNY"
    low = text.lower()
    cny = low.count("yuan") + low.count("rmb") + low.count("renminbi") + low.count("china")
    jpy = low.count("yen") + low.count("japan")
    return "JPY" if jpy > cny else "CNY"


def _glued_scale_ok(g: str, currency: str | None, text: str = "", end: int = 0) -> bool:
    """'$5bn', 'USD34.6m', '10K users', '3m users': a one-letter scale, glued.  A lowercase
    m/b/t is a scale only beside a currency or before a plural noun ('5m' alone is five metres)."""
    if currency is not None or g in "KMB":
        return True
    nxt = _NOUN_WORD.match(text, end)
    return nxt is not None and nxt.group("w").endswith("s") and nxt.group("w").islower()


def _word_end(text: str, i: int) -> bool:
    return i >= len(text) or not _GLUED.match(text[i])


def _noun(text: str, end: int) -> tuple[str | None, int]:
    """The noun a number counts: up to three words, '130 million orders',
    '50 million daily active users', 'a 4-billion-item library'."""
    words: list[tuple[str, int]] = []  # (word, end offset)
    pos = end
    while len(words) < 3:
        nm = _NOUN_WORD.match(text, pos)
        if not nm:
            break
        w = nm.group("w")
        lw = w.lower()
        if lw in _CONTINUE and words:
            nxt = _NOUN_WORD.match(text, nm.end())
            if nxt and nxt.group("w").lower() not in _STOP:
                words += [(w, nm.end()), (nxt.group("w"), nxt.end())]
            break
        if (lw in _STOP and not _capitalised(w)) or (lw.endswith("ly") and lw not in _LY_ADJECTIVES) or lw.endswith(("'s", "’s")):
            break
        if words and _capitalised(w) and not _capitalised(words[-1][0]):
            break  # "vehicles BYD sold": a name after the noun starts a new phrase
        words.append((w.rstrip("'’"), nm.end() - (len(w) - len(w.rstrip("'’")))))
        pos = nm.end()
        if text[nm.start()] == "-":
            # "a 128K-token context window": the hyphenated word describes the noun that follows.
            for _ in range(2):
                nxt = _NOUN_WORD.match(text, pos)
                if not nxt or text[nxt.start()] != " " or nxt.group("w").lower() in _STOP or _capitalised(nxt.group("w")):
                    break
                words.append((nxt.group("w"), nxt.end()))
                pos = nxt.end()
            break
        if lw.endswith("s") and not lw.endswith(("ss", "us", "is")) and len(lw) > 3:
            nxt = _NOUN_WORD.match(text, pos)
            if not (nxt and nxt.group("w").lower() in _CONTINUE):
                break  # the plural head noun ends the phrase: "vehicles outside mainland China"
    while words and (words[-1][0].lower().endswith("ed") or _capitalised(words[-1][0])):
        words.pop()  # "3 shipped": a verb; "5 billion Alibaba": a name, not a counted noun
    if not words:
        return None, end
    return " ".join(w for w, _ in words), words[-1][1]


def _capitalised(w: str) -> bool:
    """'Alibaba', 'New' (a name's word) but not 'DAU' or 'GPUs' (acronyms)."""
    return w[:1].isupper() and not w.rstrip("s").isupper()


def _named(text: str, start: int) -> bool:
    """A number right after a capitalised or alphanumeric word is part of a name."""
    pm = _PREV_WORD.search(text, max(0, start - 32), start)
    if not pm:
        return False
    w = pm.group("w")
    return (w[0].isupper() or any(ch.isdigit() for ch in w)) and w.lower() not in _SENTENCE_OPENERS


_SENTENCE_OPENERS = frozenset("the a an some about over nearly almost around only just all its their".split())


def _is_year_like(numtext: str) -> bool:
    return len(numtext) == 4 and numtext.isdigit() and 1900 <= int(numtext) <= 2100
