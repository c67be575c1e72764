"""Every watched folder on one selector thread (IDLE), with polls and syncs on a small bounded pool."""

from __future__ import annotations

import contextlib
import logging
import queue
import random
import selectors
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from notifyd.core.clock import utcnow
from notifyd.core.errors import AuthError, MailboxError
from notifyd.core.settings import MailboxConfig, Settings
from notifyd.deliver.monitor import token_source
from notifyd.ingest.imap import TRANSIENT, ImapMailbox
from notifyd.ingest.pipeline import Ingest, PollReport, poll_imap, poll_mailbox
from notifyd.store.db import Store
from notifyd.understand.classify import Rules

log = logging.getLogger(__name__)

# Syncs (connect, poll, re-enter IDLE) running at once: the cap on concurrent work against
# the servers and the database, whatever the number of mailboxes.
SYNC_WORKERS = 8
# RFC 2177: a server may drop an IDLE after 29 minutes without traffic; renewing earlier also
# finds a connection that died silently (no FIN through a NAT) within this time.
IDLE_RENEW = timedelta(minutes=20)
# The selector thread wakes at least this often to start due polls and renewals.
WAKE_EVERY = 1.0
BACKOFF_CAP = 300.0
# A selector thread silent this long is stuck; the supervisor restarts it.
HUB_STALL = 30.0


class Owner(Protocol):
    """What the watchers need from the daemon."""

    settings: Settings
    rules: Rules

    def record(
        self, store: Store, mailbox: str, folder: str, error: str | None, new_mail: bool = False
    ) -> None: ...

    def request_tick(self) -> None: ...

    def database_failed(self, where: str, exc: BaseException) -> None: ...


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


@dataclass(eq=False)
class Unit:
    """One thing to watch: a folder under IDLE, or a whole mailbox polled every poll_interval."""

    box: MailboxConfig
    folder: str | None  # None: the whole mailbox is polled (a path, or idle = false)
    conn: ImapMailbox | None = None
    failures: int = 0
    announced: bool = False
    polled: bool = False  # an IMAP folder whose server has no IDLE: polled on its connection
    due_at: float = 0.0  # monotonic time of the next sync while not in IDLE
    idle_since: float | None = None  # monotonic, while in IDLE
    busy_since: float | None = None  # monotonic, while a sync is queued or running
    quick_empty: int = 0

    @property
    def label(self) -> str:
        return self.box.name if self.folder is None else f"{self.box.name} folder {self.folder}"


def units_for(settings: Settings) -> list[Unit]:
    out: list[Unit] = []
    for box in settings.mailbox:
        if box.path is None and box.idle is not False:
            out += [Unit(box, folder) for folder in box.folders]
        else:
            out.append(Unit(box, None))
    return out


class Hub:
    """One thread waits on every IDLE socket at once; syncs run on a pool of SYNC_WORKERS.

    Only the pool touches the database and only the pool talks IMAP beyond reading what an
    idling server says, so a slow server or a locked database never holds the selector.
    """

    def __init__(
        self,
        owner: Owner,
        units: list[Unit],
        stop: Callable[[], bool],
        workers: int = SYNC_WORKERS,
    ) -> None:
        self.owner = owner
        self.units = units
        self.stop = stop
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sync")
        self.selector = selectors.DefaultSelector()
        self._done: queue.SimpleQueue[Unit] = queue.SimpleQueue()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)  # a full wake-up buffer already means "wake up"
        self._local = threading.local()
        self._stores: list[Store] = []
        self._stores_lock = threading.Lock()
        self._warned_no_idle: set[str] = set()
        self.thread: threading.Thread | None = None
        self.heartbeat = time.monotonic()
        self.crashed: BaseException | None = None

    # --- the selector thread -------------------------------------------------------------

    def start(self) -> None:
        self.heartbeat = time.monotonic()
        self.thread = threading.Thread(target=self._run, name="idle-hub", daemon=True)
        self.thread.start()

    def alive(self) -> bool:
        return (
            self.thread is not None
            and self.thread.is_alive()
            and time.monotonic() - self.heartbeat < HUB_STALL
        )

    def wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_w.send(b"\0")

    def _run(self) -> None:
        try:
            with contextlib.suppress(KeyError, ValueError):
                self.selector.register(self._wake_r, selectors.EVENT_READ, None)
            # A restarted hub takes over the units as they are: IDLE sockets registered again.
            for unit in self.units:
                if unit.idle_since is not None and unit.busy_since is None:
                    self._register(unit)
            while not self.stop():
                self.heartbeat = time.monotonic()
                for key, _events in self.selector.select(WAKE_EVERY):
                    if key.data is None:
                        with contextlib.suppress(OSError):
                            self._wake_r.recv(4096)
                    else:
                        self._readable(key.data)
                self._collect()
                self._schedule(time.monotonic())
        except Exception as exc:  # the supervisor sees the dead thread and restarts it
            self.crashed = exc
            log.exception("the IDLE watcher thread crashed")

    def _register(self, unit: Unit) -> None:
        sock = self._socket(unit)
        if sock is None:
            return
        try:
            self.selector.register(sock, selectors.EVENT_READ, unit)
        except (KeyError, ValueError, OSError):
            with contextlib.suppress(KeyError, ValueError, OSError):
                self.selector.modify(sock, selectors.EVENT_READ, unit)

    def _unregister(self, unit: Unit) -> None:
        sock = self._socket(unit)
        if sock is not None:
            with contextlib.suppress(KeyError, ValueError, OSError):
                self.selector.unregister(sock)

    @staticmethod
    def _socket(unit: Unit) -> socket.socket | None:
        client = unit.conn.client if unit.conn is not None else None
        if client is None:
            return None
        try:
            sock: socket.socket = client.socket()
            return sock if sock.fileno() >= 0 else None
        except (OSError, AttributeError):
            return None

    def _collect(self) -> None:
        """Units whose sync ended: back into the selector (IDLE) or on the timetable (poll)."""
        while True:
            try:
                unit = self._done.get_nowait()
            except queue.Empty:
                return
            unit.busy_since = None
            if unit.idle_since is not None:
                self._register(unit)

    def _schedule(self, now: float) -> None:
        for unit in self.units:
            if unit.busy_since is not None:
                continue
            if unit.idle_since is not None:
                renew = min(IDLE_RENEW, unit.box.poll_interval).total_seconds()
                if now - unit.idle_since >= renew:
                    self._unregister(unit)
                    self._submit(unit)
            elif now >= unit.due_at:
                self._submit(unit)

    def _submit(self, unit: Unit, lost: str | None = None) -> None:
        unit.busy_since = time.monotonic()
        try:
            self.pool.submit(self._sync, unit, lost)
        except RuntimeError:  # the pool is shut down: stopping
            unit.busy_since = None

    def _readable(self, unit: Unit) -> None:
        """The server said something during IDLE: a change or a goodbye starts a sync."""
        conn = unit.conn
        client = conn.client if conn is not None else None
        if client is None:
            self._unregister(unit)
            self._submit(unit, f"mailbox {unit.box.name}: connection lost during IDLE")
            return
        try:
            responses = client.idle_check(timeout=0)
        except TRANSIENT as exc:
            self._unregister(unit)
            self._submit(unit, f"mailbox {unit.box.name}: IDLE failed: {exc or type(exc).__name__}")
            return
        if any(_is_bye(r) for r in responses):
            self._unregister(unit)
            self._submit(unit, f"mailbox {unit.box.name}: the server closed the connection")
        elif any(_is_change(r) for r in responses):
            unit.quick_empty = 0
            self._unregister(unit)
            self._submit(unit)
        elif not responses:
            # Readable with nothing to read is a closed socket (imapclient hides the EOF).
            unit.quick_empty += 1
            if unit.quick_empty >= 3:
                self._unregister(unit)
                self._submit(unit, f"mailbox {unit.box.name}: connection lost during IDLE")
        else:
            unit.quick_empty = 0

    # --- the pool --------------------------------------------------------------------------

    def _store(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.owner.settings.database)
            with self._stores_lock:
                self._stores.append(store)
        return store

    def _sync(self, unit: Unit, lost: str | None) -> None:
        store: Store | None = None
        try:
            store = self._store()
            if lost is not None:
                self._failed(unit, store, MailboxError(lost), lost)
            elif unit.folder is None:
                self._poll_box(unit, store)
            else:
                self._sync_folder(unit, store)
        except MailboxError as exc:
            self._failed(unit, store, exc, str(exc))
        except Exception as exc:  # a bug or a full disk costs a retry, never the watching
            log.exception("%s: sync failed", unit.label)
            self._failed(unit, store, exc, f"mailbox {unit.box.name}: internal error: {exc}")
        finally:
            self._done.put(unit)
            self.wake()

    def _failed(self, unit: Unit, store: Store | None, exc: Exception, text: str) -> None:
        """Back off and record the failure; never raises (this is the error path)."""
        unit.failures += 1
        unit.idle_since = None
        if unit.conn is not None:
            unit.conn.abort()
        # A polled mailbox retries every poll_interval; an IDLE one should not wait longer.
        cap = min(BACKOFF_CAP, unit.box.poll_interval.total_seconds())
        # Refused credentials stay refused: retrying fast only earns a lockout.
        delay = cap if isinstance(exc, AuthError) else backoff(unit.failures, cap)
        unit.due_at = time.monotonic() + delay
        level = logging.INFO if unit.failures == 1 else logging.DEBUG
        log.log(level, "%s: trying again in %.0f s", unit.label, delay)
        if store is None:
            log.error("%s", text)
            return
        try:
            self.owner.record(store, unit.box.name, unit.folder or "", text)
        except Exception as record_exc:
            self.owner.database_failed(f"recording a failure of {unit.label}", record_exc)

    def _poll_box(self, unit: Unit, store: Store) -> None:
        box = unit.box
        if box.path is None and (unit.conn is None or unit.conn.config != box):
            unit.conn = ImapMailbox(box, token_source(box))
        report = poll_mailbox(
            store, self.owner.settings, self.owner.rules, box, utcnow(), unit.conn, stop=self.stop
        )
        unit.due_at = time.monotonic() + box.poll_interval.total_seconds()
        if report.error is None:
            unit.failures = 0
        self.owner.request_tick()

    def _sync_folder(self, unit: Unit, store: Store) -> None:
        """Connect if needed, leave IDLE, poll, and enter IDLE again (or wait, without IDLE)."""
        box, folder = unit.box, unit.folder
        assert folder is not None
        conn = unit.conn
        if conn is None or conn.client is None:
            conn = unit.conn = ImapMailbox(box, token_source(box))
            conn.connect(utcnow())
            unit.polled = not conn.has_idle()
            if unit.polled and box.name not in self._warned_no_idle:
                self._warned_no_idle.add(box.name)
                level = logging.WARNING if box.idle else logging.INFO
                log.log(
                    level,
                    "mailbox %s: the server offers no IDLE; polling every %s",
                    box.name,
                    box.poll_interval,
                )
            # SELECT before the first poll: from then on the server reports every new message
            # to this session, so nothing that lands between the poll and IDLE is missed.
            conn.select(folder)
        elif unit.idle_since is not None:
            unit.idle_since = None
            conn.idle_end()
        self._poll(unit, store, conn)
        if unit.failures:
            log.info("%s: connected again after %d failure(s)", unit.label, unit.failures)
        elif not unit.announced:
            log.info("%s: watching with %s", unit.label, "polls" if unit.polled else "IDLE")
        unit.failures, unit.announced = 0, True
        if self.stop():
            return
        if unit.polled:
            unit.due_at = time.monotonic() + box.poll_interval.total_seconds()
        else:
            conn.idle_start()
            unit.idle_since = time.monotonic()

    def _poll(self, unit: Unit, store: Store, conn: ImapMailbox) -> None:
        box = unit.box.model_copy(update={"folders": [unit.folder]})
        client = conn.client
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
        self.owner.record(store, unit.box.name, unit.folder or "", None, new_mail=seen > 0)

    # --- status and stopping ---------------------------------------------------------------

    def stuck(self, bound: float) -> list[str]:
        """Units whose sync has been queued or running longer than `bound` seconds."""
        now = time.monotonic()
        return [u.label for u in self.units if u.busy_since is not None and now - u.busy_since > bound]

    def watching(self) -> int:
        return sum(1 for u in self.units if u.idle_since is not None or u.polled or u.folder is None)

    def close(self, grace: float) -> list[str]:
        """Stop the pool (a sync finishes the message in hand within `grace` s), then drop
        every connection; returns the units still busy when time ran out."""
        self.wake()
        if self.thread is not None:
            self.thread.join(timeout=min(grace, 2.0))
        self.pool.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and any(u.busy_since for u in self.units):
            self._collect()
            time.sleep(0.05)
        busy = [u.label for u in self.units if u.busy_since is not None]
        idle = [u for u in self.units if u.idle_since is not None and u.busy_since is None]
        for unit in idle:
            if unit.conn is not None:
                unit.conn.goodbye()
        if idle:
            time.sleep(0.2)  # the servers read the LOGOUT before the connection goes
        # Dropping the sockets also ends any sync still blocked on a slow server.
        for unit in self.units:
            if unit.conn is not None:
                unit.conn.abort()
            unit.idle_since = None
        self.selector.close()
        for sock in (self._wake_r, self._wake_w):
            sock.close()
        return busy
