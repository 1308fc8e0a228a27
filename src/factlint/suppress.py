"""Accepting findings on purpose: inline suppressions and waivers.

Inline, in an article you own (Markdown or HTML comment):

    <!-- factlint-ignore: value-agreement the 2024 figure was restated -->
        silences that rule for claims in the next paragraph;
    <!-- factlint-ignore-file: arithmetic quoted verbatim from a filing -->
        silences it for the whole file.  RULE may be `*` (every rule).

A finding is silenced when one of its claims sits in a silenced region.
A reason is required; a suppression that silenced nothing is reported.

Waivers, for articles you cannot edit, live in a sidecar TOML file:

    [[waiver]]
    fingerprint = "3f2a..."      # from `lint --format json`
    reason = "agency copy, corrected upstream"
    expires = 2027-01-31         # optional

An expired waiver no longer applies and is reported; so is one that matches
no finding.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .knowledge import ConfigError
from .models import Document, FileError, Finding

_COMMENT = re.compile(r"<!--\s{0,8}factlint-ignore(?P<file>-file)?\s{0,8}:?\s{0,8}(?P<rule>[\w*-]{1,64})(?P<reason>[^>]{0,500}?)\s{0,8}-->")
_BLANK = re.compile(r"\n[ \t]*\n")


@dataclass
class Suppression:
    doc: str
    line: int
    rule: str
    reason: str
    start: int  # file offsets of the silenced region
    end: int
    used: bool = False

    def covers(self, rule: str, doc: str, offset: int) -> bool:
        return self.doc == doc and self.rule in ("*", rule) and self.start <= offset < self.end


def inline(doc: Document) -> tuple[list[Suppression], list[FileError]]:
    out, errors = [], []
    raw = doc.raw
    for m in _COMMENT.finditer(raw):
        line = doc.line_col(m.start())[0]
        reason = m.group("reason").strip()
        if not reason:
            errors.append(FileError(path=doc.path, line=line, message=f"factlint-ignore for '{m.group('rule')}' needs a reason"))
            continue
        if m.group("file"):
            start, end = 0, len(raw)
        else:
            # The next paragraph: from the first non-blank text after the comment to the next blank line.
            start = m.end()
            while start < len(raw) and raw[start] in " \t\r\n":
                start += 1
            gap = _BLANK.search(raw, start)
            end = gap.start() if gap else len(raw)
        out.append(Suppression(doc.path, line, m.group("rule"), reason, start, end))
    return out, errors


class Waiver(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fingerprint: str = Field(min_length=8)
    reason: str = Field(min_length=1)
    expires: date | None = None
    rule: str | None = None  # optional, for people reading the file


class _WaiverFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    waiver: list[Waiver] = Field(default_factory=list)


def load_waivers(path: Path) -> list[Waiver]:
    from .knowledge import _read_toml

    data = _read_toml(path)  # a folder, unreadable, not UTF-8, nested too deeply: a ConfigError naming it
    try:
        return _WaiverFile.model_validate(data).waiver
    except RecursionError as exc:
        raise ConfigError(f"{path}: nested too deeply") from exc
    except ValidationError as exc:
        err = exc.errors()[0]
        key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
        raise ConfigError(f"{path}: {key}: {err['msg']}") from exc


@dataclass
class Outcome:
    kept: list[Finding]
    silenced: list[Finding]
    notes: list[str]  # unused suppressions, expired or unused waivers: "path:line: ..."
    errors: list[FileError]


def apply(findings: list[Finding], docs: list[Document], waivers: list[Waiver], today: date, waiver_file: str = "") -> Outcome:
    sups: list[Suppression] = []
    errors: list[FileError] = []
    for d in docs:
        s, e = inline(d)
        sups += s
        errors += e
    live = {w.fingerprint: w for w in waivers if w.expires is None or w.expires >= today}
    used_waivers: set[str] = set()
    kept, silenced = [], []
    for f in findings:
        hit = [s for s in sups if any(s.covers(f.rule, c.doc, c.start) for c in f.claims)]
        for s in hit:
            s.used = True
        if hit:
            silenced.append(f)
        elif f.fingerprint in live:
            used_waivers.add(f.fingerprint)
            silenced.append(f)
        else:
            kept.append(f)
    notes = [f"{s.doc}:{s.line}: unused suppression: factlint-ignore {s.rule} silenced nothing" for s in sups if not s.used]
    for w in waivers:
        if w.expires is not None and w.expires < today:
            notes.append(f"{waiver_file}: waiver {w.fingerprint[:12]} expired on {w.expires.isoformat()} ({w.reason})")
        elif w.fingerprint not in used_waivers:
            notes.append(f"{waiver_file}: waiver {w.fingerprint[:12]} matches no finding ({w.reason})")
    return Outcome(kept, silenced, notes, errors)
