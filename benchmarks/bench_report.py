#!/usr/bin/env python3
"""Cost of the HTML report at scale: render time, page size and peak RSS for a
synthetic report (default 5,000 findings over 2,000 articles), written to a file
as it is rendered, and, when Playwright and /usr/bin/chromium are present, how
long a filter change and a search take.  Peak RSS includes the synthetic corpus
itself, which is printed first.

    python benchmarks/bench_report.py [--findings 5000] [--articles 2000]

A benchmark, not a test: numbers depend on the machine.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from factlint.report.html import chunks, render  # noqa: E402
from test_html import corpus  # noqa: E402  (the synthetic corpus the tests use)


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--findings", type=int, default=5000)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--no-browser", action="store_true", help="only render")
    args = ap.parse_args()
    report, analyses = corpus(args.articles, args.findings)
    print(f"corpus built: peak RSS {_peak_mb():.0f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.html"
        t, c = time.perf_counter(), time.process_time()
        with open(out, "w", encoding="utf-8") as fh:
            for piece in chunks(report, analyses):
                fh.write(piece)
        size = out.stat().st_size
    print(f"render: {time.perf_counter() - t:.2f} s wall, {time.process_time() - c:.2f} s CPU, {size / 1e6:.1f} MB for "
          f"{args.findings} findings / {args.articles} articles, peak RSS {_peak_mb():.0f} MB")
    if args.no_browser:
        return
    page = render(report, analyses)
    if not Path("/usr/bin/chromium").exists():
        print("browser: skipped (/usr/bin/chromium not installed)")
        return
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("browser: skipped (playwright not installed)")
        return
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "big.html"
        path.write_text(page, encoding="utf-8")
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                    "--disable-component-update", "--disable-sync"])
        pg = b.new_page()
        t = time.perf_counter()
        pg.goto(path.as_uri())
        print(f"browser load: {time.perf_counter() - t:.2f} s")
        ms = pg.evaluate("""() => { const s = document.getElementById('flt-sev'); const t0 = performance.now();
            s.value = 'warning'; s.dispatchEvent(new Event('change'));
            document.body.getBoundingClientRect(); return performance.now() - t0; }""")
        print(f"filter change (with layout): {ms:.0f} ms")
        ms = pg.evaluate("""() => { const s = document.getElementById('flt-sort'); const t0 = performance.now();
            s.value = 'entity'; s.dispatchEvent(new Event('change'));
            document.body.getBoundingClientRect(); return performance.now() - t0; }""")
        print(f"sort change (with layout): {ms:.0f} ms")
        nodes = pg.evaluate("document.getElementsByTagName('*').length")
        print(f"live DOM elements: {nodes}")
        b.close()


if __name__ == "__main__":
    main()
