"""The words of dates, loaded once from rules/lexicon/dates.toml.

The patterns (patterns.py) and handlers are built from these lists; a
malformed file is a LexiconError naming the file and key."""
from __future__ import annotations

import re

from ..lexicon import LexiconError, lexicon_path, load

PATH = lexicon_path("dates.toml")
DATA = load(PATH)


def _get(key: str, kind: type):
    node = DATA
    for k in key.split("."):
        node = node.get(k) if isinstance(node, dict) else None
    if not isinstance(node, kind) or not node:
        raise LexiconError(f"{PATH}: {key}: missing, empty or not a {'list' if kind is list else 'table'}")
    if kind is list and not all(isinstance(w, str) and w for w in node):
        raise LexiconError(f"{PATH}: {key}: every entry must be a non-empty string")
    return node


def _pairs(key: str) -> dict[str, tuple[int, str]]:
    """word -> (sign, anchor) for the relative-date tables."""
    out = {}
    for w, v in _get(key, dict).items():
        if not (isinstance(v, list) and len(v) == 2 and v[0] in (-1, 0, 1) and v[1] in ANCHORS):
            raise LexiconError(f"{PATH}: {key}.{w}: expected [-1, 0 or 1, one of {', '.join(ANCHORS)}]")
        out[w] = (v[0], v[1])
    return out


ANCHORS = ("publication", "narrative", "object", "range")
MONTHS: list[str] = _get("months", list)
MONTH_ABBR: list[str] = _get("month_abbreviations", list)
WEEKDAYS: list[str] = _get("weekdays", list)
WEEKDAY_ABBR: list[str] = _get("weekday_abbreviations", list)
if len(MONTHS) != 12 or len(WEEKDAYS) != 7:
    raise LexiconError(f"{PATH}: months must name 12 months and weekdays 7 days")
MONTH_NUM = {m[:3].lower(): i for i, m in enumerate(MONTHS, 1)}
WEEKDAY_NUM = {d[:3].lower(): i for i, d in enumerate(WEEKDAYS)}
SMALL: list[str] = _get("counts.small", list)
TENS: dict[str, int] = _get("counts.tens", dict)
COUNT_PHRASES: dict[str, float] = _get("counts.phrases", dict)
VAGUE_COUNTS: list[str] = _get("counts.vague", list)
NUM_WORDS: dict[str, float] = {w: i for i, w in enumerate(SMALL)} | TENS | COUNT_PHRASES
ORDINALS: list[str] = _get("ordinals.words", list)
NTH_NUM = {w: i for i, w in enumerate(ORDINALS, 1)}
QUARTER_ORDINALS: dict[str, int] = _get("ordinals.quarters", dict)
HALF_ORDINALS: dict[str, int] = _get("ordinals.halves", dict)
DIRECTIONS = _pairs("relative.direction")
SPAN_WORDS = _pairs("relative.span")
REL_WORDS = _pairs("relative.word")
MONTH_OF_YEAR = _pairs("relative.month_of_year")
TODAY: dict[str, int] = _get("relative.today", dict)
WEEKDAY_MODS: dict[str, str] = _get("relative.weekday", dict)
if not set(WEEKDAY_MODS.values()) <= {"before", "after", "on or after", "by context"}:
    raise LexiconError(f"{PATH}: relative.weekday: each word is 'before', 'after', 'on or after' or 'by context'")
MONTH_SHIFT: dict[str, int] = _get("relative.month", dict)
UNIT_AFTER: list[str] = _get("context.unit_after", list)
NARRATIVE_AFTER_THE = frozenset(_get("context.narrative_after_the", list))
NOT_BEFORE_DAY = frozenset(_get("context.not_before_day", list))
MONTH_PARTS: list[str] = _get("context.month_parts", list)
YEAR_PARTS: list[str] = _get("context.year_parts", list)
FUTURE: list[str] = _get("context.future", list)
LEAD = frozenset(_get("context.lead", list)) | frozenset(SMALL) | frozenset(TENS) | frozenset(NTH_NUM)
PRONOUNS = frozenset(_get("context.pronouns", list))
MONTH_PREPS = frozenset(_get("context.month_preps", list))
STRONG_PREPS = frozenset(_get("context.strong_preps", list))
HALF_CODE_PREPS = frozenset(_get("context.half_code_preps", list))
COUNTED = frozenset(_get("context.counted", list))
MODEL_PREFIX = frozenset(_get("context.model_prefixes", list))
EVENTS = frozenset(_get("context.events", list))
NAMED_DAYS = frozenset(_get("context.named_days", list))
EXAMPLES: list[dict] = DATA.get("example", [])
NOT_EXAMPLES: list[dict] = DATA.get("not_example", [])


def alternation(words, space: str = r"\s{1,3}") -> str:
    """A regex alternation of words, longest first; a space inside a phrase matches `space`."""
    return "|".join(space.join(map(re.escape, w.split())) for w in sorted(words, key=lambda w: (-len(w), w)))
