"""The notice commands: list and show notices, and the response log (ack, resolve, notes, snooze)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import click

from notifyd.cli.context import Context, actor_option, pass_ctx, who
from notifyd.core.clock import to_db, utcnow
from notifyd.core.models import CATEGORIES, SEVERITIES
from notifyd.core.settings import parse_duration
from notifyd.deliver import remind
from notifyd.deliver.render import printable
from notifyd.seller import respond
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
)


def notice_json(notice: Notice) -> dict[str, Any]:
    out = notice.to_json()
    out["date"] = out["received_at"]
    out["deadline"] = out["deadline_at"]
    return {key: out.get(key) for key in NOTICE_FIELDS}


@click.command()
@click.option("--status", type=click.Choice(STATUSES), default="open", show_default=True)
@click.option("--category", type=click.Choice(CATEGORIES))
@click.option("--severity", type=click.Choice(SEVERITIES))
@click.option("--asin", help="Only notices naming this ASIN.")
@click.option("--since", help="Only notices received in this recent period, e.g. 30d.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header row.")
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
    """List stored notices."""
    after = None
    if since:
        try:
            after = utcnow() - parse_duration(since)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--since") from None
    rows = [notice_json(r) for r in ctx.store.notices(status, category, severity, asin, after)]
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if as_csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(NOTICE_FIELDS))
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    k: json.dumps(v) if isinstance(v, list | dict) else _csv_cell(v)
                    for k, v in row.items()
                }
            )
        click.echo(buffer.getvalue(), nl=False)
        return
    if not rows:
        click.echo(f"no {status if status != 'all' else ''} notices".replace("  ", " "))
        return
    click.echo(f"{'ID':>4}  {'SEVERITY':8}  {'STATUS':12}  {'DEADLINE':20}  ISSUE / SUBJECT")
    for row in rows:
        issue = "PHISHING" if row["kind"] == "phishing" else (row["issue_type"] or "")
        click.echo(
            f"{row['id']:>4}  {(row['severity'] or '-'):8}  {row['status']:12}  "
            f"{(row['deadline'] or '-'):20}  {issue}: {printable(row['subject'] or '')[:60]}"
        )


def _csv_cell(value: Any) -> Any:
    return spreadsheet_safe(printable(value)) if isinstance(value, str) else value


@click.command()
@click.argument("notice_id", type=int)
@actor_option
@pass_ctx
def ack(ctx: Context, notice_id: int, actor: str | None) -> None:
    """Acknowledge a notice: reminders and escalation stop."""
    respond.acknowledge(ctx.store, notice_id, who(actor), utcnow())
    click.echo(f"notice {notice_id} acknowledged")


@click.command()
@click.argument("notice_id", type=int)
@click.option("--note", default=None, help="What was done.")
@actor_option
@pass_ctx
def resolve(ctx: Context, notice_id: int, note: str | None, actor: str | None) -> None:
    """Mark a notice resolved."""
    respond.resolve(ctx.store, notice_id, who(actor), note, utcnow())
    click.echo(f"notice {notice_id} resolved")


@click.command()
@click.argument("notice_id", type=int)
@actor_option
@pass_ctx
def reopen(ctx: Context, notice_id: int, actor: str | None) -> None:
    """Reopen an acknowledged or resolved notice."""
    respond.reopen(ctx.store, notice_id, who(actor), utcnow(), reminders=ctx.settings.reminders)
    click.echo(f"notice {notice_id} reopened")


@click.command()
@click.argument("notice_id", type=int)
@click.argument("text")
@actor_option
@pass_ctx
def note(ctx: Context, notice_id: int, text: str, actor: str | None) -> None:
    """Add a note to a notice's response log."""
    respond.add_entry(ctx.store, notice_id, "note", who(actor), text, utcnow())
    click.echo(f"note added to notice {notice_id}")


@click.command()
@click.argument("notice_id", type=int)
@click.argument("text")
@actor_option
@pass_ctx
def action(ctx: Context, notice_id: int, text: str, actor: str | None) -> None:
    """Record a corrective action taken for a notice."""
    respond.add_entry(ctx.store, notice_id, "action", who(actor), text, utcnow())
    click.echo(f"action recorded for notice {notice_id}")


@click.command()
@click.argument("notice_id", type=int)
@click.argument("duration")
@actor_option
@pass_ctx
def snooze(ctx: Context, notice_id: int, duration: str, actor: str | None) -> None:
    """Hold a notice's reminders for DURATION (e.g. 4h); it is reminded again then."""
    try:
        delta = parse_duration(duration)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="DURATION") from None
    now = utcnow()
    remind.snooze(ctx.store, notice_id, now + delta, who(actor), now)
    click.echo(f"notice {notice_id} snoozed until {to_db(now + delta)}")


@click.command()
@click.argument("notice_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def show(ctx: Context, notice_id: int, as_json: bool) -> None:
    """Everything about one notice: fields, original email, deliveries, response log."""
    row = ctx.store.notice(notice_id)
    events = ctx.store.events(notice_id)
    deliveries = ctx.store.deliveries(notice_id)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "notice": notice_json(row),
                    "events": [e.to_json() for e in events],
                    "deliveries": [d.to_json() for d in deliveries],
                },
                ensure_ascii=False,
            )
        )
        return
    for key in NOTICE_FIELDS:
        value = notice_json(row)[key]
        if value not in (None, [], {}, ""):
            shown = (
                json.dumps(value, ensure_ascii=False)
                if isinstance(value, list | dict)
                else printable(str(value))
            )
            click.echo(f"{key:18} {shown}")
    click.echo("\nresponse log:")
    for event in events:
        click.echo(
            f"  {to_db(event.at)}  {event.kind:12} {printable(event.actor or ''):10} "
            f"{printable(event.text or '')}"
        )
    click.echo("\ndeliveries:")
    for d in deliveries:
        click.echo(
            f"  {to_db(d.attempted_at)}  {d.channel:10} {d.purpose:10} "
            f"{'ok' if d.ok else 'FAILED: ' + printable(d.error or '')}"
        )


COMMANDS = (notices, show, ack, resolve, reopen, note, action, snooze)
