"""JSON writers (contract: version 1, see README "JSON output")."""
from __future__ import annotations

import json

from ..models import Mention, Report


def dumps(obj) -> str:
    # sort_keys + fixed separators: byte-identical output for identical input.
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def lint_json(report: Report) -> str:
    return dumps(report.model_dump(mode="json"))


def mention_json(m: Mention) -> dict:
    d = m.model_dump(mode="json", exclude={"start", "end", "file_start", "file_end"})
    # The contract's start/end are file offsets.
    d["start"], d["end"] = m.file_start, m.file_end
    return d


def extract_json(mentions: list[Mention]) -> str:
    return dumps({"version": 1, "mentions": [mention_json(m) for m in mentions]})
