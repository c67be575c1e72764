"""The IMAP ledger without a server: what a poll downloads, records and never reads twice."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import channel_toml
from fakes import FakeMailbox
from mailfactory import newsletter, odr_warning, sold_ship_now, trademark_complaint

from notifyd.core.settings import MailboxConfig, Settings, load_settings
from notifyd.ingest import pipeline
from notifyd.ingest.pipeline import Ingest, PollReport, poll_imap, poll_mailbox
from notifyd.store.db import Store
from notifyd.store.rows import FolderState
from notifyd.understand.classify import load_rules

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
RULES = load_rules()
MAILBOX = (
    '[[mailbox]]\nname = "main"\nhost = "imap.example.test"\nusername = "seller"\n'
    'password = "secret"\nsince = "3650d"\n'
)


@pytest.fixture
def settings(write_config: Callable[..., Path]) -> Settings:
    return load_settings(write_config(MAILBOX, channel_toml("hook", "json://localhost/x")))


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    with Store(settings.database) as db:
        yield db


def poll(store: Store, settings: Settings, box: FakeMailbox, **kw: object) -> PollReport:
    config: MailboxConfig = settings.mailbox[0].model_copy(update=kw)
    report = PollReport(config.name)
    return poll_imap(Ingest(store, settings, RULES), config, box, NOW, report)  # type: ignore[arg-type]


def statuses(store: Store) -> list[tuple[int, str]]:
    rows = store.rows("SELECT uid, status FROM emails ORDER BY uidvalidity, uid")
    return [(r["uid"], r["status"]) for r in rows]


def test_a_first_poll_records_every_message_and_downloads_only_possible_notices(
    store: Store, settings: Settings
) -> None:
    box = FakeMailbox()
    day = NOW - timedelta(days=1)
    for raw in (odr_warning(day), newsletter(day), sold_ship_now(day), trademark_complaint(day)):
        box.deliver(raw)
    report = poll(store, settings, box)
    assert (report.seen, report.notices, report.ignored) == (4, 2, 2)
    assert statuses(store) == [(1, "notice"), (2, "ignored"), (3, "ignored"), (4, "notice")]
    # The newsletter and "Sold, ship now" are settled by their headers: no body is fetched.
    assert box.downloaded("headers") == [1, 2, 3, 4]
    assert box.downloaded("bodies") == [1, 4]


def test_a_poll_with_nothing_new_asks_only_for_the_folder_status(
    store: Store, settings: Settings
) -> None:
    box = FakeMailbox()
    box.deliver(odr_warning(NOW - timedelta(hours=2)))
    poll(store, settings, box)
    box.calls.clear()
    report = poll(store, settings, box)
    assert report.seen == 0
    assert [kind for kind, _, _ in box.calls] == ["select", "status"]


def test_new_mail_is_read_from_where_the_last_poll_left_off(
    store: Store, settings: Settings
) -> None:
    box = FakeMailbox()
    box.deliver(odr_warning(NOW - timedelta(hours=2)))
    poll(store, settings, box)
    box.calls.clear()
    box.deliver(trademark_complaint(NOW - timedelta(hours=1)))
    report = poll(store, settings, box)
    assert (report.seen, report.notices) == (1, 1)
    assert ("uids", "INBOX", (2, 2)) in box.calls
    assert box.downloaded("headers") == [2]


def test_a_new_uidvalidity_rescans_the_folder_without_a_second_notice(
    store: Store, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    box = FakeMailbox(uidvalidity=1000)
    box.deliver(odr_warning(NOW - timedelta(hours=3)))
    box.deliver(newsletter(NOW - timedelta(hours=2)))
    poll(store, settings, box)
    box.renumber(2000)
    report = poll(store, settings, box)
    assert "UIDVALIDITY changed 1000 -> 2000" in caplog.text
    # Every message is looked at again under its new UID; the notice is known by Message-ID.
    assert (report.seen, report.notices, report.duplicates) == (2, 0, 1)
    assert statuses(store) == [(1, "notice"), (2, "ignored"), (1, "duplicate"), (2, "ignored")]
    assert store.rows("SELECT count(*) AS n FROM notices") == [{"n": 1}]
    assert store.folder_state("main", "INBOX") == FolderState(2000, 3, 2)


def test_a_large_folder_is_walked_in_uid_windows_and_header_batches(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "UID_WINDOW", 3)
    box = FakeMailbox()
    for i in range(7):
        box.deliver(newsletter(NOW - timedelta(minutes=10 * (7 - i))))
    report = poll(store, settings, box, batch_size=2)
    assert report.seen == 7
    assert [uids for kind, _, uids in box.calls if kind == "uids"] == [(1, 3), (4, 6), (7, 7)]
    # Each window's UIDs go out in header batches of batch_size.
    assert [uids for kind, _, uids in box.calls if kind == "headers"] == [
        (1, 2), (3,), (4, 5), (6,), (7,)
    ]


def test_mail_over_max_size_is_recorded_as_skipped_and_never_downloaded(
    store: Store, settings: Settings
) -> None:
    box = FakeMailbox()
    box.deliver(odr_warning(NOW - timedelta(hours=1)))
    report = poll(store, settings, box, max_size=100)
    assert (report.seen, report.skipped) == (1, 1)
    assert box.downloaded("bodies") == []
    row = store.one("SELECT status, reason FROM emails")
    assert row is not None and row["status"] == "skipped" and "over max_size 100" in row["reason"]


def test_a_stop_between_batches_leaves_the_rest_for_the_next_poll(
    store: Store, settings: Settings
) -> None:
    box = FakeMailbox()
    for i in range(4):
        box.deliver(odr_warning(NOW - timedelta(hours=4 - i), rate=f"2.{i}"))
    config = settings.mailbox[0].model_copy(update={"batch_size": 2})
    asked = iter([False, False, True])
    first = poll_imap(
        Ingest(store, settings, RULES), config, box, NOW, PollReport("main"),  # type: ignore[arg-type]
        stop=lambda: next(asked, True),
    )
    assert first.seen == 2
    assert store.folder_state("main", "INBOX") is None  # not finished: nothing saved as done
    box.calls.clear()
    second = poll(store, settings, box, batch_size=2)
    assert (second.seen, second.notices) == (2, 2)
    assert box.downloaded("bodies") == [3, 4]  # the first two are known and not fetched again


def test_a_missing_folder_fails_the_poll_with_one_line_and_is_recorded(
    store: Store, settings: Settings
) -> None:
    box = FakeMailbox(folders=("Archive",))
    box.connect(NOW)
    report = poll_mailbox(store, settings, RULES, settings.mailbox[0], NOW, connection=box)  # type: ignore[arg-type]
    assert report.error is not None and "'INBOX' does not exist" in report.error
    health = store.mailbox_health()["main"]
    assert (health.consecutive_failures, health.last_error) == (1, report.error)
