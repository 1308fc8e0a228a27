"""Which entity a stretch of text names.

Known entities come from the alias table (rules/lexicon/entities.toml),
matched case-insensitively with possessives stripped.  A capitalised name
that is not an alias is fuzzily compared with the aliases (rapidfuzz) to
catch spelling variants ("Byte Dance", "Bytedanse"), but never when the two
differ in a digit or the name is another entity's alias: "Qwen3-Max" and
"Qwen3.5-Plus" must never meet.  Names not in the table become entities of
their own ("~name"), so unknown companies still group among themselves.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..extract.lexicon import PREFIX_CURRENCY
from ..lexicons import Entity
from .phrases import PhraseTrie, Token, tokens

_CURRENCY_CODES = frozenset(k for k in PREFIX_CURRENCY if k.isalpha())

FUZZY_CUTOFF = 90
_DIGITS = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class EntityHit:
    start: int
    end: int
    id: str  # canonical id, or "~normalised name" for names not in the table
    text: str
    type: str  # entity type, "unknown" for names not in the table
    possessive: bool


class EntityMatcher:
    def __init__(self, entities: list[Entity], words):
        self.words = words  # rules/lexicon/frames.toml: the name words (suffixes, descriptors, categories)
        self.by_id = {e.id: e for e in entities}
        self.trie = PhraseTrie()
        self.alias_of: dict[str, str] = {}
        for e in entities:
            for alias in [e.name, *e.aliases]:
                self.trie.add(alias, e.id)
                self.alias_of.setdefault(alias.casefold(), e.id)
        self._choices = list(self.alias_of)

    def find(self, text: str, start: int = 0, end: int | None = None, title: str = "") -> list[EntityHit]:
        """The names in text; a title (the document's headline) lets a lone word that opens
        sentences be a name (see _unknown_names)."""
        toks = tokens(text, start, end)
        hits = self.trie.find(toks)
        out: list[EntityHit] = []
        taken = [False] * len(toks)
        pos = {t.start: k for k, t in enumerate(toks)}
        for h in hits:
            e = self.by_id[h.key]
            kind = e.type
            after = _NEXT_WORD.match(text, h.end) if kind == "media" else None
            if after is not None and after.group(1).casefold() in self.words.corporate_set:
                kind = "company"  # "The New York Times Company ended 2024 with ...": the publisher as a company
            out.append(EntityHit(h.start, h.end, e.id, text[h.start : h.end], kind, _possessive(text, h.end)))
            k = pos[h.start]
            while k < len(toks) and toks[k].start < h.end:
                taken[k] = True
                k += 1
        out.extend(_same_names(self._unknown_names(text, toks, taken, title), self.words))
        out.sort(key=lambda h: h.start)
        return out

    def _unknown_names(self, text: str, toks: list[Token], taken: list[bool], title: str = "") -> list[EntityHit]:
        out = []
        # Capitalised words this text also uses mid-sentence: names even when they open one.
        named_inside = {t.text for t in toks if t.text[:1].isupper() and not _sentence_initial(text, t.start)}
        # ... and a word of the headline the text never writes in lower case ("Heathrow submits
        # expansion plan" over "Heathrow has submitted ...", "Heathrow argues ..."): a name
        # whose every use opens a sentence.
        # (A title that ends with a full stop is the text's first sentence standing in for a
        # missing headline: its opening "Adjusted" is no name.)
        lower = {t.text for t in toks if t.text.islower()}
        if not title.rstrip().endswith("."):
            named_inside |= {w for w in _TITLE_WORD.findall(title) if w.casefold() not in lower}
        headings: dict[int, bool] = {}  # line start -> whether the line is a Title Case heading
        line = scanned = 0
        k = 0
        words = self.words
        not_names = words.not_name_set
        while k < len(toks):
            low = toks[k].text.casefold()
            if low in words.region_words and k + 1 < len(toks) and toks[k + 1].text.casefold() in words.region_places \
                    and toks[k].text[:1].isupper() and toks[k + 1].start - toks[k].end == 1:
                k += 2  # "North America", "Latin America": a region
                continue
            opener = low in words.name_openers  # "New Jersey", "New York Stock Exchange", "New Glenn"
            lead = k if (low in words.name_adjectives or opener) and toks[k].text[:1].isupper() and not taken[k] else None
            if lead is not None:
                k += 1  # "Swiss Re": the name is read from the next word, then given its adjective back
            if k >= len(toks):
                break
            if taken[k] or not _name_word(toks[k].text, not_names) or text[toks[k].end : toks[k].end + 1] == "$" \
                    or (toks[k].text in _CURRENCY_CODES and text[toks[k].end + 1 : toks[k].end + 2].isdigit()):
                # ("SEK 4,264 million": a currency and its amount, never a name)
                k += 1
                continue
            j = k
            while (j + 1 < len(toks) and not taken[j + 1] and j - k < 3
                   and (toks[j + 1].start - toks[j].end == 1 or _initials_gap(text, toks[j], toks[j + 1]))
                   and (_name_word(toks[j + 1].text, not_names) or _NAME_TAIL.fullmatch(toks[j + 1].text))):
                j += 1  # "Model R", "Mate 80": a letter or number ends a product name
            if lead is not None and not (text[toks[lead].end : toks[k].start] in (" ", ". ") and not toks[k].text.isupper()
                                         and (opener or (j == k and _lower_after(text, toks, j)))):
                lead = None
            first, last = toks[lead if lead is not None else k], toks[j]
            name = text[first.start : last.end]
            at_sentence_start = _sentence_initial(text, first.start)
            possessive = _possessive(text, last.end)
            # A lone capitalised word opening a sentence is usually just that; "BYD" or "OpenAI" is a name.
            shaped = any(ch.isupper() for ch in name[1:])
            dateline = _line_start(text, first.start) and _LINE_DATELINE.match(text, last.end)
            if dateline and (name.isupper() or any(ch.isdigit() or ch == "(" for ch in dateline.group())):
                k = j + 1  # "MENLO PARK, Calif., Jan. 29 (PRTW) --": place, region and outlet
                while k < len(toks) and toks[k].start < dateline.end():
                    k += 1
                continue
            while (nl := text.find("\n", scanned, first.start)) >= 0:  # forward only: linear in the text
                line = scanned = nl + 1
            scanned = max(scanned, first.start)
            if line not in headings:  # once per line: a line of many names is read once, not per name
                headings[line] = _in_heading(text, first.start)
            if _DATELINE.match(text, last.end) or headings[line]:
                k = j + 1
                continue  # a dateline's place ("DUBLIN (AP) —"); a Title Case Heading's words
            opener_ok = (possessive or shaped or name in named_inside or _APPOSITIVE.match(text, last.end)
                         or _AMPERSAND.match(text, last.end))  # "Deere & Company reported ..."
            if not (j == k and lead is None and at_sentence_start and not opener_ok) and name.casefold() not in not_names:
                eid, etype = self._fuzzy(name)
                if etype == "unknown" and _TITLE_BEFORE.search(text, max(0, first.start - 40), first.start):
                    etype = "person"  # "CFO Vaibhav Taneja", "said analyst Li Jinqing"
                out.append(EntityHit(first.start, last.end, eid, name, etype, _possessive(text, last.end)))
            k = j + 1
        return out

    def _fuzzy(self, name: str) -> tuple[str, str]:
        key = name.casefold()
        if self._choices and len(key) >= 5:
            best = process.extractOne(key, self._choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best and _DIGITS.findall(best[0]) == _DIGITS.findall(key):
                e = self.by_id[self.alias_of[best[0]]]
                return e.id, e.type
        return unknown_id(key.split()), "unknown"

    def company_of(self, eid: str) -> str:
        """A person speaks for the organisation they work for."""
        e = self.by_id.get(eid)
        if e and e.type == "person" and e.relation == "works-for" and e.parent:
            return e.parent
        return eid

    def display(self, eid: str) -> str:
        e = self.by_id.get(eid)
        return e.name if e else eid.lstrip("~").title()


_TITLE_BEFORE = re.compile(
    r"\b(?:CEO|CFO|CTO|COO|CMO|chairman|chairwoman|chair|president|founder|co-founder|analyst|spokes(?:man|woman|person)|"
    r"director|minister|executive|economist|professor|chief|head|vice president|partner|investor|Mr|Mrs|Ms|Dr|officer)\.?,?\s"
    r"(?:[A-Z][a-z]{1,12}\s)?$",  # "chairman He Xiaopeng": a family name that is also a word
    re.I,
)
# "Celtair, Europe's second-largest carrier, ..." names a company even at a sentence's start.
_AMPERSAND = re.compile(r"\s&\s[A-Z]")
_APPOSITIVE = re.compile(r",\s(?:the|a|an|Europe's|Asia's|America's|China's|India's|Japan's|Korea's|the\sworld's)\s", re.I)
_DATELINE = re.compile(r"(?:,\s[A-Z][a-z]{2,8}\.?\s\d{1,2})?\s?\((?:AP|Reuters|AFP|Bloomberg|Xinhua|Kyodo|Yonhap|PTI|IANS)\)")


# "MENLO PARK, Calif., Jan. 29 (PRTW) --", "COPENHAGEN —", "SEOUL, 8 Oct 2024 -": a place, a
# region or two, a date and an outlet before the dash that opens a story.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_LINE_DATELINE = re.compile(
    r"(?:,\s[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?){0,2}"
    rf"(?:,?\s(?:{_MONTH}\s\d{{1,2}}|\d{{1,2}}\s{_MONTH})(?:,?\s\d{{4}})?)?"
    r"\s?(?:\([^()\n]{1,40}\)\s?)?(?:—|--|–|-)[*_]{0,2}\s")


_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])+")
_TITLE_WORD = re.compile(r"\b[A-Z][a-z]{2,}\b")


def _initials_gap(text: str, a, b) -> bool:
    """'A.P. Moller-Maersk': initials with their last stop run on into the name."""
    return b.start - a.end == 2 and text[a.end : b.start] == ". " and bool(_INITIALS.fullmatch(a.text))


def _line_start(text: str, i: int) -> bool:
    """Only spaces (or Markdown emphasis) before i on its line."""
    j = i - 1
    while j >= 0 and text[j] in " \t*_":
        j -= 1
    return j < 0 or text[j] == "\n"


_OUTLET_IN_DATELINE = re.compile(r"\(([^()]{3,60})\)")


def outlet_words(title: str) -> set[str]:
    """The publication's name words: a page title's site name ("... | CruiseDesk Daily") and the
    outlet a dateline opening the text puts in brackets ("SASKATOON, Sask. - (Canadian Resource
    Wire) Nutrien ...").  An article is never about its publisher.  (Not the `source` field: a
    company's own press release names the company there.)"""
    names = []
    if " | " in title:
        names.append(title.rsplit(" | ", 1)[1])
    m = _OUTLET_IN_DATELINE.search(title, 0, 120)
    if m:
        names.append(m.group(1))
    return set(re.findall(r"[^\W_]+", " ".join(names).casefold()))


def is_outlet(eid: str, outlet: set[str]) -> bool:
    """Whether an unknown name is the publication's (all its words are the outlet's)."""
    return bool(outlet) and eid.startswith("~") and set(eid[1:].split()) <= outlet


def name_base(eid: str, words) -> str:
    """An unknown name without its corporate form and descriptor words ("~takeda pharmaceutical
    co": ~takeda; "~spotify technology sa": ~spotify), so that articles writing a company in full
    and in short meet; and without a product's category noun ("the YU7 SUV" is the YU7).  A name
    keeps its first word."""
    parts = eid.split()
    while len(parts) > 1 and parts[-1].rstrip(".") in words.name_tail_set:
        parts.pop()
    return " ".join(parts)


def _same_names(hits: list[EntityHit], words) -> list[EntityHit]:
    """Within one text, 'Halcyon' after 'Halcyon Robotics' and 'Halcyon Robotics Ltd' are one
    unknown entity: the longest name they begin, with corporate suffixes dropped.  Only a name
    written in full before its short form is: 'Emirates' named before 'Emirates SkyCargo' is the
    group, and the longer name its division."""
    first: dict[str, int] = {}
    for h in hits:
        if h.type == "unknown":
            first.setdefault(name_base(h.id, words), h.start)
    full = sorted(first, key=len, reverse=True)
    out = []
    for h in hits:
        if h.type != "unknown":
            out.append(h)
            continue
        key = name_base(h.id, words)
        longer = next((f for f in full if f != key and f.startswith(key + " ") and first[f] < first[key]), key)
        out.append(EntityHit(h.start, h.end, longer, h.text, h.type, h.possessive) if longer != h.id else h)
    return out


_NEXT_WORD = re.compile(r"\s([A-Za-z]+)\b")
_FISCAL_CODE = re.compile(r"(?:[1-4]Q|[12]H|Q[1-4]|H[12])?FY\d{2,4}[A-Z]?")


_NAME_TAIL = re.compile(r"[A-Z]|\d{1,4}")


def _in_heading(text: str, i: int) -> bool:
    """A short line in Title Case ("YU7 Launch Rewrote the Rules"): its capitals say nothing."""
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    line = text[start : end if end >= 0 else len(text)].strip(" #*")
    words = [w for w in line.split() if w[:1].isalpha()]
    if not 2 <= len(words) <= 14 or line.endswith((".", ":")):
        return False
    return sum(w[:1].isupper() for w in words) >= 0.75 * len(words)


def _lower_after(text: str, toks: list[Token], j: int) -> bool:
    """Whether the word after toks[j] is not capitalised (or there is none): the name ends at j."""
    return j + 1 >= len(toks) or not toks[j + 1].text[:1].isupper() or toks[j + 1].start - toks[j].end > 2


def _name_word(tok: str, not_names: frozenset[str]) -> bool:
    if len(tok) < 2 or not tok[:1].isupper():
        return False  # "C" in "Series C", "A" opening a sentence; names are capitalised
    if _FISCAL_CODE.fullmatch(tok):
        return False  # "FY27", "FY27E", "1QFY27": fiscal periods
    # "Festival-themed" is an adjective, "July-September" a period: not names.
    if "-" in tok and (any(part[:1].islower() for part in tok.split("-")[1:])
                       or all(part.casefold() in not_names for part in tok.split("-"))):
        return False
    return tok[:1].isupper() and tok.casefold() not in not_names


def _possessive(text: str, end: int) -> bool:
    return text[end : end + 2] in ("'s", "’s") or text[end : end + 1] in ("'", "’") and text[end - 1 : end] == "s"


def _sentence_initial(text: str, i: int) -> bool:
    j = i - 1
    if j >= 0 and text[j] in "\"“‘(":
        return True  # the first word of a quotation or bracket
    while j >= 0 and text[j] in " \t\"'“‘(*-•":  # markup and list bullets ("- **Net income** was") open nothing
        j -= 1
    return j < 0 or text[j] in ".!?\n:;—"


def unknown_id(words) -> str:
    """The id of a name the alias table does not know: its words folded, so "Arçelik" in one
    article and "Arcelik" in another are one name."""
    folded = unicodedata.normalize("NFKD", " ".join(words).casefold())
    return "~" + "".join(ch for ch in folded if not unicodedata.combining(ch))
