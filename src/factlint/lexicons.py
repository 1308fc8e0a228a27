"""The lexicon files' data models (rules/lexicon/*.toml): entities, metrics, the claim and frame
word lists, matching weights and exchange rates.  Loaded and validated by knowledge.py."""
from __future__ import annotations

import re

from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator, model_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Relation = Literal["product-of", "part-of", "subsidiary-of", "affiliate-of", "works-for", "model-of"]


class Entity(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")
    name: str
    type: Literal["company", "product", "model", "person", "division", "affiliate", "organisation", "media", "index"] = "company"
    aliases: list[str] = Field(default_factory=list)
    parent: str | None = None
    relation: Relation | None = None
    examples: list[str] = Field(default_factory=list)
    not_examples: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _parent_needs_relation(self) -> Entity:
        if (self.parent is None) != (self.relation is None):
            raise ValueError("'parent' and 'relation' go together")
        return self


class Metric(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: str
    dimension: Literal["money", "count", "ratio", "duration", "price", "score", "size"]
    synonyms: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)
    # Regular expressions for the words right before a figure that make it this metric
    # ("values the startup at $3.2 billion"); matched against the 60 characters before it.
    frames: list[str] = Field(default_factory=list)
    # A figure that stands until revised (a capex plan, a budget), rather than a count for a period:
    # an undated one is compared with other reports of it whatever their dates.
    standing: StrictBool = False
    # A level at a moment (users, subscribers, employees) rather than a flow over a period: an
    # undated one ("serves about 650 million users") is compared with the same level dated up to
    # two months before it was reported.
    level: StrictBool = False
    # A balance at a moment (cash, debt, an order backlog): like a level, its figure for a year,
    # a quarter or a day is the balance when that period ended (check/grouping.by_period).
    balance: StrictBool = False
    # An amount per unit earned or paid over a period (earnings or a dividend per share, a salary):
    # a price in its unit, but a period's figure, not a market price that needs its day.
    per_period: StrictBool = False
    exclusive_with: list[str] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)
    not_examples: list[str] = Field(default_factory=list)


    @field_validator("frames")
    @classmethod
    def _frames_compile(cls, v: list[str]) -> list[str]:
        import re

        from .regex_safety import UnsafePattern, check

        for f in v:
            try:
                check(f)
                re.compile(f)
            except re.error as exc:
                raise ValueError(f"frame {f!r} is not a valid regular expression: {exc}") from exc
            except UnsafePattern as exc:
                raise ValueError(f"frame {f!r} could take exponential time ({exc}); write it without that") from exc
        return v


class ClaimWords(Strict):
    """rules/lexicon/claims.toml: the word lists of the token tier (resolve/claims.py and its steps)."""

    generic_nouns: frozenset[str] = frozenset()
    money_nouns: list[str] = Field(default_factory=list)
    not_metric_words: frozenset[str] = frozenset()


PAST_PERFECT = re.compile(r"\bhad (?:already |previously )?(?:been|[a-z]{2,}(?:ed|en|ld|ade|ought|ut|ent|ew|own))\b")


class FrameWords(Strict):
    """rules/lexicon/frames.toml: the word lists of the grammar tier (resolve/frames)."""

    report_verbs: list[str] = Field(default_factory=list)
    change_up: list[str] = Field(default_factory=list)
    change_down: list[str] = Field(default_factory=list)
    revise_verbs: list[str] = Field(default_factory=list)
    place_heads: list[str] = Field(default_factory=list)
    cities: list[str] = Field(default_factory=list)
    table_totals: list[str] = Field(default_factory=list)
    whole_modifiers: list[str] = Field(default_factory=list)
    earlier_cues: list[str] = Field(default_factory=list)
    level_verbs: list[str] = Field(default_factory=list)
    predicates: dict[str, str] = Field(default_factory=dict)
    money_predicates: dict[str, str] = Field(default_factory=dict)
    generic_heads: list[str] = Field(default_factory=list)
    modal_forecast: list[str] = Field(default_factory=list)
    modal_scenario: list[str] = Field(default_factory=list)
    plan_verbs: list[str] = Field(default_factory=list)
    forecast_verbs: list[str] = Field(default_factory=list)
    forecast_nouns: list[str] = Field(default_factory=list)
    plan_nouns: list[str] = Field(default_factory=list)
    estimate_nouns: list[str] = Field(default_factory=list)
    estimate_subjects: list[str] = Field(default_factory=list)
    scenario_marks: list[str] = Field(default_factory=list)
    past_clause_marks: list[str] = Field(default_factory=list)
    comparing_preps: list[str] = Field(default_factory=list)
    capacity_nouns: list[str] = Field(default_factory=list)
    anaphors: list[str] = Field(default_factory=list)
    segment_nouns: list[str] = Field(default_factory=list)
    time_nouns: list[str] = Field(default_factory=list)
    change_nouns: list[str] = Field(default_factory=list)
    irregular_verbs: dict[str, str] = Field(default_factory=dict)
    equivalence_words: list[str] = Field(default_factory=list)
    revisable_nouns: list[str] = Field(default_factory=list)
    revising_verbs: list[str] = Field(default_factory=list)
    not_name_openers: list[str] = Field(default_factory=list)
    not_names: list[str] = Field(default_factory=list)
    name_adjectives: list[str] = Field(default_factory=list)
    name_openers: list[str] = Field(default_factory=list)
    region_words: list[str] = Field(default_factory=list)
    region_places: list[str] = Field(default_factory=list)
    abbreviations: list[str] = Field(default_factory=list)
    name_suffixes: list[str] = Field(default_factory=list)
    name_descriptors: list[str] = Field(default_factory=list)
    name_categories: list[str] = Field(default_factory=list)
    status_of_hedge: dict[str, str] = Field(default_factory=dict)
    cumulative_words: list[str] = Field(default_factory=list)
    total_nouns: list[str] = Field(default_factory=list)
    attributed_words: list[str] = Field(default_factory=list)
    compare_verbs: list[str] = Field(default_factory=list)
    previous_cues: list[str] = Field(default_factory=list)
    company_nouns: list[str] = Field(default_factory=list)
    outlook_verbs: list[str] = Field(default_factory=list)
    results_verbs: list[str] = Field(default_factory=list)
    results_nouns: list[str] = Field(default_factory=list)
    made_of: list[str] = Field(default_factory=list)

    @cached_property
    def act_verbs(self) -> frozenset[str]:
        """Verbs that change or replace a figure ("raised", "cut", "revised")."""
        return frozenset({*self.change_up, *self.change_down, *self.revise_verbs})

    def told_as_earlier(self, lowered: str) -> bool:
        """Whether lower-cased text says its figure is of an earlier time: one of the cues ("the
        previous year", "a year earlier") or a past perfect ("had produced")."""
        return any(cue in lowered for cue in self.earlier_cues) or PAST_PERFECT.search(lowered) is not None

    @cached_property
    def running_total(self) -> re.Pattern:
        """A word that makes a sentence's figure a running total ("since it began production")."""
        words = "|".join(re.escape(w) for w in self.cumulative_words)
        return re.compile(rf"\b(?:{words})\b" if words else r"(?!)", re.I)

    @cached_property
    def made_of_gap(self) -> re.Pattern:
        """The gap between a total and its first part: a few words, then one of the words that say
        what follows is its parts ("a fleet of 34 units, made up of 27 ..."; check/together.py)."""
        return re.compile(rf"^(?:\s[\w'’-]{{1,20}}){{0,3}}?,?\s(?:{self._made_of})\s$", re.I)

    @cached_property
    def made_of_before(self) -> re.Pattern:
        """Those words right before a figure ("The fine is made up of £104.5 million"; frames/links.py)."""
        return re.compile(rf"\b(?:{self._made_of})\s(?:about\s|around\s|roughly\s|some\s)?$", re.I)

    @cached_property
    def _made_of(self) -> str:
        return "|".join(r"\s".join(map(re.escape, w.split())) for w in sorted(self.made_of, key=len, reverse=True)) or "(?!)"

    @cached_property
    def results_lede(self) -> re.Pattern:
        """A company reporting the results of a period ("reported first-quarter numbers",
        "posted results for the three months to June"): verb, then (up to eight words on) the noun."""
        verbs = "|".join(re.escape(w) for w in self.results_verbs)
        nouns = "|".join(re.escape(w) for w in self.results_nouns)
        if not verbs or not nouns:
            return re.compile(r"(?!)")
        return re.compile(rf"\b(?:{verbs})\s(?:[\w'’,-]{{1,30}}\s){{0,8}}?(?:{nouns})\b", re.I)

    @cached_property
    def not_name_set(self) -> frozenset[str]:
        return frozenset(self.not_names)

    @cached_property
    def city_set(self) -> frozenset[str]:
        return frozenset(self.cities)

    @cached_property
    def corporate_set(self) -> frozenset[str]:
        """Words of a corporate form ("Co", "Company", "Group"): a publisher named with one is a company."""
        return frozenset({*self.name_suffixes, *self.name_descriptors})

    @cached_property
    def name_tail_set(self) -> frozenset[str]:
        """Last words an unknown name drops (resolve/entities.name_base)."""
        return frozenset({*self.name_suffixes, *self.name_descriptors, *self.name_categories})

    @cached_property
    def outlook_heads(self) -> frozenset[str]:
        """Nouns of a forecast, plan or estimate of some other quantity ("earnings guidance")."""
        return frozenset({*self.forecast_nouns, *self.plan_nouns, *self.estimate_nouns})

    @cached_property
    def outlook_nouns(self) -> frozenset[str]:
        """Nouns of a figure that can be revised, forecast or planned ("its target", "the outlook")."""
        return frozenset({*self.revisable_nouns, *self.forecast_nouns, *self.plan_nouns})

    def verbs(self) -> set[str]:
        """Every verb the lists name: what the lemmatizer must give base forms for."""
        return {*self.report_verbs, *self.change_up, *self.change_down, *self.revise_verbs, *self.level_verbs,
                *self.predicates, *self.money_predicates, *self.plan_verbs, *self.forecast_verbs, *self.equivalence_words,
                *self.outlook_verbs, *self.revising_verbs, *self.irregular_verbs.values()}


class MatchWeights(Strict):
    """rules/matching.toml: how two figures' frames are compared (check/matching)."""

    weights: dict[str, float] = Field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.5  # a pair scoring above it is the same fact
    frame_confidence: float = 0.6  # an error needs both frames at least this sure of actor and property
    trained_on: str = ""  # where the weights came from


class Rate(Strict):
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    year: int
    per_usd: float = Field(gt=0)  # units of `currency` per 1 USD, annual average


class RateTable(Strict):
    source: str
    band: float = Field(gt=0, lt=1)  # relative band a stated conversion may sit in
    rate: list[Rate]

    def per_usd(self, currency: str, year: int | None) -> float | None:
        """Rate for the year, else the nearest year the table has."""
        if currency == "USD":
            return 1.0
        rows = [r for r in self.rate if r.currency == currency]
        if not rows:
            return None
        if year is None:
            return max(rows, key=lambda r: r.year).per_usd
        return min(rows, key=lambda r: (abs(r.year - year), -r.year)).per_usd

    def convert(self, amount: float, src: str, dst: str, year: int | None) -> float | None:
        a, b = self.per_usd(src, year), self.per_usd(dst, year)
        if a is None or b is None:
            return None
        return amount / a * b
