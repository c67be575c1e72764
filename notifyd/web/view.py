"""What the console shows of a notice: countdowns, untrusted text made safe, the timeline."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from typing import Any

from notifyd.core.clock import from_db
from notifyd.deliver.render import defang, humanize, issue_label, metric_lines, printable

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
# Sentences in which Amazon says what it wants done; the first ones are what the seller must do.
_ASK = re.compile(
    r"\b(plan of action|submit|provide|send us|send the|respond|appeal|please|must|"
    r"reply|upload|verify)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def untrusted(text: str | None) -> str:
    """Email text for a page: one line, no control or bidi characters, links unclickable.
    Escaping for HTML is the template engine's job (autoescape)."""
    return defang(printable(text or ""))


def badge(notice: dict[str, Any]) -> tuple[str, str]:
    """(severity class, label): phishing is alerted as high, whatever the notice row says."""
    if notice.get("kind") == "phishing":
        return "high", "PHISHING"
    severity = notice.get("severity") or "low"
    return severity, severity.upper()


def title(notice: dict[str, Any]) -> str:
    if notice.get("kind") == "phishing":
        return "Suspected phishing, do not click"
    where = f" on {notice['marketplace']}" if notice.get("marketplace") else ""
    return f"{issue_label(notice)}{where}"


def local(moment: datetime | str | None, tz: tzinfo) -> str:
    value = from_db(moment) if isinstance(moment, str) or moment is None else moment
    return value.astimezone(tz).strftime("%a %d %b %Y %H:%M %Z") if value else ""


def countdown(notice: dict[str, Any], now: datetime) -> tuple[str, bool]:
    """('in 2 days 4 h', False) or ('OVERDUE by 3 h', True); ('', False) without a deadline."""
    deadline = from_db(notice.get("deadline_at"))
    if deadline is None:
        return "", False
    if deadline >= now:
        return f"in {humanize(deadline - now)}", False
    return f"OVERDUE by {humanize(now - deadline)}", True


def amazon_asks(notice: dict[str, Any]) -> str:
    """Amazon's own sentences that ask for something, from the stored excerpt; '' if none."""
    if notice.get("kind") == "phishing":
        return ""
    text = printable(notice.get("excerpt") or "")
    # A question ("How do I send the information?") is a heading, not the request itself.
    found = [s for s in _SENTENCE.split(text) if _ASK.search(s) and not s.endswith("?")]
    return defang(" ".join(found[:2]))[:400]


def sort_key(notice: dict[str, Any]) -> tuple[int, int, str, int]:
    """Open first; then the nearest deadline (none last); then the most severe; then newest."""
    status_rank = {"open": 0, "acknowledged": 1, "resolved": 2}[notice["status"]]
    return (
        status_rank,
        0 if notice.get("deadline_at") else 1,
        notice.get("deadline_at") or "",
        SEVERITY_ORDER.get(notice.get("severity") or "low", 3) * 10**9 - int(notice["id"]),
    )


def facts(notice: dict[str, Any], now: datetime, tz: tzinfo) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = [("Status", notice["status"])]
    if notice.get("acknowledged_by"):
        out.append(("Acknowledged by", f"{printable(notice['acknowledged_by'])}, "
                    f"{local(notice['acknowledged_at'], tz)}"))
    if notice.get("deadline_at"):
        left, _ = countdown(notice, now)
        out.append(("Deadline", f"{local(notice['deadline_at'], tz)} ({left})"))
    if notice.get("snoozed_until") and (from_db(notice["snoozed_until"]) or now) > now:
        out.append(("Snoozed until", local(notice["snoozed_until"], tz)))
    if notice.get("next_reminder_at"):
        out.append(("Next reminder", local(notice["next_reminder_at"], tz)))
    for label, key in (
        ("Severity", "severity"),
        ("Category", "category"),
        ("Issue", "issue_type"),
        ("Marketplace", "marketplace"),
        ("Language", "language"),
        ("Mailbox", "mailbox"),
    ):
        if notice.get(key):
            out.append((label, str(notice[key]).replace("_", " ")))
    for key, label in (("asins", "ASINs"), ("skus", "SKUs"), ("order_ids", "Order IDs")):
        if notice.get(key):
            out.append((label, untrusted(", ".join(notice[key]))))
    for line in metric_lines(notice.get("metrics") or {}):
        label, _, value = line.partition(": ")
        out.append((label, value))
    out.append(("Subject", untrusted(notice.get("subject"))))
    out.append(("From", untrusted(notice.get("sender"))))
    if notice.get("received_at"):
        out.append(("Received", local(notice["received_at"], tz)))
    return out


def timeline(
    notice: dict[str, Any],
    events: list[dict[str, Any]],
    deliveries: list[dict[str, Any]],
    tz: tzinfo,
) -> list[dict[str, str]]:
    """Everything that happened to a notice, oldest first: the response log and each delivery."""
    items: list[tuple[str, int, dict[str, str]]] = []
    for e in events:
        what = {"received": "Email received"}.get(e["kind"], str(e["kind"]).capitalize())
        items.append(
            (
                e["at"],
                0,
                {
                    "at": local(e["at"], tz),
                    "what": what,
                    "who": printable(e.get("actor") or ""),
                    "text": untrusted(e.get("text")),
                    "kind": str(e["kind"]),
                },
            )
        )
    for d in deliveries:
        result = "delivered" if d["ok"] else f"FAILED: {printable(d.get('error') or '')}"
        items.append(
            (
                d["attempted_at"],
                1,
                {
                    "at": local(d["attempted_at"], tz),
                    "what": f"{str(d['purpose']).capitalize()} alert to {d['channel']}",
                    "who": "",
                    "text": result,
                    "kind": "delivery-ok" if d["ok"] else "delivery-failed",
                },
            )
        )
    items.sort(key=lambda item: (item[0], item[1]))
    return [item[2] for item in items]
