"""`--at TIME` on ack, resolve, dismiss, reopen and snooze: the stored time is the one given, in
the configured timezone, and the help says so; and `show` says "overdue" only when it is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from clirunner import notifyd
from fakes import RecordingSender
from mailfactory import odr_warning, trademark_complaint

from notifyd.store.db import Store

NOW = datetime.now(UTC).replace(second=0, microsecond=0)
PHISH = (Path(__file__).parents[1] / "corpus" / "080-phish-f3dven-lookalike.eml").read_bytes()
# Yesterday 09:15 on the Berlin wall clock, written as a user types it, and the UTC it means.
LOCAL = (NOW - timedelta(days=1)).astimezone(ZoneInfo("Europe/Berlin"))
TYPED = LOCAL.strftime("%Y-%m-%d") + " 09:15"
MEANT = LOCAL.replace(hour=9, minute=15, second=0, microsecond=0).astimezone(UTC)


@pytest.fixture
def cfg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("notifyd.deliver.notify.send", RecordingSender())
    path = tmp_path / "notifyd.toml"
    path.write_text(f'database = "{tmp_path / "notifyd.db"}"\ntimezone = "Europe/Berlin"\n',
                    encoding="utf-8")  # fmt: skip
    mail = tmp_path / "mail"
    mail.mkdir()
    (mail / "1.eml").write_bytes(odr_warning(NOW - timedelta(days=3)))
    (mail / "2.eml").write_bytes(trademark_complaint(NOW - timedelta(days=2)))
    (mail / "3.eml").write_bytes(PHISH)
    done = notifyd("--config", str(path), "import", "--since", "all", str(mail))
    assert done.returncode == 0, done.stderr
    return path


def run(cfg: Path, *args: str) -> str:
    result = notifyd("--config", str(cfg), *args)
    assert result.returncode == 0, (result.stdout, result.stderr)
    return result.stdout


def logged(cfg: Path, notice_id: int, kind: str) -> list[datetime]:
    with Store(cfg.parent / "notifyd.db") as store:
        return [e.at for e in store.events(notice_id) if e.kind == kind]


def test_ack_and_resolve_store_the_time_given(cfg: Path) -> None:
    assert run(cfg, "ack", "1", "2", "--at", TYPED) == (
        "notice 1 acknowledged\nnotice 2 acknowledged\n"
    )
    run(cfg, "resolve", "1", "--at", TYPED, "--note", "fixed")
    with Store(cfg.parent / "notifyd.db") as store:
        assert store.notice(1).acknowledged_at == MEANT
        assert store.notice(1).resolved_at == MEANT
        assert store.notice(2).acknowledged_at == MEANT
        assert store.notice(2).resolved_at is None
    assert logged(cfg, 1, "acknowledged") == [MEANT]
    assert logged(cfg, 1, "resolved") == [MEANT]


def test_at_takes_relative_times_and_refuses_the_future(cfg: Path) -> None:
    before = datetime.now(UTC)
    run(cfg, "ack", "1", "--at", "3h ago")
    with Store(cfg.parent / "notifyd.db") as store:
        acked = store.notice(1).acknowledged_at
    assert acked is not None
    assert before - timedelta(hours=3, minutes=1) <= acked <= datetime.now(UTC) - timedelta(hours=3)
    future = notifyd("--config", str(cfg), "resolve", "2", "--at", "2099-01-01")
    assert future.returncode == 2
    assert "back-dates only" in future.stderr and future.stderr.count("\n") == 1
    with Store(cfg.parent / "notifyd.db") as store:
        assert store.notice(2).resolved_at is None


def test_dismiss_reopen_and_snooze_back_date_their_log_entries(cfg: Path) -> None:
    run(cfg, "dismiss", "3", "--at", TYPED)
    with Store(cfg.parent / "notifyd.db") as store:
        assert store.notice(3).resolved_at == MEANT
    run(cfg, "resolve", "1")
    run(cfg, "reopen", "1", "--at", TYPED)
    assert logged(cfg, 1, "reopened") == [MEANT]
    # Snoozed yesterday at 09:15 for two days: until tomorrow 09:15, counted from then.
    out = run(cfg, "snooze", "2", "2d", "--at", TYPED)
    until = MEANT + timedelta(days=2)
    assert out.startswith("notice 2 snoozed until ")
    assert logged(cfg, 2, "snoozed") == [MEANT]
    with Store(cfg.parent / "notifyd.db") as store:
        assert store.notice(2).snoozed_until == until


@pytest.mark.parametrize("command", ["ack", "resolve", "dismiss", "reopen", "snooze"])
def test_help_documents_at(command: str) -> None:
    result = notifyd(command, "--help")
    assert result.returncode == 0
    assert "--at TIME" in result.stdout
    assert "3h ago" in " ".join(result.stdout.split())


def test_show_prints_the_overdue_line_only_for_a_late_notice(tmp_path: Path) -> None:
    path = tmp_path / "notifyd.toml"
    path.write_text(f'database = "{tmp_path / "notifyd.db"}"\ntimezone = "Europe/Berlin"\n',
                    encoding="utf-8")  # fmt: skip
    mail = tmp_path / "mail"
    mail.mkdir()
    # The ODR warning gives 72 hours: sent 5 days ago it is two days late, sent now it is not.
    (mail / "1.eml").write_bytes(odr_warning(NOW - timedelta(days=5)))
    (mail / "2.eml").write_bytes(odr_warning(NOW - timedelta(hours=1), rate="1.9"))
    assert notifyd("--config", str(path), "import", "--no-alert", str(mail)).returncode == 0
    late = run(path, "show", "1").splitlines()
    fresh = run(path, "show", "2").splitlines()
    assert [line for line in late if line.startswith("overdue")] == [
        "overdue            by 2 days"
    ]
    assert not [line for line in fresh if line.startswith("overdue")]
    assert any(line.startswith("deadline ") for line in fresh)
