"""The operator's commands: run the daemon, import mail, status, check and test-alert."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from notifyd.cli.context import Context, pass_ctx, setup_logging
from notifyd.cli.help_config import credential_names
from notifyd.cli.notices import write_csv
from notifyd.cli.web import check_lines as web_lines
from notifyd.core import secretfiles
from notifyd.core.accounts import unknown_accounts
from notifyd.core.clock import utcnow
from notifyd.core.errors import ConfigError, NotifydError
from notifyd.core.models import SEVERITIES
from notifyd.core.timefmt import local
from notifyd.core.vocab import AlertPurpose, Severity
from notifyd.deliver import outbox as alert
from notifyd.ingest.pipeline import import_paths
from notifyd.seller import history
from notifyd.store import identity

log = logging.getLogger(__name__)


@click.command()
@click.option("--once", is_flag=True, help="Poll every mailbox once, do what is due, exit.")
@click.option(
    "--new-database",
    is_flag=True,
    help="Accept a database other than the one notifyd last ran on (or create one where it "
    "was deleted); notices still in the mailboxes are alerted again.",
)
@pass_ctx
def run(ctx: Context, once: bool, new_database: bool) -> None:
    """Watch the mailboxes and send alerts (a daemon unless --once)."""
    from notifyd.run import tick as scheduler

    settings = ctx.secret_settings
    setup_logging(ctx.verbose, settings.log_level)
    for line in secretfiles.exposed(settings):
        log.warning("%s", line)
    if not new_database:
        identity.refuse_if_gone(settings.database)
    store = ctx.open_store()
    identity.claim(store, utcnow(), fresh=new_database)
    if once:
        report = scheduler.run_once(store, settings, ctx.rules())
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
        for sent in report.digest_attempts:
            outcome = "sent" if sent.ok else f"not sent, will retry: {sent.error}"
            click.echo(f"weekly digest {sent.period}: {outcome}", err=True)
        if failures and len(failures) == len(report.polls):
            sys.exit(1)
        return
    from notifyd.run import daemon

    ctx.close()  # the daemon opens its own connections
    sys.exit(daemon.run_forever(ctx.config_path, settings, ctx.verbose))


@click.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--no-alert", is_flag=True, help="Record only (for backfills).")
@click.option(
    "--since",
    default=None,
    metavar="DURATION|all",
    help="Alert only mail received in this recent period (default: the widest mailbox `since`, "
    "else 30d); older mail is recorded without alerts. `all` alerts every notice.",
)
@pass_ctx
def import_(ctx: Context, paths: Sequence[Path], no_alert: bool, since: str | None) -> None:
    """Import .eml files, folders of them, mbox files or Maildirs."""
    settings = ctx.secret_settings
    try:
        window = history.import_window(since, history.import_default(settings))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from None
    store = ctx.open_store()
    now = utcnow()
    shown = [0]

    def progress(n: int) -> None:
        shown[0] += n
        if sys.stderr.isatty():
            click.echo(f"\r{shown[0]} messages read", err=True, nl=False)

    report = import_paths(
        store, settings, ctx.rules(), paths, not no_alert, now, progress, since=window
    )
    if sys.stderr.isatty():
        click.echo("", err=True)
    if not no_alert:
        alert.deliver_due(store, settings, utcnow())
    click.echo(
        f"{report.seen} new emails: {report.notices} notices, {report.phishing} phishing, "
        f"{report.unrecognised} unrecognised, {report.ignored} ignored, "
        f"{report.duplicates} duplicates, {report.failed} failed, {report.skipped} skipped"
        + (f", {report.followups} replies to earlier notices" if report.followups else "")
    )
    if report.old and window is not None:
        click.echo(
            f"{report.old} received before {window.days} days ago: recorded without alerts "
            "(--since all alerts them too)"
        )


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Everything as one JSON object.")
@click.option("--csv", "as_csv", is_flag=True, help="One CSV row per mailbox, times in UTC.")
@pass_ctx
def status(ctx: Context, as_json: bool, as_csv: bool) -> None:
    """Health of every mailbox, the outbox and what is due; exit 1 when unhealthy."""
    from notifyd.deliver import monitor

    report = monitor.status_report(ctx.store, ctx.settings, utcnow())
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
    elif as_csv:
        fields = ["name", "state", "last_success_at", "last_failure_at", "failing_since",
                  "last_error"]  # fmt: skip
        write_csv([{k: box.get(k) for k in fields} for box in report["mailboxes"]], fields)
    else:
        tz = ctx.settings.tz
        click.echo("healthy" if report["healthy"] else "UNHEALTHY")
        for box in report["mailboxes"]:
            line = f"mailbox {box['name']}: "
            if box["state"] == "failing":
                line += f"FAILING since {local(box['failing_since'], tz)}: {box['last_error']}"
            elif box["state"] == "stale":
                line += "STALE: no successful poll for too long"
            else:
                line += box["state"]
            line += f"; last success {local(box['last_success_at'], tz, empty='never')}"
            if box["last_failure_at"] and box["state"] != "failing":
                line += f"; last failure {local(box['last_failure_at'], tz)}: {box['last_error']}"
            click.echo(line)
        click.echo(
            f"outbox: {report['outbox_depth']} waiting; open notices: {report['open_notices']}"
        )
        daemon = report.get("daemon") or {}
        if daemon.get("descriptors") is not None:
            click.echo(
                f"daemon: pid {daemon['pid']}, {daemon['watching']} watched, "
                f"{daemon['descriptors']} of {daemon['descriptor_limit']} descriptors in use"
            )
        for item in report["next_reminders"]:
            click.echo(f"next reminder: notice {item['notice_id']} at {local(item['at'], tz)}")
        if report["next_digest_at"]:
            click.echo(f"next digest: {local(report['next_digest_at'], tz)}")
        for problem in report["problems"]:
            click.echo(f"problem: {problem}")
    sys.exit(0 if report["healthy"] else 1)


@click.command()
@click.option("--probe", is_flag=True, help="Also connect to each channel's server.")
@pass_ctx
def check(ctx: Context, probe: bool) -> None:
    """Validate the configuration, rules and every Apprise URL; print a summary without
    secrets; exit 2 on any problem, 1 when --probe finds a server unreachable."""
    from notifyd.deliver import notify

    settings = ctx.secret_settings
    rules = ctx.rules()
    problems: list[str] = []
    unreachable = 0
    click.echo(f"config ok: database {settings.database}, timezone {settings.timezone}")
    for box in settings.mailbox:
        where = (
            str(box.path)
            if box.path
            else (
                f"{box.security}://{box.host}:{box.effective_port} as {box.username} ({box.auth})"
            )
        )
        account = f", account {box.account!r}" if box.account else ""
        click.echo(f"mailbox {box.name}: {where}, folders {', '.join(box.folders)}{account}")
    urls = [(f"channel[{c.name!r}].url", f"channel {c.name}", c) for c in settings.channel]
    for key, label, channel in urls:
        url = channel.url.get_secret_value() if channel.url else ""
        scheme = url.split("://", 1)[0] if "://" in url else "?"
        only = f", accounts {', '.join(channel.accounts)}" if channel.accounts is not None else ""
        click.echo(f"{label}: {scheme}://…, min_severity {channel.min_severity}{only}")
        problem = notify.validate_url(url)
        if problem:
            problems.append(f"{key}: {problem}")
        elif probe:
            unreachable += _probe(notify.probe_url(url))
    if settings.digest.url is not None:
        url = settings.digest.url.get_secret_value()
        click.echo(f"digest: {url.split('://', 1)[0]}://…, {settings.digest.schedule}")
        problem = notify.validate_url(url)
        if problem:
            problems.append(f"digest.url: {problem}")
        elif probe:
            unreachable += _probe(notify.probe_url(url))
    problems += unknown_accounts(settings)
    names = credential_names(settings)
    if names:
        click.echo("credentials read from $CREDENTIALS_DIRECTORY (systemd LoadCredential=):")
        for name, env in names:
            click.echo(f"  {name}" + (f"  (or ${env})" if env else ""))
    for line in secretfiles.exposed(settings):
        click.echo(f"warning: {line}")
    click.echo(f"rules: {rules.summary()}" if hasattr(rules, "summary") else "rules ok")
    for line in web_lines(settings):
        click.echo(line)
    if problems:
        raise ConfigError(problems)
    if unreachable:
        sys.exit(1)  # the configuration is valid; a server is not answering


def _probe(outcome: str) -> int:
    click.echo(f"  {outcome}")
    return int(outcome.startswith("UNREACHABLE"))


@click.command(name="test-alert")
@click.option("--severity", type=click.Choice(SEVERITIES), default="low", show_default=True)
@pass_ctx
def test_alert(ctx: Context, severity: str) -> None:
    """Send a test message through every channel; print each channel's result."""
    now = utcnow()
    settings = ctx.secret_settings
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
