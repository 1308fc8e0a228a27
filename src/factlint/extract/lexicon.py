"""The words and symbols of amounts, loaded once from rules/lexicon/units.toml.

Word lists live in the data file; the patterns built from them live here so
every reader shares one compiled copy.  A malformed file is a ConfigError
naming the file and key, as for the other lexicons."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path


class LexiconError(ValueError):
    """rules/lexicon/units.toml cannot be used."""


def lexicon_path(name: str) -> Path:
    """A file of rules/lexicon/: the bundled copy when installed, else the repository's."""
    bundled = Path(__file__).resolve().parents[1] / "_rules" / "lexicon" / name
    return bundled if bundled.exists() else Path(__file__).resolve().parents[3] / "rules" / "lexicon" / name


PATH = lexicon_path("units.toml")


def load(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise LexiconError(f"{path}: {e}") from e


def _table(data: dict, *keys: str) -> dict:
    node = data
    for k in keys:
        node = node.get(k) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            raise LexiconError(f"{PATH}: [{'.'.join(keys)}] missing or not a table")
    return node


DATA = load(PATH)
SCALES: dict[str, float] = {k: float(v) for k, v in _table(DATA, "scales").items()}
PREFIX_CURRENCY: dict[str, str] = _table(DATA, "currency", "prefix")
SUFFIX_CURRENCY: dict[str, str] = _table(DATA, "currency", "suffix")
AMBIGUOUS: dict[str, list[str]] = _table(DATA, "currency", "ambiguous")
RATE_WORDS: dict[str, str] = _table(DATA, "currency").get("rate_words", {})
GLUED_SUBUNIT: dict[str, str] = _table(DATA, "currency", "glued_suffix")
VIDEO_WORDS = frozenset(_table(DATA, "currency").get("video_words", []))
WEIGHED_GOODS = frozenset(_table(DATA, "currency").get("weighed_goods", []))
NOT_PENCE = frozenset(float(v) for v in _table(DATA, "currency").get("not_pence", []))
SCALED_PREFIX: dict[str, str] = _table(DATA, "currency", "glued_prefix_needs_scale")
UNIT_ALIAS: dict[str, str] = _table(DATA, "units", "alias")
UNIT_MODIFIERS = frozenset(_table(DATA, "units").get("modifiers", []))
TROY_METALS = frozenset(_table(DATA, "units").get("troy_metals", []))
UNIT_GLUED: dict[str, str] = _table(DATA, "units", "glued")
NOT_UNITS = frozenset(_table(DATA, "pint").get("not_units", []))
DIMENSIONS = frozenset(_table(DATA, "pint").get("dimensions", []))
RATE_TIME = frozenset(_table(DATA, "rate").get("time", []))
RATE_THINGS = frozenset(_table(DATA, "rate").get("things", []))
RATE_AFTER_ARTICLE = frozenset(_table(DATA, "rate").get("after_article", []))
ONES: dict[str, int] = _table(DATA, "words", "ones")
TENS: dict[str, int] = _table(DATA, "words", "tens")
MULTIPLIERS: dict[str, float] = {k: float(v) for k, v in _table(DATA, "words", "multipliers").items()}
FRACTIONS: dict[str, int] = _table(DATA, "words", "fractions")
MULT_WORDS: dict[str, int] = _table(DATA, "words", "multiples")
VAGUE: dict[str, tuple[float, float]] = {k: (float(v[0]), float(v[1])) for k, v in _table(DATA, "vague").items()}
EXAMPLES: list[dict] = DATA.get("example", [])
NOT_EXAMPLES: list[dict] = DATA.get("not_example", [])

for _name, _table_ in (("currency.prefix", PREFIX_CURRENCY), ("currency.suffix", SUFFIX_CURRENCY), ("units.alias", UNIT_ALIAS)):
    for _k, _v in _table_.items():
        if not isinstance(_v, str) or not _v:
            raise LexiconError(f"{PATH}: [{_name}].{_k}: expected a non-empty string")


def alternation(words) -> str:
    """A regex alternation, longest first so 'US$' wins over '$'."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))

