"""`backup` while the daemon writes: the copy is consistent and the CLI reads it like the original."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import ROOT, notifyd
from mailfactory import deactivation, odr_warning, trademark_complaint

from notifyd.store.backup import backup
from notifyd.store.db import Store

NOW = datetime.now(UTC).replace(microsecond=0)

# A second process that writes response-log entries in a tight loop, one transaction each, as
# the daemon and concurrent CLI commands do. It announces itself once it has committed, and
# stops when the stop file appears (no sleeps, no timing in the test).
WRITER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from notifyd.store.db import Store
db, stop = Path(sys.argv[1]), Path(sys.argv[2])
with Store(db) as store:
    n = 0
    while not stop.exists():
        n += 1
        with store.transaction() as conn:
            store.add_event(conn, 1 + n % 3, "note", "writer", f"entry {n}", datetime.now(UTC))
        if n == 50:
            print("writing", flush=True)
print(n, flush=True)
"""


def config(folder: Path, db: Path) -> Path:
    path = folder / f"{db.stem}.toml"
    path.write_text(f'database = "{db}"\ntimezone = "Europe/Berlin"\n', encoding="utf-8")
    return path


def notices_json(folder: Path, db: Path) -> list[dict[str, object]]:
    result = notifyd("--config", str(config(folder, db)), "notices", "--status", "all", "--json")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def event_ids(db: Path) -> list[int]:
    with Store(db) as store:
        return [int(r["id"]) for r in store.rows("SELECT id FROM events ORDER BY id")]


def test_backup_while_a_writer_is_active_is_read_identically(tmp_path: Path) -> None:
    mail = tmp_path / "mail"
    mail.mkdir()
    (mail / "1.eml").write_bytes(odr_warning(NOW - timedelta(days=2)))
    (mail / "2.eml").write_bytes(trademark_complaint(NOW - timedelta(days=1)))
    (mail / "3.eml").write_bytes(deactivation(NOW - timedelta(hours=3)))
    db = tmp_path / "notifyd.db"
    imported = notifyd("--config", str(config(tmp_path, db)), "import", "--no-alert", str(mail))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("3 new emails: 3 notices")

    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(stop)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "writing"
        copies = []
        for n in range(3):
            copies.append(tmp_path / f"backup-{n}.db")
            made = notifyd("--config", str(config(tmp_path, db)), "backup", str(copies[-1]))
            assert made.returncode == 0, made.stderr
            assert ", 3 notices, " in made.stdout
    finally:
        stop.touch()
        total = int(writer.communicate(timeout=60)[0].strip())
    assert writer.returncode == 0

    original = notices_json(tmp_path, db)
    assert sorted(n["id"] for n in original) == [1, 2, 3]  # listed by urgency
    for copy in copies:
        # The same notices, field for field, through the same command.
        assert notices_json(tmp_path, copy) == original
        # One consistent snapshot: a gap-free prefix of the response log, taken mid-writing.
        ids = event_ids(copy)
        assert ids == list(range(1, len(ids) + 1))
        assert 3 + 50 <= len(ids) <= 3 + total

    # Once the writer is done, a backup holds every entry, and `show` reads it the same way.
    final = tmp_path / "final.db"
    backup(db, final)
    assert event_ids(final) == event_ids(db)
    shown = [
        notifyd("--config", str(config(tmp_path, d)), "show", "2", "--json").stdout
        for d in (db, final)
    ]
    assert shown[0] == shown[1] and json.loads(shown[0])["notice"]["id"] == 2


def test_restore_brings_back_what_the_backup_held(tmp_path: Path) -> None:
    mail = tmp_path / "mail"
    mail.mkdir()
    (mail / "1.eml").write_bytes(odr_warning(NOW - timedelta(days=2)))
    db = tmp_path / "notifyd.db"
    assert (
        notifyd("--config", str(config(tmp_path, db)), "import", "--no-alert", str(mail)).returncode
        == 0
    )
    saved = tmp_path / "saved.db"
    backup(db, saved)
    before = notices_json(tmp_path, db)
    acked = notifyd("--config", str(config(tmp_path, db)), "ack", "1", "--by", "ops")
    assert acked.returncode == 0, acked.stderr
    assert notices_json(tmp_path, db) != before

    restored = notifyd("--config", str(config(tmp_path, db)), "restore", str(saved))
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.endswith(
        f"the previous database is kept as {tmp_path / 'notifyd.db.bak'}\n"
    )
    assert notices_json(tmp_path, db) == before
    assert notices_json(tmp_path, tmp_path / "notifyd.db.bak")[0]["acknowledged_by"] == "ops"
