"""`factlint lint`: check articles, print findings in one format, write others, exit status."""
from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import LINT_FORMATS, OUTPUT_FORMATS, _compare, _fail, _load_baseline, _metric_names, _paths, _refuse_inputs, _rules, \
    _run, _settings, _some_articles, _write, common, status
from .lint_cache import Tee, cache_for, echo

if TYPE_CHECKING:
    from .. import config as config_mod

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


@click.command()
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
    from .. import cliopts

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
    colored = cliopts.use_color("never" if no_color else color, sys.stdout.isatty())
    cache = None
    if focus is None and stdin is None:
        cache = cache_for(paths, settings, kb, use_store, fmt, outputs,
                          {"quiet": quiet, "statistics": statistics, "colored": colored})
    try:
        if cache is not None:
            code = cache.replay()
            if code is None:
                code = cache.splice(paths, settings, kb, fmt, outputs, statistics)
            if code is not None:
                sys.exit(code)
        tee = Tee(sys.stderr)
        with contextlib.redirect_stderr(tee):
            result = _run(paths, settings, kb, use_store, focus, need_articles=any(f == "html" for f, _ in outputs),
                          opened=cache.store if cache is not None else None)
        if cache is not None:
            cache.run_err = "".join(tee.kept)
        if stdin is not None:
            result.report = cliopts.rename_doc(result.report, stdin_path.as_posix(), cliopts.STDIN_NAME)
            stdin.cleanup()
        _report(result, paths, outputs, focus, accepted, baseline_path, settings, kb, fmt, quiet, statistics, colored, cache)
    finally:
        if cache is not None:
            cache.close()


def _report(result, paths, outputs, focus, accepted, baseline_path, settings, kb, fmt: str, quiet: bool, statistics: bool,
            colored: bool, cache) -> None:
    """Print and write the findings in every format asked, then exit with the run's status."""
    from .. import cliopts
    from ..report import json_out, text

    say = cache.say if cache is not None else echo
    report = result.report
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

    def render(f: str, use_color: bool) -> str | Iterable[str]:
        if f == "json":
            return json_out.lint_chunks(shown, comparison)
        if f == "sarif":
            from ..report import sarif

            return sarif.chunks(shown, kb, comparison)
        if f == "github":
            from ..report import github

            where, summary_path[0] = summary_path[0], None
            return github.render(shown, where, [p.as_posix() for _, p in outputs], comparison)
        if f == "junit":
            from ..report import junit

            return junit.render(shown, settings["fail_on"], comparison)
        if f == "html":
            from ..report import html

            return html.chunks(report, result.analyses, comparison=comparison, metric_names=_metric_names(kb),
                               provenance=cliopts.provenance(paths, report, kb, comparison.file if comparison else None))
        return text.lint_chunks(shown, use_color, comparison, with_summary=not quiet)

    for f, path in outputs:
        content = render(f, False)
        if cache is not None:
            content = cache.keep_file(str(path), f, content)
        _write(path, content, f)
    if statistics and fmt == "text":
        say(cliopts.statistics(shown) + ("" if quiet else text.summary(shown) + "\n"), nl=False)
    else:
        say(render(fmt, colored), nl=False, color=colored)
    if comparison is not None and not quiet:
        say("\n".join(text.baseline_lines(comparison)), err=fmt != "text")
    if report.errors and fmt != "text":
        for e in report.errors:
            say(text.error_line(e), err=True)
    code = status(report, _fails(shown, settings["fail_on"]))
    if cache is not None:
        cache.save(code)
    sys.exit(code)


def _inside(staged: tuple[Path, ...], corpus: tuple[Path, ...], settings: config_mod.Resolved) -> tuple[Path, ...]:
    """The staged files that are articles of the corpus (its folders and files, less `exclude`)."""
    from ..ingest import discover

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


def _fails(report, fail_on: str) -> bool:
    from ..models import Severity

    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in report.findings)
