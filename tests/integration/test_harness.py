"""Self-tests of the real-server harness (tests/harness)."""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Iterator

import apprise
import pytest
from conftest import require_dovecot
from harness import (
    INSTALL_HINT,
    Dovecot,
    ImapCommandParser,
    SmtpSink,
    TcpProxy,
    WebhookReceiver,
    dovecot_problem,
    parse_imap_commands,
)
from harness import dovecot as dovecot_module
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError


def message(n: int, subject: str = "test") -> bytes:
    return (f"From: Amazon <seller-notification@amazon.com>\r\nTo: seller@example.test\r\n"
            f"Subject: {subject} {n}\r\nMessage-ID: <harness-{subject}-{n}@example.test>\r\n"
            f"Date: Wed, 26 Nov 2025 10:00:00 +0000\r\n\r\nBody {n}\r\n").encode()


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    require_dovecot()
    with Dovecot() as dc:
        for i in range(3):
            dc.deliver(message(i))
        yield dc


# ------------------------------------------------------------------------- skip logic --
def test_missing_dovecot_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dovecot_module, "find_program", lambda _name: None)
    problem = dovecot_problem()
    assert problem is not None and "apt-get install dovecot-imapd" in problem
    assert "apt-get install dovecot-imapd" in INSTALL_HINT
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="apt-get install dovecot-imapd"):
        require_dovecot()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="apt-get install dovecot-imapd"):
        require_dovecot()


# ---------------------------------------------------------------------------- Dovecot --
@pytest.mark.dovecot
def test_deliver_and_status(dovecot: Dovecot) -> None:
    st = dovecot.status()
    assert st["messages"] == 3 and st["unseen"] == 3 and st["uidnext"] == 4
    assert st["uidvalidity"] > 0
    assert dovecot.start_seconds is not None and dovecot.start_seconds < 15
    dovecot.deliver(message(1, "other"), folder="Other")  # folder created on the fly
    assert dovecot.status("Other")["messages"] == 1


@pytest.mark.dovecot
def test_imaps_login_and_peek_keeps_unseen(dovecot: Dovecot) -> None:
    ctx = ssl.create_default_context(cafile=dovecot.ca_file)
    with IMAPClient(dovecot.host, port=dovecot.tls_port, ssl=True, ssl_context=ctx,
                    timeout=10) as c:
        c.login(dovecot.user, dovecot.password)
        c.select_folder("INBOX")
        uids = c.search()
        assert uids == [1, 2, 3]
        data = c.fetch(uids, ["BODY.PEEK[]"])
        assert b"Subject: test 0" in data[1][b"BODY[]"]
    flags = dovecot.fetch_flags()
    assert set(flags) == {1, 2, 3}
    assert dovecot.unseen_uids() == [1, 2, 3]


@pytest.mark.dovecot
def test_starttls_on_plain_port(dovecot: Dovecot) -> None:
    with IMAPClient(dovecot.host, port=dovecot.port, ssl=False, timeout=10) as c:
        c.starttls(ssl.create_default_context(cafile=dovecot.ca_file))
        c.login(dovecot.user, dovecot.password)
        assert c.select_folder("INBOX", readonly=True)[b"EXISTS"] == 3
    c2 = dovecot.client("starttls")
    c2.logout()


@pytest.mark.dovecot
def test_xoauth2_and_oauthbearer(dovecot: Dovecot) -> None:
    token = dovecot.mint_token()
    with dovecot.client("ssl", login=False) as c:
        c.oauth2_login(dovecot.user, token)
        assert c.select_folder("INBOX", readonly=True)[b"EXISTS"] == 3
    with dovecot.client("ssl", login=False) as c:
        c.oauthbearer_login(dovecot.user, token)
    bad_tokens = [
        dovecot.mint_token(key=b"k" * 32),           # wrong key
        dovecot.mint_token(exp_in=-60),              # expired
        dovecot.mint_token(email="x@example.test"),  # another user's token
    ]
    for bad in bad_tokens:
        with dovecot.client("ssl", login=False) as c, pytest.raises(LoginError):
            c.oauth2_login(dovecot.user, bad)


@pytest.mark.dovecot
def test_wrong_password_fails_fast_and_no_penalty(dovecot: Dovecot) -> None:
    for _ in range(3):
        t0 = time.monotonic()
        with dovecot.client("none", login=False) as c, pytest.raises(LoginError):
            c.login(dovecot.user, "wrong")
        assert time.monotonic() - t0 < 1.0
    t0 = time.monotonic()
    dovecot.client("none").logout()  # no anvil penalty for the good login either
    assert time.monotonic() - t0 < 1.0


@pytest.mark.dovecot
def test_add_user(dovecot: Dovecot) -> None:
    dovecot.add_user("second@example.test", "pw2")
    dovecot.deliver(message(1), user="second@example.test")
    with dovecot.client("ssl", user="second@example.test", password="pw2") as c:
        assert c.select_folder("INBOX", readonly=True)[b"EXISTS"] == 1


@pytest.mark.dovecot
def test_kick_disconnects_session(dovecot: Dovecot) -> None:
    c = dovecot.client("none")
    c.select_folder("INBOX")
    c.idle()
    dovecot.kick()
    assert (b"BYE", b"Server", b"shutting", b"down.") in c.idle_check(timeout=5)
    # The trap from DOVECOT.md: after that, idle_check() returns [] at once, forever.
    t0 = time.monotonic()
    assert c.idle_check(timeout=2) == []
    assert time.monotonic() - t0 < 1
    with pytest.raises((IMAPClientError, OSError)):
        c.idle_done()
    with pytest.raises((IMAPClientError, OSError)):
        c.noop()
    dovecot.kick()  # nobody logged in: not an error


@pytest.mark.dovecot
def test_reset_uidvalidity(dovecot: Dovecot) -> None:
    dovecot.deliver(message(1), folder="Reset")
    before = dovecot.status("Reset")
    after_value = dovecot.reset_uidvalidity("Reset")
    after = dovecot.status("Reset")
    assert after["uidvalidity"] == after_value != before["uidvalidity"]
    assert after["messages"] == 0
    # INBOX of another user (the shared INBOX keeps its 3 messages for other tests).
    dovecot.add_user("reset@example.test", "pw")
    dovecot.deliver(message(1), user="reset@example.test")
    old = dovecot.status(user="reset@example.test")["uidvalidity"]
    new = dovecot.reset_uidvalidity("INBOX", user="reset@example.test")
    assert new != old and dovecot.status(user="reset@example.test")["messages"] == 0


@pytest.mark.dovecot
def test_deliver_many_is_fast_and_ordered(dovecot: Dovecot) -> None:
    msgs = [message(i, "bulk") for i in range(2000)]
    t0 = time.monotonic()
    dovecot.deliver_many(msgs, folder="Bulk")
    elapsed = time.monotonic() - t0
    print(f"deliver_many(2000): {elapsed:.2f}s")
    assert elapsed < 20
    st = dovecot.status("Bulk")
    assert st["messages"] == 2000 and st["unseen"] == 2000 and st["uidnext"] == 2001
    with dovecot.client("none") as c:
        c.select_folder("Bulk", readonly=True)
        data = c.fetch([1, 1000, 2000], ["BODY.PEEK[HEADER.FIELDS (SUBJECT)]"])
        for uid in (1, 1000, 2000):
            assert f"bulk {uid - 1}\r".encode() in data[uid][b"BODY[HEADER.FIELDS (SUBJECT)]"]


@pytest.mark.dovecot
def test_rawlog_counts_commands(dovecot: Dovecot) -> None:
    dovecot.mark_commands()
    with dovecot.client("ssl") as c:  # TLS is fine: the rawlog is written post-TLS
        c.select_folder("INBOX", readonly=True)
        c.search(["UNSEEN"])
        c.noop()
    names = dovecot.command_names()
    assert names == ["EXAMINE", "UID SEARCH", "NOOP", "LOGOUT"] or (
        # imapclient may ask for CAPABILITY after login when the server did not send it
        [n for n in names if n != "CAPABILITY"] == ["EXAMINE", "UID SEARCH", "NOOP", "LOGOUT"])
    assert dovecot.command_count(settle=0) == len(names)
    dovecot.mark_commands()
    assert dovecot.command_count() == 0


@pytest.mark.dovecot
def test_restart_keeps_ports_and_mail(dovecot: Dovecot) -> None:
    port, tls_port = dovecot.port, dovecot.tls_port
    dovecot.restart()
    assert (dovecot.port, dovecot.tls_port) == (port, tls_port)
    assert dovecot.status()["messages"] == 3
    dovecot.client("ssl").logout()


# ----------------------------------------------------------------------------- webhook --
def test_webhook_receives_apprise_json_and_form() -> None:
    with WebhookReceiver() as hook:
        ap = apprise.Apprise()
        assert ap.add(hook.url()) and ap.add(hook.url("form", "/form"))
        assert ap.notify(title="Account health", body="A-to-z claim",
                         notify_type=apprise.NotifyType.WARNING)
        reqs = hook.wait_for(2, timeout=5)
        by_path = {r.path: r for r in reqs}
        j = by_path["/hook"]
        assert j.method == "POST" and j.content_type == "application/json"
        assert j.body["title"] == "Account health" and j.body["message"] == "A-to-z claim"
        assert j.body["type"] == "warning" and "version" in j.body
        assert by_path["/form"].body["message"] == "A-to-z claim"


def test_webhook_500_then_200_and_down_up_same_port() -> None:
    with WebhookReceiver() as hook:
        ap = apprise.Apprise()
        ap.add(hook.url())
        hook.respond_with(500)
        assert not ap.notify(body="one")  # AppriseResult is falsy on failure
        assert hook.requests[-1].status == 500
        hook.respond_with(200)
        assert ap.notify(body="two")
        port = hook.port
        hook.go_down()
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        assert not ap.notify(body="three")
        hook.come_up()
        assert hook.port == port
        assert ap.notify(body="four")
        assert [r.body["message"] for r in hook.requests] == ["one", "two", "four"]
        hook.respond_with(503, times=1)
        assert not ap.notify(body="five") and ap.notify(body="six")


def test_webhook_hang_times_client_out() -> None:
    with WebhookReceiver() as hook:
        hook.hang(3, path="/slow")
        ap = apprise.Apprise()
        ap.add(hook.url(path="/slow") + "?rto=0.5")
        t0 = time.monotonic()
        assert not ap.notify(body="slow")
        assert time.monotonic() - t0 < 2.5
        hook.hang(0, path="/slow")
        assert ap.notify(body="fast")


# -------------------------------------------------------------------------------- SMTP --
def test_smtp_sink_receives_apprise_mailto() -> None:
    def notify(url: str, body: str) -> bool:
        # A fresh Apprise per send: Apprise's email plugin sleeps 5.5 s between two
        # sends of the same plugin instance (request_rate_per_sec = 5.5).
        ap = apprise.Apprise()
        assert ap.add(url)
        return bool(ap.notify(title="Policy warning", body=body))

    with SmtpSink() as sink:
        t0 = time.monotonic()
        assert notify(sink.apprise_url(to="seller@example.test"), "Listing removed")
        [msg] = sink.wait_for(1, timeout=5)
        assert msg.rcpt_tos == ["seller@example.test"]
        assert msg.mail_from == "notifyd@example.test"
        assert msg.subject == "Policy warning" and "Listing removed" in msg.text
        assert msg.auth_login == sink.user
        sink.reject_with("451 4.3.0 Try later", times=1)
        assert not notify(sink.apprise_url(), "rejected")
        assert notify(sink.apprise_url(), "accepted")
        assert not notify(sink.apprise_url().replace(sink.password, "wrong"), "bad password")
        assert notify(sink.apprise_url(login=False), "no auth")
        assert [m.auth_login for m in sink.messages] == [sink.user, sink.user, None]
        sink.go_down()
        assert not notify(sink.apprise_url(), "down")
        sink.come_up()
        assert notify(sink.apprise_url(), "up") and len(sink.messages) == 4
        assert time.monotonic() - t0 < 5


# ------------------------------------------------------------------------------- proxy --
def test_imap_command_parser_handles_literals_and_continuations() -> None:
    p = ImapCommandParser()
    lines = p.feed(b"a1 LOGIN {4}\r\nuser {6+}\r\nsec")
    assert lines == []
    lines = p.feed(b"ret\r\na2 IDLE\r\nDONE\r\na3 AUTHENTICATE XOAUTH2\r\ndXNlcj0=\r\n")
    assert lines == ["a1 LOGIN {4} {6}", "a2 IDLE", "DONE", "a3 AUTHENTICATE XOAUTH2",
                     "dXNlcj0="]
    assert parse_imap_commands(b"a1 NOOP\r\nDONE\r\n+ x\r\n") == ["a1 NOOP"]


@pytest.mark.dovecot
def test_proxy_forwards_counts_and_cuts(dovecot: Dovecot) -> None:
    with TcpProxy(dovecot.host, dovecot.port) as proxy:
        with IMAPClient(proxy.host, port=proxy.port, ssl=False, timeout=5) as c:
            c.login(dovecot.user, dovecot.password)
            c.select_folder("INBOX", readonly=True)
            c.search(["UNSEEN"])
        names = proxy.command_names()
        # Unlike the rawlog, the proxy also sees the pre-login commands.
        assert [n for n in names if n != "CAPABILITY"] == ["LOGIN", "EXAMINE", "UID SEARCH",
                                                           "LOGOUT"]
        assert proxy.command_count() == len(names) == len(proxy.commands(0))
        assert proxy.connection_count == 1 and proxy.bytes_server_to_client > 0

        live = IMAPClient(proxy.host, port=proxy.port, ssl=False, timeout=5)
        live.login(dovecot.user, dovecot.password)
        assert proxy.active_count == 1
        assert proxy.cut_all() == 1
        with pytest.raises((IMAPClientError, OSError)):
            live.noop()

        proxy.cut_after_bytes(10, "server_to_client")  # greeting truncated
        with pytest.raises((IMAPClientError, OSError)):
            IMAPClient(proxy.host, port=proxy.port, ssl=False, timeout=5)

        proxy.refuse(True)
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(proxy.address, timeout=1).close()
        proxy.refuse(False)
        with IMAPClient(proxy.host, port=proxy.port, ssl=False, timeout=5) as c:
            proxy.pause(0.5)
            t0 = time.monotonic()
            c.noop()
            assert time.monotonic() - t0 >= 0.4
