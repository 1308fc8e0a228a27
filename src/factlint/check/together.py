"""arithmetic across sentences: a total of parts told one by one just before it, or listed after it.

    "Mounjaro generated $11.54 billion in the year. Zepbound added $4.93 billion in its first
     full year. Together, the two brands brought in $18.5 billion."   11.54 + 4.93 = 16.47

A sentence that says it adds up and how many parts it adds ("Together, the two brands ...",
"Combined, the three divisions ...", "the two drugs together ...") states a total: its first
amount after those words.  The parts are the amounts of the total's unit before it in its
paragraph, or when it holds none, in the sentences just before it (BACK, within the section,
table rows too): exactly as many as the sentence counts, each a stated
fact that is no comparison base, no restatement and no share of something.  Any other number of
candidates (another amount of the unit among them) and nothing is checked.

    "Its order book reached a record £18.4bn. By division, the order book comprised UK
     Construction £6.2bn, US Construction £6.4bn, Gammon £1.2bn and Support Services £4.9bn."

A sentence that lists named amounts after "the <metric> comprised" (consisted of, was split
into) is checked against the one figure of that metric stated in the sentences before.

    "a fleet of 34 units, made up of 27 ultra-deepwater floaters and 8 harsh-environment floaters"

A figure followed by "made up of" (consisting of, comprising, split into), or by a colon, and a closed list of
figures of its kind (one currency, or counts of any nouns) is their total.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..extract.lexicon import ONES
from ..models import Claim, Finding, Granularity
from .engine import Context
from .figmath import sum_finding, unit_class
from .shares import stated_level

BACK = 3  # sentences before the total where its parts may be
_COUNTED = r"(?P<n>two|three|four|five|six|2|3|4|5|6)"
_TOGETHER = re.compile(r"^\W*(?:together|combined|taken\stogether|between\sthem|in\stotal)\b,?\s(?:[^.;\d]{0,40}?\s)?the\s"
                       + _COUNTED + r"\s", re.I)
_PARTS_TOGETHER = re.compile(r"\bthe\s" + _COUNTED + r"\s(?:[\w'’-]+\s){0,3}(?:together|combined)\b", re.I)
_WHAT = re.compile(r"(?:[\w-]+\s){0,2}?(?P<w>[A-Za-z]+?)s?\b")  # the counted noun: "quarters", "tirzepatide brands"


def together(ctx: Context, rule, sentences: list[list[Claim]]) -> Iterator[Finding]:
    """`sentences`: one document's claims by sentence, in text order."""
    for k, claims in enumerate(sentences):
        first = claims[0]
        text = ctx.docs[first.mention.doc].text
        sentence = text[first.sentence_start : first.sentence_end]
        f = _made_of(ctx, rule, text, claims) or _combined_after(ctx, rule, text, claims)
        if f is not None:
            yield f
            continue
        listed = _COMPRISED.search(sentence)
        if listed is not None:
            f = _listed(ctx, rule, text, listed, claims, sentences[max(0, k - BACK) : k])
            if f is not None:
                yield f
            continue
        said = _TOGETHER.match(sentence) or _PARTS_TOGETHER.search(sentence)
        if said is None:
            continue
        after = first.sentence_start + said.end()
        total = next((c for c in claims if c.mention.start >= after), None)
        if total is None or not _stated(total):
            continue
        n = said.group("n").lower()
        n = int(n) if n.isdigit() else ONES[n]
        parts = _parts(text, total, sentences[max(0, k - BACK) : k])
        if parts is not None and len(parts) == n and (_of_time(ctx, sentence, said) or _one_length(sentence, total, parts)):
            f = sum_finding(ctx, rule, total, parts, " told before it")
            if f is not None:
                yield f


# "By division, the order book comprised UK Construction £6.2bn, US Construction £6.4bn, ...":
# the whole is named by its metric and was stated just before
_COMPRISED = re.compile(r"\bthe\s(?P<what>(?:[a-z][a-z-]{1,20}\s){0,2}[a-z][a-z-]{1,20})\s(?:comprised|consisted\sof|"
                        r"was\smade\sup\sof|broke\sdown\sinto|was\ssplit\sinto|was\sdivided\sinto)\s")
_LIST_GAP = re.compile(r"^(?:,\s(?:and\s)?|\sand\s)(?:[A-Z][\w.&'’-]{0,25}\s){1,4}$")
_LIST_FIRST = re.compile(r"^(?:[A-Z][\w.&'’-]{0,25}\s){1,4}$")


def _listed(ctx: Context, rule, text: str, m: re.Match, claims: list[Claim], window: list[list[Claim]]) -> Finding | None:
    """The named amounts listed after 'comprised' against the stated figure of the metric the
    sentence names in the sentences before (the only such figure)."""
    from ..resolve.frames import canonical_metric

    metric = canonical_metric(ctx.kb, m.group("what"))
    start = claims[0].sentence_start + m.end()
    parts = [c for c in claims if c.mention.start >= start]
    if metric is None or len(parts) < 2 or not _LIST_FIRST.match(text[start : parts[0].mention.start]):
        return None
    cls = unit_class(parts[0].mention)
    for a, b in zip(parts, parts[1:]):
        if unit_class(b.mention) != cls or not _LIST_GAP.match(text[a.mention.end : b.mention.start]):
            return None
    wholes = [c for sentence in window for c in sentence
              if c.metric == metric and unit_class(c.mention) == cls and _stated(c) and c.entity is not None]
    # (the parts are named divisions: their names are no rival actors)
    if len({(w.entity, w.mention.value) for w in wholes}) != 1:
        return None  # no stated whole, or two candidates
    return sum_finding(ctx, rule, wholes[-1], parts, " listed after it")


# "a fleet of 34 units, made up of 27 ultra-deepwater floaters and 8 harsh-environment floaters"
# (each part may carry a description: "$450 million for iodine and plant nutrition and $200 million")
_PART_NEXT = re.compile(r"^(?:\s[\w'’-]{1,20}){0,8}?(?:,\s(?:and\s)?|\sand\s)$", re.I)
_OPEN_LIST = re.compile(r"^(?:\s[\w'’-]{1,20}){0,3}?,?\s(?:among\sothers|and\sothers|and\sother|including|plus|as\swell)\b", re.I)


# "returned $3 billion to shareholders in 2024, with buybacks of $2.0 billion and dividends of $1.4 billion"
_WITH_NAMED = re.compile(r"^(?:\s[\w'’-]{1,20}){0,5}?,?\s(?:with|through|via|by\sway\sof|in\sthe\sform\sof)\s"
                         r"(?:[\w'’-]{1,20}\s){1,3}?(?:of\s|worth\s|totalling\s|totaling\s)$", re.I)
_NAMED_NEXT = re.compile(r"^(?:,\s(?:and\s)?|\sand\s)(?:[\w'’-]{1,20}\s){1,3}?(?:of\s|worth\s|totalling\s|totaling\s)$", re.I)


# "About 9,300 Teamsters members: around 6,900 at CN and 3,300 at CPKC."
# "Its $7 billion package - $4 billion for the venture and $2 billion in preferred shares - did ...":
# a dash between spaces opens (and closes) a breakdown as a colon does
_COLON_GAP = re.compile(r"^(?:\s[\w'’-]{1,20}){0,5}?(?::\s|\s[-–—]\s)$")
_LIST_ENDS = re.compile(r"^(?:\s[\w'’&.-]{1,20}){0,10}?(?:\s*(?:[.;]|$)|\s[-–—]\s)")


def _made_of(ctx: Context, rule, text: str, claims: list[Claim]) -> Finding | None:
    """A total and the parts its sentence says it is made up of, all of one kind: their sum.  Or
    an amount of no known quantity its sentence says came "with" (through, via) amounts each
    named by a known quantity: the parts of what it does ("returned $3 billion to shareholders,
    with buybacks of $2.0 billion and dividends of $1.4 billion"); an amount of a quantity of its
    own ("revenue of $5 billion, with net income of $1 billion") is never their total."""
    for i, total in enumerate(claims):
        if i + 2 >= len(claims) or not _level(total):
            continue
        parts = [claims[i + 1]]
        gap = text[total.mention.end : parts[0].mention.start]
        counted = None  # "Ofwat's £122.7 million penalty has two parts: £104.5 million ..., and £28.2 million ..."
        if parts[0].mention.kind == "count" != total.mention.kind and i + 2 < len(claims) \
                and _COLON_GAP.match(text[total.mention.end : claims[i + 2].mention.start]):
            counted, parts = parts[0], [claims[i + 2]]
            gap = text[total.mention.end : parts[0].mention.start]
        if total.metric is None and _WITH_NAMED.match(gap):
            named = _named_parts(text, claims, i)
            if named is not None and total.mention.kind == "money":
                return sum_finding(ctx, rule, total, named, " it came with")
            continue
        colon = _COLON_GAP.match(gap) is not None
        if not colon and not ctx.kb.frame_words.made_of_gap.match(gap):
            continue
        for c in claims[claims.index(parts[0]) + 1 :]:
            if not _PART_NEXT.match(text[parts[-1].mention.end : c.mention.start]):
                break
            parts.append(c)
        # one currency, or counts of any nouns: the sentence says they make up the total
        kind = "count" if total.mention.kind == "count" else unit_class(total.mention)
        after = text[parts[-1].mention.end : parts[-1].sentence_end]
        if colon and not _LIST_ENDS.match(after):
            return None  # a breakdown after a colon is the whole list only when it ends the sentence
        if len(parts) < 2 or _OPEN_LIST.match(after) or (counted is not None and counted.mention.value != len(parts)) or any(
                (c.mention.kind if kind == "count" else unit_class(c.mention)) != kind or not _level(c) for c in parts):
            return None
        return sum_finding(ctx, rule, total, parts, " listed after it" if colon else " it is made up of")
    return None


# "21.7 GW of onshore and 7.5 GW of offshore turbines, a combined 31.2 GW"
_COMBINED = re.compile(r"^(?:\s[\w'’-]{1,20}){0,6}?,\s(?:a\scombined|a\stotal\sof|for\sa\stotal\sof|in\stotal|totall?ing|"
                       r"together\s(?:some|about|around)?)\s?$", re.I)


def _combined_after(ctx: Context, rule, text: str, claims: list[Claim]) -> Finding | None:
    """A list of amounts of one unit joined by 'and' and then ', a combined C' (a total of, in
    total) or 'together made up C' (added up to): C is their total.  The list runs back from the
    total as far as the joins go.  Rates add up only where the words say so ("Volume growth of
    2.9% and price growth of 1.9% added up to underlying sales growth of 4.2%")."""
    for i in range(2, len(claims)):
        total = claims[i]
        gap = text[claims[i - 1].mention.end : total.mention.start]
        adds = _ADDS_UP.match(gap) is not None
        if not (adds or _COMBINED.match(gap)) or not (_level(total) or adds and _rate(total)):
            continue
        parts = [claims[i - 1]]
        for c in reversed(claims[: i - 1]):
            gap = text[c.mention.end : parts[0].mention.start]
            # ("Prestige revenue of $3.73bn and Consumer Beauty revenue of $2.36bn, for a total of",
            # "Accommodation (RMB5.2 billion), transportation ticketing (RMB4.8 billion) and ...")
            if not (_PART_NEXT.match(gap) or _NAMED_NEXT.match(gap) or _BRACKET_NEXT.match(gap)):
                break
            parts.insert(0, c)
        # one currency or unit, or counts of any nouns (as after "made up of")
        cls = "count" if total.mention.kind == "count" else unit_class(total.mention)
        if len(parts) < 2 or total.mention.kind not in ("money", "count", "quantity", "percent") or any(
                (c.mention.kind if cls == "count" else unit_class(c.mention)) != cls
                or not (_level(c) or adds and _rate(c)) for c in parts):
            return None
        return sum_finding(ctx, rule, total, parts, " it says are combined" if not adds else " listed before it")
    return None


# "... and corporate travel (RMB702 million) together made up the quarter's RMB12.7 billion"
_ADDS_UP = re.compile(r"^(?:\s[\w'’-]{1,20}){0,3}?\)?,?\s(?:together\s|combined\s|between\sthem\s)?(?:add(?:ed|s)?\sup\sto|"
                      r"made\sup|make\sup|amounted\sto|came\sto)\s(?:[\w'’-]{1,20}\s){0,4}?(?:of\s)?"
                      r"(?:about\s|around\s|roughly\s|some\s)?$", re.I)
_BRACKET_NEXT = re.compile(r"^\),\s(?:and\s)?(?:[\w'’-]{1,20}\s){1,4}\($|^\)\sand\s(?:[\w'’-]{1,20}\s){1,4}\($", re.I)


def _rate(c: Claim) -> bool:
    """A rate that is no base or restatement (the parts of a growth rate the words add up)."""
    return c.mention.kind == "percent" and c.mention.value is not None and c.role not in ("base", "previous") \
        and c.equivalent_of is None


def _named_parts(text: str, claims: list[Claim], i: int) -> list[Claim] | None:
    """The closed list of amounts after claims[i] that each follow a name and 'of' ("buybacks of
    $2.0 billion and dividends of $1.4 billion"), all of claims[i]'s currency and each of a known,
    distinct quantity; None when the list is open, mixed or of one part."""
    total, parts = claims[i], [claims[i + 1]]
    for c in claims[i + 2 :]:
        if not _NAMED_NEXT.match(text[parts[-1].mention.end : c.mention.start]):
            break
        parts.append(c)
    metrics = [c.metric for c in parts]
    if len(parts) < 2 or _OPEN_LIST.match(text[parts[-1].mention.end : parts[-1].mention.end + 60]) \
            or any(m is None or m.startswith("~") for m in metrics) or len(set(metrics)) != len(metrics) \
            or any(unit_class(c.mention) != unit_class(total.mention) or c.mention.value is None or not _stated(c) for c in parts):
        return None
    return parts


def _of_time(ctx: Context, sentence: str, said: re.Match) -> bool:
    """Whether the parts counted are periods ("the three quarters together"): quarters add up
    to a year, while two companies' quarters are no year's revenue."""
    w = _WHAT.match(sentence, said.end("n") + 1)
    return w is not None and w.group("w").lower() in ctx.kb.frame_words.time_nouns


_ANNUAL = re.compile(r"\b(?:annual|annually|yearly|a\syear|per\syear|full[\s-]year)\b", re.I)
_SHORT = (Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.QUARTER, Granularity.HALF)


def _one_length(sentence: str, total: Claim, parts: list[Claim]) -> bool:
    """Parts and total are of one length of time: 'second-quarter revenue of $6.2 billion' and
    '$3.1 billion' are no parts of 'combined annual revenue of about $36 billion'."""
    grains = {c.period.granularity for c in parts if c.period is not None}
    if total.period is not None and grains - {total.period.granularity}:
        return False
    return not (grains & set(_SHORT) and _ANNUAL.search(sentence))


def _level(c: Claim) -> bool:
    """An amount, a count or a physical quantity ("21.7 GW") that is no base, share or
    restatement.  Its status does not matter: a total and the parts its own sentence lists must
    add up whether the sentence tells facts, estimates or a budget."""
    m = c.mention
    return (m.kind in ("money", "count", "quantity") and m.value is not None and m.value > 0
            and c.role not in ("base", "previous", "share") and c.equivalent_of is None)


def _stated(c: Claim) -> bool:
    return stated_level(c) and c.role != "share"


def _parts(text: str, total: Claim, window: list[list[Claim]]) -> list[Claim] | None:
    """The amounts of the total's unit in its paragraph before it, or when the paragraph holds
    none, in the window's sentences of its section (None: a figure of that unit that can be no
    part)."""
    own = [claims for claims in window if "\n" not in text[claims[-1].sentence_end : total.sentence_start]]
    found = _amounts(text, total, own)
    return _amounts(text, total, window) if found == [] else found  # (None: a rival in the paragraph)


def _amounts(text: str, total: Claim, window: list[list[Claim]]) -> list[Claim] | None:
    cls = unit_class(total.mention)
    out = []
    for claims in window:
        if "\n#" in text[claims[-1].sentence_end : total.sentence_start]:
            out = []  # a heading between: another section
            continue
        for c in claims:
            if unit_class(c.mention) != cls or c.mention.value is None:
                continue
            if not _stated(c):
                if c.role in ("base", "previous") or c.equivalent_of is not None:
                    continue  # "up from $5.16 billion", "(about €10.6 billion)": no part, no rival either
                return None
            out.append(c)
    return out
