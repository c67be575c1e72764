"""Which stored notice a follow-up from Amazon answers, and what it changes: pure, given rows and `now`.

A follow-up (an appeal decision, a request for more information, an acknowledgement of the
seller's appeal, a reinstatement; see notifyd/understand/followup.py) is matched, strongest
evidence first, to a real notice of the same mailbox:
  1. thread: its In-Reply-To/References name the notice's Message-ID;
  2. case_id: it names a case, complaint or notification ID the notice named;
  3. subject_match: same marketplace, a compatible issue type, and ASINs in common when both
     name any, sent within WINDOW before it.
Among several candidates of one rule the newest unresolved one wins, then the newest.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from notifyd.core.vocab import Category, IssueType
from notifyd.store.followups import CandidateQuery
from notifyd.store.rows import Notice

WINDOW = timedelta(days=180)
# Account-level issue types: a reinstatement of the account answers any of them.
ACCOUNT_LEVEL = frozenset(
    {
        IssueType.ACCOUNT_SUSPENDED,
        IssueType.ACCOUNT_AT_RISK,
        IssueType.RELATED_ACCOUNT,
        IssueType.VERIFICATION_REQUIRED,
    }
)
# Issue types a reply may carry without saying what the case was about.
_GENERIC = frozenset({None, IssueType.OTHER, IssueType.ACCOUNT_REINSTATED})


@dataclass(frozen=True)
class FollowupMail:
    """What matching needs to know about the follow-up mail."""

    kind: str  # appeal_denied, more_information, appeal_received, reinstated
    mailbox: str
    thread_ids: tuple[str, ...]  # In-Reply-To and References Message-IDs
    case_ids: tuple[str, ...]
    marketplace: str | None
    issue_type: str | None
    asins: tuple[str, ...]
    sent_at: datetime  # its Date header, or first sight when it had none


@dataclass(frozen=True)
class Match:
    notice: Notice
    matched_by: str  # thread, case_id, subject_match


def thread_ids(headers: dict[str, list[str]]) -> tuple[str, ...]:
    """The Message-IDs a mail's In-Reply-To and References headers name, in order, unique."""
    found: list[str] = []
    for name in ("in-reply-to", "references"):
        for value in headers.get(name, []):
            found += [f"<{part.strip('<> ')}>" for part in value.split() if "@" in part]
    return tuple(dict.fromkeys(found))


def is_account_level(notice: Notice) -> bool:
    return notice.issue_type in ACCOUNT_LEVEL or notice.category is Category.ACCOUNT_STATUS


def candidate_query(mail: FollowupMail) -> CandidateQuery:
    """What the store must read for match(): every notice it could pick, and few others."""
    reinstated = mail.kind == "reinstated"
    generic = not reinstated and mail.issue_type in _GENERIC
    if reinstated:
        issues: tuple[str, ...] = tuple(sorted(ACCOUNT_LEVEL))
    else:
        issues = () if generic or mail.issue_type is None else (mail.issue_type,)
    return CandidateQuery(
        mailbox=mail.mailbox,
        thread_ids=mail.thread_ids,
        case_ids=mail.case_ids,
        since=mail.sent_at - WINDOW,
        until=mail.sent_at,
        marketplace=mail.marketplace,
        issue_types=issues,
        category=Category.ACCOUNT_STATUS if reinstated else None,
        asins=mail.asins if generic else (),
    )


def match(mail: FollowupMail, candidates: Iterable[Notice]) -> Match | None:
    """The notice `mail` answers among `candidates`, or None when none fits."""
    mine = [
        n
        for n in candidates
        if n.mailbox == mail.mailbox
        and n.is_notice
        and not n.is_phishing
        and n.sent_at <= mail.sent_at
    ]
    wanted = set(mail.thread_ids)
    threaded = [n for n in mine if n.message_id and n.message_id in wanted]
    if threaded:
        return Match(_best(threaded), "thread")
    ids = set(mail.case_ids)
    by_case = [n for n in mine if ids & set(n.case_ids)]
    if by_case:
        return Match(_best(by_case), "case_id")
    close = [n for n in mine if mail.sent_at - n.sent_at <= WINDOW and _same_case(mail, n)]
    if close:
        return Match(_best(close), "subject_match")
    return None


def _same_case(mail: FollowupMail, notice: Notice) -> bool:
    if mail.marketplace and notice.marketplace and mail.marketplace != notice.marketplace:
        return False
    if mail.asins and notice.asins and not set(mail.asins) & set(notice.asins):
        return False
    if mail.kind == "reinstated" or mail.issue_type in _GENERIC:
        # A reinstatement names no issue but answers an account-level notice; a reply that
        # names no issue must at least share its ASINs with the notice.
        if mail.kind == "reinstated":
            return is_account_level(notice)
        return bool(mail.asins and set(mail.asins) & set(notice.asins))
    return notice.issue_type == mail.issue_type


def _best(notices: Sequence[Notice]) -> Notice:
    return max(notices, key=lambda n: (n.resolved_at is None, n.sent_at, n.id))


def reinstatement_resolves(mail: FollowupMail, notices: Iterable[Notice]) -> list[Notice]:
    """The open account-level notices of the reinstatement's mailbox and marketplace."""
    return [
        n
        for n in notices
        if n.mailbox == mail.mailbox
        and n.resolved_at is None
        and not n.is_phishing
        and is_account_level(n)
        and (mail.marketplace is None or n.marketplace in (None, mail.marketplace))
        and n.sent_at <= mail.sent_at
    ]


def new_status(kind: str) -> str | None:
    """What a follow-up does to its notice: reopen it (Amazon wants more), resolve it
    (reinstated), or leave it (an acknowledgement of the appeal)."""
    return {"appeal_denied": "open", "more_information": "open", "reinstated": "resolved"}.get(kind)
