"""Follow-ups: Amazon's later mail stored on the notice it answers, and the notices it may answer."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from notifyd.core.clock import to_db
from notifyd.store.connection import marks
from notifyd.store.mail import EmailRecord
from notifyd.store.notices import Notices
from notifyd.store.rows import Followup, Notice


@dataclass(frozen=True)
class CandidateQuery:
    """Which notices a follow-up could answer: those its thread or one of its case IDs names (at
    any age), and those sent between `since` and `until` that share its marketplace (or name
    none) and its issue type, an issue type of `category`, or one of its ASINs."""

    mailbox: str
    thread_ids: tuple[str, ...]
    case_ids: tuple[str, ...]
    since: datetime
    until: datetime
    marketplace: str | None
    issue_types: tuple[str, ...]
    category: str | None
    asins: tuple[str, ...]


class Followups(Notices):
    """The followups table, and the reads that find the notice a follow-up belongs to."""

    def followup_candidates(self, query: CandidateQuery) -> list[Notice]:
        """Real notices a follow-up may answer (a superset: seller/followups.py decides), oldest
        first. Narrow in SQL, because a first sync of a large mailbox reads every reply against
        every notice stored so far: decoding them all was 140 bytes per message at its peak."""
        q = query
        return self._decode(
            self.rows(
                "SELECT * FROM notices WHERE kind = 'notice' AND mailbox = ? AND ("
                f"message_id IN ({marks(q.thread_ids)}) OR "
                "EXISTS (SELECT 1 FROM json_each(notices.case_ids) "
                f"WHERE value IN ({marks(q.case_ids)})) "
                "OR (coalesce(received_at, created_at) BETWEEN ? AND ? AND "
                "(? IS NULL OR marketplace IS NULL OR marketplace = ?) AND ("
                f"issue_type IN ({marks(q.issue_types)}) OR category = ? OR id IN "
                f"(SELECT notice_id FROM notice_asins WHERE asin IN ({marks(q.asins)}))))) "
                "ORDER BY coalesce(received_at, created_at), id",
                [
                    q.mailbox,
                    *q.thread_ids,
                    *q.case_ids,
                    to_db(q.since),
                    to_db(q.until),
                    q.marketplace,
                    q.marketplace,
                    *q.issue_types,
                    q.category,
                    *q.asins,
                ],
            )
        )

    def unresolved_account_notices(
        self, mailbox: str, issue_types: Iterable[str], category: str, marketplace: str | None,
        until: datetime,
    ) -> list[Notice]:
        """Real notices of `mailbox` not yet resolved (acknowledged or not) whose issue type is
        one of `issue_types` or whose category is `category`, of `marketplace` (or of none),
        sent by `until`; oldest first."""
        types = list(issue_types)
        return self._decode(
            self.rows(
                "SELECT * FROM notices WHERE kind = 'notice' AND mailbox = ? AND "
                f"resolved_at IS NULL AND (issue_type IN ({marks(types)}) OR category = ?) AND "
                "(? IS NULL OR marketplace IS NULL OR marketplace = ?) AND "
                "coalesce(received_at, created_at) <= ? ORDER BY id",
                [mailbox, *types, category, marketplace, marketplace, to_db(until)],
            )
        )

    def followup_id_for_key(self, message_key: str) -> int | None:
        row = self.one("SELECT id FROM followups WHERE message_key = ?", (message_key,))
        return None if row is None else int(row["id"])

    def insert_followup(
        self,
        conn: sqlite3.Connection,
        notice_id: int,
        email_id: int,
        email: EmailRecord,
        kind: str,
        matched_by: str,
        deadline_at: datetime | None,
        excerpt: str,
        now: datetime,
    ) -> int:
        cur = conn.execute(
            "INSERT INTO followups (notice_id, email_id, message_key, message_id, kind, "
            "matched_by, subject, received_at, deadline_at, excerpt, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                notice_id,
                email_id,
                email.message_key,
                email.message_id,
                kind,
                matched_by,
                email.subject,
                to_db(email.received_at),
                to_db(deadline_at),
                excerpt,
                to_db(now),
            ),
        )
        return int(cur.lastrowid or 0)

    def followups(self, notice_id: int) -> list[Followup]:
        rows = self.rows(
            "SELECT * FROM followups WHERE notice_id = ? ORDER BY coalesce(received_at, "
            "created_at), id",
            (notice_id,),
        )
        return [Followup.from_row(r) for r in rows]

    def latest_followup(self, notice_id: int) -> Followup | None:
        found = self.followups(notice_id)
        return found[-1] if found else None

    def note_followup(
        self, conn: sqlite3.Connection, notice_id: int, kind: str, deadline_at: datetime | None
    ) -> None:
        """The newest follow-up's kind on its notice, and the deadline it sets, if any."""
        conn.execute(
            "UPDATE notices SET last_followup = ?, deadline_at = coalesce(?, deadline_at) "
            "WHERE id = ?",
            (kind, to_db(deadline_at), notice_id),
        )

    def add_case_ids(self, conn: sqlite3.Connection, notice: Notice, ids: tuple[str, ...]) -> None:
        """Remember the IDs a follow-up named, so the next one finds this notice by them."""
        merged = sorted(set(notice.case_ids) | set(ids))
        if merged != sorted(notice.case_ids):
            conn.execute(
                "UPDATE notices SET case_ids = ? WHERE id = ?", (json.dumps(merged), notice.id)
            )
