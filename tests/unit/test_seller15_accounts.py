"""Whose account: the mailbox's `account` name, channels routed by it, the acting user under sudo."""

from __future__ import annotations

from pathlib import Path

import pytest

from notifyd.cli.context import who
from notifyd.core.accounts import account_line, account_of, by_account, routes, unknown_accounts
from notifyd.core.errors import ConfigError
from notifyd.core.settings import Settings, load_settings

CONFIG = """
[[mailbox]]
name = "eu"
path = "eu-mail"
account = "Northwind EU"

[[mailbox]]
name = "us"
path = "us-mail"
account = "Northwind US"

[[mailbox]]
name = "outlet"
path = "outlet-mail"

[[channel]]
name = "all"
url = "json://localhost/all"

[[channel]]
name = "eu-team"
url = "json://localhost/eu"
accounts = ["northwind eu", "outlet"]
"""


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    path = tmp_path / "notifyd.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return load_settings(path)


def test_a_notice_is_shown_under_its_mailboxs_account(settings: Settings) -> None:
    assert account_of("eu", settings) == "Northwind EU"
    assert account_of("outlet", settings) == "outlet"  # no `account`: the mailbox name
    assert account_of("import", settings) is None
    assert account_of("removed-mailbox", settings) is None
    assert account_line("us", settings) == ("Account", "Northwind US")


def test_one_unnamed_mailbox_needs_no_account_line() -> None:
    single = Settings(mailbox=[{"name": "main", "path": "m"}])  # type: ignore[list-item]
    assert account_line("main", single) is None
    named = Settings(mailbox=[{"name": "main", "path": "m", "account": "Acme"}])  # type: ignore[list-item]
    assert account_line("main", named) == ("Account", "Acme")


def test_channels_route_by_account_name_or_mailbox(settings: Settings) -> None:
    everything, eu_team = settings.channel
    assert [routes(everything, box, settings) for box in ("eu", "us", "outlet", "import")] == [
        True, True, True, True,
    ]  # fmt: skip
    assert [routes(eu_team, box, settings) for box in ("eu", "us", "outlet", "import")] == [
        True, False, True, False,
    ]  # fmt: skip
    assert unknown_accounts(settings) == []


def test_a_misspelt_account_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "notifyd.toml"
    path.write_text(CONFIG.replace('"northwind eu"', '"Nortwind EU"'), encoding="utf-8")
    assert unknown_accounts(load_settings(path)) == [
        "channel['eu-team'].accounts: 'Nortwind EU' is no mailbox name or account; "
        "known: Northwind EU, Northwind US, outlet"
    ]


def test_an_empty_account_name_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "notifyd.toml"
    path.write_text('[[mailbox]]\nname = "x"\npath = "p"\naccount = ""\n', encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"mailbox\['x'\]\.account: String should have at least 1 character"
    ):
        load_settings(path)


def test_digest_groups_by_account_in_config_order(settings: Settings) -> None:
    notices = [
        {"id": 1, "mailbox": "outlet"}, {"id": 2, "mailbox": "import"},
        {"id": 3, "mailbox": "eu"}, {"id": 4, "mailbox": "outlet"},
    ]  # fmt: skip
    groups = by_account(notices, settings)
    assert [(a, [n["id"] for n in g]) for a, g in groups.items()] == [
        ("Northwind EU", [3]), ("outlet", [1, 4]), (None, [2]),
    ]  # fmt: skip


def test_the_acting_user_under_sudo_is_the_person(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUDO_USER", "maria")
    assert who(None) == "maria"
    assert who("ops-team") == "ops-team"  # --by still wins
    monkeypatch.delenv("SUDO_USER")
    monkeypatch.setenv("USER", "root")
    monkeypatch.setenv("LOGNAME", "root")
    assert who(None) == "root"
