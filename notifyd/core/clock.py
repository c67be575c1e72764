"""UTC timestamps: the one clock read (for the edges) and the text form the database stores."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time; called only by the CLI and the scheduler, which pass it down as `now`."""
    return datetime.now(UTC)


def to_db(moment: datetime | None) -> str | None:
    """An aware datetime as fixed-width UTC text, so that SQL string comparison orders by time."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("naive datetime: notifyd stores only aware UTC times")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_db(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
