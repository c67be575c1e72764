"""Which configured secret files other users can read: one warning line each, naming the key."""

from __future__ import annotations

import stat
from pathlib import Path

from notifyd.core.settings import Settings


def secret_files(settings: Settings) -> list[tuple[str, Path]]:
    """Every file the configuration reads a password, token, secret or channel URL from."""
    found: list[tuple[str, Path]] = []
    for box in settings.mailbox:
        for key in ("password_file", "oauth2_client_secret_file", "oauth2_refresh_token_file"):
            path = getattr(box, key)
            if path is not None:
                found.append((f"mailbox[{box.name!r}].{key}", Path(path)))
    for channel in settings.channel:
        if channel.url_file is not None:
            found.append((f"channel[{channel.name!r}].url_file", Path(channel.url_file)))
    if settings.digest.url_file is not None:
        found.append(("digest.url_file", Path(settings.digest.url_file)))
    if settings.web is not None and settings.web.secret_file is not None:
        found.append(("web.secret_file", Path(settings.web.secret_file)))
    return found


def exposed(settings: Settings) -> list[str]:
    """One line per secret file any other user on the machine may read (a missing or
    unreadable file is reported elsewhere, when the secret is read)."""
    lines = []
    for key, path in secret_files(settings):
        try:
            mode = path.stat().st_mode
        except OSError:
            continue
        if mode & stat.S_IROTH:
            lines.append(
                f"{key}: {path} is readable by every user on this machine "
                f"(mode {stat.S_IMODE(mode):04o}); run `chmod 600 {path}`"
            )
    return lines
