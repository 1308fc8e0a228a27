"""Start-up imports little: `--version` needs no pydantic, `rules` no rule kinds,
resolver, parser or pint (they load on first use)."""
from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
from factlint.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules(*args: str) -> set[str]:
    res = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    return set(json.loads(res.stderr.strip().splitlines()[-1]))


def test_version_imports_no_pydantic_or_factlint_modules():
    loaded = modules("--version")
    assert "pydantic" not in loaded
    assert {m for m in loaded if m.startswith("factlint.")} == {"factlint.cli"}


def test_rules_loads_no_kinds_resolver_parser_or_pint():
    loaded = modules("rules")
    heavy = {"factlint.check", "factlint.resolve", "factlint.extract", "factlint.store", "pint", "spacy", "dateparser"}
    assert not heavy & loaded, heavy & loaded
