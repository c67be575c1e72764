"""classify / might_be_notice / load_rules / severity with short inline examples."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from mailfactory import parsed

from notifyd.core.errors import RulesError
from notifyd.core.models import CATEGORIES, ISSUE_TYPES, ParsedEmail
from notifyd.ingest.parse import parse_email
from notifyd.understand.classify import classify, default_rules_dir, load_rules, might_be_notice
from notifyd.understand.severity import SeverityFacts, decide_severity

RULES = load_rules()
SENT = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)


mail = partial(parsed, date=SENT)


# ---------------------------------------------------------------- rules loading


def test_default_rules_dir_is_the_package_data() -> None:
    # The rules are package data, so a wheel carries the same files.
    assert default_rules_dir().resolve() == Path(__file__).resolve().parents[2] / "notifyd" / "understand" / "rules"
    assert RULES.issues and RULES.markets["amazon.de"].zone.key == "Europe/Berlin"  # type: ignore[attr-defined]


def test_every_issue_rule_is_valid() -> None:
    for rule in RULES.issues:
        assert rule.issue_type in ISSUE_TYPES
        assert rule.category in CATEGORIES


def test_extra_rules_directory_extends_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(
        '[[issue]]\nid = "handmade"\nissue_type = "listing_policy"\ncategory = "policy_violation"\n'
        'phrases = ["handmade profile"]\n\n'
        '[signals.non_notice_subject]\nphrases = ["quarterly digest"]\n',
        encoding="utf-8",
    )
    rules = load_rules([tmp_path])
    text = "We reset your Handmade profile photo.\n\nWhy is this happening?\nIt shows a logo."
    assert classify(mail(text), RULES).unrecognised
    got = classify(mail(text), rules)
    assert (got.category, got.issue_type) == ("policy_violation", "listing_policy")
    # from Amazon's newsletter sender: mail from a notice sender is never ignored (issue 12)
    news = "seller-news@amazon.com"
    digest = classify(mail("Your account health overview.", "Quarterly digest", news), rules)
    assert not digest.is_notice


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("[[issue]]\nid = 1\n", "issue[0].id"),
        (
            '[[issue]]\nid = "x"\nissue_type = "nope"\ncategory = "account_health"\nphrases = ["a"]\n',
            "issue 'x'.issue_type",
        ),
        (
            '[[issue]]\nid = "x"\nissue_type = "other"\ncategory = "account_health"\nphrases = ["re:(unclosed"]\n',
            "bad regex",
        ),
        ("[signals.made_up]\nphrases = ['a']\n", "signals.made_up"),
        ("[deadlines]\nrelative = ['within {num} days']\n", "needs groups"),
        ('[marketplaces."amazon.xx"]\ntimezone = "Mars/Olympus"\n', "unknown time zone"),
        ("[weird]\n", "unknown section [weird]"),
        ("this is = = not toml", "cannot read TOML"),
    ],
)
def test_bad_rules_name_file_and_key(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RulesError) as info:
        load_rules([tmp_path])
    assert any(needle in line and "bad.toml" in line for line in info.value.problems), (
        info.value.problems
    )


def test_missing_rules_directory(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="does not exist"):
        load_rules([tmp_path / "nowhere"])


# ---------------------------------------------------------------- pre-filter


@pytest.mark.parametrize(
    ("sender", "name", "subject"),
    [
        ("noreply@amazon.co.uk", "", "Hello"),
        ("x@sellercentral-amazon-alerts.top", "", "Hello"),
        ("random@hotmail.com", "Amazon Seller Support", "Hello"),
        ("boss@example.test", "Boss", "Fwd: something"),
        ("boss@example.test", "Boss", "WG: etwas"),
        ("boss@example.test", "Boss", "TR: quelque chose"),
        ("boss@example.test", "Boss", "RV: algo"),
        ("boss@example.test", "Boss", "I: qualcosa"),
        ("boss@example.test", "Boss", "転送: お知らせ"),
        ("x@example.test", "", "Your listing was removed"),
        ("x@example.test", "", "Ihr Konto wurde gesperrt"),
        ("x@example.test", "", "Votre compte vendeur"),
        ("x@example.test", "", "アカウント停止のお知らせ"),
    ],
)
def test_prefilter_lets_possible_notices_through(sender: str, name: str, subject: str) -> None:
    assert might_be_notice(sender, name, subject, RULES)


def test_prefilter_drops_plain_private_mail() -> None:
    assert not might_be_notice("dave@example.test", "Dave", "dinner on saturday?", RULES)


# ---------------------------------------------------------------- recognition and categories


ODR = (
    "Hello,\n\nYour Order Defect Rate is 3.41%; the target is 1%. Accounts above the target "
    "are at risk of deactivation.\n\nWhy is this happening?\nNegative feedback and claims.\n"
)


def test_metric_warning() -> None:
    got = classify(mail(ODR, "Your Order Defect Rate needs attention"), RULES)
    assert got.is_notice and not got.suspected_phishing
    assert (got.category, got.issue_type, got.severity) == (
        "account_health",
        "order_defect_rate",
        "high",
    )
    assert got.metrics == {"order_defect_rate": 3.41}
    assert got.marketplace == "amazon.com" and got.language == "en"
    assert "sender amazon.com" in got.reasons


def test_plan_of_action_turns_a_metric_warning_into_performance_improvement() -> None:
    text = (
        "Your late shipment rate is 7.2%, above our goal of 4%. Please send us a plan of action "
        "explaining how you will improve within 17 days."
    )
    got = classify(mail(text, "Late shipment rate"), RULES)
    assert (got.category, got.issue_type) == ("performance_improvement", "late_shipment_rate")
    assert got.deadline_at == SENT + timedelta(days=17)


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        (
            "Your pre-fulfillment cancel rate is 3.9%; the target is under 2.5%.",
            {"pre_fulfillment_cancel_rate": 3.9},
        ),
        (
            "Ihre Auftragsmängelquote beträgt 2,4 %; der Zielwert liegt bei 1 %.",
            {"order_defect_rate": 2.4},
        ),
        (
            "Votre taux de défauts de commande est de 1,6 % ; l'objectif est inférieur à 1 %.",
            {"order_defect_rate": 1.6},
        ),
        ("Your order defect rate does not meet our performance target of less than 1%.", {}),
        (
            "Your Valid Tracking Rate of 88.5% is below the 95% requirement.",
            {"valid_tracking_rate": 88.5},
        ),
        ("Your valid tracking rate is below 95%.", {}),
        (
            "Your Account Health Rating is 176, below the 200 healthy band.",
            {"account_health_rating": 176.0},
        ),
        ("We lowered your Account Health Rating to below 100.", {}),
        (
            "Over the last 30 days, 6.1% of your orders were shipped late. Keep your late shipment rate under 4%.",
            {"late_shipment_rate": 6.1},
        ),
        ("現在の注文不良率は2.2%です。目標値は1%未満です。", {"order_defect_rate": 2.2}),
        (
            "Your on-time delivery rate during the 14-day window is 85%.",
            {"on_time_delivery_rate": 85.0},
        ),
    ],
)
def test_metrics_are_actual_values_never_targets(text: str, metrics: dict[str, float]) -> None:
    got = classify(mail(text + "\n\nWhy is this happening?\n", "Account health warning"), RULES)
    assert got.metrics == metrics


@pytest.mark.parametrize(
    ("subject", "text", "category", "issue"),
    [
        (
            "Notice: Policy Warning",
            "We removed the listings at the end of this email because a rights owner reported "
            "trademark infringement.\n\nASIN: B0TEST0001\nInfringement type: Trademark\n",
            "policy_violation",
            "trademark",
        ),
        (
            "Notice: Policy Warning",
            "We received a report of copyright infringement and removed your listing.\nASIN: B0TEST0002",
            "policy_violation",
            "copyright",
        ),
        (
            "Action required",
            "We have removed your listing because it may infringe a registered design right of the rights owner.",
            "policy_violation",
            "intellectual_property",
        ),
        (
            "Listing removed",
            "A customer reported that an item sold as new was used. We removed the offer.\nWhy did this happen?",
            "policy_violation",
            "product_condition",
        ),
        (
            "Action required: Listing removed",
            "Customers reported that the item is counterfeit. We need invoices from your supplier.",
            "policy_violation",
            "product_authenticity",
        ),
        (
            "Action required: Your listings have been deactivated",
            "Please provide the EU Responsible Person and CE marking details for these products.",
            "policy_violation",
            "product_compliance",
        ),
        (
            "A-to-z Guarantee claim",
            "A buyer filed an A-to-z Guarantee claim for order 111-2223334-4445556. Please respond.\nWhy is this happening?",
            "customer_feedback",
            "a_to_z_claim",
        ),
        (
            "Chargeback notification",
            "The cardholder filed a chargeback for order 111-2223334-4445556. Respond within seven days.",
            "customer_feedback",
            "chargeback",
        ),
        (
            "Your Amazon selling account",
            "We have deactivated your Amazon selling account because it is related to another account "
            "that may not be used to sell on Amazon.",
            "account_status",
            "related_account",
        ),
        (
            "Your Amazon selling account",
            "We have removed your selling privileges and placed a temporary hold on your funds.",
            "account_status",
            "account_suspended",
        ),
        (
            "Your selling privileges have been reinstated",
            "We reviewed your appeal and reinstated your selling privileges. Thank you.",
            "account_status",
            "account_reinstated",
        ),
        (
            "Action required: verify your identity",
            "We need to verify your identity. Upload a passport within 10 days.\nHow do I send the required information?",
            "account_status",
            "verification_required",
        ),
        (
            "Ihre Amazon.de Verkaufsberechtigungen wurden entfernt",
            "Wir haben festgestellt, dass Ihr Konto mit einem anderen Konto verknüpft ist.",
            "account_status",
            "related_account",
        ),
    ],
)
def test_categories(subject: str, text: str, category: str, issue: str) -> None:
    got = classify(mail(text, subject), RULES)
    assert got.is_notice, got.reasons
    assert (got.category, got.issue_type) == (category, issue), got.reasons


@pytest.mark.parametrize(
    ("sender", "subject", "text"),
    [
        (
            "payments-messages@amazon.com",
            "Sold, ship now: Garden hose 20m",
            "Please ship this item. Order ID: 111-2223334-4445556",
        ),
        (
            "seller-notification@amazon.com",
            "Action Required: Pay your seller account balance",
            "Your seller account balance is negative. Update your payment method.",
        ),
        (
            "payments-messages@amazon.com",
            "Your funds transfer has been delayed",
            "We placed a hold on your funds transfer for 5 days.",
        ),
        (
            "no-reply@amazon.com",
            "FBA Newsletter: April",
            "Tips: keep your order defect rate under 1%. Unsubscribe here.",
        ),
        (
            "seller-info@amazon.com",
            "Submit your promotions for Prime Day by May 31",
            "Register now for Prime Day deals.",
        ),
        (
            "donotreply@amazon.com",
            "Updates to the Return Insights dashboard",
            "We are introducing new features. Learn more.",
        ),
        (
            "auto-confirm@amazon.com",
            "Your Amazon.com order #112-1234567-1234567 has shipped",
            "Your package is on the way.",
        ),
    ],
)
def test_ordinary_amazon_mail_is_not_a_notice(sender: str, subject: str, text: str) -> None:
    got = classify(mail(text, subject, sender=sender, name="Amazon"), RULES)
    assert not got.is_notice and not got.suspected_phishing, got.reasons
    assert got.category is None and got.severity is None


def test_non_amazon_mail_about_notices_is_neither_notice_nor_phishing() -> None:
    got = classify(
        mail(
            "Seen 'Your Order Defect Rate is 2.3%; the target is 1%'? Here is how to fix it.",
            "Newsletter: fixing your ODR",
            sender="news@consultant.example.test",
            name="Seller Tips Weekly",
        ),
        RULES,
    )
    assert not got.is_notice and not got.suspected_phishing
    assert got.marketplace is None


def test_unrecognised_amazon_notice_is_never_silent() -> None:
    got = classify(
        mail(
            "We changed the return address on your account to the default.\n\n"
            "Why is this happening?\nThe address failed validation.\n",
            "Your return address was reset",
        ),
        RULES,
    )
    assert got.is_notice and got.unrecognised
    # issue 12: nobody knows what an unrecognised notice says, so it is alerted at medium
    assert (got.category, got.issue_type, got.severity) == (None, "other", "medium")
    assert any("unrecognised" in r for r in got.reasons)


# ---------------------------------------------------------------- ASINs, SKUs, order IDs


def test_asins_skus_and_order_ids() -> None:
    text = (
        "ASIN: B0ABCD1234\nSKU: MUG-RED-01\nOrder ID: 114-5555555-6666666\n"
        "“Acme” – B01G6I41N6 B01G6I41O0\n"
        "Masked: B07TLXXXX and B07TLXXXXX and ********** and ASIN: B00ARGHSU\n"
        "Not ASINs: XB0ABCD12345, b0abcd1234, B0ABCD123\n"
        "See https://www.amazon.com/dp/B0LINK0001 and https://www.amazon.com/gp/product/0316769487\n"
        "and https://sellercentral.amazon.com/x?asin=b0link0002&ref=1\n"
        "ISBN-style when labelled: ASIN: 0451524934, 043942089X\n"
        "An order number 0123456789 without a label is not an ASIN.\n"
    )
    got = classify(
        mail(text + "\nWhy is this happening?\nTrademark complaint.", "Policy Warning"), RULES
    )
    assert got.asins == (
        "0316769487",
        "043942089X",
        "0451524934",
        "B01G6I41N6",
        "B01G6I41O0",
        "B0ABCD1234",
        "B0LINK0001",
        "B0LINK0002",
    )
    assert got.skus == ("MUG-RED-01",)
    assert got.order_ids == ("114-5555555-6666666",)


def test_asins_from_an_html_table() -> None:
    html = (
        "<table><tr><td>ASIN</td><td>SKU</td></tr><tr><td>B0HTML0001</td><td>B0-LOOKALIKE</td></tr>"
        "<tr><td>B0HTML0002</td><td>X</td></tr></table>"
    )
    got = classify(mail("See table.", "Listings removed", html=html), RULES)
    assert got.asins == ("B0HTML0001", "B0HTML0002")


# ---------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "If you do not send an acceptable plan within 17 days, we will remove your listings.",
            SENT + timedelta(days=17),
        ),
        ("Resolve the violations within 3 days of this notification.", SENT + timedelta(days=3)),
        ("This may put it at risk of deactivation within 72 hours.", SENT + timedelta(hours=72)),
        (
            "Wenn Sie die Unterlagen nicht innerhalb von 7 Tagen einreichen, bleibt das Angebot entfernt.",
            SENT + timedelta(days=7),
        ),
        (
            "Si vous ne fournissez pas ces informations dans un délai de 17 jours, l'offre reste supprimée.",
            SENT + timedelta(days=17),
        ),
        (
            "Se non fornisci i documenti entro 90 giorni, l'inventario sarà smaltito.",
            SENT + timedelta(days=90),
        ),
        (
            "Si no envías la información en un plazo de 17 días, eliminaremos la oferta.",
            SENT + timedelta(days=17),
        ),
        (
            "この通知を受け取ってから48時間以内に書類を提出してください。",
            SENT + timedelta(hours=48),
        ),
        ("Respond within seven calendar days of the email date.", SENT + timedelta(days=7)),
        (
            "Provide the documents by 5 December 2026.",
            datetime(2026, 12, 5, 23, 59, 59, tzinfo=UTC) + timedelta(hours=8),
        ),
        (
            "Provide the documents by December 5, 2026.",
            datetime(2026, 12, 6, 7, 59, 59, tzinfo=UTC),
        ),
        (
            "Failure to provide this information by 2026-04-13T00:00:00.000Z will remove the listing.",
            datetime(2026, 4, 13, tzinfo=UTC),
        ),
        ("Appeal within 90 days. Provide the invoice within 5 days.", SENT + timedelta(days=5)),
        # numbers that only look like deadlines
        ("We usually respond within 48 hours. We'll get back to you within 2 business days.", None),
        (
            "Provide a utility bill dated within the last 90 days or an invoice issued in the last 365 days.",
            None,
        ),
        ("The ODR covers a 60-day time period. After 90 days, the hold will be removed.", None),
        (
            "You cannot create a removal order for a period of 30 days. Funds are held for up to 90 days.",
            None,
        ),
        ("On March 1, 2026 we received a complaint.", None),
        ("Submit your promotions by May 31.", None),
    ],
)
def test_deadlines(text: str, expected: datetime | None) -> None:
    got = classify(
        mail(
            text + "\n\nWhy is this happening?\nA rights owner reported trademark infringement.",
            "Policy Warning",
        ),
        RULES,
    )
    assert got.is_notice
    if expected is not None and "December" in text:
        # bare dates end 23:59:59 in the store's zone; amazon.com is America/Los_Angeles
        expected = datetime(2026, 12, 6, 7, 59, 59, tzinfo=UTC)
    assert got.deadline_at == expected, got.reasons


def test_bare_dates_use_the_store_time_zone() -> None:
    got = classify(
        mail(
            "Wenn Sie die Unterlagen nicht bis zum 22.12.2026 einreichen, wird Ihr Angebot entfernt.\n"
            "Warum ist das passiert?\nSicherheitsproblem.",
            "Hinweis: Angebot entfernt",
            sender="seller-performance@amazon.de",
        ),
        RULES,
    )
    assert got.marketplace == "amazon.de" and got.language == "de"
    assert got.deadline_at == datetime(2026, 12, 22, 22, 59, 59, tzinfo=UTC)
    jp = classify(
        mail(
            "2026年12月5日までにご提出ください。なぜこのような状況になったのでしょうか",
            "アカウントポリシーご確認のお願い",
            sender="seller-performance@amazon.co.jp",
        ),
        RULES,
    )
    assert jp.deadline_at == datetime(2026, 12, 5, 14, 59, 59, tzinfo=UTC)


def test_no_date_means_no_relative_deadline() -> None:
    got = classify(
        mail("Send the plan within 17 days.\nWhy is this happening?\nLate shipments.", date=None),
        RULES,
    )
    assert got.is_notice and got.deadline_at is None


# ---------------------------------------------------------------- forwarded notices


NOTICE_BODY = (
    "Hello,\n\nWe removed your listings because a rights owner reported trademark infringement.\n\n"
    "How do I reactivate my listing?\nIf you do not provide the information within 10 days, "
    "your inventory will be removed.\n\nASIN: B0FWD00001\n"
)


@pytest.mark.parametrize(
    ("block", "original"),
    [
        (
            "---------- Forwarded message ---------\nFrom: Amazon <seller-performance@amazon.com>\n"
            "Date: Mon, 2 Feb 2026 at 10:15\nSubject: Notice: Policy Warning\nTo: <me@shop.test>\n",
            datetime(2026, 2, 2, 9, 15, tzinfo=UTC),  # read in the forward's +0100
        ),
        (
            "From: Amazon.com <seller-performance@amazon.com>\nSent: Monday, February 2, 2026 10:15 AM\n"
            "To: me@shop.test\nSubject: Notice: Policy Warning\n",
            datetime(2026, 2, 2, 9, 15, tzinfo=UTC),
        ),
        (
            "-----Ursprüngliche Nachricht-----\nVon: Amazon.de <notice-dispute@amazon.de>\n"
            "Gesendet: Montag, 2. Februar 2026 10:15\nAn: me@shop.test\nBetreff: Hinweis: Richtlinienwarnung\n",
            datetime(2026, 2, 2, 9, 15, tzinfo=UTC),
        ),
        (
            "De : Amazon.fr <seller-performance@amazon.fr>\nEnvoyé : lundi 2 février 2026 10:15\n"
            "À : me@shop.test\nObjet : Avertissement\n",
            datetime(2026, 2, 2, 9, 15, tzinfo=UTC),
        ),
        (
            "-------- Forwarded Message --------\nSubject: Policy Warning\n"
            "Date: Mon, 02 Feb 2026 10:15:00 -0800\nFrom: Amazon <seller-performance@amazon.com>\n",
            datetime(2026, 2, 2, 18, 15, tzinfo=UTC),
        ),
    ],
)
def test_forwarded_notice_counts_from_the_original(block: str, original: datetime) -> None:
    text = (
        "Hi, can you look at this one? Thanks, Jo\nhttps://www.shop.test/\n\n"
        + block
        + "\n"
        + NOTICE_BODY
    )
    outer = mail(
        text,
        "Fwd: Notice: Policy Warning",
        sender="jo@shop.test",
        name="Jo",
        date=datetime(2026, 2, 4, 8, 0, tzinfo=UTC),
    )
    outer = ParsedEmail(
        **{**outer.__dict__, "headers": {"date": ["Wed, 04 Feb 2026 09:00:00 +0100"]}}
    )
    got = classify(outer, RULES)
    assert got.is_notice and not got.suspected_phishing, got.reasons
    assert got.issue_type == "trademark"
    assert got.asins == ("B0FWD00001",)
    assert got.deadline_at == original + timedelta(days=10)


def test_forwarded_phishing_is_still_phishing() -> None:
    text = (
        "FYI\n\n---------- Forwarded message ---------\nFrom: Amazon <alert@amazon-verify-center.com>\n"
        "Date: Mon, 2 Feb 2026 at 10:15\nSubject: Account suspended\n\n"
        "Your account has been suspended. Why is this happening?\n"
    )
    got = classify(mail(text, "Fwd: Account suspended", sender="jo@shop.test", name="Jo"), RULES)
    assert got.suspected_phishing and not got.is_notice


# ---------------------------------------------------------------- phishing


def test_lookalike_sender_domain() -> None:
    got = classify(
        mail(ODR, "Order defect rate", sender="no-reply@amazon-seller-notices.com", name="Amazon"),
        RULES,
    )
    assert got.suspected_phishing and not got.is_notice
    assert (got.category, got.severity, got.marketplace) == (None, None, None)
    assert any("look-alike sender" in r for r in got.reasons)


def test_lookalike_link_host_from_a_genuine_looking_sender() -> None:
    text = ODR + "Sign in: https://sellercentral.amazon.com.account-check.xyz/signin\n"
    got = classify(mail(text, "Order defect rate"), RULES)
    assert got.suspected_phishing
    assert "phishing: link host sellercentral.amazon.com.account-check.xyz" in got.reasons


def test_blended_href_to_a_foreign_host() -> None:
    html = '<p>Please <a href="http://203.0.113.9/sc/verify.php">review your account</a> today.</p>'
    got = classify(mail(ODR, "Order defect rate", html=html), RULES)
    assert got.suspected_phishing


def test_authentication_failure_for_the_claimed_amazon_domain() -> None:
    headers = {"authentication-results": ["mx.test; dkim=fail header.d=amazon.com; spf=pass"]}
    got = classify(mail(ODR, "Order defect rate", headers=headers), RULES)
    assert got.suspected_phishing and "phishing: dkim=fail for amazon.com" in got.reasons


def test_passing_or_missing_authentication_is_no_evidence() -> None:
    headers = {
        "authentication-results": ["mx.test; dkim=pass header.d=amazon.com; spf=pass; dmarc=pass"]
    }
    assert not classify(mail(ODR, "Order defect rate", headers=headers), RULES).suspected_phishing
    assert not classify(mail(ODR, "Order defect rate"), RULES).suspected_phishing


def test_display_name_impersonation_with_credential_request() -> None:
    text = (
        "We could not verify your bank account. Reply with your bank account number and your "
        "Seller Central password within 24 hours or your account will be permanently terminated."
    )
    got = classify(
        mail(
            text,
            "Disbursement on hold",
            sender="support7731@hotmail.com",
            name="Amazon Seller Support",
        ),
        RULES,
    )
    assert got.suspected_phishing
    assert any(r.startswith("phishing tell") for r in got.reasons)


def test_genuine_notice_with_amazon_links_only_is_not_phishing() -> None:
    text = ODR + (
        "https://sellercentral.amazon.com/performance/dashboard\n"
        "https://sellercentral-europe.amazon.com/help\nhttps://m.media-amazon.com/images/logo.png\n"
    )
    assert not classify(mail(text, "Order defect rate"), RULES).suspected_phishing


# ---------------------------------------------------------------- severity


def test_severity_rules() -> None:
    day = SENT
    assert decide_severity(SeverityFacts(account_deactivated=True))[0] == "critical"
    assert decide_severity(SeverityFacts(account_at_risk=True))[0] == "high"
    assert decide_severity(SeverityFacts(metric_above_target=True))[0] == "high"
    assert decide_severity(SeverityFacts(listing_removed=True))[0] == "medium"
    removed_deadline = SeverityFacts(
        listing_removed=True, consequence=True, deadline_at=day + timedelta(days=90), email_at=day
    )
    assert decide_severity(removed_deadline)[0] == "high"
    assert decide_severity(SeverityFacts())[0] == "low"
    assert decide_severity(SeverityFacts(account_reinstated=True))[0] == "low"
    soon = SeverityFacts(deadline_at=day + timedelta(hours=72), email_at=day)
    assert decide_severity(soon) == ("medium", "warning or information; deadline within 72 hours")
    later = SeverityFacts(deadline_at=day + timedelta(hours=73), email_at=day)
    assert decide_severity(later)[0] == "low"
    assert (
        decide_severity(
            SeverityFacts(listing_removed=True, deadline_at=day + timedelta(hours=48), email_at=day)
        )[0]
        == "high"
    )


def test_listing_warning_with_listing_active_is_low() -> None:
    got = classify(
        mail(
            "We found a review incentive in your package insert. This violates our Customer Product "
            "Reviews policy. Your listing remains active.\nWhat should I do?\nStop the practice.",
            "Policy Warning: Customer Product Reviews",
            sender="seller-performance-policy@amazon.com",
        ),
        RULES,
    )
    assert (got.issue_type, got.severity) == ("review_manipulation", "low")


# ---------------------------------------------------------------- language and marketplace


@pytest.mark.parametrize(
    ("sender", "text", "language", "marketplace"),
    [
        (
            "seller-performance@amazon.co.uk",
            "We have removed your listing. Why is this happening?",
            "en",
            "amazon.co.uk",
        ),
        (
            "notice-dispute@amazon.de",
            "Wir haben Ihr Angebot entfernt. Warum ist das passiert?",
            "de",
            "amazon.de",
        ),
        (
            "notice@amazon.fr",
            "Nous avons supprimé les offres mentionnées à la fin de cet e-mail.",
            "fr",
            "amazon.fr",
        ),
        (
            "seller-performance@amazon.it",
            "Abbiamo rimosso la tua offerta. Perché succede questo?",
            "it",
            "amazon.it",
        ),
        (
            "seller-performance@amazon.es",
            "Hemos eliminado tu oferta. ¿Por qué ocurre esto?",
            "es",
            "amazon.es",
        ),
        (
            "seller-performance@amazon.co.jp",
            "出品を停止しました。なぜこのような状況になったのでしょうか",
            "ja",
            "amazon.co.jp",
        ),
        (
            "notices@amazonsellerservices.com",
            "We have removed your listing on Amazon.ca. Price CDN$ 20.",
            "en",
            "amazon.ca",
        ),
    ],
)
def test_language_and_marketplace(sender: str, text: str, language: str, marketplace: str) -> None:
    got = classify(mail(text, "Notice", sender=sender), RULES)
    assert (got.language, got.marketplace) == (language, marketplace)


# ---------------------------------------------------------------- end to end through parse_email


def test_parse_and_classify_raw_mail() -> None:
    raw = (
        b"From: =?UTF-8?Q?Amazon_Seller_Performance?= <seller-performance@amazon.com>\r\n"
        b"Subject: =?UTF-8?B?V2FybmluZzogWW91ciBvcmRlciBkZWZlY3QgcmF0ZQ==?=\r\n"
        b"Date: Mon, 02 Mar 2026 08:00:00 -0800\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"Your Order Defect Rate is 2.5%; the target is 1%. Resolve this within 72 hours.=\r\n\r\n"
    )
    got = classify(parse_email(raw), RULES)
    assert got.is_notice and got.metrics == {"order_defect_rate": 2.5}
    assert got.deadline_at == SENT + timedelta(hours=72)
    assert got.severity == "high"


# ---------------------------------------------------------------- more edges


def test_shortened_link_in_a_notice_is_phishing_but_a_plain_foreign_link_is_not() -> None:
    shortened = classify(mail(ODR + "Details: https://bit.ly/3xYz12", "Order defect rate"), RULES)
    assert shortened.suspected_phishing
    owner_site = classify(
        mail(ODR + "The rights owner's site: https://www.acme-brand.example/contact", "ODR"),
        RULES,
    )
    assert owner_site.is_notice and not owner_site.suspected_phishing


def test_order_ship_by_dates_are_not_deadlines() -> None:
    text = (
        "A buyer filed an A-to-z Guarantee claim for order 111-2223334-4445556 "
        "(ship by: March 5, 2026).\nWhy is this happening?\nThe buyer did not receive the item."
    )
    got = classify(mail(text, "A-to-z Guarantee claim"), RULES)
    assert got.issue_type == "a_to_z_claim" and got.deadline_at is None


def test_apple_mail_forward_with_zone_abbreviation() -> None:
    text = (
        "FYI\n\nBegin forwarded message:\n\nFrom: Amazon <notice-dispute@amazon.com>\n"
        "Subject: Notice: Policy Warning\nDate: March 2, 2026 at 8:00:00 AM PST\nTo: me@shop.test\n\n"
        + NOTICE_BODY
    )
    got = classify(
        mail(text, "Fwd: Notice: Policy Warning", sender="jo@shop.test", name="Jo"), RULES
    )
    assert got.deadline_at == datetime(2026, 3, 2, 16, 0, tzinfo=UTC) + timedelta(days=10)


@pytest.mark.parametrize(
    ("subject", "text", "is_notice"),
    [
        (
            "Your listing has been reinstated",
            "Your listing for ASIN B0REIN0001 is active again.",
            True,
        ),
        (
            "Account on hold",
            "Your account has been placed on hold pending verification of your identity.",
            True,
        ),
        ("Your account verification is complete", "Your identity verification is complete.", False),
        (
            "Restricted Products policy update",
            "We have updated our Restricted Products policy.",
            False,
        ),
        (
            "Live webinar: keep your account healthy",
            "Register now to learn about Order Defect Rate.",
            False,
        ),
    ],
)
def test_notice_or_not(subject: str, text: str, is_notice: bool) -> None:
    got = classify(mail(text, subject, sender="seller-notification@amazon.com"), RULES)
    assert got.is_notice is is_notice, got.reasons


def test_prefilter_decodes_encoded_words() -> None:
    assert might_be_notice("x@example.test", "", "=?UTF-8?B?44Ki44Kr44Km44Oz44OI5YGc5q2i?=", RULES)


def test_classify_survives_empty_and_odd_input() -> None:
    for odd in (
        mail("", "", sender="", name="", date=None),
        mail("x" * 10, "Fwd:", sender="not-an-address", name="=?bad?="),
        mail("From: \nDate: \nSubject: \n" * 50, "Fwd: Fwd: Fwd:"),
        mail("ASIN:" * 1000 + "within" * 500 + " 2026 " * 300, "Notice"),
    ):
        got = classify(odd, RULES)
        assert isinstance(got.reasons, tuple)


def test_amazon_transactional_mail_is_settled_by_its_headers() -> None:
    # Amazon's order mail is most of what it sends: its body is never worth downloading.
    assert not might_be_notice("seller-notification@amazon.com", "Amazon", "Sold, ship now: Mug", RULES)
    assert not might_be_notice("payments-messages@amazon.de", "", "Jetzt versenden: Tasse", RULES)
    # The same subject from a look-alike domain is still read: it may be phishing.
    assert might_be_notice("seller-notification@amazon-sellers.help", "", "Sold, ship now: Mug", RULES)
    # Any other subject from Amazon is read.
    assert might_be_notice("seller-performance@amazon.com", "", "Notice: Policy Warning", RULES)
    assert might_be_notice("seller-performance@amazon.com", "", "Your account", RULES)
