"""The cache's one file: an SQLite database of parse results and build records, outside the site."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

NAME = "cache.sqlite"
_SIDE_FILES = ("", "-journal", "-wal", "-shm")  # the database and the files SQLite keeps beside it
_VERSION = 3  # of the tables below: a database of another version is started afresh
# Which build last used an entry is a table of its own: marking every entry a build used then rewrites small
# rows, not each guide's whole row (50 ms at 6,000 guides, docs/performance.md).
_SCHEMA = """
CREATE TABLE IF NOT EXISTS guides (key TEXT PRIMARY KEY, info TEXT NOT NULL, data TEXT, search TEXT);
CREATE TABLE IF NOT EXISTS uses (key TEXT PRIMARY KEY, used INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS builds (out TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""
_KEEP_BUILDS = 3  # parse results unused for this many builds are dropped


class CacheUnusable(Exception):
    """The cache cannot be used safely (a link, not a folder, damaged, not writable); builds go on without."""


class Store:
    """The cache database of one project. Everything in it is data (JSON text), read back as untrusted input.

    SQLite makes each write one transaction, so a build killed while writing leaves the last complete state,
    and two builds at once wait for each other instead of mixing their writes.
    """

    def __init__(self, folder: Path | None, write: bool) -> None:
        self.folder, self.write = folder, write  # no folder: a cache that holds nothing and keeps nothing
        self._db: sqlite3.Connection | None = None
        self._pid = os.getpid()  # a forked worker connects anew: a connection must not cross a fork
        self.replaced: str | None = None  # why the database was damaged, when open() started a new one

    def open(self) -> Store:
        """Connect, making the folder and the database when writing; CacheUnusable when it cannot be used."""
        if self.folder is None:
            return self
        path = self.folder / NAME
        try:
            if self.write:
                _real_folder(self.folder)
            for suffix in _SIDE_FILES:
                _not_a_link(Path(f"{path}{suffix}"))
            if not self.write and not path.is_file():
                return self  # nothing cached yet; a check or an export does not make a cache
            uri = f"{path.resolve().as_uri()}?mode={'rwc' if self.write else 'ro'}"
            self._db = sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None)
            self._db.execute("PRAGMA synchronous=OFF")  # a cache: what a power cut damages is rebuilt
            current = self._db.execute("PRAGMA user_version").fetchone()[0] == _VERSION
            if self.write and not current:
                self._db.executescript("DROP TABLE IF EXISTS guides; DROP TABLE IF EXISTS uses; "
                                       "DROP TABLE IF EXISTS builds; DROP TABLE IF EXISTS meta; "
                                       f"{_SCHEMA} PRAGMA user_version = {_VERSION};")
            elif not current:
                self.close()  # written by another version of topicgen: as good as empty
        except (OSError, sqlite3.Error) as err:
            self.close()
            if self.write and self.replaced is None and _damaged(err):
                # Only a cache: a build starts a new one rather than do without one in every build from now on.
                self.replaced = f"{path}: {err}"
                try:
                    for suffix in _SIDE_FILES:
                        Path(f"{path}{suffix}").unlink(missing_ok=True)  # none a link (checked above)
                except OSError as gone:
                    raise CacheUnusable(f"{path}: {err}, and it cannot be removed ({gone})") from None
                return self.open()
            raise CacheUnusable(f"{path}: {err}") from None
        return self

    def _connection(self) -> sqlite3.Connection | None:
        if self._db is not None and self._pid != os.getpid():
            self._pid = os.getpid()
            self._db = None  # the parent's: left alone (not even closed) in this process
            self.open()
        return self._db

    @property
    def writable(self) -> bool:
        """Whether what is saved is kept (a build's cache that could be opened)."""
        return self.write and self._db is not None

    def infos(self, keys: list[str]) -> dict[str, str]:
        """The infos of the parse results stored under `keys` (those it has), in one query."""
        return self._many("info", keys)

    def searches(self, keys: list[str]) -> dict[str, str]:
        """The search entries of the guides stored under `keys` (those it has), in one query."""
        return self._many("search", keys)

    def _many(self, column: str, keys: list[str]) -> dict[str, str]:
        db = self._connection()
        if db is None or not keys:
            return {}
        try:
            rows = db.execute(f"SELECT key, {column} FROM guides WHERE key IN (SELECT value FROM json_each(?))",
                              (json.dumps(keys),)).fetchall()
        except sqlite3.Error:
            return {}
        return {k: v for k, v in rows if isinstance(v, str)}

    def guide(self, key: str) -> str | None:
        """The whole guide stored under `key`, or None."""
        return self._one("SELECT data FROM guides WHERE key = ?", key)

    def record(self, out: str) -> str | None:
        """The record of the last build into the output folder `out` (its resolved path), or None."""
        return self._one("SELECT data FROM builds WHERE out = ?", out)

    def _one(self, query: str, key: str) -> str | None:
        db = self._connection()
        if db is None:
            return None
        try:
            row = db.execute(query, (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row and isinstance(row[0], str) else None

    def add(self, entries: dict[str, tuple[str, str | None]]) -> None:
        """New parse results (key to its info and whole guide as JSON), in one transaction."""
        self._write_many("INSERT OR REPLACE INTO guides VALUES (?, ?, ?, NULL)",
                         [(k, info, data) for k, (info, data) in entries.items()])

    def add_searches(self, entries: dict[str, str]) -> None:
        """Search entries (key to its JSON) of guides stored under those keys, in one transaction."""
        self._write_many("UPDATE guides SET search = ? WHERE key = ?", [(v, k) for k, v in entries.items()])

    def _write_many(self, statement: str, rows: list[tuple[str | None, ...]]) -> None:
        db = self._connection()
        if db is None or not self.write or not rows:
            return
        try:
            with db:
                db.execute("BEGIN")
                db.executemany(statement, rows)
        except sqlite3.Error:
            pass  # a cache that cannot be written only makes the next build slower

    def save(self, used: set[str], out: str, record: str) -> None:
        """In one transaction: the entries a build used, its record, and the pruning of entries no build used
        for a while (each build is a generation; `uses` has the last that used each entry, and an entry no
        build used yet is dropped by the next that does not use it)."""
        if self._db is None or not self.write:
            return
        try:
            with self._db:
                self._db.execute("BEGIN")
                row = self._db.execute("SELECT value FROM meta WHERE name = 'generation'").fetchone()
                generation = (row[0] if row else 0) + 1
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (generation,))
                self._db.execute("INSERT OR REPLACE INTO uses SELECT value, ? FROM json_each(?)",
                                 (generation, json.dumps(sorted(used))))
                self._db.execute("INSERT OR REPLACE INTO builds VALUES (?, ?)", (out, record))
                self._db.execute("DELETE FROM uses WHERE used <= ?", (generation - _KEEP_BUILDS,))
                self._db.execute("DELETE FROM guides WHERE key NOT IN (SELECT key FROM uses)")
        except sqlite3.Error:
            pass  # a cache that cannot be written only makes the next build slower

    def forget(self, out: str) -> None:
        """Drop the record of builds into `out` (a preview's private folder, about to go)."""
        if self._db is not None and self.write:
            try:
                self._db.execute("DELETE FROM builds WHERE out = ?", (out,))
            except sqlite3.Error:
                pass

    def close(self) -> None:
        """Disconnect (safe to call twice)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _damaged(err: Exception) -> bool:
    """Whether SQLite says the file is no database, or a damaged one (not: busy, read-only, full)."""
    return getattr(err, "sqlite_errorcode", None) in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


def _real_folder(folder: Path) -> None:
    """`folder` made if missing; OSError unless it is a real folder (not a link to one)."""
    _not_a_link(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if not stat.S_ISDIR(os.lstat(folder).st_mode):
        raise NotADirectoryError(f"{folder} is not a folder")


def _not_a_link(path: Path) -> None:
    if path.is_symlink():
        raise OSError(f"{path} is a symbolic link, and topicgen never follows a link it did not create")
