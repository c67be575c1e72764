"""What Amazon asks for, which documents, and where to answer, as parse --json shows them."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from mailfactory import parsed

from notifyd.understand.classify import classify, load_rules
from notifyd.understand.explain import explain

RULES = load_rules()


mail = partial(parsed, name="Amazon", date=datetime(2026, 6, 1, 12, 0, tzinfo=UTC))


IP_TAKEDOWN = """Hello,

We removed your listing because a rights owner reported a trademark infringement.

How do I reactivate my listing?
Send an invoice or a letter of authorization from the brand to notice-dispute@amazon.com.

Have your listings been removed in error?
Ask the rights owner to send a retraction to notice-retraction@amazon.com.

ASIN: B0CCCC2222
"""


def test_an_ip_takedown_asks_for_documents_by_email_not_the_retraction_address() -> None:
    got = classify(mail(IP_TAKEDOWN, "Notice: Policy Warning", "notice-dispute@amazon.com"), RULES)
    assert got.requested == ("documents", "contact_rights_owner")
    assert got.documents == ("invoices", "letter_of_authorisation")
    assert got.respond_via == {"kind": "email", "address": "notice-dispute@amazon.com", "url": None}


SUSPENSION = """Hello,

We have removed your selling privileges because your late shipment rate is above 4%.

If you would like to appeal this decision, send us a plan of action: click the Appeal button
on https://sellercentral.amazon.com/gp/customer-experience/perf-notifications.html

Regards,
Seller Performance Team
"""


def test_a_suspension_asks_for_a_plan_through_the_appeal_button() -> None:
    got = classify(mail(SUSPENSION, "Your selling privileges have been removed"), RULES)
    assert got.requested == ("plan_of_action", "appeal")
    assert got.respond_via == {
        "kind": "appeal_button",
        "address": None,
        "url": "https://sellercentral.amazon.com/gp/customer-experience/perf-notifications.html",
    }
    assert got.severity == "critical"


def test_a_warning_that_asks_nothing_says_none() -> None:
    text = "Hello,\n\nThis is a warning: one of your listings breaks our listing policies.\n\nYour listing remains active.\n"
    got = classify(mail(text, "Policy warning"), RULES)
    assert got.is_notice and got.requested == ("none",) and got.respond_via is None


def test_explain_prints_parts_phrases_and_the_verdict() -> None:
    lines = explain(mail(SUSPENSION, "Your selling privileges have been removed"), RULES)
    assert lines[0] == "subject: Your selling privileges have been removed"
    assert any(
        line.startswith("[opening] (issue weight 2) we have removed your selling") for line in lines
    )
    assert any(
        "iss:late_shipment_rate" in line and "'late shipment rate'" in line for line in lines
    )
    assert "verdict: critical account_status/late_shipment_rate" in lines
    assert "Amazon asks: plan_of_action, appeal" in lines
