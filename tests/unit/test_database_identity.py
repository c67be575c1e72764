"""`run` refuses a database that was deleted, replaced or swapped since it last ran on the path."""

from __future__ import annotations

import shutil
from pathlib import Path

from clirunner import notifyd

from notifyd.store.db import Store


def _config(tmp_path: Path, database: Path) -> Path:
    (tmp_path / "mail").mkdir(exist_ok=True)
    config = tmp_path / "notifyd.toml"
    config.write_text(
        f'database = "{database}"\n[[mailbox]]\nname = "m"\npath = "{tmp_path / "mail"}"\n'
    )
    return config


def _refused(result: object, *needles: str) -> None:
    assert result.returncode == 4, (result.stdout, result.stderr)  # type: ignore[attr-defined]
    err = result.stderr.strip()  # type: ignore[attr-defined]
    assert len(err.splitlines()) == 1 and err.startswith("notifyd: "), err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, err


def test_a_deleted_database_is_refused_at_the_next_start_and_not_recreated(tmp_path: Path) -> None:
    database = tmp_path / "notifyd.db"
    config = _config(tmp_path, database)
    assert notifyd("--config", str(config), "run", "--once").returncode == 0
    assert (tmp_path / "notifyd.db.identity").exists()
    database.unlink()
    result = notifyd("--config", str(config), "run", "--once")
    _refused(result, "is gone", "notifyd run --new-database")
    assert not database.exists()  # not silently created afresh
    # The operator's way out, as the line says.
    assert notifyd("--config", str(config), "run", "--once", "--new-database").returncode == 0
    assert database.exists()
    assert notifyd("--config", str(config), "run", "--once").returncode == 0


def test_another_database_at_the_path_is_refused_and_left_untouched(tmp_path: Path) -> None:
    database = tmp_path / "notifyd.db"
    config = _config(tmp_path, database)
    assert notifyd("--config", str(config), "run", "--once").returncode == 0
    # Another instance's database (it has its own identity) copied over ours.
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other_config = _config(other_dir, other_dir / "notifyd.db")
    assert notifyd("--config", str(other_config), "run", "--once").returncode == 0
    shutil.copy(other_dir / "notifyd.db", database)
    _refused(notifyd("--config", str(config), "run", "--once"), "is not the one", "--new-database")
    # A database made by some other command (no identity yet) in place of the deleted one.
    database.unlink()
    Store(database).close()
    _refused(notifyd("--config", str(config), "run", "--once"), "is not the one")
    with Store(database) as store:
        assert store.one("SELECT * FROM system_state WHERE name = 'mark:identity'") is None


def test_a_database_from_before_identities_is_adopted(tmp_path: Path) -> None:
    database = tmp_path / "notifyd.db"
    Store(database).close()  # an existing install: a database, nothing remembered beside it
    config = _config(tmp_path, database)
    assert notifyd("--config", str(config), "run", "--once").returncode == 0
    with Store(database) as store:
        row = store.one("SELECT detail FROM system_state WHERE name = 'mark:identity'")
    assert row is not None
    remembered = (tmp_path / "notifyd.db.identity").read_text().strip()
    assert remembered == row["detail"]
    assert (tmp_path / "notifyd.db.identity").stat().st_mode & 0o077 == 0


def test_a_restored_backup_is_taken_as_this_instances_database(tmp_path: Path) -> None:
    database = tmp_path / "notifyd.db"
    config = _config(tmp_path, database)
    assert notifyd("--config", str(config), "run", "--once").returncode == 0
    older = tmp_path / "older.db"
    Store(older).close()  # a backup from before databases had an id
    restored = notifyd("--config", str(config), "restore", str(older))
    assert restored.returncode == 0, restored.stderr
    assert notifyd("--config", str(config), "run", "--once").returncode == 0
