"""What an alert says, per channel kind, and that text from the email cannot ping, link or mark up."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fakes import stored_notice

from notifyd.deliver.render import humanize, render_notice
from notifyd.store.rows import Notice

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


def notice(**kw: Any) -> Notice:
    """A stored notice as the store reads it back from its row."""
    base: dict[str, Any] = {
        "id": 7, "kind": "notice", "severity": "high", "issue_type": "order_defect_rate",
        "category": "account_health", "marketplace": "amazon.de",
        "deadline_at": "2026-11-28T14:00:00Z", "asins": ["B01G6I41N6", "B07XJ8C8F5"],
        "metrics": {"order_defect_rate": 2.4}, "subject": "Warning: Your order defect rate is higher than 1%",
        "sender": "seller-performance@amazon.de", "received_at": "2026-11-26T09:00:00Z",
        "reasons": [], "acknowledged_at": None,
    }
    base.update(kw)
    return stored_notice(base)


def test_text_alert_carries_what_a_seller_needs() -> None:
    message = render_notice(notice(), "new", "text", NOW, BERLIN)
    assert message.title == "[HIGH] Order Defect Rate above target on amazon.de (#7)"
    assert message.severity == "high"
    assert message.body == "\n".join([
        "Deadline: Sat 28 Nov 2026 15:00 CET (in 2 days 4 h)",
        "ASINs: B01G6I41N6, B07XJ8C8F5",
        "Order Defect Rate: 2.4% (target < 1%)",
        "Category: account health",
        "Subject: Warning: Your order defect rate is higher than 1%",
        "From: seller-performance@amazon.de",
        "Received: Thu 26 Nov 2026 10:00 CET",
        "Account Health: https://sellercentral.amazon.de/performance/dashboard",
        "Acknowledge: notifyd ack 7",
    ])


def test_overdue_reminder_title_and_phrase() -> None:
    later = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)
    message = render_notice(notice(), "overdue", "text", later, BERLIN)
    assert message.title.startswith("OVERDUE: [HIGH] Order Defect Rate")
    assert "Deadline: Sat 28 Nov 2026 15:00 CET (OVERDUE by 1 day 1 h)" in message.body


def test_sms_fits_160_characters_and_leads_with_the_id() -> None:
    long = notice(asins=[f"B0{i:08d}" for i in range(30)], marketplace="amazon.co.jp")
    message = render_notice(long, "reminder", "sms", NOW, BERLIN)
    # The channel's SMS is deliver/sms.py's one segment: whole ASINs, the rest counted.
    assert message.body == (
        "REMINDER HIGH #7 Order Defect Rate above target, amazon.co.jp, due in 2 days 4 h, "
        "ASIN B000000000 B000000001 B000000002 B000000003 +26 more. ack: notifyd ack 7"
    )
    assert len(message.body) <= 160


def test_an_alert_names_its_account_in_every_format() -> None:
    for fmt in ("text", "markdown", "html"):
        body = render_notice(notice(), "new", fmt, NOW, BERLIN, account="Northwind EU").body
        assert "Northwind EU" in body.split("Deadline")[0], fmt  # the first fact
    sms = render_notice(notice(asins=[]), "new", "sms", NOW, BERLIN, account="Northwind EU")
    assert sms.body.startswith("HIGH #7 Order Defect Rate above target, Northwind EU, amazon.de")


def test_an_arrived_overdue_alert_says_so_in_its_title() -> None:
    later = datetime(2027, 1, 10, 14, 0, tzinfo=UTC)
    message = render_notice(notice(), "arrived_overdue", "text", later, BERLIN)
    assert message.title == "Arrived overdue: [HIGH] Order Defect Rate above target on amazon.de (#7)"


def test_phishing_is_a_warning_never_a_notice() -> None:
    message = render_notice(
        notice(kind="phishing", severity=None, issue_type=None,
               reasons=["phishing: link host sellercentral.amazon.com.verify-account.xyz"]),
        "new", "markdown", NOW, BERLIN,
    )
    assert message.title == "Suspected phishing, do not click (#7)"
    assert "Do not click its links" in message.body
    assert "sellercentral.amazon.com.verify-account.xyz" not in message.body
    assert "sellercentral\\[.\\]amazon\\[.\\]com\\[.\\]verify-account\\[.\\]xyz" in message.body
    assert "Account Health:" not in message.body


HOSTILE = "<!channel> @here [click](http://evil.example/login) <b>urgent</b> @everyone"


@pytest.mark.parametrize("fmt", ["markdown", "text", "html", "sms"])
def test_hostile_subject_comes_out_inert(fmt: str) -> None:
    message = render_notice(notice(subject=HOSTILE, sender="x@evil.example"), "new", fmt, NOW, BERLIN)
    text = message.title + message.body
    for live in ("<!channel>", "@here", "@everyone", "](http", "http://evil", "<b>"):
        assert live not in text
    if fmt == "markdown":
        assert "\\[click\\]\\(hxxp://evil\\[.\\]example/login\\)" in message.body
    if fmt == "html":
        assert "&lt;b&gt;urgent&lt;/b&gt;" in message.body


def test_humanize() -> None:
    from datetime import timedelta

    assert humanize(timedelta(days=2, hours=4, minutes=5)) == "2 days 4 h"
    assert humanize(timedelta(hours=3, minutes=20)) == "3 h 20 min"
    assert humanize(timedelta(seconds=20)) == "1 min"
    assert humanize(timedelta(days=1)) == "1 day"
