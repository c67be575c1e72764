"""notifyd watching itself: mailbox health bookkeeping and the alerts it raises about itself."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from notifyd import alert
from notifyd.auth import TokenSource
from notifyd.clock import from_db, to_db
from notifyd.settings import MailboxConfig, Settings, parse_weekly
from notifyd.store import Store

log = logging.getLogger(__name__)

# Access tokens live as long as the process, so a token is refreshed only when it expires.
_TOKENS: dict[str, TokenSource] = {}


def token_source(box: MailboxConfig) -> TokenSource | None:
    if box.auth != "oauth2":
        return None
    source = _TOKENS.get(box.name)
    if source is None or source.config != box:
        source = _TOKENS[box.name] = TokenSource(box)
    return source


def record_poll(store: Store, mailbox: str, error: str | None, now: datetime) -> None:
    """Remember the outcome of one poll; the first failure of a streak is logged loudly, once."""
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT consecutive_failures FROM mailbox_health WHERE mailbox = ?", (mailbox,)
        ).fetchone()
        if row is None:
            conn.execute("INSERT INTO mailbox_health (mailbox) VALUES (?)", (mailbox,))
        if error is None:
            conn.execute(
                "UPDATE mailbox_health SET last_poll_at = ?, last_success_at = ?, "
                "failing_since = NULL, consecutive_failures = 0 WHERE mailbox = ?",
                (to_db(now), to_db(now), mailbox),
            )
            return
        conn.execute(
            "UPDATE mailbox_health SET last_poll_at = ?, last_failure_at = ?, last_error = ?, "
            "failing_since = coalesce(failing_since, ?), "
            "consecutive_failures = consecutive_failures + 1 WHERE mailbox = ?",
            (to_db(now), to_db(now), error, to_db(now), mailbox),
        )
    if row is None or int(row[0]) == 0:
        log.error("%s", error)
    else:
        log.debug("%s (failure %d in a row)", error, int(row[0]) + 1)


def health(store: Store) -> dict[str, dict[str, Any]]:
    return {r["mailbox"]: r for r in store.rows("SELECT * FROM mailbox_health")}


def conditions(store: Store, settings: Settings, now: datetime) -> dict[str, str]:
    """Every problem notifyd has with itself right now: name -> one line describing it."""
    found: dict[str, str] = {}
    rows = health(store)
    cfg = settings.monitor
    for box in settings.mailbox:
        row = rows.get(box.name)
        failing = from_db(row["failing_since"]) if row else None
        if failing is not None and now - failing >= cfg.mailbox_failing_after:
            found[f"mailbox:{box.name}:failing"] = (
                f"mailbox {box.name} failing since {to_db(failing)}: {row['last_error'] if row else ''}"
            )
        last_ok = from_db(row["last_success_at"]) if row else None
        # IDLE mailboxes still poll at least every poll_interval, so the same rule applies.
        if last_ok is not None and now - last_ok > box.poll_interval * cfg.missed_polls + (
            cfg.mailbox_failing_after
        ):
            found.setdefault(
                f"mailbox:{box.name}:stale",
                f"mailbox {box.name}: no successful poll since {to_db(last_ok)}",
            )
    depth = store.outbox_depth()
    if depth >= cfg.outbox_backlog:
        found["outbox"] = f"{depth} alerts waiting in the outbox; a channel may be down"
    return found


def check(store: Store, settings: Settings, now: datetime) -> list[str]:
    """Raise an alert for each new condition and a recovery notice for each cleared one."""
    current = conditions(store, settings, now)
    raised = {r["name"]: r for r in store.rows("SELECT * FROM system_state")}
    channels = [
        c
        for c in settings.channel
        if not settings.monitor.channels or c.name in settings.monitor.channels
    ]
    said = []
    for name, detail in current.items():
        if name in raised:
            continue
        with store.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO system_state (name, raised_at, detail) VALUES (?, ?, ?)",
                (name, to_db(now), detail),
            )
        alert.enqueue_plain(
            store, settings, "notifyd problem", detail, "high", "system", now, channels
        )
        said.append(detail)
    for name, row in raised.items():
        if name in current:
            continue
        store.db.conn.execute("DELETE FROM system_state WHERE name = ?", (name,))
        text = f"recovered: {row['detail']}"
        alert.enqueue_plain(
            store, settings, "notifyd recovered", text, "low", "system", now, channels
        )
        said.append(text)
    return said


def next_weekly(schedule: str, tz: tzinfo, now: datetime) -> datetime:
    """The next time a weekly schedule like 'mon 08:00' (local wall time in tz) comes round."""
    weekday, at = parse_weekly(schedule)
    local = now.astimezone(tz)
    days = (weekday - local.weekday()) % 7
    candidate = datetime.combine(local.date() + timedelta(days=days), at, tzinfo=tz)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=days + 7), at, tzinfo=tz)
    return candidate.astimezone(UTC)


def status_report(store: Store, settings: Settings, now: datetime) -> dict[str, Any]:
    """What `notifyd status` shows; `healthy` is False when any mailbox is failing or stale."""
    rows = health(store)
    problems = conditions(store, settings, now)
    mailboxes = []
    for box in settings.mailbox:
        row = rows.get(box.name) or {}
        failing = int(row.get("consecutive_failures") or 0) > 0
        stale = f"mailbox:{box.name}:stale" in problems
        mailboxes.append({
            "name": box.name,
            "healthy": not failing and not stale,
            "last_success_at": row.get("last_success_at"),
            "last_failure_at": row.get("last_failure_at"),
            "last_error": row.get("last_error") if failing else None,
            "failing_since": row.get("failing_since"),
            "consecutive_failures": int(row.get("consecutive_failures") or 0),
        })
    reminders = store.rows(
        "SELECT id, next_reminder_at FROM notices WHERE next_reminder_at IS NOT NULL "
        "AND acknowledged_at IS NULL AND resolved_at IS NULL ORDER BY next_reminder_at LIMIT 5"
    )
    open_count = store.one(
        "SELECT count(*) AS n FROM notices WHERE acknowledged_at IS NULL AND resolved_at IS NULL"
    )
    report = {
        "healthy": all(m["healthy"] for m in mailboxes) and "outbox" not in problems,
        "mailboxes": mailboxes,
        "outbox_depth": store.outbox_depth(),
        "open_notices": int(open_count["n"]) if open_count else 0,
        "next_reminders": [{"notice_id": r["id"], "at": r["next_reminder_at"]} for r in reminders],
        "next_digest_at": to_db(next_weekly(settings.digest.schedule, settings.tz, now))
        if settings.digest.url else None,
        "problems": sorted(problems.values()),
    }
    return report
