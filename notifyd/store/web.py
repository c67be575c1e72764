"""The console's tables: users, sessions and used action links, and the lists its pages show."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from notifyd.core.clock import from_db, to_db
from notifyd.store.connection import Database

# The ledger statuses of mail that became no notice; the console lists each of them.
LEDGER_STATUSES = ("ignored", "old", "duplicate", "failed", "skipped")
FACETS = ("mailbox", "marketplace", "category")  # the columns the notice lists filter on


@dataclass(frozen=True)
class WebSession:
    """A signed-in browser: whose it is, and the CSRF token its forms carry."""

    username: str
    csrf: str


@dataclass(frozen=True)
class UsedLink:
    """An action link that already acted, and who pressed it when."""

    notice_id: int
    action: str
    used_at: datetime
    actor: str


@dataclass(frozen=True)
class LedgerEmail:
    """One email of the ledger that became no notice (ignored, old, duplicate, ...)."""

    id: int
    mailbox: str
    folder: str
    received_at: datetime | None
    seen_at: datetime
    sender: str | None
    subject: str | None
    status: str
    reason: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> LedgerEmail:
        return cls(
            int(row["id"]),
            row["mailbox"],
            row["folder"],
            from_db(row["received_at"]),
            _must(row["seen_at"]),
            row["sender"],
            row["subject"],
            row["status"],
            row["reason"],
        )


class WebConsole(Database):
    """The web_users, web_sessions and web_used_links tables (schema/0002_web.sql)."""

    # --- users and sessions -------------------------------------------------------------------

    def set_web_user(self, name: str, password_hash: str, now: datetime) -> bool:
        """Add a user or replace their password (ending their sessions); True when new."""
        with self.transaction() as conn:
            existed = conn.execute("SELECT 1 FROM web_users WHERE name = ?", (name,)).fetchone()
            conn.execute(
                "INSERT INTO web_users (name, password_hash, created_at) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash",
                (name, password_hash, to_db(now)),
            )
            conn.execute("DELETE FROM web_sessions WHERE username = ?", (name,))
        return existed is None

    def remove_web_user(self, name: str) -> bool:
        with self.transaction() as conn:
            conn.execute("DELETE FROM web_sessions WHERE username = ?", (name,))
            return conn.execute("DELETE FROM web_users WHERE name = ?", (name,)).rowcount == 1

    def web_password_hash(self, name: str) -> str | None:
        row = self.one("SELECT password_hash FROM web_users WHERE name = ?", (name,))
        return str(row["password_hash"]) if row else None

    def replace_web_password_hash(self, name: str, new_hash: str) -> None:
        """After argon2's parameters were raised: the same password, hashed the new way."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE web_users SET password_hash = ? WHERE name = ?", (new_hash, name)
            )

    def start_web_session(
        self, token_hash: str, username: str, csrf: str, now: datetime, expires_at: datetime
    ) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM web_sessions WHERE expires_at <= ?", (to_db(now),))
            conn.execute(
                "INSERT INTO web_sessions (token_hash, username, csrf, created_at, expires_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (token_hash, username, csrf, to_db(now), to_db(expires_at)),
            )

    def web_session(self, token_hash: str, now: datetime) -> WebSession | None:
        row = self.one(
            "SELECT username, csrf FROM web_sessions WHERE token_hash = ? AND expires_at > ?",
            (token_hash, to_db(now)),
        )
        return WebSession(row["username"], row["csrf"]) if row else None

    def end_web_session(self, token_hash: str) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM web_sessions WHERE token_hash = ?", (token_hash,))

    # --- action links -------------------------------------------------------------------------

    def used_link(self, signature: str) -> UsedLink | None:
        row = self.one(
            "SELECT notice_id, action, used_at, actor FROM web_used_links WHERE signature = ?",
            (signature,),
        )
        if row is None:
            return None
        return UsedLink(int(row["notice_id"]), row["action"], _must(row["used_at"]), row["actor"])

    def claim_link(
        self,
        conn: sqlite3.Connection,
        signature: str,
        notice_id: int,
        action: str,
        actor: str,
        now: datetime,
    ) -> bool:
        """Mark a link used; False when it already was. Runs in the action's transaction, so a
        failed action leaves the link usable and two presses cannot both act."""
        cur = conn.execute(
            "INSERT INTO web_used_links (signature, notice_id, action, used_at, actor) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (signature) DO NOTHING",
            (signature, notice_id, action, to_db(now), actor),
        )
        return cur.rowcount == 1

    # --- what the console lists ---------------------------------------------------------------

    def notice_facets(self) -> dict[str, list[str]]:
        """The values each console filter can take, from what is stored."""
        out: dict[str, list[str]] = {}
        for column in FACETS:  # a fixed list of column names, never user input
            rows = self.rows(
                f"SELECT DISTINCT {column} AS v FROM notices WHERE {column} IS NOT NULL "
                "ORDER BY v"
            )
            out[column] = [str(r["v"]) for r in rows]
        return out

    def ledger(self, status: str, limit: int = 200) -> list[LedgerEmail]:
        """Mail that became no notice (ignored, old, ...), newest first."""
        rows = self.rows(
            "SELECT id, mailbox, folder, received_at, seen_at, sender, subject, status, reason "
            "FROM emails WHERE status = ? ORDER BY coalesce(received_at, seen_at) DESC, id DESC "
            "LIMIT ?",
            (status, limit),
        )
        return [LedgerEmail.from_row(r) for r in rows]

    def ledger_counts(self) -> dict[str, int]:
        rows = self.rows("SELECT status, count(*) AS n FROM emails GROUP BY status")
        return {str(r["status"]): int(r["n"]) for r in rows}


def _must(value: str | None) -> datetime:
    moment = from_db(value)
    assert moment is not None, "a NOT NULL timestamp column was empty"
    return moment
