"""`notifyd run`: the long-running process: scheduler jobs, IDLE watchers, signals, systemd."""

from __future__ import annotations

import contextlib
import logging
import os
import random
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from notifyd.core.clock import utcnow
from notifyd.core.errors import AuthError, ConfigError, MailboxError
from notifyd.core.settings import MailboxConfig, Settings, load_settings
from notifyd.deliver.monitor import record_poll, token_source
from notifyd.ingest.imap import TRANSIENT, ImapMailbox
from notifyd.ingest.pipeline import Ingest, PollReport, poll_imap, poll_mailbox
from notifyd.run import tick as scheduler
from notifyd.store.db import Store
from notifyd.understand.classify import Rules, load_rules

log = logging.getLogger(__name__)

# Reminders, retries and self-checks are due at times the database knows; a 15 s tick finds
# them soon enough, and a tick that finds nothing costs a few indexed queries.
TICK_EVERY = timedelta(seconds=15)
# RFC 2177: a server may drop an IDLE after 29 minutes without traffic; renewing earlier also
# finds a connection that died silently (no FIN through a NAT) within this time.
IDLE_RENEW = timedelta(minutes=20)
# Seconds per idle_check: a stop is noticed within this; one wake-up a second costs nothing.
IDLE_CHECK = 1.0
BACKOFF_CAP = 300.0
# SIGTERM to exit must stay under 10 s; the final flush of the outbox gets what is left.
STOP_BUDGET = 8.0
# Socket timeout for DONE and LOGOUT while stopping, so a hung server cannot hold the exit.
STOP_IO_TIMEOUT = 2.0
# A tick running this long is stuck (a channel hanging past its timeouts, a locked database):
# the watchdog stops being fed and systemd restarts the service.
TICK_STALL = 600.0


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


def watchdog_interval() -> float | None:
    """Seconds between watchdog pings systemd expects (WATCHDOG_USEC), or None when it wants none."""
    usec = os.environ.get("WATCHDOG_USEC", "")
    pid = os.environ.get("WATCHDOG_PID", "")
    # WATCHDOG_PID names the process meant; a child that inherited the variable must not ping.
    if not usec.isdigit() or int(usec) == 0 or (pid.isdigit() and int(pid) != os.getpid()):
        return None
    return int(usec) / 1_000_000


def backoff(failures: int, cap: float = BACKOFF_CAP) -> float:
    """Seconds before reconnect attempt `failures`: exponential, jittered, capped (5 min at most)."""
    cap = min(cap, BACKOFF_CAP)
    base = min(cap, 2.0 ** min(failures, 10))
    # Jitter keeps many daemons (or many folders) from hammering a recovering server in step.
    return min(cap, base * random.uniform(0.5, 1.0) + random.uniform(0, 1))


def _is_bye(response: object) -> bool:
    return isinstance(response, tuple) and len(response) > 0 and response[0] == b"BYE"


def _is_change(response: object) -> bool:
    return (
        isinstance(response, tuple)
        and len(response) > 1
        and response[1] in (b"EXISTS", b"RECENT", b"EXPUNGE", b"FETCH")
    )


def _take_updates(client: Any) -> bool:
    """True when the server announced new mail during earlier commands; forgets the news.

    imaplib keeps unsolicited EXISTS/RECENT sent during other commands (a FETCH, a STATUS) in
    `untagged_responses`, where IDLE never sees them: mail arriving while a poll runs would
    otherwise wait for the safety-net poll.
    """
    stash = getattr(getattr(client, "_imap", None), "untagged_responses", None)
    if not isinstance(stash, dict):
        return False
    found = False
    for key in ("EXISTS", "RECENT"):
        found = stash.pop(key, None) is not None or found
    return found


class IdleWatcher(threading.Thread):
    """One IMAP connection IDLEing on one folder; polls whenever the server says something changed."""

    def __init__(self, owner: Daemon, box: MailboxConfig, folder: str, stop: scheduler.Stopper):
        super().__init__(name=f"idle-{box.name}-{folder}", daemon=True)
        self.owner = owner
        self.box = box
        self.folder = folder
        self.stop = stop
        self.conn: ImapMailbox | None = None
        self.failures = 0
        self.announced = False

    def run(self) -> None:
        store = Store(self.owner.settings.database)
        try:
            while not self.stop():
                try:
                    if not self._session(store):
                        self.owner.fall_back_to_polling(self.box, self.stop)
                        return
                except MailboxError as exc:
                    self._failed(store, exc, str(exc))
                except Exception as exc:  # a bug must cost a retry, never the watcher thread
                    log.exception("mailbox %s folder %s: watcher error", self.box.name, self.folder)
                    self._failed(store, exc, f"mailbox {self.box.name}: internal error: {exc}")
                finally:
                    self._close()
        finally:
            store.close()

    def _failed(self, store: Store, exc: Exception, text: str) -> None:
        self.failures += 1
        self.owner.record(store, self.box.name, self.folder, text)
        # A polled mailbox retries every poll_interval; an IDLE one should not wait longer.
        cap = min(BACKOFF_CAP, self.box.poll_interval.total_seconds())
        # Refused credentials stay refused: retrying fast only earns a lockout.
        delay = cap if isinstance(exc, AuthError) else backoff(self.failures, cap)
        level = logging.INFO if self.failures == 1 else logging.DEBUG
        log.log(
            level, "mailbox %s folder %s: reconnecting in %.0f s", self.box.name, self.folder, delay
        )
        self.stop.event.wait(delay)

    def _close(self) -> None:
        conn, self.conn = self.conn, None
        if conn is None:
            return
        if self.stop() and conn.client is not None:
            with contextlib.suppress(Exception):
                conn.client.socket().settimeout(STOP_IO_TIMEOUT)
        conn.close()

    def _session(self, store: Store) -> bool:
        """Connect, poll, then IDLE until stopped; False when the server cannot IDLE."""
        conn = self.conn = ImapMailbox(self.box, token_source(self.box))
        conn.connect(utcnow())
        if not conn.has_idle():
            return False
        # SELECT before the first poll: from then on the server reports every new message to
        # this session, so nothing that lands between the poll and IDLE is missed.
        conn.select(self.folder)
        client = conn.client
        assert client is not None
        self._poll(store, conn, client)
        if self.failures:
            log.info(
                "mailbox %s folder %s: connected again after %d failure(s)",
                self.box.name,
                self.folder,
                self.failures,
            )
        elif not self.announced:
            log.info("mailbox %s folder %s: watching with IDLE", self.box.name, self.folder)
        self.failures, self.announced = 0, True
        while not self.stop():
            self._idle(client)
            if self.stop():
                break
            self._poll(store, conn, client)
        return True

    def _poll(self, store: Store, conn: ImapMailbox, client: Any) -> None:
        box = self.box.model_copy(update={"folders": [self.folder]})
        seen = 0
        # Poll again while the server announced mail during the poll itself (bounded: a
        # folder receiving mail non-stop is caught up by the next IDLE round anyway).
        for _ in range(5):
            _take_updates(client)
            report = PollReport(box.name)
            ingest = Ingest(store, self.owner.settings, self.owner.rules)
            poll_imap(ingest, box, conn, utcnow(), report, self.stop)
            seen += report.seen
            if self.stop() or not _take_updates(client):
                break
        self.owner.record(store, self.box.name, self.folder, None, new_mail=seen > 0)

    def _idle(self, client: Any) -> None:
        """One IDLE round: until the server reports a change, renewal is due, or a stop."""
        name = self.box.name
        renew = min(IDLE_RENEW.total_seconds(), self.box.poll_interval.total_seconds())
        try:
            client.idle()
            started = time.monotonic()
            quick_empty = 0
            while not self.stop() and time.monotonic() - started < renew:
                t0 = time.monotonic()
                responses = client.idle_check(timeout=IDLE_CHECK)
                if any(_is_bye(r) for r in responses):
                    raise MailboxError(f"mailbox {name}: the server closed the connection")
                if any(_is_change(r) for r in responses):
                    break
                # After the server hangs up, imapclient returns [] at once, forever: a busy
                # loop on a dead socket unless counted. A real timeout takes IDLE_CHECK.
                if not responses and time.monotonic() - t0 < IDLE_CHECK / 2:
                    quick_empty += 1
                    if quick_empty >= 3:
                        raise MailboxError(f"mailbox {name}: connection lost during IDLE")
                else:
                    quick_empty = 0
            if self.stop():
                with contextlib.suppress(OSError):
                    client.socket().settimeout(STOP_IO_TIMEOUT)
            client.idle_done()
        except TRANSIENT as exc:
            raise MailboxError(
                f"mailbox {name}: IDLE failed: {exc or type(exc).__name__}"
            ) from None


class Daemon:
    """Owns the scheduler and watchers; reload swaps the configuration in place."""

    def __init__(self, config_path: Path | None, settings: Settings, verbose: int = 0) -> None:
        self.config_path = config_path
        self.settings = settings
        self.verbose = verbose
        self.rules: Rules = load_rules(settings.rules_dirs)
        self.stopper = scheduler.Stopper()
        self.scheduler = BackgroundScheduler(timezone=settings.tz)
        self.watchers: list[IdleWatcher] = []
        self._connections: dict[str, ImapMailbox] = {}
        self.started_at = utcnow()
        self.signals: list[int] = []
        self.signalled = threading.Event()
        self.finished = threading.Event()
        self.lock = threading.Lock()  # one tick at a time, the final flush included
        self._tick_state = threading.Lock()
        self._ticking = False
        self._tick_pending = False
        self._tick_started = 0.0
        self._busy = 0
        self._idle_jobs = threading.Condition()
        self._health = threading.Lock()
        self._folder_errors: dict[tuple[str, str], str | None] = {}
        self._status = ""

    # --- jobs: they only tick; the database decides what is due --------------------------------

    def _job(self, fn: Callable[..., None]) -> Callable[..., None]:
        """Wrap a job so the stop can wait for the ones running, and a crash is logged by name."""

        def run(*args: Any) -> None:
            with self._idle_jobs:
                self._busy += 1
            try:
                fn(*args)
            except Exception:
                log.exception("job %s failed; it runs again at its next time", fn.__name__)
            finally:
                with self._idle_jobs:
                    self._busy -= 1
                    self._idle_jobs.notify_all()

        run.__name__ = fn.__name__
        return run

    def poll_job(self, box: MailboxConfig, stop: scheduler.Stopper) -> None:
        if stop():
            return
        # One connection per polled mailbox, kept between polls: a poll with nothing new is
        # then a NOOP and a STATUS, however large the folder.
        conn = self._connections.get(box.name) if box.path is None else None
        if box.path is None and (conn is None or conn.config != box):
            if conn is not None:
                conn.close()
            conn = self._connections[box.name] = ImapMailbox(box, token_source(box))
        with Store(self.settings.database) as store:
            poll_mailbox(store, self.settings, self.rules, box, utcnow(), conn, stop=stop)
        # New alerts, a failure or a recovery: the tick sends and self-checks now.
        self.request_tick()

    def tick_job(self) -> None:
        with self._tick_state:
            self._ticking, self._tick_started = True, time.monotonic()
        try:
            while True:
                with self._tick_state:
                    self._tick_pending = False
                self._tick_once()
                with self._tick_state:
                    if not self._tick_pending:
                        return
                # Someone asked for a tick while this one ran: go round once more.
        finally:
            with self._tick_state:
                self._ticking = False

    def _tick_once(self) -> None:
        with self.lock, Store(self.settings.database) as store:
            scheduler.tick(store, self.settings, utcnow(), started_at=self.started_at)
            depth = store.outbox_depth()
            boxes = {b.name for b in self.settings.mailbox}
            failing = sorted(m for m in store.failing_mailboxes() if m in boxes)
        status = f"watching {len(self.settings.mailbox)} mailbox(es); {depth} alert(s) queued"
        if failing:
            status += "; failing: " + ", ".join(failing)
        if status != self._status:
            self._status = status
            sd_notify(f"STATUS={status}")

    def request_tick(self) -> None:
        """Run the tick now (new mail, a mailbox failing or back): its alerts should not wait."""
        with self._tick_state:
            self._tick_pending = True
            if self._ticking:
                return  # the running tick sees the flag and goes round again
        with contextlib.suppress(Exception):  # the job is absent while stopping or reloading
            self.scheduler.modify_job("tick", next_run_time=utcnow())

    def record(
        self, store: Store, mailbox: str, folder: str, error: str | None, new_mail: bool = False
    ) -> None:
        """Mailbox health from its folders' watchers: failing while any one folder fails."""
        with self._health:
            before = self._folder_errors.get((mailbox, folder), "unknown")
            self._folder_errors[(mailbox, folder)] = error
            errors = [e for (b, _f), e in self._folder_errors.items() if b == mailbox and e]
        record_poll(store, mailbox, errors[0] if errors else None, utcnow())
        if new_mail or error is not None or before is not None:
            self.request_tick()

    def fall_back_to_polling(self, box: MailboxConfig, stop: scheduler.Stopper) -> None:
        """The server has no IDLE: poll this mailbox every poll_interval instead."""
        with self._health:
            if stop() or self.scheduler.get_job(f"poll:{box.name}") is not None:
                return  # a sibling folder's watcher got here first
            level = logging.WARNING if box.idle else logging.INFO
            log.log(
                level,
                "mailbox %s: the server offers no IDLE; polling every %s",
                box.name,
                box.poll_interval,
            )
            self._add_poll_job(box, stop)

    def _add_poll_job(self, box: MailboxConfig, stop: scheduler.Stopper) -> None:
        self.scheduler.add_job(
            self._job(self.poll_job),
            IntervalTrigger(seconds=box.poll_interval.total_seconds(), timezone=self.settings.tz),
            args=[box, stop],
            id=f"poll:{box.name}",
            name=f"poll {box.name}",
            next_run_time=utcnow(),  # the first poll at once, not one interval after start
            # A poll still running when the next is due (a slow server) is not doubled: two
            # polls of one mailbox would fetch the same new UIDs twice.
            max_instances=1,
            # Polls missed while the machine slept or the process stalled become one poll.
            coalesce=True,
            # However late, a missed poll is still worth running (coalesce keeps it to one).
            misfire_grace_time=None,
        )

    # --- lifecycle -----------------------------------------------------------------------------

    def start(self) -> None:
        stop = self.stopper
        for box in self.settings.mailbox:
            if box.path is None and box.idle is not False:
                # IDLE where the server offers it; each watcher finds out, and falls back to
                # polling if not. No probe here: a server that is down must not delay READY.
                for folder in box.folders:
                    watcher = IdleWatcher(self, box, folder, stop)
                    self.watchers.append(watcher)
                    watcher.start()
            else:
                self._add_poll_job(box, stop)
        self.scheduler.add_job(
            self._job(self.tick_job),
            IntervalTrigger(seconds=TICK_EVERY.total_seconds(), timezone=self.settings.tz),
            id="tick",
            name="tick",
            next_run_time=utcnow(),
            # Ticks never overlap: they would only contend for the same due rows.
            max_instances=1,
            # Ticks missed during a stall collapse into one: each does all that is due.
            coalesce=True,
            # A late tick still runs: what it does is decided by the database, not the hour.
            misfire_grace_time=None,
        )
        self.scheduler.start()

    def _halt(self, deadline: float) -> None:
        """Stop jobs and watchers, letting each finish the message in hand, until the deadline."""
        self.stopper.event.set()
        with contextlib.suppress(Exception):
            self.scheduler.shutdown(wait=False)
        with self._idle_jobs:
            self._idle_jobs.wait_for(lambda: self._busy == 0, max(0.0, deadline - time.monotonic()))
        for watcher in self.watchers:
            watcher.join(timeout=max(0.0, deadline - time.monotonic()))
        stuck = [w.name for w in self.watchers if w.is_alive()]
        if self._busy or stuck:
            log.warning(
                "still busy when stopping: %d job(s), watchers %s; their work stays "
                "in the database for the next start",
                self._busy,
                stuck or "none",
            )
        self.watchers = []
        for conn in self._connections.values():
            conn.close()
        self._connections = {}

    def stop(self) -> None:
        started = time.monotonic()
        self._halt(started + STOP_BUDGET * 0.6)
        # Flush what is due, so an alert queued a moment ago is not left until the next start.
        flush = threading.Thread(target=self._flush, name="final-flush", daemon=True)
        flush.start()
        flush.join(timeout=max(0.5, started + STOP_BUDGET - time.monotonic()))
        if flush.is_alive():
            log.warning("the outbox flush did not finish; the rest goes out at the next start")

    def _flush(self) -> None:
        try:
            with self.lock, Store(self.settings.database) as store:
                scheduler.tick(store, self.settings, utcnow(), started_at=self.started_at)
        except Exception:
            log.exception("the final outbox flush failed")

    def reload(self) -> bool:
        """Read the configuration again; a bad one is logged and the running one kept."""
        try:
            fresh = load_settings(self.config_path)
            rules = load_rules(fresh.rules_dirs)
            with Store(fresh.database):
                pass  # created and migrated before any thread opens it
        except ConfigError as exc:
            for line in exc.problems:
                log.error("reload rejected, keeping the running configuration: %s", line)
            return False
        except Exception as exc:
            log.error("reload rejected, keeping the running configuration: %s", exc)
            return False
        self._halt(time.monotonic() + STOP_BUDGET)
        self.settings, self.rules = fresh, rules
        self.stopper = scheduler.Stopper()
        self.scheduler = BackgroundScheduler(timezone=fresh.tz)
        with self._health:
            self._folder_errors.clear()
        self.started_at = utcnow()
        if not self.verbose:  # -v on the command line outranks the file
            logging.getLogger().setLevel(fresh.log_level.upper())
        self.start()
        log.info(
            "configuration reloaded: %d mailbox(es), %d channel(s)",
            len(fresh.mailbox),
            len(fresh.channel),
        )
        return True

    def _watchdog(self, interval: float) -> None:
        """Ping systemd's watchdog at half its interval while the scheduler is alive and no tick
        is stuck; silence makes systemd restart the service."""
        while not self.finished.wait(interval / 2):
            with self._tick_state:
                stuck = self._ticking and time.monotonic() - self._tick_started > TICK_STALL
            if stuck:
                log.error(
                    "a tick has run for over %.0f s; no longer feeding the watchdog", TICK_STALL
                )
            elif self.scheduler.running or self.stopper():
                sd_notify("WATCHDOG=1")

    def loop(self) -> int:
        def handle(signum: int, frame: FrameType | None) -> None:
            self.signals.append(signum)
            self.signalled.set()

        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, handle)
        self.start()
        # The console (with [web]) runs in waitress's own threads and reads the live settings;
        # a slow client holds a web thread, never the scheduler or a watcher.
        console = None
        if self.settings.web is not None:
            from notifyd.web.serve import start_console  # Flask loads only when it is wanted

            console = start_console(lambda: self.settings)
        interval = watchdog_interval()
        if interval:
            threading.Thread(
                target=self._watchdog, args=(interval,), name="watchdog", daemon=True
            ).start()
        self._status = f"watching {len(self.settings.mailbox)} mailbox(es)"
        sd_notify(f"READY=1\nSTATUS={self._status}")
        log.info(
            "notifyd running: %d mailbox(es), %d channel(s)",
            len(self.settings.mailbox),
            len(self.settings.channel),
        )
        try:
            while True:
                # Only signals wake the main thread; the timeout is a safety net, not a clock.
                self.signalled.wait(timeout=60)
                self.signalled.clear()
                while self.signals:
                    signum = self.signals.pop(0)
                    if signum == signal.SIGHUP:
                        sd_notify("RELOADING=1\nSTATUS=reloading the configuration")
                        log.info("SIGHUP: reloading %s", self.config_path or "the configuration")
                        self.reload()
                        sd_notify(f"READY=1\nSTATUS={self._status or 'running'}")
                        continue
                    name = signal.Signals(signum).name
                    sd_notify(f"STOPPING=1\nSTATUS=stopping on {name}")
                    log.info("stopping on %s", name)
                    self.stop()
                    log.info("stopped")
                    return 0
        finally:
            if console is not None:
                console.close()
            self.finished.set()


def run_forever(config_path: Path | None, settings: Settings, verbose: int) -> int:
    # Create and migrate before any thread opens it, and take back the alerts a previous
    # process claimed and died holding: they go out now instead of after the claim lease.
    with Store(settings.database) as store:
        released = store.release_claims()
    if released:
        log.info("%d alert(s) claimed by a process that stopped will be sent again", released)
    code = Daemon(config_path, settings, verbose).loop()
    # A job stuck in a network call would hold the interpreter's exit (it joins worker
    # threads); its work is safe in the database, so leave without it.
    if any(
        t.is_alive() and not t.daemon
        for t in threading.enumerate()
        if t is not threading.main_thread()
    ):
        log.warning("exiting with work still running; it is redone at the next start")
        logging.shutdown()
        sys.stdout.flush()
        os._exit(code)
    return code
