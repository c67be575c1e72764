"""The server secret behind links and sessions: from a file, a systemd credential, or made once."""

from __future__ import annotations

import logging
import os
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any

from notifyd.core.errors import ConfigError, NotifydError
from notifyd.core.settings import Settings
from notifyd.web.links import action_links

CREDENTIAL = "web-secret"
GENERATED = "web-secret"  # beside the database
MIN_LENGTH = 16

log = logging.getLogger(__name__)


def secret_path(settings: Settings) -> Path:
    """Where the secret is read from: secret_file, the credential, or the file notifyd makes."""
    web = settings.web
    if web is not None and web.secret_file is not None:
        return web.secret_file
    directory = os.environ.get("CREDENTIALS_DIRECTORY")
    if directory and (Path(directory) / CREDENTIAL).is_file():
        return Path(directory) / CREDENTIAL
    return settings.database.resolve().parent / GENERATED


def load_secret(settings: Settings, create: bool = True) -> bytes:
    """The secret's bytes; generated with mode 0600 the first time when no other is given."""
    path = secret_path(settings)
    configured = settings.web is not None and settings.web.secret_file is not None
    if create and not configured and not path.exists():
        _generate(path)
    try:
        value = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError([f"web.secret_file: cannot read {path}: {exc.strerror}"]) from None
    if len(value) < MIN_LENGTH:
        raise ConfigError(
            [f"web.secret_file: {path} holds fewer than {MIN_LENGTH} characters; "
             "use a long random value (e.g. `openssl rand -base64 32`)"]
        )
    return value.encode("utf-8")


def _generate(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another process made it a moment ago: use theirs
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_urlsafe(32) + "\n")


def links_for(
    settings: Settings, channel: str, notice: dict[str, Any], now: datetime
) -> list[tuple[str, str]]:
    """The action links an alert to `channel` about `notice` carries; none without public_url."""
    web = settings.web
    if web is None or not web.public_url:
        return []
    try:
        secret = load_secret(settings)
    except NotifydError as exc:
        # An alert without links still warns the seller; an alert not sent does not.
        log.warning("alert links left out: %s", exc)
        return []
    return action_links(
        web.public_url,
        secret,
        int(notice["id"]),
        channel,
        now,
        web.link_ttl,
        acknowledged=bool(notice.get("acknowledged_at") or notice.get("resolved_at")),
    )
