"""Fault injection: cut connections, SIGKILLed daemons, a channel that is down, concurrent writers."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import ROOT, ImapAccount, channel_toml, notifyd
from harness import Dovecot, TcpProxy, WebhookReceiver
from mailfactory import deactivation, newsletter, odr_warning, sold_ship_now, trademark_complaint

from notifyd.core.settings import Settings, load_settings
from notifyd.deliver import outbox as alert
from notifyd.ingest.pipeline import poll_mailbox
from notifyd.store.db import Store
from notifyd.understand.classify import load_rules

NOW = datetime.now(UTC) - timedelta(hours=1)
RULES = load_rules()
NOTICE_ID = re.compile(r"\(#(\d+)\)")
_NOTICE_KINDS = (odr_warning, trademark_complaint, deactivation)
_OTHER_KINDS = (newsletter, sold_ship_now)


def mailbox(total: int, every: int, tag: str) -> tuple[list[bytes], int]:
    """`total` messages, one notice in `every`, each with its own Message-ID; and the notices."""
    mails = []
    for i in range(total):
        msgid = f"<{tag}-{i}@example.test>"
        if i % every == 0:
            mails.append(_NOTICE_KINDS[i % 3](NOW, message_id=msgid))
        else:
            mails.append(_OTHER_KINDS[i % 2](NOW, message_id=msgid))
    return mails, len(range(0, total, every))


def alerted(hook: WebhookReceiver) -> Counter[int]:
    """How many alerts the receiver accepted per notice ID (self-alerts are not counted)."""
    found: Counter[int] = Counter()
    for request in hook.requests:
        match = NOTICE_ID.search(str(request.json.get("title", ""))) if request.status == 200 else None
        if match:
            found[int(match.group(1))] += 1
    return found


def count(store: Store, sql: str) -> int:
    row = store.one(sql)
    assert row is not None
    return int(next(iter(row.values())))


def via_proxy(imap: ImapAccount, proxy: TcpProxy, **extra: object) -> str:
    return imap.mailbox_toml(security="none", **extra).replace(
        f"port = {imap.server.port}", f"port = {proxy.port}"
    )


@contextmanager
def daemon(config: Path, log: Path, wrap: str | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """`notifyd run` as a subprocess; SIGKILLed on the way out if the test left it running.
    `wrap`: a shell line run first, in a private mount namespace (it ends in `exec` notifyd)."""
    command = [sys.executable, "-m", "notifyd", "--config", str(config), "run"]
    if wrap is not None:
        command = ["unshare", "-m", "sh", "-c", f"{wrap} && exec " + " ".join(command)]
    with log.open("ab") as err:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL, stdout=err, stderr=err, cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


def stop(proc: subprocess.Popen[bytes]) -> int:
    proc.send_signal(signal.SIGTERM)
    return proc.wait(timeout=20)


def until(check: Callable[[], bool], timeout: float, what: str, log: Path | None = None) -> None:
    """Wait for a condition the daemon brings about (bounded); fail with its log otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    tail = log.read_text(errors="replace")[-3000:] if log else ""
    raise AssertionError(f"{what}: not within {timeout:.0f} s\n{tail}")


def test_cuts_during_login_and_fetch_lose_nothing_and_alert_each_notice_once(
    imap: ImapAccount, dovecot: Dovecot, webhook: WebhookReceiver,
    write_config: Callable[..., Path],
) -> None:
    mails, notices = mailbox(500, 10, "cut")
    dovecot.deliver_many(mails, user=imap.user)
    rng = random.Random(8)
    with TcpProxy(dovecot.host, dovecot.port) as proxy:
        settings = load_settings(write_config(
            via_proxy(imap, proxy, batch_size=20),
            channel_toml("hook", webhook.url("json")),
        ))
        store = Store(settings.database)
        box = settings.mailbox[0]
        errors = []
        # Alternate the place of the cut: the greeting and LOGIN (< 400 bytes), the header and
        # body fetches (KB to tens of KB in), and the client's own commands.
        for attempt in range(80):
            where = attempt % 4
            if where == 0:
                proxy.cut_after_bytes(rng.randint(0, 400), "server_to_client")
            elif where == 3:
                proxy.cut_after_bytes(rng.randint(10, 120), "client_to_server")
            else:
                proxy.cut_after_bytes(rng.randint(2_000, 30_000), "server_to_client")
            report = poll_mailbox(store, settings, RULES, box, datetime.now(UTC))
            alert.deliver_due(store, settings, datetime.now(UTC))
            if report.error is None:
                break
            errors.append(report.error)
        assert report.error is None, errors[-3:]
        final = poll_mailbox(store, settings, RULES, box, datetime.now(UTC))
        last_commands = [c.commands[-1].split()[1].upper() if c.commands else "(none)"
                         for c in proxy.connections[: len(errors)]]
    assert final.error is None and final.seen == 0
    print(f"{len(errors)} cut polls before the 500-message sync completed")
    assert len(errors) >= 20, "the faults must hit many times before the sync completes"
    # A connection cut during LOGIN is the network, not a refusal of the credentials (which
    # would make the daemon back off for five minutes).
    assert not [e for e in errors if "refused the login" in e], errors
    # The cuts landed where they were meant to: before login, and in the middle of a FETCH.
    assert {"(none)", "CAPABILITY", "LOGIN"} & set(last_commands)
    assert last_commands.count("UID") >= 5, last_commands  # "tag UID FETCH ..."
    assert count(store, "SELECT count(*) FROM emails") == 500
    assert count(store, "SELECT count(DISTINCT uid) FROM emails") == 500
    assert count(store, "SELECT count(*) FROM notices") == notices
    assert count(store, "SELECT count(*) FROM alerts WHERE sent_at IS NULL") == 0
    per_notice = alerted(webhook)
    assert len(per_notice) == notices and set(per_notice.values()) == {1}
    assert len(imap.unseen()) == 500  # BODY.PEEK through every retry


def test_cuts_during_idle_and_reconnect_logins_miss_no_new_mail(
    imap: ImapAccount, dovecot: Dovecot, webhook: WebhookReceiver,
    write_config: Callable[..., Path], tmp_path: Path,
) -> None:
    mails, notices = mailbox(100, 5, "idle")
    dovecot.deliver_many(mails, user=imap.user)
    log = tmp_path / "daemon.log"
    with TcpProxy(dovecot.host, dovecot.port) as proxy:
        config = write_config(
            via_proxy(imap, proxy, idle=True, poll_interval="3s"),
            channel_toml("hook", webhook.url("json")),
        )
        with daemon(config, log) as proc:
            until(lambda: len(alerted(webhook)) == notices, 30, "first sync alerted", log)
            for round_ in range(4):
                until(lambda: proxy.active_count >= 1, 15, "watcher connected", log)
                if round_ % 2:
                    # The reconnect itself is cut too, during the greeting and LOGIN.
                    proxy.cut_after_bytes(60, "server_to_client")
                assert proxy.cut_all() >= 1  # the watcher's IDLE connection
                imap.deliver(odr_warning(NOW, message_id=f"<after-cut-{round_}@example.test>"))
                until(lambda: len(alerted(webhook)) == notices + round_ + 1, 30,  # noqa: B023
                      f"notice delivered after cut {round_}", log)
            assert stop(proc) == 0
    per_notice = alerted(webhook)
    assert len(per_notice) == notices + 4 and set(per_notice.values()) == {1}
    store = Store(load_settings(config).database)
    assert count(store, "SELECT count(*) FROM emails") == 104
    assert "Traceback" not in log.read_text(errors="replace")


def test_sigkill_at_random_points_loses_nothing_and_duplicates_at_most_one_alert_per_kill(
    imap: ImapAccount, dovecot: Dovecot, webhook: WebhookReceiver,
    write_config: Callable[..., Path], tmp_path: Path,
) -> None:
    rng = random.Random(20)
    config = write_config(
        imap.mailbox_toml(batch_size=2), channel_toml("hook", webhook.url("json"))
    )
    settings: Settings = load_settings(config)
    log = tmp_path / "daemon.log"
    kills = 20
    delivered = notices = 0
    mid_sync = 0
    for round_ in range(kills):
        mails, n = mailbox(200, 10, f"kill{round_}")
        dovecot.deliver_many(mails, user=imap.user)
        delivered, notices = delivered + len(mails), notices + n
        with Store(settings.database) as store:
            before = count(store, "SELECT count(*) FROM emails")
        with daemon(config, log) as proc, Store(settings.database) as watch:
            # Kill at a random point once the sync has begun: between two batches, in the
            # middle of one, while alerts are queued or while they are being sent.
            until(lambda: count(watch, "SELECT count(*) FROM emails") > before,  # noqa: B023
                  15, "the sync started", log)
            time.sleep(rng.uniform(0.0, 0.35))
            proc.send_signal(signal.SIGKILL)
            assert proc.wait(timeout=10) == -signal.SIGKILL
        with Store(settings.database) as store:
            after = count(store, "SELECT count(*) FROM emails")
        mid_sync += before < after < delivered
        # A start may repeat only the one alert the kill before it caught in flight (one
        # channel here), never the alerts sent before it: so far, no more duplicates than kills.
        duplicates = sum(n - 1 for n in alerted(webhook).values())
        assert duplicates <= round_, alerted(webhook)
    print(f"{mid_sync} of {kills} kills landed in the middle of a sync")
    # A last clean start catches up: the daemon takes back the alerts a killed process had
    # claimed, so nothing waits for the claim lease.
    unsent = "SELECT count(*) FROM alerts WHERE sent_at IS NULL AND failed_at IS NULL"
    with Store(settings.database) as store:
        stranded = count(store, unsent + " AND claimed_at IS NOT NULL")
    print(f"{stranded} alert(s) were claimed by a killed sender")
    with daemon(config, log) as proc, Store(settings.database) as watch:
        until(lambda: count(watch, "SELECT count(*) FROM emails") == delivered
              and count(watch, unsent) == 0, 60, "the last start caught up", log)
        assert stop(proc) == 0
    with Store(settings.database) as store:
        assert count(store, "SELECT count(*) FROM emails") == delivered
        assert count(store, "SELECT count(DISTINCT location) FROM emails") == delivered
        assert count(store, "SELECT count(*) FROM notices") == notices
        assert count(store, "SELECT count(*) FROM alerts WHERE sent_at IS NULL") == 0
    per_notice = alerted(webhook)
    assert len(per_notice) == notices
    duplicates = sum(n - 1 for n in per_notice.values())
    assert duplicates <= kills, per_notice
    print(f"{duplicates} duplicate alert(s) after {kills} kills")


def test_a_channel_down_for_a_while_gets_every_alert_once_it_is_back(
    imap: ImapAccount, dovecot: Dovecot, webhook: WebhookReceiver,
    write_config: Callable[..., Path],
) -> None:
    mails, notices = mailbox(60, 6, "down")
    dovecot.deliver_many(mails, user=imap.user)
    settings = load_settings(write_config(
        imap.mailbox_toml(), channel_toml("hook", webhook.url("json") + "?cto=1&rto=2")
    ))
    store = Store(settings.database)
    webhook.go_down()
    now = datetime.now(UTC)
    assert poll_mailbox(store, settings, RULES, settings.mailbox[0], now).notices == notices
    # Down for what the retry schedule makes about four hours: 30 s, 1 min, 2 min, ... 2 h.
    for _ in range(9):
        report = alert.deliver_due(store, settings, now)
        assert report.sent == 0
        # The first alert is retried; the rest wait behind it (one broken channel, one try).
        due = store.one("SELECT max(due_at) AS at FROM alerts WHERE sent_at IS NULL")
        assert due is not None and due["at"] is not None
        now = max(now, store.timestamp(due["at"]) or now)
    attempts = count(store, "SELECT count(*) FROM deliveries WHERE ok = 0")
    assert attempts >= 9
    assert count(store, "SELECT count(*) FROM alerts WHERE failed_at IS NOT NULL") == 0
    webhook.come_up()
    for _ in range(notices + 5):
        if store.outbox_depth() == 0:
            break
        due = store.one("SELECT max(due_at) AS at FROM alerts WHERE sent_at IS NULL")
        now = max(now, store.timestamp(due["at"]) if due else now)  # type: ignore[arg-type]
        alert.deliver_due(store, settings, now)
    assert store.outbox_depth() == 0
    per_notice = alerted(webhook)
    assert len(per_notice) == notices and set(per_notice.values()) == {1}
    rows = store.rows("SELECT error FROM deliveries WHERE ok = 0")
    assert all(r["error"] for r in rows)


def test_cli_writes_while_the_daemon_syncs_never_see_a_locked_database(
    imap: ImapAccount, dovecot: Dovecot, webhook: WebhookReceiver,
    write_config: Callable[..., Path], tmp_path: Path,
) -> None:
    first, _ = mailbox(12, 1, "cli")
    dovecot.deliver_many(first, user=imap.user)
    config = write_config(imap.mailbox_toml(batch_size=50), channel_toml("hook", webhook.url("json")))
    assert notifyd("--config", str(config), "run", "--once").returncode == 0
    busy, more = mailbox(1500, 10, "busy")
    dovecot.deliver_many(busy, user=imap.user)
    log = tmp_path / "daemon.log"
    results: list[subprocess.CompletedProcess[str]] = []
    lock = threading.Lock()

    def write(args: tuple[str, ...]) -> None:
        done = notifyd("--config", str(config), *args, timeout=60)
        with lock:
            results.append(done)

    commands = [("note", str(i), f"called the buyer, attempt {i}") for i in range(1, 9)]
    commands += [("ack", str(i), "--by", "ops") for i in range(1, 13, 2)]
    commands += [("action", str(i), "removed the listing") for i in range(2, 9, 2)]
    with daemon(config, log) as proc:
        store = Store(load_settings(config).database)
        # Start writing once the daemon is in the middle of the 1500-message sync.
        until(lambda: count(store, "SELECT count(*) FROM emails") > 100, 30, "sync started", log)
        threads = [threading.Thread(target=write, args=(c,)) for c in commands]
        for group in range(0, len(threads), 4):
            for t in threads[group : group + 4]:
                t.start()
            for t in threads[group : group + 4]:
                t.join(timeout=90)
        until(lambda: len(alerted(webhook)) == 12 + more, 60, "every notice alerted", log)
        assert stop(proc) == 0
    assert len(results) == len(commands)
    for done in results:
        assert done.returncode == 0, done.stderr
        assert "locked" not in done.stderr.lower() and "Traceback" not in done.stderr
    assert "locked" not in log.read_text(errors="replace").lower()
    kinds = Counter(r["kind"] for r in store.rows("SELECT kind FROM events"))
    assert kinds["note"] == 8 and kinds["acknowledged"] == 6 and kinds["action"] == 4
    assert count(store, "SELECT count(*) FROM emails") == 1512


# --- bounded: a trickling server or channel, an inflated body --------------------------------


def test_run_once_ends_while_the_imap_server_trickles_and_reports_the_slow_server(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path],
) -> None:
    imap.deliver(odr_warning(NOW))
    with TcpProxy(imap.server.host, imap.server.port) as proxy:
        # One byte a second: far inside any per-recv timeout, far outside `timeout` overall.
        proxy.trickle(1.0)
        box = imap.mailbox_toml(security="none").replace(
            f"port = {imap.server.port}", f"port = {proxy.port}").replace(
            'timeout = "10s"', 'timeout = "4s"')
        config = write_config(box, channel_toml("hook", webhook.url("json")))
        done = notifyd("--config", str(config), "run", "--once", timeout=90)
        proxy.trickle(0)
    assert done.returncode == 1, done.stderr
    assert "main: 0 new emails" in done.stderr
    assert "the server answered too slowly" in done.stderr
    assert "Traceback" not in done.stderr
    health = Store(load_settings(config).database).one("SELECT * FROM mailbox_health")
    assert health is not None and health["consecutive_failures"] == 1


def test_an_inflated_body_is_refused_as_announced_and_recorded_with_memory_kept_small(
    write_config: Callable[..., Path], webhook: WebhookReceiver,
) -> None:
    import resource

    from harness import FakeImap

    real, inflated = deactivation(NOW), odr_warning(NOW)
    with FakeImap([inflated, real], inflate={1: 300_000_000}) as server:
        box = "\n".join([
            "[[mailbox]]", 'name = "main"', f'host = "{server.host}"', f"port = {server.port}",
            'security = "none"', 'username = "seller"', 'password = "pw"', 'since = "3650d"',
            'timeout = "20s"', "batch_size = 10",
        ]) + "\n"
        config = write_config(box, channel_toml("hook", webhook.url("json")))
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        done = notifyd("--config", str(config), "run", "--once", timeout=120)
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        sent = server.sent_bytes
    assert done.returncode == 0, done.stderr
    # The other message in the same batch is fetched again on its own and alerted.
    assert "main: 2 new emails, 1 notices" in done.stderr
    store = Store(load_settings(config).database)
    skipped = store.one("SELECT status, reason FROM emails WHERE uid = 1")
    assert skipped is not None and skipped["status"] == "skipped"
    assert skipped["reason"].startswith("the server sent 300000000 bytes for a message it listed as")
    assert [r["subject"] for r in store.rows("SELECT subject FROM notices")] == [
        "Your Amazon selling account has been deactivated"]
    # Refused from the announced size: a sliver of the 300 MB was ever read.
    assert sent < 50_000_000
    if peak_kib > before:  # ru_maxrss of children is the largest one so far
        assert peak_kib < 100 * 1024, f"peak RSS {peak_kib} KiB"


def test_a_trickling_channel_holds_neither_run_once_nor_the_other_channel(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path],
) -> None:
    imap.deliver(deactivation(NOW))
    imap.deliver(odr_warning(NOW))
    webhook.trickle(2.0, path="/slow")  # one byte every 2 s, as in the issue
    config = write_config(
        imap.mailbox_toml(),
        channel_toml("slow", webhook.url("json", "/slow")),
        channel_toml("fast", webhook.url("json", "/fast")),
    )
    done = notifyd("--config", str(config), "run", "--once", timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert len(webhook.wait_for(2, timeout=5, path="/fast")) == 2
    store = Store(load_settings(config).database)
    slow = store.rows("SELECT error FROM deliveries WHERE channel = 'slow' AND ok = 0")
    assert slow and "no complete answer within 20 s; cut off" in slow[0]["error"]
    # The slow channel's other alert waits for a retry instead of a second stuck send.
    assert len(slow) == 1


def test_a_full_disk_is_reported_through_the_channel_and_the_next_notice_is_alerted_once_freed(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path], tmp_path: Path,
) -> None:
    if os.geteuid() != 0 or not all(shutil.which(p) for p in ("unshare", "nsenter")):
        pytest.skip("needs root, unshare(1) and nsenter(1) for a private tmpfs")
    state = tmp_path / "state"
    state.mkdir()
    config = write_config(imap.mailbox_toml(poll_interval="30s"),
                          channel_toml("hook", webhook.url("json")),
                          database=str(state / "notifyd.db"))
    log = tmp_path / "daemon.log"

    def inside(proc: subprocess.Popen[bytes], line: str) -> None:
        # The tmpfs exists only in the daemon's mount namespace: act on it from there.
        subprocess.run(["nsenter", "-t", str(proc.pid), "-m", "sh", "-c", line],
                       capture_output=True, timeout=60, check=False)

    with daemon(config, log, wrap=f"mount -t tmpfs -o size=4m tmpfs {state}") as proc:
        until(lambda: "watching with IDLE" in log.read_text(errors="replace"), 30, "IDLE", log)
        inside(proc, f"dd if=/dev/zero of={state}/filler bs=16k 2>/dev/null; true")
        imap.deliver(odr_warning(NOW, message_id="<during-full-disk@example.test>"))
        problem = "the database cannot be written: OperationalError: database or disk is full"
        until(lambda: any(problem in str(r.body) for r in webhook.requests), 60,
              "a self-alert about the full disk", log)
        inside(proc, f"rm -f {state}/filler")
        imap.deliver(deactivation(NOW, message_id="<after-full-disk@example.test>"))
        # Both the notice that came while the disk was full and the one after are alerted.
        until(lambda: len(alerted(webhook)) == 2, 120, "both notices alerted", log)
        until(lambda: any("recovered: " + problem in str(r.body) for r in webhook.requests), 30,
              "the recovery told", log)
        assert proc.poll() is None, "the daemon died"
        assert stop(proc) == 0
    assert sorted(alerted(webhook).values()) == [1, 1]


def test_after_a_channel_outage_the_backlog_goes_out_most_severe_first(
    write_config: Callable[..., Path],
) -> None:
    from notifyd.deliver.notify import Outcome
    from notifyd.deliver.render import Message

    settings = load_settings(write_config(channel_toml("hook", "json://127.0.0.1:9/hook")))
    sent: list[str] = []
    up = False

    def channel(url: str, message: Message) -> Outcome:
        if not up:
            return Outcome(False, "connection refused")
        sent.append(message.title)
        return Outcome(True)

    with Store(settings.database) as store:
        for title, severity in (("first, low", "low"), ("second, high", "high"),
                                ("third, critical", "critical"), ("fourth, medium", "medium")):
            alert.enqueue_plain(store, settings, title, "body", severity, "system", NOW)
        alert.deliver_due(store, settings, NOW, send=channel)  # the channel is down
        assert sent == []
        up = True
        alert.deliver_due(store, settings, NOW + timedelta(hours=1), send=channel)
    assert sent == ["third, critical", "second, high", "fourth, medium", "first, low"]
