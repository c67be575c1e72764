"""The weekly digest: when one is due, and sending it exactly once (view, text and html say what
it shows and how it reads)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from notifyd.core.accounts import account_names, account_of, shown_accounts
from notifyd.core.settings import Settings
from notifyd.deliver.monitor import next_weekly
from notifyd.seller.digest.html import render_html
from notifyd.seller.digest.text import render_text
from notifyd.seller.digest.view import Digest, gather, narrowed, period_key
from notifyd.store.db import Notice, Store

if TYPE_CHECKING:
    from notifyd.deliver import notify

__all__ = [
    "CLAIM_LEASE",
    "NO_ACCOUNT",
    "Attempt",
    "Digest",
    "current",
    "due",
    "every_scope",
    "gather",
    "render_html",
    "render_text",
    "scope_named",
    "scopes",
    "send_all_due",
    "send_due",
    "send_now",
]

log = logging.getLogger(__name__)

# A claim older than this belongs to a process that died while sending; it may be taken over.
CLAIM_LEASE = timedelta(minutes=10)


# --- when -----------------------------------------------------------------------------------


def last_scheduled(schedule: str, tz: tzinfo, now: datetime) -> datetime:
    """The most recent scheduled time at or before now (UTC), on the local wall clock."""
    following = next_weekly(schedule, tz, now).astimezone(tz)
    # A week back on the wall clock, so the digest stays at 08:00 across a DST change.
    previous = (following.replace(tzinfo=None) - timedelta(weeks=1)).replace(tzinfo=tz)
    return previous.astimezone(now.tzinfo)


def week_before(end: datetime, tz: tzinfo) -> datetime:
    """Seven days earlier on the local wall clock: a digest period is one calendar week."""
    local = end.astimezone(tz)
    return (
        (local.replace(tzinfo=None) - timedelta(weeks=1)).replace(tzinfo=tz).astimezone(end.tzinfo)
    )


# The per-account digest for notices no configured account claims (imports, removed mailboxes).
NO_ACCOUNT = "no account"


def scopes(settings: Settings) -> list[str | None]:
    """Whose digests are sent: [None] (one for everything), or with `per_account` each
    configured account in mailbox order, then NO_ACCOUNT (sent only when it has something)."""
    if not settings.digest.per_account:
        return [None]
    return list(every_scope(settings))


def every_scope(settings: Settings) -> list[str]:
    """Every account a digest can be for, whether or not `per_account` is on."""
    return [*dict.fromkeys(account_names(settings).values()), NO_ACCOUNT]


def scope_named(settings: Settings, name: str) -> str | None:
    """The account `name` means (its display name, or a mailbox's name, any case), or None."""
    wanted = name.casefold()
    for mailbox, account in account_names(settings).items():
        if wanted in (mailbox.casefold(), account.casefold()):
            return account
    return NO_ACCOUNT if wanted == NO_ACCOUNT else None


def _key(week: str, scope: str | None) -> str:
    # The account rides in the period key, so each (week, account) is claimed and sent once.
    return week if scope is None else f"{week} {scope}"


def due(store: Store, settings: Settings, now: datetime, scope: str | None = None) -> str | None:
    """The period key of the most recent scheduled digest (of `scope`, an account from
    scopes()) when it has not been sent, else None.

    Only the most recent one: after three weeks of downtime one digest goes out, not three."""
    if settings.digest.url is None:
        return None
    end = last_scheduled(settings.digest.schedule, settings.tz, now)
    key = _key(period_key(week_before(end, settings.tz), end, settings.tz), scope)
    return None if store.digest_sent(key) else key


def _gather(
    store: Store, settings: Settings, start: datetime, end: datetime, now: datetime,
    scope: str | None,
) -> Digest:  # fmt: skip
    whole = gather(store, start, end, now, settings.tz, None, shown_accounts(settings))
    if scope is None:
        return whole
    wanted = None if scope == NO_ACCOUNT else scope

    def belongs(n: Notice) -> bool:
        return account_of(n.mailbox, settings) == wanted

    return narrowed(whole, scope, belongs, store.notice)


# --- sending ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    period: str
    ok: bool
    error: str | None = None


def _send(settings: Settings, d: Digest) -> notify.Outcome:
    from notifyd.deliver import (
        notify,  # lazily: apprise is slow to import and most commands never send
    )

    assert settings.digest.url is not None
    return notify.send_email_digest(
        settings.digest.url.get_secret_value(), d.subject, render_html(d), render_text(d)
    )


def send_due(
    store: Store, settings: Settings, now: datetime, scope: str | None = None
) -> Attempt | None:
    """Send the due digest (of `scope`) once: claim its row, send, mark it sent. A failed send
    keeps its claim for one CLAIM_LEASE, so the tick (every 15 s) retries it that much later
    rather than at once. None when nothing is due or a claim is held."""
    key = due(store, settings, now, scope)
    if key is None:
        return None
    end = last_scheduled(settings.digest.schedule, settings.tz, now)
    if not store.claim_digest(key, now, CLAIM_LEASE):
        return None
    digest = _gather(store, settings, week_before(end, settings.tz), end, now, scope)
    if scope == NO_ACCOUNT and digest.empty:
        store.finish_digest(key, now)  # nobody to tell that notices of no account are none
        return None
    outcome = _send(settings, digest)
    if outcome.ok:
        store.finish_digest(key, now)
        log.info("weekly digest %s sent", key)
    else:
        log.warning("weekly digest %s not sent, will retry: %s", key, outcome.error)
    return Attempt(key, outcome.ok, outcome.error)


def send_all_due(store: Store, settings: Settings, now: datetime) -> list[Attempt]:
    """Every due digest: the one digest, or with `per_account` one per account."""
    attempts = (send_due(store, settings, now, scope) for scope in scopes(settings))
    return [a for a in attempts if a is not None]


def current(
    store: Store, settings: Settings, now: datetime, scope: str | None = None
) -> Digest:
    """The digest of the seven days up to now, for `digest --preview` and `--send`."""
    return _gather(store, settings, week_before(now, settings.tz), now, now, scope)


def send_now(
    store: Store, settings: Settings, now: datetime, only: str | None = None
) -> list[Attempt]:
    """`notifyd digest --send`: the last seven days, now, one digest or one per account (or
    `only` that account's); each also counts as the due digest, if one is due, so the daemon
    does not send that week again."""
    attempts = []
    for scope in [only] if only is not None else scopes(settings):
        digest = current(store, settings, now, scope)
        key = due(store, settings, now, scope)
        if scope == NO_ACCOUNT and digest.empty and only is None:
            continue
        outcome = _send(settings, digest)
        if outcome.ok and key is not None:
            store.mark_digest_sent(key, now)
        attempts.append(Attempt(key or _key(digest.period, scope), outcome.ok, outcome.error))
    return attempts
