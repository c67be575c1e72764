"""Durations as people write them in the configuration and on the command line: 90s, 5m, 72h, 30d."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
DURATION_HINT = "write it like 90s, 5m, 72h or 30d"


def parse_duration(value: Any) -> timedelta:
    """'90s', '5m', '72h', '30d', '2w' (or a number of seconds) -> timedelta."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value)) if isinstance(value, str) else None
        if not match:
            raise ValueError(f"{value!r} is not a duration; {DURATION_HINT}")
        seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    # Past this, datetime arithmetic overflows; no deadline or interval is that long.
    if seconds > 100 * 366 * 86400:
        raise ValueError(f"{value!r} is longer than 100 years; {DURATION_HINT}")
    return timedelta(seconds=seconds)


def _positive(value: timedelta) -> timedelta:
    # An interval of zero divides by zero or spins later (every poll, every retry): refuse it now.
    if value <= timedelta(0):
        raise ValueError(f"must be longer than 0; {DURATION_HINT}")
    return value


Duration = Annotated[timedelta, BeforeValidator(parse_duration), AfterValidator(_positive)]
