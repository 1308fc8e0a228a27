"""Physical units and rate denominators after a figure.

The news alias layer (rules/lexicon/units.toml: "mph", "Nm", "°C", "sq ft")
is tried first, as written, spaced or glued; any other word is asked of
pint's registry, which answers only for physical dimensions, so 'users'
stays a counted noun.  Every answer is cached per word."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import units
from .lexicon import DIMENSIONS, NOT_UNITS, RATE_AFTER_ARTICLE, RATE_THINGS, RATE_TIME, UNIT_ALIAS, UNIT_GLUED, alternation
from .nouns import STOP, word_end

_ALIAS = re.compile(r"(?P<sep>[ \u00a0-]?)(?P<u>" + alternation(UNIT_ALIAS) + ")")
_GLUED = re.compile(r"(?P<u>" + alternation(UNIT_GLUED) + ")")
_WORD = re.compile(r"[ \u00a0-](?P<pre>(?:square|cubic|sq\.?)\s)?(?P<w>[a-z]{4,24})\b")
# "a year earlier", "a day later" are times, not rates.
_PER = re.compile(r"(?:\s|-)?(?:(?P<p>per|an?|each|every)[\s-]|/)(?P<d>[A-Za-z]{2,12})\b(?!\s(?:earlier|ago|later|before|after|prior)\b)")
_NOT_AFTER = re.compile(r"[ -](?:line|mark|markers?|dash|run|sprint|race|stroke)s?\b")  # "the 40 yard line" is a place
# "gigawatt-something": a compound pint would half-read; "25-metre-high" is still metres.
_HYPHEN_WORD = re.compile(r"-(?!(?:high|long|wide|deep|tall|thick|old|plus|wide|range|class)\b)[a-z]")
_POWER = {"square": " ** 2", "sq": " ** 2", "sq.": " ** 2", "cubic": " ** 3"}


def read_unit(text: str, end: int) -> tuple[str, str, int] | None:
    """(pint name, as written, end) of a unit right after a figure, or None."""
    m = _ALIAS.match(text, end)
    if m and (word_end(text, m.end()) or not m.group("u")[-1].isalnum()):
        name = units.name(UNIT_ALIAS[m.group("u")]) or UNIT_ALIAS[m.group("u")]
        return name, m.group("u"), m.end()
    g = _GLUED.match(text, end)
    if g and word_end(text, g.end()):
        return UNIT_GLUED[g.group("u")], g.group("u"), g.end()
    w = _WORD.match(text, end)
    if w and w.group("w") not in NOT_UNITS and word_end(text, w.end()) and not _HYPHEN_WORD.match(text, w.end()):
        name = _pint_word(w.group("w"))
        if name:
            if w.group("pre"):
                name = units.name(name + _POWER[w.group("pre").strip()]) or name
            return name, text[w.start("pre") if w.group("pre") else w.start("w") : w.end()], w.end()
    return None


@lru_cache(maxsize=4096)
def _pint_word(word: str) -> str | None:
    """pint's unit for a whole word, only where pint reads the word itself: it also splits
    words into prefix + unit ('apps' = atto-pp), which news never means."""
    name = units.word_unit(word, DIMENSIONS)
    if name is None:
        return None
    spelt = word.replace("metre", "meter").replace("litre", "liter")
    if spelt.startswith(name.replace("_", "")[:4]) or _IRREGULAR.get(word) == name:
        return name
    return None


_IRREGULAR = {"feet": "foot"}


def place_after(text: str, end: int) -> bool:
    """'the 40 yard line', 'the 10-metre mark': a place on a field or course, not an amount."""
    return bool(_NOT_AFTER.match(text, end))


def read_per(text: str, end: int) -> tuple[str, int] | None:
    """'per barrel', 'a day', 'an hour', '/month': the denominator's name and where it ends."""
    m = _PER.match(text, end)
    if not m:
        return None
    d = m.group("d")
    single = d[:-1] if d.endswith("s") and d[:-1] in RATE_TIME | RATE_THINGS else d
    article = m.group("p") in ("a", "an", "each", "every")
    if single in RATE_TIME or (single in RATE_THINGS and (not article or single in RATE_AFTER_ARTICLE)):
        alias = UNIT_ALIAS.get(single)
        return (units.name(alias) if alias else None) or _pint_word(single) or single, m.end()
    if single == "annum":
        return "year", m.end()
    if not article and d.islower() and len(d) >= 3 and d not in STOP:
        return d, m.end()  # after "per" any noun: "$2.1 million per patient"
    return None
