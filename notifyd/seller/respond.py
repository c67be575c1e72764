"""The seller's response log: acknowledge, resolve, reopen, notes and corrective actions."""

from __future__ import annotations

from datetime import datetime

from notifyd.core.errors import StateError
from notifyd.core.settings import RemindersConfig
from notifyd.deliver.remind import following_reminder
from notifyd.store.db import Notice, Store


def acknowledge(store: Store, notice_id: int, actor: str, now: datetime) -> Notice:
    notice = store.notice(notice_id)
    if notice.resolved_at is not None:
        raise StateError(
            f"notice {notice_id} is already resolved; `notifyd reopen {notice_id}` first"
        )
    with store.transaction() as conn:
        store.acknowledge(conn, notice_id, actor, now)
        store.add_event(conn, notice_id, "acknowledged", actor, None, now)
    return store.notice(notice_id)


def resolve(
    store: Store, notice_id: int, actor: str, note: str | None, now: datetime
) -> Notice:
    store.notice(notice_id)
    with store.transaction() as conn:
        store.resolve(conn, notice_id, actor, now)
        store.add_event(conn, notice_id, "resolved", actor, note, now)
    return store.notice(notice_id)


def reopen(
    store: Store,
    notice_id: int,
    actor: str,
    now: datetime,
    *,
    reminders: RemindersConfig,
    at: datetime | None = None,
) -> Notice:
    """Open the notice again; a notice with a deadline is reminded of again from now on. `at`
    back-dates the log entry only: reminders missed in between are not sent after the fact."""
    notice = store.notice(notice_id)
    following = following_reminder(notice.deadline_at, notice.created_at, reminders, now)
    with store.transaction() as conn:
        store.reopen(conn, notice_id, following)
        store.add_event(conn, notice_id, "reopened", actor, None, at or now)
    return store.notice(notice_id)


def add_entry(
    store: Store, notice_id: int, kind: str, actor: str, text: str, now: datetime
) -> Notice:
    """A note or a corrective action in the response log."""
    if not text.strip():
        raise StateError(f"an empty {kind} says nothing; give the text to record")
    store.notice(notice_id)
    with store.transaction() as conn:
        store.add_event(conn, notice_id, kind, actor, text.strip(), now)
    return store.notice(notice_id)
