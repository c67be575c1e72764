"""The SQLite connection: opening the file privately, applying schema/*.sql, and write transactions."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sized
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from notifyd.core.errors import StoreError
from notifyd.store.preflight import check_database


def migrations() -> tuple[str, ...]:
    """The schema scripts in order: schema/0001_*.sql is version 1, and so on."""
    folder = resources.files("notifyd.store") / "schema"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql"))
    for number, name in enumerate(names, start=1):
        # A gap or a duplicate number would silently renumber every later version.
        if not name.startswith(f"{number:04d}_"):
            raise StoreError(f"schema file {name} is out of sequence; expected {number:04d}_*.sql")
    return tuple((folder / name).read_text(encoding="utf-8") for name in names)


def marks(values: Sized) -> str:
    """The placeholders of an `IN (...)` list of `values`; NULL for none, which matches nothing
    (an empty `IN ()` is a syntax error in SQLite)."""
    return ",".join("?" * len(values)) or "NULL"


class Database:
    """One connection to the notifyd database; every write goes through a short transaction."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            check_database(self.path)
            _create_private(self.path)
        try:
            # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE), never implicit.
            self.conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"database {path}: {exc}; check the path and permissions") from None
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA busy_timeout = 30000")
        self.conn.execute("PRAGMA foreign_keys = ON")
        if str(path) != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        self.migrate()

    def close(self) -> None:
        self.conn.close()

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        scripts = migrations()
        current = self.version
        if current > len(scripts):
            raise StoreError(
                f"database {self.path} is schema version {current}, newer than this notifyd "
                f"understands ({len(scripts)}); upgrade notifyd"
            )
        for number, script in enumerate(scripts[current:], start=current + 1):
            with self.transaction():
                for statement in _statements(script):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the lock up front, so it waits rather than fails."""
        conn = self.conn
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        """Every row of a read, as plain dicts (for the store's own modules and for tests).

        Plain sqlite3 on the hot path: sqlite-utils' query() cost a first sync of 2,000
        messages 28 % more time (benchmarks/first_sync 0.348 against 0.279). Writes are our own
        BEGIN IMMEDIATE transactions, because its atomic() opens a deferred BEGIN that fails on
        the lock upgrade instead of waiting out busy_timeout."""
        return [dict(r) for r in self.conn.execute(sql, params).fetchall()]

    def one(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)  # read whole: a half-read cursor would hold a WAL snapshot
        return found[0] if found else None


def _statements(script: str) -> list[str]:
    """Split a migration into statements; executescript would commit our transaction."""
    out, buf = [], []
    for line in script.splitlines():
        code = line.split("--", 1)[0]
        buf.append(code)
        if code.rstrip().endswith(";"):
            statement = "\n".join(buf).strip()
            if statement.strip(";").strip():
                out.append(statement)
            buf = []
    return out


def _create_private(path: Path) -> None:
    """Create the database file readable by its owner only, before SQLite opens it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Never open and close an existing database file: closing any descriptor of a file drops
    # every POSIX lock the process holds on it, those of other threads' SQLite connections too.
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    except FileExistsError:
        fd = -1
    except OSError as exc:
        raise StoreError(
            f"database {path}: {exc.strerror}; check that its folder is writable"
        ) from None
    if fd >= 0:
        os.close(fd)
    # An existing file keeps its mode on open; notifyd's data is the seller's business alone.
    os.chmod(path, 0o600)
