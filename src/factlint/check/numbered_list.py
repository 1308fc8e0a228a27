"""arithmetic, promised list: "Six numbers that explain the squeeze" over a numbered list of five.

A numbered list (lines opening "1.", "2.", ... in order, after any markup) and the count that
promises it: in the title, or just before the list in a sentence that introduces it ("Here are
seven numbers", "Four films crossed $1 billion. Here they are", "... four reasons:").  One scan
of the text for list lines and one for counts; each list is read once."""
from __future__ import annotations

import re

from ..models import Finding, Mention
from .count_list import NUM_WORDS, text_mention
from .engine import Context

_ITEM = re.compile(r"^[ \t>*#_-]*(?P<k>\d{1,2})[.)][ \t]", re.M)
_PROMISE = re.compile(
    r"\b(?P<n>(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)|[2-9]|1[0-2])\s"
    r"(?:[A-Za-z][a-z-]{1,20}\s){0,2}?(?P<noun>[a-z][a-z-]{1,20}s)\b")
# What makes a count before a list the list's: the title; "Here are seven numbers"; a sentence
# that ends in a colon right before the list; or "Four films crossed $1 billion. Here they are".
_HERE_ARE = re.compile(r"\b(?:here\sare|these\sare|the\sfollowing)\s(?:the\s)?$", re.I)
_HERE_THEY_ARE = re.compile(r"[^.!?]*[.!?]\s+(?:here|below)\s(?:they|these|those|it)\s(?:are|were|is)\b", re.I)
_PARTITIVE = re.compile(r"\bof\s(?:the\s|its\s|their\s)?$", re.I)  # "four of the five majors": not a count of the list
_REACH = 400  # characters from an introducing count to its list


def promised_lists(ctx: Context, rule, a) -> list[Finding]:
    doc, text = a.doc, a.doc.text
    out = []
    runs = _runs(text)
    # "nine months", "three times": a period or a multiple, never what a list numbers
    skip = frozenset({*(w + "s" for w in ctx.kb.frame_words.time_nouns), "times"})
    for k, run in enumerate(runs):
        first = run[0]
        promise = _introducing_count(text, first.start(), runs[k - 1][-1].end() if k else 0, skip)
        ref = None
        if promise is not None:
            ref = text_mention(doc, promise.start(), promise.end("noun"))
        elif len(runs) == 1 and doc.title:
            promise = next((m for m in _PROMISE.finditer(doc.title) if m.group("noun") not in skip
                            and not _PARTITIVE.search(doc.title, 0, m.start())), None)
            at = doc.raw.find(doc.title) if promise else -1
            if at >= 0:
                ref = _title_mention(doc, at + promise.start(), at + promise.end("noun"))
        if ref is None:
            continue
        n_text = promise.group("n")
        n = int(n_text) if n_text.isdigit() else NUM_WORDS[n_text.casefold()]
        if n == len(run):
            continue
        last = run[-1]
        end = text.find("\n", last.start(), last.start() + 200)
        end = end if end >= 0 else min(len(text), last.start() + 200)
        start = last.start() + len(text[last.start() : end]) - len(text[last.start() : end].lstrip())
        item = text_mention(doc, start, end)
        why = f"the text promises {n_text.casefold()} {promise.group('noun')} and numbers {len(run)}"
        out.append(Finding(rule=rule.id, kind="arithmetic", severity=rule.severity,
                           message=f"count does not match the numbered list: {why}",
                           claims=[ctx.mention_ref(ref, "stated count"), ctx.mention_ref(item, "the list's last item")],
                           explanation=why))
    return out


def _runs(text: str) -> list[list[re.Match]]:
    """Numbered lines counting up from 1; a new "1." starts another list."""
    runs: list[list[re.Match]] = []
    for m in _ITEM.finditer(text):
        k = int(m.group("k"))
        if k == 1:
            runs.append([m])
        elif runs and k == int(runs[-1][-1].group("k")) + 1:
            runs[-1].append(m)
    return [r for r in runs if len(r) >= 2]


def _introducing_count(text: str, start: int, floor: int, skip: frozenset[str]) -> re.Match | None:
    """The last count before the list, within reach, that the wording ties to the list."""
    lo = max(floor, start - _REACH)
    found = None
    for m in _PROMISE.finditer(text, lo, start):
        if m.group("noun") not in skip and not _PARTITIVE.search(text, max(lo, m.start() - 12), m.start()):
            found = m
    if found is None:
        return None
    between = text[found.end() : start].rstrip()
    if _HERE_ARE.search(text, max(lo, found.start() - 24), found.start()) or _HERE_THEY_ARE.match(between) \
            or (between.endswith(":") and not re.search(r"[.!?]\s", between)):
        return found
    return None


def _title_mention(doc, file_start: int, file_end: int) -> Mention:
    """A span of the title, located in the file (front matter or <title>, outside the text)."""
    m = Mention(doc=doc.path, start=0, end=0, text=doc.raw[file_start:file_end], kind="count")
    m.file_start, m.file_end = file_start, file_end
    m.line, m.column = doc.line_col(file_start)
    return m
