"""Reminder and quiet-hour decisions: pure functions of the deadline, the offsets and `now`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fakes import RecordingSender
from mailfactory import deactivation

from notifyd.core.settings import ChannelConfig, load_settings
from notifyd.deliver import outbox
from notifyd.deliver.outbox import quiet_until, retry_delay, route
from notifyd.deliver.remind import next_reminder
from notifyd.ingest.pipeline import import_paths
from notifyd.run import tick as scheduler
from notifyd.store.db import Store
from notifyd.understand.classify import load_rules

BEFORE = [timedelta(hours=72), timedelta(hours=24), timedelta(hours=4)]
DAY = timedelta(hours=24)
DEADLINE = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (datetime(2026, 11, 26, 9, 0, tzinfo=UTC), DEADLINE - timedelta(hours=72)),
        (DEADLINE - timedelta(hours=72), DEADLINE - timedelta(hours=24)),
        (DEADLINE - timedelta(hours=30), DEADLINE - timedelta(hours=24)),
        (DEADLINE - timedelta(hours=5), DEADLINE - timedelta(hours=4)),
        (DEADLINE - timedelta(hours=4), DEADLINE),
        (DEADLINE, DEADLINE + DAY),
        # Down for three days past the deadline: the next one is the next repeat, not a backlog.
        (DEADLINE + timedelta(days=3, hours=2), DEADLINE + 4 * DAY),
    ],
)
def test_next_reminder(after: datetime, expected: datetime) -> None:
    assert next_reminder(DEADLINE, BEFORE, DAY, after) == expected


def channel(**kw: object) -> ChannelConfig:
    return ChannelConfig(name=str(kw.pop("name", "c")), url="json://127.0.0.1/x", **kw)  # type: ignore[arg-type]


BERLIN = ZoneInfo("Europe/Berlin")


def test_quiet_hours_hold_non_critical_until_the_end_in_local_time() -> None:
    quiet = channel(quiet_hours="22:00-07:00")
    late = datetime(2026, 11, 26, 22, 30, tzinfo=UTC)  # 23:30 in Berlin
    assert quiet_until(quiet, "high", late, BERLIN) == datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
    early = datetime(2026, 11, 27, 4, 0, tzinfo=UTC)  # 05:00 in Berlin
    assert quiet_until(quiet, "low", early, BERLIN) == datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
    assert quiet_until(quiet, "critical", late, BERLIN) == late
    noon = datetime(2026, 11, 27, 11, 0, tzinfo=UTC)
    assert quiet_until(quiet, "low", noon, BERLIN) == noon


def test_quiet_hours_within_one_day() -> None:
    lunch = channel(quiet_hours="12:00-13:30")
    at = datetime(2026, 6, 1, 10, 15, tzinfo=UTC)  # 12:15 CEST
    assert quiet_until(lunch, "medium", at, BERLIN) == datetime(2026, 6, 1, 11, 30, tzinfo=UTC)


def test_routing_by_floor_category_and_tags() -> None:
    slack = channel(name="slack", min_severity="high")
    sms = channel(name="sms", min_severity="critical")
    ip_only = channel(name="legal", categories=["policy_violation"])
    de_only = channel(name="de", tags=["amazon.de"])
    channels = [slack, sms, ip_only, de_only]
    names = lambda *a: [c.name for c in route(channels, *a)]  # noqa: E731
    assert names("critical", "account_status", {"amazon.com"}) == ["slack", "sms"]
    assert names("medium", "policy_violation", {"amazon.com"}) == ["legal"]
    assert names("low", "account_health", {"amazon.de"}) == ["de"]


def test_retry_backoff_doubles_up_to_the_cap() -> None:
    cap = timedelta(hours=6)
    assert [retry_delay(n, cap).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert retry_delay(30, cap) == cap


def test_escalation_skips_a_channel_routing_already_gave_the_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's example: the phone takes critical alerts AND is the escalation channel; an
    unacknowledged deactivation must not send the same SMS twice. A channel that did not get the
    alert (floor too high for it) still gets the escalation."""
    cfg = tmp_path / "n.toml"
    cfg.write_text(
        f'database = "{tmp_path / "n.db"}"\n'
        '[[channel]]\nname = "phone"\nurl = "json://phone.example.test/"\nmin_severity = "critical"\n'
        'format = "sms"\n'
        '[[channel]]\nname = "boss"\nurl = "json://boss.example.test/"\ncategories = ["account_health"]\n'
        '[reminders]\nescalate_after = "2h"\nescalate_to = ["phone", "boss"]\n',
        encoding="utf-8",
    )
    settings = load_settings(cfg)
    sent = RecordingSender()
    monkeypatch.setattr("notifyd.deliver.notify.send", sent)
    at = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    mail = tmp_path / "mail"
    mail.mkdir()
    (mail / "d.eml").write_bytes(deactivation(at - timedelta(minutes=5)))
    with Store(settings.database) as store:
        import_paths(store, settings, load_rules(), [mail], True, at)
        outbox.deliver_due(store, settings, at, send=sent)
        assert [u for u, _ in sent.sent] == ["json://phone.example.test/"]
        later = at + timedelta(hours=2, minutes=1)
        scheduler.tick(store, settings, later)
        events = [(e.kind, e.text) for e in store.events(1)]
    urls = [u for u, _ in sent.sent]
    assert urls.count("json://phone.example.test/") == 1  # no second SMS
    assert urls.count("json://boss.example.test/") == 1
    assert ("escalated", "not acknowledged in time; sent to boss") in events
