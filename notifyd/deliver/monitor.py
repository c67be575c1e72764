"""notifyd watching itself: mailbox health bookkeeping and the alerts it raises about itself."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from notifyd.core.clock import to_db
from notifyd.core.settings import MailboxConfig, Settings, parse_weekly
from notifyd.core.vocab import AlertPurpose, Severity
from notifyd.deliver import outbox as alert
from notifyd.ingest.oauth import TokenSource
from notifyd.store.db import Store
from notifyd.store.rows import MailboxHealth

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
    before = store.record_poll(mailbox, error, now)
    if error is None:
        return
    if before == 0:
        log.error("%s", error)
    else:
        log.debug("%s (failure %d in a row)", error, before + 1)


def health(store: Store) -> dict[str, MailboxHealth]:
    return store.mailbox_health()


def conditions(
    store: Store, settings: Settings, now: datetime, started_at: datetime | None = None
) -> dict[str, str]:
    """Every problem notifyd has with itself right now: name -> one line describing it.

    `started_at` (the daemon's start) keeps a restart after downtime from calling every
    mailbox stale before it had its intervals to succeed in; `status` passes none.
    """
    found: dict[str, str] = {}
    rows = health(store)
    cfg = settings.monitor
    for box in settings.mailbox:
        row = rows.get(box.name)
        failing = row.failing_since if row else None
        if row is not None and failing is not None:
            # A failing mailbox is reported as failing, after its grace time, and not also as
            # stale: stale is for polls that stopped happening, not polls that fail.
            if now - failing >= cfg.mailbox_failing_after:
                found[f"mailbox:{box.name}:failing"] = (
                    f"mailbox {box.name} failing since {to_db(failing)}: {row.last_error}"
                )
            continue
        window = box.poll_interval * cfg.missed_polls
        if started_at is not None and now - started_at <= window:
            continue
        last_ok = row.last_success_at if row else None
        if last_ok is None and started_at is not None:
            found[f"mailbox:{box.name}:stale"] = (
                f"mailbox {box.name}: no successful poll since notifyd started at "
                f"{to_db(started_at)}"
            )
        elif last_ok is not None and now - last_ok > window:
            found[f"mailbox:{box.name}:stale"] = (
                f"mailbox {box.name}: no successful poll since {to_db(last_ok)} "
                f"({cfg.missed_polls} poll intervals)"
            )
    depth = store.outbox_depth()
    # A first sync queues many alerts at once and sends them within moments: a backlog is a
    # problem only while deliveries fail.
    if depth >= cfg.outbox_backlog and store.alerts_retrying():
        found["outbox"] = f"{depth} alerts waiting in the outbox; a channel may be down"
    return found


# system_state rows named so are bookmarks, not raised conditions.
_MARK = "mark:"
_UNREADABLE_MARK = _MARK + "unreadable"


def check(
    store: Store, settings: Settings, now: datetime, started_at: datetime | None = None
) -> list[str]:
    """Raise an alert for each new condition and a recovery notice for each cleared one."""
    current = conditions(store, settings, now, started_at)
    raised = {
        r["name"]: r
        for r in store.raised_conditions()
        if not str(r["name"]).startswith(_MARK)
    }
    channels = [
        c
        for c in settings.channel
        if not settings.monitor.channels or c.name in settings.monitor.channels
    ]
    boxes = {b.name for b in settings.mailbox}
    said = []
    for name, detail in current.items():
        if name in raised:
            continue
        # The row and its alert in one transaction: a condition another process raised first
        # is not raised (or alerted) again.
        with store.transaction() as conn:
            fresh = store.raise_condition(conn, name, detail, now)
            if fresh:
                alert.enqueue_plain(
                    store,
                    settings,
                    "notifyd problem",
                    detail,
                    Severity.HIGH,
                    AlertPurpose.SYSTEM,
                    now,
                    channels,
                )
        if fresh:
            log.warning("self-check: %s", detail)
            said.append(detail)
    for name, row in raised.items():
        if name in current:
            continue
        gone = name.startswith("mailbox:") and name.split(":")[1] not in boxes
        with store.transaction() as conn:
            cleared = store.clear_condition(conn, name)
            if cleared and not gone:
                text = f"recovered: {row['detail']}"
                alert.enqueue_plain(
                    store,
                    settings,
                    "notifyd recovered",
                    text,
                    Severity.LOW,
                    AlertPurpose.SYSTEM,
                    now,
                    channels,
                )
        if cleared and not gone:
            log.info("self-check: %s", text)
            said.append(text)
    said += _unreadable_mail(store, settings, now, channels)
    return said


def _unreadable_mail(
    store: Store, settings: Settings, now: datetime, channels: list[Any]
) -> list[str]:
    """One alert for mail fetched as a possible notice that could not be parsed or classified.

    Such mail (status 'failed') never becomes a notice, so without this nobody would hear of
    it; a bookmark in system_state remembers the last one told about.
    """
    with store.transaction() as conn:
        mark = store.bookmark(conn, _UNREADABLE_MARK)
        last = int(mark) if mark and mark.isdigit() else 0
        # The bookmark moves past every email looked at, so each tick reads only new rows.
        newest = store.newest_email_id(conn)
        if newest <= last:
            return []
        failed = store.failed_emails(conn, last, newest)
        store.set_bookmark(conn, _UNREADABLE_MARK, str(newest), now)
        if not failed:
            return []
        lines = [
            f'- {r["mailbox"]}: "{r["subject"] or "(no subject)"}" from '
            f"{r['sender'] or 'unknown sender'}: {r['reason'] or 'unreadable'}"
            for r in failed[:5]
        ]
        if len(failed) > 5:
            lines.append(f"- and {len(failed) - 5} more (`notifyd` logs name them)")
        text = (
            f"{len(failed)} email(s) could not be read, so notifyd cannot tell whether they "
            "are Amazon notices; please read them yourself:\n" + "\n".join(lines)
        )
        alert.enqueue_plain(
            store,
            settings,
            "notifyd could not read an email",
            text,
            Severity.MEDIUM,
            AlertPurpose.SYSTEM,
            now,
            channels,
        )
    log.warning("self-check: %d unreadable email(s) reported", len(failed))
    return [text]


def next_weekly(schedule: str, tz: tzinfo, now: datetime) -> datetime:
    """The next time a weekly schedule like 'mon 08:00' (local wall time in tz) comes round,
    strictly after `now`. A wall time the clocks skip (spring forward) is the moment the gap
    ends; one they repeat (fall back) is its first occurrence, so the digest goes once."""
    weekday, at = parse_weekly(schedule)
    today = now.astimezone(tz).date()
    days = (weekday - today.weekday()) % 7
    # fold=0 (the default) resolves both a skipped and a repeated wall time as above.
    candidate = datetime.combine(today + timedelta(days=days), at, tzinfo=tz).astimezone(UTC)
    # Compared in UTC: two datetimes sharing a tzinfo compare by wall time, which around a
    # fall-back change put the first 02:30 after a 02:15 that came an hour later.
    if candidate <= now.astimezone(UTC):
        candidate = datetime.combine(today + timedelta(days=days + 7), at, tzinfo=tz)
        candidate = candidate.astimezone(UTC)
    return candidate


def status_report(store: Store, settings: Settings, now: datetime) -> dict[str, Any]:
    """What `notifyd status` shows; `healthy` is False when any mailbox is failing or stale."""
    rows = health(store)
    problems = conditions(store, settings, now)
    mailboxes = []
    for box in settings.mailbox:
        row = rows.get(box.name)
        failures = row.consecutive_failures if row else 0
        failing = failures > 0
        stale = f"mailbox:{box.name}:stale" in problems
        state = "failing" if failing else "stale" if stale else "ok" if row else "not polled yet"
        mailboxes.append(
            {
                "name": box.name,
                "healthy": not failing and not stale,
                "state": state,
                "last_success_at": to_db(row.last_success_at) if row else None,
                "last_failure_at": to_db(row.last_failure_at) if row else None,
                # The error of the last failure, current or past (last_failure_at says when).
                "last_error": row.last_error if row else None,
                "failing_since": to_db(row.failing_since) if row else None,
                "consecutive_failures": failures,
            }
        )
    reminders = store.next_reminders(5)
    daemon = _daemon_report(store, now)
    report = {
        "healthy": all(m["healthy"] for m in mailboxes)
        and "outbox" not in problems
        and not daemon.get("problems"),
        "daemon": daemon,
        "mailboxes": mailboxes,
        "outbox_depth": store.outbox_depth(),
        "open_notices": store.open_count(),
        "next_reminders": [{"notice_id": i, "at": to_db(at)} for i, at in reminders],
        "next_digest_at": to_db(next_weekly(settings.digest.schedule, settings.tz, now))
        if settings.digest.url
        else None,
        "problems": sorted([*problems.values(), *daemon.get("problems", [])]),
    }
    return report


# The daemon refreshes its report every 30 s; one older than this is from a daemon that stopped.
DAEMON_REPORT_FRESH = timedelta(minutes=2)


def _daemon_report(store: Store, now: datetime) -> dict[str, Any]:
    """The running daemon's own report (dead parts, descriptors), if one is running."""
    found = store.daemon_report()
    if found is None or now - found[0] > DAEMON_REPORT_FRESH:
        return {}
    return found[1]
