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


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="What to print on standard output.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error", show_default=True,
              help="Lowest severity that makes the exit status 1.")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Rules folder (default: the rules shipped with factlint).")
@click.option("--exclude", multiple=True, help="Glob of files to skip (repeatable).")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when a terminal).")
def lint(paths: tuple[Path, ...], fmt: str, fail_on: str, rules_dir: Path | None, exclude: tuple[str, ...], color: bool | None) -> None:
    """Check articles for figures and dates that disagree."""
    kb = _knowledge(rules_dir)
    result = run_lint(paths, kb, exclude, progress)
    report = result.report
    if fmt == "json":
        click.echo(json_out.lint_json(report), nl=False)
    else:
        use_color = sys.stdout.isatty() and not os.environ.get("NO_COLOR") if color is None else color
        click.echo(text.lint_text(report, use_color), nl=False)
    if report.errors:
        if fmt != "text":
            for e in report.errors:
                click.echo(text.error_line(e), err=True)
        sys.exit(2)
    sys.exit(1 if _fails(report, fail_on) else 0)


def _fails(report, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in report.findings)

