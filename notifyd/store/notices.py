"""Notices and their response log: storing a classified email, reading it back, and every change."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from notifyd.core.clock import from_db, to_db
from notifyd.core.errors import NotFound
from notifyd.core.models import Classification
from notifyd.core.vocab import IssueType
from notifyd.store.connection import Database, marks
from notifyd.store.mail import EmailRecord
from notifyd.store.rows import AsinMention, Event, Notice

STATUSES = ("open", "acknowledged", "resolved", "all")  # what `notices --status` may ask for
# Phishing is mail that imitates Amazon: it says nothing about the seller's account.
_REAL = "kind != 'phishing'"
_UNRESOLVED = "acknowledged_at IS NULL AND resolved_at IS NULL"


class Notices(Database):
    """The notices, notice_asins and events tables."""

    def notice_id_for_key(self, message_key: str) -> int | None:
        """The notice already stored for this Message-ID (or raw-mail hash), if any."""
        row = self.one("SELECT id FROM notices WHERE message_key = ?", (message_key,))
        return None if row is None else int(row["id"])

    def insert_notice(
        self,
        conn: sqlite3.Connection,
        email_id: int,
        email: EmailRecord,
        kind: str,
        result: Classification,
        excerpt: str,
        now: datetime,
    ) -> int:
        cur = conn.execute(
            "INSERT INTO notices (email_id, message_key, kind, mailbox, message_id, subject, "
            "sender, received_at, is_notice, category, issue_type, severity, deadline_at, "
            "marketplace, language, metrics, skus, order_ids, suspected_phishing, reasons, "
            "excerpt, created_at, requested, documents, respond_via, case_ids) VALUES (?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                email_id,
                email.message_key,
                kind,
                email.mailbox,
                email.message_id,
                email.subject,
                email.sender,
                to_db(email.received_at),
                int(result.is_notice),
                result.category,
                result.issue_type,
                result.severity,
                to_db(result.deadline_at),
                result.marketplace,
                result.language,
                json.dumps(result.metrics),
                json.dumps(list(result.skus)),
                json.dumps(list(result.order_ids)),
                int(result.suspected_phishing),
                json.dumps(list(result.reasons)),
                excerpt,
                to_db(now),
                json.dumps(list(result.requested)),
                json.dumps(list(result.documents)),
                json.dumps(result.respond_via) if result.respond_via else None,
                json.dumps(list(result.case_ids)),
            ),
        )
        notice_id = int(cur.lastrowid or 0)
        conn.executemany(
            "INSERT OR IGNORE INTO notice_asins (notice_id, asin) VALUES (?, ?)",
            [(notice_id, asin) for asin in result.asins],
        )
        self.add_event(conn, notice_id, "received", None, f"from {email.sender}", now)
        return notice_id

    # --- reading ----------------------------------------------------------------------------

    def notice(self, notice_id: int) -> Notice:
        # SQLite integers are 64-bit; a larger number is no ID and must not end in a traceback.
        in_range = -(2**63) <= notice_id < 2**63
        row = self.one("SELECT * FROM notices WHERE id = ?", (notice_id,)) if in_range else None
        if row is None:
            raise NotFound(f"no notice with ID {notice_id}; `notifyd notices` lists them")
        return self._decode([row])[0]

    def notices(
        self,
        status: str = "open",
        category: str | None = None,
        severity: str | None = None,
        asin: str | None = None,
        since: datetime | None = None,
    ) -> list[Notice]:
        where, params = [], []
        if status == "open":
            where.append(_UNRESOLVED)
        elif status == "acknowledged":
            where.append("acknowledged_at IS NOT NULL AND resolved_at IS NULL")
        elif status == "resolved":
            where.append("resolved_at IS NOT NULL")
        if category:
            where.append("category = ?")
            params.append(category)
        if severity:
            where.append("severity = ?")
            params.append(severity)
        if asin:
            where.append("id IN (SELECT notice_id FROM notice_asins WHERE asin = ?)")
            params.append(asin.upper())
        if since:
            where.append("coalesce(received_at, created_at) >= ?")
            params.append(to_db(since) or "")
        sql = "SELECT * FROM notices"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        return self._decode(self.rows(sql, params))

    def notices_created(self, start: datetime, end: datetime) -> list[Notice]:
        """Notices notifyd first saw in [start, end), phishing included, by ID."""
        return self._decode(
            self.rows(
                "SELECT * FROM notices WHERE created_at >= ? AND created_at < ? ORDER BY id",
                (to_db(start), to_db(end)),
            )
        )

    def notices_resolved(self, start: datetime, end: datetime) -> list[Notice]:
        """Notices resolved in [start, end), in the order they were resolved."""
        return self._decode(
            self.rows(
                "SELECT * FROM notices WHERE resolved_at >= ? AND resolved_at < ? "
                "ORDER BY resolved_at, id",
                (to_db(start), to_db(end)),
            )
        )

    def real_notices(self, since: datetime, until: datetime) -> list[Notice]:
        """Notices (not phishing) Amazon sent in [since, until), oldest first."""
        return self._decode(
            self.rows(
                f"SELECT * FROM notices WHERE {_REAL} "
                "AND coalesce(received_at, created_at) >= ? "
                "AND coalesce(received_at, created_at) < ? "
                "ORDER BY coalesce(received_at, created_at), id",
                (to_db(since), to_db(until)),
            )
        )

    def notices_created_real(self, since: datetime, until: datetime) -> list[Notice]:
        """Notices (not phishing) notifyd first saw in [since, until)."""
        return self._decode(
            self.rows(
                f"SELECT * FROM notices WHERE {_REAL} AND created_at >= ? AND created_at < ? "
                "ORDER BY id",
                (to_db(since), to_db(until)),
            )
        )

    def asin_mentions(self, since: datetime, until: datetime) -> list[AsinMention]:
        """Each ASIN a real notice sent in [since, until) names; by ASIN, then oldest first."""
        rows = self.rows(
            "SELECT a.asin, n.id, n.issue_type, n.received_at, n.created_at FROM notice_asins a "
            f"JOIN notices n ON n.id = a.notice_id WHERE n.{_REAL} "
            "AND coalesce(n.received_at, n.created_at) >= ? "
            "AND coalesce(n.received_at, n.created_at) < ? "
            "ORDER BY a.asin, coalesce(n.received_at, n.created_at), n.id",
            (to_db(since), to_db(until)),
        )
        return [
            AsinMention(
                r["asin"],
                int(r["id"]),
                IssueType(r["issue_type"]) if r["issue_type"] else None,
                from_db(r["received_at"]) or from_db(r["created_at"]) or since,
            )
            for r in rows
        ]

    def marketplaces(self) -> list[str]:
        """Every marketplace a real notice came from, sorted."""
        return [
            r["marketplace"]
            for r in self.rows(
                f"SELECT DISTINCT marketplace FROM notices WHERE {_REAL} "
                "AND marketplace IS NOT NULL ORDER BY marketplace"
            )
        ]

    def open_count(self) -> int:
        row = self.one(f"SELECT count(*) AS n FROM notices WHERE {_UNRESOLVED}")
        return int(row["n"]) if row else 0

    def next_reminders(self, limit: int = 5) -> list[tuple[int, datetime]]:
        """(notice ID, when) of the unresolved notices to be reminded of soonest."""
        rows = self.rows(
            "SELECT id, next_reminder_at FROM notices WHERE next_reminder_at IS NOT NULL "
            f"AND {_UNRESOLVED} ORDER BY next_reminder_at LIMIT ?",
            (limit,),
        )
        return [(int(r["id"]), _must(r["next_reminder_at"])) for r in rows]

    def _decode(self, rows: list[dict[str, Any]]) -> list[Notice]:
        asins: dict[int, list[str]] = {int(r["id"]): [] for r in rows}
        ids = list(asins)
        # One query per 500 notices, not one per notice: stats and the digest read many.
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for r in self.conn.execute(
                f"SELECT notice_id, asin FROM notice_asins WHERE notice_id IN ({marks(chunk)}) "
                "ORDER BY asin",
                chunk,
            ):
                asins[int(r[0])].append(str(r[1]))
        return [Notice.from_row(row, asins[int(row["id"])]) for row in rows]

    # --- the response log -------------------------------------------------------------------

    def add_event(
        self,
        conn: sqlite3.Connection,
        notice_id: int,
        kind: str,
        actor: str | None,
        text: str | None,
        now: datetime,
    ) -> None:
        conn.execute(
            "INSERT INTO events (notice_id, at, kind, actor, text) VALUES (?, ?, ?, ?, ?)",
            (notice_id, to_db(now), kind, actor, text),
        )

    def events(self, notice_id: int) -> list[Event]:
        rows = self.rows("SELECT * FROM events WHERE notice_id = ? ORDER BY at, id", (notice_id,))
        return [Event.from_row(r) for r in rows]

    def acknowledge(
        self, conn: sqlite3.Connection, notice_id: int, actor: str, now: datetime
    ) -> None:
        # Acknowledging stops reminders and escalation; the deadline itself stays on record.
        conn.execute(
            "UPDATE notices SET acknowledged_at = coalesce(acknowledged_at, ?), "
            "acknowledged_by = coalesce(acknowledged_by, ?), next_reminder_at = NULL "
            "WHERE id = ?",
            (to_db(now), actor, notice_id),
        )

    def resolve(
        self, conn: sqlite3.Connection, notice_id: int, actor: str, now: datetime
    ) -> None:
        conn.execute(
            "UPDATE notices SET resolved_at = coalesce(resolved_at, ?), "
            "acknowledged_at = coalesce(acknowledged_at, ?), "
            "acknowledged_by = coalesce(acknowledged_by, ?), next_reminder_at = NULL "
            "WHERE id = ?",
            (to_db(now), to_db(now), actor, notice_id),
        )

    def reopen(
        self, conn: sqlite3.Connection, notice_id: int, next_reminder_at: datetime | None
    ) -> None:
        conn.execute(
            "UPDATE notices SET resolved_at = NULL, acknowledged_at = NULL, "
            "acknowledged_by = NULL WHERE id = ?",
            (notice_id,),
        )
        if next_reminder_at is not None:
            conn.execute(
                "UPDATE notices SET next_reminder_at = ? WHERE id = ?",
                (to_db(next_reminder_at), notice_id),
            )

    # --- reminders and escalation -------------------------------------------------------------

    def schedule(
        self,
        conn: sqlite3.Connection,
        notice_id: int,
        reminder_at: datetime | None,
        escalate_at: datetime | None,
    ) -> None:
        """First reminder and escalation times of a freshly stored notice."""
        conn.execute(
            "UPDATE notices SET next_reminder_at = ?, escalate_at = ? WHERE id = ?",
            (to_db(reminder_at), to_db(escalate_at), notice_id),
        )

    def due_reminders(self, now: datetime) -> list[Notice]:
        return self._decode(
            self.rows(
            f"SELECT * FROM notices WHERE next_reminder_at <= ? AND {_UNRESOLVED} "
                "ORDER BY next_reminder_at",
                (to_db(now),),
            )
        )

    def claim_reminder(
        self, conn: sqlite3.Connection, notice: Notice, following: datetime | None
    ) -> bool:
        """Move a due reminder on to `following`; False when another tick already moved it
        from the time this notice was read with."""
        return bool(
            conn.execute(
                "UPDATE notices SET next_reminder_at = ? WHERE id = ? AND next_reminder_at = ?",
                (to_db(following), notice.id, to_db(notice.next_reminder_at)),
            ).rowcount
        )

    def due_escalations(self, now: datetime) -> list[Notice]:
        return self._decode(
            self.rows(
                f"SELECT * FROM notices WHERE escalate_at <= ? AND escalated_at IS NULL AND "
                f"{_UNRESOLVED}",
                (to_db(now),),
            )
        )

    def claim_escalation(self, conn: sqlite3.Connection, notice_id: int, now: datetime) -> bool:
        return bool(
            conn.execute(
                "UPDATE notices SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL",
                (to_db(now), notice_id),
            ).rowcount
        )

    def snooze(self, conn: sqlite3.Connection, notice_id: int, until: datetime) -> None:
        conn.execute(
            "UPDATE notices SET snoozed_until = ?, next_reminder_at = ? WHERE id = ?",
            (to_db(until), to_db(until), notice_id),
        )


def _must(value: str | None) -> datetime:
    moment = from_db(value)
    assert moment is not None
    return moment
