"""Decide which channels get which alert and when, queue it in the outbox, and drain the outbox."""

from __future__ import annotations

import logging
import queue
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from notifyd.core.accounts import account_line, routes
from notifyd.core.models import SEVERITY_RANK
from notifyd.core.redact import redact
from notifyd.core.settings import ChannelConfig, Settings
from notifyd.core.vocab import AlertPurpose, NoticeKind, Severity
from notifyd.deliver import mailthread
from notifyd.deliver.links import links_for
from notifyd.deliver.render import Message, email_alert, render_notice, render_plain
from notifyd.store.db import Alert, Store

log = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=10)
# Channels that are SMTP mail: their alerts are threaded HTML+text e-mails.
MAIL_SCHEMES = frozenset({"mailto", "mailtos"})
FIRST_RETRY = timedelta(seconds=30)
# The severity an alert of each kind is routed with; phishing warnings must be seen quickly.
KIND_SEVERITY = {NoticeKind.PHISHING: Severity.HIGH, NoticeKind.UNRECOGNISED: Severity.MEDIUM}

if TYPE_CHECKING:
    from notifyd.deliver import notify

    Sender = Callable[[str, Message], notify.Outcome]


def alert_severity(kind: str, severity: str | None) -> Severity:
    return KIND_SEVERITY.get(NoticeKind(kind)) or Severity(severity or Severity.LOW)


def channel_tags_match(channel: ChannelConfig, tags: set[str]) -> bool:
    return not channel.tags or bool(tags & set(channel.tags))


def route(
    channels: Sequence[ChannelConfig],
    severity: str,
    category: str | None,
    tags: set[str] | None = None,
) -> list[ChannelConfig]:
    """The channels whose floor, categories and tags admit an alert."""
    chosen = []
    for channel in channels:
        if SEVERITY_RANK[severity] < SEVERITY_RANK[channel.min_severity]:
            continue
        if channel.categories is not None and (category or "") not in channel.categories:
            continue
        if not channel_tags_match(channel, tags or set()):
            continue
        chosen.append(channel)
    return chosen


def notice_tags(
    kind: str, issue_type: str | None, marketplace: str | None, mailbox: str
) -> set[str]:
    """What a channel's `tags` can select on."""
    tags = {kind, f"mailbox:{mailbox}"}
    if issue_type:
        tags.add(issue_type)
    if marketplace:
        tags.add(marketplace)
    return tags


def quiet_until(channel: ChannelConfig, severity: str, now: datetime, tz: tzinfo) -> datetime:
    """When an alert may go out on this channel: now, or the end of its quiet hours."""
    window = channel.quiet
    if window is None or severity == "critical":
        return now
    start, end = window
    local = now.astimezone(tz)
    clock = local.time().replace(tzinfo=None)
    if start == end:
        return now
    overnight = start > end
    inside = (clock >= start or clock < end) if overnight else (start <= clock < end)
    if not inside:
        return now
    end_day = local.date()
    if overnight and clock >= start:
        end_day += timedelta(days=1)
    # Build the end in local wall time so DST shifts land on the configured clock time.
    end_local = datetime.combine(end_day, end, tzinfo=tz)
    return end_local.astimezone(now.tzinfo)


def _enqueue(
    store: Store,
    conn: sqlite3.Connection,
    settings: Settings,
    channels: Sequence[ChannelConfig],
    purpose: AlertPurpose,
    severity: Severity,
    now: datetime,
    **content: Any,
) -> None:
    """One outbox row per channel, each due when the channel's quiet hours allow."""
    for channel in channels:
        store.enqueue_alert(
            conn,
            channel.name,
            purpose,
            severity,
            now,
            due_at=quiet_until(channel, severity, now, settings.tz),
            **content,
        )


def enqueue_for_notice(
    store: Store,
    conn: sqlite3.Connection,
    settings: Settings,
    notice_id: int,
    purpose: AlertPurpose,
    severity: Severity,
    category: str | None,
    tags: set[str],
    now: datetime,
    channels: Sequence[ChannelConfig] | None = None,
) -> list[str]:
    """Queue one alert per admitting channel, in the caller's transaction; returns channel names."""
    chosen = route(channels if channels is not None else settings.channel, severity, category, tags)
    # The notice's mailbox travels in its tags ("mailbox:<name>"); a channel limited to some
    # accounts takes only their notices.
    mailbox = next((t.split(":", 1)[1] for t in tags if t.startswith("mailbox:")), None)
    chosen = [c for c in chosen if routes(c, mailbox, settings)]
    _enqueue(store, conn, settings, chosen, purpose, severity, now, notice_id=notice_id)
    return [c.name for c in chosen]


def enqueue_plain(
    store: Store,
    settings: Settings,
    title: str,
    body: str,
    severity: Severity,
    purpose: AlertPurpose,
    now: datetime,
    channels: Sequence[ChannelConfig] | None = None,
) -> list[str]:
    """Queue a notifyd-authored message (self-monitoring, test) on the given or admitting channels."""
    chosen = list(channels) if channels is not None else route(settings.channel, severity, None)
    with store.transaction() as conn:
        _enqueue(store, conn, settings, chosen, purpose, severity, now, title=title, body=body)
    return [c.name for c in chosen]


def _url(channel: ChannelConfig) -> str:
    return channel.url.get_secret_value() if channel.url is not None else ""


def retry_delay(attempts: int, cap: timedelta) -> timedelta:
    """Exponential backoff: 30 s, 1 min, 2 min, ... up to cap."""
    delay: timedelta = FIRST_RETRY * (2 ** min(max(attempts - 1, 0), 20))
    return min(delay, cap)


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: dict[str, str] = field(default_factory=dict)  # channel -> last error


def _message(
    store: Store, settings: Settings, alert: Alert, fmt: str, url: str, now: datetime
) -> Message:
    if alert.notice_id is None:
        return render_plain(alert.title or "", alert.body or "", alert.severity, fmt)
    notice = store.notice(int(alert.notice_id))
    links = links_for(settings, alert.channel, notice, now)  # none without [web] public_url
    line = account_line(notice.mailbox, settings)
    account = line[1] if line else None
    parts = urlsplit(url)
    if fmt == "html" and parts.scheme.lower() in MAIL_SCHEMES:
        thread = _thread(store, notice.id, notice.message_key, alert, parts.hostname or "")
        return email_alert(notice, alert.purpose, now, settings.tz, thread, account, links)
    return render_notice(notice, alert.purpose, fmt, now, settings.tz, links, account)


def _thread(
    store: Store, notice_id: int, message_key: str, alert: Alert, domain: str
) -> mailthread.Thread:
    """This alert's place in the notice's e-mail thread on its channel: a reply to the latest
    earlier alert that reached the channel (its Message-ID is derived, never stored)."""
    earlier = [
        d
        for d in store.deliveries(notice_id)
        if d.ok and d.channel == alert.channel and d.alert_id < alert.id
    ]
    previous = None
    if earlier:
        last = max(earlier, key=lambda d: d.alert_id)
        if last.purpose not in mailthread.FIRST_PURPOSES:
            previous = mailthread.thread_for(
                notice_id, message_key, last.alert_id, last.purpose, domain
            ).message_id
    return mailthread.thread_for(notice_id, message_key, alert.id, alert.purpose, domain, previous)


def _send_channel(
    url: str, batch: list[tuple[Alert, Message]], send: Sender
) -> Iterator[tuple[Alert, notify.Outcome | None]]:
    """Send one channel's alerts in order; after a transient failure leave the rest for later."""
    broken = False
    for alert, message in batch:
        if broken:
            yield alert, None
            continue
        outcome = send(url, message)
        yield alert, outcome
        broken = not outcome.ok and not outcome.permanent


def deliver_due(
    store: Store, settings: Settings, now: datetime, send: Sender | None = None
) -> DeliveryReport:
    """Claim every due alert, send each channel's share in its own thread, record every attempt."""
    # Imported here: apprise takes a third of a second to import, and most commands never send.
    from notifyd.deliver import notify

    send = send or notify.send
    report = DeliveryReport()
    channels = {c.name: c for c in settings.channel}
    batches: dict[str, list[tuple[Alert, Message]]] = {}
    for alert in store.due_alerts(now):
        channel = channels.get(alert.channel)
        if channel is None:
            store.finish_alert(alert, now, False, "channel no longer configured", None)
            report.failed += 1
            continue
        if not store.claim_alert(alert.id, now, CLAIM_LEASE):
            continue
        url = _url(channel)
        fmt = channel.format or notify.channel_format(url)
        batches.setdefault(channel.name, []).append(
            (alert, _message(store, settings, alert, fmt, url, now))
        )
    if not batches:
        return report
    # One thread per channel: a channel that hangs until its timeout delays only itself.
    # Each outcome is recorded as soon as its send returns, so a crash can repeat at most the
    # one alert per channel that was in flight, never a whole batch.
    done: queue.Queue[tuple[str, Alert, notify.Outcome | None] | None] = queue.Queue()

    def drain(name: str, batch: list[tuple[Alert, Message]]) -> None:
        try:
            for alert, outcome in _send_channel(_url(channels[name]), batch, send):
                done.put((name, alert, outcome))
        finally:
            done.put(None)

    with ThreadPoolExecutor(max_workers=len(batches)) as pool:
        futures = [pool.submit(drain, name, batch) for name, batch in batches.items()]
        running = len(futures)
        while running:
            item = done.get()  # SQLite is written from this thread only
            if item is None:
                running -= 1
                continue
            name, alert, outcome = item
            _record(store, settings, alert, outcome, name, now, report)
        for future in futures:
            future.result()  # a sender that raised fails the round loudly
    return report


def _record(
    store: Store,
    settings: Settings,
    alert: Alert,
    outcome: notify.Outcome | None,
    channel: str,
    now: datetime,
    report: DeliveryReport,
) -> None:
    if outcome is None:  # not attempted this round: give the claim back
        store.unclaim_alert(alert.id)
        report.retrying += 1
        return
    error = redact(outcome.error, settings.secrets()) if outcome.error else None
    about = f"{alert.purpose} alert" + (f" for notice #{alert.notice_id}" if alert.notice_id else "")
    if outcome.ok:
        store.finish_alert(alert, now, True, None, None)
        report.sent += 1
        # One journal line per alert, sent or failed: the admin's record of who heard what.
        log.info("channel %s: %s sent", channel, about)
        return
    report.errors[channel] = error or "failed"
    if outcome.permanent:
        store.finish_alert(alert, now, False, error, None)
        report.failed += 1
        log.error("channel %s: %s failed for good: %s", channel, about, error)
        return
    retry_at = now + retry_delay(int(alert.attempts) + 1, settings.reminders.retry_max)
    store.finish_alert(alert, now, False, error, retry_at)
    report.retrying += 1
    log.warning("channel %s: %s failed, will be retried: %s", channel, about, error)
