"""The short words every alert format shares: an issue's headline and a span of time."""

from __future__ import annotations

from datetime import timedelta

from notifyd.core.catalog import catalog
from notifyd.core.vocab import IssueType
from notifyd.store.rows import Notice


def humanize(delta: timedelta) -> str:
    """timedelta(days=2, hours=4) -> '2 days 4 h'; rounds to minutes below an hour."""
    seconds = abs(int(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days} day{'s' if days != 1 else ''}" + (f" {hours} h" if hours else "")
    if hours:
        return f"{hours} h" + (f" {minutes} min" if minutes else "")
    return f"{max(minutes, 1)} min"


def issue_label(notice: Notice) -> str:
    """The headline: the cause, and the account-level consequence when there is one."""
    issue = notice.issue_type or IssueType.OTHER
    label = catalog().issue(issue).label
    account_level = (
        "account_suspended",
        "account_at_risk",
        "account_reinstated",
        "verification_required",
        "related_account",
    )
    if notice.category == "account_status" and issue not in account_level:
        if notice.severity == "critical":
            return f"Account deactivated: {label}"
        return f"Account status: {label}"
    return label
