"""Safety first: the action taken sets the severity floor, and Amazon's notice senders are never ignored."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

import pytest
from mailfactory import parsed

from notifyd.understand.classify import classify, load_rules
from notifyd.understand.sender import is_notice_sender

RULES = load_rules()


mail = partial(parsed, name="Amazon", date=datetime(2026, 6, 1, 12, 0, tzinfo=UTC))


def test_will_be_deactivated_unless_is_critical_whatever_the_issue() -> None:
    text = (
        "Hello,\n\nSome of your listings break our image requirements.\n\n"
        "Your account will be deactivated unless you fix them within 3 days.\n"
    )
    got = classify(mail(text, "Listing policy"), RULES)
    assert (got.issue_type, got.severity) == ("listing_policy", "critical")
    assert "severity: account will be deactivated unless the seller acts" in got.reasons


def test_a_removed_listing_is_at_least_medium_even_without_a_cause() -> None:
    got = classify(
        mail("Hello,\n\nWe removed your listing ASIN B0DDDD3333.\n", "Listing removed"), RULES
    )
    assert (got.category, got.issue_type, got.severity) == (
        "policy_violation",
        "listing_policy",
        "medium",
    )


def test_a_threat_in_the_faq_does_not_make_an_at_risk_notice_a_deactivation() -> None:
    text = (
        "Hello,\n\nYour account is at risk of deactivation: your order defect rate is 2.4%.\n\n"
        "What happens if I do not act?\nWe may remove your selling privileges.\n"
    )
    got = classify(mail(text, "Your account is at risk"), RULES)
    assert (got.category, got.severity) == ("account_health", "high")


@pytest.mark.parametrize(
    ("address", "notice_sender"),
    [
        ("seller-performance@amazon.de", True),
        ("seller-performance-eu@amazon.de", True),
        ("notice-dispute@amazon.co.jp", True),
        ("seller-performance-policy@amazon.com", True),
        ("payments-messages@amazon.com", False),
        ("seller-notification@amazon.com", False),
    ],
)
def test_notice_senders_and_their_marketplace_variants(address: str, notice_sender: bool) -> None:
    assert is_notice_sender(address, RULES) is notice_sender


def test_mail_from_a_notice_sender_in_unknown_words_is_alerted_at_medium() -> None:
    got = classify(mail("Hello,\n\nWe updated the contact on file.\n", "Contact update"), RULES)
    assert got.is_notice and got.unrecognised and got.severity == "medium"
    assert any("never ignored" in r for r in got.reasons)
    # the same words from Amazon's order mailer stay ordinary mail
    other = classify(
        mail(
            "Hello,\n\nWe updated the contact on file.\n",
            "Contact update",
            "seller-info@amazon.com",
        ),
        RULES,
    )
    assert not other.is_notice
