"""What every command shares: the lazily loaded settings and store, logging, and who is acting."""

from __future__ import annotations

import getpass
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import click

from notifyd.core.errors import NotifydError
from notifyd.core.loading import without_secrets
from notifyd.core.redact import redact
from notifyd.core.settings import Settings, load_settings
from notifyd.store.db import Store
from notifyd.store.preflight import check_database
from notifyd.understand.classify import Rules, load_rules

F = TypeVar("F", bound=Callable[..., Any])

class MissingDatabase(NotifydError):
    """A command that reads or changes notices was pointed at a database that does not exist."""


class Context:
    """What every command may need, loaded lazily so `parse` works without a config file.

    `settings` never reads a secret: listing and changing notices must work for a user who
    may not read the mailbox passwords. Commands that connect to a server ask for
    `secret_settings`. `store` never creates a database; `run` and `import` use `open_store`.
    """

    def __init__(self, config: Path | None, verbose: int) -> None:
        self.config_path = config
        self.verbose = verbose
        self._settings: Settings | None = None
        self._secret_settings: Settings | None = None
        self._store: Store | None = None

    @property
    def settings(self) -> Settings:
        if self._secret_settings is not None:
            return self._secret_settings
        if self._settings is None:
            with without_secrets():
                self._settings = load_settings(self.config_path)
        return self._settings

    @property
    def secret_settings(self) -> Settings:
        """The configuration with every password, token and channel URL read."""
        if self._secret_settings is None:
            self._secret_settings = load_settings(self.config_path)
            RedactSecrets.secrets = self._secret_settings.secrets()
        return self._secret_settings

    @property
    def store(self) -> Store:
        """The existing database; MissingDatabase (exit 1, nothing created) when there is none."""
        if self._store is None:
            self._store = Store(self.existing_database())
        return self._store

    def existing_database(self) -> Path:
        path = self.settings.database
        # A dangling symlink or a read-only mount says so (exit 3), not just "no database".
        check_database(path)
        if not path.exists():
            raise MissingDatabase(
                f"no database at {path}; set `database` in the config or NOTIFYD_DATABASE "
                "(`notifyd import` or `notifyd run` creates it)"
            )
        return path

    def open_store(self) -> Store:
        """The database, created (mode 0600, with its folder) when it does not exist yet."""
        if self._store is None:
            self._store = Store(self.database_folder_ready())
        return self._store

    def database_folder_ready(self) -> Path:
        """The database path, its folder created (0700) if missing, e.g. ~/.local/share/notifyd."""
        path = self.settings.database
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise NotifydError(f"cannot create {path.parent}: {exc.strerror}") from None
        return path

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


def actor_option(fn: F) -> F:
    return click.option("--by", "actor", default=None, help="Who (default: your OS user).")(fn)


def who(actor: str | None) -> str:
    if actor:
        return actor
    if os.environ.get("SUDO_USER"):  # under sudo, the person who typed the command, not root
        return os.environ["SUDO_USER"]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


pass_ctx = click.make_pass_decorator(Context)
