"""Where figures can start: one linear pass over the text.

Digit runs, currency prefixes and minus signs right before them, and number
words.  The readers are then tried, anchored, only where these point: a big
case-insensitive alternation tried at every position is ~50x slower."""
from __future__ import annotations

import re

from .currency import PREFIX
from .lexicon import FRACTIONS, MULT_WORDS, MULTIPLIERS, ONES, TENS, VAGUE, alternation

_DIGIT_RUN = re.compile(r"\d[\d,.]*")
_PREFIX_BEFORE = re.compile(rf"(?:(?:US|HK|AU|NZ|NT|A|C|S) \$|{PREFIX})\s?[-−]?$")
_MINUS_BEFORE = re.compile(r"(?:^|(?<=[\s(\[\"'“]))[-−]$")
_WORD_LIST = [*ONES, *TENS, *VAGUE, *MULT_WORDS, "half"]
_WORDS = re.compile(
    # The first-letter class lets the engine skip most positions without trying each word.
    r"\b(?=[" + "".join(sorted({w[0] for w in _WORD_LIST})) + r"])(?:" + alternation(_WORD_LIST) + r")\b"
    r"|\ban? (?=(?:" + alternation([*MULTIPLIERS, *FRACTIONS]) + r")\b)"
)


def digit_starts(text: str) -> list[int]:
    starts: set[int] = set()
    for m in _DIGIT_RUN.finditer(text):
        s = m.start()
        if s > 0 and text[s - 1] == "." and (s < 2 or not text[s - 2].isdigit()):
            s -= 1  # ".5 billion"
        starts.add(s)
        c = text[s - 1 : s]
        if c in ("-", "−") and _MINUS_BEFORE.search(text, max(0, s - 2), s):
            starts.add(s - 1)
            c = text[s - 2 : s - 1]
        if c == " ":
            c = text[s - 2 : s - 1]
        if c and (c in "$¥￥€£₹₩₦₱₺₽.-−" or c.isalpha()):  # only then can a currency prefix end here
            pm = _PREFIX_BEFORE.search(text, max(0, s - 8), s)
            if pm:
                starts.add(pm.start())
    return sorted(starts)


def word_starts(text: str) -> list[int]:
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowered: scan the text itself
        return [m.start() for m in re.finditer(_WORDS.pattern, text, re.I)]
    return [m.start() for m in _WORDS.finditer(low)]
