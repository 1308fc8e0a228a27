"""The one data model every stage shares.

ingest -> Document, extract/normalise -> Mention, resolve -> Claim,
check -> Finding, report -> Report.  Stages only talk through these types.
"""
from __future__ import annotations

from bisect import bisect_right
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Bound(StrEnum):
    """How a written figure relates to the true value."""

    EXACT = "exact"  # "380 billion": true value within the written precision
    APPROX = "approx"  # about / roughly / approx.: both sides, wider
    BELOW = "below"  # nearly / almost: just under the figure
    ABOVE = "above"  # over / more than / exceeding: strictly above
    AT_LEAST = "at-least"  # at least / 200+: figure or more
    AT_MOST = "at-most"  # up to / at most / a maximum of / ceiling
    UNDER = "under"  # under / less than: strictly below, any distance
    RANGE = "range"  # between A and B / A-B


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    FISCAL_YEAR = "fiscal-year"
    RANGE = "range"


class Document(BaseModel):
    """One article.  `text` is what gets analysed; offsets into it map back to
    the file through `offset_map` (identity for txt/md, tag-skipping for html)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    path: str
    raw: str  # the file as read with UTF-8
    text: str  # analysis text (front matter blanked, html reduced to visible text)
    title: str | None = None
    source: str | None = None
    published: date | None = None
    published_text: str | None = None  # where the date came from, as written
    # (text_offset, file_offset) pairs, sorted; empty means identity.
    offset_map: list[tuple[int, int]] = Field(default_factory=list)
    # Problems that did not stop the article being read: (line or None, message).
    problems: list[tuple[int | None, str]] = Field(default_factory=list)

    def file_offset(self, i: int) -> int:
        """Where analysis-text offset `i` is in the file."""
        return _shift(self.offset_map, i)

    def text_offset(self, file_offset: int) -> int:
        """Where a file offset is in the analysis text (the inverse of file_offset)."""
        if not self.offset_map:
            return file_offset
        inverse = self.__dict__.get("_inverse")
        if inverse is None:
            inverse = self.__dict__["_inverse"] = sorted((f, t) for t, f in self.offset_map)
        return _shift(inverse, file_offset)

    def line_col(self, file_offset: int) -> tuple[int, int]:
        """1-based line and column of a file offset."""
        starts = self._line_starts()
        k = bisect_right(starts, file_offset) - 1
        return k + 1, file_offset - starts[k] + 1

    def _line_starts(self) -> list[int]:
        cached = self.__dict__.get("_starts")
        if cached is None:
            cached = [0]
            find = self.raw.find
            i = find("\n")
            while i >= 0:
                cached.append(i + 1)
                i = find("\n", i + 1)
            self.__dict__["_starts"] = cached
        return cached


def _shift(anchors: list[tuple[int, int]], i: int) -> int:
    """Map `i` through sorted (from, to) anchor pairs: the last anchor at or before it, plus the distance."""
    k = bisect_right(anchors, (i, float("inf"))) - 1
    if k < 0:
        return i
    a, b = anchors[k]
    return b + (i - a)


class Mention(BaseModel):
    """A figure or date as written, with its normalised meaning.

    Offsets (`start`, `end`) index `Document.text`; `file_start`/`file_end`,
    `line`, `column` locate it in the file."""

    doc: str
    start: int
    end: int
    file_start: int = 0
    file_end: int = 0
    line: int = 0
    column: int = 0
    text: str
    kind: str  # money | count | percent | percent-point | multiple | fraction | quantity | number | date
    value: float | None = None
    low: float | None = None  # None = open
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    unit: str | None = None  # ISO 4217 | counted noun | pint unit | % | pp | x
    bound: Bound = Bound.EXACT
    # dates and periods
    period_start: date | None = None
    period_end: date | None = None
    granularity: Granularity | None = None
    # A day or month whose year nothing gives ("February 20" in an undated article):
    # no period_start, but two such mentions still compare by this label ("02-20").
    period_label: str | None = None
    relative: bool = False  # written relative to an anchor ("nine days later")
    anchor: str | None = None  # what a relative date was resolved against
    # why it was read this way ("scale 'bn' = 1e9", "'$' read as USD: ...")
    notes: list[str] = Field(default_factory=list)
    alternatives: list[str] = Field(default_factory=list)  # other readings of an ambiguous unit
    # How the unit was written ("mph", "Danish crowns") and its one normalised name:
    # pint's for physical units ("mile / hour"), the ISO code for money, the noun for
    # counts; a rate adds its denominator ("USD / barrel", "barrel / day").
    unit_text: str | None = None
    unit_name: str | None = None
    per: str | None = None  # a rate's denominator: "$58 per barrel" -> "barrel"
    # A range's written ends ("$10 to $15 billion": 1e10, 1.5e10), before precision widens them.
    range_low: float | None = None
    range_high: float | None = None
    # One figure of a change "from 240 to 273": both values, on both mentions.
    change_from: float | None = None
    change_to: float | None = None



class Period(BaseModel):
    """The time a figure is about."""

    model_config = ConfigDict(frozen=True)

    start: date | None = None
    end: date | None = None
    granularity: Granularity | None = None
    label: str  # "2026", "2026-Q4", "2026-02-20", "next 5 years"



class Slot(BaseModel):
    """One slot of a frame: what was read, the words it was read from, the rule, and how sure."""

    value: str | None = None
    words: str = ""  # the text that filled the slot
    rule: str = ""  # the reading rule that filled it ("poss", "nsubj-of-governor", "token-tier", ...)
    confidence: float = 0.0  # 0 = unknown, 1 = read from the grammar without doubt


class Frame(BaseModel):
    """What a figure is about, read from its sentence's grammar (see resolve/frames)."""

    actor: Slot = Field(default_factory=Slot)  # who spends, reports, is valued
    thing: Slot = Field(default_factory=Slot)  # product, model, segment, programme measured
    root: Slot = Field(default_factory=Slot)  # the company the actor or thing rolls up to
    property: Slot = Field(default_factory=Slot)  # open description: head + modifiers
    head: str | None = None  # the property's head lemma ("revenue", "target")
    modifiers: list[str] = Field(default_factory=list)  # distinguishing modifiers ("net", "cloud")
    predicate: str | None = None  # the governing verb's lemma ("spend", "raise")
    purpose: str | None = None  # "on AI infrastructure"
    period: Slot = Field(default_factory=Slot)
    as_of: Slot = Field(default_factory=Slot)
    status: Slot = Field(default_factory=Slot)  # fact | forecast | plan | estimate | expectation | scenario
    role: Slot = Field(default_factory=Slot)  # level | change | base | previous | new | equivalent | part | share | difference


class Link(BaseModel):
    """A typed relation from this figure to another one (by claim id)."""

    type: str  # previous | new | change-of | base-of | equivalent | share-of | part-of | difference | restates | anaphor | rate
    target: str
    words: str = ""
    rule: str = ""


class Claim(BaseModel):
    """A mention read as a statement: who, what, when, how much, said by whom."""

    id: str  # "<doc>:<start>", stable across runs
    mention: Mention
    entity: str | None = None  # canonical entity id
    entity_text: str | None = None  # the words that named it
    metric: str | None = None  # canonical metric id
    metric_text: str | None = None
    period: Period | None = None
    as_of: date | None = None  # when the figure was reported
    as_of_source: str | None = None  # "text" (an in-text report date) | "published"
    attribution: str | None = None  # "Bloomberg", "the Financial Times"
    hedges: list[str] = Field(default_factory=list)
    sentence_start: int = 0
    sentence_end: int = 0
    # a figure given as another figure's equivalent, "(approx. $70 billion)"
    equivalent_of: str | None = None  # claim id
    # "base": a comparison base ("up 42.7% from HK$508"), true at another time
    role: str | None = None
    frame: Frame | None = None  # the grammar tier's reading; None when the sentence was not parsed
    links: list[Link] = Field(default_factory=list)
    status: str = "fact"  # fact | forecast | plan | estimate | expectation | scenario


class ClaimRef(BaseModel):
    """A claim as a finding shows it (the JSON contract's `claims[]`)."""

    doc: str
    start: int  # file offsets
    end: int
    line: int
    column: int
    text: str
    value: float | None = None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    bound: str | None = None
    sentence: str = ""
    source: str | None = None
    published: date | None = None
    as_of: date | None = None
    attribution: str | None = None
    role: str | None = None  # what this claim plays in the finding ("stated", "base", ...)


class Finding(BaseModel):
    rule: str
    kind: str  # value-conflict | arithmetic | conversion | date-conflict | revision | ...
    severity: Severity
    message: str
    entity: str | None = None
    metric: str | None = None
    period: str | None = None
    claims: list[ClaimRef]
    explanation: str = ""  # the computation, in plain words
    fingerprint: str = ""
    # a conflict the reader was not sure enough of to call an error ("possibly the same figure")
    held_back: bool = False

    def sort_key(self) -> tuple:
        first = self.claims[0] if self.claims else None
        return (
            first.doc if first else "",
            first.start if first else 0,
            -self.severity.rank,
            self.rule,
            self.message,
        )


class FileError(BaseModel):
    path: str
    message: str
    line: int | None = None
    # input (an unreadable or malformed article) | config (a rule, config or waiver file)
    # | timeout (over the per-file time budget) | internal (a bug in factlint: exit status 3)
    kind: str = "input"
    stage: str | None = None  # read | extract | resolve | check, where the guard caught it


class Report(BaseModel):
    version: int = 1
    findings: list[Finding] = Field(default_factory=list)
    errors: list[FileError] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)
