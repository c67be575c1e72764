"""`notifyd help config`: every key of the settings model on the page, with type, default, meaning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from notifyd.cli.help_config import config_page, credential_names, undocumented
from notifyd.core.settings import (
    ChannelConfig,
    DigestConfig,
    MailboxConfig,
    MonitorConfig,
    RemindersConfig,
    Settings,
    load_settings,
)


def test_no_configuration_key_is_undocumented() -> None:
    assert undocumented() == []


def test_every_key_of_every_section_is_on_the_page() -> None:
    page = config_page()
    sections = {
        "[[mailbox]]": MailboxConfig, "[[channel]]": ChannelConfig,
        "[reminders]": RemindersConfig, "[digest]": DigestConfig, "[monitor]": MonitorConfig,
    }  # fmt: skip
    for header, model in sections.items():
        chunk = page.split(f"\n{header}  (", 1)[1].split("\n[", 1)[0]
        for key in model.model_fields:
            assert re.search(rf"^ {{7}}{key} = ", chunk, re.MULTILINE), f"{header} {key}"
    top = [
        k
        for k in Settings.model_fields
        if k not in ("mailbox", "channel", "reminders", "digest", "monitor")
    ]
    for key in top:
        assert f"\n       {key} = " in page


def test_entries_read_like_a_man_page() -> None:
    page = config_page()
    assert page.startswith("NOTIFYD.TOML(5)")
    assert all(len(line) <= 78 for line in page.splitlines())
    assert (
        "       poll_interval = duration (90s, 5m, 72h, 30d, 2w)\n"
        "              How often to poll; also the safety-net poll under IDLE.\n"
        '              Default: "5m".\n'
    ) in page
    assert (
        "       before = list of duration (90s, 5m, 72h, 30d, 2w)\n"
        "              Reminders this long before a deadline.\n"
        '              Default: ["72h", "24h", "4h"].\n'
        "              Environment: NOTIFYD_REMINDERS__BEFORE.\n"
    ) in page
    assert "       max_size = size (25MB, 500KB)\n" in page
    assert '              Default: "25MB".\n' in page
    assert '              Default: "30d".\n' in page and '              Default: "24h".\n' in page
    assert "       security = tls | starttls | none\n" in page
    assert "       name = text\n" in page and "              Required.\n" in page
    assert "       account = text\n" in page
    assert (
        "       mailbox password\n"
        "              Credential: mailbox-<name>-password\n"
        "              Environment: NOTIFYD_MAILBOX_<NAME>_PASSWORD\n"
    ) in page


def test_credential_names_for_a_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "mailbox-eu-shop-password").write_text("pw")
    (creds / "channel-sms-url").write_text("json://localhost/hook")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    config = tmp_path / "c.toml"
    config.write_text(
        '[[mailbox]]\nname = "eu-shop"\nhost = "imap.example.test"\nusername = "u"\n'
        '[[channel]]\nname = "sms"\n',
        encoding="utf-8",
    )
    assert credential_names(load_settings(config)) == [
        ("mailbox-eu-shop-password", "NOTIFYD_MAILBOX_EU_SHOP_PASSWORD"),
        ("channel-sms-url", "NOTIFYD_CHANNEL_SMS_URL"),
    ]
