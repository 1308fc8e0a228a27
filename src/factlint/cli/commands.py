"""The other commands: `extract`, `report`, `baseline write`, `rules`, `explain`, `config`."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import FORMATS, _clean, _compare, _fail, _knowledge, _load_baseline, _metric_names, _paths, _refuse_inputs, _rules, \
    _run, _settings, _some_articles, _write, common, progress, status


# --- extract -----------------------------------------------------------------


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
def extract(paths: tuple[Path, ...], fmt: str) -> None:
    """Show every figure and date factlint reads, and how it normalised them."""
    from ..models import Report
    from ..pipeline import DEFAULT_BUDGET, load
    from ..report import json_out, text
    from ..workers import analyse_all

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
    from ..models import FileError

    return [FileError(path=doc.path, line=line, message=msg) for line, msg in doc.problems]


# --- report ------------------------------------------------------------------


@click.command()
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
    from .. import cliopts
    from ..report import html, text

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
    _write(out, html.chunks(result.report, result.analyses, title=title, comparison=comparison, metric_names=_metric_names(kb),
                            provenance=made_from), "html")
    click.echo(f"Wrote {_clean(str(out))}: {text.summary(result.report)}", err=True)
    for e in result.report.errors:
        click.echo(text.error_line(e), err=True)
    sys.exit(status(result.report, False))


# --- baseline ----------------------------------------------------------------


@click.group("baseline")
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
    from ..baseline import write
    from ..report import text

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


@click.command("rules")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Config file to use.")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None)
def rules_cmd(rules_dir: Path | None, config_file: Path | None) -> None:
    """List the rules in effect."""
    from .. import cliopts

    kb = _knowledge(_settings(config_file, rules=str(rules_dir) if rules_dir else None))
    width = max((len(r.id) for r in kb.rules), default=4)
    for r in kb.rules:
        state = r.severity.value if r.enabled else "off"
        click.echo(f"{r.id:<{width}}  {cliopts.finding_kind(r.kind):<16} {state:<8} {r.description.splitlines()[0]}")


@click.command()
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
    from .. import cliopts

    kb = _knowledge(_settings(config_file, rules=str(rules_dir) if rules_dir else None))
    rule = next((r for r in kb.rules if r.id == rule_id), None) or next((r for r in kb.rules if cliopts.rule_matches(r, rule_id)), None)
    if rule is None:
        from .. import explain as reading

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
        lines.append(f"  {ex.verb}: {ex.note}")
        for t in ex.texts:
            body = t.split("---\n", 2)[-1] if t.startswith("---\n") else t
            lines.append(f"    | {body.strip()}")
    click.echo("\n".join(lines))


@click.command("config")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Config file to use.")
def config_cmd(config_file: Path | None) -> None:
    """Print the resolved configuration and where each value came from."""
    settings = _settings(config_file)
    click.echo(f"# config file: {settings.path or 'none found'}")
    for key in sorted(settings.values):
        click.echo(f"{key} = {settings.values[key]!r}  # {settings.sources[key]}")
    for rid, s in sorted(settings.rule_settings.items()):
        click.echo(f"rule.{rid} = {s.model_dump(exclude_none=True, mode='json')}  # {settings.path}")
