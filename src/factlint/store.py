"""The claim store: a SQLite cache of what factlint read from each article.

Keyed by (path, sha256 of the file's bytes, digest of rules and lexicons,
factlint version, store format), so an unchanged article is never
re-extracted and any change to the article, the rules or the tool misses
the cache.  It is only a cache: deleting it loses nothing.

Robustness: SQLite's journal makes every write atomic (a run killed with
kill -9 leaves the previous state); WAL mode and a busy timeout let
concurrent runs share it; a file that is not a factlint store, is corrupt
or has another format version is discarded and rebuilt, never trusted.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from . import __version__
from .models import Claim, Document, Mention

FORMAT = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS analysis (
    path TEXT NOT NULL, sha TEXT NOT NULL, kb TEXT NOT NULL,
    mentions TEXT NOT NULL, claims TEXT NOT NULL,
    PRIMARY KEY (path, sha, kb)
);
"""


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.hits = self.misses = 0
        self.rebuilt: str | None = None  # why the file was discarded, if it was
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = self._connect()
            row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            if row is None or row[0] != f"factlint-{FORMAT}":
                raise _Stale(f"format {row[0] if row else 'missing'}")
            db.execute("SELECT path, sha, kb, mentions, claims FROM analysis LIMIT 1").fetchall()
            return db
        except (sqlite3.DatabaseError, _Stale) as exc:
            self.rebuilt = str(exc) or type(exc).__name__
            try:
                db.close()  # type: ignore[possibly-undefined]
            except Exception:  # noqa: BLE001 - a half-open handle is being discarded anyway
                pass
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            db = self._connect()
            db.executescript(_SCHEMA)
            with db:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (f"factlint-{FORMAT}",))
            return db

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA busy_timeout = 30000")
        if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            db.executescript(_SCHEMA)
            with db:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (f"factlint-{FORMAT}",))
        db.execute("PRAGMA journal_mode = WAL")
        return db

    @staticmethod
    def key(doc: Document, kb_digest: str) -> tuple[str, str, str]:
        sha = hashlib.sha256(doc.raw.encode("utf-8", "surrogatepass")).hexdigest()
        return doc.path, sha, f"{kb_digest}:{__version__}"

    def get(self, doc: Document, kb_digest: str) -> tuple[list[Mention], list[Claim]] | None:
        row = self.db.execute(
            "SELECT mentions, claims FROM analysis WHERE path = ? AND sha = ? AND kb = ?", self.key(doc, kb_digest)
        ).fetchone()
        if row is None:
            self.misses += 1
            return None
        try:
            mentions = [Mention.model_validate(m) for m in json.loads(row[0])]
            claims = [Claim.model_validate(c) for c in json.loads(row[1])]
        except (ValueError, TypeError):
            self.misses += 1
            return None  # a damaged row is a miss, and gets overwritten
        self.hits += 1
        return mentions, claims

    def put(self, doc: Document, kb_digest: str, mentions: list[Mention], claims: list[Claim]) -> None:
        path, sha, kb = self.key(doc, kb_digest)
        m = json.dumps([x.model_dump(mode="json") for x in mentions])
        c = json.dumps([x.model_dump(mode="json") for x in claims])
        self.db.execute("BEGIN IMMEDIATE")
        try:
            # One row per path: an edited article replaces its old analysis.
            self.db.execute("DELETE FROM analysis WHERE path = ?", (path,))
            self.db.execute("INSERT INTO analysis VALUES (?, ?, ?, ?, ?)", (path, sha, kb, m, c))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()


class _Stale(Exception):
    pass
