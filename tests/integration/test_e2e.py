"""The thin end-to-end path against real servers: Dovecot in, SQLite, webhook alerts out."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import ImapAccount, channel_toml, notifyd
from harness import WebhookReceiver
from mailfactory import deactivation, newsletter, odr_warning, sold_ship_now, trademark_complaint


def test_run_once_alerts_each_new_notice_once_and_leaves_mail_unseen(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    sent = datetime.now(UTC) - timedelta(hours=1)
    for raw in (odr_warning(sent), sold_ship_now(sent), trademark_complaint(sent),
                newsletter(sent), deactivation(sent)):
        imap.deliver(raw)
    config = write_config(imap.mailbox_toml(), channel_toml("hook", webhook.url("json")))

    first = notifyd("--config", str(config), "run", "--once")
    assert first.returncode == 0, first.stderr
    posts = webhook.wait_for(3, timeout=10)
    titles = sorted(p.json["title"] for p in posts)
    assert titles == [
        "[CRITICAL] Account deactivated: Late Shipment Rate above target on amazon.com (#3)",
        "[HIGH] Order Defect Rate above target on amazon.com (#1)",
        "[HIGH] Trademark complaint on amazon.com (#2)",
    ]
    listed = notifyd("--config", str(config), "notices", "--json", "--status", "all")
    # Listed by urgency; by ID here to name each.
    notices = sorted((json.loads(line) for line in listed.stdout.splitlines()),
                     key=lambda n: n["id"])  # fmt: skip
    assert [n["issue_type"] for n in notices] == [
        "order_defect_rate", "trademark", "late_shipment_rate"
    ]
    assert notices[1]["asins"] == ["B01G6I41N6", "B07XJ8C8F5"]
    assert notices[0]["metrics"] == {"order_defect_rate": 2.4}

    second = notifyd("--config", str(config), "run", "--once")
    assert second.returncode == 0, second.stderr
    assert len(webhook.requests) == 3  # nothing new, nothing sent again
    assert sorted(imap.unseen()) == [1, 2, 3, 4, 5]  # BODY.PEEK: nothing marked read


def test_first_sync_of_a_year_alerts_inside_since_once_each_and_names_the_account(
    imap: ImapAccount, webhook: WebhookReceiver, write_config: Callable[..., Path]
) -> None:
    now = datetime.now(UTC)
    # A year of order-defect warnings (72 h deadlines), one every 4.6 days, already in the box:
    # each arrived when it was sent (its INTERNALDATE says so, as in a real old mailbox).
    client = imap.server.client("none", user=imap.user, password=imap.password)
    for n in range(79):
        sent = now - timedelta(hours=110 * n + 5)
        client.append("INBOX", odr_warning(sent), msg_time=sent)
    client.logout()
    box = imap.mailbox_toml(account="Northwind EU").replace('since = "3650d"', 'since = "30d"')
    config = write_config(box, channel_toml("hook", webhook.url("json")))

    first = notifyd("--config", str(config), "run", "--once")
    assert first.returncode == 0, first.stderr
    posts = webhook.wait_for(7, timeout=20)
    titles = [p.json["title"] for p in posts]
    assert len(titles) == 7, titles
    assert sum(t.startswith("Arrived overdue: [HIGH] Order Defect Rate") for t in titles) == 6
    assert all(p.json["message"].startswith("Account: Northwind EU\n") for p in posts)

    again = notifyd("--config", str(config), "run", "--once")
    assert again.returncode == 0, again.stderr
    assert len(webhook.requests) == 7  # no OVERDUE repeats of deadlines that were already past
    listed = notifyd("--config", str(config), "notices", "--status", "all", "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == 79 and {r["account"] for r in rows} == {"Northwind EU"}
    # Only the one live deadline has a reminder ahead; the 78 others wait for nothing.
    assert sum(r["next_reminder_at"] is not None for r in rows) == 1
