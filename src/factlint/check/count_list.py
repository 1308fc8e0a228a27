"""arithmetic, count vs list: "four independent entities: A, B and C" names three; "four awards: a
contract in Kuwait, an agreement in Norway and a package for Brazil" lists three.

A count word or number before a plural noun, then a list introduced by a colon, a dash,
"namely", "the N ... are" or a bracket; the list's items are name-like (or, after a colon
with a serial comma, short phrases).  Linear: one scan of the text, each list read once."""
from __future__ import annotations

import re

from ..models import Finding, Mention
from ..segment import BLOCK_START
from .engine import Context

NUM_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
              "eleven": 11, "twelve": 12}
# (a colon that ends a paragraph opens no inline list: what follows a blank line is a table or
# another paragraph, "The three reporting segments delivered as follows:")
_COUNTED_LIST = re.compile(
    r"\b(?P<n>(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)|[2-9]|1[0-2])\s"
    r"(?P<noun>(?:(?!(?i:to|of|in|from|and|or|than|two|three|four|five|six|seven|eight|nine|ten)\s)[A-Za-z][a-z-]{1,20}\s){0,3}"
    r"(?:[a-z][a-z-]{1,20}s|[A-Z]{2,5}s))"
    r"(?P<intro>\s?[:—–](?:[ \t]|\n(?!\s*\n))?|\s-\s|,?\s(?:namely|which are|that are|consisting of|comprising)\s|\s\(|"
    r"\s(?P<be>(?:[a-z][\w-]{0,20}\s){0,4}?(?:are|were))\s|"  # "The eight countries behind the cut are A, B and C"
    r"(?:\s(?:this|last|next)\s[a-z]{3,10})?,\s(?:in|at)\s|"  # "four new bases this summer, in Porto, Bari and Gdansk"
    r"\s(?P<pred>[^.:;!?\n]{1,120}):(?:[ \t]|\n(?!\s*\n))|"  # "five IPs each made more than 1 billion yuan in the period: A, B, C and D"
    r"(?P<appos>,\s)(?=[A-Z]))",  # "clearance from the last two holdouts, China, Canada and the European Union, which"
)
# A line break inside a paragraph is a soft wrap ("GSI, Automated\nProduction, ..."): a list ends at a
# blank line or at a line that opens a bullet, heading, quote or table row, not at every newline
_BREAK = r"\n(?=" + BLOCK_START + ")"
_LIST_END = re.compile(r"[—–)]|\s-\s|\.(?:\s|$)|;|:|,\s(?:each|all|both|which|who|with|as|while|and\s(?:each|all|both)\b|(?:and|but)\s(?=[a-z]))|" + _BREAK)
_SENTENCE_END = re.compile(r"\.(?:\s|$)|;|" + _BREAK)
_OXFORD = re.compile(r"[^,]{1,60}(?:,\s[^,]{1,60}){1,10},\s(?:and|or)\s[^,]{1,60}")
_COMMA = re.compile(r",\s(?:and\s|or\s)?")
# ("&" joins the words of one name: "Wayss & Freytag", "Procter & Gamble")
_ITEM_SPLIT = re.compile(r",\s(?:and\s|or\s)?|\sand\s|,?\sas well as\s")
_NOTES = re.compile(r"\s?\([^()\n]{1,40}\)")  # a short bracketed note inside one item


def _blank(m: re.Match) -> str:
    return " " * len(m.group())


_APPOS_END = re.compile(r",\s(?:which|who|that|whose|each|all|both)\b|\.(?:\s|$)|;|" + _BREAK)


def count_vs_list(ctx: Context, rule, a) -> list[Finding]:
    """'four independent entities: A, B and C' names three."""
    text = a.doc.text
    out = []
    for m in _COUNTED_LIST.finditer(text):
        n_text = m.group("n")
        n = int(n_text) if n_text.isdigit() else NUM_WORDS[n_text.casefold()]
        start = m.end()
        # ("Asia-Pacific (14.5%), Europe (11.2%) and ...": an item's bracketed note is no list end)
        w = text[start : start + 300] if m.group("intro").strip() == "(" else _NOTES.sub(_blank, text[start : start + 300])
        end_m = _LIST_END.search(w)
        if end_m is None:
            continue
        if m.group("intro").strip() == ":":
            # a list after a colon runs to the sentence's end: ", and industrial chemicals" is its last item
            serial = _SENTENCE_END.search(w)
            if serial is not None and _OXFORD.fullmatch(w, 0, serial.start()):
                end_m = serial
        end = start + end_m.start()
        body = w[: end_m.start()].strip()
        items = _split_items(_ITEM_SPLIT, body)
        oxford = _OXFORD.fullmatch(body)
        indefinite = _indefinite_items(text, start, m) if m.group("intro").rstrip().endswith(":") else None
        if indefinite is not None:
            items = indefinite  # "four awards during the quarter: a contract in Kuwait, a ... and a ..."
        elif oxford and m.group("intro").strip() == ":":
            # "four business lines: lithium and derivatives, specialty plant nutrition, ..., and
            # industrial chemicals": a serial comma says the commas alone part the items
            items = _split_items(_COMMA, body)
            if len(items) < 3 or not all(len(i.split()) <= 4 for i in items):
                continue
        elif len(items) < 2 or not all(_name_like(i) or _lower_brand(i, items) for i in items):
            continue
        if m.group("appos") and not _closed_apposition(ctx, text, m, end, items):
            continue
        if m.group("pred") and indefinite is None and not all(len(i.split()) <= 3 for i in items):
            continue  # after a predicate only a plain list of names counts
        if len(items) == n:
            continue
        ref = ctx.mention_ref(text_mention(a.doc, m.start(), m.start("intro")), "stated count")
        listed = ctx.mention_ref(text_mention(a.doc, start + (len(text[start:end]) - len(text[start:end].lstrip())),
                                               start + len(text[start:end].rstrip())), "the list")
        why = f"the text says {n_text} {m.group('noun')} and then names {len(items)}: {'; '.join(items)}"
        out.append(Finding(rule=rule.id, kind="arithmetic", severity=rule.severity,
                           message=f"count does not match the list: {why}", claims=[ref, listed], explanation=why))
    return out


# Items that each open with "a"/"an" part a list whatever commas or "and" lie inside them
# (" or a" without a comma is an alternative inside one item: "a choice of a McDouble or a McChicken sandwich")
_INDEFINITE_SPLIT = re.compile(r",\s(?:and\s|or\s)?(?=an?\s)|\sand\s(?=an?\s)")


def _split_items(pattern: re.Pattern, body: str) -> list[str]:
    """A list's items, each on one line: a soft-wrapped item ("Automated\nProduction") reads as its words."""
    return [" ".join(i.split()) for i in pattern.split(body) if i.strip()]


def _indefinite_items(text: str, start: int, m: re.Match) -> list[str] | None:
    """The items of a list after a colon that each open with an indefinite article, read to the
    sentence's end: 'an integrated well-construction contract in Kuwait, a multi-year stimulation
    vessel agreement offshore Norway, and a completions package for a project in Brazil'."""
    end = _SENTENCE_END.search(text, start, min(len(text), start + 400))
    if end is None or not re.match(r"an?\s", text[start : start + 3]):
        return None
    items = _split_items(_INDEFINITE_SPLIT, text[start : end.start()])
    if len(items) < 2 or not all(re.match(r"an?\s", i) and len(i.split()) <= 12 for i in items):
        return None
    return items


def _lower_brand(item: str, items: list[str]) -> bool:
    """'Albert Heijn, Delhaize, Etos and bol': one lower-case one-word brand among names."""
    return " " not in item and item.isalpha() and sum(i[:1].isupper() for i in items) >= len(items) - 1 >= 2


def _closed_apposition(ctx: Context, text: str, m: re.Match, end: int, items: list[str]) -> bool:
    """A list set off by commas right after its count ("the last two holdouts, China, Canada and
    the European Union, which ..."): only names of a few words, closed by a relative clause or the
    sentence's end, after a noun that is no time ("In the past three years, Google and Meta ...")."""
    noun = m.group("noun").split()[-1].rstrip("s").casefold()
    return (noun not in ctx.kb.frame_words.time_nouns and _APPOS_END.match(text, end) is not None
            and all(len(i.split()) <= 4 and i[:1].isupper() for i in (x.removeprefix("the ") for x in items)))


def _name_like(item: str) -> bool:
    item = item.removeprefix("the ")  # "Iraq, the UAE, Kuwait"
    words = item.split()
    return 1 <= len(words) <= 6 and (item[0].isupper() or item[0].isdigit())


def text_mention(doc, start: int, end: int) -> Mention:
    """A span of the text as a mention a finding can cite."""
    m = Mention(doc=doc.path, start=start, end=end, text=doc.text[start:end], kind="count")
    m.file_start = doc.file_offset(start)
    m.file_end = doc.file_offset(end - 1) + 1
    m.line, m.column = doc.line_col(m.file_start)
    return m
