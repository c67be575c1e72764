"""The seller's response log: acknowledge, resolve, reopen, notes and corrective actions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from notifyd.core.clock import to_db
from notifyd.core.errors import NotifydError
from notifyd.store.db import Store


class StateError(NotifydError):
    """The notice is not in a state that allows this action."""


def acknowledge(store: Store, notice_id: int, actor: str, now: datetime) -> dict[str, Any]:
    notice = store.notice(notice_id)
    if notice["resolved_at"]:
        raise StateError(
            f"notice {notice_id} is already resolved; `notifyd reopen {notice_id}` first"
        )
    with store.transaction() as conn:
        # Acknowledging stops reminders and escalation; the deadline itself stays on record.
        conn.execute(
            "UPDATE notices SET acknowledged_at = coalesce(acknowledged_at, ?), "
            "acknowledged_by = coalesce(acknowledged_by, ?), next_reminder_at = NULL "
            "WHERE id = ?",
            (to_db(now), actor, notice_id),
        )
        store.add_event(conn, notice_id, "acknowledged", actor, None, now)
    return store.notice(notice_id)


def resolve(
    store: Store, notice_id: int, actor: str, note: str | None, now: datetime
) -> dict[str, Any]:
    store.notice(notice_id)
    with store.transaction() as conn:
        conn.execute(
            "UPDATE notices SET resolved_at = coalesce(resolved_at, ?), "
            "acknowledged_at = coalesce(acknowledged_at, ?), "
            "acknowledged_by = coalesce(acknowledged_by, ?), next_reminder_at = NULL "
            "WHERE id = ?",
            (to_db(now), to_db(now), actor, notice_id),
        )
        store.add_event(conn, notice_id, "resolved", actor, note, now)
    return store.notice(notice_id)


def reopen(store: Store, notice_id: int, actor: str, now: datetime) -> dict[str, Any]:
    store.notice(notice_id)
    with store.transaction() as conn:
        conn.execute(
            "UPDATE notices SET resolved_at = NULL, acknowledged_at = NULL, "
            "acknowledged_by = NULL WHERE id = ?",
            (notice_id,),
        )
        store.add_event(conn, notice_id, "reopened", actor, None, now)
    return store.notice(notice_id)


def add_entry(
    store: Store, notice_id: int, kind: str, actor: str, text: str, now: datetime
) -> dict[str, Any]:
    """A note or a corrective action in the response log."""
    if not text.strip():
        raise StateError(f"an empty {kind} says nothing; give the text to record")
    store.notice(notice_id)
    with store.transaction() as conn:
        store.add_event(conn, notice_id, kind, actor, text.strip(), now)
    return store.notice(notice_id)
