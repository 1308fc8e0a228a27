"""JSON writers (contract: version 1, see README "JSON output")."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from .. import messages
from ..models import Finding, Mention, Report

# Characters gathered before a piece is handed on: few writes, and never the whole output in memory
# (at 50,000 articles a lint report is some 370 MB of JSON).
PIECE = 1 << 20


def dumps(obj) -> str:
    # sort_keys + fixed separators: byte-identical output for identical input.
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def _nested(obj, indent: str) -> str:
    """`obj` as dumps prints it `indent` deep inside another value: dumps never writes a raw line
    break inside a value (strings escape theirs), so each of its line breaks starts a nested line."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2).replace("\n", "\n" + indent)


def object_chunks(data: dict, lists: dict[str, Iterable]) -> Iterator[str]:
    """dumps(`data` with each key of `lists` set to its list), in pieces of about PIECE characters:
    the lists are iterated one item at a time, so only one item is ever held as a dict."""
    keys = sorted({*data, *lists})
    if not keys:
        yield "{}\n"
        return
    head = "{\n"
    for n, key in enumerate(keys):
        head += "  " + json.dumps(key, ensure_ascii=False) + ": "
        end = ",\n" if n < len(keys) - 1 else "\n}\n"
        if key not in lists:
            head += _nested(data[key], "  ") + end
            continue
        last = None
        for piece in object_items(head, lists[key], "    ", end):
            if last is not None:
                yield last
            last = piece
        head = last
    yield head


def object_items(head: str, items: Iterable, indent: str, tail: str) -> Iterator[str]:
    """`head`, then `items` as a JSON list whose items sit `indent` deep, then `tail`, in pieces of
    about PIECE characters: dumps of a document holding the list, one item dumped at a time."""
    pending, size, first = [head], 0, True
    outer = indent[:-2]
    for item in items:
        text = _nested(item, indent)
        pending.append(("[\n" + indent if first else ",\n" + indent) + text)
        first = False
        size += len(text)
        if size >= PIECE:
            yield "".join(pending)
            pending, size = [], 0
    pending.append(("[]" if first else "\n" + outer + "]") + tail)
    yield "".join(pending)


def finding_json(f: Finding, comparison=None) -> dict:
    """One finding as the report lists it, with its distinct `values` and, with a baseline, its state."""
    out = f.model_dump(mode="json")
    out["values"] = messages.values(f)
    if comparison is not None:
        out["baseline"] = comparison.state(f)
        if comparison.new_values.get(id(f)):
            out["new_values"] = comparison.new_values[id(f)]
    return out


def lint_chunks(report: Report, comparison=None) -> Iterator[str]:
    """The report, in pieces (object_chunks); each finding also lists its distinct `values` (what the
    message caps), and with a baseline (`comparison`) its `baseline` state, the `new_values` no
    accepted finding gives, and a top-level `baseline` object naming the unchanged and fixed findings."""
    data = report.model_dump(mode="json", exclude={"findings"})
    if comparison is not None:
        data["baseline"] = comparison.as_json()
    return object_chunks(data, {"findings": (finding_json(f, comparison) for f in report.findings)})


def lint_json(report: Report, comparison=None) -> str:
    """lint_chunks whole, for a report known to be small."""
    return "".join(lint_chunks(report, comparison))


def mention_json(m: Mention) -> dict:
    d = m.model_dump(mode="json", exclude={"start", "end", "file_start", "file_end"})
    # The contract's start/end are file offsets.
    d["start"], d["end"] = m.file_start, m.file_end
    return d


def extract_json(mentions: list[Mention]) -> str:
    return dumps({"version": 1, "mentions": [mention_json(m) for m in mentions]})
