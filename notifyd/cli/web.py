"""`notifyd web` serves the console alone; `notifyd user add|remove` manages who may sign in."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit

import click

from notifyd.cli.context import Context, pass_ctx, setup_logging
from notifyd.core.clock import utcnow
from notifyd.core.errors import NotifydError
from notifyd.core.settings import Settings
from notifyd.deliver.links import CREDENTIAL, load_secret, secret_path
from notifyd.deliver.render import humanize
from notifyd.web import auth


@click.command()
@pass_ctx
def web(ctx: Context) -> None:
    """Serve the web console (and the pages behind alert links) until stopped."""
    from notifyd.web.serve import WebServer

    setup_logging(ctx.verbose, ctx.settings.log_level)
    settings = ctx.settings
    ctx.open_store()  # creates and migrates the database before the server opens it
    server = WebServer(lambda: settings).start()
    click.echo(f"notifyd console on {server.url}; stop with Ctrl-C", err=True)
    stop = threading.Event()

    def handle(signum: int, frame: FrameType | None) -> None:
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, handle)
    stop.wait()
    server.close()


@click.group()
def user() -> None:
    """Who may sign in to the web console."""


@user.command(name="add")
@click.argument("name")
@click.option(
    "--password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Read the password from this file instead of a prompt.",
)
@pass_ctx
def user_add(ctx: Context, name: str, password_file: Path | None) -> None:
    """Add a user, or set a new password for one (their sessions end)."""
    auth.check_name(name)
    if password_file is not None:
        try:
            password = password_file.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise NotifydError(f"cannot read {password_file}: {exc.strerror}") from None
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    created = ctx.open_store().set_web_user(name, auth.hash_password(password), utcnow())
    click.echo(f"user {name} {'added' if created else 'has a new password'}")


@user.command(name="remove")
@click.argument("name")
@pass_ctx
def user_remove(ctx: Context, name: str) -> None:
    """Remove a user; their sessions end at once."""
    if not ctx.store.remove_web_user(name):
        raise NotifydError(f"no user {name}")
    click.echo(f"user {name} removed")


def check_lines(settings: Settings) -> list[str]:
    """What `notifyd check` says of [web]: where the console listens, where alert links point,
    where the link secret comes from (never the secret itself); ConfigError when it is unusable."""
    web = settings.web
    if web is None:
        return []
    if web.public_url:
        parts = urlsplit(web.public_url)
        # Scheme, host and path only: a user:password@ in the address is not for the screen.
        port = f":{parts.port}" if parts.port else ""
        links = (
            f"alert links to {parts.scheme}://{parts.hostname}{port}{parts.path}, "
            f"valid {humanize(web.link_ttl)}"
        )
    else:
        links = "no alert links (set public_url)"
    path = secret_path(settings)
    credentials = os.environ.get("CREDENTIALS_DIRECTORY")
    if web.secret_file is not None:
        source = f"link secret from secret_file {path}"
    elif credentials and path.parent == Path(credentials):
        source = f"link secret from the systemd credential {CREDENTIAL}"
    elif path.exists():
        source = f"link secret from {path}"
    else:
        source = f"link secret made on first start as {path}"
    if path.exists() or web.secret_file is not None:
        load_secret(settings, create=False)  # unreadable or too short: exit 2 now, not at 04:00
    return [f"web: console on http://{web.listen}, {links}, {source}"]


COMMANDS: list[click.Command] = [web, user]  # added to the `notifyd` group by notifyd.cli
