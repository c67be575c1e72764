"""Value objects that carry an email and its reading from one stage of the pipeline to the next."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from notifyd.core.vocab import Category, IssueType, Severity

# Plain strings for click choices, rule validation and messages; the enums are in vocab.
CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)
SEVERITIES: tuple[str, ...] = tuple(s.value for s in Severity)
# Higher number, more urgent: lets routing compare a notice against a channel's floor.
SEVERITY_RANK: dict[str, int] = {s.value: s.rank for s in Severity}
ISSUE_TYPES: tuple[str, ...] = tuple(i.value for i in IssueType)


@dataclass(frozen=True)
class ParsedEmail:
    """One email as the classifier sees it: headers decoded, bodies as text, dates in UTC."""

    message_id: str
    subject: str
    sender: str  # bare address, lower-case: "seller-performance@amazon.com"
    sender_name: str  # display name, "" when absent
    date_at: datetime | None  # the Date header in UTC; None when missing or garbage
    text: str  # plain-text body; derived from the HTML part when the mail is HTML-only
    html: str  # HTML body, "" when absent
    headers: dict[str, list[str]] = field(default_factory=dict)  # lower-case name -> values
    size: int = 0  # raw size in bytes
    defects: tuple[str, ...] = ()  # what the parser had to repair, for the ledger
    # Filled by ingest.parse.links_of on first use: most mail is settled without its links.
    link_cache: list[tuple[str, ...]] = field(default_factory=list, repr=False, compare=False)


@dataclass(frozen=True)
class Classification:
    """What an email says, as far as a seller needs to act on it."""

    is_notice: bool
    category: str | None = None
    issue_type: str | None = None
    asins: tuple[str, ...] = ()  # sorted, unique, exactly 10 characters each
    skus: tuple[str, ...] = ()
    order_ids: tuple[str, ...] = ()
    deadline_at: datetime | None = None  # UTC
    severity: str | None = None
    marketplace: str | None = None  # "amazon.com", "amazon.de", ...
    language: str = "en"  # ISO 639-1
    metrics: dict[str, float] = field(default_factory=dict)  # actual values, percent as numbers
    suspected_phishing: bool = False
    unrecognised: bool = False  # Amazon notice-like mail that matched no category
    reasons: tuple[str, ...] = ()
    # What Amazon asks (issue 12): request kinds ("plan_of_action", "appeal", "documents",
    # "identity_verification", "contact_rights_owner", "fix_listing", "respond_to_buyer" or
    # "none"), the documents it wants, and where to answer:
    # {"kind": "email"|"appeal_button"|"account_health"|"reply"|"seller_central_page",
    #  "address": ..., "url": ...}
    requested: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    respond_via: dict[str, str | None] | None = None
    # A later mail about a notice already sent (issue 12 item 5): "appeal_denied",
    # "more_information", "appeal_received" or "reinstated"; None for a first notice.
    followup: str | None = None
    case_ids: tuple[str, ...] = ()  # Amazon's case, complaint or notification IDs
