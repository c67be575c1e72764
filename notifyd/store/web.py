"""The console's tables: users, sessions and used action links, and the queries the pages need."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from notifyd.core.clock import to_db

if TYPE_CHECKING:
    from notifyd.store.db import Store

# Appended to notifyd.store.db.MIGRATIONS: one schema version.

LEDGER_STATUSES = ("ignored", "old", "duplicate", "failed", "skipped")


# --- users and sessions ---------------------------------------------------------------------


def set_user(store: Store, name: str, password_hash: str, now: datetime) -> bool:
    """Add a user or replace their password (ending their sessions); True when new."""
    with store.transaction() as conn:
        existed = conn.execute("SELECT 1 FROM web_users WHERE name = ?", (name,)).fetchone()
        conn.execute(
            "INSERT INTO web_users (name, password_hash, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash",
            (name, password_hash, to_db(now)),
        )
        conn.execute("DELETE FROM web_sessions WHERE username = ?", (name,))
    return existed is None


def remove_user(store: Store, name: str) -> bool:
    with store.transaction() as conn:
        conn.execute("DELETE FROM web_sessions WHERE username = ?", (name,))
        return conn.execute("DELETE FROM web_users WHERE name = ?", (name,)).rowcount == 1


def password_hash(store: Store, name: str) -> str | None:
    row = store.one("SELECT password_hash FROM web_users WHERE name = ?", (name,))
    return str(row["password_hash"]) if row else None


def replace_hash(store: Store, name: str, new_hash: str) -> None:
    """After argon2's parameters were raised: the same password, hashed the new way."""
    with store.transaction() as conn:
        conn.execute("UPDATE web_users SET password_hash = ? WHERE name = ?", (new_hash, name))


def start_session(
    store: Store, token_hash: str, username: str, csrf: str, now: datetime, expires_at: datetime
) -> None:
    with store.transaction() as conn:
        conn.execute("DELETE FROM web_sessions WHERE expires_at <= ?", (to_db(now),))
        conn.execute(
            "INSERT INTO web_sessions (token_hash, username, csrf, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (token_hash, username, csrf, to_db(now), to_db(expires_at)),
        )


def session(store: Store, token_hash: str, now: datetime) -> dict[str, Any] | None:
    return store.one(
        "SELECT username, csrf FROM web_sessions WHERE token_hash = ? AND expires_at > ?",
        (token_hash, to_db(now)),
    )


def end_session(store: Store, token_hash: str) -> None:
    with store.transaction() as conn:
        conn.execute("DELETE FROM web_sessions WHERE token_hash = ?", (token_hash,))


# --- action links ---------------------------------------------------------------------------


def link_use(store: Store, signature: str) -> dict[str, Any] | None:
    return store.one("SELECT * FROM web_used_links WHERE signature = ?", (signature,))


def claim_link(
    store: Store, signature: str, notice_id: int, action: str, actor: str, now: datetime
) -> bool:
    """Mark a link used; False when it already was. Call inside the action's transaction, so a
    failed action leaves the link usable and two presses cannot both act."""
    return (
        store.db.conn.execute(
            "INSERT INTO web_used_links (signature, notice_id, action, used_at, actor) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (signature) DO NOTHING",
            (signature, notice_id, action, to_db(now), actor),
        ).rowcount
        == 1
    )


# --- what the console lists -----------------------------------------------------------------


def set_next_reminder(store: Store, notice_id: int, at: datetime | None) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE notices SET next_reminder_at = ? WHERE id = ?", (to_db(at), notice_id)
        )


def facets(store: Store) -> dict[str, list[str]]:
    """The values each console filter can take, from what is stored."""
    out: dict[str, list[str]] = {}
    for column in ("mailbox", "marketplace", "category"):
        rows = store.rows(
            f"SELECT DISTINCT {column} AS v FROM notices WHERE {column} IS NOT NULL ORDER BY v"
        )
        out[column] = [str(r["v"]) for r in rows]
    return out


def ledger(store: Store, status: str, limit: int = 200) -> list[dict[str, Any]]:
    """Mail that became no notice (ignored, old, ...), newest first."""
    return store.rows(
        "SELECT id, mailbox, folder, received_at, seen_at, sender, subject, status, reason "
        "FROM emails WHERE status = ? ORDER BY coalesce(received_at, seen_at) DESC, id DESC "
        "LIMIT ?",
        (status, limit),
    )


def ledger_counts(store: Store) -> dict[str, int]:
    rows = store.rows("SELECT status, count(*) AS n FROM emails GROUP BY status")
    return {str(r["status"]): int(r["n"]) for r in rows}
