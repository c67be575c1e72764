"""`draft` writes to whom, where and what Amazon asked: the addressee, the documents, the form."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fakes import stored_notice

from notifyd.deliver.render import asks_line
from notifyd.seller.draft import render_draft
from notifyd.store.rows import Notice

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
TZ = ZoneInfo("Europe/Berlin")


def notice(**fields: Any) -> Notice:
    row: dict[str, Any] = {
        "id": 7,
        "subject": "Your listing was removed",
        "received_at": "2026-12-01T08:00:00Z",
        "marketplace": "amazon.com",
        "category": "policy_violation",
        "issue_type": "product_authenticity",
        "severity": "high",
        "asins": ["B0ABCDEF12"],
    }
    row.update(fields)
    return stored_notice(row)


def test_an_email_address_amazon_names_is_the_addressee_not_account_health() -> None:
    n = notice(
        requested=["appeal", "documents"],
        documents=["invoices", "letter_of_authorisation"],
        respond_via={"kind": "email", "address": "pq-review@amazon.com", "url": None},
    )
    text = render_draft(n, [], NOW, TZ)
    assert text.startswith("# Plan of action: ")
    assert "> Send by e-mail to pq-review@amazon.com, as the notice asks; it is not an Account " \
        "Health appeal, so do not submit it there" in text
    assert "Submit in Seller Central, Account Health" not in text
    assert "Dear Product Quality Review Team," in text
    corrective = text.split("## 3. Corrective actions taken")[1].split("## 4.")[0]
    assert "- Supplier invoices for the units sold in the period Amazon names (asked for by " \
        "Amazon): [[attach it and say what it shows]]" in corrective
    assert "- Letter of authorisation from the brand or rights owner (asked for by Amazon)" \
        in corrective
    assert asks_line(n) == (
        "an appeal; documents (invoices, letter of authorisation); by e-mail to "
        "pq-review@amazon.com"
    )


def test_an_a_to_z_claim_gets_a_response_to_the_claim_without_a_plan() -> None:
    n = notice(
        issue_type="a_to_z_claim",
        category="customer_feedback",
        severity="medium",
        asins=[],
        order_ids=["113-1234567-1234567"],
        requested=["respond_to_buyer"],
        documents=["proof_of_delivery"],
        respond_via={"kind": "seller_central_page", "address": None, "url": None},
    )
    text = render_draft(n, [], NOW, TZ)
    assert text.startswith("# Response to the claim: ")
    assert "Amazon asks for: respond to buyer; no plan of action, so this draft has none" in text
    assert "Root cause" not in text and "Preventive" not in text
    assert "(order 113-1234567-1234567)" in text
    assert "- Proof of delivery and tracking details (asked for by Amazon)" in text
    assert "> Submit on the Seller Central page the notice names: " \
        "https://sellercentral.amazon.com/performance/dashboard" in text
    assert asks_line(n) == (
        "a response to the buyer's claim; documents (proof of delivery); through Seller Central"
    )


def test_a_deactivation_keeps_its_plan_of_action_whatever_the_asks_say() -> None:
    n = notice(
        issue_type="account_suspended",
        category="account_status",
        severity="critical",
        requested=["none"],
        respond_via={"kind": "appeal_button", "address": None, "url": None},
    )
    text = render_draft(n, [], NOW, TZ)
    assert text.startswith("# Plan of action: ")
    assert "## 4. Preventive measures and commitment" in text
    assert "> Submit with the Appeal button in Account Health: " in text
    assert "Dear Seller Performance Team," in text


def test_a_notice_stored_before_asks_were_read_still_gets_a_plan() -> None:
    text = render_draft(notice(), [], NOW, TZ)
    assert text.startswith("# Plan of action: ")
    assert "> Submit in Seller Central, Account Health: " in text
    assert asks_line(notice()) is None


def test_a_reply_alert_says_what_amazon_answered_in_the_title_and_the_sms() -> None:
    from notifyd.core.vocab import AlertPurpose
    from notifyd.deliver.render import notice_title, render_notice

    n = notice(last_followup="appeal_denied")
    assert notice_title(n, AlertPurpose.FOLLOWUP) == (
        "Amazon replied: appeal denied: Authenticity complaint (#7)"
    )
    sms = render_notice(n, AlertPurpose.FOLLOWUP, "sms", NOW, TZ).body
    assert sms.startswith("AMAZON REPLIED HIGH #7 ")
    # The first alert of the same notice is unchanged.
    assert notice_title(n) == "[HIGH] Authenticity complaint on amazon.com (#7)"
