"""system_state: the self-monitoring conditions currently raised, and bookmarks beside them."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from notifyd.core.clock import to_db
from notifyd.store.connection import Database


class SystemState(Database):
    """Raised conditions by name; a row is raised once, however many processes check."""

    def raised_conditions(self) -> list[dict[str, Any]]:
        return self.rows("SELECT * FROM system_state")

    def raise_condition(
        self, conn: sqlite3.Connection, name: str, detail: str, now: datetime
    ) -> bool:
        """True when this call raised it; INSERT OR IGNORE keeps a second process (a
        `run --once` beside the daemon) from raising the same condition again."""
        return bool(
            conn.execute(
                "INSERT OR IGNORE INTO system_state (name, raised_at, detail) VALUES (?, ?, ?)",
                (name, to_db(now), detail),
            ).rowcount
        )

    def clear_condition(self, conn: sqlite3.Connection, name: str) -> bool:
        return bool(conn.execute("DELETE FROM system_state WHERE name = ?", (name,)).rowcount)

    def bookmark(self, conn: sqlite3.Connection, name: str) -> str | None:
        row = conn.execute("SELECT detail FROM system_state WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_bookmark(
        self, conn: sqlite3.Connection, name: str, value: str, now: datetime
    ) -> None:
        conn.execute(
            "INSERT INTO system_state (name, raised_at, detail) VALUES (?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET raised_at = excluded.raised_at, "
            "detail = excluded.detail",
            (name, to_db(now), value),
        )
