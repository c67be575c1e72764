"""Stand-ins for the parts a unit test must not start: a stored notice row and an IMAP mailbox."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from notifyd.core.errors import MailboxError
from notifyd.deliver.notify import Outcome
from notifyd.deliver.render import Message
from notifyd.ingest.headers import Header, header_from_bytes
from notifyd.ingest.imap import FolderStatus
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


_JSON_COLUMNS = (
    "metrics", "skus", "order_ids", "reasons", "requested", "documents", "respond_via", "case_ids",
)


def stored_notice(fields: dict[str, Any]) -> Notice:
    """A Notice as the store decodes it from a notices row; `fields` are column values, with
    lists and dicts for the JSON columns and `asins` as a list."""
    row = dict(_ROW)
    for key, value in fields.items():
        row[key] = json.dumps(value) if key in _JSON_COLUMNS else value
    asins = list(row.pop("asins", []) or [])
    return Notice.from_row(row, asins)


class RecordingSender:
    """A channel that always accepts: what the outbox sent, in order, without any server."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, Message]] = []

    def __call__(self, url: str, message: Message) -> Outcome:
        self.sent.append((url, message))
        return Outcome(ok=True)


class FakeMailbox:
    """The ImapMailbox methods poll_imap and poll_mailbox use, over messages held in memory.

    UIDs are given out in order per folder, as a server does; `renumber()` plays a server that
    rebuilt its index (a new UIDVALIDITY, every message under a new UID). `calls` records each
    command with its folder and UIDs, so a test can say what was (not) downloaded.
    """

    def __init__(self, uidvalidity: int = 1000, folders: tuple[str, ...] = ("INBOX",)) -> None:
        self.uidvalidity = uidvalidity
        self.folders: dict[str, dict[int, bytes]] = {name: {} for name in folders}
        self.uidnext: dict[str, int] = dict.fromkeys(folders, 1)
        self.client: object | None = None
        self.calls: list[tuple[str, str, tuple[int, ...]]] = []
        self.refused: dict[int, str] = {}  # bodies a server sent far larger than listed: none here

    def deliver(self, raw: bytes, folder: str = "INBOX") -> int:
        uid = self.uidnext[folder]
        self.folders[folder][uid] = raw
        self.uidnext[folder] = uid + 1
        return uid

    def renumber(self, uidvalidity: int) -> None:
        self.uidvalidity = uidvalidity
        for name, messages in self.folders.items():
            self.folders[name] = {i: raw for i, raw in enumerate(messages.values(), start=1)}
            self.uidnext[name] = len(messages) + 1

    def downloaded(self, what: str) -> list[int]:
        """Every UID a command of this kind ("headers", "bodies") fetched, in order."""
        return [uid for kind, _, uids in self.calls if kind == what for uid in uids]

    # --- the ImapMailbox interface ---------------------------------------------------------------

    def connect(self, now: datetime) -> None:
        self.client = object()

    def close(self) -> None:
        self.client = None

    def _folder(self, folder: str) -> dict[int, bytes]:
        if folder not in self.folders:
            raise MailboxError(f"folder {folder!r} does not exist; folders: {sorted(self.folders)}")
        return self.folders[folder]

    def select(self, folder: str) -> None:
        self._folder(folder)
        self.calls.append(("select", folder, ()))

    def status(self, folder: str) -> FolderStatus:
        messages = self._folder(folder)
        self.calls.append(("status", folder, ()))
        return FolderStatus(self.uidvalidity, self.uidnext[folder], len(messages))

    def uids_between(self, folder: str, low: int, high: int) -> list[int]:
        self.calls.append(("uids", folder, (low, high)))
        return sorted(uid for uid in self._folder(folder) if low <= uid <= high)

    def headers(self, folder: str, uids: Sequence[int], ahead: Sequence[int] = ()) -> list[Header]:
        messages = self._folder(folder)
        self.calls.append(("headers", folder, tuple(uids)))
        out = []
        for uid in uids:
            raw = messages[uid]
            head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
            out.append(header_from_bytes(uid, len(raw), head))
        return out

    def bodies(
        self, folder: str, uids: Sequence[int], sizes: Sequence[int] | None = None
    ) -> dict[int, bytes]:
        messages = self._folder(folder)
        self.calls.append(("bodies", folder, tuple(uids)))
        return {uid: messages[uid] for uid in uids}

    def post_actions(self, folder: str, uids: Sequence[int]) -> None:
        self.calls.append(("post", folder, tuple(uids)))
