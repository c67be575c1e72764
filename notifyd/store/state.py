"""system_state: the self-monitoring conditions currently raised, and bookmarks beside them."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from notifyd.core.clock import from_db, to_db
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

    def save_daemon_report(self, report: dict[str, Any], now: datetime) -> None:
        """What the running daemon says about itself (parts, descriptors), for `status`."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO system_state (name, raised_at, detail) VALUES ('mark:daemon', ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET raised_at = excluded.raised_at, "
                "detail = excluded.detail",
                (to_db(now), json.dumps(report)),
            )

    def daemon_report(self) -> tuple[datetime, dict[str, Any]] | None:
        row = self.one("SELECT raised_at, detail FROM system_state WHERE name = 'mark:daemon'")
        at = from_db(row["raised_at"]) if row else None
        if row is None or at is None:
            return None
        return at, dict(json.loads(row["detail"] or "{}"))
