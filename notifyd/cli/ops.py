"""The operator's commands: run the daemon, import mail, status, check and test-alert."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from notifyd.cli.context import Context, pass_ctx, setup_logging
from notifyd.cli.web import check_lines as web_lines
from notifyd.core.clock import utcnow
from notifyd.core.errors import NotifydError
from notifyd.core.models import SEVERITIES
from notifyd.core.vocab import AlertPurpose, Severity
from notifyd.deliver import outbox as alert
from notifyd.ingest.pipeline import import_paths


@click.command()
@click.option("--once", is_flag=True, help="Poll every mailbox once, do what is due, exit.")
@pass_ctx
def run(ctx: Context, once: bool) -> None:
    """Watch the mailboxes and send alerts (a daemon unless --once)."""
    from notifyd.run import tick as scheduler

    setup_logging(ctx.verbose, ctx.settings.log_level)
    if once:
        report = scheduler.run_once(ctx.store, ctx.settings, ctx.rules())
        failures = [p for p in report.polls if p.error]
        for poll in report.polls:
            click.echo(
                f"{poll.mailbox}: {poll.seen} new emails, {poll.notices} notices, "
                f"{poll.phishing} phishing, {poll.unrecognised} unrecognised"
                + (f"; error: {poll.error}" if poll.error else ""),
                err=True,
            )
        d = report.delivery
        click.echo(f"alerts: {d.sent} sent, {d.retrying} to retry, {d.failed} failed", err=True)
        sent = report.digest_attempt
        if sent is not None:
            outcome = "sent" if sent.ok else f"not sent, will retry: {sent.error}"
            click.echo(f"weekly digest {sent.period}: {outcome}", err=True)
        if failures and len(failures) == len(report.polls):
            sys.exit(1)
        return
    from notifyd.run import daemon

    sys.exit(daemon.run_forever(ctx.config_path, ctx.settings, ctx.verbose))


@click.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--no-alert", is_flag=True, help="Record only (for backfills).")
@pass_ctx
def import_(ctx: Context, paths: Sequence[Path], no_alert: bool) -> None:
    """Import .eml files, folders of them, mbox files or Maildirs."""
    now = utcnow()
    shown = [0]

    def progress(n: int) -> None:
        shown[0] += n
        if sys.stderr.isatty():
            click.echo(f"\r{shown[0]} messages read", err=True, nl=False)

    report = import_paths(ctx.store, ctx.settings, ctx.rules(), paths, not no_alert, now, progress)
    if sys.stderr.isatty():
        click.echo("", err=True)
    if not no_alert:
        alert.deliver_due(ctx.store, ctx.settings, utcnow())
    click.echo(
        f"{report.seen} new emails: {report.notices} notices, {report.phishing} phishing, "
        f"{report.unrecognised} unrecognised, {report.ignored} ignored, "
        f"{report.duplicates} duplicates, {report.failed} failed, {report.skipped} skipped"
    )


@click.command()
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def status(ctx: Context, as_json: bool) -> None:
    """Health of every mailbox, the outbox and what is due; exit 1 when unhealthy."""
    from notifyd.deliver import monitor

    report = monitor.status_report(ctx.store, ctx.settings, utcnow())
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
    else:
        click.echo("healthy" if report["healthy"] else "UNHEALTHY")
        for box in report["mailboxes"]:
            line = f"mailbox {box['name']}: "
            if box["state"] == "failing":
                line += f"FAILING since {box['failing_since']}: {box['last_error']}"
            elif box["state"] == "stale":
                line += "STALE: no successful poll for too long"
            else:
                line += box["state"]
            line += f"; last success {box['last_success_at'] or 'never'}"
            if box["last_failure_at"] and box["state"] != "failing":
                line += f"; last failure {box['last_failure_at']}: {box['last_error']}"
            click.echo(line)
        click.echo(
            f"outbox: {report['outbox_depth']} waiting; open notices: {report['open_notices']}"
        )
        for item in report["next_reminders"]:
            click.echo(f"next reminder: notice {item['notice_id']} at {item['at']}")
        if report["next_digest_at"]:
            click.echo(f"next digest: {report['next_digest_at']}")
        for problem in report["problems"]:
            click.echo(f"problem: {problem}")
    sys.exit(0 if report["healthy"] else 1)


@click.command()
@pass_ctx
def check(ctx: Context) -> None:
    """Validate the configuration and rules; print a summary without secrets."""
    settings = ctx.settings
    rules = ctx.rules()
    click.echo(f"config ok: database {settings.database}, timezone {settings.timezone}")
    for box in settings.mailbox:
        where = (
            str(box.path)
            if box.path
            else (
                f"{box.security}://{box.host}:{box.effective_port} as {box.username} ({box.auth})"
            )
        )
        click.echo(f"mailbox {box.name}: {where}, folders {', '.join(box.folders)}")
    for channel in settings.channel:
        scheme = channel.url.get_secret_value().split("://", 1)[0] if channel.url else "?"
        click.echo(f"channel {channel.name}: {scheme}://…, min_severity {channel.min_severity}")
    click.echo(f"rules: {rules.summary()}" if hasattr(rules, "summary") else "rules ok")
    for line in web_lines(settings):
        click.echo(line)


@click.command(name="test-alert")
@click.option("--severity", type=click.Choice(SEVERITIES), default="low", show_default=True)
@pass_ctx
def test_alert(ctx: Context, severity: str) -> None:
    """Send a test message through every channel; print each channel's result."""
    now = utcnow()
    settings = ctx.settings
    if not settings.channel:
        raise NotifydError("no [[channel]] configured; add one with an Apprise url")
    alert.enqueue_plain(
        ctx.store,
        settings,
        "notifyd test alert",
        f"This is a {severity} test from notifyd. If you can read it, this channel works.",
        Severity(severity),
        AlertPurpose.TEST,
        now,
        channels=settings.channel,
    )
    alert.deliver_due(ctx.store, settings, now)
    failed = 0
    for channel in settings.channel:
        last = ctx.store.last_delivery(AlertPurpose.TEST, channel.name)
        if last is not None and last.ok:
            click.echo(f"{channel.name}: ok")
        else:
            failed += 1
            error = last.error if last is not None else None
            click.echo(f"{channel.name}: FAILED: {error or 'not attempted'}")
    # A test alert is not retried: it would arrive long after the person stopped waiting.
    ctx.store.give_up_unsent(AlertPurpose.TEST, now)
    sys.exit(1 if failed else 0)


COMMANDS = (run, import_, status, check, test_alert)
