"""A notice keeps both dates: what its Date header claimed, and when it arrived (here, imported)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from clirunner import notifyd
from mailfactory import odr_warning

from notifyd.store.db import Store

CLAIMED = datetime(2026, 10, 1, 9, 30, tzinfo=UTC)


def _imported(tmp_path: Path) -> tuple[Path, datetime]:
    mail = tmp_path / "warning.eml"
    mail.write_bytes(odr_warning(CLAIMED, message_id="<claimed-date@example.test>"))
    config = tmp_path / "notifyd.toml"
    config.write_text(f'database = "{tmp_path / "notifyd.db"}"\ntimezone = "Europe/Berlin"\n')
    before = datetime.now(UTC).replace(microsecond=0)
    result = notifyd("--config", str(config), "import", "--no-alert", str(mail))
    assert result.returncode == 0, result.stderr
    return config, before


def test_show_json_gives_the_claimed_date_and_the_import_time(tmp_path: Path) -> None:
    config, before = _imported(tmp_path)
    shown = json.loads(notifyd("--config", str(config), "show", "1", "--json").stdout)["notice"]
    assert shown["date"] == shown["date_header"] == "2026-10-01T09:30:00Z"
    arrived = datetime.fromisoformat(shown["arrived_at"].replace("Z", "+00:00"))
    assert before <= arrived <= datetime.now(UTC)
    keys = list(shown)
    assert keys[keys.index("date") + 1 : keys.index("date") + 3] == ["date_header", "arrived_at"]


def test_show_prints_both_in_local_time(tmp_path: Path) -> None:
    config, _before = _imported(tmp_path)
    lines = notifyd("--config", str(config), "show", "1").stdout.splitlines()
    header = next(line for line in lines if line.startswith("date_header"))
    assert "2026-10-01 11:30" in header  # 09:30 UTC is 11:30 in Berlin (CEST)
    arrived_line = next(line for line in lines if line.startswith("arrived_at"))
    with Store(tmp_path / "notifyd.db") as store:
        arrived_at, date_header_at = store.arrival(1)
    assert date_header_at == CLAIMED and arrived_at is not None
    berlin = arrived_at.astimezone(ZoneInfo("Europe/Berlin"))
    assert berlin.strftime("%H:%M") in arrived_line


def test_a_notice_stored_before_schema_4_shows_no_arrival(tmp_path: Path) -> None:
    config, _before = _imported(tmp_path)
    with Store(tmp_path / "notifyd.db") as store, store.transaction() as conn:
        conn.execute("UPDATE notices SET arrived_at = NULL, date_header_at = NULL")
    shown = json.loads(notifyd("--config", str(config), "show", "1", "--json").stdout)["notice"]
    assert shown["arrived_at"] is None and shown["date_header"] is None
    text = notifyd("--config", str(config), "show", "1").stdout
    assert "arrived_at" not in text
