"""The closed vocabularies notifyd stores and compares: category, issue type, severity, kinds."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """The headline a notice is filed under (Amazon's Account Health sections)."""

    ACCOUNT_HEALTH = "account_health"
    POLICY_VIOLATION = "policy_violation"
    CUSTOMER_FEEDBACK = "customer_feedback"
    PERFORMANCE_IMPROVEMENT = "performance_improvement"
    ACCOUNT_STATUS = "account_status"


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """Higher is more urgent: lets routing compare a notice against a channel's floor."""
        return _RANK[self]


_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3, Severity.CRITICAL: 4}


class IssueType(StrEnum):
    """What the notice is about; each has a row in core/catalog.toml and a plan in
    seller/plans.toml (tests/unit/test_catalog.py holds them together)."""

    ORDER_DEFECT_RATE = "order_defect_rate"
    LATE_SHIPMENT_RATE = "late_shipment_rate"
    CANCELLATION_RATE = "cancellation_rate"
    VALID_TRACKING_RATE = "valid_tracking_rate"
    ON_TIME_DELIVERY_RATE = "on_time_delivery_rate"
    INTELLECTUAL_PROPERTY = "intellectual_property"
    TRADEMARK = "trademark"
    COPYRIGHT = "copyright"
    PATENT = "patent"
    PRODUCT_AUTHENTICITY = "product_authenticity"
    PRODUCT_CONDITION = "product_condition"
    PRODUCT_SAFETY = "product_safety"
    PRODUCT_COMPLIANCE = "product_compliance"
    RESTRICTED_PRODUCT = "restricted_product"
    LISTING_POLICY = "listing_policy"
    PRICING_POLICY = "pricing_policy"
    REVIEW_MANIPULATION = "review_manipulation"
    NEGATIVE_FEEDBACK = "negative_feedback"
    A_TO_Z_CLAIM = "a_to_z_claim"
    CHARGEBACK = "chargeback"
    RELATED_ACCOUNT = "related_account"
    ACCOUNT_SUSPENDED = "account_suspended"
    ACCOUNT_AT_RISK = "account_at_risk"
    ACCOUNT_REINSTATED = "account_reinstated"
    VERIFICATION_REQUIRED = "verification_required"
    OTHER = "other"


class NoticeKind(StrEnum):
    """What a stored notice row is: a real notice, mail imitating Amazon, or Amazon mail that
    looks like a notice but matched no category."""

    NOTICE = "notice"
    PHISHING = "phishing"
    UNRECOGNISED = "unrecognised"


class NoticeStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class AlertPurpose(StrEnum):
    """Why an alert is in the outbox."""

    NEW = "new"
    REMINDER = "reminder"
    OVERDUE = "overdue"
    ESCALATION = "escalation"
    ARRIVED_OVERDUE = "arrived_overdue"  # first sight of a notice whose deadline had passed
    FOLLOWUP = "followup"  # Amazon answered about the notice: appeal denied, reinstated...
    SYSTEM = "system"
    TEST = "test"
