"""Notices with their email, response log and deliveries, as an appeal dossier or as rows."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, tzinfo
from typing import Any

from notifyd.core.clock import from_db, to_db
from notifyd.deliver.render import (
    account_health_url,
    deadline_phrase,
    inert,
    issue_label,
    metric_lines,
    printable,
)
from notifyd.store.db import Store

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


def gather(store: Store, notice_ids: list[int]) -> list[dict[str, Any]]:
    """Each notice with its original email's ledger row, response log and delivery attempts."""
    out = []
    for number in notice_ids:
        notice = store.notice(number)
        email = store.email(notice["email_id"])
        out.append(
            {
                **notice,
                "email": email or {},
                "events": store.events(number),
                "deliveries": store.deliveries(number),
            }
        )
    return out


def select_ids(store: Store, status: str) -> list[int]:
    return [row["id"] for row in store.notices(status)]


# --- Markdown: the appeal dossier ---------------------------------------------------------------


def dossier(items: list[dict[str, Any]], now: datetime, tz: tzinfo) -> str:
    """One Markdown document: a contents list, then every notice with its full record."""
    if len(items) == 1:
        title = f"# Appeal dossier: notice #{items[0]['id']}"
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
            f"- [#{n['id']} {issue_label(n)}](#notice-{n['id']}), {n['status']}" for n in items
        ]
        lines.append("")
    for item in items:
        lines += _notice_section(item, now, tz)
    return "\n".join(lines)


def _notice_section(n: dict[str, Any], now: datetime, tz: tzinfo) -> list[str]:
    number = n["id"]
    phishing = n.get("kind") == "phishing"
    head = "Suspected phishing, not from Amazon" if phishing else issue_label(n)
    where = f" on {n['marketplace']}" if n.get("marketplace") and not phishing else ""
    lines = [f'<a id="notice-{number}"></a>', "", f"## Notice #{number}: {head}{where}", ""]
    facts: list[tuple[str, str]] = [("Status", _status_phrase(n, tz))]
    if n.get("severity"):
        facts.append(("Severity", n["severity"]))
    if n.get("category"):
        facts.append(("Category", n["category"].replace("_", " ")))
    if n.get("issue_type"):
        facts.append(("Issue type", n["issue_type"]))
    if n.get("marketplace"):
        facts.append(("Marketplace", n["marketplace"]))
    if n.get("asins"):
        facts.append(("ASINs", ", ".join(n["asins"])))
    if n.get("skus"):
        facts.append(("SKUs", ", ".join(_md(s) for s in n["skus"])))
    if n.get("order_ids"):
        facts.append(("Orders", ", ".join(_md(o) for o in n["order_ids"])))
    for line in metric_lines(n.get("metrics") or {}):
        label, _, value = line.partition(": ")
        facts.append((label, value))
    deadline = from_db(n.get("deadline_at"))
    if deadline:
        facts.append(("Deadline", deadline_phrase(deadline, now, tz)))
    if not phishing:
        facts.append(("Account Health", account_health_url(n.get("marketplace"))))
    lines += ["| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in facts] + [""]

    email = n.get("email") or {}
    received = from_db(n.get("received_at"))
    lines += ["### Original email", ""]
    mail_facts = [
        ("From", _md(n.get("sender") or "", links=not phishing)),
        ("Subject", _md(n.get("subject") or "")),
        ("Date", f"{_local(received, tz)} ({to_db(received)} UTC)" if received else "unknown"),
        ("Message-ID", f"`{printable(n.get('message_id') or 'none').replace('`', '')}`"),
        (
            "Found in",
            _md(
                f"{email.get('mailbox', n.get('mailbox'))} / {email.get('folder', '')}", links=True
            ),
        ),
    ]
    lines += ["| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in mail_facts] + [""]
    if n.get("excerpt"):
        lines += ["Excerpt:", "", "> " + _md(n["excerpt"]), ""]

    lines += ["### Timeline", "", "| When | What | Who | Details |", "|---|---|---|---|"]
    # The email's own date and the deadline belong on an appeal's timeline with the log.
    timeline: list[tuple[datetime, int, str]] = []
    if received:
        timeline.append(
            (
                received,
                0,
                f"| {_local(received, tz)} | email sent |  | {_md(n.get('subject') or '')} |",
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
    for event in n["events"]:
        at = from_db(event["at"]) or now
        timeline.append(
            (
                at,
                1,
                f"| {_local(at, tz)} | {event['kind']} | "
                f"{_cell(event['actor'] or '')} | {_cell(event['text'] or '')} |",
            )
        )
    lines += [text for _, _, text in sorted(timeline, key=lambda t: (t[0], t[1]))]
    lines.append("")
    for kind, heading in (("action", "Corrective actions"), ("note", "Notes")):
        entries = [e for e in n["events"] if e["kind"] == kind]
        lines += [f"### {heading}", ""]
        if entries:
            lines += [
                f"{i}. {_local(from_db(e['at']), tz)}, {printable(e['actor'] or '')}: "
                f"{printable(e['text'] or '')}"
                for i, e in enumerate(entries, start=1)
            ]
        else:
            lines.append(f'None recorded (`notifyd {kind} {number} "..."` adds one).')
        lines.append("")
    lines += ["### Deliveries", ""]
    if n["deliveries"]:
        lines += ["| When | Channel | Purpose | Result |", "|---|---|---|---|"]
        for d in n["deliveries"]:
            result = "delivered" if d["ok"] else "FAILED: " + _cell(d["error"] or "")
            lines.append(
                f"| {_local(from_db(d['attempted_at']), tz)} | {_cell(d['channel'])} | "
                f"{d['purpose']} | {result} |"
            )
    else:
        lines.append("No alert was sent for this notice.")
    lines.append("")
    return lines


def _status_phrase(n: dict[str, Any], tz: tzinfo) -> str:
    if n["status"] == "resolved":
        return f"resolved {_local(from_db(n['resolved_at']), tz)}"
    if n["status"] == "acknowledged":
        by = f" by {printable(n['acknowledged_by'])}" if n.get("acknowledged_by") else ""
        return f"acknowledged {_local(from_db(n['acknowledged_at']), tz)}{by}"
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


def row(n: dict[str, Any]) -> dict[str, Any]:
    """One flat record per notice; lists stay lists here and are joined only for CSV."""
    actions = [e for e in n["events"] if e["kind"] == "action"]
    return {
        "id": n["id"],
        "status": n["status"],
        "kind": n["kind"],
        "severity": n.get("severity"),
        "category": n.get("category"),
        "issue_type": n.get("issue_type"),
        "issue": "suspected phishing" if n["kind"] == "phishing" else issue_label(n),
        "marketplace": n.get("marketplace"),
        "asins": list(n.get("asins") or []),
        "skus": list(n.get("skus") or []),
        "order_ids": list(n.get("order_ids") or []),
        "metrics": dict(n.get("metrics") or {}),
        "deadline_at": n.get("deadline_at"),
        "received_at": n.get("received_at"),
        "sender": n.get("sender"),
        "subject": n.get("subject"),
        "message_id": n.get("message_id"),
        "mailbox": (n.get("email") or {}).get("mailbox", n.get("mailbox")),
        "folder": (n.get("email") or {}).get("folder"),
        "created_at": n.get("created_at"),
        "alerted_at": n.get("alerted_at"),
        "acknowledged_at": n.get("acknowledged_at"),
        "acknowledged_by": n.get("acknowledged_by"),
        "resolved_at": n.get("resolved_at"),
        "actions": len(actions),
        "notes": sum(1 for e in n["events"] if e["kind"] == "note"),
        "last_action": actions[-1]["text"] if actions else None,
        "deliveries_ok": sum(1 for d in n["deliveries"] if d["ok"]),
        "deliveries_failed": sum(1 for d in n["deliveries"] if not d["ok"]),
    }


def to_json(items: list[dict[str, Any]]) -> str:
    """A JSON array: each row with the email, the whole response log and every delivery."""
    out = [
        {
            **row(n),
            "email": n.get("email") or {},
            "events": n["events"],
            "deliveries": n["deliveries"],
            "excerpt": n.get("excerpt"),
        }
        for n in items
    ]
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def to_csv(items: list[dict[str, Any]]) -> str:
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


def render(items: list[dict[str, Any]], fmt: str, now: datetime, tz: tzinfo) -> str:
    if fmt == "md":
        return dossier(items, now, tz)
    if fmt == "csv":
        return to_csv(items)
    return to_json(items)
