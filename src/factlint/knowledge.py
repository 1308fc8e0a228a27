"""Rules and lexicons as data: load and validate everything under `rules/`.

    rules/*.toml                  rule files ([[rule]] tables)
    rules/lexicon/entities.toml   entity alias table
    rules/lexicon/metrics.toml    metric lexicon
    rules/lexicon/rates.toml      dated exchange rates

Every file is validated with pydantic; a problem becomes a ConfigError that
names the file and the key path ("rules/x.toml: rule[2].severity: ...").
"""
from __future__ import annotations

import hashlib
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, StrictBool, ValidationError, field_validator

from .lexicons import ClaimWords, Entity, FrameWords, MatchWeights, Metric, RateTable, Strict
from .models import Severity
from .safe_expr import ExprError, compile_expr


class ConfigError(Exception):
    """A rule, lexicon or config file that cannot be used.  Exit status 2."""




# --- rules -----------------------------------------------------------------


class Tolerance(Strict):
    relative: float = Field(0.0, ge=0)
    absolute: float = Field(0.0, ge=0)


class Scope(Strict):
    metrics: list[str] = Field(default_factory=lambda: ["*"])
    entities: list[str] = Field(default_factory=lambda: ["*"])
    dimensions: list[str] = Field(default_factory=lambda: ["*"])

    def admits(self, metric: str | None, entity: str | None, dimension: str | None) -> bool:
        return (
            ("*" in self.metrics or metric in self.metrics)
            and ("*" in self.entities or entity in self.entities)
            and ("*" in self.dimensions or dimension in self.dimensions)
        )


class Example(Strict):
    """Articles (front matter allowed) that the rule must flag, pass, or hold back (report
    only as info, 'possibly the same figure', because the reading is not sure enough)."""

    expect: Literal["flag", "pass", "hold"]
    texts: list[str] = Field(min_length=1)
    note: str = ""

    @property
    def verb(self) -> str:
        return {"flag": "flags", "hold": "holds back"}.get(self.expect, "passes")


class Rule(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: str
    severity: Severity
    description: str
    message: str = ""
    enabled: StrictBool = True
    scope: Scope = Scope()
    tolerance: Tolerance = Tolerance()
    when: str | None = None  # a safe expression over the kind's named values
    params: dict[str, Any] = Field(default_factory=dict)
    examples: list[Example] = Field(default_factory=list)
    source_file: str = ""

    @field_validator("when")
    @classmethod
    def _compiles(cls, v: str | None) -> str | None:
        if v is not None:
            from .rule_params import FINDING_VARIABLES
            from .safe_expr import names

            try:
                compile_expr(v)
            except ExprError as exc:
                raise ValueError(str(exc)) from exc
            unknown = names(v) - set(FINDING_VARIABLES)
            if unknown:
                raise ValueError(f"unknown name(s) {', '.join(sorted(unknown))} (known: {', '.join(FINDING_VARIABLES)})")
        return v

    @cached_property
    def condition(self):
        return compile_expr(self.when) if self.when else None

    @cached_property
    def settings(self) -> BaseModel | None:
        """`params` as the kind's typed model (rule_params.py), defaults filled in; None for an undeclared kind."""
        from .rule_params import KINDS

        return KINDS[self.kind][0].model_validate(self.params) if self.kind in KINDS else None


class _RuleFile(Strict):
    rule: list[Rule] = Field(min_length=1)


class _EntityFile(Strict):
    entity: list[Entity]


class _MetricFile(Strict):
    metric: list[Metric]


# --- loading ---------------------------------------------------------------


def _read_toml(path: Path) -> dict:
    return _parse_toml(path, read_file(path))


def read_file(path: Path, limit: int = 20_000_000) -> bytes:
    """A configuration file's bytes, or a ConfigError naming it (a folder, unreadable, too large)."""
    try:
        if path.is_dir():
            raise ConfigError(f"{path}: is a folder, not a file")
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise ConfigError(f"{path}: over {limit:,} bytes; not a configuration file")
    return data


def _parse_toml(path: Path, data: bytes) -> dict:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    except RecursionError as exc:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from exc


def _validate(model: type[BaseModel], data: dict, path: Path) -> Any:
    try:
        return model.model_validate(data)
    except RecursionError as exc:
        raise ConfigError(f"{path}: nested too deeply") from exc
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
            problems.append(f"{path}: {key or '(top level)'}: {err['msg']}")
        raise ConfigError("\n".join(problems)) from exc


def default_rules_dir() -> Path:
    """The rules shipped with factlint: in the wheel, or the repository's rules/."""
    bundled = Path(__file__).parent / "_rules"
    if bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parents[2] / "rules"


class Knowledge:
    """Everything under a rules folder, validated."""

    def __init__(self, rules_dir: Path, rules: list[Rule], entities: list[Entity], metrics: list[Metric], rates: RateTable, digest: str):
        self.rules_dir = rules_dir
        self.rules = rules
        self.entities = entities
        self.metrics = metrics
        self.rates = rates
        self.digest = digest  # changes whenever any rule or lexicon file changes
        self.entity_by_id = {e.id: e for e in entities}
        self.metric_by_id = {m.id: m for m in metrics}
        self.frame_words = FrameWords()
        self.claim_words = ClaimWords()
        self.matching = MatchWeights()

    @cached_property
    def entity_matcher(self):
        from .resolve.entities import EntityMatcher

        return EntityMatcher(self.entities, self.frame_words)

    @cached_property
    def metric_matcher(self):
        from .resolve.metrics import MetricMatcher

        return MetricMatcher(self.metrics)

    @classmethod
    def load(cls, rules_dir: Path | None = None) -> Knowledge:
        rules_dir = Path(rules_dir) if rules_dir else default_rules_dir()
        if not rules_dir.is_dir():
            raise ConfigError(f"{rules_dir}: rules folder not found")
        digest = hashlib.sha256()
        rules: list[Rule] = []
        seen: dict[str, Path] = {}
        for path in sorted(rules_dir.glob("*.toml")):
            raw = read_file(path)
            digest.update(path.name.encode() + raw)
            data = _parse_toml(path, raw)
            for r in data.get("rule", []) if isinstance(data.get("rule"), list) else []:
                if isinstance(r, dict):
                    r.setdefault("source_file", path.as_posix())
            parsed: _RuleFile = _validate(_RuleFile, data, path)
            for r in parsed.rule:
                if r.id in seen:
                    raise ConfigError(f"{path}: rule id '{r.id}' already defined in {seen[r.id]}")
                seen[r.id] = path
                rules.append(r)
        lex = rules_dir / "lexicon"

        def lexicon(name: str, model: type[BaseModel], empty: dict) -> Any:
            path = lex / name
            if not path.exists():
                return _validate(model, empty, path)
            raw = read_file(path)
            digest.update(name.encode() + raw)
            return _validate(model, _parse_toml(path, raw), path)

        frame_words = lexicon("frames.toml", FrameWords, {})
        claim_words = lexicon("claims.toml", ClaimWords, {})
        for name in ("units.toml", "dates.toml", "html.toml"):  # read by extract/ and the html reader: re-read every article
            if (lex / name).is_file():
                digest.update(name.encode() + (lex / name).read_bytes())
        match_path = lex / "matching.toml"
        match = MatchWeights()
        if match_path.exists():
            raw = read_file(match_path)
            digest.update(b"matching.toml" + raw)
            match = _validate(MatchWeights, _parse_toml(match_path, raw), match_path)
        from .parse import MODEL_PACKAGE, MODEL_VERSION

        digest.update(f"{MODEL_PACKAGE}=={MODEL_VERSION}".encode())  # a new parser reads frames anew
        entities = lexicon("entities.toml", _EntityFile, {"entity": []}).entity
        metrics = lexicon("metrics.toml", _MetricFile, {"metric": []}).metric
        rates = lexicon("rates.toml", RateTable, {"source": "none", "band": 0.1, "rate": []})
        _check_ids(entities, lex / "entities.toml", "entity")
        _check_ids(metrics, lex / "metrics.toml", "metric")
        ids = {e.id for e in entities}
        for i, e in enumerate(entities):
            if e.parent and e.parent not in ids:
                raise ConfigError(f"{lex / 'entities.toml'}: entity[{i}].parent: unknown entity id '{e.parent}'")
        from .rule_params import KINDS

        kinds: set[str] = set(KINDS)
        if any(r.kind not in kinds for r in rules):  # a kind declared only where it is implemented
            from .check import known_kinds

            kinds = known_kinds()
        for r in rules:
            if r.kind not in kinds:
                raise ConfigError(f"{r.source_file}: rule '{r.id}'.kind: unknown kind '{r.kind}' (known: {', '.join(sorted(kinds))})")
            _check_kind_settings(r)
        kb = cls(rules_dir, rules, entities, metrics, rates, digest.hexdigest())
        kb.frame_words, kb.claim_words, kb.matching = frame_words, claim_words, match
        return kb


def _check_kind_settings(rule: Rule) -> None:
    """The rule's params and message against what its kind declares (rule_params.py)."""
    from .rule_params import KINDS, placeholder_problems

    if rule.kind not in KINDS:
        return
    model, placeholders = KINDS[rule.kind]
    where = Path(rule.source_file or rule.id)
    try:
        model.model_validate(rule.params)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
            problems.append(f"{where}: rule '{rule.id}'.params{key}: {err['msg']}")
        raise ConfigError("\n".join(problems)) from exc
    problem = placeholder_problems(rule.message, placeholders) if rule.message else None
    if problem:
        raise ConfigError(f"{where}: rule '{rule.id}'.message: {problem}")


def _check_ids(items: list, path: Path, what: str) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            raise ConfigError(f"{path}: {what}[{i}].id: duplicate id '{item.id}'")
        seen.add(item.id)
