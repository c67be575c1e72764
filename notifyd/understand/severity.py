"""How urgent a recognised notice is: every severity rule of notifyd in one readable place.

Pure: the caller passes what the mail says (as flags) and gets a severity and the reason.
Safety first: the action taken sets the floor whatever the issue type, and a flag is only ever
read from the parts of the notice that state what Amazon did (never its boilerplate), so when
the reading is uncertain the result errs high, never low.

    critical  the whole account is deactivated / suspended / closed, selling privileges removed,
              or the account "will be deactivated unless" the seller acts
    high      the account is at risk or under review (selling blocked or not); a metric is above target while the account
              is active; or listings were removed with inventory or account consequences AND a
              deadline to act
    medium    listings or offers removed; an A-to-z claim or chargeback (money is taken from the
              seller unless they respond; its response window raises nothing further)
    low       a warning with the listing still active, information, a reinstatement, or a
              listing-level action of which the notice itself says "there is no penalty"
    then      a deadline no more than 72 hours after the email's date raises low -> medium and
              medium -> high
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

URGENT_WINDOW = timedelta(hours=72)
_BUMP = {"low": "medium", "medium": "high"}


@dataclass(frozen=True)
class SeverityFacts:
    account_deactivated: bool = False
    deactivation_pending: bool = False  # "will be deactivated unless / if you do not"
    account_reinstated: bool = False
    account_at_risk: bool = False
    account_review: bool = False
    metric_above_target: bool = False
    listing_removed: bool = False
    listing_reinstated: bool = False
    consequence: bool = False  # inventory, funds or account consequences stated
    no_penalty: bool = False  # "there is no penalty associated with this action"
    buyer_claim: bool = False  # an A-to-z claim or a chargeback against the seller
    deadline_at: datetime | None = None
    email_at: datetime | None = None


def decide_severity(facts: SeverityFacts) -> tuple[str, str]:
    """Return (severity, reason)."""
    has_deadline = facts.deadline_at is not None
    if facts.account_reinstated and not facts.account_at_risk:
        level, why = "low", "account reinstated"
    elif facts.account_deactivated:
        return "critical", "account deactivated or selling privileges removed"
    elif facts.deactivation_pending:
        return "critical", "account will be deactivated unless the seller acts"
    elif facts.account_at_risk:
        level, why = "high", "account at risk"
    elif facts.account_review:
        level, why = "high", "account under review or verification"
    elif facts.metric_above_target:
        level, why = "high", "metric above target while the account is active"
    elif facts.no_penalty and not facts.metric_above_target:
        return "low", "the notice says there is no penalty"
    elif facts.listing_reinstated and not facts.listing_removed:
        level, why = "low", "listing reinstated"
    elif facts.listing_removed and facts.consequence and has_deadline:
        level, why = "high", "listings removed with consequences and a deadline"
    elif facts.listing_removed:
        level, why = "medium", "listings or offers removed"
    elif facts.buyer_claim:
        # the response window is the claim's own (48 hours, 7 days): it raises nothing further
        return "medium", "a buyer's claim or chargeback: money is taken unless you respond"
    else:
        level, why = "low", "warning or information"
    if (
        level in _BUMP
        and facts.deadline_at is not None
        and facts.email_at is not None
        and facts.deadline_at - facts.email_at <= URGENT_WINDOW
    ):
        return _BUMP[level], f"{why}; deadline within 72 hours"
    return level, why
