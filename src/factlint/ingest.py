"""Find article files, read them, and turn each into a Document.

txt and md are analysed as written (md front matter is blanked out so that
offsets still index the file); html is reduced to its visible text with a
map back to file offsets.  Nothing here ever writes to the user's files.
"""
from __future__ import annotations

import os
import re
import stat
from datetime import date
from pathlib import Path

from .guard import Expected
from .htmlblocks import blank_teasers
from .mdtable import read_tables
from .models import Document

SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
MAX_BYTES = 20_000_000  # an "article" past this is almost certainly not one


class IngestError(Expected):
    """A file that cannot be read as an article; message names the problem."""

    def __init__(self, path: str, message: str, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line


def discover(paths: list[str | Path], exclude: tuple[str, ...] = (), errors: list[tuple[str, str]] | None = None) -> list[Path]:
    """Article files under the given paths, sorted, each once.

    Folders are walked without following symlinked folders; a symlinked file
    is read only when its target lies inside the folder being walked (a link
    out of the corpus could leak any file into the report).  An explicitly
    named file is taken as named.  Folders that cannot be listed and links
    that leave the corpus go to `errors` as (path, message)."""
    found: dict[Path, Path] = {}  # one entry per file, however many ways it was named
    problems: list[tuple[str, str]] = [] if errors is None else errors

    def add(f: Path) -> None:
        try:
            f.as_posix().encode("utf-8")
        except UnicodeEncodeError:  # every output is UTF-8: such a name cannot be reported, so it is named escaped
            problems.append((shown(f), "file name is not valid UTF-8; rename it to have it checked"))
            return
        found.setdefault(Path(os.path.abspath(f)), f)  # abspath, not resolve(): no symlink walk per file

    for p in map(Path, paths):
        if p.is_dir():
            root = p.resolve()
            for f in _walk(p, problems):
                if f.suffix.lower() not in SUFFIXES:
                    continue
                if f.is_symlink() and not _inside(f, root):
                    problems.append((shown(f), "symbolic link to a file outside the corpus folder; not read"))
                    continue
                add(f)
        else:
            add(p)  # an explicit file is taken whatever its name; read() judges it
    return sorted((f for f in found.values() if not any(f.match(g) for g in exclude)), key=lambda f: f.as_posix())


def _walk(top: Path, problems: list[tuple[str, str]]):
    """Regular files (and links to files) under `top`, skipping hidden names and symlinked folders."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problems.append((shown(folder), f"cannot read folder: {exc.strerror or exc}; its articles were not checked"))
            continue
        for e in entries:
            if e.name.startswith("."):
                continue
            path = folder / e.name
            try:
                if e.is_dir(follow_symlinks=False):
                    stack.append(path)
                elif not e.is_dir():  # a file, or a pipe or dead link that read() will refuse by name
                    yield path
            except OSError:
                continue


def shown(p: Path) -> str:
    """A path as it can be printed: bytes that are not UTF-8 written as \\xNN."""
    return os.fsencode(p).decode("utf-8", "backslashreplace").replace(os.sep, "/")


def _inside(f: Path, root: Path) -> bool:
    try:
        return f.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a loop of links
        return False


def read(path: Path, display: str | None = None) -> Document:
    name = display or path.as_posix()
    data = read_bytes(path, name)
    if b"\x00" in data[:8192]:
        raise IngestError(name, "binary file (contains NUL bytes), not an article")
    try:
        raw = data.decode("utf-8-sig") if data.startswith(b"\xef\xbb\xbf") else data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise IngestError(name, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", line) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        raw = "\ufeff" + raw  # keep offsets identical to the file's characters
    if not raw.lstrip("\ufeff").strip():
        raise IngestError(name, "empty file")
    kind = SUFFIXES.get(path.suffix.lower(), "txt")
    return parse(raw, name, kind)


def read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes, judged before reading: a FIFO or device is refused
    (opening without blocking, checked on the open descriptor, so it cannot
    be swapped in between), and nothing past the size limit is read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise IngestError(name, f"cannot read file: {exc.strerror or exc}") from exc
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IngestError(name, "is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise IngestError(name, "not a regular file (a pipe, socket or device); not read")
        if st.st_size > MAX_BYTES:
            raise IngestError(name, f"file is {st.st_size:,} bytes, over the {MAX_BYTES:,}-byte limit for one article")
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise IngestError(name, f"cannot read file: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:  # grew while we looked
        raise IngestError(name, f"file is over the {MAX_BYTES:,}-byte limit for one article")
    return data


def parse(raw: str, name: str, kind: str = "txt") -> Document:
    meta: dict[str, str] = {}
    offset_map: list[tuple[int, int]] = []
    if kind == "html":
        text, offset_map, meta = _html_text(raw)
    elif kind == "md":
        text, meta = _front_matter(raw, name)
        text = blank_teasers(text, navigation=False)
    else:
        text = blank_teasers(raw, navigation=True)
    if kind != "html" and (tables := read_tables(text)) is not None:
        text, offset_map = tables  # pipe tables as labelled lines, mapped back to the file
    published, published_text = _published(meta, text, lambda: _day_first(text, raw, name))
    problems = []
    stated = next((k for k in ("published", "date", "published_at", "pubdate") if meta.get(k)), None)
    if stated and (published_text is None or published_text != meta[stated] and published_text not in meta[stated]):
        at = re.search(rf"(?m)^{re.escape(stated)}[ \t]*:", raw)
        iso = _ISO.search(meta[stated])
        why = (f"is outside the years {YEARS.start}-{YEARS.stop - 1}" if iso and published_text is None and _valid(iso)
               else "is not a date (write YYYY-MM-DD)")
        problems.append((raw.count("\n", 0, at.start()) + 1 if at else None,
                         f"'{stated}: {meta[stated]}' {why}; checked without a publication date"))
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


def _html_text(raw: str) -> tuple[str, list[tuple[int, int]], dict[str, str]]:
    from .htmltext import visible_text

    return visible_text(raw)


# --- publication date ------------------------------------------------------

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# A dateline near the top: "Published on 2026-06-01", "02/06 2026" (month/day year),
# "June 1, 2026", "1 June 2026", "21.03.2025".  Only the first few lines are looked at.
_HEAD_DATE = re.compile(
    r"(?P<iso>\d{4}-\d{1,2}-\d{1,2})"
    r"|(?P<mdy>\b(?P<m1>\d{1,2})/(?P<d1>\d{1,2})[ /](?P<y1>\d{4})\b)"
    r"|(?P<named>\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(?P<y2>\d{4})\b)"
    r"|(?P<dmy>\b(?P<d3>\d{1,2})[ \t]+(?P<mon3>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+(?P<y3>\d{4})\b)"
    r"|(?P<dot>(?<![\d.])(?P<d4>\d{1,2})\.(?P<m4>\d{1,2})\.(?P<y4>\d{4})\b(?!\.\d))"  # "Berlin, 21.03.2025": always day first
)
_MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
HEAD_LINES = 6


def _published(meta: dict[str, str], text: str, day_first=lambda: False) -> tuple[date | None, str | None]:
    for key in ("published", "date", "published_at", "pubdate"):
        if meta.get(key):
            m = _ISO.search(meta[key])
            if m:
                d = _mk(m.group(1), m.group(2), m.group(3))
                if d:
                    return d, meta[key]
            d, raw = _head_date(meta[key], day_first)
            if d:
                return d, raw
            d = _parse_stated(meta[key])
            if d:
                return d, meta[key]
    # A long first line is a story's opening paragraph: only its dateline, the first 80
    # characters ("MOUNTAIN VIEW, California, July 24, 2025 (Asia Tech Newswire) -- ..."), counts.
    head = "\n".join(line if len(line) < 200 else line[:80] for line in text.lstrip().splitlines()[:HEAD_LINES])
    return _head_date(head, day_first)


def _parse_stated(value: str) -> date | None:
    """A publication date written some other way ('March 3rd, 2025 10:00 GMT',
    '3 mars 2025'): dateparser, on this one value only, and only when it names
    a year, so that '3 hours ago' never silently becomes today."""
    if not re.search(r"\b(?:19|20)\d\d\b", value) or len(value) > 80:
        return None
    import dateparser  # lazy: most articles have ISO dates and never need it

    try:
        parsed = dateparser.parse(value, settings={"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False})
    except (ValueError, OverflowError, RecursionError):
        return None
    return parsed.date() if parsed and parsed.year in YEARS else None


def _day_first(text: str, raw: str, name: str) -> bool:
    """Whether the document writes "02/09/2025" for 2 September (extract/convention.py)."""
    from .extract.convention import decide

    return decide(text, raw, name).day_first


def _head_date(s: str, day_first=lambda: False) -> tuple[date | None, str | None]:
    """The first date in `s`; `day_first()` is asked only when a numeric date could be read both ways."""
    for m in _HEAD_DATE.finditer(s):
        if m.group("iso"):
            y, mo, d = m.group("iso").split("-")
        elif m.group("mdy"):
            y, mo, d = m.group("y1"), m.group("m1"), m.group("d1")
            if int(mo) > 12 >= int(d) or int(mo) <= 12 and int(d) <= 12 and day_first():
                mo, d = d, mo  # "13/03/2025", or a page that writes its dates day first
        elif m.group("named"):
            y, mo, d = m.group("y2"), str(_MONTHS[m.group("mon")[:3].lower()]), m.group("d2")
        elif m.group("dot"):
            y, mo, d = m.group("y4"), m.group("m4"), m.group("d4")
        else:
            y, mo, d = m.group("y3"), str(_MONTHS[m.group("mon3")[:3].lower()]), m.group("d3")
        found = _mk(y, mo, d)
        if found:
            return found, m.group(0)
    return None, None


# A publication date outside these years is a typo ("0001-01-02", "9999-12-31"), and dates
# computed from it would leave the calendar.
YEARS = range(1800, 2200)


def _mk(y: str, m: str, d: str) -> date | None:
    try:
        found = date(int(y), int(m), int(d))
    except ValueError:
        return None
    return found if found.year in YEARS else None


def _valid(iso: re.Match[str]) -> bool:
    try:
        date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        return True
    except ValueError:
        return False


def _first_line(text: str) -> str | None:
    """The headline: the first line that is not only a date, a dateline or a byline."""
    for line in text.splitlines():
        s = line.strip().strip("#* ").strip()
        if len(s) > 3 and not s.isdigit() and not _HEAD_DATE.fullmatch(s) and not _NOT_TITLE.fullmatch(s):
            return s[:200]
    return None


# "NEW YORK, 15 July 2025 -" (a place, a date, a dash) and "By Rachel Osei" open a story; neither is its headline.
_NOT_TITLE = re.compile(
    rf"(?:[A-Z][A-Za-z.'-]*(?:\s[A-Z][A-Za-z.'-]*){{0,3}},\s?){{0,2}}(?:{_HEAD_DATE.pattern})\s*(?:[-–—]+|:)?"
    r"|By\s[A-Z][\w.'-]+(?:\s(?:[A-Z][\w.'-]+|and)){0,4}")
