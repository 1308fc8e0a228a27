"""Command line: `factlint lint | extract | report | baseline | rules | explain | config`.

Exit status: 0 nothing at or above the fail threshold, 1 findings at or
above it, 2 usage, configuration, rule-file or input-file errors, 3 an
internal error (a bug in factlint; never to be read as findings).
Settings come from the command line, else the project's config file
(factlint.toml or [tool.factlint] in pyproject.toml), else defaults.

Heavy modules are imported inside the commands that need them, and each
command's module (lint.py, commands.py) only when that command runs, so
`factlint --version` and `factlint rules` start quickly.  This module holds
what the commands share: settings, the run, the store, outputs, exit status.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import __version__

if TYPE_CHECKING:
    from .. import config as config_mod
    from ..knowledge import Knowledge
    from ..models import Document
    from ..pipeline import LintResult

EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 1, 2, 3
FORMATS = ("text", "json")
LINT_FORMATS = FORMATS + ("sarif", "github", "junit")
OUTPUT_FORMATS = LINT_FORMATS + ("html",)


def progress(items: list[Document]) -> Iterable[Document]:
    """A progress bar on an interactive terminal only; silent in pipes and CI."""
    if len(items) < 2 or os.environ.get("CI") or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, desc="factlint", unit="doc", leave=False, file=sys.stderr)


def _fail(message: str) -> None:
    click.echo(f"factlint: {_clean(message)}", err=True)
    sys.exit(EXIT_USAGE)


def _clean(s: str) -> str:
    from ..report.text import escape

    return "\n".join(escape(line) for line in s.split("\n"))


def _settings(config_file: Path | None = None, **cli) -> config_mod.Resolved:
    from .. import config as config_mod
    from ..knowledge import ConfigError

    try:
        return config_mod.resolve(cli, config_file=config_file)
    except ConfigError as exc:
        _fail(f"configuration error:\n{exc}")


def _knowledge(settings: config_mod.Resolved) -> Knowledge:
    from .. import config as config_mod
    from ..knowledge import ConfigError, Knowledge

    try:
        kb = Knowledge.load(Path(settings["rules"]) if settings["rules"] else None)
        config_mod.apply_rule_settings(kb, settings.rule_settings, settings.path)
        return kb
    except ConfigError as exc:
        _fail(f"configuration error:\n{exc}")


def _paths(paths: tuple[Path, ...], settings: config_mod.Resolved) -> tuple[Path, ...]:
    if paths:
        return paths
    if settings["include"]:
        base = settings.path.parent if settings.path else Path.cwd()
        # Named relative to the working directory when inside it, as a user would type them.
        return tuple(Path(os.path.relpath(base / p)) if (base / p).resolve().is_relative_to(Path.cwd().resolve()) else base / p
                     for p in settings["include"])
    return (Path("."),)  # as ruff does: no paths and no `include` means the working directory


def _store(settings: config_mod.Resolved, use: bool):
    where = settings["store"]
    if not use or not where or where == "none":
        return None
    import sqlite3

    from ..store import Store, StoreRefused

    try:
        store = Store(Path(where))
    except StoreRefused as exc:
        click.echo(f"factlint: claim store refused: {_clean(str(exc))}; continuing without it", err=True)
        return None
    except (OSError, sqlite3.Error) as exc:
        detail = getattr(exc, "strerror", None) or exc
        click.echo(f"factlint: claim store {_clean(where)} unusable ({_clean(str(detail))}); continuing without it", err=True)
        return None
    if store.rebuilt:
        click.echo(f"factlint: claim store {_clean(where)} was not usable ({_clean(store.rebuilt)}); rebuilt it", err=True)
    return store


def run_lint(*args, **kwargs) -> LintResult:
    from ..pipeline import lint

    return lint(*args, **kwargs)


def _run(paths, settings, kb, use_store: bool, focus: set[str] | None = None, need_articles: bool = False,
         opened=None) -> LintResult:
    from ..pipeline import DEFAULT_BUDGET
    from ..workers import default_jobs

    store = opened if opened is not None else _store(settings, use_store)  # opened: the caller's, closed by it
    budget = settings["time_budget"]
    try:
        # The HTML report shows every article's text, so it needs them read, not just the last report.
        result = run_lint(paths, kb, tuple(settings["exclude"]), progress, store, focus=focus, reuse_report=not need_articles,
                          jobs=settings["jobs"] or default_jobs(), time_budget=DEFAULT_BUDGET if budget is None else budget)
    finally:
        if store is not None:
            if store.failed:
                click.echo(f"factlint: claim store {_clean(settings['store'])} failed during the run ({_clean(store.failed)}); "
                           "continued without it", err=True)
            if opened is None:
                store.close()
    for note in result.notes:
        click.echo(_clean(note), err=True)
    return _accept(result, settings)


def _accept(result: LintResult, settings: config_mod.Resolved) -> LintResult:
    """Drop findings silenced inline or waived; report unused and expired ones."""
    from datetime import date

    from .. import suppress
    from ..knowledge import ConfigError
    from ..pipeline import LintResult

    waivers, where = [], settings["waivers"]
    if where:
        try:
            waivers = suppress.load_waivers(Path(where))
        except ConfigError as exc:
            _fail(str(exc))
    # Inline suppressions were applied by the pipeline (so a cached report has them too); waivers here.
    out = suppress.apply(result.report.findings, [], waivers, date.today(), where or "")
    for note in out.notes:
        click.echo(_clean(note), err=True)
    report = result.report.model_copy(update={"findings": out.kept, "errors": [*result.report.errors, *out.errors]})
    return LintResult(report, result.analyses, result.notes)


# Command name -> (module in this package, attribute): imported when the command is used.
_COMMANDS = {"lint": ("lint", "lint"), "extract": ("commands", "extract"), "report": ("commands", "report"),
             "baseline": ("commands", "baseline_group"), "rules": ("commands", "rules_cmd"),
             "explain": ("commands", "explain"), "config": ("commands", "config_cmd")}


class _Guarded(click.Group):
    """An unexpected exception anywhere is an internal error, exit status 3, never 1 (findings).
    Commands are loaded from their modules on first use."""

    def list_commands(self, ctx) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx, name: str):
        if name not in _COMMANDS:
            return None
        from importlib import import_module

        module, attr = _COMMANDS[name]
        return getattr(import_module(f"{__name__}.{module}"), attr)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit, KeyboardInterrupt):
            raise
        except RecursionError as exc:
            _internal(exc)
        except Exception as exc:  # noqa: BLE001
            _internal(exc)


def _internal(exc: BaseException) -> None:
    import traceback

    click.echo("factlint: internal error (please report it, with the lines below):", err=True)
    click.echo(_clean("".join(traceback.format_exception(exc))[-4000:]), err=True)
    sys.exit(EXIT_INTERNAL)


def status(report, failing: bool) -> int:
    """0 clean, 1 findings, 2 input or configuration errors, 3 internal errors (worst wins)."""
    if any(e.kind == "internal" for e in report.errors):
        return EXIT_INTERNAL
    if report.errors:
        return EXIT_USAGE
    return EXIT_FINDINGS if failing else 0


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factlint")
def main() -> None:
    """Find figures and dates that disagree across and inside written sources."""


# --- shared by the commands ---------------------------------------------------


_common = [
    click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                 help="Rules folder (default: config, else the rules shipped with factlint)."),
    click.option("--exclude", multiple=True, help="Glob of files to skip (repeatable; adds to the config's)."),
    click.option("--store/--no-store", "use_store", default=True, show_default=True,
                 help="Reuse what was read from unchanged articles (SQLite cache, see `store` in the config)."),
    click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
                 help="Config file to use instead of the nearest factlint.toml / pyproject.toml."),
    click.option("--select", multiple=True, metavar="RULES",
                 help="Run only these rules (ids, rule kinds or finding kinds, comma-separated; repeatable)."),
    click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules (as --select)."),
    click.option("--jobs", "-j", type=click.IntRange(1, 1024), default=None,
                 help="Processes for per-article work [default: every core]; the output is the same for any number."),
    click.option("--time-budget", type=click.FloatRange(0), default=None, metavar="SECONDS",
                 help="CPU seconds one article may take before it is reported as too slow and skipped [default: 5; 0: no limit]."),
]


def common(fn):
    for opt in reversed(_common):
        fn = opt(fn)
    return fn


def _some_articles(report, paths: tuple[Path, ...]) -> None:
    """Checking nothing is an error, not a pass."""
    from ..ingest import SUFFIXES

    if not report.documents and not report.errors:
        _fail(f"no articles found in {', '.join(p.as_posix() for p in paths)} (looked for {', '.join(sorted(SUFFIXES))})")


def _metric_names(kb: Knowledge) -> dict[str, str]:
    return {mid: m.name for mid, m in kb.metric_by_id.items()}


def _rules(settings: config_mod.Resolved, select: tuple[str, ...], ignore: tuple[str, ...]) -> Knowledge:
    """The rules in effect after the config and --select/--ignore; none at all is an error, not a pass."""
    from .. import cliopts

    kb = _knowledge(settings)
    problem = cliopts.select_rules(kb, cliopts.split_names(select), cliopts.split_names(ignore))
    if problem:
        _fail(problem)
    if not any(r.enabled for r in kb.rules):
        _fail(f"no rules to run (rules folder {kb.rules_dir}: {len(kb.rules)} rule(s), none enabled)")
    return kb


def _write(path: Path, content: str | Iterable[str], what: str) -> None:
    """Write an output whole or as its pieces arrive (the HTML report), replacing `path` only when done."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            for piece in [content] if isinstance(content, str) else content:
                fh.write(piece)
        tmp.replace(path)
    except OSError as exc:
        _fail(f"cannot write {what} output to {path}: {exc.strerror or exc}")


def _compare(report, accepted, path: Path, involved=None):
    from .. import baseline as baseline_mod

    try:
        shown = Path(os.path.relpath(path)).as_posix()  # never a runner's absolute workspace path
    except ValueError:  # another drive
        shown = path.as_posix()
    return baseline_mod.compare(report, accepted, root=baseline_mod.root_of(path), file=shown, involved=involved)


def _load_baseline(path: Path):
    from ..baseline import BaselineError, load as load_baseline

    if path.is_dir():
        _fail(f"{path}: is a folder, not a baseline file")
    try:
        return load_baseline(path)
    except BaselineError as exc:
        _fail(str(exc))
    except (RecursionError, ValueError, OSError) as exc:  # deeply nested JSON, odd bytes
        _fail(f"{path}: cannot read baseline: {type(exc).__name__}: {str(exc)[:200]}")


def _refuse_inputs(targets: list[Path], paths: tuple[Path, ...], report) -> None:
    """An output path that names an article being checked is a typo, not a wish to overwrite it."""
    if not targets:
        return
    inputs = {os.path.abspath(d) for d in report.documents} | {os.path.abspath(p) for p in paths if p.is_file()}
    for t in targets:
        if os.path.abspath(t) in inputs:
            _fail(f"refusing to write output over input article {t}")
