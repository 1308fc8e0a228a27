"""How one document writes numbers and numeric dates: English ("1,045.5",
"02/09/2025" = 9 February) or European ("1.045,5", "02/09/2025" = 2 September).

Decided per document from evidence that cannot be read both ways: a thousands
dot before a decimal comma ("1.045,5"), two thousands dots ("1.234.567"), a
decimal comma with one or two digits beside a currency or scale ("€1,6
billion", "0,6%"), or their English mirror images; a numeric date whose first
(or second) field is over 12, or that a date in the file's name reads one way;
days written "1 September" or "September 1"; a language or country hint (html lang,
og:locale, front matter, the source's domain).  An ambiguous token ("52.888",
"45,401") is never evidence.  Nothing unambiguous: the English reading, as
before.  Separators and date order are two decisions: a British page writes
"13/02/2025" with English numbers.

A European page is read by rewriting its number tokens to English separators
in a copy of the text of the same length (offsets stay valid), so every figure
reader stays one reader.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates.words import MONTHS
from .lexicon import DATA, PATH, PREFIX_CURRENCY, LexiconError, alternation

_CONV = DATA.get("convention")
if not isinstance(_CONV, dict):
    raise LexiconError(f"{PATH}: [convention] missing or not a table")
LANGUAGES = frozenset(_CONV.get("decimal_comma_languages", []))
TLDS = frozenset(_CONV.get("decimal_comma_tlds", []))
_WEIGHT = {"lang": int(_CONV.get("hint_weight", {}).get("lang", 2)), "tld": int(_CONV.get("hint_weight", {}).get("tld", 1))}
_SCALE_AFTER = re.compile(r"[ \t]?(?:" + alternation(_CONV.get("scale_context", [])) + r")(?![\w])", re.I)
_CURRENCY_BEFORE = re.compile(r"(?:" + alternation(PREFIX_CURRENCY) + r")[ \t]?\Z")

# Runs of digits and separators, taken whole (possessive: nothing to backtrack, so linear
# on "1111..."); _tokens() trims and bounds them.
_RUN = re.compile(r"\d[\d.,]*+")
_EU_FULL = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+")
_EN_FULL = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+")
_EU_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
_EN_GROUPS = re.compile(r"\d{1,3}(?:,\d{3}){2,}")
_DECIMAL = re.compile(r"(?P<int>\d+)(?P<sep>[.,])(?P<frac>\d+)")
# The month, day and year of a numeric date; the first field is read before it.
_DATE_TAIL = re.compile(r"(?P<s>[/.-])(?P<b>[0-3]?\d)(?P=s)(?:19|20)\d\d(?![\w]|[.,]\d)")
_FM_KEY = re.compile(r"(?m)^(?P<k>lang|language|locale|url|source|canonical)[ \t]*:[ \t]*[\"']?(?P<v>\S{1,300})")
_ATTR = re.compile(r"""(?:lang|content|href)\s*=\s*["']?(?:https?://)?(?P<v>[^"'\s>]{1,300})""", re.I)
_HOST = re.compile(r"(?:https?://)?(?:[\w-]+\.)+(?P<tld>[a-z]{2,})(?:[/:?#]|\Z)", re.I)
_FILE_HOST = re.compile(r"(?:[a-z0-9-]+\.)+(?P<tld>[a-z]{2,})_", re.I)
_LANG_CODE = re.compile(r"[A-Za-z]{2,3}(?![A-Za-z])")
# A file named with its date ("wire_2025-09-02_isak.txt") says which way its "02/09/2025" reads.
_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)")
# A day written with a month name shows the house order: "1 September" (day first) or "September 1".
# Month names are found by a plain alternation (fast); the day is read beside them.
_MONTH_NAME = re.compile("|".join(MONTHS))
_DAY_BEFORE = re.compile(r"(?<![\w.,])[0-3]?\d(?:st|nd|rd|th)?[ \t]{1,3}(?:of[ \t]{1,3})?\Z")
_DAY_AFTER = re.compile(r"[ \t]{1,3}[0-3]?\d(?:st|nd|rd|th)?(?![\w]|[.,:]\d)")
_SHOWN = 3  # examples of evidence named per side


@dataclass
class Convention:
    """One document's reading: decimal comma or point, day or month first."""

    decimal_comma: bool = False
    day_first: bool = False
    european: list[str] = field(default_factory=list)  # evidence, as written
    english: list[str] = field(default_factory=list)

    def note(self) -> str | None:
        """How the document was read and why; None when nothing pointed either way."""
        if not (self.european or self.english):
            return None
        nums = "European numbers (',' decimal, '.' thousands)" if self.decimal_comma else "English numbers"
        dates = "day/month dates" if self.day_first else "month/day dates"

        def shown(ev: list[str]) -> str:
            return ", ".join(ev[:_SHOWN]) + (f" and {len(ev) - _SHOWN} more" if len(ev) > _SHOWN else "")

        sides = [f"{len(ev)} {name} ({shown(ev)})" for name, ev in (("European", self.european), ("English", self.english)) if ev]
        return f"document convention: {nums}, {dates}; evidence: {' vs '.join(sides)}"


def decide(text: str, raw: str = "", path: str = "") -> Convention:
    """The convention `text` is written in, from its own unambiguous evidence;
    `raw` (the file) and `path` give language and domain hints."""
    c = Convention()
    eu_n = en_n = eu_d = en_d = 0
    for s, e in _tokens(text):
        side = _number_side(text, s, e)
        if side:
            (c.european if side > 0 else c.english).append(repr(text[s:e]))
            eu_n, en_n = eu_n + (side > 0), en_n + (side < 0)
    named = _FILE_DATE.search(path.replace("\\", "/").rsplit("/", 1)[-1])
    filed = tuple(map(int, named.groups())) if named else None
    for m in _DATE_TAIL.finditer(text):
        s = m.start()
        a0 = s - 2 if s >= 2 and text[s - 2].isdigit() else s - 1
        if a0 < 0 or not text[s - 1 : s].isdigit() or a0 > 0 and (text[a0 - 1].isalnum() or text[a0 - 1] in "_.,/-"):
            continue
        a, b = int(text[a0:s]), int(m.group("b"))
        if a > 12 >= b >= 1:
            c.european.append(repr(text[a0 : m.end()]))
            eu_d += 1
        elif b > 12 >= a >= 1:
            c.english.append(repr(text[a0 : m.end()]))
            en_d += 1
        elif filed and a != b and filed[0] == int(text[m.end() - 4 : m.end()]) and {filed[1:]} & {(a, b), (b, a)}:
            first = filed[1:] == (b, a)
            (c.european if first else c.english).append(f"{text[a0 : m.end()]!r} in a file dated {named.group()}")
            eu_d, en_d = eu_d + first, en_d + (not first)
    for m in _MONTH_NAME.finditer(text):
        s, e = m.span()
        if s and text[s - 1].isalnum() or text[e : e + 1].isalnum():
            continue
        before = _DAY_BEFORE.search(text, max(0, s - 12), s)
        after = None if before else _DAY_AFTER.match(text, e)
        if before or after:
            (c.european if before else c.english).append(repr(text[before.start() : e] if before else text[s : after.end()]))
            eu_d, en_d = eu_d + bool(before), en_d + bool(after)
    hint = 0
    code, tld = _hints(raw, path)
    if code in LANGUAGES:
        c.european.append(f"lang {code}")
        hint += _WEIGHT["lang"]
    if tld in TLDS:
        c.european.append(f"domain .{tld}")
        hint += _WEIGHT["tld"]
    c.decimal_comma = eu_n + hint > en_n
    # Date order follows the dates; with none either way, European numbers bring day-first dates.
    c.day_first = eu_d > en_d or (eu_d == en_d and c.decimal_comma)
    return c


def _tokens(text: str):
    """(start, end) of each number token with a separator, not part of a
    longer token ("v1.5", "A4.2b") or ending in a full stop."""
    for m in _RUN.finditer(text):
        s, e = m.span()
        while text[e - 1] in ".,":
            e -= 1  # a sentence's full stop or a list's comma
        if e - s < 3 or not ("." in text[s:e] or "," in text[s:e]):
            continue
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "_.,") or e < len(text) and (text[e].isalnum() or text[e] == "_"):
            continue
        yield s, e


def _number_side(text: str, s: int, e: int) -> int:
    """+1 European, -1 English, 0 ambiguous, for one number token."""
    tok = text[s:e]
    if _EU_FULL.fullmatch(tok) or _EU_GROUPS.fullmatch(tok):
        return 1
    if _EN_FULL.fullmatch(tok) or _EN_GROUPS.fullmatch(tok):
        return -1
    d = _DECIMAL.fullmatch(tok)
    if d is None:
        return 0
    sign = 1 if d.group("sep") == "," else -1
    if d.group("int") == "0" or len(d.group("frac")) > 3:  # "0,6" and "3,1416" are decimals whichever way
        return sign
    if len(d.group("frac")) < 3 and _beside_amount(text, s, e):
        return sign  # "€1,6 billion", "2.5%": a thousands group has three digits
    return 0


def _beside_amount(text: str, s: int, e: int) -> bool:
    return bool(_SCALE_AFTER.match(text, e) or _CURRENCY_BEFORE.search(text, max(0, s - 6), s))


def _hints(raw: str, path: str) -> tuple[str, str]:
    """The language code and the source's country domain the file names, if any:
    front matter keys, the html element's lang, og:locale, the canonical or
    og:url link, else a file named after its host ("www.example.de_...")."""
    code = host = ""
    if raw.startswith("---"):
        end = raw.find("\n---", 3)
        for m in _FM_KEY.finditer(raw, 0, end if end > 0 else 0):
            if m.group("k") in ("url", "source", "canonical"):
                host = host or m.group("v")
            else:
                code = code or m.group("v")
    else:
        head = raw[:20000]  # a page's head; the markers are found by plain search
        low = head.lower()
        for marker, is_lang in (("<html", True), ("og:locale", True), ('rel="canonical"', False), ("rel='canonical'", False),
                                ("og:url", False)):
            i = low.find(marker)
            if i < 0 or (code if is_lang else host):
                continue
            tag = head[low.rfind("<", 0, i + 1) : low.find(">", i) + 1 or i + 400]
            v = next((m.group("v") for m in _ATTR.finditer(tag) if not (is_lang and m.group(0).lower().startswith("href"))), "")
            if is_lang:
                code = v
            else:
                host = v
    lang = _LANG_CODE.match(code)
    h = _HOST.match(host) if host else None
    if h is None:
        h = _FILE_HOST.match(path.replace("\\", "/").rsplit("/", 1)[-1])
    return (lang.group().lower() if lang else ""), (h.group("tld").lower() if h else "")


# A token a European page writes: "1.045,5", "52.888", "1,6", "0,333".  The
# three-digit "45,401" is a decimal only beside a currency or scale ("€4,484
# billion"): a count of fans written with a comma group is that count.
_EU_TOKEN = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+)(?![\w]|[.,]\d)")
_SWAP = str.maketrans(".,", ",.")
_THREE = re.compile(r"[1-9]\d{0,2},\d{3}")


def to_english(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` with each European number token's separators swapped (same
    length), and the spans that were rewritten."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    last = 0
    for m in _EU_TOKEN.finditer(text):
        tok = m.group()
        if _THREE.fullmatch(tok) and not _beside_amount(text, m.start(), m.end()):
            continue
        parts += [text[last : m.start()], tok.translate(_SWAP)]
        spans.append((m.start(), m.end()))
        last = m.end()
    parts.append(text[last:])
    return "".join(parts), spans
