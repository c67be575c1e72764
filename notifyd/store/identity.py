"""The database's identity: a random id kept in it and beside it, so `run` refuses a lost or swapped file."""

from __future__ import annotations

import os
import secrets
from datetime import datetime
from pathlib import Path

from notifyd.core.clock import to_db
from notifyd.core.errors import NotifydError, StoreError
from notifyd.store.connection import Database

_ROW = "mark:identity"
FRESH_HINT = (
    "restore it, or start afresh with `notifyd run --new-database` "
    "(notices still in the mailboxes are then alerted again)"
)


class DatabaseNotOurs(NotifydError):
    """The database is gone, or is not the one this instance has been using."""

    exit_code = 4


def state_file(database: Path) -> Path:
    """Beside the database: deleting the database does not delete what remembers it."""
    return database.with_name(database.name + ".identity")


def remembered(database: Path) -> str | None:
    """The identity `run` last used with this path, or None when it never ran on it."""
    try:
        text = state_file(database).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise DatabaseNotOurs(f"cannot read {state_file(database)}: {exc}") from None
    return text or None


def refuse_if_gone(database: Path) -> None:
    """Before the file would be created: a missing database that did exist is refused.
    An empty new one would report healthy and alert every old notice again."""
    if str(database) == ":memory:" or database.exists() or database.is_symlink():
        return
    if remembered(database) is not None:
        raise DatabaseNotOurs(
            f"database {database} is gone, though notifyd used it before "
            f"({state_file(database).name} remembers it); {FRESH_HINT}"
        )


def claim(db: Database, now: datetime, fresh: bool = False) -> str:
    """Check the open database is the one remembered beside it, giving a new database its id
    and remembering it; `fresh` (`run --new-database`) adopts whatever database is there."""
    if str(db.path) == ":memory:":
        return ""  # nothing outlives the process, so there is nothing to mistake it for
    with db.transaction() as conn:
        row = conn.execute("SELECT detail FROM system_state WHERE name = ?", (_ROW,)).fetchone()
        current = str(row[0]) if row is not None and row[0] else None
        if current is None:
            current = secrets.token_hex(16)
            conn.execute(
                "INSERT OR REPLACE INTO system_state (name, raised_at, detail) "
                "VALUES (?, ?, ?)",
                (_ROW, to_db(now), current),
            )
        known = remembered(db.path)
        if known is not None and known != current and not fresh:
            # Raising inside the transaction rolls back: a foreign database is left untouched.
            raise DatabaseNotOurs(
                f"database {db.path} is not the one this notifyd has been using (replaced or "
                f"swapped; {state_file(db.path).name} names another); {FRESH_HINT}"
            )
    if known != current:
        _remember(db.path, current)
    return current


def _remember(database: Path, identity: str) -> None:
    target = state_file(database)
    temporary = target.with_name(target.name + ".tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(identity + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        raise StoreError(f"cannot write {target}: {exc.strerror}") from None
