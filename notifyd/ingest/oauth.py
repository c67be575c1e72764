"""Obtain OAuth2 access tokens for IMAP: from a command, or by refreshing a refresh token."""

from __future__ import annotations

import json
import shlex
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from notifyd.core.errors import AuthError
from notifyd.core.settings import MailboxConfig

# Refresh this long before expiry so a token never dies between login and the next command.
REFRESH_MARGIN = timedelta(minutes=5)


def xoauth2_string(user: str, token: str) -> str:
    """The SASL XOAUTH2 initial response (before base64), as Gmail and Microsoft 365 expect it."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


@dataclass
class _Cached:
    token: str
    expires_at: datetime


class TokenSource:
    """Hands out a valid access token for one mailbox, refreshing it when it is about to expire."""

    def __init__(self, config: MailboxConfig) -> None:
        self.config = config
        self._cached: _Cached | None = None
        self._refresh_token = (
            config.oauth2_refresh_token.get_secret_value() if config.oauth2_refresh_token else None
        )
        self._lock = threading.Lock()

    def token(self, now: datetime) -> str:
        with self._lock:
            if self.config.oauth2_token_command:
                return self._from_command(self.config.oauth2_token_command)
            if self._cached and self._cached.expires_at - REFRESH_MARGIN > now:
                return self._cached.token
            self._cached = self._refresh(now)
            return self._cached.token

    def _from_command(self, command: str) -> str:
        try:
            done = subprocess.run(
                shlex.split(command), capture_output=True, text=True, timeout=60, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise AuthError(
                f"mailbox {self.config.name}: oauth2_token_command failed to run: {exc}"
            ) from None
        token = done.stdout.strip()
        if done.returncode != 0 or not token:
            # stderr may explain the failure; stdout could hold a partial secret, so never echo it.
            detail = done.stderr.strip().splitlines()[-1:] or ["no output"]
            raise AuthError(
                f"mailbox {self.config.name}: oauth2_token_command exited {done.returncode}: "
                f"{detail[0][:200]}"
            )
        return token

    def _refresh(self, now: datetime) -> _Cached:
        cfg = self.config
        form = {
            "grant_type": "refresh_token",
            "client_id": cfg.oauth2_client_id or "",
            "refresh_token": self._refresh_token or "",
        }
        if cfg.oauth2_scope:
            form["scope"] = cfg.oauth2_scope
        if cfg.oauth2_client_secret:
            form["client_secret"] = cfg.oauth2_client_secret.get_secret_value()
        request = urllib.request.Request(
            cfg.oauth2_token_url or "",
            data=urllib.parse.urlencode(form).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request, timeout=cfg.timeout.total_seconds()) as response:
                payload = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            raise AuthError(
                f"mailbox {cfg.name}: token endpoint answered HTTP {exc.code}; "
                "check oauth2_client_id and the refresh token"
            ) from None
        except (urllib.error.URLError, TimeoutError, ValueError) as exc:
            raise AuthError(f"mailbox {cfg.name}: token endpoint unreachable: {exc}") from None
        token = payload.get("access_token")
        if not isinstance(token, str) or not token:
            raise AuthError(f"mailbox {cfg.name}: token endpoint returned no access_token")
        rotated = payload.get("refresh_token")
        if isinstance(rotated, str) and rotated and rotated != self._refresh_token:
            self._refresh_token = rotated
            self._save_refresh_token(rotated)
        lifetime = int(payload.get("expires_in") or 3600)
        return _Cached(token, now + timedelta(seconds=lifetime))

    def _save_refresh_token(self, token: str) -> None:
        """Providers may rotate the refresh token; losing the new one would lock the mailbox out."""
        path = self.config.oauth2_refresh_token_file
        if path is None:
            return
        tmp = Path(f"{path}.tmp")
        tmp.touch(mode=0o600)
        tmp.write_text(token + "\n", encoding="utf-8")
        tmp.replace(path)
