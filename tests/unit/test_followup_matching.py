"""Which notice a follow-up from Amazon answers, and what kind of follow-up a notice is."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fakes import stored_notice

from notifyd.core.models import Classification
from notifyd.seller.followups import (
    ACCOUNT_LEVEL,
    FollowupMail,
    candidate_query,
    match,
    new_status,
    reinstatement_resolves,
    thread_ids,
)
from notifyd.store.db import EmailRecord, Store
from notifyd.store.rows import Notice
from notifyd.understand.anatomy import NoticeParts
from notifyd.understand.followup import case_ids, followup_kind

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def notice(id: int, days_ago: float, **fields: Any) -> Notice:
    row = {
        "id": id,
        "message_id": f"<n{id}@amazon.com>",
        "message_key": f"<n{id}@amazon.com>",
        "received_at": (NOW - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "marketplace": "amazon.com",
        "issue_type": "trademark",
        "category": "policy_violation",
    }
    row.update(fields)
    return stored_notice(row)


def mail(**fields: Any) -> FollowupMail:
    values: dict[str, Any] = {
        "kind": "appeal_denied",
        "mailbox": "main",
        "thread_ids": (),
        "case_ids": (),
        "marketplace": "amazon.com",
        "issue_type": "trademark",
        "asins": (),
        "sent_at": NOW,
    }
    values.update(fields)
    return FollowupMail(**values)


def test_thread_headers_win_over_a_newer_notice_of_the_same_kind() -> None:
    old, new = notice(1, 40), notice(2, 3)
    found = match(mail(thread_ids=("<n1@amazon.com>",)), [old, new])
    assert found is not None and (found.notice.id, found.matched_by) == (1, "thread")


def test_a_case_id_in_the_text_finds_its_notice_beyond_the_window() -> None:
    old = notice(1, 400, case_ids=["123456780"], issue_type="product_safety")
    other = notice(2, 5)
    found = match(mail(case_ids=("123456780",), issue_type="other"), [old, other])
    assert found is not None and (found.notice.id, found.matched_by) == (1, "case_id")


def test_subject_match_needs_marketplace_issue_asins_and_the_window() -> None:
    candidates = [
        notice(1, 10, marketplace="amazon.de", asins=["B000000001"]),
        notice(2, 200, asins=["B000000001"]),  # outside 180 days
        notice(3, 20, asins=["B000000002"]),  # other ASIN
        notice(4, 30, asins=["B000000001"], issue_type="copyright"),
        notice(5, 50, asins=["B000000001", "B000000003"]),
    ]
    found = match(mail(asins=("B000000001",)), candidates)
    assert found is not None and (found.notice.id, found.matched_by) == (5, "subject_match")
    assert match(mail(asins=("B000000009",)), candidates[:4]) is None


def test_other_mailboxes_phishing_and_later_notices_are_never_matched() -> None:
    candidates = [
        notice(1, 5, mailbox="shop2"),
        notice(2, 5, kind="phishing"),
        notice(3, -1),  # sent after the follow-up
    ]
    assert match(mail(thread_ids=("<n1@amazon.com>", "<n2@amazon.com>")), candidates) is None
    assert match(mail(), candidates) is None


def test_an_open_notice_is_preferred_to_a_newer_resolved_one() -> None:
    open_one = notice(1, 30)
    resolved = notice(2, 10, resolved_at="2026-11-25T10:00:00Z")
    found = match(mail(), [open_one, resolved])
    assert found is not None and found.notice.id == 1


def test_a_reply_naming_no_issue_needs_shared_asins() -> None:
    tm = notice(1, 10, asins=["B000000001"])
    assert match(mail(issue_type="other"), [tm]) is None
    found = match(mail(issue_type="other", asins=("B000000001",)), [tm])
    assert found is not None and found.notice.id == 1


def test_a_reinstatement_answers_account_level_notices_and_resolves_them_all() -> None:
    suspended = notice(1, 30, issue_type="account_suspended", category="account_status")
    related = notice(2, 20, issue_type="related_account", category="account_status")
    listing = notice(3, 10)
    elsewhere = notice(4, 10, issue_type="account_suspended", marketplace="amazon.de")
    done = notice(5, 60, issue_type="account_at_risk", resolved_at="2026-10-01T00:00:00Z")
    reinstated = mail(kind="reinstated", issue_type="account_reinstated")
    found = match(reinstated, [suspended, related, listing, elsewhere, done])
    assert found is not None and found.notice.id == 2
    targets = reinstatement_resolves(reinstated, [suspended, related, listing, elsewhere, done])
    assert [n.id for n in targets] == [1, 2]
    assert match(reinstated, [listing]) is None


def test_what_each_kind_does_to_the_notice() -> None:
    assert new_status("appeal_denied") == "open"
    assert new_status("more_information") == "open"
    assert new_status("reinstated") == "resolved"
    assert new_status("appeal_received") is None


def test_thread_ids_reads_in_reply_to_and_references_once_each() -> None:
    headers = {
        "in-reply-to": ["<a@amazon.com>"],
        "references": ["<root@amazon.com> <a@amazon.com>\r\n <b@x.test>"],
    }
    assert thread_ids(headers) == ("<a@amazon.com>", "<root@amazon.com>", "<b@x.test>")


def parts(**text: str) -> NoticeParts:
    return NoticeParts(dict(text))


def test_followup_kinds_need_a_sign_that_they_answer_the_seller() -> None:
    denied = parts(opening="we reviewed your appeal. we are unable to reinstate your listings.")
    assert followup_kind("Your listings", denied, "trademark") == "appeal_denied"
    more = parts(body="thank you for your plan of action. we need more information about it.")
    assert followup_kind("Re: Policy warning", more, "other") == "more_information"
    short = parts(opening="thank you for submitting your appeal. we do not have enough information.")
    assert followup_kind("Your appeal", short, "other") == "more_information"
    received = parts(opening="we have received your appeal and will answer within 48 hours.")
    assert followup_kind("Your appeal", received, None) == "appeal_received"
    # A first notice that asks for information answers nothing the seller sent.
    first = parts(asks="we need additional information to verify your identity.")
    assert followup_kind("Verify your account", first, "verification_required") is None
    # Appeal instructions in the boilerplate decide nothing.
    boiler = parts(boilerplate="if your appeal was denied, you may appeal again.")
    assert followup_kind("Re: Listing removed", boiler, "trademark") is None
    assert followup_kind("Account reactivated", parts(), "account_reinstated") == "reinstated"


def test_case_ids_are_amazons_numbers_not_words() -> None:
    text = (
        "Case ID: 18273645501. In case of questions, see notification ID 7f3e2a-99. "
        "Complaint ID 123456780 and complaint id 123456780 again. Reference number: none."
    )
    assert case_ids(text) == ("123456780", "18273645501", "7f3e2a-99")


def test_the_store_reads_every_notice_a_reply_could_answer_and_no_decision_changes(
    tmp_path: Path,
) -> None:
    # The store narrows the notices in SQL (a first sync reads every reply against every notice
    # stored so far); across many random notices and replies, match() and
    # reinstatement_resolves() must decide on what it reads exactly as on all notices.
    rng = random.Random(12)
    issues = ["trademark", "product_safety", "account_suspended", "account_at_risk", "other",
              "related_account", "late_shipment_rate"]
    markets = ["amazon.com", "amazon.de", None]
    asins = ["B000000001", "B000000002", "B000000003"]
    with Store(tmp_path / "n.db") as store:
        for n in range(1, 61):
            issue = rng.choice(issues)
            sent = NOW - timedelta(days=rng.uniform(0, 400))
            email = EmailRecord("main", "INBOX", f"main/INBOX/1/{n}", f"<n{n}@amazon.com>", 1, n,
                                f"<n{n}@amazon.com>", sent, "seller-performance@amazon.com",
                                issue, 1000)
            category = "account_status" if issue.startswith("account") or rng.random() < 0.1 \
                else "policy_violation"
            result = Classification(
                is_notice=True, category=category, issue_type=issue, severity="high",
                marketplace=rng.choice(markets), case_ids=tuple(rng.sample(["111", "222"], 1))
                if rng.random() < 0.2 else (),
                asins=tuple(rng.sample(asins, rng.randint(0, 2))),
            )
            with store.transaction() as conn:
                email_id = store.record_email(conn, email, "notice", None, NOW)
                assert email_id is not None
                notice_id = store.insert_notice(conn, email_id, email, "notice", result, "", NOW)
                if rng.random() < 0.3:
                    store.resolve(conn, notice_id, "me", NOW)
        everything = store._decode(store.rows("SELECT * FROM notices"))
        picked = 0
        for _ in range(300):
            reply = mail(
                kind=rng.choice(["appeal_denied", "more_information", "reinstated"]),
                thread_ids=(f"<n{rng.randint(1, 80)}@amazon.com>",) if rng.random() < 0.2 else (),
                case_ids=("111",) if rng.random() < 0.2 else (),
                marketplace=rng.choice(markets),
                issue_type=rng.choice([*issues, None, "account_reinstated"]),
                asins=tuple(rng.sample(asins, rng.randint(0, 2))),
                sent_at=NOW - timedelta(days=rng.uniform(0, 200)),
            )
            read = store.followup_candidates(candidate_query(reply))
            assert len(read) <= len(everything)
            wanted, got = match(reply, everything), match(reply, read)
            assert (wanted and (wanted.notice.id, wanted.matched_by)) == (
                got and (got.notice.id, got.matched_by))
            picked += wanted is not None
            account = store.unresolved_account_notices(
                "main", ACCOUNT_LEVEL, "account_status", reply.marketplace, reply.sent_at)
            assert [n.id for n in reinstatement_resolves(reply, everything)] == [
                n.id for n in reinstatement_resolves(reply, account)]
        assert picked > 50  # the replies do find notices: the comparison is not vacuous
