"""Backup and restore on real SQLite files: what is refused, what is kept, what the copy holds."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from notifyd.core.errors import StoreError
from notifyd.core.models import Classification
from notifyd.store.backup import backup, inspect, restore
from notifyd.store.connection import migrations
from notifyd.store.db import EmailRecord, Store

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def make_db(path: Path, subjects: list[str]) -> None:
    with Store(path) as store:
        for n, subject in enumerate(subjects, start=1):
            record = EmailRecord(
                mailbox="main", folder="INBOX", location=f"main/INBOX/1/{n}",
                message_key=f"<m{n}@example.test>", subject=subject, sender="a@amazon.com",
            )  # fmt: skip
            result = Classification(
                is_notice=True, category="account_health", issue_type="order_defect_rate",
                severity="high", asins=("B01G6I41N6",),
            )  # fmt: skip
            with store.transaction() as conn:
                email_id = store.record_email(conn, record, "notice", None, NOW)
                assert email_id is not None
                store.insert_notice(conn, email_id, record, "notice", result, "", NOW)


def subjects(path: Path) -> list[str]:
    with Store(path) as store:
        return [n.subject for n in store.notices("all")]


def test_backup_is_one_private_self_contained_file(tmp_path: Path) -> None:
    make_db(tmp_path / "live.db", ["first", "second"])
    report = backup(tmp_path / "live.db", tmp_path / "copy.db")
    assert (report.schema_version, report.notices) == (len(migrations()), 2)
    copy = tmp_path / "copy.db"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert not (tmp_path / "copy.db-wal").exists()
    assert subjects(copy) == ["first", "second"]
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_backup_of_a_missing_database_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"missing\.db does not exist; set `database`"):
        backup(tmp_path / "missing.db", tmp_path / "copy.db")
    assert list(tmp_path.iterdir()) == []


def test_backup_never_overwrites_a_file(tmp_path: Path) -> None:
    make_db(tmp_path / "live.db", ["x"])
    (tmp_path / "copy.db").write_text("precious")
    with pytest.raises(StoreError, match="already exists"):
        backup(tmp_path / "live.db", tmp_path / "copy.db")
    assert (tmp_path / "copy.db").read_text() == "precious"


def test_restore_keeps_the_current_database_as_bak(tmp_path: Path) -> None:
    make_db(tmp_path / "old.db", ["from the backup"])
    backup(tmp_path / "old.db", tmp_path / "saved.db")
    make_db(tmp_path / "live.db", ["current one", "current two"])
    report = restore(tmp_path / "saved.db", tmp_path / "live.db", NOW)
    assert report.kept_as == tmp_path / "live.db.bak"
    assert subjects(tmp_path / "live.db") == ["from the backup"]
    assert subjects(tmp_path / "live.db.bak") == ["current one", "current two"]
    # A second restore does not overwrite the first .bak.
    again = restore(tmp_path / "saved.db", tmp_path / "live.db", NOW)
    assert again.kept_as == tmp_path / "live.db.20261203T090000Z.bak"
    assert subjects(tmp_path / "live.db.bak") == ["current one", "current two"]


def test_restore_into_a_new_path(tmp_path: Path) -> None:
    make_db(tmp_path / "old.db", ["a"])
    report = restore(tmp_path / "old.db", tmp_path / "new" / "notifyd.db", NOW)
    assert report.kept_as is None
    assert subjects(tmp_path / "new" / "notifyd.db") == ["a"]
    assert stat.S_IMODE((tmp_path / "new" / "notifyd.db").stat().st_mode) == 0o600


def _sqlite_file(path: Path, *statements: str) -> Path:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("not a database at all\n" * 100), "not an SQLite file"),
        (lambda p: _sqlite_file(p, "CREATE TABLE photos (id)"), "no notifyd tables"),
        (
            lambda p: (make_db(p, ["x"]), _sqlite_file(p, "PRAGMA user_version = 999")),
            "schema version 999, newer than this notifyd understands",
        ),
    ],
)
def test_restore_refuses_a_file_that_is_not_a_notifyd_database(
    tmp_path: Path, make: object, message: str
) -> None:
    make_db(tmp_path / "live.db", ["keep me"])
    bad = tmp_path / "bad.db"
    make(bad)  # type: ignore[operator]
    with pytest.raises(StoreError, match=message):
        restore(bad, tmp_path / "live.db", NOW)
    assert subjects(tmp_path / "live.db") == ["keep me"]
    assert not (tmp_path / "live.db.bak").exists()


def test_inspect_reports_version_and_count(tmp_path: Path) -> None:
    make_db(tmp_path / "live.db", ["a", "b", "c"])
    assert inspect(tmp_path / "live.db") == (len(migrations()), 3)


def test_restore_over_a_damaged_database_keeps_its_bytes(tmp_path: Path) -> None:
    make_db(tmp_path / "old.db", ["good"])
    live = tmp_path / "live.db"
    live.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    restore(tmp_path / "old.db", live, NOW)
    assert subjects(live) == ["good"]
    assert (tmp_path / "live.db.bak").read_bytes() == b"SQLite format 3\x00" + b"\xff" * 4000
