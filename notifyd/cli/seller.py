"""The seller's commands: draft, export, stats and digest (the group in cli/__init__ adds them)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from notifyd.cli.context import Context, pass_ctx
from notifyd.cli.notices import write_csv
from notifyd.core.accounts import shown_accounts
from notifyd.core.clock import utcnow
from notifyd.core.errors import ConfigError, NotFound, NotifydError
from notifyd.seller import digest as weekly
from notifyd.seller import draft as drafting
from notifyd.seller import export as exporting
from notifyd.seller import stats as statistics
from notifyd.store.db import STATUSES, Notice

MAX_WEEKS = 520
_SQLITE_INT = range(-(2**63), 2**63)


def notice_or_fail(ctx: Context, notice_id: int) -> Notice:
    """The notice, or NotFound (exit 1) also for numbers SQLite cannot hold, which would
    otherwise end in an OverflowError traceback."""
    if notice_id not in _SQLITE_INT:
        raise NotFound(f"no notice with ID {notice_id}; `notifyd notices` lists them")
    return ctx.store.notice(notice_id)


def write_private(path: Path, text: str) -> None:
    """A file readable by its owner only: drafts, dossiers and digests are the seller's
    business, like the database they come from."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise NotifydError(f"cannot write {path}: {exc.strerror}") from None


def write_output(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    write_private(output, text)
    click.echo(f"wrote {output}", err=True)


output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (mode 0600) instead of stdout.",
)


@click.command()
@click.argument("notice_id", type=int)
@output_option
@pass_ctx
def draft(ctx: Context, notice_id: int, output: Path | None) -> None:
    """A response draft (plan of action) in Markdown, filled with the notice's facts and actions."""
    notice = notice_or_fail(ctx, notice_id)
    text = drafting.render_draft(notice, ctx.store.events(notice_id), utcnow(), ctx.settings.tz)
    write_output(text, output)


@click.command()
@click.argument("notice_ids", nargs=-1, type=int)
@click.option(
    "--status",
    type=click.Choice(STATUSES),
    default=None,
    help="Without IDs: export the notices in this state (default all).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(exporting.FORMATS),
    default="md",
    show_default=True,
    help="md: an appeal dossier; csv or json: rows.",
)
@output_option
@pass_ctx
def export(
    ctx: Context, notice_ids: Sequence[int], status: str | None, fmt: str, output: Path | None
) -> None:
    """Export notices with their email, response log and deliveries."""
    if notice_ids and status:
        raise click.UsageError("give notice IDs or --status, not both")
    for number in notice_ids:
        notice_or_fail(ctx, number)
    ids = list(dict.fromkeys(notice_ids)) or exporting.select_ids(ctx.store, status or "all")
    if not ids and fmt == "md":
        raise NotifydError(f"no {status or ''} notices to export".replace("  ", " "))
    items = exporting.gather(ctx.store, ids, shown_accounts(ctx.settings))
    write_output(exporting.render(items, fmt, utcnow(), ctx.settings.tz), output)


@click.command()
@click.option(
    "--weeks",
    type=click.IntRange(1, MAX_WEEKS),
    default=8,
    show_default=True,
    help="How many ISO weeks, up to and including this one.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.option("--csv", "as_csv", is_flag=True, help="Notices per week as CSV rows.")
@pass_ctx
def stats(ctx: Context, weeks: int, as_json: bool, as_csv: bool) -> None:
    """Notices per week, repeated ASINs, metrics against targets, response times."""
    import json

    tz = ctx.settings.tz
    rep = statistics.report(ctx.store, utcnow(), tz, weeks)
    if as_json:
        click.echo(json.dumps(statistics.report_json(rep), ensure_ascii=False))
    elif as_csv:
        rows = [
            {"week": w["week"], "total": w["total"], "by_category": w["by_category"],
             "by_issue_type": w["by_issue_type"]}
            for w in statistics.report_json(rep)["weeks"]
        ]  # fmt: skip
        write_csv(rows, ["week", "total", "by_category", "by_issue_type"])
    else:
        click.echo(statistics.report_text(rep, tz), nl=False)


@click.command()
@click.option(
    "--preview",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the HTML digest of the last seven days to this file; print its text.",
)
@click.option(
    "--send",
    "send_it",
    is_flag=True,
    help="Send the digest of the last seven days now, to [digest] url.",
)
@click.option(
    "--account",
    "account",
    metavar="NAME",
    default=None,
    help='Only this account\'s digest (a mailbox `account` or name, or "no account").',
)
@pass_ctx
def digest(ctx: Context, preview: Path | None, send_it: bool, account: str | None) -> None:
    """The weekly digest: preview it, or send it now (the daemon sends it on schedule)."""
    if preview is None and not send_it:
        raise click.UsageError("give --preview FILE.html, --send, or both")
    settings = ctx.secret_settings if send_it else ctx.settings
    now = utcnow()
    scope = None if account is None else weekly.scope_named(settings, account)
    if account is not None and scope is None:
        known = ", ".join(repr(s) for s in weekly.every_scope(settings))
        raise click.BadParameter(f"{account!r} is no account; known: {known}", param_hint="--account")
    if preview is not None:
        current = weekly.current(ctx.store, settings, now, scope)
        write_private(preview, weekly.render_html(current))
        click.echo(weekly.render_text(current), nl=False)
        click.echo(f"wrote {preview}", err=True)
    if send_it:
        if settings.digest.url is None:
            raise ConfigError(
                ['digest.url: not set; add url = "mailto://..." (an Apprise URL) under [digest]']
            )
        attempts = weekly.send_now(ctx.store, settings, now, scope)
        for attempt in attempts:
            if attempt.ok:
                click.echo(f"digest sent ({attempt.period})", err=True)
        for attempt in attempts:
            if not attempt.ok:
                raise NotifydError(f"digest {attempt.period} not sent: {attempt.error}")
    sys.stdout.flush()


COMMANDS = (draft, export, stats, digest)
