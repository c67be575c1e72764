"""Security properties a user relies on: secrets stay secret, the database is private, TLS is checked."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import ROOT, ImapAccount, channel_toml, notifyd
from harness import Dovecot, WebhookReceiver
from mailfactory import make_email, odr_warning

from notifyd.core.settings import load_settings
from notifyd.store.db import Store

NOW = datetime.now(UTC) - timedelta(hours=1)
IMAP_PASSWORD = "Zq8-imap-PASSWORD-4417"
CHANNEL_TOKEN = "tok3nSECRETchannel9921"
CHANNEL_PASSWORD = "hookPASSWORD5530"


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_no_password_or_token_in_logs_status_check_or_database(
    dovecot: Dovecot, webhook: WebhookReceiver, write_config: Callable[..., Path],
    tmp_path: Path,
) -> None:
    user = f"secretive-{tmp_path.name}@example.test"
    dovecot.add_user(user, IMAP_PASSWORD)
    account = ImapAccount(dovecot, user, IMAP_PASSWORD)
    account.deliver(odr_warning(NOW))
    url = (f"json://{CHANNEL_TOKEN}:{CHANNEL_PASSWORD}@127.0.0.1:{webhook.port}/hook/"
           f"{CHANNEL_TOKEN}?cto=2&rto=2")
    config = write_config(account.mailbox_toml(), channel_toml("hook", url))
    outputs = []
    # A failing delivery first: its error is logged and stored, and must be redacted there too.
    webhook.respond_with(503)
    outputs.append(notifyd("--config", str(config), "-v", "run", "--once"))
    webhook.respond_with(200)
    account.deliver(odr_warning(NOW, message_id="<second@example.test>"))
    wrong = write_config(account.mailbox_toml().replace(IMAP_PASSWORD, IMAP_PASSWORD + "x"),
                         channel_toml("hook", url))
    outputs.append(notifyd("--config", str(wrong), "-v", "run", "--once"))
    config = write_config(account.mailbox_toml(), channel_toml("hook", url))
    outputs.append(notifyd("--config", str(config), "-v", "run", "--once"))
    for args in (["status"], ["status", "--json"], ["check"], ["notices", "--status", "all"],
                 ["show", "1"], ["show", "1", "--json"]):
        outputs.append(notifyd("--config", str(config), *args))
    assert any(r.status == 200 for r in webhook.requests), "the alert went out in the end"
    assert "failed to connect" not in outputs[-1].stderr.lower()
    store = Store(load_settings(config).database)
    dump = "\n".join(store.conn.iterdump())
    assert "error=503" in dump  # the failed attempt is on record ...
    for secret in (IMAP_PASSWORD, CHANNEL_TOKEN, CHANNEL_PASSWORD):
        for result in outputs:
            leaks = [line for line in (result.stdout + result.stderr).splitlines() if secret in line]
            assert not leaks, (result.args[3:], leaks[:3])
        assert secret not in dump  # ... without the secrets


def test_the_database_and_its_wal_are_private_even_with_a_permissive_umask(
    imap: ImapAccount, write_config: Callable[..., Path], tmp_path: Path,
) -> None:
    imap.deliver(odr_warning(NOW))
    database = tmp_path / "state" / "notifyd.db"
    config = write_config(imap.mailbox_toml(), database=str(database))
    result = subprocess.run(
        [sys.executable, "-m", "notifyd", "--config", str(config), "run", "--once"],
        capture_output=True, text=True, timeout=120, cwd=ROOT, check=False,
        preexec_fn=lambda: os.umask(0),
    )
    assert result.returncode == 0, result.stderr
    assert private(database)
    store = Store(database)  # an open writer keeps the -wal and -shm files in place
    with store.transaction() as conn:
        conn.execute("UPDATE notices SET acknowledged_by = 'x'")
    for suffix in ("-wal", "-shm"):
        side = database.with_name(database.name + suffix)
        assert side.exists() and private(side), suffix
    store.close()
    # A file made world-readable by someone else is made private again on the next start.
    database.chmod(0o644)
    assert notifyd("--config", str(config), "status").returncode in (0, 1)
    assert private(database)


def test_tls_is_verified_by_default_and_nothing_is_sent_to_an_untrusted_server(
    imap: ImapAccount, write_config: Callable[..., Path],
) -> None:
    imap.deliver(odr_warning(NOW))
    for security in ("tls", "starttls"):
        section = imap.mailbox_toml(security=security).replace(
            f'ca_file = "{imap.server.ca_file}"\n', ""
        )
        imap.server.mark_commands()
        result = notifyd("--config", str(write_config(section)), "run", "--once")
        assert result.returncode == 1, result.stderr
        assert "TLS certificate of 127.0.0.1 not trusted" in result.stderr, result.stderr
        assert imap.server.commands(imap.user) == []  # no LOGIN reached the server
    assert imap.unseen() == [1]


def test_links_in_notices_are_never_fetched(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path],
) -> None:
    with WebhookReceiver() as site:
        base = site.http_url("")
        text = (f"Your account is at risk of deactivation. Sign in at {base}/signin to verify "
                f"your identity within 72 hours: {base}/verify?id=1\n")
        html = (f'<p>Order Defect Rate above target.</p><a href="{base}/appeal">Appeal</a>'
                f'<img src="{base}/pixel.gif"><link rel="stylesheet" href="{base}/s.css">')
        imap.deliver(make_email("Amazon <seller-performance@amazon.com>",
                                "Your Amazon selling account is at risk", text, NOW, html=html))
        imap.deliver(make_email("Amazon Security <alert@amaz0n-verify.example>",
                                "Account suspended: verify now", text, NOW, html=html))
        config = write_config(imap.mailbox_toml(), channel_toml("hook", webhook.url("json")))
        result = notifyd("--config", str(config), "run", "--once")
        assert result.returncode == 0, result.stderr
        assert len(webhook.wait_for(2, timeout=10)) >= 2
        for args in (["show", "1"], ["show", "2"], ["notices", "--json"]):
            assert notifyd("--config", str(config), *args).returncode == 0
        assert site.requests == []
