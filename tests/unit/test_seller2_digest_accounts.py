"""The per-account digest without a mail server: what each account's digest holds, the digest
of notices that belong to no account, and `digest --send` reporting each one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from clirunner import notifyd
from fakes import RecordingSender
from mailfactory import odr_warning, trademark_complaint

from notifyd.core.settings import load_settings
from notifyd.deliver.notify import Outcome
from notifyd.seller import digest
from notifyd.store.db import Store

NOW = datetime.now(UTC).replace(microsecond=0)
SHARED = ("B0SHARED01", "B0ONLYEU02")


class DigestInbox:
    """Every digest that would have been mailed: (subject, text part)."""

    def __init__(self) -> None:
        self.mails: list[tuple[str, str]] = []

    def __call__(self, url: str, subject: str, html: str, text: str, *a: object) -> Outcome:
        self.mails.append((subject, text))
        return Outcome(ok=True)


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> DigestInbox:
    got = DigestInbox()
    monkeypatch.setattr("notifyd.deliver.notify.send_email_digest", got)
    monkeypatch.setattr("notifyd.deliver.notify.send", RecordingSender())
    return got


def two_accounts(folder: Path) -> Path:
    """eu: two trademark complaints naming the same ASIN (a pattern); us: one naming it too."""
    cfg = folder / "notifyd.toml"
    cfg.write_text(
        f'database = "{folder / "notifyd.db"}"\ntimezone = "Europe/Berlin"\n'
        '[digest]\nper_account = true\nurl = "mailto://digest.example.test"\n'
        '[[mailbox]]\nname = "eu"\npath = "eu"\naccount = "Northwind EU"\n'
        '[[mailbox]]\nname = "us"\npath = "us"\n',  # no `account`: shown by its name
        encoding="utf-8",
    )
    for box in ("eu", "us"):
        (folder / box).mkdir()
    (folder / "eu" / "1.eml").write_bytes(trademark_complaint(NOW - timedelta(days=12), SHARED))
    (folder / "eu" / "2.eml").write_bytes(trademark_complaint(NOW - timedelta(days=11), SHARED))
    (folder / "us" / "1.eml").write_bytes(trademark_complaint(NOW - timedelta(days=10), SHARED[:1]))
    (folder / "us" / "2.eml").write_bytes(odr_warning(NOW - timedelta(hours=5)))
    return cfg


def test_each_account_gets_only_its_notices_and_its_own_repeated_asins(
    tmp_path: Path, inbox: DigestInbox
) -> None:
    cfg = two_accounts(tmp_path)
    ran = notifyd("--config", str(cfg), "run", "--once")
    assert ran.returncode == 0, ran.stderr
    week = inbox.mails[0][0].split()[3]  # "notifyd weekly digest 2026-W48 for ..."
    assert [line for line in ran.stderr.splitlines() if line.startswith("weekly digest")] == [
        f"weekly digest {week} Northwind EU: sent",
        f"weekly digest {week} us: sent",
    ]
    texts = {subject.split(" for ")[1].split(":")[0]: text for subject, text in inbox.mails}
    assert sorted(texts) == ["Northwind EU", "us"]  # no "no account" digest: none are imported
    eu, us = texts["Northwind EU"], texts["us"]
    assert "OPEN NOTICES (2, 0 overdue)" in eu and "OPEN NOTICES (2, 0 overdue)" in us
    assert "Order Defect Rate" in us and "Order Defect Rate" not in eu
    # B0SHARED01 repeats within eu; in us it was named once, so us has no pattern to show.
    assert "REPEATED ASINS" in eu and "B0SHARED01  2 notices" in eu
    assert "REPEATED ASINS" not in us
    # The account is in the title; not repeated on every line.
    assert ", Northwind EU" not in eu


def test_imported_notices_get_a_digest_of_their_own_and_send_now_reports_each(
    tmp_path: Path, inbox: DigestInbox
) -> None:
    cfg = two_accounts(tmp_path)
    old = tmp_path / "old.eml"
    old.write_bytes(odr_warning(NOW - timedelta(days=2), rate="3.1"))
    assert notifyd("--config", str(cfg), "import", "--no-alert", str(old)).returncode == 0
    sent = notifyd("--config", str(cfg), "digest", "--send")
    assert sent.returncode == 0, sent.stderr
    lines = sent.stderr.splitlines()
    assert [line.split(" (")[0] for line in lines] == ["digest sent"] * 3
    assert [line.split(" ", 3)[-1] for line in lines] == ["Northwind EU)", "us)", "no account)"]
    subjects = [subject for subject, _ in inbox.mails]
    assert subjects[2].split(": ")[0].endswith(" for no account")
    assert "3.1%" in inbox.mails[2][1] and "3.1%" not in inbox.mails[0][1] + inbox.mails[1][1]


def test_without_notices_of_no_account_that_digest_is_not_sent_nor_retried(
    tmp_path: Path, inbox: DigestInbox
) -> None:
    settings = load_settings(two_accounts(tmp_path))
    with Store(settings.database) as store:
        first = digest.send_all_due(store, settings, NOW)
        again = digest.send_all_due(store, settings, NOW + timedelta(minutes=20))
        assert store.digest_sent(f"{first[0].period.split()[0]} {digest.NO_ACCOUNT}")
    assert [a.period.split(" ", 1)[1] for a in first] == ["Northwind EU", "us"]
    assert again == []
    assert len(inbox.mails) == 2


def test_preview_of_one_account_by_mailbox_name_and_an_unknown_account_is_one_line(
    tmp_path: Path, inbox: DigestInbox
) -> None:
    cfg = two_accounts(tmp_path)
    assert notifyd("--config", str(cfg), "run", "--once").returncode == 0
    page = tmp_path / "eu.html"
    shown = notifyd("--config", str(cfg), "digest", "--preview", str(page), "--account", "EU")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("notifyd weekly digest ")
    assert shown.stdout.split(" (")[0].endswith(" for Northwind EU")
    assert "Order Defect Rate" not in shown.stdout  # that is us's notice
    assert "for Northwind EU</td>" in page.read_text(encoding="utf-8")
    wrong = notifyd("--config", str(cfg), "digest", "--preview", str(page), "--account", "asia")
    assert wrong.returncode == 2
    assert "'asia' is no account; known: 'Northwind EU', 'us', 'no account'" in wrong.stderr
