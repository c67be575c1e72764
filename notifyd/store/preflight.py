"""Before SQLite opens the database file: refuse one that is missing behind a symlink, read-only,
corrupt or another program's, with one line each (SQLite would fail later, or write into it)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from notifyd.core.errors import NotifydError

_MAGIC = b"SQLite format 3\x00"
# Tables notifyd's first migration creates; a database holding other tables is not ours.
_OURS = {
    "emails",
    "notices",
    "notice_asins",
    "alerts",
    "deliveries",
    "events",
    "folders",
    "mailbox_health",
    "digests",
    "system_state",
}


class DatabaseUnusable(NotifydError):
    """The database file cannot be used as notifyd's database; the message says why."""

    exit_code = 3


# Files already checked by this process. The check opens the file, and closing any descriptor
# of a database file drops every POSIX lock the process holds on it (those of other threads'
# SQLite connections too: "disk I/O error"); so it runs once, before any connection exists.
_CHECKED: set[str] = set()


def check_database(path: Path) -> None:
    """Raise DatabaseUnusable, with the one line that says how to fix it, for a bad file."""
    key = os.path.abspath(path)
    if key in _CHECKED:
        return
    _check(path)
    _CHECKED.add(key)


def _check(path: Path) -> None:
    if path.is_symlink() and not path.exists():
        raise DatabaseUnusable(
            f"database {path} is a symlink to {os.readlink(path)}, which does not exist; "
            "fix the link or point `database` at a real file"
        )
    if path.exists() and not path.is_file():
        raise DatabaseUnusable(f"database {path} is not a file; point `database` at a file")
    folder = path.resolve().parent
    if _read_only(folder if not path.exists() else path):
        raise DatabaseUnusable(
            f"database {path} is on a read-only file system; notifyd must write to it "
            "(mount it read-write or choose another path)"
        )
    if not path.exists():
        return
    if not os.access(path, os.R_OK | os.W_OK) or not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseUnusable(
            f"database {path} (or its folder, for the -wal file) is not writable by this user"
        )
    size = path.stat().st_size
    if size == 0:
        return  # just created, not yet initialised
    with path.open("rb") as handle:
        head = handle.read(100)
    if not head.startswith(_MAGIC):
        raise DatabaseUnusable(
            f"database {path} is not an SQLite database (corrupt, or another program's file); "
            "move it away and restore a backup, or point `database` elsewhere"
        )
    if int.from_bytes(head[60:64], "big") == 0:  # user_version: no notifyd migration ran
        foreign = sorted(_tables(path) - _OURS)
        if foreign:
            raise DatabaseUnusable(
                f"database {path} belongs to another program (tables: {', '.join(foreign[:5])}); "
                "point `database` at notifyd's own file"
            )


def _read_only(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _tables(path: Path) -> set[str]:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            # Once per process, off the hot path: sqlite-utils' introspection names the tables.
            names = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
            tables = names.table_names()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnusable(f"database {path} cannot be read: {exc}") from None
    return {str(name) for name in tables if not str(name).startswith("sqlite_")}
