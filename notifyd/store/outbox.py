"""The outbox: alerts waiting to be sent, their claims, and every delivery attempt."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from notifyd.core.clock import to_db
from notifyd.core.vocab import AlertPurpose, Severity
from notifyd.store.connection import Database
from notifyd.store.rows import Alert, Delivery


class Outbox(Database):
    """The alerts and deliveries tables: one alert per message per channel, one delivery per try."""

    def enqueue_alert(
        self,
        conn: sqlite3.Connection,
        channel: str,
        purpose: AlertPurpose,
        severity: Severity,
        now: datetime,
        due_at: datetime | None = None,
        notice_id: int | None = None,
        title: str | None = None,
        body: str | None = None,
    ) -> int:
        cur = conn.execute(
            "INSERT INTO alerts (notice_id, channel, purpose, title, body, severity, created_at, "
            "due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (notice_id, channel, purpose, title, body, severity, to_db(now), to_db(due_at or now)),
        )
        return int(cur.lastrowid or 0)

    def due_alerts(self, now: datetime, limit: int = 200) -> list[Alert]:
        """Due alerts, critical first, then by due time: after an outage the backlog leads
        with what matters most, and each severity keeps its order."""
        rows = self.rows(
            "SELECT * FROM alerts WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= ? "
            "ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 "
            "WHEN 'medium' THEN 2 ELSE 3 END, due_at, id LIMIT ?",
            (to_db(now), limit),
        )
        return [Alert.from_row(r) for r in rows]

    def alerts_retrying(self) -> int:
        """Undelivered alerts whose last attempt failed: a channel in trouble, not a busy one."""
        row = self.one(
            "SELECT count(*) AS n FROM alerts WHERE sent_at IS NULL AND failed_at IS NULL "
            "AND attempts > 0"
        )
        return int(row["n"]) if row else 0

    def claim_alert(self, alert_id: int, now: datetime, lease: timedelta) -> bool:
        """Take one due alert for sending; False when another process holds it."""
        # A claim older than the lease belongs to a sender that died; it may be taken over.
        with self.transaction() as conn:
            cur = conn.execute(
                "UPDATE alerts SET claimed_at = ? WHERE id = ? AND sent_at IS NULL "
                "AND failed_at IS NULL AND (claimed_at IS NULL OR claimed_at < ?)",
                (to_db(now), alert_id, to_db(now - lease)),
            )
            return cur.rowcount == 1

    def unclaim_alert(self, alert_id: int) -> None:
        """Give a claim back without an attempt: the alert was not tried this round."""
        with self.transaction() as conn:
            conn.execute("UPDATE alerts SET claimed_at = NULL WHERE id = ?", (alert_id,))

    def release_claims(self) -> int:
        """Unclaim every unsent alert; only for a daemon starting up, when no sender is alive."""
        with self.transaction() as conn:
            return conn.execute(
                "UPDATE alerts SET claimed_at = NULL WHERE claimed_at IS NOT NULL "
                "AND sent_at IS NULL AND failed_at IS NULL"
            ).rowcount

    def finish_alert(
        self,
        alert: Alert,
        now: datetime,
        ok: bool,
        error: str | None,
        retry_at: datetime | None,
    ) -> None:
        """Record one attempt; mark the alert sent, due again at retry_at, or failed for good."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO deliveries (alert_id, notice_id, channel, purpose, attempted_at, ok, "
                "error) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    alert.id,
                    alert.notice_id,
                    alert.channel,
                    alert.purpose.value,
                    to_db(now),
                    int(ok),
                    error,
                ),
            )
            if ok:
                conn.execute(
                    "UPDATE alerts SET sent_at = ?, attempts = attempts + 1, claimed_at = NULL "
                    "WHERE id = ?",
                    (to_db(now), alert.id),
                )
                if alert.notice_id is not None and alert.purpose is AlertPurpose.NEW:
                    conn.execute(
                        "UPDATE notices SET alerted_at = coalesce(alerted_at, ?) WHERE id = ?",
                        (to_db(now), alert.notice_id),
                    )
            elif retry_at is None:
                conn.execute(
                    "UPDATE alerts SET failed_at = ?, attempts = attempts + 1, last_error = ?, "
                    "claimed_at = NULL WHERE id = ?",
                    (to_db(now), error, alert.id),
                )
            else:
                conn.execute(
                    "UPDATE alerts SET due_at = ?, attempts = attempts + 1, last_error = ?, "
                    "claimed_at = NULL WHERE id = ?",
                    (to_db(retry_at), error, alert.id),
                )

    def give_up_unsent(self, purpose: AlertPurpose, now: datetime) -> int:
        """Mark every unsent alert of this purpose failed, so it is never retried."""
        with self.transaction() as conn:
            return conn.execute(
                "UPDATE alerts SET failed_at = ? WHERE purpose = ? AND sent_at IS NULL",
                (to_db(now), purpose.value),
            ).rowcount

    def outbox_depth(self) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM alerts WHERE sent_at IS NULL AND failed_at IS NULL"
        ).fetchone()
        return int(row[0])

    def deliveries(self, notice_id: int | None = None) -> list[Delivery]:
        if notice_id is None:
            rows = self.rows("SELECT * FROM deliveries ORDER BY id")
        else:
            rows = self.rows(
                "SELECT * FROM deliveries WHERE notice_id = ? ORDER BY id", (notice_id,)
            )
        return [Delivery.from_row(r) for r in rows]

    def last_delivery(self, purpose: AlertPurpose, channel: str) -> Delivery | None:
        """The latest attempt of an alert of this purpose on this channel."""
        row = self.one(
            "SELECT d.* FROM deliveries d JOIN alerts a ON a.id = d.alert_id "
            "WHERE a.purpose = ? AND a.channel = ? ORDER BY d.id DESC LIMIT 1",
            (purpose.value, channel),
        )
        return None if row is None else Delivery.from_row(row)
