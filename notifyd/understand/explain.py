"""Print how notifyd reads one mail: its parts, the phrases found in each, and their weights."""

from __future__ import annotations

from notifyd.core.models import ParsedEmail
from notifyd.understand.anatomy import notice_text, segment
from notifyd.understand.classify import classify
from notifyd.understand.decide import PART_WEIGHTS
from notifyd.understand.match import Hits
from notifyd.understand.rules import Rules

_SNIPPET = 110


def explain(email: ParsedEmail, rules: Rules) -> list[str]:
    """Lines a human reads top to bottom: parts, phrases (rule, part, weight), then the verdict."""
    found = notice_text(email, rules)
    parts = segment(found.subject, found.body, rules)
    lines = [f"subject: {found.subject}"]
    if found.fwd is not None:
        lines.append(f"forwarded original from {found.fwd.sender or 'unknown sender'}")
    for name, text in parts.parts.items():
        flat = text.replace("\n", " ")
        more = "..." if len(flat) > _SNIPPET else ""
        lines.append(f"[{name}] (issue weight {PART_WEIGHTS.get(name, 0)}) {flat[:_SNIPPET]}{more}")
        hits = Hits(rules.index.match(text), rules.owners, rules.owned_regexes)
        for owner, found_at in sorted(hits.by_owner.items()):
            if owner == "sig:prefilter":
                continue  # header pre-filter words: noise here
            reads = name in rules.reads.get(owner, ())
            for phrase, _ in found_at:
                note = "" if reads else "  (not read here)"
                lines.append(f"    {owner:<28} {phrase[:60]!r}{note}")
    result = classify(email, rules)
    verdict = (
        "PHISHING"
        if result.suspected_phishing
        else f"{result.severity} {result.category}/{result.issue_type}"
        if result.is_notice
        else "not a notice"
    )
    lines.append(f"verdict: {verdict}")
    if result.requested:
        lines.append(f"Amazon asks: {', '.join(result.requested)}")
    if result.documents:
        lines.append(f"documents: {', '.join(result.documents)}")
    if result.respond_via:
        via = result.respond_via
        lines.append(
            f"respond via: {via['kind']} {via.get('address') or via.get('url') or ''}".rstrip()
        )
    lines.extend(f"reason: {r}" for r in result.reasons)
    return lines
