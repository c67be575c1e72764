"""The database file: schema from schema/*.sql, an existing database left as it is, a newer one refused."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from clirunner import notifyd

from notifyd.core.errors import StoreError
from notifyd.core.models import Classification
from notifyd.core.settings import load_settings
from notifyd.core.vocab import Category, IssueType, NoticeKind, NoticeStatus, Severity
from notifyd.deliver.remind import next_reminder
from notifyd.seller import respond
from notifyd.store.connection import migrations
from notifyd.store.db import EmailRecord, Store

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def test_a_new_database_gets_every_migration_and_is_private(tmp_path: Path) -> None:
    path = tmp_path / "notifyd.db"
    with Store(path) as store:
        assert store.version == len(migrations()) >= 1
        tables = {r["name"] for r in store.rows("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"emails", "notices", "notice_asins", "alerts", "deliveries", "events", "folders",
            "mailbox_health", "digests", "system_state"} <= tables
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_database_written_by_an_earlier_notifyd_opens_unchanged(tmp_path: Path) -> None:
    # Version 1 as the notifyd before schema/*.sql wrote it: the same statements, user_version 1.
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(migrations()[0])
    conn.execute(
        "INSERT INTO emails (id, location, mailbox, folder, message_key, seen_at, status) "
        "VALUES (1, 'main/INBOX/7/1', 'main', 'INBOX', '<a@x>', '2026-11-20T08:00:00Z', 'notice')"
    )
    conn.execute(
        "INSERT INTO notices (id, email_id, message_key, kind, mailbox, is_notice, category, "
        "issue_type, severity, deadline_at, metrics, created_at, acknowledged_at) VALUES (1, 1, "
        "'<a@x>', 'notice', 'main', 1, 'account_health', 'order_defect_rate', 'high', "
        "'2026-11-23T08:00:00Z', '{\"order_defect_rate\": 2.4}', '2026-11-20T08:00:00Z', "
        "'2026-11-21T08:00:00Z')"
    )
    conn.execute("INSERT INTO notice_asins VALUES (1, 'B01G6I41N6')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store(path) as store:
        # Taken as version 1: only the later scripts ran (0001 again would fail on its tables).
        assert store.version == len(migrations())
        notice = store.notice(1)
    assert (notice.kind, notice.category, notice.issue_type, notice.severity) == (
        NoticeKind.NOTICE, Category.ACCOUNT_HEALTH, IssueType.ORDER_DEFECT_RATE, Severity.HIGH)
    assert notice.status is NoticeStatus.ACKNOWLEDGED
    assert notice.deadline_at == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert (notice.asins, notice.metrics) == (("B01G6I41N6",), {"order_defect_rate": 2.4})


def test_a_database_from_a_newer_notifyd_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(migrations()) + 1}")
    conn.close()
    with pytest.raises(StoreError, match=r"newer than this notifyd understands .*; upgrade notifyd"):
        Store(path)


def test_a_stored_notice_reads_back_as_the_value_it_was_stored_from(tmp_path: Path) -> None:
    email = EmailRecord("main", "INBOX", "main/INBOX/7/3", "<n@x>", 7, 3, "<n@x>", NOW,
                        "seller-performance@amazon.com", "Trademark complaint", 4000)
    result = Classification(
        is_notice=True, category="policy_violation", issue_type="trademark",
        asins=("B07XJ8C8F5",), deadline_at=datetime(2026, 12, 1, 12, 0, tzinfo=UTC),
        severity="high", marketplace="amazon.de", language="de", reasons=("issue: trademark",),
    )
    with Store(tmp_path / "n.db") as store, store.transaction() as conn:
        email_id = store.record_email(conn, email, "notice", None, NOW)
        assert email_id is not None
        notice_id = store.insert_notice(conn, email_id, email, "notice", result, "excerpt", NOW)
    with Store(tmp_path / "n.db") as store:
        notice = store.notice(notice_id)
        events = store.events(notice_id)
    assert notice.to_json()["deadline_at"] == "2026-12-01T12:00:00Z"
    assert (notice.issue_type, notice.marketplace, notice.asins) == (
        IssueType.TRADEMARK, "amazon.de", ("B07XJ8C8F5",))
    assert (notice.received_at, notice.created_at, notice.status) == (NOW, NOW, NoticeStatus.OPEN)
    assert [(e.kind, e.text) for e in events] == [
        ("received", "from seller-performance@amazon.com")]


def test_reopen_from_the_library_reschedules_the_reminders(
    tmp_path: Path, write_config: Callable[..., Path]
) -> None:
    """Reopening is the library's job, not the CLI's: any caller gets the reminders back."""
    settings = load_settings(write_config())
    email = EmailRecord("main", "INBOX", "main/INBOX/7/4", "<r@x>", 7, 4, "<r@x>", NOW)
    deadline = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    result = Classification(is_notice=True, category="account_health",
                            issue_type="order_defect_rate", deadline_at=deadline, severity="high")
    with Store(settings.database) as store:
        with store.transaction() as conn:
            email_id = store.record_email(conn, email, "notice", None, NOW)
            assert email_id is not None
            notice_id = store.insert_notice(conn, email_id, email, "notice", result, "", NOW)
        respond.resolve(store, notice_id, "anna", "done", NOW)
        assert store.notice(notice_id).next_reminder_at is None
        later = NOW + timedelta(days=1)
        reopened = respond.reopen(store, notice_id, "ben", later, reminders=settings.reminders)
    cfg = settings.reminders
    assert reopened.status is NoticeStatus.OPEN
    assert reopened.next_reminder_at == next_reminder(
        deadline, cfg.before, cfg.overdue_every, later)
    assert reopened.next_reminder_at is not None and later < reopened.next_reminder_at <= deadline


@pytest.mark.parametrize("earlier", range(1, len(migrations()) + 1))
def test_every_earlier_schema_upgrades_to_the_current_one_through_the_cli(
    tmp_path: Path, earlier: int
) -> None:
    """A database left at each earlier schema version (with a notice in it) is upgraded by the
    next command and its notice reads back; version == current is the no-op case."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for script in migrations()[:earlier]:
        conn.executescript(script)
    conn.execute(
        "INSERT INTO emails (id, location, mailbox, folder, message_key, seen_at, status) "
        "VALUES (1, 'main/INBOX/7/1', 'main', 'INBOX', '<a@x>', '2026-11-20T08:00:00Z', 'notice')"
    )
    conn.execute(
        "INSERT INTO notices (id, email_id, message_key, kind, mailbox, is_notice, severity, "
        "created_at) VALUES (1, 1, '<a@x>', 'notice', 'main', 1, 'high', '2026-11-20T08:00:00Z')"
    )
    conn.execute(f"PRAGMA user_version = {earlier}")
    conn.commit()
    conn.close()
    result = notifyd("notices", "--json", env={"NOTIFYD_DATABASE": str(path), "NOTIFYD_CONFIG": ""})
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1]
    with Store(path) as store:
        assert store.version == len(migrations())
