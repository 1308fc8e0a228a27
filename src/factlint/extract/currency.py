"""Currency symbols, codes and names around a figure, read as ISO 4217 codes.
'$' and '¥' are ambiguous: the reading names the alternatives."""
from __future__ import annotations

import re

from .lexicon import (AMBIGUOUS, GLUED_SUBUNIT, NOT_PENCE, PREFIX_CURRENCY, SCALED_PREFIX, SUFFIX_CURRENCY,
                      WEIGHED_GOODS, alternation)
from .nouns import word_end

PREFIX = alternation(PREFIX_CURRENCY)
SUFFIX = re.compile(r"\s?(?P<c>" + alternation(SUFFIX_CURRENCY) + r")(?![A-Za-z0-9_])", re.I)
# ISO codes after the figure, in capitals only ("500 ZAR"; "5 try" is not lira).
_CODES = {k: v for k, v in PREFIX_CURRENCY.items() if len(k) == 3 and k.isupper() and k.isalpha()}
_CODE_AFTER = re.compile(r"\s?(?P<c>[A-Z]{3})(?![A-Za-z0-9_])")
_SCALED = re.compile(r"(?P<c>" + alternation(SCALED_PREFIX) + r")(?=\d+(?:\.\d+)?\s?(?:billion|million|trillion|bn|m\b)|\d{1,3},\d{3})")


def scaled_prefix(text: str, start: int) -> str | None:
    """'R2.5 billion' is rand; a lone 'R2' is a name."""
    m = _SCALED.match(text, start)
    return m.group("c") if m else None


def prefix_currency(raw: str, yen: str) -> tuple[str, list[str], str]:
    raw = raw.replace(" ", "")
    if raw in SCALED_PREFIX:
        return SCALED_PREFIX[raw], [], f"'{raw}' before a scaled amount = {SCALED_PREFIX[raw]}"
    code = PREFIX_CURRENCY.get(raw) or PREFIX_CURRENCY.get(raw.upper()) or "CNY"
    if raw == "$":
        return "USD", list(AMBIGUOUS["$"]), "'$' read as USD (the usual reading; could be another dollar)"
    if raw in "¥￥":
        other = "JPY" if yen == "CNY" else "CNY"
        return yen, [other], f"'{raw}' read as {yen} from the text's other currency words (could be {other})"
    return code, [], f"'{raw}' = {code}"


def suffix_currency(word: str) -> tuple[str, list[str], str]:
    key = word.lower()
    code = SUFFIX_CURRENCY[key]
    if key in AMBIGUOUS:
        return code, list(AMBIGUOUS[key]), f"'{word}' read as {code} (could be {', '.join(AMBIGUOUS[key])})"
    return code, [], f"'{word}' = {code}"


_POUNDS_OF = re.compile(r"\s?(?P<u>pounds?)\s+of\s+(?:(?:refined|payable|recovered|raw|fresh|frozen)\s+)?(?P<w>[a-z]+)", re.I)


def weighed_pounds(text: str, end: int) -> int | None:
    """'4.1 billion pounds of copper': where the word 'pounds' ends when it weighs a good."""
    m = _POUNDS_OF.match(text, end)
    return m.end("u") if m and m.group("w").casefold() in WEIGHED_GOODS else None


def currency_after(text: str, end: int, notes: list[str]) -> tuple[str | None, list[str], int]:
    """'200 billion yuan', '5 million dollars', '1,200€': a currency after the figure."""
    cm = SUFFIX.match(text, end)
    if cm and word_end(text, cm.end()) and weighed_pounds(text, end) is None:
        currency, alternatives, note = suffix_currency(cm.group("c"))
        notes.append(note)
        return currency, alternatives, cm.end()
    km = _CODE_AFTER.match(text, end)
    if km and km.group("c") in _CODES:
        notes.append(f"'{km.group('c')}' = {_CODES[km.group('c')]}")
        return _CODES[km.group("c")], [], km.end()
    return None, [], end


def glued_subunit(text: str, end: int, value: float) -> str | None:
    """'75p' counts pence; '1080p' is a video format, '7p.m.' a time."""
    g = text[end : end + 1]
    if g in GLUED_SUBUNIT and word_end(text, end + 1) and not text.startswith(".m.", end + 1) and value not in NOT_PENCE:
        return GLUED_SUBUNIT[g]
    return None


def yen_written(m) -> bool:
    """Whether a money mention was written with '¥', whose currency (yen or yuan) is a guess
    from the text's words (yen_reading)."""
    return "¥" in m.text or "￥" in m.text


def yen_reading(text: str) -> str:
    """'¥' is yuan or yen: count the text's own currency words."""
    if "¥" not in text and "￥" not in text:
        return "CNY"
    low = text.lower()
    cny = low.count("yuan") + low.count("rmb") + low.count("renminbi") + low.count("china")
    jpy = low.count("yen") + low.count("japan")
    return "JPY" if jpy > cny else "CNY"
