"""`factlint explain FILE[:LINE]`: the reading of every figure, its links and its pairings."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from factlint.cli import main
from factlint.explain import parse_target

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def run(*args):
    return CliRunner().invoke(main, ["explain", *args])


def test_target_parsing():
    assert parse_target("a/b.md:13") == (Path("a/b.md"), 13)
    assert parse_target("a/b.md") == (Path("a/b.md"), None)


def test_seed_line_shows_frame_links_and_pairing():
    out = run(str(SEEDS / "000-two-mas-ai-sprint.md") + ":24", "--format", "json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    (fig,) = [f for f in data["figures"] if f["text"] == "300 billion yuan"]
    assert fig["frame"]["actor"]["rule"] == "possessor" and fig["frame"]["actor"]["value"] == "alibaba"
    assert fig["frame"]["property"]["value"] == "investment"
    assert fig["group"]["fact"].startswith("capex")
    assert any("380 billion yuan" in p["at"] for p in fig["paired_with"])
    assert any(f["rule"] == "value-agreement" and f["severity"] == "error" for f in fig["findings"])


def test_every_figure_of_a_file_and_why_one_is_not_compared(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text("---\npublished: 2025-06-10\n---\nRevenue rose 12% to 50.2 billion yuan, up from 44.8 billion yuan.\n")
    out = run(str(doc))
    assert out.exit_code == 0, out.output
    text = out.output
    assert "'50.2 billion yuan'" in text and "'12%'" in text
    assert "not compared:" in text  # the change has no period, the base is true at another time
    assert "link: change-of" in text


def test_unknown_target_is_a_usage_error():
    out = run("no-such-rule-or-file")
    assert out.exit_code == 2
    assert "no rule or file" in out.output
