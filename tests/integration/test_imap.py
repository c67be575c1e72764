"""Watching a real IMAP server: TLS, STARTTLS, auth, ledger, UIDVALIDITY, cuts, cost of an idle poll."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import ImapAccount, channel_toml, notifyd
from harness import Dovecot, TcpProxy, WebhookReceiver
from mailfactory import make_email, newsletter, odr_warning, sold_ship_now, trademark_complaint

from notifyd.core.settings import Settings, load_settings
from notifyd.ingest.imap import ImapMailbox
from notifyd.ingest.oauth import xoauth2_string
from notifyd.ingest.pipeline import poll_mailbox
from notifyd.store.db import Store
from notifyd.understand.classify import load_rules

NOW = datetime.now(UTC)
RULES = load_rules()


def poll(settings: Settings, name: str = "main") -> tuple[Store, object]:
    store = Store(settings.database)
    box = next(b for b in settings.mailbox if b.name == name)
    return store, poll_mailbox(store, settings, RULES, box, datetime.now(UTC))


def test_imaps_verifies_the_certificate_against_ca_file(
    imap: ImapAccount, write_config: Callable[..., Path]
) -> None:
    imap.deliver(odr_warning(NOW))
    settings = load_settings(write_config(imap.mailbox_toml()))
    _, report = poll(settings)
    assert report.error is None and report.notices == 1  # type: ignore[attr-defined]

    untrusted = imap.mailbox_toml().replace(f'ca_file = "{imap.server.ca_file}"\n', "")
    settings = load_settings(write_config(untrusted))
    _, report = poll(settings)
    assert report.error is not None  # type: ignore[attr-defined]
    assert "TLS certificate of 127.0.0.1 not trusted" in report.error  # type: ignore[attr-defined]
    assert "set ca_file" in report.error  # type: ignore[attr-defined]


def test_starttls_on_the_plain_port(imap: ImapAccount, write_config: Callable[..., Path]) -> None:
    imap.deliver(trademark_complaint(NOW))
    settings = load_settings(write_config(imap.mailbox_toml(security="starttls")))
    _, report = poll(settings)
    assert report.error is None and report.notices == 1  # type: ignore[attr-defined]


def test_wrong_password_is_one_clear_error_and_one_attempt(
    imap: ImapAccount, write_config: Callable[..., Path]
) -> None:
    config = write_config(imap.mailbox_toml().replace('password = "secret"', 'password = "wrong-pw"'))
    before = imap.server.log_text().count("auth failed") + imap.server.log_text().count(
        "Authentication failed"
    )
    result = notifyd("--config", str(config), "run", "--once")
    assert result.returncode == 1
    assert f"127.0.0.1 refused the login for {imap.user}" in result.stderr
    assert "wrong-pw" not in result.stderr
    # One login attempt, not a loop of them.
    logins = [c for c in imap.server.commands(imap.user) if " LOGIN " in c.upper()]
    assert len(logins) <= 1
    after = imap.server.log_text().count("auth failed") + imap.server.log_text().count(
        "Authentication failed"
    )
    assert after - before <= 1
    status = notifyd("--config", str(config), "status", "--json")
    report = json.loads(status.stdout)
    assert status.returncode == 1 and report["healthy"] is False
    assert "refused the login" in report["mailboxes"][0]["last_error"]


def test_xoauth2_with_a_token_command(
    imap: ImapAccount, write_config: Callable[..., Path], tmp_path: Path
) -> None:
    imap.deliver(odr_warning(NOW))
    token = imap.server.mint_token(imap.user)
    script = tmp_path / "token.sh"
    script.write_text(f"#!/bin/sh\necho {token}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    section = imap.mailbox_toml().replace('password = "secret"\n', "") + (
        f'auth = "oauth2"\noauth2_token_command = "{script}"\n'
    )
    settings = load_settings(write_config(section))
    _, report = poll(settings)
    assert report.error is None and report.notices == 1  # type: ignore[attr-defined]

    bad = tmp_path / "bad.sh"
    bad.write_text(f"#!/bin/sh\necho {imap.server.mint_token(imap.user, key=b'x' * 32)}\n")
    bad.chmod(0o755)
    settings = load_settings(write_config(section.replace(str(script), str(bad))))
    _, report = poll(settings)
    assert report.auth_failed  # type: ignore[attr-defined]


def test_xoauth2_sasl_string() -> None:
    assert xoauth2_string("someone@example.com", "ya29.token") == (
        "user=someone@example.com\x01auth=Bearer ya29.token\x01\x01"
    )


def test_uidvalidity_change_rescans_without_duplicate_notices_or_alerts(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    mails = [odr_warning(NOW), newsletter(NOW)]
    for raw in mails:
        imap.deliver(raw)
    config = write_config(imap.mailbox_toml(), channel_toml("hook", webhook.url("json")))
    assert notifyd("--config", str(config), "run", "--once").returncode == 0
    webhook.wait_for(1)

    imap.server.reset_uidvalidity("INBOX", user=imap.user)
    for raw in mails:
        imap.deliver(raw)  # the same messages again, under new UIDs
    imap.deliver(trademark_complaint(NOW))
    result = notifyd("--config", str(config), "run", "--once")
    assert result.returncode == 0, result.stderr
    webhook.wait_for(2)
    titles = [r.json["title"] for r in webhook.requests]
    assert len(titles) == 2 and "Trademark" in titles[1]
    store = Store(load_settings(config).database)
    assert [r["status"] for r in store.rows("SELECT status FROM emails ORDER BY uidvalidity, uid")] == [
        "notice", "ignored", "duplicate", "ignored", "notice"
    ]


def test_header_first_fetch_downloads_only_possible_notices(
    imap: ImapAccount, write_config: Callable[..., Path]
) -> None:
    attachment = b"x" * 300_000
    big = make_email("Photos <photos@family.example>", "Holiday pictures",
                     "See attached." + attachment.decode(), NOW)
    imap.deliver(big)
    imap.deliver(odr_warning(NOW))
    imap.deliver(sold_ship_now(NOW))
    imap.server.mark_commands()
    settings = load_settings(write_config(imap.mailbox_toml()))
    store, _ = poll(settings)
    commands = imap.server.commands(imap.user)
    body_fetches = [c for c in commands if "BODY.PEEK[]" in c.upper()]
    assert len(body_fetches) == 1
    # Only UID 2, the notice: not the 300 KB family mail, not Amazon's "Sold, ship now".
    assert body_fetches[0].split("FETCH", 1)[1].strip().startswith("2 ")
    rows = store.rows("SELECT uid, status, reason FROM emails ORDER BY uid")
    assert rows[0]["reason"] == rows[2]["reason"] == (
        "no possible notice by its headers; body not downloaded"
    )
    assert [r["status"] for r in rows] == ["ignored", "notice", "ignored"]
    assert imap.unseen() == [1, 2, 3]


def test_oversized_mail_is_recorded_as_skipped(
    imap: ImapAccount, write_config: Callable[..., Path]
) -> None:
    imap.deliver(odr_warning(NOW))
    settings = load_settings(write_config(imap.mailbox_toml(max_size="200B")))
    store, _ = poll(settings)
    row = store.one("SELECT status, reason FROM emails")
    assert row is not None and row["status"] == "skipped"
    assert "is over max_size 200" in row["reason"]


def test_missing_folder_lists_the_folders_that_exist(
    imap: ImapAccount, write_config: Callable[..., Path]
) -> None:
    imap.server.create_folder("Amazon", user=imap.user)
    settings = load_settings(write_config(imap.mailbox_toml(folders=["INBOX", "Amazn"])))
    _, report = poll(settings)
    assert report.error == (  # type: ignore[attr-defined]
        "mailbox main: folder 'Amazn' does not exist; folders are: Amazon, INBOX"
    )


def test_one_failing_mailbox_never_stops_another(
    imap: ImapAccount, write_config: Callable[..., Path], webhook: WebhookReceiver
) -> None:
    imap.deliver(odr_warning(NOW))
    dead = imap.mailbox_toml(name="dead").replace(
        f"port = {imap.server.tls_port}", "port = 9"
    )
    config = write_config(dead, imap.mailbox_toml(name="main"),
                          channel_toml("hook", webhook.url("json")))
    result = notifyd("--config", str(config), "run", "--once")
    assert result.returncode == 0
    assert "dead: 0 new emails" in result.stderr and "cannot connect" in result.stderr
    assert len(webhook.wait_for(1)) == 1


def test_post_actions_when_asked(imap: ImapAccount, write_config: Callable[..., Path]) -> None:
    imap.server.create_folder("Done", user=imap.user)
    imap.deliver(odr_warning(NOW))
    imap.deliver(newsletter(NOW))
    settings = load_settings(
        write_config(imap.mailbox_toml(mark_seen=True, add_keyword="notifyd", move_to="Done"))
    )
    poll(settings)
    assert imap.status()["messages"] == 0
    flags = imap.server.fetch_flags("Done", user=imap.user)
    assert all({"\\Seen", "notifyd"} <= f for f in flags.values()) and len(flags) == 2


def test_mail_older_than_since_is_recorded_not_alerted(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    # Mail that really arrived 90 days ago (its INTERNALDATE says so, not only its Date).
    client = imap.server.client("none", user=imap.user, password=imap.password)
    client.append("INBOX", odr_warning(NOW - timedelta(days=90)), msg_time=NOW - timedelta(days=90))
    client.logout()
    imap.deliver(trademark_complaint(NOW - timedelta(days=1)))
    config = write_config(
        imap.mailbox_toml().replace('since = "3650d"', 'since = "30d"'),
        channel_toml("hook", webhook.url("json")),
    )
    assert notifyd("--config", str(config), "run", "--once").returncode == 0
    webhook.wait_for(1)
    assert len(webhook.requests) == 1
    listed = notifyd("--config", str(config), "notices", "--json", "--status", "all").stdout
    assert len(listed.splitlines()) == 2  # both stored; only the recent one alerted


def test_a_cut_mid_fetch_loses_nothing_and_duplicates_nothing(
    imap: ImapAccount, dovecot: Dovecot, write_config: Callable[..., Path]
) -> None:
    mails = [odr_warning(NOW, message_id=f"<cut-{i}@example.test>") for i in range(30)]
    dovecot.deliver_many(mails, user=imap.user)
    with TcpProxy(dovecot.host, dovecot.port) as proxy:
        section = imap.mailbox_toml(security="none", batch_size=5).replace(
            f"port = {dovecot.port}", f"port = {proxy.address[1]}"
        )
        settings = load_settings(write_config(section))
        proxy.cut_after_bytes(20_000)
        store, report = poll(settings)
        assert report.error is not None  # type: ignore[attr-defined]
        for _ in range(5):
            _, report = poll(settings)
            if report.error is None:  # type: ignore[attr-defined]
                break
    assert store.one("SELECT count(*) AS n FROM notices")["n"] == 30  # type: ignore[index]
    assert store.one("SELECT count(*) AS n FROM emails")["n"] == 30  # type: ignore[index]
    assert len(imap.unseen()) == 30


def test_a_poll_with_nothing_new_costs_the_same_on_a_large_folder(
    dovecot: Dovecot, write_config: Callable[..., Path], tmp_path: Path
) -> None:
    costs = {}
    for size in (10, 5000):
        user = f"size{size}-{tmp_path.name}@example.test"
        dovecot.add_user(user, "secret")
        dovecot.deliver_many(
            [newsletter(NOW, message_id=f"<n{i}-{size}@example.test>") for i in range(size)],
            user=user,
        )
        account = ImapAccount(dovecot, user, "secret")
        settings = load_settings(write_config(account.mailbox_toml()))
        _, first = poll(settings)
        assert first.seen == size  # type: ignore[attr-defined]
        dovecot.mark_commands()
        _, again = poll(settings)
        assert again.seen == 0  # type: ignore[attr-defined]
        costs[size] = dovecot.commands(user)
        assert account.unseen() == list(range(1, size + 1))
    assert len(costs[10]) == len(costs[5000])
    assert not any("FETCH" in c.upper() or "SEARCH" in c.upper() for c in costs[5000])


@pytest.mark.parametrize("kind", ["maildir", "mbox", "eml"])
def test_import_local_sources_with_the_same_ledger_rules(
    kind: str, tmp_path: Path, write_config: Callable[..., Path], webhook: WebhookReceiver
) -> None:
    import mailbox

    mails = [odr_warning(NOW), newsletter(NOW), trademark_complaint(NOW)]
    target = tmp_path / kind
    if kind == "maildir":
        box = mailbox.Maildir(target, create=True)
        for raw in mails:
            box.add(raw)
    elif kind == "mbox":
        mb = mailbox.mbox(target, create=True)
        for raw in mails:
            mb.add(raw)
        mb.flush()
    else:
        target.mkdir()
        for i, raw in enumerate(mails):
            (target / f"{i}.eml").write_bytes(raw)
    config = write_config(channel_toml("hook", webhook.url("json")))
    first = notifyd("--config", str(config), "import", str(target), "--no-alert")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("3 new emails: 2 notices, 0 phishing, 0 unrecognised, 1 ignored")
    again = notifyd("--config", str(config), "import", str(target))
    assert again.stdout.startswith("0 new emails")
    assert webhook.requests == []


def test_xoauth2_refresh_token_flow_saves_a_rotated_refresh_token(
    imap: ImapAccount, write_config: Callable[..., Path], tmp_path: Path
) -> None:
    import threading
    import urllib.parse
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[dict[str, list[str]]] = []
    access = imap.server.mint_token(imap.user)

    class TokenEndpoint(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
            seen.append(form)
            body = json.dumps({"access_token": access, "expires_in": 3600,
                               "refresh_token": "rotated-refresh-2"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), TokenEndpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        refresh_file = tmp_path / "refresh"
        refresh_file.write_text("first-refresh-1\n")
        imap.deliver(odr_warning(NOW))
        section = imap.mailbox_toml().replace('password = "secret"\n', "") + (
            'auth = "oauth2"\noauth2_client_id = "client-1"\n'
            f'oauth2_refresh_token_file = "{refresh_file}"\n'
            f'oauth2_token_url = "http://127.0.0.1:{server.server_address[1]}/token"\n'
            'oauth2_scope = "https://outlook.office.com/IMAP.AccessAsUser.All offline_access"\n'
        )
        settings = load_settings(write_config(section))
        _, report = poll(settings)
        assert report.error is None and report.notices == 1  # type: ignore[attr-defined]
        assert seen[0]["grant_type"] == ["refresh_token"]
        assert seen[0]["refresh_token"] == ["first-refresh-1"]
        assert seen[0]["client_id"] == ["client-1"]
        assert refresh_file.read_text() == "rotated-refresh-2\n"
        assert stat.S_IMODE(refresh_file.stat().st_mode) == 0o600
    finally:
        server.shutdown()


def test_tls_verify_false_connects_but_warns(
    imap: ImapAccount, write_config: Callable[..., Path]
) -> None:
    imap.deliver(odr_warning(NOW))
    section = imap.mailbox_toml().replace(f'ca_file = "{imap.server.ca_file}"\n', "tls_verify = false\n")
    result = notifyd("--config", str(write_config(section)), "run", "--once")
    assert result.returncode == 0, result.stderr
    assert "main: 1 new emails, 1 notices" in result.stderr
    assert result.stderr.count("tls_verify = false: the server's certificate is NOT checked") == 1


def test_doveadm_kick_during_a_batch_fetch_loses_and_repeats_nothing(
    imap: ImapAccount, dovecot: Dovecot, write_config: Callable[..., Path]
) -> None:
    import threading
    import time

    mails = [odr_warning(NOW, message_id=f"<kick-{i}@example.test>") for i in range(150)]
    dovecot.deliver_many(mails, user=imap.user)
    settings = load_settings(write_config(imap.mailbox_toml(batch_size=5)))
    done = threading.Event()
    kicks = 0

    def kicker() -> None:
        nonlocal kicks
        # Kick the session repeatedly while the first poll fetches; bounded in count and time.
        deadline = time.monotonic() + 20
        while not done.is_set() and kicks < 10 and time.monotonic() < deadline:
            time.sleep(0.05 if kicks == 0 else 0.15)
            dovecot.kick(imap.user)
            kicks += 1

    thread = threading.Thread(target=kicker)
    thread.start()
    errors = []
    try:
        for _ in range(15):
            store, report = poll(settings)
            if report.error is None:  # type: ignore[attr-defined]
                break
            errors.append(report.error)  # type: ignore[attr-defined]
    finally:
        done.set()
        thread.join()
    assert kicks >= 1
    assert errors, "no poll was cut by a kick; the test did not test anything"
    assert store.one("SELECT count(*) AS n FROM notices")["n"] == 150  # type: ignore[index]
    assert store.one("SELECT count(DISTINCT uid) AS n FROM emails")["n"] == 150  # type: ignore[index]
    assert len(imap.unseen()) == 150


# --- arrival time, not claimed time; a reused Message-ID ---------------------------------------


def _titles(hook: WebhookReceiver) -> list[str]:
    return [str(r.json.get("title")) for r in hook.requests]


def test_a_notice_arriving_now_with_a_40_day_old_date_is_alerted_and_dated_by_its_arrival(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path],
) -> None:
    from mailfactory import deactivation

    imap.deliver(deactivation(NOW - timedelta(days=40), message_id="<stale-date@example.test>"))
    config = write_config(imap.mailbox_toml().replace('since = "3650d"', 'since = "30d"'),
                          channel_toml("hook", webhook.url("json")))
    done = notifyd("--config", str(config), "run", "--once")
    assert done.returncode == 0, done.stderr
    assert "main: 1 new emails, 1 notices" in done.stderr
    webhook.wait_for(1, timeout=10)
    assert _titles(webhook) == [
        "[CRITICAL] Account deactivated: Late Shipment Rate above target on amazon.com (#1)"]
    store = Store(load_settings(config).database)
    notice = store.one("SELECT received_at FROM notices")
    assert notice is not None
    received = datetime.fromisoformat(notice["received_at"])
    assert abs(received.replace(tzinfo=received.tzinfo or UTC) - NOW) < timedelta(hours=1)
    # `show` gives both: the Date it claimed, and when the server received it (INTERNALDATE).
    shown = json.loads(notifyd("--config", str(config), "show", "1", "--json").stdout)["notice"]
    claimed = datetime.fromisoformat(shown["date_header"].replace("Z", "+00:00"))
    arrived = datetime.fromisoformat(shown["arrived_at"].replace("Z", "+00:00"))
    assert abs(claimed - (NOW - timedelta(days=40))) < timedelta(minutes=1)
    assert abs(arrived - NOW) < timedelta(hours=1)
    assert shown["date"] == shown["arrived_at"]
    text = notifyd("--config", str(config), "show", "1").stdout
    assert "date_header" in text and "arrived_at" in text


def test_a_date_far_in_the_future_does_not_push_the_deadline_out(
    imap: ImapAccount, write_config: Callable[..., Path],
) -> None:
    imap.deliver(odr_warning(NOW + timedelta(days=700), message_id="<future-date@example.test>"))
    config = write_config(imap.mailbox_toml())
    assert notifyd("--config", str(config), "run", "--once").returncode == 0
    notice = Store(load_settings(config).database).one("SELECT received_at, deadline_at FROM notices")
    assert notice is not None and notice["deadline_at"] is not None
    deadline = datetime.fromisoformat(notice["deadline_at"])
    # "within 72 hours" of when the mail came, not of a Date two years ahead.
    assert deadline.replace(tzinfo=deadline.tzinfo or UTC) < NOW + timedelta(days=4)


def test_a_reused_message_id_with_different_content_is_a_new_notice_and_alerted(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path],
) -> None:
    from mailfactory import deactivation

    config = write_config(imap.mailbox_toml(), channel_toml("hook", webhook.url("json")))
    imap.deliver(odr_warning(NOW, message_id="<reused@example.test>"))
    assert notifyd("--config", str(config), "run", "--once").returncode == 0
    imap.deliver(deactivation(NOW, message_id="<reused@example.test>"))
    # The first mail again, in another folder: still the same email, not a third notice.
    imap.deliver(odr_warning(NOW, message_id="<reused@example.test>"), folder="Archive")
    config = write_config(imap.mailbox_toml(folders=["INBOX", "Archive"]),
                          channel_toml("hook", webhook.url("json")))
    done = notifyd("--config", str(config), "run", "--once")
    assert done.returncode == 0, done.stderr
    webhook.wait_for(2, timeout=10)
    assert sorted(_titles(webhook)) == [
        "[CRITICAL] Account deactivated: Late Shipment Rate above target on amazon.com (#2)",
        "[HIGH] Order Defect Rate above target on amazon.com (#1)",
    ]
    store = Store(load_settings(config).database)
    statuses = sorted(r["status"] for r in store.rows("SELECT status FROM emails"))
    assert statuses == ["duplicate", "notice", "notice"]


def test_imap_traffic_is_traced_with_vv_only_and_never_shows_the_password(
    imap: ImapAccount, write_config: Callable[..., Path]
) -> None:
    # imaplib's trace is formatted only when -vv asks for it (it cost a third of the header pass
    # of a first sync); asked for, it shows the FETCH answers, with the login redacted.
    imap.deliver(odr_warning(NOW))
    config = str(write_config(imap.mailbox_toml()))
    quiet = notifyd("--config", config, "-v", "run", "--once")
    assert quiet.returncode == 0, quiet.stderr
    assert "FETCH" not in quiet.stderr
    imap.deliver(trademark_complaint(NOW))
    traced = notifyd("--config", config, "-vv", "run", "--once")
    assert traced.returncode == 0, traced.stderr
    assert "FETCH" in traced.stderr and "LOGIN" in traced.stderr
    assert "secret" not in traced.stderr


def test_a_poll_stopped_with_a_header_fetch_sent_ahead_leaves_the_kept_connection_usable(
    imap: ImapAccount, write_config: Callable[..., Path]
) -> None:
    # The next batch's header FETCH is sent before the current batch is handled; a poll that
    # stops there leaves its answer on the wire, and the kept connection must read it before
    # anything else, so the next poll resumes where the first stopped and mixes up nothing.
    for i in range(7):
        imap.deliver(newsletter(NOW, message_id=f"<n{i}@news.example>"))
    imap.deliver(odr_warning(NOW))
    imap.deliver(trademark_complaint(NOW))
    settings = load_settings(write_config(imap.mailbox_toml(batch_size=3)))
    box = settings.mailbox[0]
    store = Store(settings.database)
    conn = ImapMailbox(box)
    conn.connect(NOW)
    asked = iter([False, True])  # stop before the second batch
    first = poll_mailbox(store, settings, RULES, box, NOW, connection=conn,
                         stop=lambda: next(asked, True))
    assert first.error is None and first.seen == 3
    assert conn._sent is not None  # the second batch's FETCH went out and is unanswered
    assert conn.status("INBOX").messages == 9  # another command reads past that answer
    second = poll_mailbox(store, settings, RULES, box, NOW, connection=conn)
    assert second.error is None and (second.seen, second.notices) == (6, 2)
    rows = store.rows("SELECT uid, status FROM emails ORDER BY uid")
    assert [r["uid"] for r in rows] == list(range(1, 10))
    assert [r["status"] for r in rows][-2:] == ["notice", "notice"]
    conn.close()
