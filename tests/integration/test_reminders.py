"""Reminders, coalescing, snooze, escalation and quiet hours through the real outbox and webhook."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import channel_toml, notifyd
from freezegun import freeze_time
from harness import WebhookReceiver
from mailfactory import deactivation, newsletter, odr_warning

from notifyd.core.clock import to_db
from notifyd.core.settings import Settings, load_settings
from notifyd.deliver import remind
from notifyd.ingest.pipeline import Ingest
from notifyd.run import tick as scheduler
from notifyd.seller import respond
from notifyd.store.db import EmailRecord, Store
from notifyd.understand.classify import load_rules

RULES = load_rules()
# The ODR warning gives a 72-hour deadline from its Date header.
SENT = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
DEADLINE = SENT + timedelta(hours=72)


def ingest(store: Store, settings: Settings, raw: bytes, now: datetime, key: str) -> int:
    record = EmailRecord(mailbox="main", folder="INBOX", location=key, message_key=key)
    status, notice_id = Ingest(store, settings, RULES).message(record, raw, None, now)
    assert notice_id is not None, status
    return notice_id


def titles(receiver: WebhookReceiver) -> list[str]:
    return [r.json["title"] for r in receiver.requests if r.status == 200]


def test_reminders_before_and_after_the_deadline_until_acknowledged(
    webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    settings = load_settings(write_config(channel_toml("hook", webhook.url("json"))))
    store = Store(settings.database)
    notice_id = ingest(store, settings, odr_warning(SENT), SENT, "odr")
    assert to_db(store.notice(notice_id).deadline_at) == "2026-11-26T08:00:00Z"

    scheduler.tick(store, settings, SENT)
    # 72 h before the deadline is the moment the mail arrived: next is 24 h before.
    assert to_db(store.notice(notice_id).next_reminder_at) == "2026-11-25T08:00:00Z"
    for hour in (24, 4):
        scheduler.tick(store, settings, DEADLINE - timedelta(hours=hour))
    scheduler.tick(store, settings, DEADLINE + timedelta(minutes=1))
    scheduler.tick(store, settings, DEADLINE + timedelta(hours=24, minutes=1))
    assert titles(webhook) == [
        f"[HIGH] Order Defect Rate above target on amazon.com (#{notice_id})",
        f"Reminder: [HIGH] Order Defect Rate above target on amazon.com (#{notice_id})",
        f"Reminder: [HIGH] Order Defect Rate above target on amazon.com (#{notice_id})",
        f"OVERDUE: [HIGH] Order Defect Rate above target on amazon.com (#{notice_id})",
        f"OVERDUE: [HIGH] Order Defect Rate above target on amazon.com (#{notice_id})",
    ]
    reminder = webhook.requests[1].json["message"]
    assert "Deadline: Thu 26 Nov 2026 08:00 UTC (in 1 day)" in reminder

    respond.acknowledge(store, notice_id, "maria", DEADLINE + timedelta(hours=25))
    scheduler.tick(store, settings, DEADLINE + timedelta(hours=49))
    assert len(titles(webhook)) == 5
    kinds = [e.kind for e in store.events(notice_id)]
    assert kinds == ["received", "reminder", "reminder", "overdue", "overdue", "acknowledged"]


def test_reminders_missed_while_down_are_coalesced_into_one(
    webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    settings = load_settings(write_config(channel_toml("hook", webhook.url("json"))))
    store = Store(settings.database)
    ingest(store, settings, odr_warning(SENT), SENT, "odr")
    scheduler.tick(store, settings, SENT)
    # Down from before the 24 h reminder until two days after the deadline.
    later = DEADLINE + timedelta(days=2, hours=1)
    scheduler.tick(store, settings, later)
    scheduler.tick(store, settings, later + timedelta(minutes=5))
    assert titles(webhook) == [
        "[HIGH] Order Defect Rate above target on amazon.com (#1)",
        "OVERDUE: [HIGH] Order Defect Rate above target on amazon.com (#1)",
    ]


def test_snooze_holds_reminders_until_it_ends(
    webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    settings = load_settings(write_config(channel_toml("hook", webhook.url("json"))))
    store = Store(settings.database)
    notice_id = ingest(store, settings, odr_warning(SENT), SENT, "odr")
    scheduler.tick(store, settings, SENT)
    remind.snooze(store, notice_id, DEADLINE - timedelta(hours=2), "maria", SENT)
    scheduler.tick(store, settings, DEADLINE - timedelta(hours=24))
    scheduler.tick(store, settings, DEADLINE - timedelta(hours=4))
    assert len(titles(webhook)) == 1
    scheduler.tick(store, settings, DEADLINE - timedelta(hours=2))
    assert len(titles(webhook)) == 2


def test_unacknowledged_critical_notice_escalates_once(
    webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    config = write_config(
        channel_toml("slack", webhook.url("json", "/slack"), "high"),
        channel_toml("sms", webhook.url("json", "/sms"), "critical", format="sms",
                     categories=["policy_violation"]),
        "[reminders]\nescalate_after = \"2h\"\nescalate_to = [\"sms\"]\n",
    )
    settings = load_settings(config)
    store = Store(settings.database)
    ingest(store, settings, deactivation(SENT), SENT, "deact")
    ingest(store, settings, odr_warning(SENT), SENT, "odr")
    scheduler.tick(store, settings, SENT)
    assert [r.path for r in webhook.requests] == ["/slack", "/slack"]
    scheduler.tick(store, settings, SENT + timedelta(hours=2, minutes=1))
    scheduler.tick(store, settings, SENT + timedelta(hours=5))
    sms = [r.json["message"] for r in webhook.requests if r.path == "/sms"]
    assert len(sms) == 1
    assert sms[0].startswith("ESCALATION CRITICAL #1 Account deactivated")
    assert len(sms[0]) <= 160


def test_quiet_hours_hold_alerts_until_morning_except_critical(
    webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    config = write_config(
        channel_toml("night", webhook.url("json"), quiet_hours="22:00-07:00"),
        timezone="Europe/Berlin",
    )
    settings = load_settings(config)
    store = Store(settings.database)
    night = datetime(2026, 11, 26, 22, 30, tzinfo=UTC)  # 23:30 in Berlin
    ingest(store, settings, odr_warning(night), night, "odr")
    ingest(store, settings, deactivation(night), night, "deact")
    scheduler.tick(store, settings, night)
    assert [t.split("]")[0] for t in titles(webhook)] == ["[CRITICAL"]
    scheduler.tick(store, settings, datetime(2026, 11, 27, 5, 59, tzinfo=UTC))
    assert len(titles(webhook)) == 1
    scheduler.tick(store, settings, datetime(2026, 11, 27, 6, 0, tzinfo=UTC))  # 07:00 Berlin
    assert len(titles(webhook)) == 2


def test_run_once_at_the_edge_polls_and_sends_due_reminders(
    webhook: WebhookReceiver, write_config: Callable[..., Path], tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "odr.eml").write_bytes(odr_warning(SENT))
    (inbox / "news.eml").write_bytes(newsletter(SENT))
    config = write_config(
        f'[[mailbox]]\nname = "local"\npath = "{inbox}"\nsince = "3650d"\n',
        channel_toml("hook", webhook.url("json")),
    )
    settings = load_settings(config)
    store = Store(settings.database)
    with freeze_time(SENT + timedelta(minutes=5)):
        report = scheduler.run_once(store, settings, RULES)
    assert report.polls[0].notices == 1 and report.delivery.sent == 1
    with freeze_time(DEADLINE - timedelta(hours=23)):
        report = scheduler.run_once(store, settings, RULES)
    assert report.reminders == 1 and report.delivery.sent == 1
    assert titles(webhook)[1].startswith("Reminder: ")


def test_test_alert_reports_each_channel(
    webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    config = write_config(
        channel_toml("good", webhook.url("json", "/good")),
        channel_toml("down", "json://127.0.0.1:9/x"),
    )
    # Like every command but run and import, test-alert needs an existing database.
    Store(load_settings(config).database).close()
    result = notifyd("--config", str(config), "test-alert", "--severity", "high")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "good: ok",
        "down: FAILED: A Connection error occurred sending JSON notification to 127.0.0.1.",
    ]
    assert webhook.requests[0].json["title"] == "notifyd test alert"
