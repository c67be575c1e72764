"""Alert e-mail: reminders thread under the first alert; text and HTML parts carry the same facts."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage

import apprise
from apprise.plugins.email.base import NotifyEmail

from notifyd.deliver.mailthread import (
    Thread,
    alert_parts,
    rewrite,
    root_id,
    thread_for,
    thread_subject,
)

KEY = "<notice-9931@amazon.example>"
DOMAIN = "shop.example"
FACTS = [
    ("Account", "Northwind EU"),
    ("Deadline", "Sat 28 Nov 2026 15:00 CET (in 2 days 4 h)"),
    ("ASINs", "B01G6I41N6, B07XJ8C8F5"),
    ("Subject", "Warning: <rate> & more"),
]
LINKS = [("Account Health", "https://sellercentral.amazon.de/performance/dashboard")]


def test_the_first_alert_is_the_root_and_reminders_reply_to_it() -> None:
    first = thread_for(12, KEY, 40, "new", DOMAIN)
    assert first == Thread(root_id(12, KEY, DOMAIN))
    assert re.fullmatch(r"<notifyd\.notice-12\.[0-9a-f]{12}@shop\.example>", first.message_id)
    reminder = thread_for(12, KEY, 41, "reminder", DOMAIN)
    assert reminder.in_reply_to == first.message_id
    assert reminder.references == (first.message_id,)
    assert reminder.message_id == first.message_id.replace("@", ".reminder-41@")
    overdue = thread_for(12, KEY, 57, "overdue", DOMAIN, previous=reminder.message_id)
    assert overdue.headers() == {
        "Message-ID": first.message_id.replace("@", ".overdue-57@"),
        "In-Reply-To": reminder.message_id,
        "References": f"{first.message_id} {reminder.message_id}",
    }


def test_the_same_notice_number_in_another_database_is_another_thread() -> None:
    assert root_id(12, KEY, DOMAIN) != root_id(12, "<other@amazon.example>", DOMAIN)
    assert root_id(12, KEY, "Bad Domain!").endswith("@baddomain>")
    assert root_id(12, KEY, "").endswith("@notifyd.invalid>")


def test_text_and_html_carry_the_same_facts_and_links() -> None:
    text, html = alert_parts(
        "[HIGH] Order Defect Rate above target (#12)", FACTS, LINKS, todo="notifyd ack 12"
    )
    assert text == (
        "[HIGH] Order Defect Rate above target (#12)\n\n"
        "Account: Northwind EU\n"
        "Deadline: Sat 28 Nov 2026 15:00 CET (in 2 days 4 h)\n"
        "ASINs: B01G6I41N6, B07XJ8C8F5\n"
        "Subject: Warning: <rate> & more\n\n"
        "Account Health: https://sellercentral.amazon.de/performance/dashboard\n\n"
        "Acknowledge: notifyd ack 12\n"
    )
    for label, value in FACTS:
        assert f">{label}</th>" in html
        assert (
            f">{value.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</td>" in html
        )
    assert (
        '<a href="https://sellercentral.amazon.de/performance/dashboard">Account Health</a>' in html
    )
    # One column that wraps on a phone: a viewport, a fluid table, long words allowed to break.
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "width:100%;max-width:600px" in html and "overflow-wrap:anywhere" in html


def _prepared(html: str) -> str:
    """A message exactly as Apprise's e-mail plugin prepares it for SMTP."""
    (prepared,) = NotifyEmail.prepare_emails(
        subject="[HIGH] Order Defect Rate above target (#12)",
        body=html,
        notify_format=apprise.NotifyFormat.HTML,
        from_addr=("notifyd", "alerts@shop.example"),
        to=[("", "seller@shop.example")],
    )
    return str(prepared.body)


def test_rewrite_puts_our_thread_and_text_part_into_apprises_message() -> None:
    text, html = alert_parts("[HIGH] Order Defect Rate above target (#12)", FACTS, LINKS)
    thread = thread_for(12, KEY, 41, "reminder", DOMAIN)
    raw = rewrite(_prepared(html), thread, text)
    message = email.message_from_string(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert message.get_all("Message-ID") == [thread.message_id]
    assert message["In-Reply-To"] == root_id(12, KEY, DOMAIN)
    assert message["References"] == root_id(12, KEY, DOMAIN)
    plain = message.get_body(("plain",))
    rich = message.get_body(("html",))
    assert plain is not None and rich is not None
    assert plain.get_content() == text  # Account Health link kept for text-only readers
    assert "Account Health: https://sellercentral.amazon.de/performance/dashboard" in text
    assert 'href="https://sellercentral.amazon.de/performance/dashboard"' in rich.get_content()


def test_follow_ups_keep_the_first_subject_so_gmail_threads_them() -> None:
    first = "[HIGH] Order Defect Rate above target on amazon.de (#12)"
    assert thread_subject(first, first, "new") == first
    assert thread_subject(first, "OVERDUE: " + first, "overdue") == f"Re: {first}"
    text, _ = alert_parts("OVERDUE: " + first, FACTS, LINKS)
    assert text.startswith(f"OVERDUE: {first}\n")  # the body still says what happened
