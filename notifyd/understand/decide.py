"""Decide is-it-a-notice, issue type and category from the phrases found, with every weight in one place."""

from __future__ import annotations

from notifyd.understand.match import Hits
from notifyd.understand.rules import IssueRule, Rules

_SUBJECT_WEIGHT = 3


_EARLY_CHARS = 700  # phrases in the opening of the notice weigh a little more


FLAG_SIGNALS = (
    "account_deactivated",
    "account_at_risk",
    "account_review",
    "verification",
    "listing_active",
    "account_reinstated",
    "listing_removed",
    "listing_reinstated",
    "warning",
    "consequence",
    "plan_of_action",
)


METRIC_ISSUES = frozenset(
    {
        "order_defect_rate",
        "late_shipment_rate",
        "cancellation_rate",
        "valid_tracking_rate",
        "on_time_delivery_rate",
    }
)


def score_issues(
    subject: Hits, body: Hits, rules: Rules
) -> tuple[dict[str, int], dict[str, IssueRule]]:
    scores: dict[str, int] = {}
    rule_for: dict[str, IssueRule] = {}
    for rule in rules.issues:
        score = _SUBJECT_WEIGHT * subject.issue_hits(rule.id) + body.issue_score(
            rule.id, _EARLY_CHARS, rules.containers
        )
        if score:
            scores[rule.issue_type] = scores.get(rule.issue_type, 0) + score
            rule_for.setdefault(rule.issue_type, rule)
    return scores, rule_for


def issue_and_category(
    scores: dict[str, int],
    rule_for: dict[str, IssueRule],
    flags: dict[str, bool],
    rules: Rules,
    low_all: str,
) -> tuple[str | None, str | None, list[str]]:
    why: list[str] = []
    issue: str | None = None
    rule: IssueRule | None = None
    if scores:
        # A more specific issue (trademark) absorbs the score of the one it refines (IP).
        totals = dict(scores)
        for child, r in rule_for.items():
            if r.refines in totals and child in scores:
                totals[child] = scores[child] + scores[r.refines]
        issue = max(totals, key=lambda k: (totals[k], 1 if rule_for[k].refines else 0))
        rule = rule_for[issue]
        why.append(f"issue: {issue} (score {totals[issue]})")
    deactivated = flags["account_deactivated"] and not flags["account_reinstated"]
    category: str | None
    if flags["account_reinstated"]:
        category = "account_status"
        issue = issue or "account_reinstated"
        why.append("account reinstated")
    elif deactivated:
        category = "account_status"
        issue = issue or ("verification_required" if flags["verification"] else "account_suspended")
        why.append("account deactivated")
    elif (flags["account_review"] or flags["verification"]) and (
        rule is None or rule.category == "account_status"
    ):
        category = "account_status"
        issue = issue or "verification_required"
        why.append("account under review / verification")
    elif flags["account_at_risk"] and (
        rule is None or rule.category in ("account_health", "policy_violation")
    ):
        category = "account_health"
        issue = issue or "account_at_risk"
        why.append("account at risk")
    elif rule is not None:
        category = rule.category
        if flags["plan_of_action"] and rule.plan_category != rule.category:
            category = rule.plan_category
            why.append("plan of action demanded")
    elif flags["listing_removed"] or flags["listing_reinstated"]:
        category, issue = "policy_violation", "other"
        why.append("listing action, cause not stated")
    elif flags["account_review"] or flags["verification"]:
        category, issue = "account_status", "verification_required"
    else:
        category = None
    return issue, category, why
