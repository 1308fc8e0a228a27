"""Command line: `factlint lint | extract | report | baseline | rules | explain | config`.

Exit status: 0 nothing at or above the fail threshold, 1 findings at or
above it, 2 usage, configuration, rule-file or input-file errors, 3 an
internal error (a bug in factlint; never to be read as findings).
Settings come from the command line, else the project's config file
(factlint.toml or [tool.factlint] in pyproject.toml), else defaults.

Heavy modules are imported inside the commands that need them, so
`factlint --version` and `factlint rules` start quickly.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__

if TYPE_CHECKING:
    from . import config as config_mod
    from .knowledge import Knowledge
    from .models import Document
    from .pipeline import LintResult

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
    from .report.text import escape

    return "\n".join(escape(line) for line in s.split("\n"))


def _settings(config_file: Path | None = None, **cli) -> config_mod.Resolved:
    from . import config as config_mod
    from .knowledge import ConfigError

    try:
        return config_mod.resolve(cli, config_file=config_file)
    except ConfigError as exc:
        _fail(f"configuration error:\n{exc}")


def _knowledge(settings: config_mod.Resolved) -> Knowledge:
    from . import config as config_mod
    from .knowledge import ConfigError, Knowledge

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

    from .store import Store, StoreRefused

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
    from .pipeline import lint

    return lint(*args, **kwargs)


def _run(paths, settings, kb, use_store: bool, focus: set[str] | None = None, need_articles: bool = False) -> LintResult:
    from .pipeline import DEFAULT_BUDGET
    from .workers import default_jobs

    store = _store(settings, use_store)
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
            store.close()
    for note in result.notes:
        click.echo(_clean(note), err=True)
    return _accept(result, settings)


def _accept(result: LintResult, settings: config_mod.Resolved) -> LintResult:
    """Drop findings silenced inline or waived; report unused and expired ones."""
    from datetime import date

    from . import suppress
    from .knowledge import ConfigError
    from .pipeline import LintResult

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


class _Guarded(click.Group):
    """An unexpected exception anywhere is an internal error, exit status 3, never 1 (findings)."""

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


# --- extract -----------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
def extract(paths: tuple[Path, ...], fmt: str) -> None:
    """Show every figure and date factlint reads, and how it normalised them."""
    from .models import Report
    from .pipeline import DEFAULT_BUDGET, load
    from .report import json_out, text
    from .workers import analyse_all

    settings = _settings()
    docs, errors = load(paths)
    kb = _knowledge(settings)
    mentions = []
    budget = settings["time_budget"]
    # Read as lint reads: a bare "160 billion" in a story told in yuan is shown as yuan.
    for outcome in analyse_all(list(progress(docs)), kb, 1, DEFAULT_BUDGET if budget is None else budget):
        if hasattr(outcome, "mentions"):
            mentions.extend(outcome.mentions)
            errors += [e for e in _doc_problems(outcome.doc) if e not in errors]
        else:
            errors.append(outcome)
    out = json_out.extract_json(mentions) if fmt == "json" else text.mentions_text(mentions)
    click.echo(out, nl=False)
    for e in errors:
        click.echo(text.error_line(e), err=True)
    sys.exit(status(Report(errors=errors), False))


def _doc_problems(doc):
    from .models import FileError

    return [FileError(path=doc.path, line=line, message=msg) for line, msg in doc.problems]


# --- lint --------------------------------------------------------------------


def _parse_outputs(ctx, param, specs: tuple[str, ...]) -> list[tuple[str, Path]]:
    outputs = []
    for spec in specs:
        fmt, sep, path = spec.partition(":")
        if not sep or not path or fmt not in OUTPUT_FORMATS:
            raise click.BadParameter(f"{spec!r}: expected FORMAT:PATH, FORMAT one of {', '.join(OUTPUT_FORMATS)}")
        outputs.append((fmt, Path(path)))
    paths = [p.resolve() for _, p in outputs]
    if len(set(paths)) != len(paths):
        raise click.BadParameter("two outputs write the same file")
    return outputs


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


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(LINT_FORMATS), default="text", show_default=True, help="What to print on standard output.")
@click.option("--output", "outputs", multiple=True, metavar="FORMAT:PATH", callback=_parse_outputs,
              help="Also write FORMAT (text, json, sarif, github, junit, html) to PATH; repeatable.")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Accepted findings (from `factlint baseline write`): only findings not in it are reported and fail.")
@click.option("--waivers", "waivers_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Sidecar TOML of waived findings (by fingerprint, with a reason and optional expiry).")
@click.option("--changed-since", "changed_since", metavar="GIT_REF", default=None,
              help="Report only findings that involve an article changed or added since GIT_REF (checked against all PATHS).")
@click.option("--changed", "changed", multiple=True, type=click.Path(path_type=Path),
              help="Report only findings that involve this article (repeatable); checked against all PATHS.")
@click.option("--against-corpus", is_flag=True,
              help="PATHS are the staged files (as pre-commit passes them): those that are articles of the corpus "
                   "named by the config's `include` are checked against it, reporting only findings that involve them.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Lowest severity that makes the exit status 1 [default: error].")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text output; auto: on a terminal, unless NO_COLOR is set or FORCE_COLOR forces it.")
@click.option("--no-color", "no_color", is_flag=True, hidden=True)
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary or baseline lines.")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule raised instead of the findings.")
@common
def lint(paths: tuple[Path, ...], fmt: str, outputs: list[tuple[str, Path]], baseline_file: Path | None,
         waivers_file: Path | None, changed_since: str | None, changed: tuple[Path, ...], against_corpus: bool, fail_on: str | None,
         color: str, no_color: bool, quiet: bool, statistics: bool, rules_dir: Path | None, exclude: tuple[str, ...], use_store: bool,
         config_file: Path | None, select: tuple[str, ...], ignore: tuple[str, ...], jobs: int | None,
         time_budget: float | None) -> None:
    """Check articles for figures and dates that disagree (PATH '-' reads one article from standard input)."""
    from . import cliopts
    from .report import json_out, text

    settings = _settings(config_file, rules=str(rules_dir) if rules_dir else None, fail_on=fail_on,
                         baseline=str(baseline_file) if baseline_file else None,
                         waivers=str(waivers_file) if waivers_file else None, jobs=jobs, time_budget=time_budget)
    settings.values["exclude"] = [*settings["exclude"], *exclude]
    kb = _rules(settings, select, ignore)
    for p in changed:
        if not p.exists():
            _fail(f"--changed {p}: no such file")  # a typo must not pass the gate
    if against_corpus:
        if not settings["include"]:
            _fail("--against-corpus needs `include` (the corpus) in factlint.toml or [tool.factlint]")
        corpus = _paths((), settings)
        changed = (*changed, *_inside(paths, corpus, settings))  # a staged README.md is not an article
        if not changed:
            sys.exit(0)
        paths = corpus
    stdin = cliopts.stdin_folder() if cliopts.STDIN in map(str, paths) else None
    if stdin is not None:
        use_store = False
        stdin_path = cliopts.stdin_article(sys.stdin.read(), stdin.name)
        paths = tuple(stdin_path if str(p) == cliopts.STDIN else p for p in paths)
    paths = _paths(paths, settings)
    baseline_path = Path(settings["baseline"]) if settings["baseline"] else None
    accepted = _load_baseline(baseline_path) if baseline_path else None
    focus = _changed_docs(changed_since, changed) if (changed_since or changed) else None
    result = _run(paths, settings, kb, use_store, focus, need_articles=any(f == "html" for f, _ in outputs))
    report = result.report
    if stdin is not None:
        report = cliopts.rename_doc(report, stdin_path.as_posix(), cliopts.STDIN_NAME)
        stdin.cleanup()
    _some_articles(report, paths)
    _refuse_inputs([p for _, p in outputs], paths, report)
    if focus is not None:
        kept = []
        for f in report.findings:
            if any(_norm(c.doc) in focus for c in f.claims):
                # Annotate the changed article: its claim goes first.
                lead = next(i for i, c in enumerate(f.claims) if _norm(c.doc) in focus)
                kept.append(f.model_copy(update={"claims": [f.claims[lead], *f.claims[:lead], *f.claims[lead + 1:]]}))
        report = report.model_copy(update={"findings": kept})
    comparison = None
    if accepted is not None:
        # Accepted findings in articles this run does not look at are not "fixed".
        comparison = _compare(report, accepted, baseline_path, None if focus is None else (lambda p: _norm(p) in focus))
        shown = report.model_copy(update={"findings": comparison.new})
    else:
        shown = report
    summary_path = [os.environ.get("GITHUB_STEP_SUMMARY") or None]  # appended to once per run

    def render(f: str, use_color: bool) -> str:
        if f == "json":
            return json_out.lint_json(shown, comparison)
        if f == "sarif":
            from .report import sarif

            return sarif.render(shown, kb, comparison)
        if f == "github":
            from .report import github

            where, summary_path[0] = summary_path[0], None
            return github.render(shown, where, [p.as_posix() for _, p in outputs], comparison)
        if f == "junit":
            from .report import junit

            return junit.render(shown, settings["fail_on"], comparison)
        if f == "html":
            from .report import html

            return html.render(report, result.analyses, comparison=comparison, metric_names=_metric_names(kb),
                               provenance=cliopts.provenance(paths, report, kb, comparison.file if comparison else None))
        return text.lint_text(shown, use_color, comparison, with_summary=not quiet)

    for f, path in outputs:
        _write(path, render(f, False), f)
    colored = cliopts.use_color("never" if no_color else color, sys.stdout.isatty())
    if statistics and fmt == "text":
        click.echo(cliopts.statistics(shown) + ("" if quiet else text.summary(shown) + "\n"), nl=False)
    else:
        click.echo(render(fmt, colored), nl=False, color=colored)
    if comparison is not None and not quiet:
        click.echo("\n".join(text.baseline_lines(comparison)), err=fmt != "text")
    if report.errors and fmt != "text":
        for e in report.errors:
            click.echo(text.error_line(e), err=True)
    sys.exit(status(report, _fails(shown, settings["fail_on"])))


def _some_articles(report, paths: tuple[Path, ...]) -> None:
    """Checking nothing is an error, not a pass."""
    from .ingest import SUFFIXES

    if not report.documents and not report.errors:
        _fail(f"no articles found in {', '.join(p.as_posix() for p in paths)} (looked for {', '.join(sorted(SUFFIXES))})")


def _metric_names(kb: Knowledge) -> dict[str, str]:
    return {mid: m.name for mid, m in kb.metric_by_id.items()}


def _rules(settings: config_mod.Resolved, select: tuple[str, ...], ignore: tuple[str, ...]) -> Knowledge:
    """The rules in effect after the config and --select/--ignore; none at all is an error, not a pass."""
    from . import cliopts

    kb = _knowledge(settings)
    problem = cliopts.select_rules(kb, cliopts.split_names(select), cliopts.split_names(ignore))
    if problem:
        _fail(problem)
    if not any(r.enabled for r in kb.rules):
        _fail(f"no rules to run (rules folder {kb.rules_dir}: {len(kb.rules)} rule(s), none enabled)")
    return kb


def _inside(staged: tuple[Path, ...], corpus: tuple[Path, ...], settings: config_mod.Resolved) -> tuple[Path, ...]:
    """The staged files that are articles of the corpus (its folders and files, less `exclude`)."""
    from .ingest import discover

    articles = {os.path.abspath(f) for f in discover(list(corpus), tuple(settings["exclude"]))}
    return tuple(p for p in staged if os.path.abspath(p) in articles)


def _norm(p: str | Path) -> str:
    return os.path.abspath(p)


def _changed_docs(since: str | None, changed: tuple[Path, ...]) -> set[str]:
    import subprocess

    focus = {_norm(p) for p in changed}
    if since:
        if since.startswith("-"):
            _fail(f"--changed-since {since}: a git ref cannot start with '-'")
        try:
            top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True).stdout.strip()
            out = subprocess.run(["git", "diff", "--name-only", "--diff-filter=ACMR", "--end-of-options", f"{since}...HEAD", "--"],
                                 capture_output=True, text=True, check=True, cwd=top).stdout
            # Work not yet committed counts as changed too.
            out += subprocess.run(["git", "ls-files", "--modified", "--others", "--exclude-standard"],
                                  capture_output=True, text=True, check=True, cwd=top).stdout
        except (OSError, subprocess.CalledProcessError) as exc:
            detail = getattr(exc, "stderr", "") or str(exc)
            _fail(f"--changed-since {since}: git could not list changed files: {detail.strip()}")
        focus |= {_norm(Path(top) / line) for line in out.splitlines() if line.strip()}
    return focus


def _write(path: Path, content: str, what: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(content, encoding="utf-8", newline="\n")
        tmp.replace(path)
    except OSError as exc:
        _fail(f"cannot write {what} output to {path}: {exc.strerror or exc}")


def _compare(report, accepted, path: Path, involved=None):
    from . import baseline as baseline_mod

    try:
        shown = Path(os.path.relpath(path)).as_posix()  # never a runner's absolute workspace path
    except ValueError:  # another drive
        shown = path.as_posix()
    return baseline_mod.compare(report, accepted, root=baseline_mod.root_of(path), file=shown, involved=involved)


def _load_baseline(path: Path):
    from .baseline import BaselineError, load as load_baseline

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


def _fails(report, fail_on: str) -> bool:
    from .models import Severity

    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in report.findings)


# --- report ------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False), default=Path("reports/report.html"),
              show_default=True, help="HTML file to write (replaced).")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Show findings as new / unchanged / fixed against this baseline.")
@click.option("--title", default="factlint report", show_default=True)
@click.option("--provenance/--no-provenance", default=True, show_default=True,
              help="Name the factlint version, inputs, rules, baseline and git commit in the header.")
@common
def report(paths: tuple[Path, ...], out: Path, baseline_file: Path | None, title: str, provenance: bool, rules_dir: Path | None,
           exclude: tuple[str, ...], use_store: bool, config_file: Path | None, select: tuple[str, ...], ignore: tuple[str, ...],
           jobs: int | None, time_budget: float | None) -> None:
    """Write a self-contained HTML discrepancy report."""
    from . import cliopts
    from .report import html, text

    settings = _settings(config_file, rules=str(rules_dir) if rules_dir else None, baseline=str(baseline_file) if baseline_file else None,
                         jobs=jobs, time_budget=time_budget)
    settings.values["exclude"] = [*settings["exclude"], *exclude]
    kb = _rules(settings, select, ignore)
    paths = _paths(paths, settings)
    accepted = _load_baseline(Path(settings["baseline"])) if settings["baseline"] else None
    result = _run(paths, settings, kb, use_store, need_articles=True)
    _some_articles(result.report, paths)
    _refuse_inputs([out], paths, result.report)
    comparison = _compare(result.report, accepted, Path(settings["baseline"])) if accepted is not None else None
    made_from = cliopts.provenance(paths, result.report, kb, comparison.file if comparison else None) if provenance else None
    _write(out, html.render(result.report, result.analyses, title=title, comparison=comparison, metric_names=_metric_names(kb),
                            provenance=made_from), "html")
    click.echo(f"Wrote {_clean(str(out))}: {text.summary(result.report)}", err=True)
    for e in result.report.errors:
        click.echo(text.error_line(e), err=True)
    sys.exit(status(result.report, False))


# --- baseline ----------------------------------------------------------------


@main.group("baseline")
def baseline_group() -> None:
    """Accepted findings, so that `lint --baseline` fails only on new ones."""


@baseline_group.command("write")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Baseline file to write (replaced) [default: config's baseline, else factlint-baseline.json].")
@common
def baseline_write(paths: tuple[Path, ...], out: Path | None, rules_dir: Path | None, exclude: tuple[str, ...], use_store: bool,
                   config_file: Path | None, select: tuple[str, ...], ignore: tuple[str, ...], jobs: int | None,
                   time_budget: float | None) -> None:
    """Record every current finding as accepted."""
    from .baseline import write
    from .report import text

    settings = _settings(config_file, rules=str(rules_dir) if rules_dir else None, jobs=jobs, time_budget=time_budget)
    settings.values["exclude"] = [*settings["exclude"], *exclude]
    kb = _rules(settings, select, ignore)
    paths = _paths(paths, settings)
    out = out or (Path(settings["baseline"]) if settings["baseline"] else Path("factlint-baseline.json"))
    report = _run(paths, settings, kb, use_store).report
    _some_articles(report, paths)
    _refuse_inputs([out], paths, report)
    write(report, out)
    click.echo(f"Wrote {len(report.findings)} accepted finding(s) to {_clean(Path(os.path.relpath(out)).as_posix())}.", err=True)
    for e in report.errors:
        click.echo(text.error_line(e), err=True)
    sys.exit(status(report, False))


# --- rules, explain, config ----------------------------------------------------


@main.command("rules")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Config file to use.")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None)
def rules_cmd(rules_dir: Path | None, config_file: Path | None) -> None:
    """List the rules in effect."""
    from . import cliopts

    kb = _knowledge(_settings(config_file, rules=str(rules_dir) if rules_dir else None))
    width = max((len(r.id) for r in kb.rules), default=4)
    for r in kb.rules:
        state = r.severity.value if r.enabled else "off"
        click.echo(f"{r.id:<{width}}  {cliopts.finding_kind(r.kind):<16} {state:<8} {r.description.splitlines()[0]}")


@main.command()
@click.argument("rule_id", metavar="RULE|FILE[:LINE]")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Config file to use.")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None)
@click.option("--against", "against", multiple=True, type=click.Path(path_type=Path),
              help="Articles to pair FILE's figures with (default: the other articles in FILE's folder).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def explain(rule_id: str, rules_dir: Path | None, config_file: Path | None, against: tuple[Path, ...], fmt: str) -> None:
    """Show one rule (what it checks, its settings, its examples), or how each figure of
    FILE (or of one LINE of it) was read: its frame with the evidence of every slot, its
    links, the figures it was paired with and why, or why it was held back."""
    from . import cliopts

    kb = _knowledge(_settings(config_file, rules=str(rules_dir) if rules_dir else None))
    rule = next((r for r in kb.rules if r.id == rule_id), None) or next((r for r in kb.rules if cliopts.rule_matches(r, rule_id)), None)
    if rule is None:
        from . import explain as reading

        path, line = reading.parse_target(rule_id)
        if path.is_file():
            data = reading.explain(path, line, list(against) or [path.parent], kb)
            click.echo(reading.as_json(data) if fmt == "json" else reading.as_text(data), nl=False)
            return
        _fail(f"no rule or file '{rule_id}' (rules: {', '.join(sorted(r.id for r in kb.rules))})")
    lines = [f"{rule.id} (reports {cliopts.finding_kind(rule.kind)}, {rule.severity.value}{'' if rule.enabled else ', disabled'})",
             f"  defined in {rule.source_file}", "",
             *("  " + ln for ln in rule.description.splitlines()), ""]
    if rule.tolerance.relative or rule.tolerance.absolute:
        lines.append(f"  tolerance: relative {rule.tolerance.relative}, absolute {rule.tolerance.absolute}")
    if rule.params:
        lines.append(f"  params: {rule.params}")
    for ex in rule.examples:
        lines.append("")
        lines.append(f"  {'flags' if ex.expect == 'flag' else 'passes'}: {ex.note}")
        for t in ex.texts:
            body = t.split("---\n", 2)[-1] if t.startswith("---\n") else t
            lines.append(f"    | {body.strip()}")
    click.echo("\n".join(lines))


@main.command("config")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Config file to use.")
def config_cmd(config_file: Path | None) -> None:
    """Print the resolved configuration and where each value came from."""
    settings = _settings(config_file)
    click.echo(f"# config file: {settings.path or 'none found'}")
    for key in sorted(settings.values):
        click.echo(f"{key} = {settings.values[key]!r}  # {settings.sources[key]}")
    for rid, s in sorted(settings.rule_settings.items()):
        click.echo(f"rule.{rid} = {s.model_dump(exclude_none=True, mode='json')}  # {settings.path}")
