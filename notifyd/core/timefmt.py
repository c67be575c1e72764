"""Times as people read and type them: local time in the configured zone, ISO UTC for machines."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from notifyd.core.clock import from_db

# Lists are scanned in columns: fixed width, sortable, the zone's abbreviation shows DST.
LIST_FORMAT = "%Y-%m-%d %H:%M %Z"
# Alerts and dossiers are read as prose.
LONG_FORMAT = "%a %d %b %Y %H:%M %Z"


def _moment(value: datetime | str | None) -> datetime | None:
    if isinstance(value, str):
        return from_db(value)
    return value


def local(
    value: datetime | str | None, tz: tzinfo, fmt: str = LIST_FORMAT, empty: str = "-"
) -> str:
    """A stored UTC time (datetime or database text) in the configured zone, for a human list."""
    moment = _moment(value)
    if moment is None:
        return empty
    return moment.astimezone(tz).strftime(fmt)


def long_local(value: datetime | str | None, tz: tzinfo, empty: str = "-") -> str:
    return local(value, tz, LONG_FORMAT, empty)


def iso_utc(value: datetime | str | None) -> str | None:
    """The --json form: ISO 8601 in UTC with a Z, None stays null."""
    moment = _moment(value)
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def shown(value: datetime | str | None, tz: tzinfo, as_json: bool) -> str | None:
    """One switch for listing commands: ISO UTC under --json, local time otherwise."""
    return iso_utc(value) if as_json else local(value, tz)


_RELATIVE = re.compile(r"^\s*(\d+)\s*(m|min|h|d|w)\s+ago\s*$", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_RELATIVE_UNITS = {"m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}
AT_HINT = (
    'write it like "2026-03-01 14:30" (local time), "2026-03-01", "14:30" (today), '
    '"3h ago" or "2026-03-01T13:30:00Z"'
)


def parse_local(text: str, tz: tzinfo, now: datetime) -> datetime:
    """What a person types for --at or --before, as an aware UTC time.

    Wall-clock forms are read in the configured zone. A wall time that does not exist (the hour
    skipped when clocks go forward) is an error rather than a silent shift; an hour that occurs
    twice (clocks go back) means its first occurrence. ValueError says how to write it.
    """
    raw = text.strip()
    relative = _RELATIVE.match(raw)
    if relative:
        seconds = int(relative.group(1)) * _RELATIVE_UNITS[relative.group(2).lower()]
        return now.astimezone(UTC) - timedelta(seconds=seconds)
    if raw.lower() in ("now",):
        return now.astimezone(UTC)
    clock = _CLOCK.match(raw)
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        if hour > 23 or minute > 59:
            raise ValueError(f"{text!r} has an hour or minute out of range; {AT_HINT}")
        today = now.astimezone(tz).date()
        return _wall(datetime.combine(today, time(hour, minute)), tz, text)
    if _DATE.match(raw):
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            raise ValueError(f"{text!r} is not a date; {AT_HINT}") from None
        return _wall(datetime.combine(day, time(0, 0)), tz, text)
    try:
        parsed = datetime.fromisoformat(raw.replace(" ", "T", 1) if " " in raw else raw)
    except ValueError:
        raise ValueError(f"{text!r} is not a time; {AT_HINT}") from None
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC)
    return _wall(parsed, tz, text)


def parse_at(text: str, tz: tzinfo, now: datetime) -> datetime:
    """--at for actions and notes: back-dating is the point, a time in the future is a typo."""
    moment = parse_local(text, tz, now)
    if moment > now + timedelta(minutes=1):
        raise ValueError(f"{text!r} is in the future ({local(moment, tz)}); --at back-dates only")
    return moment


def _wall(naive: datetime, tz: tzinfo, text: str) -> datetime:
    aware = naive.replace(tzinfo=tz, fold=0)
    back = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if back != naive:
        raise ValueError(f"{text!r} does not exist in {tz} (the clocks skip that hour); {AT_HINT}")
    return aware.astimezone(UTC)
