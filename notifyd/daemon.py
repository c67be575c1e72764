"""`notifyd run`: the long-running process: scheduler jobs, IDLE watchers, signals, systemd."""

from __future__ import annotations

import contextlib
import logging
import os
import random
import signal
import socket
import threading
import time
from datetime import timedelta
from pathlib import Path
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from notifyd import scheduler
from notifyd.classify import Rules, load_rules
from notifyd.clock import utcnow
from notifyd.errors import AuthError, ConfigError, MailboxError
from notifyd.fetch import ImapMailbox
from notifyd.monitor import record_poll, token_source
from notifyd.poll import Ingest, PollReport, poll_imap, poll_mailbox
from notifyd.settings import MailboxConfig, Settings, load_settings
from notifyd.store import Store

log = logging.getLogger(__name__)

TICK_EVERY = timedelta(seconds=15)
IDLE_RENEW = timedelta(minutes=20)  # RFC 2177: servers may drop an IDLE after 29 minutes
IDLE_CHECK = 5.0  # seconds per idle_check, so a stop is noticed quickly
BACKOFF_CAP = 300.0


def sd_notify(message: str) -> None:
    """Send one sd_notify datagram (READY=1, STATUS=..., WATCHDOG=1) when run under systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):
        address = "\0" + address[1:]  # abstract namespace socket
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
    except OSError as exc:
        log.debug("sd_notify failed: %s", exc)


def backoff(failures: int) -> float:
    """Seconds before reconnect attempt `failures`: exponential, jittered, capped at 5 minutes."""
    base = min(BACKOFF_CAP, 2.0 ** min(failures, 10))
    return min(BACKOFF_CAP, base * random.uniform(0.5, 1.0) + random.uniform(0, 1))


class IdleWatcher(threading.Thread):
    """One IMAP connection IDLEing on one folder; polls whenever the server says something changed."""

    def __init__(self, daemon: Daemon, box: MailboxConfig, folder: str) -> None:
        super().__init__(name=f"idle-{box.name}-{folder}", daemon=True)
        self.owner = daemon
        self.box = box
        self.folder = folder
        self.stop_event = threading.Event()
        self.conn: ImapMailbox | None = None

    def stopped(self) -> bool:
        return self.stop_event.is_set() or self.owner.stopper()

    def run(self) -> None:
        failures = 0
        store = Store(self.owner.settings.database)
        try:
            while not self.stopped():
                try:
                    self._session(store)
                    failures = 0
                except (MailboxError, OSError) as exc:
                    failures += 1
                    auth = isinstance(exc, AuthError)
                    record_poll(store, self.box.name, str(exc), utcnow())
                    delay = BACKOFF_CAP if auth else backoff(failures)
                    log.info("mailbox %s: reconnecting in %.0f s", self.box.name, delay)
                    self.stop_event.wait(delay)
                finally:
                    if self.conn is not None:
                        self.conn.close()
                        self.conn = None
        finally:
            store.close()

    def _poll(self, store: Store, conn: ImapMailbox) -> None:
        box = self.box.model_copy(update={"folders": [self.folder]})
        report = PollReport(box.name)
        ingest = Ingest(store, self.owner.settings, self.owner.rules)
        poll_imap(ingest, box, conn, utcnow(), report, self.stopped)
        record_poll(store, box.name, None, utcnow())
        if report.seen:
            # New mail usually means new alerts: send them now, not at the next tick.
            self.owner.wake.set()

    def _session(self, store: Store) -> None:
        conn = self.conn = ImapMailbox(self.box, token_source(self.box))
        conn.connect(utcnow())
        if not conn.has_idle():
            raise MailboxError(f"mailbox {self.box.name}: server has no IDLE")
        self._poll(store, conn)
        client = conn.client
        assert client is not None
        conn.select(self.folder)
        while not self.stopped():
            client.idle()
            started = time.monotonic()
            last_poll = time.monotonic()
            empty_fast = 0
            changed = False
            while not self.stopped() and time.monotonic() - started < IDLE_RENEW.total_seconds():
                t0 = time.monotonic()
                responses = client.idle_check(timeout=IDLE_CHECK)
                if any(_is_bye(r) for r in responses):
                    raise MailboxError(f"mailbox {self.box.name}: server closed the IDLE")
                if responses and any(_is_change(r) for r in responses):
                    changed = True
                    break
                # After a server disconnect imapclient returns [] at once forever: a dead socket.
                empty_fast = (
                    empty_fast + 1 if (not responses and time.monotonic() - t0 < 0.5) else 0
                )
                if empty_fast >= 3:
                    raise MailboxError(f"mailbox {self.box.name}: IDLE connection lost")
                if time.monotonic() - last_poll > self.box.poll_interval.total_seconds():
                    changed = True  # a safety-net poll, in case a notification was lost
                    break
            client.idle_done()
            if changed or not self.stopped():
                self._poll(store, conn)


def _is_bye(response: object) -> bool:
    return isinstance(response, tuple) and len(response) > 0 and response[0] == b"BYE"


def _is_change(response: object) -> bool:
    return (
        isinstance(response, tuple)
        and len(response) > 1
        and response[1] in (b"EXISTS", b"RECENT", b"EXPUNGE", b"FETCH")
    )


class Daemon:
    """Owns the scheduler and watchers; reload swaps the configuration in place."""

    def __init__(self, config_path: Path | None, settings: Settings) -> None:
        self.config_path = config_path
        self.settings = settings
        self.rules: Rules = load_rules(settings.rules_dirs)
        self.stopper = scheduler.Stopper()
        self.wake = threading.Event()
        self.watchers: list[IdleWatcher] = []
        self.scheduler = BackgroundScheduler(timezone=settings.tz)
        self.lock = threading.Lock()

    # jobs only tick: the database decides what is due

    def poll_job(self, box: MailboxConfig) -> None:
        with Store(self.settings.database) as store:
            poll_mailbox(store, self.settings, self.rules, box, utcnow(), stop=self.stopper)
        self.wake.set()

    def tick_job(self) -> None:
        with self.lock, Store(self.settings.database) as store:
            scheduler.tick(store, self.settings, utcnow())
            depth = store.outbox_depth()
        sd_notify(
            f"WATCHDOG=1\nSTATUS=watching {len(self.settings.mailbox)} mailbox(es), "
            f"{depth} alert(s) queued"
        )

    def _wants_idle(self, box: MailboxConfig) -> bool:
        if box.path is not None or box.idle is False:
            return False
        if box.idle is True:
            return True
        probe = ImapMailbox(box, token_source(box))
        try:
            probe.connect(utcnow())
            return probe.has_idle()
        except MailboxError:
            return False  # polling will report the failure and keep trying
        finally:
            probe.close()

    def start(self) -> None:
        job = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 60}
        for box in self.settings.mailbox:
            if self._wants_idle(box):
                for folder in box.folders:
                    watcher = IdleWatcher(self, box, folder)
                    self.watchers.append(watcher)
                    watcher.start()
                continue
            self.scheduler.add_job(
                self.poll_job,
                IntervalTrigger(
                    seconds=box.poll_interval.total_seconds(), timezone=self.settings.tz
                ),
                args=[box],
                id=f"poll:{box.name}",
                next_run_time=utcnow(),
                **job,
            )
        self.scheduler.add_job(
            self.tick_job,
            IntervalTrigger(seconds=TICK_EVERY.total_seconds(), timezone=self.settings.tz),
            id="tick",
            next_run_time=utcnow(),
            **job,
        )
        self._add_digest_job()
        self.scheduler.start()

    def _add_digest_job(self) -> None:
        try:
            from notifyd import digest
        except ImportError:
            return
        digest.schedule(self)

    def stop(self) -> None:
        self.stopper.event.set()
        for watcher in self.watchers:
            watcher.stop_event.set()
        self.scheduler.shutdown(wait=True)
        for watcher in self.watchers:
            watcher.join(timeout=5)
        self.watchers = []
        # Flush what is due, so an alert queued a moment ago is not left until the next start.
        with Store(self.settings.database) as store:
            scheduler.tick(store, self.settings, utcnow())

    def reload(self) -> None:
        try:
            fresh = load_settings(self.config_path)
            rules = load_rules(fresh.rules_dirs)
        except ConfigError as exc:
            for line in exc.problems:
                log.error("reload rejected, keeping the old configuration: %s", line)
            return
        self.stop()
        self.settings, self.rules = fresh, rules
        self.stopper = scheduler.Stopper()
        self.scheduler = BackgroundScheduler(timezone=fresh.tz)
        self.start()
        log.info("configuration reloaded")

    def loop(self) -> int:
        signals: list[int] = []

        def handle(signum: int, frame: FrameType | None) -> None:
            signals.append(signum)
            self.wake.set()

        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, handle)
        self.start()
        sd_notify("READY=1\nSTATUS=started")
        log.info(
            "notifyd running: %d mailbox(es), %d channel(s)",
            len(self.settings.mailbox),
            len(self.settings.channel),
        )
        while True:
            self.wake.wait(timeout=TICK_EVERY.total_seconds())
            self.wake.clear()
            while signals:
                signum = signals.pop(0)
                if signum == signal.SIGHUP:
                    sd_notify("RELOADING=1")
                    self.reload()
                    sd_notify("READY=1")
                    continue
                sd_notify("STOPPING=1")
                log.info("stopping on signal %d", signum)
                self.stop()
                return 0
            # The job may be missing for a moment during a reload; the next wake retries.
            with contextlib.suppress(Exception):
                self.scheduler.modify_job("tick", next_run_time=utcnow())


def run_forever(config_path: Path | None, settings: Settings, verbose: int) -> int:
    with Store(settings.database):
        pass  # create and migrate before any thread opens it
    return Daemon(config_path, settings).loop()
