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

def progress(items: list) -> Iterable:
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


def _settings(**cli) -> config_mod.Resolved:
    from . import config as config_mod
    from .knowledge import ConfigError

    try:
        return config_mod.resolve(cli)
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
    _fail("no paths given and no `include` in the configuration")


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
              help="PATHS are the changed articles (as pre-commit passes them): check them against the corpus "
                   "named by the config's `include`, reporting only findings that involve them.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Lowest severity that makes the exit status 1 [default: error].")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when a terminal).")
@common
def lint(paths: tuple[Path, ...], fmt: str, outputs: list[tuple[str, Path]], baseline_file: Path | None,
         waivers_file: Path | None, changed_since: str | None, changed: tuple[Path, ...], against_corpus: bool, fail_on: str | None, color: bool | None,
         rules_dir: Path | None, exclude: tuple[str, ...], use_store: bool, jobs: int | None, time_budget: float | None) -> None:
    """Check articles for figures and dates that disagree."""
    from .report import json_out, text

    settings = _settings(rules=str(rules_dir) if rules_dir else None, fail_on=fail_on,
                         baseline=str(baseline_file) if baseline_file else None,
                         waivers=str(waivers_file) if waivers_file else None, jobs=jobs, time_budget=time_budget)
    settings.values["exclude"] = [*settings["exclude"], *exclude]
    kb = _knowledge(settings)
    if against_corpus:
        if not settings["include"]:
            _fail("--against-corpus needs `include` (the corpus) in factlint.toml or [tool.factlint]")
        changed, paths = (*changed, *paths), _paths((), settings)
        paths = (*paths, *changed)  # staged articles outside the corpus folders are checked too
    paths = _paths(paths, settings)
    baseline_path = Path(settings["baseline"]) if settings["baseline"] else None
    accepted = _load_baseline(baseline_path) if baseline_path else None
    focus = _changed_docs(changed_since, changed) if (changed_since or changed) else None
    result = _run(paths, settings, kb, use_store, focus, need_articles=any(f == "html" for f, _ in outputs))
    report = result.report
    _refuse_inputs([p for _, p in outputs], paths, report)
    if focus is not None:
        kept = []
        for f in report.findings:
            if any(_norm(c.doc) in focus for c in f.claims):
                # Annotate the changed article: its claim goes first.
                lead = next(i for i, c in enumerate(f.claims) if _norm(c.doc) in focus)
                kept.append(f.model_copy(update={"claims": [f.claims[lead], *f.claims[:lead], *f.claims[lead + 1:]]}))
        report = report.model_copy(update={"findings": kept})
        if accepted is not None:
            # Accepted findings in articles this run does not look at are not "fixed".
            accepted = accepted.model_copy(update={"findings": [e for e in accepted.findings if any(_norm(d) in focus for d in e.docs)]})
    status_line = None
    if accepted is not None:
        from . import baseline as baseline_mod

        new, present, fixed = baseline_mod.compare(report, accepted)
        shown = report.model_copy(update={"findings": new})
        status_line = baseline_mod.summary(new, present, fixed)
    else:
        shown = report
    summary_path = [os.environ.get("GITHUB_STEP_SUMMARY") or None]  # appended to once per run

    def render(f: str, use_color: bool) -> str:
        if f == "json":
            return json_out.lint_json(shown)
        if f == "sarif":
            from .report import sarif

            return sarif.render(shown, kb)
        if f == "github":
            from .report import github

            where, summary_path[0] = summary_path[0], None
            return github.render(shown, where, [p.as_posix() for _, p in outputs])
        if f == "junit":
            from .report import junit

            return junit.render(shown, settings["fail_on"])
        if f == "html":
            from .report import html

            return html.render(report, result.analyses,
                               baseline=accepted.model_dump(mode="json") if accepted is not None else None)
        return text.lint_text(shown, use_color)

    for f, path in outputs:
        _write(path, render(f, False), f)
    use_color = sys.stdout.isatty() and not os.environ.get("NO_COLOR") if color is None else color
    click.echo(render(fmt, use_color), nl=False)
    if status_line:
        click.echo(f"Baseline {baseline_path}: {status_line}.", err=fmt != "text")
    if report.errors and fmt != "text":
        for e in report.errors:
            click.echo(text.error_line(e), err=True)
    sys.exit(status(report, _fails(shown, settings["fail_on"])))


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
              help="Show findings as new / still present / fixed against this baseline.")
@click.option("--title", default="factlint report", show_default=True)
@common
def report(paths: tuple[Path, ...], out: Path, baseline_file: Path | None, title: str, rules_dir: Path | None,
           exclude: tuple[str, ...], use_store: bool, jobs: int | None, time_budget: float | None) -> None:
    """Write a self-contained HTML discrepancy report."""
    from .report import html, text

    settings = _settings(rules=str(rules_dir) if rules_dir else None, baseline=str(baseline_file) if baseline_file else None,
                         jobs=jobs, time_budget=time_budget)
    settings.values["exclude"] = [*settings["exclude"], *exclude]
    kb = _knowledge(settings)
    paths = _paths(paths, settings)
    accepted = _load_baseline(Path(settings["baseline"])) if settings["baseline"] else None
    result = _run(paths, settings, kb, use_store, need_articles=True)
    _refuse_inputs([out], paths, result.report)
    _write(out, html.render(result.report, result.analyses, title=title,
                            baseline=accepted.model_dump(mode="json") if accepted is not None else None), "html")
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
                   jobs: int | None, time_budget: float | None) -> None:
    """Record every current finding as accepted."""
    from .baseline import write
    from .report import text

    settings = _settings(rules=str(rules_dir) if rules_dir else None, jobs=jobs, time_budget=time_budget)
    settings.values["exclude"] = [*settings["exclude"], *exclude]
    kb = _knowledge(settings)
    paths = _paths(paths, settings)
    out = out or (Path(settings["baseline"]) if settings["baseline"] else Path("factlint-baseline.json"))
    report = _run(paths, settings, kb, use_store).report
    _refuse_inputs([out], paths, report)
    write(report, out)
    click.echo(f"Wrote {len(report.findings)} accepted finding(s) to {_clean(str(out))}.", err=True)
    for e in report.errors:
        click.echo(text.error_line(e), err=True)
    sys.exit(status(report, False))


# --- rules, explain, config ----------------------------------------------------


@main.command("rules")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None)
def rules_cmd(rules_dir: Path | None) -> None:
    """List the rules in effect."""
    kb = _knowledge(_settings(rules=str(rules_dir) if rules_dir else None))
    width = max((len(r.id) for r in kb.rules), default=4)
    for r in kb.rules:
        state = r.severity.value if r.enabled else "off"
        click.echo(f"{r.id:<{width}}  {r.kind:<16} {state:<8} {r.description.splitlines()[0]}")


@main.command()
@click.argument("rule_id")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None)
def explain(rule_id: str, rules_dir: Path | None) -> None:
    """Show one rule: what it checks, its settings and its examples."""
    kb = _knowledge(_settings(rules=str(rules_dir) if rules_dir else None))
    rule = next((r for r in kb.rules if r.id == rule_id), None)
    if rule is None:
        _fail(f"no rule '{rule_id}' (known: {', '.join(sorted(r.id for r in kb.rules))})")
    lines = [f"{rule.id} ({rule.kind}, {rule.severity.value}{'' if rule.enabled else ', disabled'})", f"  defined in {rule.source_file}", "",
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
def config_cmd() -> None:
    """Print the resolved configuration and where each value came from."""
    settings = _settings()
    click.echo(f"# config file: {settings.path or 'none found'}")
    for key in sorted(settings.values):
        click.echo(f"{key} = {settings.values[key]!r}  # {settings.sources[key]}")
    for rid, s in sorted(settings.rule_settings.items()):
        click.echo(f"rule.{rid} = {s.model_dump(exclude_none=True, mode='json')}  # {settings.path}")
