"""A notice is cut into its parts, and only the parts a rule reads decide anything."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest
from mailfactory import parsed

from notifyd.core.errors import RulesError
from notifyd.understand.anatomy import segment
from notifyd.understand.classify import classify, load_rules

RULES = load_rules()
SENT = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)


mail = partial(parsed, date=SENT)


FAQ_NOTICE = """Hello,

We removed two of your listings because a rights owner told us they infringe its copyright.

Why did this happen?
Selling items that infringe intellectual property breaks our policies.

How do I reactivate my listing?
Send an invoice or a letter of authorization to notice-dispute@amazon.com.

We're here to help
Search for "Intellectual Property Policy" in Seller Central Help.

Sincerely,
Seller Performance Team

ASIN: B0AAAA1111
"""


def test_faq_headings_open_sections_and_the_signoff_ends_the_notice() -> None:
    parts = segment("Notice: Policy Warning", FAQ_NOTICE, RULES).parts
    assert parts["opening"].startswith("we removed two of your listings because")
    assert parts["cause"].startswith("selling items that infringe")
    assert "letter of authorization" in parts["asks"]
    assert "seller central help" in parts["boilerplate"]
    assert "why did this happen?" in parts["headings"]
    # the key/value block after the signature is still the notice's cause, not its footer
    assert "sincerely" in parts["boilerplate"]


PROSE_SUSPENSION = """Hello,

We have removed your selling privileges and placed a temporary hold on the funds in your account.

We took this action because your account is related to another selling account that we closed.

Please resolve any pending orders. Amounts paid for A-to-z Guarantee claims and chargebacks may be deducted from your account.

After 90 days, any remaining funds will be available per your settlement schedule.

Regards,
Seller Performance Team
"""


def test_funds_and_deduction_paragraphs_are_boilerplate() -> None:
    parts = segment("Your selling privileges have been removed", PROSE_SUSPENSION, RULES).parts
    assert "related to another selling account" in parts["cause"]
    assert "a-to-z guarantee claims" in parts["boilerplate"]
    assert "a-to-z" not in parts["opening"] + parts["cause"] + parts.get("body", "")


def test_an_atoz_mention_in_the_funds_paragraph_never_decides_the_issue() -> None:
    got = classify(mail(PROSE_SUSPENSION, "Your selling privileges have been removed"), RULES)
    assert (got.category, got.issue_type, got.severity) == (
        "account_status",
        "related_account",
        "critical",
    )
    assert any("in cause" in r and "related to another" in r for r in got.reasons)


def test_japanese_greeting_is_dropped_but_a_short_opening_is_kept() -> None:
    text = "出品者様\n\nお客様の出品を停止いたしました。\n\nこの措置がとられた理由\n偽造品の販売は禁止されています。\n"
    parts = segment("アカウントポリシーご確認のお願い", text, RULES).parts
    assert parts["opening"] == "お客様の出品を停止いたしました。"
    assert parts["cause"] == "偽造品の販売は禁止されています。"


def test_the_header_block_of_a_forward_is_no_part_of_the_notice() -> None:
    text = (
        "---------- Forwarded message ---------\nFrom: Amazon <seller-performance@amazon.com>\n"
        "Date: Mon, May 4, 2026 at 3:00 PM\nSubject: Policy warning\n\n"
        "We removed one of your listings.\n"
    )
    parts = segment("Policy warning", text, RULES).parts
    assert parts["opening"] == "we removed one of your listings."
    assert "seller-performance@" not in " ".join(parts.values())


def test_a_rule_reads_only_the_parts_its_in_list_names(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(
        '[[issue]]\nid = "handmade"\nissue_type = "listing_policy"\n'
        'category = "policy_violation"\nin = ["subject"]\nphrases = ["handmade profile"]\n',
        encoding="utf-8",
    )
    rules = load_rules([tmp_path])
    text = "We reset your Handmade profile photo.\n\nWhy is this happening?\nIt shows a logo."
    in_body = classify(mail(text, "Notice"), rules)
    assert in_body.unrecognised  # the phrase is in the body, the rule reads only the subject
    in_subject = classify(mail(text, "Your Handmade profile was reset"), rules)
    assert (in_subject.category, in_subject.issue_type) == ("policy_violation", "listing_policy")
    assert any("'handmade profile' in subject" in r for r in in_subject.reasons)


def test_an_unknown_part_in_a_rule_file_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        '[signals.warning]\nin = ["footer"]\nphrases = ["heads up"]\n', encoding="utf-8"
    )
    with pytest.raises(RulesError, match=r"signals.warning.in: unknown part 'footer'"):
        load_rules([tmp_path])
