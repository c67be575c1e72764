"""The response-log commands: ack, resolve, dismiss, reopen, snooze, notes and actions, for one
notice, several, or `--all` that match filters."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

import click

from notifyd.cli.context import Context, actor_option, pass_ctx, who
from notifyd.core.clock import utcnow
from notifyd.core.errors import NotifydError, StateError
from notifyd.core.settings import parse_duration
from notifyd.core.timefmt import AT_HINT, local, parse_at, parse_local
from notifyd.core.vocab import NoticeKind
from notifyd.deliver import remind
from notifyd.seller import respond

F = TypeVar("F", bound=Callable[..., Any])
_SQLITE_INT = range(-(2**63), 2**63)


def at_option(fn: F) -> F:
    return click.option(
        "--at",
        "at",
        default=None,
        metavar="TIME",
        help=f"When it happened, to back-date the log entry; {AT_HINT}.",
    )(fn)


def selection_options(fn: F) -> F:
    """--all and its filters; without --all the filters narrow nothing and are refused."""
    for option in reversed(
        [
            click.option("--all", "every", is_flag=True, help="Every open notice that matches."),
            click.option(
                "--before", metavar="DATE", help="With --all: only mail received before DATE."
            ),
            click.option("--mailbox", help="With --all: only notices of this mailbox."),
            click.option(
                "--kind",
                type=click.Choice([k.value for k in NoticeKind]),
                help="With --all: only this kind (e.g. phishing).",
            ),
        ]
    ):
        fn = option(fn)
    return fn


def when(ctx: Context, at: str | None, now: datetime) -> datetime:
    if at is None:
        return now
    try:
        return parse_at(at, ctx.settings.tz, now)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--at") from None


def chosen(
    ctx: Context,
    ids: Sequence[int],
    every: bool,
    before: str | None,
    mailbox: str | None,
    kind: str | None,
    now: datetime,
) -> list[int]:
    """The notice IDs a command acts on: the IDs given, or with --all every open notice that
    passes the filters, oldest first."""
    filters = before or mailbox or kind
    if every and ids:
        raise click.UsageError("give notice IDs or --all, not both")
    if not every:
        if filters:
            raise click.UsageError("--before, --mailbox and --kind select with --all only")
        if not ids:
            raise click.UsageError("missing NOTICE_ID: give one or more, or --all with filters")
        return list(dict.fromkeys(ids))
    cutoff = None
    if before:
        try:
            cutoff = parse_local(before, ctx.settings.tz, now)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--before") from None
    picked = []
    for notice in ctx.store.notices("open"):
        if cutoff is not None and notice.sent_at >= cutoff:
            continue
        if mailbox and notice.mailbox != mailbox:
            continue
        if kind and notice.kind != kind:
            continue
        picked.append(notice.id)
    return picked


def each(ids: list[int], act: Callable[[int], str], nothing: str) -> None:
    """Act on every ID; a bad one prints its one line and the rest still happen (exit 1)."""
    if not ids:
        click.echo(nothing)
        return
    failed = 0
    for notice_id in ids:
        try:
            if notice_id not in _SQLITE_INT:
                raise NotifydError(f"no notice with ID {notice_id}; `notifyd notices` lists them")
            click.echo(act(notice_id))
        except NotifydError as exc:
            failed += 1
            click.echo(f"notifyd: {exc}", err=True)
    if failed:
        sys.exit(1)


@click.command()
@click.argument("notice_ids", nargs=-1, type=int)
@selection_options
@at_option
@actor_option
@pass_ctx
def ack(
    ctx: Context,
    notice_ids: tuple[int, ...],
    every: bool,
    before: str | None,
    mailbox: str | None,
    kind: str | None,
    at: str | None,
    actor: str | None,
) -> None:
    """Acknowledge notices: their reminders and escalation stop."""
    now = utcnow()
    moment, by = when(ctx, at, now), who(actor)
    ids = chosen(ctx, notice_ids, every, before, mailbox, kind, now)

    def one(notice_id: int) -> str:
        respond.acknowledge(ctx.store, notice_id, by, moment)
        return f"notice {notice_id} acknowledged"

    each(ids, one, "no open notice matches")


@click.command()
@click.argument("notice_ids", nargs=-1, type=int)
@click.option("--note", default=None, help="What was done.")
@selection_options
@at_option
@actor_option
@pass_ctx
def resolve(
    ctx: Context,
    notice_ids: tuple[int, ...],
    note: str | None,
    every: bool,
    before: str | None,
    mailbox: str | None,
    kind: str | None,
    at: str | None,
    actor: str | None,
) -> None:
    """Mark notices resolved."""
    now = utcnow()
    moment, by = when(ctx, at, now), who(actor)
    ids = chosen(ctx, notice_ids, every, before, mailbox, kind, now)

    def one(notice_id: int) -> str:
        respond.resolve(ctx.store, notice_id, by, note, moment)
        return f"notice {notice_id} resolved"

    each(ids, one, "no open notice matches")


@click.command()
@click.argument("notice_ids", nargs=-1, type=int)
@click.option("--all", "every", is_flag=True, help="Every open suspected phishing email.")
@click.option("--before", metavar="DATE", help="With --all: only mail received before DATE.")
@click.option("--mailbox", help="With --all: only this mailbox's.")
@at_option
@actor_option
@pass_ctx
def dismiss(
    ctx: Context,
    notice_ids: tuple[int, ...],
    every: bool,
    before: str | None,
    mailbox: str | None,
    at: str | None,
    actor: str | None,
) -> None:
    """Close suspected phishing emails in one step (they have nothing to acknowledge)."""
    now = utcnow()
    moment, by = when(ctx, at, now), who(actor)
    ids = chosen(ctx, notice_ids, every, before, mailbox, "phishing" if every else None, now)

    def one(notice_id: int) -> str:
        notice = ctx.store.notice(notice_id)
        if notice.kind is not NoticeKind.PHISHING:
            raise StateError(
                f"notice {notice_id} is not a suspected phishing email; "
                f"`notifyd resolve {notice_id}` closes a notice"
            )
        respond.resolve(ctx.store, notice_id, by, "phishing dismissed", moment)
        return f"phishing {notice_id} dismissed"

    each(ids, one, "no open phishing matches")


@click.command()
@click.argument("notice_ids", nargs=-1, type=int, required=True)
@at_option
@actor_option
@pass_ctx
def reopen(ctx: Context, notice_ids: tuple[int, ...], at: str | None, actor: str | None) -> None:
    """Reopen acknowledged or resolved notices."""
    now, by = utcnow(), who(actor)
    moment = when(ctx, at, now)

    def one(notice_id: int) -> str:
        respond.reopen(
            ctx.store, notice_id, by, now, reminders=ctx.settings.reminders, at=moment
        )
        return f"notice {notice_id} reopened"

    each(list(dict.fromkeys(notice_ids)), one, "")


@click.command()
@click.argument("notice_id", type=int)
@click.argument("text")
@at_option
@actor_option
@pass_ctx
def note(ctx: Context, notice_id: int, text: str, at: str | None, actor: str | None) -> None:
    """Add a note to a notice's response log."""
    moment = when(ctx, at, utcnow())
    each([notice_id], lambda n: _entry(ctx, n, "note", text, moment, actor), "")


@click.command()
@click.argument("notice_id", type=int)
@click.argument("text")
@at_option
@actor_option
@pass_ctx
def action(ctx: Context, notice_id: int, text: str, at: str | None, actor: str | None) -> None:
    """Record a corrective action taken for a notice."""
    moment = when(ctx, at, utcnow())
    each([notice_id], lambda n: _entry(ctx, n, "action", text, moment, actor), "")


def _entry(
    ctx: Context, notice_id: int, kind: str, text: str, moment: datetime, actor: str | None
) -> str:
    respond.add_entry(ctx.store, notice_id, kind, who(actor), text, moment)
    return f"note added to notice {notice_id}" if kind == "note" else (
        f"action recorded for notice {notice_id}"
    )


@click.command()
@click.argument("notice_ids", nargs=-1, type=int)
@click.argument("duration")
@selection_options
@click.option(
    "--at",
    "at",
    default=None,
    metavar="TIME",
    help=f"When it was snoozed, to back-date the log entry; DURATION counts from then; {AT_HINT}.",
)
@actor_option
@pass_ctx
def snooze(
    ctx: Context,
    notice_ids: tuple[int, ...],
    duration: str,
    every: bool,
    before: str | None,
    mailbox: str | None,
    kind: str | None,
    at: str | None,
    actor: str | None,
) -> None:
    """Hold reminders for DURATION (e.g. 4h): `snooze 3 4 1d`; they are reminded again then."""
    try:
        delta = parse_duration(duration)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="DURATION") from None
    now, by = utcnow(), who(actor)
    moment = when(ctx, at, now)
    until = moment + delta
    ids = chosen(ctx, notice_ids, every, before, mailbox, kind, now)

    def one(notice_id: int) -> str:
        remind.snooze(ctx.store, notice_id, until, by, moment)
        return f"notice {notice_id} snoozed until {local(until, ctx.settings.tz)}"

    each(ids, one, "no open notice matches")


COMMANDS = (ack, resolve, dismiss, reopen, note, action, snooze)
