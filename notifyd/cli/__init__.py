"""The command line: the `notifyd` group, `parse`, and turning errors into one line and a status."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from notifyd.cli import admin, notices, ops, respond, seller, web
from notifyd.cli.context import Context, pass_ctx, setup_logging
from notifyd.core.clock import to_db
from notifyd.core.errors import ConfigError, NotifydError, ParseError
from notifyd.ingest.parse import parse_email
from notifyd.understand.classify import Rules, classify, load_rules
from notifyd.understand.explain import explain as explain_reading


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
        "requested": list(result.requested),
        "documents": list(result.documents),
        "respond_via": result.respond_via,
        "followup": result.followup,
        "case_ids": list(result.case_ids),
    }


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line per file.")
@click.option("--explain", is_flag=True, help="Print the reading: parts, phrases, weights.")
@pass_ctx
def parse(ctx: Context, files: Sequence[Path], as_json: bool, explain: bool) -> None:
    """Parse and classify .eml files; no database, no alerts."""
    rules = ctx.rules() if (ctx.config_path or os.environ.get("NOTIFYD_CONFIG")) else load_rules()
    status = 0
    for path in files:
        try:
            if explain:
                click.echo(f"== {path}")
                click.echo("\n".join(explain_reading(parse_email(path.read_bytes()), rules)))
                continue
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


# Each command lives in the module for its audience; none of them imports this group back.
for _module in (notices, respond, ops, seller, admin, web):
    for _command in _module.COMMANDS:
        cli.add_command(_command)
