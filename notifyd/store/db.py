"""The SQLite database: ledger, notices, outbox, deliveries and response log, behind one class."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from notifyd.core.clock import from_db, to_db
from notifyd.core.errors import NotFound, NotifydError
from notifyd.core.models import Classification
from notifyd.store.preflight import check_database

# Each entry is one schema version; never edit a shipped entry, append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE emails (
        id INTEGER PRIMARY KEY,
        location TEXT NOT NULL UNIQUE,      -- mailbox/folder/uidvalidity/uid, or mailbox/file key
        mailbox TEXT NOT NULL,
        folder TEXT NOT NULL,
        uidvalidity INTEGER,
        uid INTEGER,
        message_key TEXT NOT NULL,          -- Message-ID, or sha256 of the raw mail without one
        message_id TEXT,
        received_at TEXT,
        seen_at TEXT NOT NULL,
        sender TEXT,
        subject TEXT,
        size INTEGER,
        status TEXT NOT NULL,               -- notice|phishing|unrecognised|ignored|duplicate|old|failed|skipped
        reason TEXT
    );
    CREATE INDEX emails_folder ON emails (mailbox, folder, uidvalidity, uid);
    CREATE INDEX emails_key ON emails (message_key);

    CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        email_id INTEGER NOT NULL REFERENCES emails (id),
        message_key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,                 -- notice|phishing|unrecognised
        mailbox TEXT NOT NULL,
        message_id TEXT,
        subject TEXT,
        sender TEXT,
        received_at TEXT,
        is_notice INTEGER NOT NULL,
        category TEXT,
        issue_type TEXT,
        severity TEXT,
        deadline_at TEXT,
        marketplace TEXT,
        language TEXT,
        metrics TEXT NOT NULL DEFAULT '{}',
        skus TEXT NOT NULL DEFAULT '[]',
        order_ids TEXT NOT NULL DEFAULT '[]',
        suspected_phishing INTEGER NOT NULL DEFAULT 0,
        reasons TEXT NOT NULL DEFAULT '[]',
        excerpt TEXT,
        created_at TEXT NOT NULL,
        alerted_at TEXT,
        next_reminder_at TEXT,
        escalate_at TEXT,
        escalated_at TEXT,
        snoozed_until TEXT,
        acknowledged_at TEXT,
        acknowledged_by TEXT,
        resolved_at TEXT
    );
    CREATE INDEX notices_reminder ON notices (next_reminder_at);
    CREATE INDEX notices_escalate ON notices (escalate_at);

    CREATE TABLE notice_asins (
        notice_id INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
        asin TEXT NOT NULL,
        PRIMARY KEY (notice_id, asin)
    );
    CREATE INDEX notice_asins_asin ON notice_asins (asin);

    CREATE TABLE alerts (                   -- the outbox: one row per message per channel
        id INTEGER PRIMARY KEY,
        notice_id INTEGER REFERENCES notices (id),
        channel TEXT NOT NULL,
        purpose TEXT NOT NULL,              -- new|reminder|overdue|escalation|system|test
        title TEXT,                         -- set for alerts without a notice; notices render at send
        body TEXT,
        severity TEXT NOT NULL,
        created_at TEXT NOT NULL,
        due_at TEXT NOT NULL,               -- not before: quiet hours and retry backoff move it
        claimed_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        sent_at TEXT,
        failed_at TEXT,                     -- a permanent failure: no more retries
        last_error TEXT
    );
    CREATE INDEX alerts_due ON alerts (sent_at, failed_at, due_at);

    CREATE TABLE deliveries (               -- every attempt, with its error
        id INTEGER PRIMARY KEY,
        alert_id INTEGER NOT NULL REFERENCES alerts (id),
        notice_id INTEGER,
        channel TEXT NOT NULL,
        purpose TEXT NOT NULL,
        attempted_at TEXT NOT NULL,
        ok INTEGER NOT NULL,
        error TEXT
    );

    CREATE TABLE events (                   -- the response log
        id INTEGER PRIMARY KEY,
        notice_id INTEGER NOT NULL REFERENCES notices (id),
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        actor TEXT,
        text TEXT
    );
    CREATE INDEX events_notice ON events (notice_id, at);

    CREATE TABLE folders (                  -- where each poll left off
        mailbox TEXT NOT NULL,
        folder TEXT NOT NULL,
        uidvalidity INTEGER,
        uidnext INTEGER,
        messages INTEGER,
        PRIMARY KEY (mailbox, folder)
    );

    CREATE TABLE mailbox_health (
        mailbox TEXT PRIMARY KEY,
        last_poll_at TEXT,
        last_success_at TEXT,
        last_failure_at TEXT,
        failing_since TEXT,
        last_error TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE digests (
        period TEXT PRIMARY KEY,            -- the week it covers, e.g. 2026-W48
        claimed_at TEXT NOT NULL,
        sent_at TEXT
    );

    CREATE TABLE system_state (             -- self-monitoring conditions currently raised
        name TEXT PRIMARY KEY,
        raised_at TEXT NOT NULL,
        detail TEXT
    );
    """,
)

STATUSES = ("open", "acknowledged", "resolved", "all")


class StoreError(NotifydError):
    """The database file cannot be opened or is from a newer notifyd."""


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


def notice_status(row: dict[str, Any]) -> str:
    if row.get("resolved_at"):
        return "resolved"
    if row.get("acknowledged_at"):
        return "acknowledged"
    return "open"


class Store:
    """One connection to the notifyd database; every write goes through a short transaction."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            check_database(self.path)
            _create_private(self.path)
        try:
            # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE), never implicit.
            conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"database {path}: {exc}; check the path and permissions") from None
        self.db = sqlite_utils.Database(conn)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA foreign_keys = ON")
        if str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        self.migrate()

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return int(self.db.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        current = self.version
        if current > len(MIGRATIONS):
            raise StoreError(
                f"database {self.path} is schema version {current}, newer than this notifyd "
                f"understands ({len(MIGRATIONS)}); upgrade notifyd"
            )
        for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
            with self.transaction():
                for statement in _statements(script):
                    self.db.conn.execute(statement)
                self.db.conn.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the lock up front, so it waits rather than fails."""
        conn = self.db.conn
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.conn.execute(sql, params).fetchall()]

    def one(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        row = self.db.conn.execute(sql, params).fetchone()
        return dict(row) if row else None

    # --- the ledger -------------------------------------------------------------------------

    def folder_state(self, mailbox: str, folder: str) -> dict[str, Any] | None:
        return self.one("SELECT * FROM folders WHERE mailbox = ? AND folder = ?", (mailbox, folder))

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
        cur = self.db.conn.execute(
            "SELECT uid FROM emails WHERE mailbox = ? AND folder = ? AND uidvalidity = ? "
            "AND uid > ? AND uid <= ?",
            (mailbox, folder, uidvalidity, above, upto),
        )
        return {int(r[0]) for r in cur}

    def known_locations(self, locations: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(locations), 500):
            chunk = locations[start : start + 500]
            marks = ",".join("?" * len(chunk))
            cur = self.db.conn.execute(
                f"SELECT location FROM emails WHERE location IN ({marks})", chunk
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
        cur = conn.execute(
            "INSERT INTO emails (location, mailbox, folder, uidvalidity, uid, message_key, "
            "message_id, received_at, seen_at, sender, subject, size, status, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (location) DO NOTHING",
            (
                email.location,
                email.mailbox,
                email.folder,
                email.uidvalidity,
                email.uid,
                email.message_key,
                email.message_id,
                to_db(email.received_at),
                to_db(now),
                email.sender,
                email.subject,
                email.size,
                status,
                reason,
            ),
        )
        return cur.lastrowid if cur.rowcount else None

    def notice_for_key(self, message_key: str) -> dict[str, Any] | None:
        return self.one("SELECT * FROM notices WHERE message_key = ?", (message_key,))

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
            "excerpt, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?)",
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
            ),
        )
        notice_id = int(cur.lastrowid or 0)
        conn.executemany(
            "INSERT OR IGNORE INTO notice_asins (notice_id, asin) VALUES (?, ?)",
            [(notice_id, asin) for asin in result.asins],
        )
        self.add_event(conn, notice_id, "received", None, f"from {email.sender}", now)
        return notice_id

    # --- notices ----------------------------------------------------------------------------

    def notice(self, notice_id: int) -> dict[str, Any]:
        # SQLite integers are 64-bit; a larger number is no ID and must not end in a traceback.
        in_range = -(2**63) <= notice_id < 2**63
        row = self.one("SELECT * FROM notices WHERE id = ?", (notice_id,)) if in_range else None
        if row is None:
            raise NotFound(f"no notice with ID {notice_id}; `notifyd notices` lists them")
        return self._decode(row)

    def notices(
        self,
        status: str = "open",
        category: str | None = None,
        severity: str | None = None,
        asin: str | None = None,
        since: datetime | None = None,
    ) -> list[dict[str, Any]]:
        where, params = [], []
        if status == "open":
            where.append("acknowledged_at IS NULL AND resolved_at IS NULL")
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
        return [self._decode(r) for r in self.rows(sql, params)]

    def _decode(self, row: dict[str, Any]) -> dict[str, Any]:
        out = dict(row)
        for key in ("metrics", "skus", "order_ids", "reasons"):
            out[key] = json.loads(out[key] or ("{}" if key == "metrics" else "[]"))
        out["suspected_phishing"] = bool(out["suspected_phishing"])
        out["is_notice"] = bool(out["is_notice"])
        out["asins"] = [
            r[0]
            for r in self.db.conn.execute(
                "SELECT asin FROM notice_asins WHERE notice_id = ? ORDER BY asin", (row["id"],)
            )
        ]
        out["status"] = notice_status(out)
        return out

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

    def events(self, notice_id: int) -> list[dict[str, Any]]:
        return self.rows("SELECT * FROM events WHERE notice_id = ? ORDER BY at, id", (notice_id,))

    def deliveries(self, notice_id: int | None = None) -> list[dict[str, Any]]:
        if notice_id is None:
            return self.rows("SELECT * FROM deliveries ORDER BY id")
        return self.rows("SELECT * FROM deliveries WHERE notice_id = ? ORDER BY id", (notice_id,))

    # --- the outbox -------------------------------------------------------------------------

    def enqueue_alert(
        self,
        conn: sqlite3.Connection,
        channel: str,
        purpose: str,
        severity: str,
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

    def due_alerts(self, now: datetime, limit: int = 200) -> list[dict[str, Any]]:
        return self.rows(
            "SELECT * FROM alerts WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= ? "
            "ORDER BY due_at, id LIMIT ?",
            (to_db(now), limit),
        )

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

    def release_claims(self) -> int:
        """Unclaim every unsent alert; only for a daemon starting up, when no sender is alive."""
        with self.transaction() as conn:
            return conn.execute(
                "UPDATE alerts SET claimed_at = NULL WHERE claimed_at IS NOT NULL "
                "AND sent_at IS NULL AND failed_at IS NULL"
            ).rowcount

    def finish_alert(
        self,
        alert: dict[str, Any],
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
                    alert["id"],
                    alert["notice_id"],
                    alert["channel"],
                    alert["purpose"],
                    to_db(now),
                    int(ok),
                    error,
                ),
            )
            if ok:
                conn.execute(
                    "UPDATE alerts SET sent_at = ?, attempts = attempts + 1, claimed_at = NULL "
                    "WHERE id = ?",
                    (to_db(now), alert["id"]),
                )
                if alert["notice_id"] is not None and alert["purpose"] == "new":
                    conn.execute(
                        "UPDATE notices SET alerted_at = coalesce(alerted_at, ?) WHERE id = ?",
                        (to_db(now), alert["notice_id"]),
                    )
            elif retry_at is None:
                conn.execute(
                    "UPDATE alerts SET failed_at = ?, attempts = attempts + 1, last_error = ?, "
                    "claimed_at = NULL WHERE id = ?",
                    (to_db(now), error, alert["id"]),
                )
            else:
                conn.execute(
                    "UPDATE alerts SET due_at = ?, attempts = attempts + 1, last_error = ?, "
                    "claimed_at = NULL WHERE id = ?",
                    (to_db(retry_at), error, alert["id"]),
                )

    def outbox_depth(self) -> int:
        row = self.db.conn.execute(
            "SELECT count(*) FROM alerts WHERE sent_at IS NULL AND failed_at IS NULL"
        ).fetchone()
        return int(row[0])

    def timestamp(self, value: str | None) -> datetime | None:
        return from_db(value)

    # --- the running daemon's own report (helper C, issue 13) ---------------------------------

    def save_daemon_report(self, report: dict[str, Any], now: datetime) -> None:
        """What the running daemon says about itself (parts, descriptors), for `status`."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO system_state (name, raised_at, detail) VALUES ('mark:daemon', ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET raised_at = excluded.raised_at, "
                "detail = excluded.detail",
                (to_db(now), json.dumps(report)),
            )

    def due_alerts_most_severe_first(
        self, now: datetime, limit: int = 200
    ) -> list[dict[str, Any]]:
        """Due alerts, critical first, then by due time: after an outage the backlog leads
        with what matters most."""
        return self.rows(
            "SELECT * FROM alerts WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= ? "
            "ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 "
            "WHEN 'medium' THEN 2 ELSE 3 END, due_at, id LIMIT ?",
            (to_db(now), limit),
        )

    def alerts_retrying(self) -> int:
        """Undelivered alerts whose last attempt failed: a channel in trouble, not a busy one."""
        row = self.db.conn.execute(
            "SELECT count(*) FROM alerts WHERE sent_at IS NULL AND failed_at IS NULL "
            "AND attempts > 0"
        ).fetchone()
        return int(row[0])

    def daemon_report(self) -> tuple[datetime, dict[str, Any]] | None:
        row = self.one("SELECT raised_at, detail FROM system_state WHERE name = 'mark:daemon'")
        at = from_db(row["raised_at"]) if row else None
        if row is None or at is None:
            return None
        return at, dict(json.loads(row["detail"] or "{}"))


def _statements(script: str) -> list[str]:
    """Split a migration into statements; executescript would commit our transaction."""
    out, buf = [], []
    for line in script.splitlines():
        code = line.split("--", 1)[0]
        buf.append(code)
        if code.rstrip().endswith(";"):
            statement = "\n".join(buf).strip()
            if statement.strip(";").strip():
                out.append(statement)
            buf = []
    return out


def _create_private(path: Path) -> None:
    """Create the database file readable by its owner only, before SQLite opens it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Never open and close an existing database file: closing any descriptor of a file drops
    # every POSIX lock the process holds on it, those of other threads' SQLite connections too.
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    except FileExistsError:
        fd = -1
    except OSError as exc:
        raise StoreError(
            f"database {path}: {exc.strerror}; check that its folder is writable"
        ) from None
    if fd >= 0:
        os.close(fd)
    # An existing file keeps its mode on open; notifyd's data is the seller's business alone.
    os.chmod(path, 0o600)
