"""Copy the database with SQLite's online backup API, safely while the daemon writes, and restore it."""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from notifyd.core.errors import StoreError
from notifyd.store.connection import migrations

# Tables every notifyd schema since version 1 has; a file without them is something else.
_CORE_TABLES = frozenset({"emails", "notices", "events", "alerts", "deliveries"})
_SIDE = ("-wal", "-shm", "-journal")  # SQLite's companion files of a database


@dataclass(frozen=True)
class BackupReport:
    path: Path
    schema_version: int
    notices: int
    size: int  # bytes


@dataclass(frozen=True)
class RestoreReport:
    restored_from: Path
    database: Path
    kept_as: Path | None  # the database that was replaced, None when there was none
    schema_version: int
    notices: int


def _open_readonly(path: Path) -> sqlite3.Connection:
    # Read-only: a backup must never create the file, change its mode or write its header.
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path}: {exc}") from None
    return conn


def inspect(path: Path) -> tuple[int, int]:
    """(schema version, number of notices) of a notifyd database; StoreError for any other file."""
    if not path.is_file():
        raise StoreError(f"{path} does not exist or is not a file")
    conn = _open_readonly(path)
    try:
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError:
            raise StoreError(f"{path} is not a notifyd database (not an SQLite file)") from None
        if not tables >= _CORE_TABLES or version < 1:
            raise StoreError(f"{path} is not a notifyd database (no notifyd tables in it)")
        if version > len(migrations()):
            raise StoreError(
                f"{path} is schema version {version}, newer than this notifyd understands "
                f"({len(migrations())}); upgrade notifyd first"
            )
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise StoreError(f"{path} is damaged: {check}")
        notices = int(conn.execute("SELECT count(*) FROM notices").fetchone()[0])
    finally:
        conn.close()
    return version, notices


def backup(database: Path, target: Path, overwrite: bool = False) -> BackupReport:
    """Write a consistent copy of `database` to `target` (mode 0600), even while another process
    writes to it; the copy is a single self-contained file (no -wal) checked before it is kept."""
    if not database.is_file():
        raise StoreError(
            f"database {database} does not exist; set `database` in the config or NOTIFYD_DATABASE"
        )
    if target.exists() and not overwrite:
        raise StoreError(f"{target} already exists; choose another file name")
    if target.exists() and target.resolve() == database.resolve():
        raise StoreError(f"{target} is the database itself; choose another file name")
    inspect(database)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    _create_private(partial)
    source = _open_readonly(database)
    try:
        copy = sqlite3.connect(str(partial), isolation_level=None)
        try:
            # One step (pages=-1) copies from a single read snapshot. In WAL mode that snapshot
            # does not block the daemon's writes, and a stepwise copy would restart every time
            # the daemon commits.
            source.backup(copy, pages=-1)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"backup of {database} failed: {exc}") from None
    finally:
        source.close()
    try:
        version, notices = inspect(partial)
        _fsync(partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupReport(target, version, notices, target.stat().st_size)


def restore(backup_file: Path, database: Path, now: datetime) -> RestoreReport:
    """Replace `database` with the contents of `backup_file`, keeping the current database as
    `<name>.bak` (or `<name>.<UTC time>.bak` when that exists). Refuses any file that is not a
    notifyd database before touching anything. Stop the daemon first: it would keep running on
    the restored data but with whatever it held in memory from before."""
    version, notices = inspect(backup_file)
    if database.exists() and backup_file.resolve() == database.resolve():
        raise StoreError(f"{backup_file} is the database itself; nothing to restore")
    kept = None
    if database.exists():
        kept = database.with_name(database.name + ".bak")
        if kept.exists():
            kept = database.with_name(f"{database.name}.{now.strftime('%Y%m%dT%H%M%SZ')}.bak")
        try:
            backup(database, kept)
        except StoreError:
            # The current file is damaged or no notifyd database (often why one restores):
            # keep its bytes as they are rather than refuse to replace it.
            _copy_private(database, kept)
            for leftover in (database, *(database.with_name(database.name + s) for s in _SIDE)):
                leftover.unlink(missing_ok=True)
    if not database.exists():
        database.parent.mkdir(parents=True, exist_ok=True)
        _create_private(database)
    source = _open_readonly(backup_file)
    try:
        target = sqlite3.connect(str(database), timeout=30, isolation_level=None)
        try:
            target.execute("PRAGMA busy_timeout = 30000")
            # The backup API writes through SQLite's locks, so a reader never sees half a file.
            source.backup(target, pages=-1)
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise StoreError(
            f"restore into {database} failed: {exc}"
            + (f"; the previous database is kept as {kept}" if kept else "")
        ) from None
    finally:
        source.close()
    return RestoreReport(backup_file, database, kept, version, notices)


def _create_private(path: Path) -> None:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        raise StoreError(f"{path} already exists; remove it or choose another name") from None
    except OSError as exc:
        raise StoreError(f"cannot create {path}: {exc.strerror}") from None
    os.close(fd)


def _copy_private(source: Path, target: Path) -> None:
    _create_private(target)
    with source.open("rb") as src, target.open("wb") as dst:
        shutil.copyfileobj(src, dst)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
