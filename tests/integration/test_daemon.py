"""`notifyd run` as a subprocess against a real Dovecot and webhook: IDLE, signals, systemd, health."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import ROOT, ImapAccount, channel_toml, notifyd, require_dovecot
from harness import Dovecot, TcpProxy, WebhookReceiver
from mailfactory import deactivation, odr_warning, trademark_complaint

from notifyd.store.db import Store

NOW = datetime.now(UTC) - timedelta(minutes=5)
CORPUS = ROOT / "tests" / "corpus"


def until(check: Callable[[], object], timeout: float, what: str, log: Callable[[], str] = str) -> None:
    """Wait (bounded) for check() to be true; the failure names what was awaited."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f}s for {what}\n--- daemon log ---\n{log()}")
        time.sleep(0.05)


class DaemonProcess:
    """`python -m notifyd --config X run` with its output in a file (a full pipe would block it)."""

    def __init__(self, config: Path, log_path: Path, env: dict[str, str] | None = None) -> None:
        self.log_path = log_path
        self._out = log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "notifyd", "--config", str(config), "run"],
            stdout=self._out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {})}, cwd=ROOT,
        )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_log(self, text: str, timeout: float = 15, count: int = 1) -> None:
        until(lambda: self.log().count(text) >= count or self.proc.poll() is not None,
              timeout, f"{text!r} in the log", self.log)
        assert self.proc.poll() is None, f"notifyd exited {self.proc.returncode}:\n{self.log()}"

    def running(self) -> bool:
        return self.proc.poll() is None

    def send(self, sig: int) -> None:
        self.proc.send_signal(sig)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10) -> int:
        """Signal it; its exit status, which must come within `timeout` seconds."""
        self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.close()
            raise AssertionError(f"notifyd still running {timeout}s after {sig}:\n{self.log()}") from None
        return code

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self._out.close()


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., DaemonProcess]]:
    started: list[DaemonProcess] = []

    def run(config: Path, env: dict[str, str] | None = None) -> DaemonProcess:
        daemon = DaemonProcess(config, tmp_path / f"daemon-{len(started)}.log", env)
        started.append(daemon)
        return daemon

    yield run
    for daemon in started:
        daemon.close()


@pytest.fixture
def own_dovecot() -> Iterator[Dovecot]:
    """A private Dovecot this test may stop and restart (never the session's shared one)."""
    require_dovecot()
    with Dovecot() as server:
        yield server


def status(config: Path) -> tuple[int, dict[str, object]]:
    result = notifyd("--config", str(config), "status", "--json")
    assert result.stdout, result.stderr
    return result.returncode, json.loads(result.stdout)


def titles(hook: WebhookReceiver, path: str | None = None) -> list[str]:
    return [r.json["title"] for r in hook.requests if path is None or r.path == path]


def test_idle_alerts_within_seconds_and_status_is_healthy(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path],
    start: Callable[..., DaemonProcess],
) -> None:
    # poll_interval 10m: only IDLE can bring the notice in within the wait below.
    config = write_config(imap.mailbox_toml(poll_interval="10m"),
                          channel_toml("hook", webhook.url("json")))
    imap.deliver(trademark_complaint(NOW))  # waiting before the daemon starts
    daemon = start(config)
    daemon.wait_log("watching with IDLE")
    [first] = webhook.wait_for(1, timeout=10)
    assert first.json["title"] == "[HIGH] Trademark complaint on amazon.com (#1)"
    imap.deliver(odr_warning(NOW))
    second = webhook.wait_for(2, timeout=10)[1]
    assert second.json["title"] == "[HIGH] Order Defect Rate above target on amazon.com (#2)"

    code, report = status(config)
    assert code == 0 and report["healthy"] is True
    [box] = report["mailboxes"]  # type: ignore[misc]
    assert box["name"] == "main" and box["last_success_at"] and box["last_error"] is None
    assert report["open_notices"] == 2 and report["outbox_depth"] == 0

    code = daemon.stop()
    assert code == 0
    assert "stopped" in daemon.log()
    # The IMAP session was closed with LOGOUT, not dropped.
    until(lambda: any(f"imap({imap.user})" in line and "Logged out" in line
                      for line in imap.server.log_text().splitlines()),
          5, "LOGOUT in Dovecot's log")


def test_sigterm_while_mail_arrives_loses_nothing_and_sends_nothing_twice(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path],
    start: Callable[..., DaemonProcess],
) -> None:
    config = write_config(imap.mailbox_toml(poll_interval="10m"),
                          channel_toml("hook", webhook.url("json")))
    daemon = start(config)
    daemon.wait_log("watching with IDLE")
    for raw in (odr_warning(NOW), trademark_complaint(NOW), deactivation(NOW)):
        imap.deliver(raw)
    webhook.wait_for(1, timeout=10)
    code = daemon.stop()
    assert code == 0, daemon.log()
    # Whatever the stop left unread or unsent, the next run picks up; nothing is sent twice.
    again = notifyd("--config", str(config), "run", "--once")
    assert again.returncode == 0, again.stderr
    webhook.wait_for(3, timeout=10)
    assert sorted(titles(webhook)) == [
        "[CRITICAL] Account deactivated: Late Shipment Rate above target on amazon.com (#3)",
        "[HIGH] Order Defect Rate above target on amazon.com (#1)",
        "[HIGH] Trademark complaint on amazon.com (#2)",
    ]


def test_sigterm_exits_in_time_even_while_the_server_hangs(
    imap: ImapAccount, write_config: Callable[..., Path], start: Callable[..., DaemonProcess],
) -> None:
    with TcpProxy(imap.server.host, imap.server.port) as proxy:
        box = imap.mailbox_toml(security="none", timeout="60s").replace(
            f"port = {imap.server.port}", f"port = {proxy.port}").replace('timeout = "10s"\n', "")
        config = write_config(box)
        proxy.pause(30)  # connections open, but not a byte comes back
        daemon = start(config)
        daemon.wait_log("notifyd running")
        assert daemon.stop() == 0  # within 10 s, though the login would wait 60 s
        assert "still busy when stopping" in daemon.log()
        proxy.resume()


def test_systemd_notify_watchdog_and_journal_friendly_logs(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path],
    start: Callable[..., DaemonProcess],
) -> None:
    folder = tempfile.mkdtemp(prefix="notify-")  # short: AF_UNIX paths stop at 108 bytes
    path = os.path.join(folder, "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(0.2)
    messages: list[str] = []

    def drain() -> str:
        try:
            while True:
                messages.append(sock.recv(4096).decode())
        except TimeoutError:
            pass
        return "\n".join(messages)

    try:
        config = write_config(imap.mailbox_toml(poll_interval="10m"),
                              channel_toml("hook", webhook.url("json")))
        daemon = start(config, env={"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "1000000",
                                    "INVOCATION_ID": "0123456789abcdef"})
        until(lambda: "READY=1" in drain(), 15, "READY=1", daemon.log)
        until(lambda: drain().count("WATCHDOG=1") >= 2, 10, "two WATCHDOG=1 pings", daemon.log)
        assert any(m.startswith("READY=1\nSTATUS=watching 1 mailbox") for m in messages)
        code = daemon.stop()
        assert code == 0
        assert "STOPPING=1" in drain()
        # Under systemd the journal stamps each line; notifyd adds no timestamp of its own.
        first = daemon.log().splitlines()[0]
        assert first.startswith("INFO notifyd."), first
    finally:
        sock.close()
        shutil.rmtree(folder, ignore_errors=True)


def test_sighup_keeps_the_old_config_when_the_new_one_is_bad_and_applies_a_good_one(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path],
    start: Callable[..., DaemonProcess],
) -> None:
    box = imap.mailbox_toml(poll_interval="10m")
    config = write_config(box, channel_toml("hook", webhook.url("json", "/first")))
    daemon = start(config)
    daemon.wait_log("watching with IDLE")

    config.write_text(config.read_text().replace('poll_interval = "10m"', 'poll_interval = "5x"'))
    daemon.send(signal.SIGHUP)
    daemon.wait_log("reload rejected, keeping the running configuration")
    assert "mailbox['main'].poll_interval: '5x' is not a duration" in daemon.log()
    imap.deliver(odr_warning(NOW))
    webhook.wait_for(1, timeout=10, path="/first")

    write_config(box, channel_toml("hook", webhook.url("json", "/second")))
    daemon.send(signal.SIGHUP)
    daemon.wait_log("configuration reloaded")
    daemon.wait_log("watching with IDLE", count=2)
    imap.deliver(trademark_complaint(NOW))
    webhook.wait_for(1, timeout=10, path="/second")
    assert titles(webhook, "/second") == ["[HIGH] Trademark complaint on amazon.com (#2)"]
    code = daemon.stop()
    assert code == 0


def test_server_down_raises_a_self_alert_and_its_recovery_is_told(
    own_dovecot: Dovecot, webhook: WebhookReceiver, write_config: Callable[..., Path],
    start: Callable[..., DaemonProcess],
) -> None:
    account = ImapAccount(own_dovecot, own_dovecot.user, own_dovecot.password)
    config = write_config(
        account.mailbox_toml(poll_interval="1s"),
        channel_toml("hook", webhook.url("json")),
        '[monitor]\nmailbox_failing_after = "2s"\n',
    )
    daemon = start(config)
    daemon.wait_log("watching with IDLE")

    own_dovecot.stop()
    until(lambda: "notifyd problem" in titles(webhook), 20, "the self-alert", daemon.log)
    [problem] = [r.json for r in webhook.requests if r.json["title"] == "notifyd problem"]
    assert problem["message"].startswith("mailbox main failing since ")
    code, report = status(config)
    assert code == 1 and report["healthy"] is False
    [box] = report["mailboxes"]  # type: ignore[misc]
    assert box["healthy"] is False and "mailbox main" in box["last_error"]
    assert any("mailbox main failing since" in p for p in report["problems"])  # type: ignore[attr-defined]

    own_dovecot.start()
    until(lambda: "notifyd recovered" in titles(webhook), 20, "the recovery", daemon.log)
    [back] = [r.json for r in webhook.requests if r.json["title"] == "notifyd recovered"]
    assert back["message"].startswith("recovered: mailbox main failing since ")
    code, report = status(config)
    assert code == 0 and report["healthy"] is True
    text = notifyd("--config", str(config), "status").stdout
    assert "mailbox main: ok; last success " in text and "; last failure " in text
    # Watching again: new mail arrives as before.
    account.deliver(odr_warning(NOW))
    until(lambda: any("Order Defect Rate" in t for t in titles(webhook)), 10, "the notice",
          daemon.log)
    assert titles(webhook).count("notifyd problem") == 1  # raised once, not once per retry
    code = daemon.stop()
    assert code == 0


def wait_idling(proxy: TcpProxy, timeout: float = 10.0) -> None:
    """Wait until the daemon's newest connection sits in IDLE, so a fault lands there."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        live = [c for c in proxy.connections if not c.closed]
        if live and live[-1].lines and live[-1].lines[-1].upper().endswith(" IDLE"):
            time.sleep(0.3)  # the server's "+ idling" reaches the client
            return
        time.sleep(0.05)
    raise AssertionError(f"the daemon never entered IDLE: {proxy.commands_per_connection()}")


def test_a_dropped_connection_during_idle_reconnects_instead_of_spinning(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path],
    start: Callable[..., DaemonProcess],
) -> None:
    with TcpProxy(imap.server.host, imap.server.port) as proxy:
        # IDLE is renewed every poll_interval: 30s keeps the watcher inside one IDLE while the
        # faults land, and a first reconnect waits at most 3 s whatever the interval.
        box = imap.mailbox_toml(security="none", poll_interval="30s").replace(
            f"port = {imap.server.port}", f"port = {proxy.port}")
        config = write_config(box, channel_toml("hook", webhook.url("json")))
        daemon = start(config)
        daemon.wait_log("watching with IDLE")
        wait_idling(proxy)
        # A clean goodbye: the server says BYE.
        imap.server.kick(imap.user)
        daemon.wait_log("connected again after 1 failure(s)")
        wait_idling(proxy)
        # A connection that just ends (no BYE): imapclient then returns [] at once, forever.
        proxy.cut_all()
        daemon.wait_log("connected again after 1 failure(s)", count=2)
        imap.deliver(odr_warning(NOW))
        webhook.wait_for(1, timeout=10)
        # Each failure was a blip shorter than mailbox_failing_after: no self-alert about it.
        assert titles(webhook) == ["[HIGH] Order Defect Rate above target on amazon.com (#1)"]
        assert "the server closed the connection" in daemon.log()
        assert "connection lost during IDLE" in daemon.log()
        code = daemon.stop()
        assert code == 0


def test_a_server_without_idle_is_polled_instead(
    webhook: WebhookReceiver, write_config: Callable[..., Path],
    start: Callable[..., DaemonProcess],
) -> None:
    require_dovecot()
    # A server that does not offer IDLE after login.
    with Dovecot(extra_config="imap_capability = IMAP4rev1 LITERAL+ SASL-IR ID ENABLE UIDPLUS\n") as server:
        account = ImapAccount(server, server.user, server.password)
        config = write_config(account.mailbox_toml(poll_interval="1s"),
                              channel_toml("hook", webhook.url("json")))
        daemon = start(config)
        daemon.wait_log("the server offers no IDLE; polling every")
        account.deliver(odr_warning(NOW))
        webhook.wait_for(1, timeout=10)
        code = daemon.stop()
        assert code == 0
        assert "IDLE" not in " ".join(server.commands(server.user))


def test_unrecognised_amazon_mail_is_alerted_at_medium_with_its_subject(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    imap.deliver((CORPUS / "070-unrecognised-handmade-profile.eml").read_bytes())
    config = write_config(
        imap.mailbox_toml(),
        channel_toml("everything", webhook.url("json", "/low"), min_severity="low"),
        channel_toml("important", webhook.url("json", "/medium"), min_severity="medium"),
    )
    result = notifyd("--config", str(config), "run", "--once")
    assert result.returncode == 0, result.stderr
    # issue 12: nobody knows what it says, so it is alerted at medium, with its subject
    post = webhook.wait_for(1, timeout=10)[0]
    assert post.json["title"].startswith("[MEDIUM]")
    assert "Subject: Notice: Your Handmade Maker profile has been hidden" in post.json["message"]


def test_mail_that_cannot_be_read_raises_one_self_alert(
    tmp_path: Path, webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "broken.eml").write_bytes(b"\x00\x01\x02 this is not an email at all \xff\xfe\n")
    config = write_config(f'[[mailbox]]\nname = "local"\npath = "{inbox}"\n',
                          channel_toml("hook", webhook.url("json")))
    first = notifyd("--config", str(config), "run", "--once")
    assert first.returncode == 0, first.stderr
    [post] = webhook.wait_for(1, timeout=10)
    assert post.json["title"] == "notifyd could not read an email"
    assert "1 email(s) could not be read" in post.json["message"]
    assert "not an email" in post.json["message"]
    second = notifyd("--config", str(config), "run", "--once")
    assert second.returncode == 0, second.stderr
    assert len(webhook.requests) == 1  # told once


def test_a_backed_up_outbox_makes_status_unhealthy_and_raises_a_self_alert(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    imap.deliver(odr_warning(NOW))
    imap.deliver(trademark_complaint(NOW))
    config = write_config(imap.mailbox_toml(), channel_toml("hook", webhook.url("json")),
                          "[monitor]\noutbox_backlog = 2\n")
    webhook.go_down()
    result = notifyd("--config", str(config), "run", "--once")
    assert result.returncode == 0, result.stderr
    code, report = status(config)
    assert code == 1 and report["healthy"] is False
    # Two notices, their sends failed: a backlog of a channel in trouble.
    assert report["outbox_depth"] == 2
    assert report["problems"] == ["2 alerts waiting in the outbox; a channel may be down"]
    # The next cycle raises the self-alert about it (queued too, the channel being down).
    assert notifyd("--config", str(config), "run", "--once").returncode == 0
    code, report = status(config)
    assert report["outbox_depth"] == 3
    assert report["open_notices"] == 2
    [box] = report["mailboxes"]  # type: ignore[misc]
    assert box["healthy"] is True  # the mailbox is fine; the channel is not
    text = notifyd("--config", str(config), "status")
    assert text.returncode == 1
    assert text.stdout.splitlines()[0] == "UNHEALTHY"
    assert "outbox: 3 waiting; open notices: 2" in text.stdout  # the self-alert queued too


def test_a_first_sync_queueing_many_alerts_raises_no_backlog_alert_while_they_go_out(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    for raw in (odr_warning(NOW), trademark_complaint(NOW), deactivation(NOW)):
        imap.deliver(raw)
    config = write_config(imap.mailbox_toml(), channel_toml("hook", webhook.url("json")),
                          "[monitor]\noutbox_backlog = 2\n")
    result = notifyd("--config", str(config), "run", "--once")
    assert result.returncode == 0, result.stderr
    webhook.wait_for(3, timeout=10)
    titles = [r.json["title"] for r in webhook.requests]
    assert len(titles) == 3 and not any(t.startswith("notifyd") for t in titles), titles
    code, report = status(config)
    assert code == 0 and report["problems"] == []


# --- startups that cannot work: one line and a distinct exit status, never a traceback ----------


def _fake_box(server: object) -> str:
    return "\n".join([
        "[[mailbox]]", 'name = "main"', f'host = "{server.host}"',  # type: ignore[attr-defined]
        f"port = {server.port}", 'security = "none"',  # type: ignore[attr-defined]
        'username = "seller"', 'password = "pw"', 'since = "3650d"', 'timeout = "10s"',
    ]) + "\n"


def test_a_bad_database_file_is_refused_with_one_line_and_exit_3(
    tmp_path: Path, write_config: Callable[..., Path],
) -> None:
    import sqlite3

    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"\x13\x37" * 4000)
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    dangling = tmp_path / "dangling.db"
    dangling.symlink_to(tmp_path / "gone" / "notifyd.db")
    cases = {
        corrupt: "is not an SQLite database (corrupt, or another program's file)",
        foreign: "belongs to another program (tables: recipes)",
        dangling: f"is a symlink to {tmp_path / 'gone' / 'notifyd.db'}, which does not exist",
    }
    for path, why in cases.items():
        config = write_config(database=str(path))
        for command in (("status",), ("run", "--once")):
            done = notifyd("--config", str(config), *command)
            assert done.returncode == 3, (path, done.stderr)
            assert done.stderr.startswith(f"notifyd: database {path} {why}"), done.stderr
            assert done.stderr.count("\n") == 1, done.stderr
    # Refused, not "repaired": the other program's table is still the only one.
    with sqlite3.connect(foreign) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["recipes"]
    conn.close()


def test_a_database_on_a_read_only_mount_is_refused_with_one_line(tmp_path: Path) -> None:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        pytest.skip("needs root and unshare(1) for a private read-only mount")
    mount = tmp_path / "state"
    mount.mkdir()
    config = tmp_path / "notifyd.toml"
    config.write_text(f'database = "{mount}/notifyd.db"\n')
    script = (f"mount -t tmpfs -o size=4m tmpfs {mount} && "
              f"{sys.executable} -m notifyd --config {config} run --once >/dev/null 2>&1; "
              f"mount -o remount,ro {mount} && exec {sys.executable} -m notifyd --config {config} status")
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True,
                          timeout=60, cwd=ROOT, check=False)
    assert done.returncode == 3, done.stderr
    assert done.stderr == (f"notifyd: database {mount}/notifyd.db is on a read-only file system; "
                           "notifyd must write to it (mount it read-write or choose another path)\n")


def test_list_variables_take_the_forms_the_readme_shows_and_zero_durations_are_refused(
    write_config: Callable[..., Path],
) -> None:
    config = write_config()
    for value in ("72h", "72h,24h", '["72h", "24h"]'):
        done = notifyd("--config", str(config), "check", env={"NOTIFYD_REMINDERS__BEFORE": value})
        assert done.returncode == 0, (value, done.stderr)
    for key, line in (
        ("NOTIFYD_REMINDERS__OVERDUE_EVERY", "reminders.overdue_every: must be longer than 0"),
        ("NOTIFYD_REMINDERS__RETRY_MAX", "reminders.retry_max: must be longer than 0"),
        ("NOTIFYD_REMINDERS__BEFORE", "reminders.before[1]: must be longer than 0"),
    ):
        value = "24h,0s" if key.endswith("BEFORE") else "0s"
        done = notifyd("--config", str(config), "check", env={key: value})
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith(f"notifyd: config: {line}; write it like"), done.stderr
        assert done.stderr.count("\n") == 1
    done = notifyd("--config", str(config), "check", env={"NOTIFYD_MAILBOX": "[{broken"})
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("notifyd: config: environment: NOTIFYD_MAILBOX"), done.stderr


def test_a_server_whose_status_omits_uidnext_is_still_read(
    write_config: Callable[..., Path], webhook: WebhookReceiver,
) -> None:
    from harness import FakeImap

    with FakeImap([deactivation(NOW)], status_items=("MESSAGES", "UIDVALIDITY")) as server:
        config = write_config(_fake_box(server), channel_toml("hook", webhook.url("json")))
        done = notifyd("--config", str(config), "run", "--once")
        again = notifyd("--config", str(config), "run", "--once")
    assert done.returncode == 0, done.stderr
    assert "main: 1 new emails, 1 notices" in done.stderr
    assert "main: 0 new emails" in again.stderr  # the position was saved: nothing read twice
    assert len(webhook.wait_for(1, timeout=10)) == 1


# --- bounded stops and supervision ------------------------------------------------------------


def test_sigterm_exits_within_10s_while_a_channel_trickles_without_a_traceback(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path],
    start: Callable[..., DaemonProcess],
) -> None:
    webhook.trickle(2.0)  # every answer one byte every 2 s: a send that never ends by itself
    config = write_config(imap.mailbox_toml(), channel_toml("hook", webhook.url("json")))
    daemon = start(config)
    daemon.wait_log("watching with IDLE")
    imap.deliver(deactivation(NOW))
    webhook.wait_for(1, timeout=15)  # the send is now under way, and trickling
    assert daemon.stop() == 0  # within 10 s
    assert "Traceback" not in daemon.log() and "RuntimeError" not in daemon.log()


def test_a_crashed_watcher_thread_is_restarted_and_reported_and_mail_still_alerts(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path],
) -> None:
    from notifyd.core.settings import load_settings
    from notifyd.run import daemon as daemon_module

    config = write_config(imap.mailbox_toml(), channel_toml("hook", webhook.url("json")))
    settings = load_settings(config)
    with Store(settings.database):
        pass
    daemon = daemon_module.Daemon(config, settings)
    daemon.start()
    try:
        hub = daemon.hub
        assert hub is not None
        until(lambda: hub.watching() == 1, 15, "the folder in IDLE")
        real = hub._schedule
        crashes = iter([RuntimeError("a bug in the watcher")])

        def schedule_with_a_bug(now: float) -> None:
            for error in crashes:
                raise error
            real(now)

        hub._schedule = schedule_with_a_bug  # type: ignore[method-assign]
        hub.wake()
        until(lambda: hub.thread is not None and not hub.thread.is_alive(), 10, "the crash")
        daemon.supervise()
        assert daemon.healthy is False  # the watchdog is not fed now
        # `status` (a health check) says so too, from the daemon's own report.
        unhealthy = notifyd("--config", str(config), "status")
        assert unhealthy.returncode == 1, unhealthy.stdout
        assert "problem: notifyd's IDLE watcher thread stopped working" in unhealthy.stdout
        until(lambda: any("IDLE watcher thread stopped working" in str(r.body)
                          for r in webhook.requests), 15, "a self-alert about the crash")
        until(lambda: hub.alive(), 10, "the restarted watcher")
        imap.deliver(odr_warning(NOW))
        until(lambda: any("Order Defect Rate" in str(r.body) for r in webhook.requests), 20,
              "the notice alerted by the restarted watcher")
        daemon.supervise()
        assert daemon.healthy is True
        healthy = notifyd("--config", str(config), "status")
        assert healthy.returncode == 0, healthy.stdout
        assert f"daemon: pid {os.getpid()}, 1 watched, " in healthy.stdout
        assert " descriptors in use" in healthy.stdout
        until(lambda: any("recovered: notifyd's IDLE watcher thread stopped working" in str(r.body)
                          for r in webhook.requests), 15, "the recovery told")
    finally:
        daemon.stop()


def test_a_database_deleted_under_the_running_daemon_is_reported(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path],
    start: Callable[..., DaemonProcess], tmp_path: Path,
) -> None:
    config = write_config(imap.mailbox_toml(), channel_toml("hook", webhook.url("json")))
    daemon = start(config)
    daemon.wait_log("watching with IDLE")
    # The first supervision round (it notes the file it started with) leaves its report.
    def reported() -> bool:
        with Store(tmp_path / "notifyd.db") as store:
            return store.daemon_report() is not None

    until(reported, 20, "the daemon's first report", daemon.log)
    (tmp_path / "notifyd.db").unlink()
    until(lambda: any("was deleted or replaced while notifyd ran" in str(r.body)
                      for r in webhook.requests), 20, "a self-alert", daemon.log)
    assert daemon.running()  # kept running: a restart would start afresh and alert old mail
    # `status` on the path says so, from the running daemon's report, instead of "healthy".
    until(lambda: notifyd("--config", str(config), "status").returncode == 1, 40,
          "status unhealthy", daemon.log)
    assert daemon.stop() == 0
    # The restart (systemd's, or a person's) is refused in one line instead of starting afresh
    # on an empty database, and exit 4 is one the unit does not restart on.
    again = notifyd("--config", str(config), "run", timeout=60)
    assert again.returncode == 4, again.stderr
    assert again.stderr.strip().splitlines() == [
        line for line in again.stderr.strip().splitlines() if line.startswith("notifyd: database")
    ] and "notifyd run --new-database" in again.stderr
    # The running daemon's own connections may have left an empty file at the path; it is
    # refused all the same ("is not the one"), since the id remembered beside it is not in it.
    assert "is gone" in again.stderr or "is not the one" in again.stderr
