"""Stand-ins for the parts a unit test must not start: a stored notice row and an IMAP mailbox."""

from __future__ import annotations

import json
from typing import Any

from notifyd.deliver.notify import Outcome
from notifyd.deliver.render import Message
from notifyd.store.rows import Notice

_ROW: dict[str, Any] = {
    "id": 1, "email_id": 1, "message_key": "<fake@example.test>", "kind": "notice",
    "mailbox": "main", "message_id": "<fake@example.test>", "subject": None, "sender": None,
    "received_at": None, "is_notice": 1, "category": None, "issue_type": None, "severity": None,
    "deadline_at": None, "marketplace": None, "language": "en", "metrics": "{}", "skus": "[]",
    "order_ids": "[]", "suspected_phishing": 0, "reasons": "[]", "excerpt": None,
    "created_at": "2026-11-26T09:00:00Z", "alerted_at": None, "next_reminder_at": None,
    "escalate_at": None, "escalated_at": None, "snoozed_until": None, "acknowledged_at": None,
    "acknowledged_by": None, "resolved_at": None,
}


def stored_notice(fields: dict[str, Any]) -> Notice:
    """A Notice as the store decodes it from a notices row; `fields` are column values, with
    lists and dicts for the JSON columns and `asins` as a list."""
    row = dict(_ROW)
    for key, value in fields.items():
        row[key] = json.dumps(value) if key in ("metrics", "skus", "order_ids", "reasons") else value
    asins = list(row.pop("asins", []) or [])
    return Notice.from_row(row, asins)


class RecordingSender:
    """A channel that always accepts: what the outbox sent, in order, without any server."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, Message]] = []

    def __call__(self, url: str, message: Message) -> Outcome:
        self.sent.append((url, message))
        return Outcome(ok=True)
