"""Signed action links in alerts: the server secret, and tokens bound to one notice, one action
and one channel, that expire."""

from __future__ import annotations

import hmac
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from itsdangerous import BadSignature, Signer

from notifyd.core.errors import ConfigError, NotifydError
from notifyd.core.settings import Settings
from notifyd.core.vocab import NoticeStatus
from notifyd.store.rows import Notice

# One letter per action keeps the token short enough for an SMS next to its text.
ACTIONS: dict[str, str] = {"ack": "a", "snooze": "s", "open": "o"}
LABELS: dict[str, str] = {"ack": "Acknowledge", "snooze": "Snooze 24 h", "open": "Open"}
SNOOZE = timedelta(hours=24)
_SALT = "notifyd.action-link.v1"
_CODES = {code: action for action, code in ACTIONS.items()}
CREDENTIAL = "web-secret"
GENERATED = "web-secret"  # beside the database
MIN_LENGTH = 16

log = logging.getLogger(__name__)


class ForgedLink(NotifydError):
    """The token was not signed by this server's secret, or was altered after signing."""


class ExpiredLink(NotifydError):
    """A genuine link whose time is up; it still names its notice, to show the current state."""

    def __init__(self, link: Link) -> None:
        self.link = link
        super().__init__(f"the link for notice {link.notice_id} expired")


@dataclass(frozen=True)
class Link:
    """What a verified token says."""

    notice_id: int
    action: str  # ack | snooze | open
    channel: str
    expires_at: datetime
    signature: str  # unique to the token: what the used-links table remembers

    @property
    def label(self) -> str:
        return LABELS[self.action]


def _signer(secret: bytes) -> Signer:
    return Signer(secret, salt=_SALT)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def make_token(secret: bytes, notice_id: int, action: str, channel: str, expires_at: datetime) -> str:
    value = f"{notice_id}.{ACTIONS[action]}.{_base36(int(expires_at.timestamp()))}.{channel}"
    return _signer(secret).sign(value).decode("ascii")


def read_token(secret: bytes, token: str, now: datetime) -> Link:
    """The link a token stands for; ForgedLink when it is not ours, ExpiredLink when too old."""
    signer = _signer(secret)
    try:
        value = signer.unsign(token.encode("ascii")).decode("ascii")
    except (BadSignature, UnicodeError):
        raise ForgedLink("this link is not valid: it was not issued by this notifyd") from None
    # Base64 ignores the spare bits of its last character, so a signature with one character
    # changed there still verifies: only the exact token this server issued counts.
    if not hmac.compare_digest(signer.sign(value), token.encode("ascii")):
        raise ForgedLink("this link is not valid: it was altered")
    try:
        number, code, expiry, channel = value.split(".", 3)
        link = Link(
            notice_id=int(number),
            action=_CODES[code],
            channel=channel,
            expires_at=datetime.fromtimestamp(int(expiry, 36), UTC),
            signature=token.rsplit(".", 1)[1],
        )
    except (ValueError, KeyError, OverflowError):
        # Signed by us yet unreadable: only a token of a future format; refuse it all the same.
        raise ForgedLink("this link is not valid: its contents cannot be read") from None
    if now >= link.expires_at:
        raise ExpiredLink(link)
    return link


def link_url(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}/l/{token}"


def action_links(
    public_url: str,
    secret: bytes,
    notice_id: int,
    channel: str,
    now: datetime,
    ttl: timedelta,
    acknowledged: bool = False,
) -> list[tuple[str, str]]:
    """(label, URL) for each link an alert carries; an acknowledged notice gets only Open."""
    wanted = ["open"] if acknowledged else ["ack", "snooze", "open"]
    expires_at = now + ttl
    return [
        (LABELS[a], link_url(public_url, make_token(secret, notice_id, a, channel, expires_at)))
        for a in wanted
    ]


# --- the server secret and the links of one alert ---------------------------------------------


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
    settings: Settings, channel: str, notice: Notice, now: datetime
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
        notice.id,
        channel,
        now,
        web.link_ttl,
        acknowledged=notice.status is not NoticeStatus.OPEN,
    )
