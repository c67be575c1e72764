"""The stored rows that travel beyond the store, as frozen values; only the store builds them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from notifyd.core.clock import from_db, to_db
from notifyd.core.vocab import (
    AlertPurpose,
    Category,
    IssueType,
    NoticeKind,
    NoticeStatus,
    Severity,
)


def _at(value: Any) -> datetime | None:
    return from_db(value) if value else None


def _when(value: Any) -> datetime:
    moment = from_db(value)
    assert moment is not None, "a NOT NULL timestamp column was empty"
    return moment


@dataclass(frozen=True)
class Notice:
    """One stored notice (or phishing or unrecognised mail) with its ASINs; times are UTC."""

    id: int
    email_id: int
    message_key: str
    kind: NoticeKind
    mailbox: str
    message_id: str | None
    subject: str | None
    sender: str | None
    received_at: datetime | None  # the Date header; None when it was missing or garbage
    is_notice: bool
    category: Category | None
    issue_type: IssueType | None
    severity: Severity | None
    deadline_at: datetime | None
    marketplace: str | None
    language: str | None
    metrics: dict[str, float] = field(hash=False)
    skus: tuple[str, ...]
    order_ids: tuple[str, ...]
    suspected_phishing: bool
    reasons: tuple[str, ...]
    excerpt: str | None
    created_at: datetime  # when notifyd first stored it
    alerted_at: datetime | None
    next_reminder_at: datetime | None
    escalate_at: datetime | None
    escalated_at: datetime | None
    snoozed_until: datetime | None
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    resolved_at: datetime | None
    asins: tuple[str, ...]
    # What Amazon asks (issue 12): request kinds, documents, and where to answer; the rows
    # stored before schema 3 read as asking nothing known.
    requested: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    respond_via: dict[str, str | None] | None = field(default=None, hash=False)
    case_ids: tuple[str, ...] = ()  # Amazon's case, complaint or notification IDs in the text
    last_followup: str | None = None  # kind of Amazon's newest follow-up on this notice

    @property
    def status(self) -> NoticeStatus:
        if self.resolved_at is not None:
            return NoticeStatus.RESOLVED
        if self.acknowledged_at is not None:
            return NoticeStatus.ACKNOWLEDGED
        return NoticeStatus.OPEN

    @property
    def is_phishing(self) -> bool:
        return self.kind is NoticeKind.PHISHING

    @property
    def sent_at(self) -> datetime:
        """When Amazon sent it; notifyd's own first sight when the Date header was missing."""
        return self.received_at or self.created_at

    @classmethod
    def from_row(cls, row: dict[str, Any], asins: list[str]) -> Notice:
        return cls(
            id=int(row["id"]),
            email_id=int(row["email_id"]),
            message_key=row["message_key"],
            kind=NoticeKind(row["kind"]),
            mailbox=row["mailbox"],
            message_id=row["message_id"],
            subject=row["subject"],
            sender=row["sender"],
            received_at=_at(row["received_at"]),
            is_notice=bool(row["is_notice"]),
            category=Category(row["category"]) if row["category"] else None,
            issue_type=IssueType(row["issue_type"]) if row["issue_type"] else None,
            severity=Severity(row["severity"]) if row["severity"] else None,
            deadline_at=_at(row["deadline_at"]),
            marketplace=row["marketplace"],
            language=row["language"],
            metrics=json.loads(row["metrics"] or "{}"),
            skus=tuple(json.loads(row["skus"] or "[]")),
            order_ids=tuple(json.loads(row["order_ids"] or "[]")),
            suspected_phishing=bool(row["suspected_phishing"]),
            reasons=tuple(json.loads(row["reasons"] or "[]")),
            excerpt=row["excerpt"],
            created_at=_when(row["created_at"]),
            alerted_at=_at(row["alerted_at"]),
            next_reminder_at=_at(row["next_reminder_at"]),
            escalate_at=_at(row["escalate_at"]),
            escalated_at=_at(row["escalated_at"]),
            snoozed_until=_at(row["snoozed_until"]),
            acknowledged_at=_at(row["acknowledged_at"]),
            acknowledged_by=row["acknowledged_by"],
            resolved_at=_at(row["resolved_at"]),
            asins=tuple(asins),
            requested=tuple(json.loads(row.get("requested") or "[]")),
            documents=tuple(json.loads(row.get("documents") or "[]")),
            respond_via=json.loads(row["respond_via"]) if row.get("respond_via") else None,
            case_ids=tuple(json.loads(row.get("case_ids") or "[]")),
            last_followup=row.get("last_followup"),
        )

    def to_json(self) -> dict[str, Any]:
        """Every field as JSON-ready values, times as the database's UTC text, plus status:
        the shape `show --json` and `export --format json` have always printed."""
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, datetime):
                value = to_db(value)
            elif isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, dict):
                value = dict(value)
            elif isinstance(value, NoticeKind | Category | IssueType | Severity):
                value = value.value
            out[name] = value
        out["status"] = self.status.value
        return out


@dataclass(frozen=True)
class Followup:
    """One later mail from Amazon attached to the notice it answers (issue 12 item 5)."""

    id: int
    notice_id: int
    email_id: int
    message_id: str | None
    kind: str  # appeal_denied, more_information, appeal_received, reinstated
    matched_by: str  # thread, case_id, subject_match
    subject: str | None
    received_at: datetime | None
    deadline_at: datetime | None
    excerpt: str | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Followup:
        return cls(
            id=int(row["id"]),
            notice_id=int(row["notice_id"]),
            email_id=int(row["email_id"]),
            message_id=row["message_id"],
            kind=row["kind"],
            matched_by=row["matched_by"],
            subject=row["subject"],
            received_at=_at(row["received_at"]),
            deadline_at=_at(row["deadline_at"]),
            excerpt=row["excerpt"],
            created_at=_when(row["created_at"]),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "notice_id": self.notice_id,
            "message_id": self.message_id,
            "kind": self.kind,
            "matched_by": self.matched_by,
            "subject": self.subject,
            "received_at": to_db(self.received_at),
            "deadline_at": to_db(self.deadline_at),
            "created_at": to_db(self.created_at),
        }


@dataclass(frozen=True)
class FolderState:
    """Where the last complete poll of one IMAP folder left off."""

    uidvalidity: int
    uidnext: int
    messages: int


@dataclass(frozen=True)
class MailboxHealth:
    """How one mailbox's polls have been going."""

    mailbox: str
    last_poll_at: datetime | None
    last_success_at: datetime | None
    last_failure_at: datetime | None
    failing_since: datetime | None  # the start of the current streak of failures
    last_error: str | None  # of the last failure, current or past
    consecutive_failures: int

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> MailboxHealth:
        return cls(
            row["mailbox"],
            _at(row["last_poll_at"]),
            _at(row["last_success_at"]),
            _at(row["last_failure_at"]),
            _at(row["failing_since"]),
            row["last_error"],
            int(row["consecutive_failures"] or 0),
        )


@dataclass(frozen=True)
class AsinMention:
    """One ASIN named by one notice, for spotting ASINs named again and again."""

    asin: str
    notice_id: int
    issue_type: IssueType | None
    sent_at: datetime


@dataclass(frozen=True)
class Event:
    """One entry of a notice's response log."""

    id: int
    notice_id: int
    at: datetime
    kind: str  # received, acknowledged, resolved, reopened, note, action, snoozed, a purpose...
    actor: str | None
    text: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Event:
        return cls(
            int(row["id"]),
            int(row["notice_id"]),
            _when(row["at"]),
            row["kind"],
            row["actor"],
            row["text"],
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "notice_id": self.notice_id,
            "at": to_db(self.at),
            "kind": self.kind,
            "actor": self.actor,
            "text": self.text,
        }


@dataclass(frozen=True)
class Delivery:
    """One attempt to send one alert."""

    id: int
    alert_id: int
    notice_id: int | None
    channel: str
    purpose: AlertPurpose
    attempted_at: datetime
    ok: bool
    error: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Delivery:
        return cls(
            int(row["id"]),
            int(row["alert_id"]),
            None if row["notice_id"] is None else int(row["notice_id"]),
            row["channel"],
            AlertPurpose(row["purpose"]),
            _when(row["attempted_at"]),
            bool(row["ok"]),
            row["error"],
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "alert_id": self.alert_id,
            "notice_id": self.notice_id,
            "channel": self.channel,
            "purpose": self.purpose.value,
            "attempted_at": to_db(self.attempted_at),
            "ok": int(self.ok),
            "error": self.error,
        }


@dataclass(frozen=True)
class Alert:
    """One message for one channel in the outbox."""

    id: int
    notice_id: int | None  # None for system and test alerts, which carry title and body
    channel: str
    purpose: AlertPurpose
    title: str | None
    body: str | None
    severity: Severity
    created_at: datetime
    due_at: datetime
    attempts: int

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Alert:
        return cls(
            id=int(row["id"]),
            notice_id=None if row["notice_id"] is None else int(row["notice_id"]),
            channel=row["channel"],
            purpose=AlertPurpose(row["purpose"]),
            title=row["title"],
            body=row["body"],
            severity=Severity(row["severity"]),
            created_at=_when(row["created_at"]),
            due_at=_when(row["due_at"]),
            attempts=int(row["attempts"]),
        )
