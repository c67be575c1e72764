"""Notices with their email, response log and deliveries, as an appeal dossier or as rows."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from notifyd.core.clock import to_db
from notifyd.deliver.render import (
    account_health_url,
    deadline_phrase,
    inert,
    issue_label,
    metric_lines,
    printable,
)
from notifyd.seller.excerpt import trim_to_sentence
from notifyd.store.db import Delivery, Event, Notice, Store

FORMATS = ("md", "csv", "json")

# C0 and C1 controls (ESC, BEL, CSI ...) and bidi overrides: an email's subject must not be able
# to move the cursor, retitle the terminal or reverse text when notifyd prints it.
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text, never evaluates (OWASP CSV injection)."""
    return "'" + value if value.startswith(_FORMULA) else value


def _md(text: str, links: bool = False) -> str:
    """Email text for Markdown: control characters gone first, then made inert."""
    return inert(printable(text), "markdown", links=links)


def _local(moment: datetime | None, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%a %d %b %Y %H:%M %Z") if moment else ""


def _cell(text: str) -> str:
    """Text the seller typed (notes, actions), safe inside a Markdown table cell."""
    return printable(text).replace("\\", "\\\\").replace("|", "\\|")


@dataclass(frozen=True)
class Record:
    """One notice with everything an appeal needs beside it."""

    notice: Notice
    email: dict[str, Any]  # the ledger row of its email, as stored; {} if it is gone
    events: list[Event]
    deliveries: list[Delivery]
    account: str | None = None  # the seller account it is for, when that is worth saying


def gather(
    store: Store, notice_ids: list[int], accounts: dict[str, str] | None = None
) -> list[Record]:
    """Each notice with its original email's ledger row, response log and delivery attempts;
    `accounts` maps a mailbox to the account its notices are shown under."""
    out = []
    for number in notice_ids:
        notice = store.notice(number)
        email = store.email(notice.email_id)
        account = (accounts or {}).get(notice.mailbox)
        out.append(
            Record(notice, email or {}, store.events(number), store.deliveries(number), account)
        )
    return out


def select_ids(store: Store, status: str) -> list[int]:
    return [notice.id for notice in store.notices(status)]


# --- Markdown: the appeal dossier ---------------------------------------------------------------


def dossier(items: list[Record], now: datetime, tz: tzinfo) -> str:
    """One Markdown document: a contents list, then every notice with its full record."""
    if len(items) == 1:
        title = f"# Appeal dossier: notice #{items[0].notice.id}"
    else:
        title = f"# Appeal dossier: {len(items)} notices"
    lines = [
        title,
        "",
        f"Exported by notifyd on {_local(now, tz)}. Times are {tz} unless marked UTC. Text "
        "quoted from emails has its links made unclickable (hxxps, [.]).",
        "",
    ]
    if len(items) > 1:
        lines += [
            f"- [#{r.notice.id} {issue_label(r.notice)}](#notice-{r.notice.id}), {r.notice.status}"
            for r in items
        ]
        lines.append("")
    for item in items:
        lines += _notice_section(item, now, tz)
    return "\n".join(lines)


def _notice_section(record: Record, now: datetime, tz: tzinfo) -> list[str]:
    n = record.notice
    number = n.id
    phishing = n.is_phishing
    head = "Suspected phishing, not from Amazon" if phishing else issue_label(n)
    where = f" on {n.marketplace}" if n.marketplace and not phishing else ""
    lines = [f'<a id="notice-{number}"></a>', "", f"## Notice #{number}: {head}{where}", ""]
    facts: list[tuple[str, str]] = [("Status", _status_phrase(n, tz))]
    if record.account:
        facts.append(("Account", _cell(record.account)))
    if n.severity:
        facts.append(("Severity", n.severity))
    if n.category:
        facts.append(("Category", n.category.replace("_", " ")))
    if n.issue_type:
        facts.append(("Issue type", n.issue_type))
    if n.marketplace:
        facts.append(("Marketplace", n.marketplace))
    if n.asins:
        facts.append(("ASINs", ", ".join(n.asins)))
    if n.skus:
        facts.append(("SKUs", ", ".join(_md(s) for s in n.skus)))
    if n.order_ids:
        facts.append(("Orders", ", ".join(_md(o) for o in n.order_ids)))
    for line in metric_lines(n.metrics or {}):
        label, _, value = line.partition(": ")
        facts.append((label, value))
    deadline = n.deadline_at
    if deadline:
        facts.append(("Deadline", deadline_phrase(deadline, now, tz)))
    if not phishing:
        facts.append(("Account Health", account_health_url(n.marketplace)))
    lines += ["| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in facts] + [""]

    email = record.email
    received = n.received_at
    lines += ["### Original email", ""]
    mail_facts = [
        ("From", _md(n.sender or "", links=not phishing)),
        ("Subject", _md(n.subject or "")),
        ("Date", f"{_local(received, tz)} ({to_db(received)} UTC)" if received else "unknown"),
        ("Message-ID", f"`{printable(n.message_id or 'none').replace('`', '')}`"),
        (
            "Found in",
            _md(
                f"{email.get('mailbox', n.mailbox)} / {email.get('folder', '')}", links=True
            ),
        ),
    ]
    lines += ["| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in mail_facts] + [""]
    if n.excerpt:
        # Whole sentences only: excerpts stored by older versions stop mid-word.
        lines += ["Excerpt:", "", "> " + _md(trim_to_sentence(n.excerpt)), ""]

    lines += ["### Timeline", "", "| When | What | Who | Details |", "|---|---|---|---|"]
    # The email's own date and the deadline belong on an appeal's timeline with the log.
    timeline: list[tuple[datetime, int, str]] = []
    if received:
        timeline.append(
            (
                received,
                0,
                f"| {_local(received, tz)} | email sent |  | {_md(n.subject or '')} |",
            )
        )
    if deadline:
        timeline.append(
            (
                deadline,
                2,
                f"| {_local(deadline, tz)} | deadline |  | the date given in the notice |",
            )
        )
    for event in record.events:
        timeline.append(
            (
                event.at,
                1,
                f"| {_local(event.at, tz)} | {event.kind} | "
                f"{_cell(event.actor or '')} | {_cell(event.text or '')} |",
            )
        )
    lines += [text for _, _, text in sorted(timeline, key=lambda t: (t[0], t[1]))]
    lines.append("")
    for kind, heading in (("action", "Corrective actions"), ("note", "Notes")):
        entries = [e for e in record.events if e.kind == kind]
        lines += [f"### {heading}", ""]
        if entries:
            lines += [
                f"{i}. {_local(e.at, tz)}, {printable(e.actor or '')}: "
                f"{printable(e.text or '')}"
                for i, e in enumerate(entries, start=1)
            ]
        else:
            lines.append(f'None recorded (`notifyd {kind} {number} "..."` adds one).')
        lines.append("")
    lines += ["### Deliveries", ""]
    if record.deliveries:
        lines += ["| When | Channel | Purpose | Result |", "|---|---|---|---|"]
        for d in record.deliveries:
            result = "delivered" if d.ok else "FAILED: " + _cell(d.error or "")
            lines.append(
                f"| {_local(d.attempted_at, tz)} | {_cell(d.channel)} | "
                f"{d.purpose} | {result} |"
            )
    else:
        lines.append("No alert was sent for this notice.")
    lines.append("")
    return lines


def _status_phrase(n: Notice, tz: tzinfo) -> str:
    if n.status == "resolved":
        return f"resolved {_local(n.resolved_at, tz)}"
    if n.status == "acknowledged":
        by = f" by {printable(n.acknowledged_by)}" if n.acknowledged_by else ""
        return f"acknowledged {_local(n.acknowledged_at, tz)}{by}"
    return "open"


# --- rows ------------------------------------------------------------------------------------

ROW_FIELDS = (
    "id",
    "status",
    "kind",
    "severity",
    "category",
    "issue_type",
    "issue",
    "marketplace",
    "asins",
    "skus",
    "order_ids",
    "metrics",
    "deadline_at",
    "received_at",
    "sender",
    "subject",
    "message_id",
    "mailbox",
    "account",
    "folder",
    "created_at",
    "alerted_at",
    "acknowledged_at",
    "acknowledged_by",
    "resolved_at",
    "actions",
    "notes",
    "last_action",
    "deliveries_ok",
    "deliveries_failed",
)


def row(record: Record) -> dict[str, Any]:
    """One flat record per notice; lists stay lists here and are joined only for CSV."""
    n = record.notice
    actions = [e for e in record.events if e.kind == "action"]
    return {
        "id": n.id,
        "status": n.status.value,
        "kind": n.kind.value,
        "severity": n.severity and n.severity.value,
        "category": n.category and n.category.value,
        "issue_type": n.issue_type and n.issue_type.value,
        "issue": "suspected phishing" if n.is_phishing else issue_label(n),
        "marketplace": n.marketplace,
        "asins": list(n.asins or []),
        "skus": list(n.skus or []),
        "order_ids": list(n.order_ids or []),
        "metrics": dict(n.metrics or {}),
        "deadline_at": to_db(n.deadline_at),
        "received_at": to_db(n.received_at),
        "sender": n.sender,
        "subject": n.subject,
        "message_id": n.message_id,
        "mailbox": record.email.get("mailbox", n.mailbox),
        "account": record.account,
        "folder": record.email.get("folder"),
        "created_at": to_db(n.created_at),
        "alerted_at": to_db(n.alerted_at),
        "acknowledged_at": to_db(n.acknowledged_at),
        "acknowledged_by": n.acknowledged_by,
        "resolved_at": to_db(n.resolved_at),
        "actions": len(actions),
        "notes": sum(1 for e in record.events if e.kind == "note"),
        "last_action": actions[-1].text if actions else None,
        "deliveries_ok": sum(1 for d in record.deliveries if d.ok),
        "deliveries_failed": sum(1 for d in record.deliveries if not d.ok),
    }


def to_json(items: list[Record]) -> str:
    """A JSON array: each row with the email, the whole response log and every delivery."""
    out = [
        {
            **row(r),
            "email": r.email,
            "events": [e.to_json() for e in r.events],
            "deliveries": [d.to_json() for d in r.deliveries],
            "excerpt": r.notice.excerpt,
        }
        for r in items
    ]
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def to_csv(items: list[Record]) -> str:
    """One row per notice for a spreadsheet: lists joined by spaces, metrics as key=value."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(ROW_FIELDS), lineterminator="\n")
    writer.writeheader()
    for n in items:
        flat: dict[str, Any] = {}
        for key, value in row(n).items():
            if isinstance(value, list):
                value = " ".join(printable(str(v)) for v in value)
            elif isinstance(value, dict):
                value = " ".join(f"{k}={v:g}" for k, v in value.items())
            elif isinstance(value, str):
                value = spreadsheet_safe(printable(value))
            flat[key] = value
        writer.writerow(flat)
    return buffer.getvalue()


def render(items: list[Record], fmt: str, now: datetime, tz: tzinfo) -> str:
    if fmt == "md":
        return dossier(items, now, tz)
    if fmt == "csv":
        return to_csv(items)
    return to_json(items)
