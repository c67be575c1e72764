"""The administrator's commands: backup and restore of the database, and `help config`."""

from __future__ import annotations

from pathlib import Path

import click

from notifyd.cli.context import Context, pass_ctx
from notifyd.cli.help_config import config_page
from notifyd.core.clock import utcnow
from notifyd.store import backup as backups
from notifyd.store import identity
from notifyd.store.db import Store


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_ctx
def backup(ctx: Context, file: Path) -> None:
    """Copy the database to FILE (mode 0600), safely while the daemon runs."""
    # Not through Store: opening it would migrate an older schema before it is saved.
    database = ctx.existing_database()
    report = backups.backup(database, file)
    click.echo(
        f"backed up {database} to {report.path}: schema version {report.schema_version}, "
        f"{report.notices} notices, {report.size} bytes"
    )


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_ctx
def restore(ctx: Context, file: Path) -> None:
    """Replace the database with the backup FILE; the current one is kept as *.bak.
    Stop the daemon first (systemctl stop notifyd)."""
    report = backups.restore(file, ctx.settings.database, utcnow())
    # A restore is deliberate: `run` takes the restored database as this instance's own.
    with Store(report.database) as store:
        identity.claim(store, utcnow(), fresh=True)
    kept = f"; the previous database is kept as {report.kept_as}" if report.kept_as else ""
    click.echo(
        f"restored {report.database} from {report.restored_from}: schema version "
        f"{report.schema_version}, {report.notices} notices{kept}"
    )


@click.group(name="help")
def help_() -> None:
    """Reference pages: `notifyd help config`."""


@help_.command(name="config")
def help_config() -> None:
    """Every configuration key: type, default, environment variable, meaning."""
    click.echo(config_page(), nl=False)


COMMANDS = (backup, restore, help_)
