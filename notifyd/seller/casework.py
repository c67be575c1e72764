"""Attach a follow-up from Amazon to the notice it answers: timeline, status, deadline, alerts."""

from __future__ import annotations

from datetime import datetime

from notifyd.core.models import Classification
from notifyd.core.settings import Settings
from notifyd.core.vocab import AlertPurpose, Category
from notifyd.deliver import outbox as alert
from notifyd.deliver.remind import following_reminder
from notifyd.deliver.render import REPLY_TEXT
from notifyd.seller.followups import (
    ACCOUNT_LEVEL,
    FollowupMail,
    candidate_query,
    match,
    new_status,
    reinstatement_resolves,
)
from notifyd.store.db import EmailRecord, Store

ACTOR = "amazon"  # who the response log says acted when Amazon's own mail changes a notice


def attach_followup(
    store: Store,
    settings: Settings,
    record: EmailRecord,
    result: Classification,
    threads: tuple[str, ...],
    excerpt: str,
    alerts: bool,
    now: datetime,
) -> tuple[str, int] | None:
    """Store `record` as a follow-up of the notice it answers and return ("followup", that
    notice's ID), or ("duplicate", ID) when it was stored before; None when it answers no stored
    notice, so the caller stores it as a notice of its own."""
    assert result.followup is not None
    if store.notice_id_for_key(record.message_key) is not None:
        # Stored as a notice of its own before notifyd read follow-ups: the caller records the
        # duplicate; attaching it now would alert a reply that was alerted long ago.
        return None
    mail = FollowupMail(
        kind=result.followup,
        mailbox=record.mailbox,
        thread_ids=threads,
        case_ids=result.case_ids,
        marketplace=result.marketplace,
        issue_type=result.issue_type,
        asins=result.asins,
        sent_at=record.received_at or now,
    )
    found = match(mail, store.followup_candidates(candidate_query(mail)))
    if found is None:
        return None
    notice = found.notice
    said = REPLY_TEXT[mail.kind]
    status = new_status(mail.kind)
    # Only a reply that wants something from the seller sets a deadline ("within 24 hours" of
    # a reinstatement is when listings return, not a date to answer by).
    deadline = result.deadline_at if status == "open" else None
    with store.transaction() as conn:
        if store.followup_id_for_key(record.message_key) is not None:
            store.record_email(
                conn, record, "duplicate", f"same follow-up of notice #{notice.id}", now
            )
            return "duplicate", notice.id
        email_id = store.record_email(
            conn, record, "followup", f"Amazon replied ({said}) about notice #{notice.id}", now
        )
        if email_id is None:
            return "duplicate", notice.id
        store.insert_followup(
            conn,
            notice.id,
            email_id,
            record,
            mail.kind,
            found.matched_by,
            deadline,
            excerpt,
            now,
        )
        store.note_followup(conn, notice.id, mail.kind, deadline)
        store.add_case_ids(conn, notice, result.case_ids)
        text = f"Amazon replied: {said} ({record.message_id or record.message_key}, matched by {found.matched_by})"
        store.add_event(conn, notice.id, "followup", ACTOR, text, now)
        if status == "open" and (notice.resolved_at or notice.acknowledged_at):
            store.reopen(
                conn,
                notice.id,
                following_reminder(deadline or notice.deadline_at, now, settings.reminders, now),
            )
            store.add_event(conn, notice.id, "reopened", ACTOR, f"Amazon replied: {said}", now)
        elif deadline is not None:
            reminder = following_reminder(deadline, now, settings.reminders, now)
            store.reopen(conn, notice.id, reminder)
        if status == "resolved":
            why = f"reinstated: {record.subject or ''} ({record.message_id or record.message_key})"
            account = store.unresolved_account_notices(
                record.mailbox, ACCOUNT_LEVEL, Category.ACCOUNT_STATUS, mail.marketplace,
                mail.sent_at,
            )
            targets = {n.id for n in reinstatement_resolves(mail, account)}
            for target in sorted(targets | {notice.id}):
                store.resolve(conn, target, ACTOR, now)
                store.add_event(conn, target, "resolved", ACTOR, why, now)
        if alerts and notice.severity is not None:
            tags = alert.notice_tags(
                str(notice.kind), notice.issue_type, notice.marketplace, notice.mailbox
            )
            alert.enqueue_for_notice(
                store,
                conn,
                settings,
                notice.id,
                AlertPurpose.FOLLOWUP,
                notice.severity,
                notice.category,
                tags,
                now,
            )
    return "followup", notice.id
