"""JSON writers (contract: version 1, see README "JSON output")."""
from __future__ import annotations

import json

from .. import messages
from ..models import Mention, Report


def dumps(obj) -> str:
    # sort_keys + fixed separators: byte-identical output for identical input.
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def lint_json(report: Report, comparison=None) -> str:
    """The report; each finding also lists its distinct `values` (what the message caps), and with a
    baseline (`comparison`) its `baseline` state, the `new_values` no accepted finding gives, and a
    top-level `baseline` object naming the unchanged and fixed findings."""
    data = report.model_dump(mode="json")
    for f, out in zip(report.findings, data["findings"]):
        out["values"] = messages.values(f)
        if comparison is not None:
            out["baseline"] = comparison.state(f)
            if comparison.new_values.get(id(f)):
                out["new_values"] = comparison.new_values[id(f)]
    if comparison is not None:
        data["baseline"] = comparison.as_json()
    return dumps(data)


def mention_json(m: Mention) -> dict:
    d = m.model_dump(mode="json", exclude={"start", "end", "file_start", "file_end"})
    # The contract's start/end are file offsets.
    d["start"], d["end"] = m.file_start, m.file_end
    return d


def extract_json(mentions: list[Mention]) -> str:
    return dumps({"version": 1, "mentions": [mention_json(m) for m in mentions]})
