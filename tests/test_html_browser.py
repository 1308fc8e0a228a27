"""The HTML report in a real browser: Debian's Chromium driven by Playwright.

Skipped when playwright or /usr/bin/chromium is missing.  Screenshots go to
build/screenshots/ (not committed) for a person to look at."""
from __future__ import annotations

from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")

from factlint.report.html import doc_id, render  # noqa: E402
from playwright.sync_api import expect  # noqa: E402
from test_html import HOSTILE, corpus, hostile_report  # noqa: E402

SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


class Watched:
    """A page that records every request, dialog and console error."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1366, "height": 800})
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.url = path.as_uri()
        self.page.goto(self.url)

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def _dialog(self, d):
        self.dialogs.append(d.message)
        d.dismiss()

    def shown(self) -> str:
        return self.page.locator("#shown").inner_text()

    def visible_findings(self) -> int:
        return self.page.evaluate("document.querySelectorAll('#finding-list > li:not([hidden])').length")

    def assert_clean(self) -> None:
        assert self.dialogs == []
        assert self.errors == []  # a CSP refusal of our own script would show here
        assert [u for u in self.requests if not u.startswith("file://")] == []

    def close(self) -> None:
        self.context.close()


def write(tmp_path: Path, name: str, page: str) -> Path:
    p = tmp_path / name
    p.write_text(page, encoding="utf-8")
    return p


def test_hostile_article_runs_nothing_and_renders(browser, tmp_path):
    w = Watched(browser, write(tmp_path, "hostile.html", render(*hostile_report())))
    try:
        page = w.page
        assert page.title() == "factlint report"
        article = page.locator(f"#{doc_id('news/<evil>.txt')} .text")
        text = article.evaluate("el => { const c = el.cloneNode(true); c.querySelectorAll('a.back').forEach(a => a.remove()); return c.textContent; }")
        assert text == HOSTILE
        assert page.locator("img, textarea, iframe").count() == 0
        # The script did run (the CSP hash matched): a filter changes the count.
        page.select_option("#flt-kind", "revision")
        assert w.shown() == "1 of 2 findings shown"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "hostile.png"), full_page=True)
        # Printing is findings only: no controls, no article texts.
        page.emulate_media(media="print")
        assert not page.locator("#controls").is_visible()
        assert page.locator(".finding:not([hidden])").first.is_visible() and not article.is_visible()
        w.assert_clean()
    finally:
        w.close()


def test_filters_fragment_and_claim_links(browser, tmp_path):
    report, analyses = corpus(60, 300)
    w = Watched(browser, write(tmp_path, "report.html", render(report, analyses)))
    try:
        page = w.page
        assert w.shown() == "300 of 300 findings shown"
        # Summary -> filtered list in one click; state goes to the fragment.
        page.click('#summary a.chip[data-facet="sev"][data-name="error"]')
        assert w.shown() == "100 of 300 findings shown" and w.visible_findings() == 100
        assert page.evaluate("location.hash") == "#f:sev=error"
        page.select_option("#flt-metric", "revenue")
        page.fill("#flt-q", "(case 12)")  # every word must occur
        expect(page.locator("#shown")).to_have_text("1 of 300 findings shown")
        texts = page.locator("#finding-list > li:not([hidden]) .msg").all_inner_texts()
        assert texts == ["Figures disagree (case 12)"]
        shared = page.evaluate("location.href")
        assert "sev=error" in shared and "metric=revenue" in shared and "q=%28case+12%29" in shared
        # A shared link restores the same view.
        other = w.context.new_page()
        other.goto(shared)
        assert other.locator("#shown").inner_text() == "1 of 300 findings shown"
        assert other.locator("#flt-sev").input_value() == "error" and other.locator("#flt-q").input_value() == "(case 12)"
        other.close()
        # Sort by severity puts errors first; clearing shows everything.
        page.click("#flt-reset")
        page.select_option("#flt-sort", "severity")
        assert w.shown() == "300 of 300 findings shown"
        # The list is sorted by CSS order on the shown page, not by moving nodes.
        first = page.evaluate("""() => [...document.querySelectorAll('#finding-list > li:not([hidden])')]
            .sort((a, b) => a.style.order - b.style.order)[0].className""")
        assert first == "finding sev-error"
        # Follow a claim to its article: the very figure is on screen.
        page.click('#summary a.chip[data-facet="kind"][data-name="revision"]')
        card = page.locator("#finding-list > li:not([hidden])").first
        card.locator("summary .msg").click()  # a long list starts collapsed: open the finding
        link = card.locator("a.go").first
        target = link.get_attribute("href")
        claim_text = card.locator(".sentence mark").first.inner_text()
        link.click()
        page.wait_for_url(lambda url: url.endswith(target))
        mark = page.locator(target)
        assert mark.inner_text() == claim_text
        page.wait_for_timeout(200)  # the scroll-into-view runs on the next frame
        assert mark.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "article.png"))
        # Back returns to the filtered list.
        page.go_back()
        page.wait_for_url(lambda url: "#f:" in url)
        assert w.shown() == "60 of 300 findings shown"
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(SCREENSHOTS / "report.png"))
        w.assert_clean()
    finally:
        w.close()


def test_five_thousand_findings_filter_without_lag(browser, tmp_path):
    report, analyses = corpus(2000, 5000)
    path = write(tmp_path, "big.html", render(report, analyses))
    w = Watched(browser, path)
    try:
        page = w.page
        assert w.shown() == "5000 of 5000 findings shown"
        # Filtering works at this size; how long it takes is measured by benchmarks/bench_report.py.
        page.evaluate("""() => {
            const s = document.getElementById('flt-sev');
            s.value = 'warning'; s.dispatchEvent(new Event('change')); }""")
        assert w.shown() == "1667 of 5000 findings shown"
        page.evaluate("""() => new Promise(done => {
            const q = document.getElementById('flt-q'); q.value = 'company-007';
            q.dispatchEvent(new Event('input')); setTimeout(done, 200); })""")
        assert w.shown().endswith(" of 5000 findings shown") and w.visible_findings() < 1667
        w.assert_clean()
    finally:
        w.close()
