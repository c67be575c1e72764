"""`notifyd run`: the long-running process: the watchers, the tick, supervision, signals."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler

from notifyd.core.clock import utcnow
from notifyd.core.errors import ConfigError
from notifyd.core.settings import Settings, load_settings
from notifyd.deliver import notify
from notifyd.deliver.monitor import record_poll
from notifyd.run import tick as scheduler
from notifyd.run.supervise import Part, Supervisor
from notifyd.run.systemd import (
    descriptor_limit,
    descriptors_in_use,
    raise_descriptor_limit,
    sd_notify,
    watchdog_interval,
)
from notifyd.run.watchers import Hub, units_for
from notifyd.store.db import Store
from notifyd.understand.classify import Rules, load_rules

log = logging.getLogger(__name__)

# Reminders, retries and self-checks are due at times the database knows; a 15 s tick finds
# them soon enough, and a tick that finds nothing costs a few indexed queries.
TICK_EVERY = timedelta(seconds=15)
# SIGTERM to exit must stay under 10 s; the final flush of the outbox gets what is left.
STOP_BUDGET = 8.0
# A tick running this long is stuck (a locked database, a bug): the watchdog stops being fed.
# Sends have their own deadline, so a slow channel alone never gets a tick here.
TICK_STALL = 300.0
# Ticks failing this many times in a row are reported (a full disk, a broken database).
TICK_FAILURES = 3
# The daemon's report for `status` is refreshed this often (and at once when a problem comes
# or goes).
PUBLISH_EVERY = 30.0
# The least time between two ticks, however often one is asked for.
TICK_GAP = 0.2
# The main thread checks the parts this often.
SUPERVISE_EVERY = 5.0


class Daemon:
    """Owns the watchers, the scheduler that ticks, and their supervision; reload swaps the
    configuration in place."""

    def __init__(self, config_path: Path | None, settings: Settings, verbose: int = 0) -> None:
        self.config_path = config_path
        self.settings = settings
        self.verbose = verbose
        self.rules: Rules = load_rules(settings.rules_dirs)
        self.stopper = scheduler.Stopper()
        self.scheduler = BackgroundScheduler(timezone=settings.tz)
        self.hub: Hub | None = None
        self.started_at = utcnow()
        self.signals: list[int] = []
        self.signalled = threading.Event()
        self.finished = threading.Event()
        self.lock = threading.Lock()  # one tick at a time, the final flush included
        self._tick_state = threading.Lock()
        self._tick_wanted = threading.Event()
        self._tick_thread: threading.Thread | None = None
        self._ticking = False
        self._tick_started = 0.0
        self._tick_failures = 0
        self._tick_error = ""
        self._busy = 0
        self._idle_jobs = threading.Condition()
        self._health = threading.Lock()
        self._folder_errors: dict[tuple[str, str], str | None] = {}
        self._database_error: tuple[float, str] | None = None
        self._status = ""
        self.healthy = True
        self.supervised_at = time.monotonic()
        self._published_at = 0.0
        self._published_problems: list[str] = []
        self._database_identity: tuple[int, int] | None = None
        self.supervisor = Supervisor(lambda: self.settings)
        self.supervisor.add(Part("IDLE watcher thread", self._hub_alive, self._restart_hub))
        self.supervisor.add(Part("scheduler", self._scheduler_alive, self._restart_scheduler))
        self.supervisor.add(Part("tick", self._tick_alive, self._restart_tick))

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

    def _tick_loop(self, stop: scheduler.Stopper) -> None:
        """The tick every TICK_EVERY, or at once when asked (new mail, a mailbox failing or
        back); requests made while a tick runs collapse into the next one."""
        run = self._job(self.tick_job)
        while not stop():
            self._tick_wanted.wait(TICK_EVERY.total_seconds())
            if stop():
                return
            self._tick_wanted.clear()
            run()
            # A short breath between ticks: a cold start of many mailboxes asks for one per
            # mailbox, and a tick is what each of them waits for at most this much longer.
            stop.event.wait(TICK_GAP)

    def tick_job(self) -> None:
        with self._tick_state:
            self._ticking, self._tick_started = True, time.monotonic()
        try:
            self._tick_once()
        except Exception as exc:
            self._tick_failures += 1
            self._tick_error = f"{type(exc).__name__}: {exc}"[:300]
            raise
        else:
            self._tick_failures = 0
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
        in_use = descriptors_in_use()
        if in_use is not None:
            status += f"; {in_use}/{descriptor_limit()} descriptors"
        if status != self._status:
            self._status = status
            sd_notify(f"STATUS={status}")

    def request_tick(self) -> None:
        """Run the tick now (new mail, a mailbox failing or back): its alerts should not wait."""
        self._tick_wanted.set()

    def record(
        self, store: Store, mailbox: str, folder: str, error: str | None, new_mail: bool = False
    ) -> None:
        """Mailbox health from its folders' watchers: failing while any one folder fails."""
        with self._health:
            before = self._folder_errors.get((mailbox, folder), "unknown")
            self._folder_errors[(mailbox, folder)] = error
            errors = [e for (b, _f), e in self._folder_errors.items() if b == mailbox and e]
        record_poll(store, mailbox, errors[0] if errors else None, utcnow())
        # A write that went through: the database takes writes again.
        self._database_error = None
        if new_mail or error is not None or before is not None:
            self.request_tick()

    def database_failed(self, where: str, exc: BaseException) -> None:
        """The database refused a write on an error path: logged and reported, never raised."""
        text = f"{type(exc).__name__}: {exc}"[:300]
        with contextlib.suppress(Exception):
            log.error("the database cannot be written (%s): %s", where, text)
        self._database_error = (time.monotonic(), text)

    # --- supervision ---------------------------------------------------------------------------

    def _hub_alive(self) -> bool:
        return self.hub is None or self.stopper() or self.hub.alive()

    def _restart_hub(self) -> None:
        if self.hub is not None and not self.stopper():
            self.hub.start()

    def _scheduler_alive(self) -> bool:
        return self.stopper() or bool(self.scheduler.running)

    def _restart_scheduler(self) -> None:
        if not self.stopper():
            self.scheduler = BackgroundScheduler(timezone=self.settings.tz)
            self._add_tick_job()
            self.scheduler.start()

    def _tick_alive(self) -> bool:
        if self.stopper():
            return True
        with self._tick_state:
            stalled = self._ticking and time.monotonic() - self._tick_started > TICK_STALL
        return not stalled and self._tick_thread is not None and self._tick_thread.is_alive()

    def _restart_tick(self) -> None:
        if not self.stopper() and not (self._tick_thread and self._tick_thread.is_alive()):
            self._start_ticking()

    def supervise(self) -> None:
        """Check every part; the watchdog is fed only while this says all is well."""
        extra: dict[str, str] = {}
        if self._database_error is not None:
            extra["database"] = f"the database cannot be written: {self._database_error[1]}"
        if self._tick_failures >= TICK_FAILURES:
            extra["tick"] = (
                f"reminders, retries and self-checks failed {self._tick_failures} times in a "
                f"row: {self._tick_error}"
            )
        identity = _identity(self.settings.database)
        if self._database_identity is None:
            self._database_identity = identity
        elif identity != self._database_identity:
            # Not a reason to stop feeding the watchdog: the restart would be refused (the
            # id remembered beside the file is not in it), leaving nothing watched. A person
            # has to look.
            extra["database-file"] = (
                f"the database file {self.settings.database} was deleted or replaced while "
                "notifyd ran; restore it, then restart notifyd (or `notifyd run --new-database` "
                "to start afresh)"
            )
        parts_alive = self.supervisor.check(extra)
        self.healthy = parts_alive and not set(extra) - {"database-file"}
        self.supervised_at = time.monotonic()
        self._publish(extra)

    def _publish(self, extra: dict[str, str]) -> None:
        """Leave the daemon's view of itself where `status` reads it (best effort: a database
        that refuses writes is reported by the supervisor instead)."""
        now = time.monotonic()
        problems = sorted(set(self.supervisor.raised.values()) | set(extra.values()))
        if now - self._published_at < PUBLISH_EVERY and problems == self._published_problems:
            return
        report = {
            "pid": os.getpid(),
            "problems": problems,
            "descriptors": descriptors_in_use(),
            "descriptor_limit": descriptor_limit(),
            "watching": self.hub.watching() if self.hub is not None else 0,
        }
        try:
            with Store(self.settings.database) as store:
                store.save_daemon_report(report, utcnow())
        except Exception as exc:
            log.debug("cannot save the daemon's report: %s", exc)
            return
        self._published_at, self._published_problems = now, problems

    # --- lifecycle -----------------------------------------------------------------------------

    def _start_ticking(self) -> None:
        self._tick_wanted.set()  # the first tick at once, not one interval after start
        self._tick_thread = threading.Thread(
            target=self._tick_loop, args=(self.stopper,), name="tick", daemon=True
        )
        self._tick_thread.start()

    def start(self) -> None:
        # IDLE where the server offers it, polls where not: each unit finds out when it first
        # connects. No probe here: a server that is down must not delay READY.
        self.hub = Hub(self, units_for(self.settings), self.stopper)
        self.hub.start()
        self._start_ticking()
        self._add_tick_job()
        self.scheduler.start()

    def _add_tick_job(self) -> None:
        # APScheduler keeps the clock: every TICK_EVERY it only asks for a tick, which the tick
        # thread runs (coalesced); the database decides what is due.
        self.scheduler.add_job(
            self._tick_wanted.set,
            "interval",
            seconds=TICK_EVERY.total_seconds(),
            id="tick",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )

    def _halt(self, deadline: float) -> None:
        """Stop the tick and the watchers, letting each finish the message in hand, until the
        deadline; whatever is still running then is cut off (its work stays in the database)."""
        self.stopper.event.set()
        self._tick_wanted.set()
        with contextlib.suppress(Exception):
            self.scheduler.shutdown(wait=False)
        busy: list[str] = []
        if self.hub is not None:
            busy = self.hub.close(max(0.0, deadline - time.monotonic()))
        with self._idle_jobs:
            self._idle_jobs.wait_for(lambda: self._busy == 0, max(0.0, deadline - time.monotonic()))
        if self._busy or busy:
            log.warning(
                "still busy when stopping: %d job(s), syncs of %s; their work stays "
                "in the database for the next start",
                self._busy,
                ", ".join(busy[:10]) or "none",
            )
        self.hub = None

    def stop(self) -> None:
        started = time.monotonic()
        self._halt(started + STOP_BUDGET * 0.5)
        # Flush what is due, so an alert queued a moment ago is not left until the next start.
        flush = threading.Thread(target=self._flush, name="final-flush", daemon=True)
        flush.start()
        flush.join(timeout=max(0.5, started + STOP_BUDGET - time.monotonic()))
        if flush.is_alive():
            log.warning("the outbox flush did not finish; the rest goes out at the next start")

    def _flush(self) -> None:
        # A tick still running (a slow channel) holds the lock: then it is the flush.
        if not self.lock.acquire(timeout=STOP_BUDGET / 2):
            return
        try:
            with Store(self.settings.database) as store:
                scheduler.tick(store, self.settings, utcnow(), started_at=self.started_at)
        except Exception as exc:
            log.error("the final outbox flush failed: %s", exc)
        finally:
            self.lock.release()

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
        """Ping systemd's watchdog at half its interval while every part is alive and the
        supervision itself runs; silence makes systemd restart the service."""
        while not self.finished.wait(interval / 2):
            fresh = time.monotonic() - self.supervised_at < max(interval, 3 * SUPERVISE_EVERY)
            if (self.healthy and fresh) or self.stopper():
                sd_notify("WATCHDOG=1")
            else:
                log.error("not every part of notifyd is working; not feeding the watchdog")

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
                # Signals wake the main thread at once; otherwise it supervises the parts.
                if not self.signalled.wait(timeout=SUPERVISE_EVERY):
                    self.supervise()
                    continue
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


def _identity(path: Path) -> tuple[int, int]:
    """Device and inode of the database file; (0, 0) when it is gone."""
    try:
        found = os.stat(path)
    except OSError:
        return (0, 0)
    return (found.st_dev, found.st_ino)


def run_forever(config_path: Path | None, settings: Settings, verbose: int) -> int:
    soft, _hard = raise_descriptor_limit()
    # One descriptor per IMAP connection, plus the database, the channels and some headroom.
    needed = sum(len(b.folders) for b in settings.mailbox if b.path is None) + 64
    if needed > soft:
        log.warning(
            "the open-file limit (%d) is below the %d descriptors %d mailbox folder(s) need; "
            "raise LimitNOFILE (ulimit -n)",
            soft,
            needed,
            needed - 64,
        )
    # Create and migrate before any thread opens it, and take back the alerts a previous
    # process claimed and died holding: they go out now instead of after the claim lease.
    with Store(settings.database) as store:
        released = store.release_claims()
    if released:
        log.info("%d alert(s) claimed by a process that stopped will be sent again", released)
    code = Daemon(config_path, settings, verbose).loop()
    # A sync, a send or the flush may still be blocked on a slow peer; their work is safe in
    # the database. Leave without waiting for them (the interpreter would join some of them,
    # and a pool used after shutdown ends in a RuntimeError traceback).
    if notify.senders_running() or any(
        t.is_alive() for t in threading.enumerate() if t is not threading.main_thread()
    ):
        logging.shutdown()
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)
    return code
