"""When a mail really arrived: the server's INTERNALDATE stands in for a Date header that cannot be true."""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime, timedelta

from notifyd.core.models import ParsedEmail

log = logging.getLogger(__name__)

# A Date header this far after the server received the mail is not believed.
PLAUSIBLE_SKEW = timedelta(days=1)


def plausible(
    parsed: ParsedEmail,
    arrived_at: datetime | None,
    since: timedelta | None,
    now: datetime,
    location: str,
) -> ParsedEmail:
    """The email with its arrival time as its date when the Date header cannot be true: more
    than a day after the mail arrived, or older than `since` while the mail arrived within it.
    Relative deadlines ("within 72 hours") then count from when it really came."""
    claimed = parsed.date_at
    if arrived_at is None or claimed is None:
        return parsed
    future = claimed > arrived_at + PLAUSIBLE_SKEW
    stale = since is not None and claimed < now - since <= arrived_at
    if not (future or stale):
        return parsed
    log.info(
        "%s: Date header %s is implausible for mail that arrived %s; using the arrival time",
        location,
        claimed.isoformat(),
        arrived_at.isoformat(),
    )
    return dataclasses.replace(parsed, date_at=arrived_at)
