"""Project configuration: `factlint.toml` or `[tool.factlint]` in `pyproject.toml`.

Found by walking up from the working directory; the first folder holding
either file wins (factlint.toml before pyproject.toml, and a pyproject.toml
without a [tool.factlint] table does not count).  Paths in the file are
relative to the file's folder.  Command-line flags override the file; every
resolved value remembers where it came from, for `factlint config`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError

from .knowledge import ConfigError, Knowledge, _read_toml as _read
from .models import Severity


class RuleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: StrictBool | None = None  # `enabled = "no"` is a mistake to report, not false
    severity: Severity | None = None


class FileConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    include: list[str] = Field(default_factory=list)  # globs or paths linted when none are given
    exclude: list[str] = Field(default_factory=list)
    rules: str | None = None  # rules folder
    fail_on: Literal["error", "warning", "info", "never"] | None = Field(None, alias="fail-on")
    baseline: str | None = None
    store: str | None = None  # claim store path; "none" disables it
    waivers: str | None = None  # sidecar file of waived findings
    jobs: int | None = Field(None, ge=1, le=1024)  # processes for per-article work (default: every core)
    time_budget: float | None = Field(None, alias="time-budget", ge=0)  # CPU seconds per article; 0 = none
    rule: dict[str, RuleSettings] = Field(default_factory=dict)  # per-rule overrides, by rule id


@dataclass
class Resolved:
    values: dict[str, Any]
    sources: dict[str, str]  # key -> "default" | "<file>" | "command line"
    path: Path | None = None  # the config file, if any
    rule_settings: dict[str, RuleSettings] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


DEFAULTS: dict[str, Any] = {
    "include": [], "exclude": [], "rules": None, "fail_on": "error", "baseline": None, "store": ".factlint/claims.sqlite3",
    "waivers": None, "jobs": None, "time_budget": None,
}


def find(start: Path | None = None) -> tuple[Path, dict] | None:
    """The nearest config file above `start` and its factlint table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "factlint.toml"
        if own.exists():
            return own, _read(own)  # a folder or unreadable file by that name is an error, not skipped
        py = folder / "pyproject.toml"
        if py.is_file():
            tool = _read(py).get("tool", {})
            table = tool.get("factlint") if isinstance(tool, dict) else None
            if table is not None:
                if not isinstance(table, dict):
                    raise ConfigError(f"{py}: tool.factlint: must be a table")
                return py, table
    return None




def load_file(path: Path) -> tuple[Path, dict]:
    """An explicitly named config file (`--config`): factlint.toml-style, or a pyproject.toml's [tool.factlint]."""
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    data = _read(path)
    return path.resolve(), (data.get("tool", {}).get("factlint", {}) if path.name == "pyproject.toml" else data)


def resolve(cli: dict[str, Any], start: Path | None = None, config_file: Path | None = None) -> Resolved:
    """Defaults, then the config file (`config_file`, else the nearest), then command-line values that are not None."""
    values, sources = dict(DEFAULTS), {k: "default" for k in DEFAULTS}
    found = load_file(config_file) if config_file else find(start)
    rule_settings: dict[str, RuleSettings] = {}
    path = None
    if found:
        path, table = found
        prefix = "tool.factlint." if path.name == "pyproject.toml" else ""
        try:
            fc = FileConfig.model_validate(table)
        except ValidationError as exc:
            raise ConfigError("\n".join(f"{path}: {prefix}{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}"
                                        for err in exc.errors())) from exc
        base = path.parent
        for key, val in fc.model_dump(exclude={"rule"}).items():
            if val in (None, []):
                continue
            if key in ("rules", "baseline", "store", "waivers") and val != "none":
                val = str((base / val).resolve()) if not Path(val).is_absolute() else val
            values[key], sources[key] = val, str(path)
        rule_settings = fc.rule
        if sources["store"] == "default":
            values["store"] = str(base / DEFAULTS["store"])  # the cache lives beside the config
    for key, val in cli.items():
        if val is not None and val != () and val != []:
            values[key], sources[key] = (list(val) if isinstance(val, tuple) else val), "command line"
    return Resolved(values, sources, path, rule_settings)


def apply_rule_settings(kb: Knowledge, settings: dict[str, RuleSettings], where: Path | None) -> None:
    """Per-rule overrides from the config file: enable/disable, change severity."""
    ids = {r.id for r in kb.rules}
    for rid in settings:
        if rid not in ids:
            raise ConfigError(f"{where}: rule.{rid}: no such rule (known: {', '.join(sorted(ids))})")
    new = []
    for r in kb.rules:
        s = settings.get(r.id)
        if s is None:
            new.append(r)
            continue
        update = {k: v for k, v in (("enabled", s.enabled), ("severity", s.severity)) if v is not None}
        new.append(r.model_copy(update=update))
    kb.rules = new
