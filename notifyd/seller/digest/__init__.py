"""The weekly digest: when one is due, and sending it exactly once (view, text and html say what
it shows and how it reads)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from notifyd.core.accounts import shown_accounts
from notifyd.core.settings import Settings
from notifyd.deliver.monitor import next_weekly
from notifyd.seller.digest.html import render_html
from notifyd.seller.digest.text import render_text
from notifyd.seller.digest.view import Digest, gather, period_key
from notifyd.store.db import Store

if TYPE_CHECKING:
    from notifyd.deliver import notify

__all__ = [
    "CLAIM_LEASE",
    "Attempt",
    "Digest",
    "current",
    "due",
    "gather",
    "render_html",
    "render_text",
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


def due(store: Store, settings: Settings, now: datetime) -> str | None:
    """The period key of the most recent scheduled digest when it has not been sent, else None.

    Only the most recent one: after three weeks of downtime one digest goes out, not three."""
    if settings.digest.url is None:
        return None
    end = last_scheduled(settings.digest.schedule, settings.tz, now)
    key = period_key(week_before(end, settings.tz), end, settings.tz)
    return None if store.digest_sent(key) else key


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


def send_due(store: Store, settings: Settings, now: datetime) -> Attempt | None:
    """Send the due digest once: claim its row, send, mark it sent. A failed send keeps its
    claim for one CLAIM_LEASE, so the tick (every 15 s) retries it that much later rather than
    at once. None when nothing is due or a claim is held."""
    key = due(store, settings, now)
    if key is None:
        return None
    end = last_scheduled(settings.digest.schedule, settings.tz, now)
    if not store.claim_digest(key, now, CLAIM_LEASE):
        return None
    digest = gather(
        store, week_before(end, settings.tz), end, now, settings.tz, key, shown_accounts(settings)
    )
    outcome = _send(settings, digest)
    if outcome.ok:
        store.finish_digest(key, now)
        log.info("weekly digest %s sent", key)
    else:
        log.warning("weekly digest %s not sent, will retry: %s", key, outcome.error)
    return Attempt(key, outcome.ok, outcome.error)


def current(store: Store, settings: Settings, now: datetime) -> Digest:
    """The digest of the seven days up to now, for `digest --preview` and `--send`."""
    return gather(
        store, week_before(now, settings.tz), now, now, settings.tz, None, shown_accounts(settings)
    )


def send_now(store: Store, settings: Settings, now: datetime) -> Attempt:
    """`notifyd digest --send`: the last seven days, now; it also counts as the due digest, if
    one is due, so the daemon does not send the same week again."""
    digest = current(store, settings, now)
    outcome = _send(settings, digest)
    key = due(store, settings, now)
    if outcome.ok and key is not None:
        store.mark_digest_sent(key, now)
    return Attempt(key or digest.period, outcome.ok, outcome.error)
