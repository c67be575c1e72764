"""One cycle of work: everything due now (reminders, self-checks, the outbox, the weekly digest)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from notifyd.core.clock import utcnow
from notifyd.core.settings import Settings
from notifyd.deliver import monitor, remind
from notifyd.deliver import outbox as alert
from notifyd.ingest.pipeline import PollReport, poll_mailbox
from notifyd.seller import digest
from notifyd.store.db import Store
from notifyd.understand.classify import Rules

log = logging.getLogger(__name__)


@dataclass
class CycleReport:
    polls: list[PollReport] = field(default_factory=list)
    reminders: int = 0
    delivery: alert.DeliveryReport = field(default_factory=alert.DeliveryReport)
    self_alerts: list[str] = field(default_factory=list)
    digest_attempts: list[digest.Attempt] = field(default_factory=list)


def tick(
    store: Store, settings: Settings, now: datetime, started_at: datetime | None = None
) -> CycleReport:
    """Everything that is due apart from polling: reminders, self-checks, the outbox, the digest.

    The database decides what is due, so a tick that comes late, twice, or from a second
    process (`run --once` beside the daemon) does each thing once.

    `started_at` is when the daemon began watching: no mailbox is called stale before it had
    its poll intervals to succeed in (a restart after downtime is not a problem by itself).
    """
    report = CycleReport()
    report.reminders = remind.tick(store, settings, now)
    # Self-checks before delivery, so a self-alert raised now goes out in this same tick.
    report.self_alerts = monitor.check(store, settings, now, started_at)
    report.delivery = alert.deliver_due(store, settings, now)
    # Last: a digest that is slow to send must not hold back alerts.
    report.digest_attempts = digest.send_all_due(store, settings, now)
    return report


def run_once(
    store: Store,
    settings: Settings,
    rules: Rules,
    now: datetime | None = None,
    stop: Callable[[], bool] = lambda: False,
) -> CycleReport:
    """Poll every mailbox once, then do whatever is due; one mailbox failing never stops another."""
    moment = now or utcnow()
    polls = []
    for box in settings.mailbox:
        if stop():
            break
        polls.append(poll_mailbox(store, settings, rules, box, moment, stop=stop))
    report = tick(store, settings, now or utcnow())
    report.polls = polls
    return report


class Stopper:
    """A flag the signal handlers set and every loop checks, so a stop finishes work in hand."""

    def __init__(self) -> None:
        self.event = threading.Event()

    def __call__(self) -> bool:
        return self.event.is_set()
