"""The notice commands: list notices by urgency and show one with Amazon's words."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any

import click

from notifyd.cli.context import Context, pass_ctx
from notifyd.core.accounts import account_line
from notifyd.core.clock import to_db, utcnow
from notifyd.core.models import CATEGORIES, SEVERITIES
from notifyd.core.settings import Settings, parse_duration
from notifyd.core.timefmt import local
from notifyd.deliver.labels import humanize, issue_label
from notifyd.deliver.render import printable
from notifyd.seller.excerpt import amazon_words
from notifyd.seller.export import spreadsheet_safe
from notifyd.store.db import STATUSES, Notice

NOTICE_FIELDS = (
    "id",
    "status",
    "kind",
    "message_id",
    "subject",
    "sender",
    "date",
    "is_notice",
    "category",
    "issue_type",
    "asins",
    "deadline",
    "severity",
    "marketplace",
    "language",
    "metrics",
    "suspected_phishing",
    "reasons",
    "requested",
    "documents",
    "respond_via",
    "case_ids",
    "last_followup",
    "skus",
    "order_ids",
    "mailbox",
    "created_at",
    "alerted_at",
    "next_reminder_at",
    "acknowledged_at",
    "acknowledged_by",
    "resolved_at",
    "snoozed_until",
    "account",
    "overdue",
)
# Times in NOTICE_FIELDS: ISO UTC under --json and --csv, local time on a terminal.
TIME_FIELDS = (
    "date",
    "deadline",
    "created_at",
    "alerted_at",
    "next_reminder_at",
    "acknowledged_at",
    "resolved_at",
    "snoozed_until",
)

# Shown by `show` after "date" (the date notifyd goes by): what the Date header claimed, and
# when the server received the mail (INTERNALDATE) or notifyd imported it.
ARRIVAL_FIELDS = ("date_header", "arrived_at")


def _with_arrival(
    fields: dict[str, Any], arrived_at: datetime | None, date_header_at: datetime | None
) -> dict[str, Any]:
    values = {"date_header": to_db(date_header_at), "arrived_at": to_db(arrived_at)}
    out: dict[str, Any] = {}
    for key, value in fields.items():
        out[key] = value
        if key == "date":
            out.update(values)
    return out


def notice_json(notice: Notice, settings: Settings, now: datetime) -> dict[str, Any]:
    out = notice.to_json()
    out["date"] = out["received_at"]
    out["deadline"] = out["deadline_at"]
    line = account_line(notice.mailbox, settings)
    out["account"] = line[1] if line else None
    out["overdue"] = overdue(notice, now)
    return {key: out.get(key) for key in NOTICE_FIELDS}


def overdue(notice: Notice, now: datetime) -> bool:
    return notice.status == "open" and notice.deadline_at is not None and notice.deadline_at < now


def urgency(notice: Notice, now: datetime) -> tuple[bool, bool, datetime, int, int]:
    """Sort key, most urgent first: overdue, then the nearest deadline, then severity."""
    deadline = notice.deadline_at
    return (
        not overdue(notice, now),
        deadline is None,
        deadline or now,
        -notice.severity.rank if notice.severity else 0,
        notice.id,
    )


def issue_text(notice: Notice) -> str:
    if notice.is_phishing:
        return "PHISHING"
    if notice.kind == "unrecognised":
        return "Unrecognised"
    return issue_label(notice)


@click.command()
@click.option("--status", type=click.Choice(STATUSES), default="open", show_default=True)
@click.option("--category", type=click.Choice(CATEGORIES))
@click.option("--severity", type=click.Choice(SEVERITIES))
@click.option("--asin", help="Only notices naming this ASIN.")
@click.option("--since", help="Only notices received in this recent period, e.g. 30d.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line, times in UTC.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header row, times in UTC.")
@pass_ctx
def notices(
    ctx: Context,
    status: str,
    category: str | None,
    severity: str | None,
    asin: str | None,
    since: str | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """List notices, most urgent first: overdue, then by deadline, then by severity."""
    now = utcnow()
    after = None
    if since:
        try:
            after = now - parse_duration(since)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--since") from None
    found = sorted(
        ctx.store.notices(status, category, severity, asin, after), key=lambda n: urgency(n, now)
    )
    settings = ctx.settings
    rows = [notice_json(n, settings, now) for n in found]
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if as_csv:
        write_csv(rows, list(NOTICE_FIELDS))
        return
    if not rows:
        click.echo(f"no {status if status != 'all' else ''} notices".replace("  ", " "))
        return
    tz = settings.tz
    accounts = any(row["account"] for row in rows)
    click.echo(
        f"{'ID':>4}  {'SEVERITY':8}  {'STATUS':12}  {'DEADLINE':20}  {'OVERDUE':14}  "
        + (f"{'ACCOUNT':16}  " if accounts else "")
        + "ISSUE: SUBJECT"
    )
    for notice, row in zip(found, rows, strict=True):
        late = humanize(now - notice.deadline_at) if row["overdue"] and notice.deadline_at else ""
        click.echo(
            f"{notice.id:>4}  {(notice.severity or '-'):8}  {row['status']:12}  "
            f"{local(notice.deadline_at, tz):20}  {late:14}  "
            + (f"{printable(row['account'] or '-')[:16]:16}  " if accounts else "")
            + f"{issue_text(notice)}: {printable(notice.subject or '')[:60]}"
        )


def write_csv(rows: list[dict[str, Any]], fields: list[str]) -> None:
    """Rows as CSV: lists and dicts as JSON, text made safe for a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: json.dumps(v) if isinstance(v, list | dict) else _csv_cell(v)
                for k, v in row.items()
            }
        )
    click.echo(buffer.getvalue(), nl=False)


def _csv_cell(value: Any) -> Any:
    return spreadsheet_safe(printable(value)) if isinstance(value, str) else value


@click.command()
@click.argument("notice_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Everything as one JSON object, times in UTC.")
@click.option("--raw", is_flag=True, help="Amazon's text as stored: links kept, not defanged.")
@pass_ctx
def show(ctx: Context, notice_id: int, as_json: bool, raw: bool) -> None:
    """Everything about one notice: fields, Amazon's words, deliveries, response log."""
    now = utcnow()
    settings = ctx.settings
    tz = settings.tz
    notice = ctx.store.notice(notice_id)
    events = ctx.store.events(notice_id)
    followups = ctx.store.followups(notice_id)
    deliveries = ctx.store.deliveries(notice_id)
    fields = notice_json(notice, settings, now)
    arrived_at, date_header_at = ctx.store.arrival(notice_id)
    fields = _with_arrival(fields, arrived_at, date_header_at)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "notice": fields,
                    "text": notice.excerpt,
                    "events": [e.to_json() for e in events],
                    # Amazon's later mail about this notice, oldest first (issue 12 item 5).
                    "timeline": [f.to_json() for f in followups],
                    "deliveries": [d.to_json() for d in deliveries],
                },
                ensure_ascii=False,
            )
        )
        return
    click.echo(f"{'issue':18} {issue_text(notice)}")
    for key in fields:
        value = fields[key]
        if value in (None, [], {}, ""):
            continue
        if key == "overdue":
            # Only a late notice gets the line: "overdue False" on every other one is noise.
            if not value or notice.deadline_at is None:
                continue
            shown = f"by {humanize(now - notice.deadline_at)}"
        elif key in TIME_FIELDS or key in ARRIVAL_FIELDS:
            shown = local(value, tz)
        elif isinstance(value, list | dict):
            shown = json.dumps(value, ensure_ascii=False)
        else:
            shown = printable(str(value))
        click.echo(f"{key:18} {shown}")
    heading = "The email's words (NOT from Amazon)" if notice.is_phishing else "Amazon's words"
    click.echo(f"\n{heading}" + (" (raw):" if raw else ":"))
    text = amazon_words(notice.excerpt or "", raw=raw)
    for line in (text or "(no text stored)").splitlines():
        click.echo(f"  {line}" if line else "")
    if followups:
        click.echo("\nAmazon's follow-ups:")
        for f in followups:
            click.echo(
                f"  {local(f.received_at or f.created_at, tz)}  {f.kind:16} "
                f"{printable(f.subject or '')}  {printable(f.message_id or '')}"
            )
    click.echo("\nresponse log:")
    for event in events:
        click.echo(
            f"  {local(event.at, tz)}  {event.kind:12} {printable(event.actor or ''):10} "
            f"{printable(event.text or '')}"
        )
    click.echo("\ndeliveries:")
    for d in deliveries:
        click.echo(
            f"  {local(d.attempted_at, tz)}  {d.channel:10} {d.purpose:10} "
            f"{'ok' if d.ok else 'FAILED: ' + printable(d.error or '')}"
        )


COMMANDS = (notices, show)
