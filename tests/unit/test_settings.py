"""Configuration: durations, secrets from files/env/credentials, and one line per problem."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from notifyd.core.errors import ConfigError
from notifyd.core.settings import load_settings, parse_duration


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "notifyd.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [("90s", timedelta(seconds=90)), ("5m", timedelta(minutes=5)), ("72h", timedelta(hours=72)),
     ("30d", timedelta(days=30)), ("2w", timedelta(weeks=2)), (45, timedelta(seconds=45))],
)
def test_durations(text: object, expected: timedelta) -> None:
    assert parse_duration(text) == expected


def test_bad_config_gives_one_line_per_problem_naming_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, """
timezone = "Mars/Olympus"
[[mailbox]]
name = "main"
host = "imap.example.com"
username = "seller@example.com"
password = "hunter2-secret"
poll_interval = "5x"
pasword = "typo"
security = "ssl"
[[channel]]
name = "slack"
url = "json://localhost"
min_severity = "urgent"
""")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    problems = caught.value.problems
    assert problems == [
        "timezone: 'Mars/Olympus' is not a time zone; use an IANA name like \"Europe/Berlin\"",
        "mailbox['main'].security: must be 'tls', 'starttls' or 'none'",
        "mailbox['main'].poll_interval: '5x' is not a duration; write it like 90s, 5m, 72h or 30d",
        problems[3],
        "channel['slack'].min_severity: must be 'critical', 'high', 'medium' or 'low'",
    ]
    assert problems[3].startswith("mailbox['main'].pasword: unknown key; allowed here: name, path,")
    assert "hunter2-secret" not in "\n".join(problems)


def test_password_from_file_env_and_credentials_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "imap-password"
    secret.write_text("from-file\n")
    base = '[[mailbox]]\nname = "main"\nhost = "h"\nusername = "u"\n'
    settings = load_settings(write(tmp_path, base + f'password_file = "{secret}"\n'))
    assert settings.mailbox[0].password is not None
    assert settings.mailbox[0].password.get_secret_value() == "from-file"
    assert "from-file" not in repr(settings)

    monkeypatch.setenv("NOTIFYD_MAILBOX_MAIN_PASSWORD", "from-env")
    settings = load_settings(write(tmp_path, base))
    assert settings.mailbox[0].password.get_secret_value() == "from-env"  # type: ignore[union-attr]

    monkeypatch.delenv("NOTIFYD_MAILBOX_MAIN_PASSWORD")
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "mailbox-main-password").write_text("from-systemd")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    settings = load_settings(write(tmp_path, base))
    assert settings.mailbox[0].password.get_secret_value() == "from-systemd"  # type: ignore[union-attr]


def test_missing_password_says_how_to_give_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, '[[mailbox]]\nname = "main"\nhost = "h"\nusername = "u"\n'))
    assert caught.value.problems == [
        "mailbox['main']: needs a password: set password_file, NOTIFYD_MAILBOX_MAIN_PASSWORD "
        "or a credential mailbox-main-password"
    ]


def test_environment_overrides_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTIFYD_TIMEZONE", "Asia/Tokyo")
    monkeypatch.setenv("NOTIFYD_REMINDERS__OVERDUE_EVERY", "12h")
    settings = load_settings(write(tmp_path, 'timezone = "UTC"\ndatabase = "x.db"\n'))
    assert settings.timezone == "Asia/Tokyo"
    assert settings.reminders.overdue_every == timedelta(hours=12)
    assert settings.database == Path("x.db")


def test_mailbox_path_is_relative_to_the_config_file(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, '[[mailbox]]\nname = "d"\npath = "inbox"\n'))
    assert settings.mailbox[0].path == tmp_path / "inbox"


def test_missing_file_and_bad_toml(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path / "nope.toml")
    assert caught.value.problems == [f"config: file {tmp_path / 'nope.toml'} not found; pass --config PATH"]
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, "database = \n"))
    assert caught.value.problems[0].startswith(f"config: {tmp_path / 'notifyd.toml'} is not valid TOML")


def test_escalation_must_name_a_configured_channel(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, '[reminders]\nescalate_to = ["sms"]\n'))
    assert caught.value.problems == ["config: channel 'sms' is named but not configured; known: none"]


def test_zero_or_negative_durations_are_config_errors_naming_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, """
[[mailbox]]
name = "shop"
path = "mail"
poll_interval = "0s"
timeout = -5
[reminders]
overdue_every = "0s"
retry_max = "0m"
""")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    hint = "must be longer than 0; write it like 90s, 5m, 72h or 30d"
    assert caught.value.problems == [
        f"mailbox['shop'].poll_interval: {hint}",
        f"mailbox['shop'].timeout: {hint}",
        f"reminders.overdue_every: {hint}",
        f"reminders.retry_max: {hint}",
    ]


@pytest.mark.parametrize("value", ["72h,24h", " 72h , 24h ", '["72h", "24h"]'])
def test_list_variables_are_json_or_comma_separated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("NOTIFYD_REMINDERS__BEFORE", value)
    settings = load_settings(write(tmp_path, ""))
    assert settings.reminders.before == [timedelta(hours=72), timedelta(hours=24)]
    monkeypatch.setenv("NOTIFYD_REMINDERS__BEFORE", "4h")
    assert load_settings(write(tmp_path, "")).reminders.before == [timedelta(hours=4)]


def test_redaction_keeps_short_user_names_readable_and_hides_the_password() -> None:
    from notifyd.core.redact import redact, url_secrets

    secrets = sorted(url_secrets("json://d:hunter2@hooks.example.test/path"), key=len, reverse=True)
    line = "delivered to hooks.example.test; user d logged in with hunter2"
    assert redact(line, secrets) == "delivered to hooks.example.test; user d logged in with ***"
    token = url_secrets("tgram://123456789:AAbbCCddEEff@telegram")
    assert "123456789" in token and "AAbbCCddEEff" in token
