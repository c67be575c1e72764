"""Signed action links: what a token binds, that any change or another key is refused, expiry,
the links an alert carries, the [web] settings, the secret file, and the sign-in throttle."""

from __future__ import annotations

import stat
import string
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fakes import stored_notice

from notifyd.core.errors import ConfigError
from notifyd.core.settings import load_settings
from notifyd.core.vocab import AlertPurpose
from notifyd.deliver import links as alert_links
from notifyd.deliver.links import (
    ExpiredLink,
    ForgedLink,
    action_links,
    make_token,
    read_token,
)
from notifyd.deliver.render import render_notice
from notifyd.store.rows import Notice
from notifyd.web import auth

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
SECRET = b"k" * 32
PUBLIC = "https://notifyd.example.test"


def token(action: str = "ack", channel: str = "slack", notice_id: int = 42,
          ttl: timedelta = timedelta(days=30)) -> str:
    return make_token(SECRET, notice_id, action, channel, NOW + ttl)


def test_a_token_names_its_notice_action_channel_and_expiry() -> None:
    link = read_token(SECRET, token("snooze", "team.alerts"), NOW + timedelta(days=29))
    assert (link.notice_id, link.action, link.channel) == (42, "snooze", "team.alerts")
    assert link.expires_at == NOW + timedelta(days=30)
    assert link.label == "Snooze 24 h"
    # Short enough for an SMS beside its text.
    assert len(token()) <= 50


def test_every_single_character_change_is_refused() -> None:
    original = token()
    alphabet = string.ascii_letters + string.digits + "-_."
    for position in range(len(original)):
        for replacement in alphabet:
            if replacement == original[position]:
                continue
            altered = original[:position] + replacement + original[position + 1:]
            with pytest.raises(ForgedLink):
                read_token(SECRET, altered, NOW)


def test_a_link_cannot_be_moved_to_another_notice_or_action() -> None:
    value, _, signature = token().rpartition(".")
    for other in (value.replace("42.", "43.", 1), value.replace(".a.", ".s.", 1)):
        with pytest.raises(ForgedLink):
            read_token(SECRET, f"{other}.{signature}", NOW)


def test_another_servers_secret_and_garbage_are_refused() -> None:
    with pytest.raises(ForgedLink):
        read_token(b"x" * 32, token(), NOW)
    for junk in ("", ".", "abc", "42.a.zzz.slack", "ü" * 10, "a" * 5000):
        with pytest.raises(ForgedLink):
            read_token(SECRET, junk, NOW)


def test_an_expired_link_still_says_which_notice_it_was_for() -> None:
    expired = token(ttl=timedelta(hours=1))
    read_token(SECRET, expired, NOW + timedelta(minutes=59))
    with pytest.raises(ExpiredLink) as caught:
        read_token(SECRET, expired, NOW + timedelta(hours=1))
    assert caught.value.link.notice_id == 42


def test_alert_links_start_with_public_url_and_acknowledged_notices_get_only_open() -> None:
    links = action_links(PUBLIC + "/", SECRET, 7, "slack", NOW, timedelta(days=30))
    assert [label for label, _ in links] == ["Acknowledge", "Snooze 24 h", "Open"]
    for label, url in links:
        assert url.startswith(PUBLIC + "/l/")
        link = read_token(SECRET, url.rsplit("/", 1)[1], NOW)
        assert (link.notice_id, link.channel, link.label) == (7, "slack", label)
    done = action_links(PUBLIC, SECRET, 7, "slack", NOW, timedelta(days=30), acknowledged=True)
    assert [label for label, _ in done] == ["Open"]


def notice(**kw: Any) -> Notice:
    base: dict[str, Any] = {
        "id": 7, "kind": "notice", "severity": "high", "issue_type": "order_defect_rate",
        "category": "account_health", "marketplace": "amazon.de",
        "deadline_at": "2026-12-05T14:00:00Z", "asins": ["B01G6I41N6"], "metrics": {},
        "subject": "Warning", "sender": "seller-performance@amazon.de",
        "received_at": "2026-12-03T08:00:00Z", "reasons": [], "acknowledged_at": None,
    }
    base.update(kw)
    return stored_notice(base)


def test_alert_text_ends_with_the_links_instead_of_the_command() -> None:
    links = action_links(PUBLIC, SECRET, 7, "slack", NOW, timedelta(days=30))
    body = render_notice(notice(), AlertPurpose.NEW, "text", NOW, ZoneInfo("UTC"), links).body
    tail = body.splitlines()[-3:]
    assert [line.split(": ", 1)[0] for line in tail] == ["Acknowledge", "Snooze 24 h", "Open"]
    assert [line.split(": ", 1)[1] for line in tail] == [url for _, url in links]
    assert "notifyd ack 7" not in body
    html = render_notice(notice(), AlertPurpose.NEW, "html", NOW, ZoneInfo("UTC"), links).body
    assert f'<a href="{links[0][1]}">{links[0][1]}</a>' in html
    # Without [web] public_url nothing changes.
    plain = render_notice(notice(), AlertPurpose.NEW, "text", NOW, ZoneInfo("UTC")).body
    assert plain.endswith("Acknowledge: notifyd ack 7")


def test_an_sms_keeps_160_characters_and_carries_the_acknowledge_link() -> None:
    links = action_links(PUBLIC, SECRET, 7, "sms", NOW, timedelta(days=30))
    sms = render_notice(notice(), AlertPurpose.REMINDER, "sms", NOW, ZoneInfo("UTC"), links).body
    assert len(sms) <= 160
    assert sms.endswith(f"Acknowledge: {links[0][1]}")
    assert sms.startswith("REMINDER HIGH #7 ")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "notifyd.toml"
    path.write_text(f'database = "{tmp_path / "n.db"}"\n' + text, encoding="utf-8")
    return path


def test_web_settings_defaults_and_one_line_per_bad_key(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "")).web is None
    web = load_settings(write(tmp_path, "[web]\n")).web
    assert web is not None
    assert (web.listen, web.public_url, web.link_ttl) == ("127.0.0.1:8080", None, timedelta(days=30))
    web = load_settings(write(tmp_path, '[web]\nlisten = "[::1]:9000"\npublic_url = "https://n.example.test/"\n')).web
    assert web is not None and web.host_port == ("::1", 9000) and web.public_url == "https://n.example.test"
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, '[web]\nlisten = "8080"\npublic_url = "n.example.test"\nlink_ttl = "soon"\n'))
    assert caught.value.problems == [
        "web.listen: '8080' is not an address; write it like \"127.0.0.1:8080\"",
        "web.public_url: 'n.example.test' is not a web address; write it like \"https://notifyd.example.com\"",
        "web.link_ttl: 'soon' is not a duration; write it like 90s, 5m, 72h or 30d",
    ]


def test_the_secret_is_made_once_beside_the_database_readable_by_its_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    settings = load_settings(write(tmp_path, "[web]\n"))
    first = alert_links.load_secret(settings)
    path = tmp_path / "web-secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert alert_links.load_secret(settings) == first and len(first) >= 32
    # A systemd credential wins over the generated file; secret_file wins over both.
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "web-secret").write_text("from-the-credential-0123456789\n")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    assert alert_links.load_secret(settings) == b"from-the-credential-0123456789"
    (tmp_path / "mine").write_text("short")
    configured = load_settings(write(tmp_path, f'[web]\nsecret_file = "{tmp_path / "mine"}"\n'))
    with pytest.raises(ConfigError) as caught:
        alert_links.load_secret(configured)
    assert "fewer than 16 characters" in caught.value.problems[0]
    assert "short" not in caught.value.problems[0]


def test_sign_in_throttle_counts_per_address_and_per_user() -> None:
    throttle = auth.Throttle(limit=3, window=timedelta(minutes=15))
    for minute in range(3):
        assert throttle.blocked(["address:a", "user:bob"], NOW) is None
        throttle.failed(["address:a", "user:bob"], NOW + timedelta(minutes=minute))
    later = NOW + timedelta(minutes=5)
    assert throttle.blocked(["address:a", "user:eve"], later) == timedelta(minutes=10)
    assert throttle.blocked(["address:b", "user:bob"], later) == timedelta(minutes=10)
    assert throttle.blocked(["address:b", "user:eve"], later) is None
    assert throttle.blocked(["address:a", "user:bob"], NOW + timedelta(minutes=15)) is None


def test_passwords_are_stored_as_argon2id_and_short_ones_refused() -> None:
    stored = auth.hash_password("correct horse battery")
    assert stored.startswith("$argon2id$") and "correct" not in stored
    assert auth.verify_password(stored, "correct horse battery")
    assert not auth.verify_password(stored, "correct horse batterY")
    assert not auth.verify_password(None, "correct horse battery")
    with pytest.raises(auth.UserError):
        auth.hash_password("short")


def test_an_unreadable_secret_costs_the_links_never_the_alert(tmp_path: Path) -> None:
    settings = load_settings(write(
        tmp_path, f'[web]\npublic_url = "{PUBLIC}"\nsecret_file = "{tmp_path / "missing"}"\n'))
    assert alert_links.links_for(settings, "slack", notice(), NOW) == []
    (tmp_path / "missing").write_text("a-long-enough-secret-value\n")
    links = alert_links.links_for(settings, "slack", notice(), NOW)
    assert [label for label, _ in links] == ["Acknowledge", "Snooze 24 h", "Open"]
    assert alert_links.links_for(load_settings(write(tmp_path, "[web]\n")), "slack", notice(), NOW) == []


def test_an_unknown_web_key_names_the_allowed_ones(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, '[web]\nport = 8080\n'))
    assert caught.value.problems == [
        "web.port: unknown key; allowed here: listen, public_url, secret_file, link_ttl"]


def test_what_the_console_shows_of_email_text_and_in_which_order() -> None:
    from notifyd.web import view

    asked = view.amazon_asks(notice(excerpt="Your rate is 2%. How do I send the information? "
                                    "Please submit a plan of action at https://sellercentral.amazon.com/x. Thanks."))
    assert asked == "Please submit a plan of action at hxxps://sellercentral[.]amazon[.]com/x."
    assert view.amazon_asks(notice(kind="phishing", excerpt="Please log in here.")) == ""
    assert view.untrusted("click\x1b[2J https://evil.example/\u202ereversed") == (
        "click [2J hxxps://evil[.]example/ reversed")
    rows = [
        notice(id=1, acknowledged_at="2026-12-03T08:30:00Z", deadline_at="2026-12-04T00:00:00Z"),
        notice(id=2, deadline_at=None, severity="critical"),
        notice(id=3, deadline_at="2026-12-10T00:00:00Z"),
        notice(id=4, deadline_at="2026-12-04T00:00:00Z", severity="low"),
        notice(id=5, deadline_at="2026-12-04T00:00:00Z", severity="critical"),
    ]
    assert [r.id for r in sorted(rows, key=view.sort_key)] == [5, 4, 3, 2, 1]
    assert view.countdown(notice(deadline_at="2026-12-03T06:00:00Z"), NOW) == ("OVERDUE by 3 h", True)
    assert view.countdown(notice(deadline_at="2026-12-05T09:00:00Z"), NOW) == ("in 2 days", False)
    assert view.badge(notice(kind="phishing", severity=None)) == ("high", "PHISHING")


def test_check_says_where_the_console_listens_and_links_point_never_the_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clirunner import notifyd

    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    assert "web:" not in notifyd("--config", str(write(tmp_path, "")), "check").stdout
    fresh = notifyd("--config", str(write(tmp_path, '[web]\nlisten = "127.0.0.1:8099"\n')), "check")
    assert fresh.returncode == 0, fresh.stderr
    assert fresh.stdout.splitlines()[-1] == (
        "web: console on http://127.0.0.1:8099, no alert links (set public_url), "
        f"link secret made on first start as {tmp_path / 'web-secret'}")
    assert not (tmp_path / "web-secret").exists()  # check looks, it does not make the secret
    secret_file = tmp_path / "link.secret"
    secret_file.write_text("a-secret-nobody-may-read-0123456789\n")
    config = write(tmp_path, f'[web]\npublic_url = "https://ops:hunter2hunter2@n.example.test/notifyd"\n'
                             f'link_ttl = "7d"\nsecret_file = "{secret_file}"\n')
    result = notifyd("--config", str(config), "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "web: console on http://127.0.0.1:8080, alert links to https://n.example.test/notifyd, "
        f"valid 7 days, link secret from secret_file {secret_file}")
    for secret in ("a-secret-nobody-may-read", "hunter2"):
        assert secret not in result.stdout + result.stderr
    secret_file.write_text("short\n")
    refused = notifyd("--config", str(config), "check")
    assert refused.returncode == 2
    assert refused.stderr.startswith("notifyd: config: web.secret_file: ")
    assert "fewer than 16 characters" in refused.stderr and "short" not in refused.stderr
