"""`next digest` around daylight-saving changes: never a time already past, never a skipped one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notifyd.core.settings import load_settings
from notifyd.core.timefmt import local
from notifyd.deliver.monitor import next_weekly, status_report
from notifyd.seller.digest import last_scheduled
from notifyd.store.db import Store

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("tz", "schedule", "now", "expected"),
    [
        # Berlin falls back on Sun 25 Oct 2026: 02:00-03:00 happens twice. At 02:15 the second
        # time (01:15 UTC), the first 02:30 (00:30 UTC) is already past: next week, not then.
        (BERLIN, "sun 02:30", datetime(2026, 10, 25, 1, 15, tzinfo=UTC),
         datetime(2026, 11, 1, 1, 30, tzinfo=UTC)),
        # The repeated hour's first 02:30 is the digest's moment.
        (BERLIN, "sun 02:30", datetime(2026, 10, 25, 0, 10, tzinfo=UTC),
         datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        # Berlin springs forward on Sun 29 Mar 2026: 02:30 does not exist; it goes at 03:30.
        (BERLIN, "sun 02:30", datetime(2026, 3, 29, 1, 15, tzinfo=UTC),
         datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
        (BERLIN, "sun 02:30", datetime(2026, 3, 28, 12, 0, tzinfo=UTC),
         datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
        # New York falls back on Sun 1 Nov 2026 and springs forward on Sun 8 Mar 2026.
        (NEW_YORK, "sun 01:30", datetime(2026, 11, 1, 6, 10, tzinfo=UTC),
         datetime(2026, 11, 8, 6, 30, tzinfo=UTC)),
        (NEW_YORK, "sun 02:30", datetime(2026, 3, 8, 6, 50, tzinfo=UTC),
         datetime(2026, 3, 8, 7, 30, tzinfo=UTC)),
        # An ordinary Monday 08:00 across each change keeps its wall time.
        (NEW_YORK, "mon 08:00", datetime(2026, 11, 1, 12, 0, tzinfo=UTC),
         datetime(2026, 11, 2, 13, 0, tzinfo=UTC)),
        (BERLIN, "mon 08:00", datetime(2026, 3, 29, 12, 0, tzinfo=UTC),
         datetime(2026, 3, 30, 6, 0, tzinfo=UTC)),
    ],
)
def test_next_digest_is_the_right_moment_across_dst(
    tz: ZoneInfo, schedule: str, now: datetime, expected: datetime
) -> None:
    assert next_weekly(schedule, tz, now) == expected


def _exists(moment: datetime, tz: ZoneInfo) -> bool:
    """The wall time shown for a moment maps back to that moment (not a skipped time)."""
    wall = moment.astimezone(tz).replace(tzinfo=None)
    return any(
        wall.replace(tzinfo=tz, fold=fold).astimezone(UTC) == moment for fold in (0, 1)
    )


@pytest.mark.parametrize(
    ("tz", "change"),
    [
        (BERLIN, datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        (BERLIN, datetime(2026, 10, 25, 1, 0, tzinfo=UTC)),
        (NEW_YORK, datetime(2026, 3, 8, 7, 0, tzinfo=UTC)),
        (NEW_YORK, datetime(2026, 11, 1, 6, 0, tzinfo=UTC)),
    ],
)
@pytest.mark.parametrize(
    "schedule", ["sun 01:30", "sun 02:00", "sun 02:30", "sun 03:00", "mon 08:00"]
)
def test_status_never_shows_a_past_or_skipped_digest_time_near_a_change(
    tz: ZoneInfo, change: datetime, schedule: str
) -> None:
    # Every 5 minutes from 4 hours before the change to 4 hours after it.
    for step in range(-48, 49):
        now = change + timedelta(minutes=5 * step)
        following = next_weekly(schedule, tz, now)
        assert following > now, (schedule, now, following)
        # A week on the wall clock is a week and an hour across a fall-back change.
        assert following - now <= timedelta(weeks=1, hours=1), (schedule, now, following)
        assert _exists(following, tz), (schedule, now, following)
        shown = local(following, tz, "%a %H:%M").lower()
        # The wall time shown is the schedule's, or the end of the gap that skipped it.
        assert shown == schedule or (schedule, shown) in {
            ("sun 02:30", "sun 03:30"), ("sun 02:00", "sun 03:00")
        }, (schedule, now, shown)
        # The digest that `next digest` follows is at or before now: never owed in the future.
        assert last_scheduled(schedule, tz, now) <= now, (schedule, now)


def test_status_report_in_the_repeated_hour_names_next_week(tmp_path: Path) -> None:
    config = tmp_path / "notifyd.toml"
    config.write_text(
        f'database = "{tmp_path / "notifyd.db"}"\ntimezone = "Europe/Berlin"\n'
        '[digest]\nurl = "json://digest.example.test/x"\nschedule = "sun 02:30"\n'
    )
    settings = load_settings(config)
    # 02:15 CET, the second 02:15 of Sun 25 Oct 2026; the first 02:30 went by 45 minutes ago.
    now = datetime(2026, 10, 25, 1, 15, tzinfo=UTC)
    with Store(tmp_path / "notifyd.db") as store:
        report = status_report(store, settings, now)
    assert local(report["next_digest_at"], BERLIN, "%a %d %b %H:%M %Z") == "Sun 01 Nov 02:30 CET"
