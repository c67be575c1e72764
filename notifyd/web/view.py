"""What the console shows of a notice: countdowns, untrusted text made safe, the timeline."""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo

from notifyd.core.vocab import NoticeStatus, Severity
from notifyd.deliver.render import defang, humanize, issue_label, metric_lines, printable
from notifyd.store.rows import Delivery, Event, Notice

_NO_DEADLINE = datetime.max.replace(tzinfo=UTC)  # sorts after every real deadline
_STATUS_ORDER = {NoticeStatus.OPEN: 0, NoticeStatus.ACKNOWLEDGED: 1, NoticeStatus.RESOLVED: 2}
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


def badge(notice: Notice) -> tuple[str, str]:
    """(severity class, label): phishing is alerted as high, whatever the notice row says."""
    if notice.is_phishing:
        return Severity.HIGH.value, "PHISHING"
    severity = notice.severity or Severity.LOW
    return severity.value, severity.value.upper()


def title(notice: Notice) -> str:
    if notice.is_phishing:
        return "Suspected phishing, do not click"
    where = f" on {notice.marketplace}" if notice.marketplace else ""
    return f"{issue_label(notice)}{where}"


def local(moment: datetime | None, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%a %d %b %Y %H:%M %Z") if moment else ""


def countdown(notice: Notice, now: datetime) -> tuple[str, bool]:
    """('in 2 days 4 h', False) or ('OVERDUE by 3 h', True); ('', False) without a deadline."""
    deadline = notice.deadline_at
    if deadline is None:
        return "", False
    if deadline >= now:
        return f"in {humanize(deadline - now)}", False
    return f"OVERDUE by {humanize(now - deadline)}", True


def amazon_asks(notice: Notice) -> str:
    """Amazon's own sentences that ask for something, from the stored excerpt; '' if none."""
    if notice.is_phishing:
        return ""
    text = printable(notice.excerpt or "")
    # A question ("How do I send the information?") is a heading, not the request itself.
    found = [s for s in _SENTENCE.split(text) if _ASK.search(s) and not s.endswith("?")]
    return defang(" ".join(found[:2]))[:400]


def sort_key(notice: Notice) -> tuple[int, int, datetime, int, int]:
    """Open first; then the nearest deadline (none last); then the most severe; then newest."""
    severity = notice.severity or Severity.LOW
    return (
        _STATUS_ORDER[notice.status],
        0 if notice.deadline_at else 1,
        notice.deadline_at or _NO_DEADLINE,
        -severity.rank,
        -notice.id,
    )


def facts(notice: Notice, now: datetime, tz: tzinfo) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = [("Status", notice.status.value)]
    if notice.acknowledged_by:
        out.append(("Acknowledged by", f"{printable(notice.acknowledged_by)}, "
                    f"{local(notice.acknowledged_at, tz)}"))
    if notice.deadline_at:
        left, _ = countdown(notice, now)
        out.append(("Deadline", f"{local(notice.deadline_at, tz)} ({left})"))
    if notice.snoozed_until and notice.snoozed_until > now:
        out.append(("Snoozed until", local(notice.snoozed_until, tz)))
    if notice.next_reminder_at:
        out.append(("Next reminder", local(notice.next_reminder_at, tz)))
    for label, value in (
        ("Severity", notice.severity),
        ("Category", notice.category),
        ("Issue", notice.issue_type),
        ("Marketplace", notice.marketplace),
        ("Language", notice.language),
        ("Mailbox", notice.mailbox),
    ):
        if value:
            out.append((label, str(value).replace("_", " ")))
    for label, items in (("ASINs", notice.asins), ("SKUs", notice.skus),
                         ("Order IDs", notice.order_ids)):
        if items:
            out.append((label, untrusted(", ".join(items))))
    for line in metric_lines(notice.metrics or {}):
        label, _, value = line.partition(": ")
        out.append((label, value))
    out.append(("Subject", untrusted(notice.subject)))
    out.append(("From", untrusted(notice.sender)))
    if notice.received_at:
        out.append(("Received", local(notice.received_at, tz)))
    return out


def timeline(
    events: list[Event], deliveries: list[Delivery], tz: tzinfo
) -> list[dict[str, str]]:
    """Everything that happened to a notice, oldest first: the response log and each delivery."""
    items: list[tuple[datetime, int, dict[str, str]]] = []
    for e in events:
        what = {"received": "Email received"}.get(e.kind, e.kind.capitalize())
        items.append(
            (
                e.at,
                0,
                {
                    "at": local(e.at, tz),
                    "what": what,
                    "who": printable(e.actor or ""),
                    "text": untrusted(e.text),
                    "kind": e.kind,
                },
            )
        )
    for d in deliveries:
        result = "delivered" if d.ok else f"FAILED: {printable(d.error or '')}"
        items.append(
            (
                d.attempted_at,
                1,
                {
                    "at": local(d.attempted_at, tz),
                    "what": f"{d.purpose.value.capitalize()} alert to {d.channel}",
                    "who": "",
                    "text": result,
                    "kind": "delivery-ok" if d.ok else "delivery-failed",
                },
            )
        )
    items.sort(key=lambda item: (item[0], item[1]))
    return [item[2] for item in items]
