"""Who may use the console: argon2 password hashes, session tokens and a sign-in throttle."""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections import deque
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from notifyd.core.errors import NotifydError

SESSION_LIFETIME = timedelta(days=14)
MIN_PASSWORD = 10
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY = _hasher.hash(secrets.token_urlsafe(16))


class UserError(NotifydError):
    """A user name or password that cannot be accepted."""


def check_name(name: str) -> str:
    if not name or len(name) > 64 or not all(c.isalnum() or c in "._-@" for c in name):
        raise UserError(f"{name!r} is not a user name; use letters, digits, '.', '_', '-', '@'")
    return name


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"the password is too short; use at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two tokens; an absent one never matches."""
    return bool(a) and bool(b) and secrets.compare_digest(str(a), str(b))


class Throttle:
    """At most `limit` failed sign-ins per key (an address, a user name) within `window`."""

    def __init__(self, limit: int = 5, window: timedelta = timedelta(minutes=15)) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: datetime) -> deque[datetime]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def blocked(self, keys: list[str], now: datetime) -> timedelta | None:
        """How long until a sign-in for any of `keys` is allowed again; None when it is now."""
        with self._lock:
            waits = [
                times[0] + self.window - now
                for key in keys
                if len(times := self._recent(key, now)) >= self.limit
            ]
        return max(waits) if waits else None

    def failed(self, keys: list[str], now: datetime) -> None:
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)
            # Bound the memory a scan of many addresses or names can take.
            if len(self._failures) > 10_000:
                for key in [k for k, v in self._failures.items() if not v][:5000]:
                    del self._failures[key]

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
