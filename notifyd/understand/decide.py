"""Decide is-it-a-notice, issue type and category from the phrases found, per part of the notice.

Every weight of notifyd's reading is here, in one place (severity has its own: severity.py).

Where a phrase counts (anatomy.segment() cuts the notice into these parts; a rule's `in` list
says which parts it reads; by default an issue reads subject, opening, cause, asks and body, and
a signal every part but the boilerplate):

    part          issue weight   why
    subject       3 per phrase   Amazon names the issue in the subject when it names it at all
    opening       2 per hit      the opening sentence says what Amazon did and, often, why
    cause         2 per hit      "We took this action because ...", "Why did this happen?"
    asks / body   1 per hit      what Amazon wants, other prose
    consequence   1 per hit      "What happens if I do not ...": threats name no cause, so no
                                 issue reads it unless its `in` list says so
    headings      0              FAQ headings are the same in every notice
    boilerplate   0              funds holds, A-to-z / chargeback deductions, appeal
                                 instructions, help links, signatures: never decide anything
  A hit counts each occurrence of a phrase, at most 3; occurrences inside a longer phrase of
  another issue type do not count; a more specific issue (trademark) adds the score of the one
  it refines (intellectual_property). The highest total wins.

Is it a notice? evidence > ordinary, where
    evidence = best issue score + 3 x FAQ headings (at most 2) + notice structure (at most 3)
               + 4 if an action is stated (deactivated, at risk, removed, ...) + 3 for a
               notice subject
    ordinary = 6 x ordinary-mail subject phrases + ordinary-mail body phrases
  and at least one strong sign (a heading, an action, a notice or issue subject, or a cause
  with the Seller Performance signature), evidence >= 4 unless there is a heading.
  Never silent: mail from one of Amazon's notice senders (senders.notice_senders) at a genuine
  Amazon domain is a notice whatever the evidence (unrecognised, medium, when nothing fits).

Category ladder (first that applies):
    reinstated -> account_status; deactivated -> account_status (also when a plan of action is
    demanded: alerts, filters and drafts say "Account deactivated" by it); at risk while under review
    -> account_health; under review or verification with no cause of another category ->
    account_status; at risk or "will be deactivated unless" -> account_health; else the issue's
    category (its plan_category when a plan of action is demanded); a listing action without a
    cause -> policy_violation / listing_policy; nothing -> unrecognised (never silent).
"""

from __future__ import annotations

from collections.abc import Mapping

from notifyd.understand.match import Hits
from notifyd.understand.rules import IssueRule, Rules

PART_WEIGHTS: Mapping[str, int] = {
    "subject": 3,
    "opening": 2,
    "cause": 2,
    "asks": 1,
    "consequence": 1,
    "body": 1,
    "headings": 0,
    "boilerplate": 0,
}
_NO_EARLY_BONUS = -1  # position is no longer a proxy for the notice's structure: parts are

FLAG_SIGNALS = (
    "account_deactivated",
    "deactivation_pending",
    "account_at_risk",
    "account_review",
    "verification",
    "listing_active",
    "account_reinstated",
    "listing_removed",
    "listing_reinstated",
    "warning",
    "consequence",
    "no_penalty",
    "plan_of_action",
)
_ACTIONS = (
    "account_deactivated",
    "deactivation_pending",
    "account_at_risk",
    "account_reinstated",
    "account_review",
    "verification",
    "listing_removed",
    "listing_reinstated",
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


class Reading:
    """The phrases found in each part of a notice, seen through what each rule reads."""

    def __init__(self, hits: Mapping[str, Hits], rules: Rules) -> None:
        self.hits = hits
        self.reads = rules.reads
        self._found: dict[str, list[tuple[str, str]]] = {}

    def found(self, owner: str) -> list[tuple[str, str]]:
        """(phrase, part) for every phrase of this rule found in a part it reads."""
        if owner in self._found:
            return self._found[owner]
        parts = self.reads.get(owner, ())
        out: list[tuple[str, str]] = []
        for part, h in self.hits.items():
            if part in parts:
                out.extend((p, part) for p, _ in h.by_owner.get(owner, ()))
        self._found[owner] = out
        return out

    def signal(self, name: str) -> list[str]:
        return list(dict.fromkeys(p for p, _ in self.found(f"sig:{name}")))

    def flags(self) -> dict[str, bool]:
        return {name: bool(self.found(f"sig:{name}")) for name in FLAG_SIGNALS}


def score_issues(
    reading: Reading, rules: Rules
) -> tuple[dict[str, int], dict[str, IssueRule], dict[str, list[tuple[str, str]]]]:
    """Issue type -> score, the rule that scored it, and the (phrase, part) pairs behind it."""
    scores: dict[str, int] = {}
    rule_for: dict[str, IssueRule] = {}
    behind: dict[str, list[tuple[str, str]]] = {}
    for rule in rules.issues:
        owner = f"iss:{rule.id}"
        parts = rules.reads.get(owner, ())
        score = 0
        for part, h in reading.hits.items():
            weight = PART_WEIGHTS.get(part, 0)
            if not weight or part not in parts or owner not in h.by_owner:
                continue
            if part == "subject":
                score += weight * h.issue_hits(rule.id)
            else:
                score += weight * h.issue_score(rule.id, _NO_EARLY_BONUS, rules.containers)
        if score:
            scores[rule.issue_type] = scores.get(rule.issue_type, 0) + score
            rule_for.setdefault(rule.issue_type, rule)
            behind.setdefault(rule.issue_type, []).extend(
                (p, part) for p, part in reading.found(owner) if PART_WEIGHTS.get(part, 0)
            )
    return scores, rule_for, behind


def notice_evidence(
    reading: Reading, flags: Mapping[str, bool], best_issue: int, subject_issue: bool
) -> tuple[bool, list[str]]:
    """(looks like a notice, the ordinary-mail phrases that argued against it)."""
    headings = reading.signal("notice_headings")
    structure = reading.signal("notice_structure")
    subject_notice = bool(
        [p for p, part in reading.found("sig:notice_subject") if part == "subject"]
    )
    non_subject = [p for p, part in reading.found("sig:non_notice_subject") if part == "subject"]
    non_body = [p for p, part in reading.found("sig:non_notice_body") if part != "subject"]
    action = any(flags[k] for k in _ACTIONS)
    evidence = (
        best_issue
        + 3 * min(len(headings), 2)
        + min(len(structure), 3)
        + (4 if action else 0)
        + (3 if subject_notice else 0)
    )
    ordinary = 6 * len(non_subject) + len(non_body)
    strong = bool(headings) or action or subject_notice or subject_issue
    if structure and best_issue >= 2 and not non_subject:
        strong = True  # older prose notices: a cause and the Seller Performance signature
    if non_subject and not (headings or action):
        # "Live webinar: keep your account healthy": ordinary mail about notices
        strong = False
    looks = strong and (evidence >= 4 or bool(headings)) and evidence > ordinary
    return looks, non_subject + non_body


def issue_and_category(
    scores: dict[str, int],
    rule_for: dict[str, IssueRule],
    flags: dict[str, bool],
    rules: Rules,
    low_all: str,
) -> tuple[str | None, str | None, list[str]]:
    """(issue type, category, reasons) by the category ladder in the module docstring."""
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
    elif flags["account_at_risk"] and flags["account_review"] and not flags["verification"]:
        # "under review ... at risk of deactivation": the seller can still sell
        category = "account_health"
        issue = (
            issue if rule is not None and rule.category != "account_status" else "account_at_risk"
        )
        why.append("account at risk, under review")
    elif (flags["account_review"] or flags["verification"]) and (
        rule is None or rule.category == "account_status"
    ):
        category = "account_status"
        issue = issue or "verification_required"
        why.append("account under review / verification")
    elif (flags["account_at_risk"] or flags["deactivation_pending"]) and (
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
        category, issue = "policy_violation", "listing_policy"
        why.append("listing action, cause not stated")
    elif flags["account_review"] or flags["verification"]:
        category, issue = "account_status", "verification_required"
    else:
        category = None
    return issue, category, why
