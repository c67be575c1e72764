"""Signed action links: tokens bound to one notice, one action and one channel, that expire."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from itsdangerous import BadSignature, Signer

from notifyd.core.errors import NotifydError

# One letter per action keeps the token short enough for an SMS next to its text.
ACTIONS: dict[str, str] = {"ack": "a", "snooze": "s", "open": "o"}
LABELS: dict[str, str] = {"ack": "Acknowledge", "snooze": "Snooze 24 h", "open": "Open"}
SNOOZE = timedelta(hours=24)
_SALT = "notifyd.action-link.v1"
_CODES = {code: action for action, code in ACTIONS.items()}


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
