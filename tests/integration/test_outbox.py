"""The durable outbox against a real HTTP receiver: retries, permanent failures, isolation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import channel_toml
from harness import WebhookReceiver

from notifyd.core.settings import load_settings
from notifyd.deliver import notify
from notifyd.deliver import outbox as alert
from notifyd.deliver.render import Message
from notifyd.store.db import Store

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def queue(store: Store, settings: object, n: int, now: datetime) -> None:
    for i in range(n):
        alert.enqueue_plain(store, settings, f"alert {i}", f"body {i}", "high", "system", now)  # type: ignore[arg-type]


def delivered(receiver: WebhookReceiver, path: str) -> list[str]:
    return [r.json["title"] for r in receiver.requests if r.path == path and r.status == 200]


def test_failures_are_retried_until_delivered_exactly_once_and_a_healthy_channel_is_unaffected(
    webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    good = WebhookReceiver()
    try:
        config = write_config(
            channel_toml("flaky", webhook.url("json", "/flaky") + "?cto=1&rto=1"),
            channel_toml("good", good.url("json", "/good")),
        )
        settings = load_settings(config)
        store = Store(settings.database)
        queue(store, settings, 3, T0)

        webhook.respond_with(500)
        now = T0
        report = alert.deliver_due(store, settings, now)
        assert sorted(delivered(good, "/good")) == ["alert 0", "alert 1", "alert 2"]
        assert report.sent == 3 and report.retrying == 3
        # Only the first flaky alert was tried: after a failure the rest wait for the retry.
        assert len([r for r in webhook.requests if r.path == "/flaky"]) == 1

        # A gateway that stalls past rto=1 and then fails: the client times out, nothing lands.
        webhook.respond_with(504)
        webhook.hang(3)
        now += timedelta(seconds=31)
        alert.deliver_due(store, settings, now)
        assert delivered(webhook, "/flaky") == []

        webhook.reset_behaviour()
        webhook.go_down()  # connection refused
        now += timedelta(minutes=2)
        alert.deliver_due(store, settings, now)

        webhook.come_up()
        for _ in range(5):
            now += timedelta(minutes=10)
            alert.deliver_due(store, settings, now)
        assert sorted(delivered(webhook, "/flaky")) == ["alert 0", "alert 1", "alert 2"]
        assert sorted(delivered(good, "/good")) == ["alert 0", "alert 1", "alert 2"]
        assert store.outbox_depth() == 0

        attempts = store.rows("SELECT channel, ok, error FROM deliveries ORDER BY id")
        flaky_errors = [a["error"] for a in attempts if a["channel"] == "flaky" and not a["ok"]]
        assert len(flaky_errors) == 3
        assert "error=500" in flaky_errors[0]
        assert all(a["ok"] for a in attempts if a["channel"] == "good")
    finally:
        good.close()


def test_a_permanent_failure_stops_retrying_and_is_reported(
    webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    settings = load_settings(write_config(channel_toml("auth", webhook.url("json"))))
    store = Store(settings.database)
    queue(store, settings, 1, T0)
    webhook.respond_with(401)
    report = alert.deliver_due(store, settings, T0)
    assert report.failed == 1 and report.sent == 0
    webhook.respond_with(200)
    alert.deliver_due(store, settings, T0 + timedelta(hours=1))
    assert len(webhook.requests) == 1  # never tried again
    row = store.one("SELECT failed_at, last_error, attempts FROM alerts")
    assert row is not None and row["failed_at"] and row["attempts"] == 1
    assert "error=401" in row["last_error"]


def test_an_invalid_url_is_a_permanent_failure(write_config: Callable[..., Path]) -> None:
    settings = load_settings(write_config(channel_toml("bad", "nosuchservice://x")))
    store = Store(settings.database)
    queue(store, settings, 1, T0)
    report = alert.deliver_due(store, settings, T0)
    assert report.failed == 1
    assert report.errors == {"bad": "the Apprise URL is not valid or its service is unknown"}


def test_a_claimed_alert_is_not_sent_twice_by_two_processes(
    webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    settings = load_settings(write_config(channel_toml("hook", webhook.url("json"))))
    first, second = Store(settings.database), Store(settings.database)
    queue(first, settings, 1, T0)
    (row,) = first.due_alerts(T0)
    assert first.claim_alert(row.id, T0, alert.CLAIM_LEASE)
    assert alert.deliver_due(second, settings, T0).sent == 0
    # A claim older than the lease belongs to a sender that died: it is taken over.
    assert alert.deliver_due(second, settings, T0 + timedelta(minutes=11)).sent == 1
    assert len(webhook.requests) == 1


def test_channel_tokens_never_reach_the_database(write_config: Callable[..., Path]) -> None:
    token = "xoxb1234567890SECRETTOKEN"
    settings = load_settings(write_config(channel_toml("slack", f"json://user:{token}@127.0.0.1:9/{token}")))
    store = Store(settings.database)
    queue(store, settings, 1, T0)
    alert.deliver_due(store, settings, T0)
    dump = "\n".join(store.conn.iterdump())
    assert token not in dump
    assert "Connection error" in dump


def test_form_channel_gets_the_same_alert_as_a_json_channel(
    webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    settings = load_settings(write_config(
        channel_toml("json", webhook.url("json", "/j")), channel_toml("form", webhook.url("form", "/f"))
    ))
    store = Store(settings.database)
    queue(store, settings, 1, T0)
    assert alert.deliver_due(store, settings, T0).sent == 2
    by_path = {r.path: r for r in webhook.requests}
    assert by_path["/j"].json["title"] == "alert 0"
    assert by_path["/f"].content_type == "application/x-www-form-urlencoded"
    assert by_path["/f"].body["title"] == "alert 0"
    assert by_path["/f"].body["message"] == "body 0"


def test_a_sender_dying_mid_batch_leaves_every_alert_it_sent_marked_sent(
    webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    """A crash may repeat the one alert in flight, never the alerts sent before it."""
    settings = load_settings(write_config(channel_toml("hook", webhook.url("json"))))
    store = Store(settings.database)
    queue(store, settings, 5, T0)
    calls = 0

    def dies_on_the_third(url: str, message: Message) -> notify.Outcome:
        nonlocal calls
        calls += 1
        outcome = notify.send(url, message)
        if calls == 3:  # the receiver has it, the process dies before it could be marked
            raise RuntimeError("killed")
        return outcome

    with pytest.raises(RuntimeError, match="killed"):  # the sender's death surfaces
        alert.deliver_due(store, settings, T0, send=dies_on_the_third)
    sent = [r["title"] for r in store.rows("SELECT title FROM alerts WHERE sent_at IS NOT NULL ORDER BY id")]
    assert sent == ["alert 0", "alert 1"]
    # The next start takes back the dead sender's claims and sends the rest.
    store.release_claims()
    assert alert.deliver_due(store, settings, T0).sent == 3
    titles = [r.json["title"] for r in webhook.requests if r.status == 200]
    assert titles == ["alert 0", "alert 1", "alert 2", "alert 2", "alert 3", "alert 4"]
