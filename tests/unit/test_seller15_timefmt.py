"""Times in lists are local (the configured zone, DST included); --json is ISO UTC; --at parses."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from notifyd.core.timefmt import iso_utc, local, long_local, parse_at, parse_local, shown

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("stored", "tz", "expected"),
    [
        # Europe springs forward on 29 March 2026 at 01:00 UTC.
        ("2026-03-29T00:59:00Z", BERLIN, "2026-03-29 01:59 CET"),
        ("2026-03-29T01:00:00Z", BERLIN, "2026-03-29 03:00 CEST"),
        # ...and falls back on 25 October 2026 at 01:00 UTC: 02:30 happens twice.
        ("2026-10-25T00:30:00Z", BERLIN, "2026-10-25 02:30 CEST"),
        ("2026-10-25T01:30:00Z", BERLIN, "2026-10-25 02:30 CET"),
        # The US changes on other dates (8 March 2026, 07:00 UTC).
        ("2026-03-08T06:59:00Z", NEW_YORK, "2026-03-08 01:59 EST"),
        ("2026-03-08T07:00:00Z", NEW_YORK, "2026-03-08 03:00 EDT"),
        ("2026-12-31T23:30:00Z", ZoneInfo("UTC"), "2026-12-31 23:30 UTC"),
    ],
)
def test_list_times_are_local_across_dst(stored: str, tz: ZoneInfo, expected: str) -> None:
    assert local(stored, tz) == expected


def test_long_form_for_prose_and_the_empty_cell() -> None:
    assert long_local("2026-11-28T14:00:00Z", BERLIN) == "Sat 28 Nov 2026 15:00 CET"
    assert local(None, BERLIN) == "-"


def test_json_gets_iso_utc_whatever_the_zone() -> None:
    moment = datetime(2026, 7, 1, 9, 15, tzinfo=BERLIN)
    assert iso_utc(moment) == "2026-07-01T07:15:00Z"
    assert shown(moment, BERLIN, as_json=True) == "2026-07-01T07:15:00Z"
    assert shown(moment, BERLIN, as_json=False) == "2026-07-01 09:15 CEST"
    assert iso_utc(None) is None


NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)  # 11:00 in Berlin


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-03-01 14:30", datetime(2026, 3, 1, 13, 30, tzinfo=UTC)),
        ("2026-07-01 14:30", datetime(2026, 7, 1, 12, 30, tzinfo=UTC)),
        ("2026-03-01", datetime(2026, 2, 28, 23, 0, tzinfo=UTC)),
        ("09:15", datetime(2026, 11, 26, 8, 15, tzinfo=UTC)),
        ("3h ago", datetime(2026, 11, 26, 7, 0, tzinfo=UTC)),
        ("2d ago", datetime(2026, 11, 24, 10, 0, tzinfo=UTC)),
        ("2026-03-01T13:30:00Z", datetime(2026, 3, 1, 13, 30, tzinfo=UTC)),
        ("2026-03-01T14:30:00+01:00", datetime(2026, 3, 1, 13, 30, tzinfo=UTC)),
        # Clocks go back: 02:30 happens twice; the first (summer time) is meant.
        ("2026-10-25 02:30", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
    ],
)
def test_typed_times_are_read_in_the_configured_zone(typed: str, expected: datetime) -> None:
    assert parse_local(typed, BERLIN, NOW) == expected


def test_a_wall_time_skipped_by_dst_is_an_error_not_a_guess() -> None:
    with pytest.raises(ValueError, match="does not exist in Europe/Berlin"):
        parse_local("2026-03-29 02:30", BERLIN, NOW)


@pytest.mark.parametrize("typed", ["yesterday", "2026-13-01", "25:00", "2026-02-30 10:00"])
def test_unreadable_times_say_how_to_write_them(typed: str) -> None:
    with pytest.raises(ValueError, match="write it like"):
        parse_local(typed, BERLIN, NOW)


def test_at_back_dates_but_refuses_the_future() -> None:
    assert parse_at("10:30", BERLIN, NOW) == datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    with pytest.raises(ValueError, match=r"in the future \(2026-11-26 12:00 CET\)"):
        parse_at("12:00", BERLIN, NOW)
