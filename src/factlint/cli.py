"""Command line: `factlint extract`, `factlint lint`, ...

Exit status: 0 nothing at or above the fail threshold, 1 findings at or
above it, 2 usage, configuration, rule-file or input-file errors.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from . import __version__
from .knowledge import ConfigError, Knowledge
from .models import Document, Severity
from .pipeline import lint as run_lint, load
from .report import json_out, text

FORMATS = ("text", "json")


def progress(items: list[Document]) -> Iterable[Document]:
    """A progress bar on an interactive terminal only; silent in pipes and CI."""
    if len(items) < 2 or os.environ.get("CI") or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, desc="factlint", unit="doc", leave=False, file=sys.stderr)


def _knowledge(rules: Path | None) -> Knowledge:
    try:
        return Knowledge.load(rules)
    except ConfigError as exc:
        click.echo(f"factlint: configuration error:\n{exc}", err=True)
        sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factlint")
def main() -> None:
    """Find figures and dates that disagree across and inside written sources."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
def extract(paths: tuple[Path, ...], fmt: str) -> None:
    """Show every figure and date factlint reads, and how it normalised them."""
    docs, errors = load(paths)
    mentions = []
    from .extract import extract as extract_doc

    for d in progress(docs):
        mentions.extend(extract_doc(d))
    out = json_out.extract_json(mentions) if fmt == "json" else text.mentions_text(mentions)
    click.echo(out, nl=False)
    for e in errors:
        click.echo(text.error_line(e), err=True)
    sys.exit(2 if errors else 0)


LINT_FORMATS = FORMATS + ("sarif", "github", "junit")


def _parse_outputs(ctx, param, specs: tuple[str, ...]) -> list[tuple[str, Path]]:
    outputs = []
    for spec in specs:
        fmt, sep, path = spec.partition(":")
        if not sep or not path or fmt not in LINT_FORMATS:
            raise click.BadParameter(f"{spec!r}: expected FORMAT:PATH, FORMAT one of {', '.join(LINT_FORMATS)}")
        outputs.append((fmt, Path(path)))
    paths = [p.resolve() for _, p in outputs]
    if len(set(paths)) != len(paths):
        raise click.BadParameter("two outputs write the same file")
    return outputs


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(LINT_FORMATS), default="text", show_default=True, help="What to print on standard output.")
@click.option("--output", "outputs", multiple=True, metavar="FORMAT:PATH", callback=_parse_outputs,
              help="Also write FORMAT to PATH (repeatable), e.g. sarif:out/factlint.sarif.")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Accepted findings (from `factlint baseline write`): only findings not in it are reported and fail.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error", show_default=True,
              help="Lowest severity that makes the exit status 1.")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Rules folder (default: the rules shipped with factlint).")
@click.option("--exclude", multiple=True, help="Glob of files to skip (repeatable).")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when a terminal).")
def lint(paths: tuple[Path, ...], fmt: str, outputs: list[tuple[str, Path]], baseline_file: Path | None, fail_on: str,
         rules_dir: Path | None, exclude: tuple[str, ...], color: bool | None) -> None:
    """Check articles for figures and dates that disagree."""
    kb = _knowledge(rules_dir)
    accepted = _load_baseline(baseline_file) if baseline_file else None
    result = run_lint(paths, kb, exclude, progress)
    report = result.report
    _refuse_inputs([p for _, p in outputs], paths, report)
    status_line = None
    if accepted is not None:
        from . import baseline as baseline_mod

        new, present, fixed = baseline_mod.compare(report, accepted)
        report = report.model_copy(update={"findings": new})
        status_line = baseline_mod.summary(new, present, fixed)
    summary_path = [os.environ.get("GITHUB_STEP_SUMMARY") or None]  # appended to once per run

    def render(f: str, use_color: bool) -> str:
        if f == "json":
            return json_out.lint_json(report)
        if f == "sarif":
            from .report import sarif

            return sarif.render(report, kb)
        if f == "github":
            from .report import github

            where, summary_path[0] = summary_path[0], None
            return github.render(report, where, [p.as_posix() for _, p in outputs])
        if f == "junit":
            from .report import junit

            return junit.render(report, fail_on)
        return text.lint_text(report, use_color)

    for f, path in outputs:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(f, False), encoding="utf-8", newline="\n")
        except OSError as exc:
            click.echo(f"factlint: cannot write {f} output to {path}: {exc.strerror or exc}", err=True)
            sys.exit(2)
    use_color = sys.stdout.isatty() and not os.environ.get("NO_COLOR") if color is None else color
    click.echo(render(fmt, use_color), nl=False)
    if status_line:
        click.echo(f"Baseline {baseline_file}: {status_line}.", err=fmt != "text")
    if report.errors:
        if fmt != "text":
            for e in report.errors:
                click.echo(text.error_line(e), err=True)
        sys.exit(2)
    sys.exit(1 if _fails(report, fail_on) else 0)


def _load_baseline(path: Path):
    from .baseline import BaselineError, load as load_baseline

    try:
        return load_baseline(path)
    except BaselineError as exc:
        click.echo(f"factlint: {exc}", err=True)
        sys.exit(2)


def _refuse_inputs(targets: list[Path], paths: tuple[Path, ...], report) -> None:
    """An output path that names an article being checked is a typo, not a wish to overwrite it."""
    inputs = {Path(d).resolve() for d in report.documents} | {p.resolve() for p in paths if p.is_file()}
    for t in targets:
        if t.resolve() in inputs:
            click.echo(f"factlint: refusing to write output over input article {t}", err=True)
            sys.exit(2)


@main.group("baseline")
def baseline_group() -> None:
    """Accepted findings, so that `lint --baseline` fails only on new ones."""


@baseline_group.command("write")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False), default=Path("factlint-baseline.json"),
              show_default=True, help="Baseline file to write (replaced).")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Rules folder (default: the rules shipped with factlint).")
@click.option("--exclude", multiple=True, help="Glob of files to skip (repeatable).")
def baseline_write(paths: tuple[Path, ...], out: Path, rules_dir: Path | None, exclude: tuple[str, ...]) -> None:
    """Record every current finding as accepted."""
    from .baseline import write

    kb = _knowledge(rules_dir)
    report = run_lint(paths, kb, exclude, progress).report
    _refuse_inputs([out], paths, report)
    write(report, out)
    click.echo(f"Wrote {len(report.findings)} accepted finding(s) to {out}.", err=True)
    for e in report.errors:
        click.echo(text.error_line(e), err=True)
    sys.exit(2 if report.errors else 0)


def _fails(report, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in report.findings)

