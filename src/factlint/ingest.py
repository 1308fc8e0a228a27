"""Find article files, read them, and turn each into a Document.

txt and md are analysed as written (md front matter is blanked out so that
offsets still index the file); html is reduced to its visible text with a
map back to file offsets.  Nothing here ever writes to the user's files.
"""
from __future__ import annotations

import os
import re
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from .models import Document

SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
MAX_BYTES = 20_000_000  # an "article" past this is almost certainly not one


class IngestError(Exception):
    """A file that cannot be read as an article; message names the problem."""

    def __init__(self, path: str, message: str, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line


def discover(paths: list[str | Path], exclude: tuple[str, ...] = ()) -> list[Path]:
    """Article files under the given paths, sorted, each once."""
    found: dict[Path, Path] = {}  # one entry per file, however many ways it was named

    def add(f: Path) -> None:
        found.setdefault(Path(os.path.abspath(f)), f)  # abspath, not resolve(): no symlink walk per file

    for p in map(Path, paths):
        if p.is_dir():
            for f in p.rglob("*"):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not _hidden(f, p):
                    add(f)
        else:
            add(p)  # an explicit file is taken whatever its name; read() judges it
    return sorted((f for f in found.values() if not any(f.match(g) for g in exclude)), key=lambda f: f.as_posix())


def _hidden(f: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(root).parts)


def read(path: Path, display: str | None = None) -> Document:
    name = display or path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(name, f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > MAX_BYTES:
        raise IngestError(name, f"file is {len(data):,} bytes, over the {MAX_BYTES:,}-byte limit for one article")
    if b"\x00" in data[:8192]:
        raise IngestError(name, "binary file (contains NUL bytes), not an article")
    try:
        raw = data.decode("utf-8-sig") if data.startswith(b"\xef\xbb\xbf") else data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise IngestError(name, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", line) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        raw = "\ufeff" + raw  # keep offsets identical to the file's characters
    if not raw.strip():
        raise IngestError(name, "empty file")
    kind = SUFFIXES.get(path.suffix.lower(), "txt")
    return parse(raw, name, kind)


def parse(raw: str, name: str, kind: str = "txt") -> Document:
    meta: dict[str, str] = {}
    offset_map: list[tuple[int, int]] = []
    if kind == "html":
        text, offset_map, meta = _html_text(raw)
    elif kind == "md":
        text, meta = _front_matter(raw, name)
    else:
        text = raw
    published, published_text = _published(meta, text)
    problems = []
    stated = next((k for k in ("published", "date", "published_at", "pubdate") if meta.get(k)), None)
    if stated and (published_text is None or published_text != meta[stated] and published_text not in meta[stated]):
        at = re.search(rf"(?m)^{re.escape(stated)}[ \t]*:", raw)
        problems.append((raw.count("\n", 0, at.start()) + 1 if at else None,
                         f"'{stated}: {meta[stated]}' is not a date (write YYYY-MM-DD); checked without a publication date"))
        if published_text is not None and published_text not in meta[stated]:
            published, published_text = None, None  # a date found elsewhere would be a guess
    return Document(
        problems=problems,
        path=name,
        raw=raw,
        text=text,
        title=meta.get("title") or _first_line(text),
        source=meta.get("source") or meta.get("publisher") or meta.get("site_name"),
        published=published,
        published_text=published_text,
        offset_map=offset_map,
    )


# --- markdown front matter -------------------------------------------------

_FM_LINE = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)")


def _front_matter(raw: str, name: str) -> tuple[str, dict[str, str]]:
    """`---` delimited `key: value` lines at the top.  Blanked (same length) so
    that offsets into the text are offsets into the file."""
    start = 1 if raw.startswith("\ufeff") else 0
    if not raw.startswith("---", start) or raw[start + 3 : start + 4] not in ("\n", "\r"):
        return raw, {}
    end = raw.find("\n---", start + 3)
    if end < 0:
        raise IngestError(name, "front matter opened with '---' on line 1 is never closed", 1)
    close = raw.find("\n", end + 4)
    close = len(raw) if close < 0 else close
    meta: dict[str, str] = {}
    for line in raw[start + 4 : end].splitlines():
        m = _FM_LINE.fullmatch(line.strip())
        if m:
            meta[m.group(1).lower()] = m.group(2).strip().strip("\"'")
    blank = re.sub(r"[^\n]", " ", raw[:close])
    return blank + raw[close:], meta


# --- html ------------------------------------------------------------------

_SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg", "form", "button", "iframe"}
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
    "section", "article", "blockquote", "pre", "hr", "figcaption", "dd", "dt", "main", "title",
}


class _Visible(HTMLParser):
    def __init__(self, raw: str):
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.parts: list[str] = []
        self.map: list[tuple[int, int]] = []
        self.length = 0
        self.skip = 0
        self.meta: dict[str, str] = {}
        self.in_title = False

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(self, s: str, file_offset: int) -> None:
        if self.skip or not s:
            return
        self.map.append((self.length, file_offset))
        self.parts.append(s)
        self.length += len(s)

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self._emit("\n", self._pos())

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag == "meta":
            a = dict(attrs)
            key = (a.get("property") or a.get("name") or "").lower()
            if key in ("article:published_time", "date", "pubdate", "dc.date", "og:site_name", "author"):
                self.meta.setdefault({"og:site_name": "source"}.get(key, "published" if "date" in key or "time" in key else key), a.get("content") or "")
        elif tag == "time" and not self.skip:
            dt = dict(attrs).get("datetime")
            if dt:
                self.meta.setdefault("published", dt)
        if tag in _BLOCK:
            self._newline()
        if tag == "title":
            self.in_title = True

    def handle_endtag(self, tag):
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if tag in _BLOCK:
            self._newline()
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.meta.setdefault("title", data.strip())
            return
        self._emit(data, self._pos())

    def handle_entityref(self, name):
        self._emit(unescape(f"&{name};"), self._pos())

    def handle_charref(self, name):
        self._emit(unescape(f"&#{name};"), self._pos())


def _html_text(raw: str) -> tuple[str, list[tuple[int, int]], dict[str, str]]:
    p = _Visible(raw)
    p.feed(raw)
    p.close()
    return "".join(p.parts), p.map, p.meta


# --- publication date ------------------------------------------------------

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# A dateline near the top: "Published on 2026-06-01", "02/06 2026" (month/day year),
# "June 1, 2026", "1 June 2026".  Only the first few lines are looked at.
_HEAD_DATE = re.compile(
    r"(?P<iso>\d{4}-\d{1,2}-\d{1,2})"
    r"|(?P<mdy>\b(?P<m1>\d{1,2})/(?P<d1>\d{1,2})[ /](?P<y1>\d{4})\b)"
    r"|(?P<named>\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(?P<y2>\d{4})\b)"
    r"|(?P<dmy>\b(?P<d3>\d{1,2})[ \t]+(?P<mon3>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+(?P<y3>\d{4})\b)"
)
_MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
HEAD_LINES = 6


def _published(meta: dict[str, str], text: str) -> tuple[date | None, str | None]:
    for key in ("published", "date", "published_at", "pubdate"):
        if meta.get(key):
            m = _ISO.search(meta[key])
            if m:
                d = _mk(m.group(1), m.group(2), m.group(3))
                if d:
                    return d, meta[key]
            d, raw = _head_date(meta[key])
            if d:
                return d, raw
            d = _parse_stated(meta[key])
            if d:
                return d, meta[key]
    head = "\n".join(line for line in text.lstrip().splitlines()[:HEAD_LINES] if len(line) < 200)
    return _head_date(head)


def _parse_stated(value: str) -> date | None:
    """A publication date written some other way ('March 3rd, 2025 10:00 GMT',
    '3 mars 2025'): dateparser, on this one value only, and only when it names
    a year, so that '3 hours ago' never silently becomes today."""
    if not re.search(r"\b(?:19|20)\d\d\b", value) or len(value) > 80:
        return None
    import dateparser  # lazy: most articles have ISO dates and never need it

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed else None


def _head_date(s: str) -> tuple[date | None, str | None]:
    for m in _HEAD_DATE.finditer(s):
        if m.group("iso"):
            y, mo, d = m.group("iso").split("-")
        elif m.group("mdy"):
            y, mo, d = m.group("y1"), m.group("m1"), m.group("d1")
        elif m.group("named"):
            y, mo, d = m.group("y2"), str(_MONTHS[m.group("mon")[:3].lower()]), m.group("d2")
        else:
            y, mo, d = m.group("y3"), str(_MONTHS[m.group("mon3")[:3].lower()]), m.group("d3")
        found = _mk(y, mo, d)
        if found:
            return found, m.group(0)
    return None, None


def _mk(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        s = line.strip().strip("#* ").strip()
        if len(s) > 3 and not s.isdigit() and not _HEAD_DATE.fullmatch(s):
            return s[:200]
    return None
