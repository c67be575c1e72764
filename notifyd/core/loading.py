"""How a command loads its configuration: the default database path, and whether secrets are read."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

# False while a command that only reads the database (`notices`, `show`, ...) loads the
# configuration: those must work without the mailbox passwords and channel URLs, which a server
# keeps from the people who read notices.
_RESOLVE_SECRETS: ContextVar[bool] = ContextVar("resolve_secrets", default=True)

SYSTEM_DATABASE = Path("/var/lib/notifyd/notifyd.db")


def resolving_secrets() -> bool:
    return _RESOLVE_SECRETS.get()


@contextmanager
def without_secrets() -> Iterator[None]:
    """Validate the configuration without reading any password, token or URL (they stay None)."""
    token = _RESOLVE_SECRETS.set(False)
    try:
        yield
    finally:
        _RESOLVE_SECRETS.reset(token)


def default_database() -> Path:
    """The database unless configured: the system state directory for root (as the systemd unit
    uses), $XDG_DATA_HOME/notifyd/notifyd.db for everyone else; never the working directory, where
    a command run from another folder would silently start an empty database."""
    if os.geteuid() == 0:
        return SYSTEM_DATABASE
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "notifyd" / "notifyd.db"
