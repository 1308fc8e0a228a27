"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One testsuite "factlint", one testcase per document.  A document fails when
a finding at or above the fail threshold starts in it (its first claim);
the other claims are named in the failure text.  Files that could not be
read are testcases with an <error>.  No timestamps or durations, so the
output is byte-identical for identical input.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from ..models import Finding, Report, Severity
from .github import message
from .sarif import repo_path

# Characters XML 1.0 cannot carry at all, escaped or not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(s: str) -> str:
    return _NOT_XML.sub("\ufffd", s)


def _details(findings: list[Finding]) -> str:
    out = []
    for f in findings:
        c = f.claims[0]
        body = message(f).replace("\n", "\n  ")
        out.append(f"{repo_path(c.doc)}:{c.line}:{c.column}: {f.severity.value} [{f.rule}] {body}")
    return _x("\n".join(out) + "\n")


def render(report: Report, fail_on: str = "error", comparison=None) -> str:
    """With a baseline (`comparison`), the suite's properties give the new, unchanged and fixed
    counts and its system-out names the fixed findings."""
    threshold = Severity(fail_on).rank if fail_on != "never" else 99
    by_doc: dict[str, list[Finding]] = defaultdict(list)
    for f in sorted((f for f in report.findings if f.claims), key=Finding.sort_key):
        by_doc[repo_path(f.claims[0].doc)].append(f)
    errors = defaultdict(list)
    for e in report.errors:
        errors[repo_path(e.path)].append(e)
    docs = sorted({repo_path(d) for d in report.documents} | set(by_doc) | set(errors))

    suite = ET.Element("testsuite", name="factlint")
    if comparison is not None:
        props = ET.SubElement(suite, "properties")
        for name, value in (("baseline", comparison.file), ("baseline.new", len(comparison.new)),
                            ("baseline.unchanged", len(comparison.unchanged)), ("baseline.fixed", len(comparison.fixed))):
            ET.SubElement(props, "property", name=name, value=_x(str(value)))
    n_fail = n_err = 0
    for doc in docs:
        case = ET.SubElement(suite, "testcase", classname=_x(doc), name="figures and dates agree")
        failing = [f for f in by_doc.get(doc, []) if f.severity.rank >= threshold]
        if errors.get(doc):
            n_err += 1
            err = ET.SubElement(case, "error", type="input", message=_x("; ".join(e.message for e in errors[doc])))
            err.text = _x("".join(f"{doc}:{e.line or 1}: {e.message}\n" for e in errors[doc]))
        elif failing:
            n_fail += 1
            head = failing[0].message if len(failing) == 1 else f"{len(failing)} findings"
            fail = ET.SubElement(case, "failure", type=failing[0].rule, message=_x(head))
            fail.text = _details(failing)
        below = [f for f in by_doc.get(doc, []) if f.severity.rank < threshold]
        if below:  # reported, but not failing the build
            ET.SubElement(case, "system-out").text = _details(below)
    if comparison is not None and comparison.fixed:
        ET.SubElement(suite, "system-out").text = _x("".join(f"fixed: {x}\n" for x in comparison.fixed_lines()))
    suite.set("tests", str(len(docs)))
    suite.set("failures", str(n_fail))
    suite.set("errors", str(n_err))
    suite.set("skipped", "0")
    root = ET.Element("testsuites", name="factlint", tests=str(len(docs)), failures=str(n_fail), errors=str(n_err))
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
