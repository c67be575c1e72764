"""Deadline reminders, overdue repeats and escalation: when they fall due, and queueing them once."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta

from notifyd.core.accounts import routes
from notifyd.core.clock import to_db
from notifyd.core.models import Classification
from notifyd.core.settings import RemindersConfig, Settings
from notifyd.core.vocab import AlertPurpose, Severity
from notifyd.deliver import outbox as alert
from notifyd.store.db import Store


def next_reminder(
    deadline: datetime,
    before: Sequence[timedelta],
    overdue_every: timedelta,
    after: datetime,
) -> datetime:
    """The first reminder time strictly after `after`: an offset before the deadline, the deadline
    itself, or a repeat every `overdue_every` once it has passed."""
    ahead = sorted(deadline - offset for offset in before if deadline - offset > after)
    if ahead:
        return ahead[0]
    if deadline > after:
        return deadline
    periods = int((after - deadline) / overdue_every) + 1
    return deadline + periods * overdue_every


def following_reminder(
    deadline: datetime | None,
    first_seen_at: datetime,
    cfg: RemindersConfig,
    after: datetime,
) -> datetime | None:
    """The reminder after `after` for a notice: None without a deadline, and None for a notice
    whose deadline had already passed when notifyd first saw it (its one "arrived overdue" alert
    said it all) unless `repeat_arrived_overdue` is set; a months-old deadline repeated daily is
    noise, not a reminder."""
    if deadline is None:
        return None
    if deadline <= first_seen_at and not cfg.repeat_arrived_overdue:
        return None
    return next_reminder(deadline, cfg.before, cfg.overdue_every, after)


def reminder_purpose(deadline: datetime, now: datetime) -> AlertPurpose:
    return AlertPurpose.REMINDER if now < deadline else AlertPurpose.OVERDUE


def schedule_new(
    store: Store,
    conn: sqlite3.Connection,
    settings: Settings,
    notice_id: int,
    result: Classification,
    now: datetime,
) -> None:
    """First reminder and escalation times of a freshly stored notice (inside its transaction)."""
    cfg = settings.reminders
    reminder_at = None
    if result.is_notice:
        reminder_at = following_reminder(result.deadline_at, now, cfg, now)
    escalate_at = None
    if result.severity == "critical" and cfg.escalate_to and not result.suspected_phishing:
        escalate_at = now + cfg.escalate_after
    store.schedule(conn, notice_id, reminder_at, escalate_at)


def tick(store: Store, settings: Settings, now: datetime) -> int:
    """Queue every reminder and escalation that is due; returns how many notices were handled.

    Each notice is claimed with a conditional UPDATE in the same transaction that queues its
    alerts, so two ticks (or two processes) can never remind twice, and reminders missed while
    the daemon was down collapse into one.
    """
    handled = 0
    cfg = settings.reminders
    due = store.due_reminders(now)
    for notice in due:
        deadline = notice.deadline_at
        snoozed = notice.snoozed_until
        following = following_reminder(deadline, notice.created_at, cfg, now)
        if snoozed and following and following < snoozed:
            following = snoozed
        purpose = reminder_purpose(deadline, now) if deadline else AlertPurpose.REMINDER
        with store.transaction() as conn:
            if not store.claim_reminder(conn, notice, following):
                continue
            tags = alert.notice_tags(notice.kind, notice.issue_type, notice.marketplace, notice.mailbox)
            severity = alert.alert_severity(notice.kind, notice.severity)
            sent_to = alert.enqueue_for_notice(
                store, conn, settings, notice.id, purpose, severity, notice.category, tags, now
            )
            store.add_event(
                conn,
                notice.id,
                purpose,
                None,
                "sent to " + (", ".join(sent_to) or "no channel"),
                now,
            )
        handled += 1
    handled += _escalate(store, settings, now)
    return handled


def _escalate(store: Store, settings: Settings, now: datetime) -> int:
    targets = [c for c in settings.channel if c.name in settings.reminders.escalate_to]
    if not targets:
        return 0
    handled = 0
    due = store.due_escalations(now)
    for notice in due:
        tags = alert.notice_tags(notice.kind, notice.issue_type, notice.marketplace, notice.mailbox)
        severity = alert.alert_severity(notice.kind, notice.severity)
        # A channel that routing already gave this notice would get the same message again (the
        # same SMS twice); escalation is for the channels that have not heard of it.
        heard = {
            c.name
            for c in alert.route(targets, severity, notice.category, tags)
            if routes(c, notice.mailbox, settings)
        }
        fresh = [c for c in targets if c.name not in heard]
        with store.transaction() as conn:
            if not store.claim_escalation(conn, notice.id, now):
                continue
            # Escalation ignores routing floors: its channels were named for exactly this.
            for channel in fresh:
                store.enqueue_alert(
                    conn, channel.name, AlertPurpose.ESCALATION, Severity.CRITICAL, now, notice_id=notice.id
                )
            store.add_event(
                conn,
                notice.id,
                "escalated",
                None,
                "not acknowledged in time; sent to " + ", ".join(c.name for c in fresh)
                if fresh
                else "not acknowledged in time; every escalate_to channel already had the alert",
                now,
            )
        handled += 1
    return handled


def snooze(store: Store, notice_id: int, until: datetime, actor: str, now: datetime) -> None:
    store.notice(notice_id)  # NotFound for a bad ID
    with store.transaction() as conn:
        store.snooze(conn, notice_id, until)
        store.add_event(conn, notice_id, "snoozed", actor, f"until {to_db(until)}", now)
