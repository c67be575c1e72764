"""Old mail without noise: what an import or first sync alerts, and that old deadlines do not repeat."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from notifyd.core.settings import Settings
from notifyd.seller.history import (
    ARRIVED_OVERDUE,
    FirstAlert,
    first_alert,
    import_default,
    import_window,
    inside_window,
    next_overdue,
)

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
BEFORE = [timedelta(hours=72), timedelta(hours=24), timedelta(hours=4)]
DAY = timedelta(days=1)
SINCE = timedelta(days=30)


def test_a_year_of_history_alerts_only_the_recent_notices_and_no_storm_the_next_day() -> None:
    # 79 notices, one every 4.6 days over the past year, each with a 3-day deadline.
    history = [(NOW - timedelta(hours=110 * n + 5)) for n in range(79)]
    plans = [first_alert(r, r + timedelta(days=3), NOW, SINCE, BEFORE, DAY) for r in history]
    alerted = [p for p in plans if p.alert]
    assert len(alerted) == 7  # received within 30 days: 5 h, 115 h, ... 665 h ago
    assert sum(p.purpose == ARRIVED_OVERDUE for p in alerted) == 6
    assert sum(p.purpose == "new" for p in alerted) == 1
    # A day later nothing is due: the old deadlines never repeat, and the one live deadline
    # (67 h away) gets its first reminder 24 h before it.
    scheduled = [p.next_reminder_at for p in plans if p.next_reminder_at is not None]
    assert scheduled == [NOW + timedelta(hours=43)]


def test_mail_outside_since_is_history() -> None:
    plan = first_alert(NOW - timedelta(days=31), NOW + DAY, NOW, SINCE, BEFORE, DAY)
    assert plan == FirstAlert(False, None, None, "older than `since`: recorded without alert")


def test_a_deadline_already_past_gives_one_alert_and_no_repeats() -> None:
    plan = first_alert(NOW - timedelta(days=5), NOW - timedelta(days=2), NOW, SINCE, BEFORE, DAY)
    assert plan == FirstAlert(
        True,
        "arrived_overdue",
        None,
        "deadline already past when first seen: one alert, no daily repeats",
    )


def test_repeats_for_arrived_overdue_only_when_configured() -> None:
    plan = first_alert(
        NOW - timedelta(days=5), NOW - timedelta(days=2), NOW, SINCE, BEFORE, DAY,
        repeat_arrived_overdue=True,
    )  # fmt: skip
    assert plan.purpose == "arrived_overdue" and plan.next_reminder_at == NOW + DAY
    assert plan.note.endswith("repeated every 1 d")


def test_a_live_deadline_gets_the_first_reminder_before_it() -> None:
    plan = first_alert(NOW, NOW + timedelta(hours=30), NOW, SINCE, BEFORE, DAY)
    assert plan == FirstAlert(True, "new", NOW + timedelta(hours=6), "alerted")
    close = first_alert(NOW, NOW + timedelta(hours=2), NOW, SINCE, BEFORE, DAY)
    assert close.next_reminder_at == NOW + timedelta(hours=2)  # the deadline itself
    none = first_alert(NOW, None, NOW, SINCE, BEFORE, DAY)
    assert none == FirstAlert(True, "new", None, "alerted")


def test_mail_without_a_date_is_treated_as_current() -> None:
    assert inside_window(None, SINCE, NOW)
    assert inside_window(NOW - timedelta(days=400), None, NOW)
    assert not inside_window(NOW - timedelta(days=30, seconds=1), SINCE, NOW)


def test_next_overdue_for_a_notice_that_was_on_time_when_seen() -> None:
    deadline = NOW - timedelta(hours=30)
    seen = deadline - timedelta(days=3)
    assert next_overdue(deadline, seen, NOW, DAY) == deadline + 2 * DAY
    # ...and none for one that arrived overdue, however often it is asked.
    assert next_overdue(deadline, deadline + DAY, NOW, DAY) is None
    assert next_overdue(deadline, deadline + DAY, NOW, DAY, True) == deadline + 2 * DAY


@pytest.mark.parametrize(
    ("option", "expected"),
    [(None, SINCE), ("7d", timedelta(days=7)), ("all", None), ("ALL", None), ("none", None)],
)
def test_import_since_option(option: str | None, expected: timedelta | None) -> None:
    assert import_window(option, SINCE) == expected


def test_import_since_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="is not a duration"):
        import_window("lots", SINCE)


def test_import_default_window_is_the_mailboxes_since() -> None:
    assert import_default(Settings()) == timedelta(days=30)
    boxes = [{"name": "a", "path": "a", "since": "7d"}, {"name": "b", "path": "b", "since": "90d"}]
    assert import_default(Settings(mailbox=boxes)) == timedelta(days=90)  # type: ignore[arg-type]
