"""The command line: parse options, call one library function, print its result."""

from __future__ import annotations

import csv
import getpass
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import click

from notifyd.core.clock import to_db, utcnow
from notifyd.core.errors import ConfigError, NotifydError, ParseError
from notifyd.core.models import CATEGORIES, SEVERITIES
from notifyd.core.settings import Settings, load_settings, parse_duration, redact
from notifyd.deliver import outbox as alert
from notifyd.deliver import remind
from notifyd.deliver.render import printable
from notifyd.ingest.parse import parse_email
from notifyd.ingest.pipeline import import_paths
from notifyd.seller import respond
from notifyd.seller.export import spreadsheet_safe
from notifyd.store.db import STATUSES, Store
from notifyd.understand.classify import Rules, classify, load_rules

F = TypeVar("F", bound=Callable[..., Any])

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


class Context:
    """What every command may need, loaded lazily so `parse` works without a config file."""

    def __init__(self, config: Path | None, verbose: int) -> None:
        self.config_path = config
        self.verbose = verbose
        self._settings: Settings | None = None
        self._store: Store | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config_path)
            RedactSecrets.secrets = self._settings.secrets()
        return self._settings

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.settings.database)
        return self._store

    def rules(self) -> Rules:
        extra = (
            self.settings.rules_dirs if self.config_path or os.environ.get("NOTIFYD_CONFIG") else []
        )
        return load_rules(extra)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


class RedactSecrets(logging.Filter):
    """The last line of defence: no configured secret leaves the process in a log line."""

    secrets: ClassVar[list[str]] = []  # set once the configuration is loaded

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            message = record.getMessage()
            clean = redact(message, self.secrets)
            if clean != message:
                record.msg, record.args = clean, None
        return True


def setup_logging(verbose: int, level: str = "info") -> None:
    # Under systemd the journal stamps every line; a second timestamp is noise.
    under_systemd = bool(os.environ.get("JOURNAL_STREAM") or os.environ.get("INVOCATION_ID"))
    fmt = (
        "%(levelname)s %(name)s: %(message)s"
        if under_systemd
        else ("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    chosen = logging.DEBUG if verbose else getattr(logging, level.upper(), logging.INFO)
    logging.basicConfig(level=chosen, format=fmt, stream=sys.stderr, force=True)
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactSecrets())
    # Library chatter (apprise retries, imapclient, the HTTP requests behind channels, whose
    # paths often hold tokens) is noise unless debugging.
    for name in ("apprise", "imapclient", "apscheduler", "urllib3", "requests"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose > 1 else logging.WARNING)


pass_ctx = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "-c",
    type=click.Path(path_type=Path),
    default=None,
    help="TOML configuration file (default: $NOTIFYD_CONFIG).",
)
@click.option("-v", "--verbose", count=True, help="Debug logging (-vv: libraries too).")
@click.version_option(package_name="notifyd")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, verbose: int) -> None:
    """notifyd: never miss an Amazon seller performance notice."""
    ctx.obj = Context(config, verbose)
    ctx.call_on_close(ctx.obj.close)
    setup_logging(verbose)


def actor_option(fn: F) -> F:
    return click.option("--by", "actor", default=None, help="Who (default: your OS user).")(fn)


def who(actor: str | None) -> str:
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


# --- run ------------------------------------------------------------------------------------


@cli.command()
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
        if failures and len(failures) == len(report.polls):
            sys.exit(1)
        return
    from notifyd.run import daemon

    sys.exit(daemon.run_forever(ctx.config_path, ctx.settings, ctx.verbose))


# --- parse ----------------------------------------------------------------------------------


def classification_json(path: str, raw: bytes, rules: Rules) -> dict[str, Any]:
    parsed = parse_email(raw)
    result = classify(parsed, rules)
    return {
        "file": path,
        "message_id": parsed.message_id or None,
        "subject": parsed.subject,
        "sender": parsed.sender,
        "date": to_db(parsed.date_at),
        "is_notice": result.is_notice,
        "category": result.category,
        "issue_type": result.issue_type,
        "asins": sorted(result.asins),
        "deadline": to_db(result.deadline_at),
        "severity": result.severity,
        "marketplace": result.marketplace,
        "language": result.language,
        "metrics": result.metrics,
        "suspected_phishing": result.suspected_phishing,
        "unrecognised": result.unrecognised,
        "skus": list(result.skus),
        "order_ids": list(result.order_ids),
        "reasons": list(result.reasons),
    }


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line per file.")
@pass_ctx
def parse(ctx: Context, files: Sequence[Path], as_json: bool) -> None:
    """Parse and classify .eml files; no database, no alerts."""
    rules = ctx.rules() if (ctx.config_path or os.environ.get("NOTIFYD_CONFIG")) else load_rules()
    status = 0
    for path in files:
        try:
            item = classification_json(str(path), path.read_bytes(), rules)
        except (OSError, ParseError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            click.echo(f"notifyd: {path}: {reason}", err=True)
            if as_json:
                click.echo(json.dumps({"file": str(path), "error": reason}))
            status = 1
            continue
        if as_json:
            click.echo(json.dumps(item, ensure_ascii=False))
        else:
            label = (
                "PHISHING"
                if item["suspected_phishing"]
                else (
                    f"{item['severity']} {item['category']}/{item['issue_type']}"
                    if item["is_notice"]
                    else "not a notice"
                )
            )
            click.echo(
                f"{path}: {label} {' '.join(item['asins'])} deadline={item['deadline'] or '-'}"
            )
    sys.exit(status)


# --- notices and the response log -----------------------------------------------------------


def notice_json(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["date"] = row.get("received_at")
    out["deadline"] = row.get("deadline_at")
    return {key: out.get(key) for key in NOTICE_FIELDS}


@cli.command()
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


@cli.command()
@click.argument("notice_id", type=int)
@actor_option
@pass_ctx
def ack(ctx: Context, notice_id: int, actor: str | None) -> None:
    """Acknowledge a notice: reminders and escalation stop."""
    respond.acknowledge(ctx.store, notice_id, who(actor), utcnow())
    click.echo(f"notice {notice_id} acknowledged")


@cli.command()
@click.argument("notice_id", type=int)
@click.option("--note", default=None, help="What was done.")
@actor_option
@pass_ctx
def resolve(ctx: Context, notice_id: int, note: str | None, actor: str | None) -> None:
    """Mark a notice resolved."""
    respond.resolve(ctx.store, notice_id, who(actor), note, utcnow())
    click.echo(f"notice {notice_id} resolved")


@cli.command()
@click.argument("notice_id", type=int)
@actor_option
@pass_ctx
def reopen(ctx: Context, notice_id: int, actor: str | None) -> None:
    """Reopen an acknowledged or resolved notice."""
    now = utcnow()
    row = respond.reopen(ctx.store, notice_id, who(actor), now)
    deadline = ctx.store.timestamp(row["deadline_at"])
    if deadline is not None:
        cfg = ctx.settings.reminders
        nxt = remind.next_reminder(deadline, cfg.before, cfg.overdue_every, now)
        ctx.store.db.conn.execute(
            "UPDATE notices SET next_reminder_at = ? WHERE id = ?", (to_db(nxt), notice_id)
        )
    click.echo(f"notice {notice_id} reopened")


@cli.command()
@click.argument("notice_id", type=int)
@click.argument("text")
@actor_option
@pass_ctx
def note(ctx: Context, notice_id: int, text: str, actor: str | None) -> None:
    """Add a note to a notice's response log."""
    respond.add_entry(ctx.store, notice_id, "note", who(actor), text, utcnow())
    click.echo(f"note added to notice {notice_id}")


@cli.command()
@click.argument("notice_id", type=int)
@click.argument("text")
@actor_option
@pass_ctx
def action(ctx: Context, notice_id: int, text: str, actor: str | None) -> None:
    """Record a corrective action taken for a notice."""
    respond.add_entry(ctx.store, notice_id, "action", who(actor), text, utcnow())
    click.echo(f"action recorded for notice {notice_id}")


@cli.command()
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


@cli.command()
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
                {"notice": notice_json(row), "events": events, "deliveries": deliveries},
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
            f"  {event['at']}  {event['kind']:12} {printable(event['actor'] or ''):10} "
            f"{printable(event['text'] or '')}"
        )
    click.echo("\ndeliveries:")
    for d in deliveries:
        click.echo(
            f"  {d['attempted_at']}  {d['channel']:10} {d['purpose']:10} "
            f"{'ok' if d['ok'] else 'FAILED: ' + printable(d['error'] or '')}"
        )


# --- import, check, test-alert ----------------------------------------------------------------


@cli.command(name="import")
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


@cli.command()
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
        daemon = report.get("daemon") or {}
        if daemon.get("descriptors") is not None:
            click.echo(
                f"daemon: pid {daemon['pid']}, {daemon['watching']} watched, "
                f"{daemon['descriptors']} of {daemon['descriptor_limit']} descriptors in use"
            )
        for item in report["next_reminders"]:
            click.echo(f"next reminder: notice {item['notice_id']} at {item['at']}")
        if report["next_digest_at"]:
            click.echo(f"next digest: {report['next_digest_at']}")
        for problem in report["problems"]:
            click.echo(f"problem: {problem}")
    sys.exit(0 if report["healthy"] else 1)


@cli.command()
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


@cli.command(name="test-alert")
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
        severity,
        "test",
        now,
        channels=settings.channel,
    )
    alert.deliver_due(ctx.store, settings, now)
    failed = 0
    for channel in settings.channel:
        row = ctx.store.one(
            "SELECT d.ok, d.error FROM deliveries d JOIN alerts a ON a.id = d.alert_id "
            "WHERE a.purpose = 'test' AND a.channel = ? ORDER BY d.id DESC LIMIT 1",
            (channel.name,),
        )
        if row and row["ok"]:
            click.echo(f"{channel.name}: ok")
        else:
            failed += 1
            click.echo(f"{channel.name}: FAILED: {(row or {}).get('error') or 'not attempted'}")
    # A test alert is not retried: it would arrive long after the person stopped waiting.
    ctx.store.db.conn.execute(
        "UPDATE alerts SET failed_at = ? WHERE purpose = 'test' AND sent_at IS NULL", (to_db(now),)
    )
    sys.exit(1 if failed else 0)


def main(argv: list[str] | None = None) -> None:
    """Entry point: domain errors and usage errors become one line and an exit status."""
    try:
        cli.main(args=argv, prog_name="notifyd", standalone_mode=False)
    except ConfigError as exc:
        for line in exc.problems:
            click.echo(f"notifyd: config: {line}", err=True)
        sys.exit(2)
    except NotifydError as exc:
        click.echo(f"notifyd: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
        sys.exit(2)
    except click.UsageError as exc:
        hint = (
            f" (see `notifyd {exc.ctx.command.name} --help`)"
            if exc.ctx and exc.ctx.command.name != "cli"
            else " (see `notifyd --help`)"
        )
        click.echo(f"notifyd: {exc.format_message()}{hint}", err=True)
        sys.exit(2)
    except click.Abort:
        click.echo("notifyd: aborted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)


from notifyd.cli import seller as cli_seller  # noqa: E402,F401  (registers draft/export/stats/digest)
