"""The digests table: which weekly periods were sent, and who is sending one right now."""

from __future__ import annotations

from datetime import datetime, timedelta

from notifyd.core.clock import to_db
from notifyd.store.connection import Database


class Digests(Database):
    """One row per period ("2026-W48", or with a per-account digest "2026-W48 Northwind EU",
    so no schema change was needed); a row without sent_at is a claim by a process that is
    sending."""

    def digest_sent(self, period: str) -> bool:
        row = self.one("SELECT sent_at FROM digests WHERE period = ?", (period,))
        return row is not None and row["sent_at"] is not None

    def claim_digest(self, period: str, now: datetime, lease: timedelta) -> bool:
        """Take the period for sending; False when it is sent or another process holds a claim
        younger than the lease (a failed send holds its claim one lease, as a retry delay)."""
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO digests (period, claimed_at) VALUES (?, ?) ON CONFLICT (period) DO "
                "UPDATE SET claimed_at = excluded.claimed_at "
                "WHERE digests.sent_at IS NULL AND digests.claimed_at <= ?",
                (period, to_db(now), to_db(now - lease)),
            )
            return cur.rowcount == 1

    def finish_digest(self, period: str, now: datetime) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE digests SET sent_at = ? WHERE period = ?", (to_db(now), period))

    def mark_digest_sent(self, period: str, now: datetime) -> None:
        """Record a period as sent by someone other than the tick (`digest --send`)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO digests (period, claimed_at, sent_at) VALUES (?, ?, ?) "
                "ON CONFLICT (period) DO UPDATE SET sent_at = excluded.sent_at "
                "WHERE digests.sent_at IS NULL",
                (period, to_db(now), to_db(now)),
            )
