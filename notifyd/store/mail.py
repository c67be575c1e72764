"""The mail ledger: every email seen, where each folder's poll left off, and each mailbox's health."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from notifyd.core.clock import from_db, to_db
from notifyd.store.connection import Database, marks
from notifyd.store.rows import FolderState, MailboxHealth


@dataclass(frozen=True)
class EmailRecord:
    """Where an email was seen and what its headers say, for the ledger."""

    mailbox: str
    folder: str
    location: str
    message_key: str
    uidvalidity: int | None = None
    uid: int | None = None
    message_id: str | None = None
    received_at: datetime | None = None
    sender: str | None = None
    subject: str | None = None
    size: int | None = None


class MailLedger(Database):
    """The emails and folders tables, and mailbox_health."""

    def folder_state(self, mailbox: str, folder: str) -> FolderState | None:
        row = self.one(
            "SELECT uidvalidity, uidnext, messages FROM folders WHERE mailbox = ? AND folder = ?",
            (mailbox, folder),
        )
        if row is None:
            return None
        return FolderState(int(row["uidvalidity"]), int(row["uidnext"] or 1), int(row["messages"] or 0))

    def save_folder_state(
        self, mailbox: str, folder: str, uidvalidity: int, uidnext: int, messages: int
    ) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO folders (mailbox, folder, uidvalidity, uidnext, messages) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (mailbox, folder) DO UPDATE SET "
                "uidvalidity = excluded.uidvalidity, uidnext = excluded.uidnext, "
                "messages = excluded.messages",
                (mailbox, folder, uidvalidity, uidnext, messages),
            )

    def known_uids(
        self, mailbox: str, folder: str, uidvalidity: int, above: int = 0, upto: int = 2**63 - 1
    ) -> set[int]:
        cur = self.conn.execute(
            "SELECT uid FROM emails WHERE mailbox = ? AND folder = ? AND uidvalidity = ? "
            "AND uid > ? AND uid <= ?",
            (mailbox, folder, uidvalidity, above, upto),
        )
        return {int(r[0]) for r in cur}

    def known_locations(self, locations: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(locations), 500):
            chunk = locations[start : start + 500]
            cur = self.conn.execute(
                f"SELECT location FROM emails WHERE location IN ({marks(chunk)})", chunk
            )
            found.update(r[0] for r in cur)
        return found

    def record_email(
        self,
        conn: sqlite3.Connection,
        email: EmailRecord,
        status: str,
        reason: str | None,
        now: datetime,
    ) -> int | None:
        """Insert one ledger row; None when this location was already recorded."""
        cur = conn.execute(_INSERT_EMAIL, _email_row(email, status, reason, to_db(now)))
        return cur.lastrowid if cur.rowcount else None

    def record_emails(
        self,
        conn: sqlite3.Connection,
        emails: Iterable[tuple[EmailRecord, str, str | None]],
        now: datetime,
    ) -> None:
        """Insert many ledger rows (email, status, reason) at once: a first sync records most
        of a folder this way, from its headers alone."""
        seen_at = to_db(now)
        conn.executemany(
            _INSERT_EMAIL, [_email_row(e, status, reason, seen_at) for e, status, reason in emails]
        )

    def email(self, email_id: int) -> dict[str, Any] | None:
        """The ledger row of one email, as an appeal dossier shows it."""
        return self.one(
            "SELECT mailbox, folder, location, message_id, received_at, seen_at, sender, subject, "
            "size, status FROM emails WHERE id = ?",
            (email_id,),
        )

    def newest_email_id(self, conn: sqlite3.Connection) -> int:
        return int(conn.execute("SELECT coalesce(max(id), 0) FROM emails").fetchone()[0])

    def failed_emails(
        self, conn: sqlite3.Connection, after_id: int, upto_id: int
    ) -> list[dict[str, Any]]:
        """Mail fetched as a possible notice that could not be read, in (after_id, upto_id]."""
        return [
            dict(r)
            for r in conn.execute(
                "SELECT id, mailbox, sender, subject, reason FROM emails WHERE status = 'failed' "
                "AND mailbox != 'import' AND id > ? AND id <= ? ORDER BY id",
                (after_id, upto_id),
            )
        ]

    # --- mailbox health -------------------------------------------------------------------------

    def record_poll(self, mailbox: str, error: str | None, now: datetime) -> int:
        """Remember the outcome of one poll; returns the failures in a row before this one."""
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT consecutive_failures FROM mailbox_health WHERE mailbox = ?", (mailbox,)
            ).fetchone()
            if row is None:
                conn.execute("INSERT INTO mailbox_health (mailbox) VALUES (?)", (mailbox,))
            if error is None:
                conn.execute(
                    "UPDATE mailbox_health SET last_poll_at = ?, last_success_at = ?, "
                    "failing_since = NULL, consecutive_failures = 0 WHERE mailbox = ?",
                    (to_db(now), to_db(now), mailbox),
                )
            else:
                conn.execute(
                    "UPDATE mailbox_health SET last_poll_at = ?, last_failure_at = ?, "
                    "last_error = ?, failing_since = coalesce(failing_since, ?), "
                    "consecutive_failures = consecutive_failures + 1 WHERE mailbox = ?",
                    (to_db(now), to_db(now), error, to_db(now), mailbox),
                )
        return 0 if row is None else int(row[0])

    def mailbox_health(self) -> dict[str, MailboxHealth]:
        rows = self.rows("SELECT * FROM mailbox_health")
        return {r["mailbox"]: MailboxHealth.from_row(r) for r in rows}

    def failing_mailboxes(self) -> list[str]:
        return [
            r["mailbox"]
            for r in self.rows("SELECT mailbox FROM mailbox_health WHERE consecutive_failures > 0")
        ]

    def record_arrival(
        self,
        conn: sqlite3.Connection,
        notice_id: int,
        arrived_at: datetime,
        date_header_at: datetime | None,
    ) -> None:
        """When the notice's email reached the server (or was imported), and what its Date
        header claimed: a notice shows both, since either may be the one a seller trusts."""
        conn.execute(
            "UPDATE notices SET arrived_at = ?, date_header_at = ? WHERE id = ?",
            (to_db(arrived_at), to_db(date_header_at), notice_id),
        )

    def arrival(self, notice_id: int) -> tuple[datetime | None, datetime | None]:
        """(arrived_at, date_header_at) of a notice; both None for one stored before schema 4."""
        row = self.one(
            "SELECT arrived_at, date_header_at FROM notices WHERE id = ?", (notice_id,)
        )
        if row is None:
            return None, None
        return from_db(row["arrived_at"]), from_db(row["date_header_at"])


_INSERT_EMAIL = (
    "INSERT INTO emails (location, mailbox, folder, uidvalidity, uid, message_key, "
    "message_id, received_at, seen_at, sender, subject, size, status, reason) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (location) DO NOTHING"
)


def _email_row(
    email: EmailRecord, status: str, reason: str | None, seen_at: str | None
) -> tuple[object, ...]:
    return (
        email.location,
        email.mailbox,
        email.folder,
        email.uidvalidity,
        email.uid,
        email.message_key,
        email.message_id,
        to_db(email.received_at),
        seen_at,
        email.sender,
        email.subject,
        email.size,
        status,
        reason,
    )
