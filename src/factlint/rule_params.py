"""What each rule kind accepts: typed `params` and the placeholders its `message` may use.

Checked when the rules are loaded, so a mistyped key (`skip_hedge`) or a
placeholder the kind never fills (`{entitty}`) is an error naming the file
and key, not a silently disabled setting or a KeyError on the first finding.
A kind added elsewhere declares its parameters here.
"""
from __future__ import annotations

import string
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AgreementParams(_Params):
    skip_hedges: list[str] = Field(default_factory=list)


class ArithmeticParams(_Params):
    check_lists: StrictBool = True
    qualified_changes: list[str] = Field(default_factory=list)  # check/on_record.py
    change_columns: list[str] = Field(default_factory=list)  # check/table_sums.py
    earlier_columns: list[str] = Field(default_factory=list)  # check/table_sums.py
    margins: dict[str, str] = Field(default_factory=dict)  # check/margins.py: margin metric -> its profit metric
    qualifiers: list[str] = Field(default_factory=list)  # check/margins.py


class NoParams(_Params):
    pass


class TemporalParams(_Params):
    same_figure_days: StrictInt = Field(7, ge=0, le=3660)


class OrderingParams(_Params):
    pairs: list[tuple[str, str]] = Field(default_factory=list)


class EventSpec(_Params):
    verb: str
    object: Literal["product", "company", "parties", "thing", "actor"]
    words: list[str]
    nouns: list[str] = Field(default_factory=list)  # event nouns a date modifies ("the September 18 cut")
    subjects: list[str] = Field(default_factory=list)  # the only subjects the verb may have ("court")
    objects: list[str] = Field(default_factory=list)  # what is acted on ("rate"); the entity is its owner
    market: StrictBool = False  # the market named in the clause is part of the event ("US", "EU")


class EventParams(_Params):
    check: Literal["same-event", "duration"]
    hedges: list[str] = Field(default_factory=list)
    stages: list[str] = Field(default_factory=list)
    second_event: list[str] = Field(default_factory=list)
    events: dict[str, EventSpec] = Field(default_factory=dict)
    markets: dict[str, list[str]] = Field(default_factory=dict)
    anaphor_types: dict[str, list[str]] = Field(default_factory=dict)


# What a rule's `when` condition may test about a finding (check/engine.py fills them).
FINDING_VARIABLES = ("claims", "documents", "low", "high", "gap")

_GROUP = ("entity", "metric", "period", "values", "count")
KINDS: dict[str, tuple[type[_Params], tuple[str, ...]]] = {
    "value-agreement": (AgreementParams, _GROUP),
    "revision": (AgreementParams, _GROUP),
    "arithmetic": (ArithmeticParams, ("title", "why")),
    "conversion": (NoParams, ("why",)),
    "unit-conversion": (NoParams, ("why",)),
    "temporal": (TemporalParams, ("why",)),
    "weekday": (NoParams, ("why",)),
    "ordering": (OrderingParams, ("why",)),
    "event-dates": (EventParams, ("why",)),
}


def placeholder_problems(message: str, allowed: tuple[str, ...]) -> str | None:
    """Why `message` cannot be filled with `allowed` names, or None."""
    try:
        fields = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(message) if f is not None]
    except ValueError as exc:  # "{" never closed
        return f"not a valid message template: {exc}"
    for f, spec, conv in fields:
        if spec or conv:
            return f"placeholder {{{f}}} takes no format spec or conversion"
        if f == "" or f.isdigit():
            return "placeholders must be named, as in {why}"
        if not f.isidentifier():
            return f"placeholder {{{f}}} may not index or take attributes"
        if f not in allowed:
            return f"unknown placeholder {{{f}}} (this kind fills: {', '.join('{' + a + '}' for a in allowed)})"
    return None
