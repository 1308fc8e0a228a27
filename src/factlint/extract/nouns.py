"""The noun a number counts, and the words around a number that make it a name.

'130 million orders', '50 million daily active users', 'a 4-billion-item
library' count nouns; 'RTX 3060', 'Boeing 737', 'iPhone 16 Pro' are names."""
from __future__ import annotations

import re

# (or a model's name in the plural: "196 F-35s", "40 A320s", "12 MQ-9Bs")
NOUN_WORD = re.compile(r"[ \t\u00a0-](?P<w>[A-Z]{1,3}-?\d{1,4}[A-Z]{0,2}s|[a-z][a-z'’-]{0,30}|[A-Z]{2,6}s?"
                       r"|[A-Z][a-z]{1,20}(?:-[a-z]{1,20})?)\b")
GLUED = re.compile(r"[A-Za-z0-9_]")
_PREV_WORD = re.compile(r"(?P<w>[A-Za-z][\w.-]{0,30})\s$")
# Words that end a counted-noun phrase or cannot start one.
STOP = frozenset(
    "in of for the a an and or to by from on at with was were is are be been as than that which who this these its "
    "their his her our more less fewer each per over under about last next this year years month months day days "
    "percent times fold so but while into after before since until during when where now yet also still only just "
    "up down out off higher lower new old more most least top first second third largest biggest within across among between "
    "via through against including like such is are was were has have had will would could can may might should said "
    "compared versus vs it they he she we you i there here yuan dollars respectively "
    "overnight apiece alone ago earlier later today yesterday tomorrow instead again too either together "
    # past tenses that do not end in -ed: "a 7.8 earthquake struck"
    "struck hit rose fell won lost took made left came went saw found began grew sold paid held kept told "
    "felt ran got gave led met put set shut spent stood sent brought bought caught fought thought built "
    "drew flew threw drove rode broke spoke chose wrote became".split()
)
# Plurals without an -s end the phrase as plural nouns do: "dozens of people gathered".
_PLURAL_HEADS = frozenset("people children men women police staff personnel cattle sheep deer aircraft mice geese".split())
_CONTINUE = frozenset({"per"})  # "tokens per minute"
_LY_ADJECTIVES = frozenset({"daily", "weekly", "monthly", "quarterly", "yearly"})
_SENTENCE_OPENERS = frozenset("the a an some about over nearly almost around only just all its their".split())


def word_end(text: str, i: int) -> bool:
    return i >= len(text) or not GLUED.match(text[i])


def noun(text: str, end: int) -> tuple[str | None, int]:
    """The noun a number counts: up to three words."""
    words: list[tuple[str, int]] = []  # (word, end offset)
    pos = end
    while len(words) < 3:
        nm = NOUN_WORD.match(text, pos)
        if not nm:
            break
        w = nm.group("w")
        lw = w.lower()
        if w.endswith("-"):
            break  # "late-May": the word goes on into a name or a date
        if lw in _CONTINUE and words:
            nxt = NOUN_WORD.match(text, nm.end())
            if nxt and nxt.group("w").lower() not in STOP:
                words += [(w, nm.end()), (nxt.group("w"), nxt.end())]
            break
        if (lw in STOP and not capitalised(w)) or (lw.endswith("ly") and lw not in _LY_ADJECTIVES) or lw.endswith(("'s", "’s")):
            break
        if words and capitalised(w) and not capitalised(words[-1][0]):
            break  # "vehicles BYD sold": a name after the noun starts a new phrase
        words.append((w.rstrip("'’"), nm.end() - (len(w) - len(w.rstrip("'’")))))
        pos = nm.end()
        if text[nm.start()] == "-":
            # "a 128K-token context window": the hyphenated word describes the noun that follows.
            for _ in range(2):
                nxt = NOUN_WORD.match(text, pos)
                if not nxt or text[nxt.start()] != " " or nxt.group("w").lower() in STOP or capitalised(nxt.group("w")):
                    break
                words.append((nxt.group("w"), nxt.end()))
                pos = nxt.end()
            break
        if lw in _PLURAL_HEADS or lw.endswith("s") and not lw.endswith(("ss", "us", "is")) and len(lw) > 3:
            nxt = NOUN_WORD.match(text, pos)
            if not (nxt and nxt.group("w").lower() in _CONTINUE):
                break  # the plural head noun ends the phrase: "vehicles outside mainland China"
    while words and (words[-1][0].lower().endswith("ed") or capitalised(words[-1][0])):
        words.pop()  # "3 shipped": a verb; "5 billion Alibaba": a name, not a counted noun
    if not words:
        return None, end
    return " ".join(w for w, _ in words), words[-1][1]


def capitalised(w: str) -> bool:
    """'Alibaba', 'New' (a name's word) but not 'DAU' or 'GPUs' (acronyms)."""
    return w[:1].isupper() and not w.rstrip("s").isupper()


def named(text: str, start: int) -> bool:
    """A number right after a capitalised or alphanumeric word is part of a name."""
    pm = _PREV_WORD.search(text, max(0, start - 32), start)
    if not pm:
        return False
    w = pm.group("w")
    # "iPhone 16", "eBay 2": a capital inside the word marks a name too.
    return (w[0].isupper() or any(ch.isdigit() or ch.isupper() for ch in w)) and w.lower() not in _SENTENCE_OPENERS


def is_year_like(numtext: str) -> bool:
    return len(numtext) == 4 and numtext.isdigit() and 1900 <= int(numtext) <= 2100
