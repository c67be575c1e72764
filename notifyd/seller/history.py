"""Old mail without noise: which notices of an import or first sync alert, and how overdue ones repeat."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from notifyd.core.settings import MailboxConfig, Settings, parse_duration

# `--since all` (or "none") imports the whole history with an alert for every notice in it.
NO_WINDOW = ("all", "none", "off")
ARRIVED_OVERDUE = "arrived_overdue"
# Title prefixes for the alert purposes this module adds; the renderer puts them before the title.
PURPOSE_PREFIX = {ARRIVED_OVERDUE: "Arrived overdue: "}


@dataclass(frozen=True)
class FirstAlert:
    """What notifyd does about a notice it has just seen for the first time."""

    alert: bool  # queue an alert now
    purpose: str | None  # "new", "arrived_overdue", or None without an alert
    next_reminder_at: datetime | None  # first reminder or overdue repeat; None: none scheduled
    note: str  # the response-log line that says why


def inside_window(received_at: datetime | None, since: timedelta | None, now: datetime) -> bool:
    """Mail received inside `since` (or any mail without a window) is current and may alert.

    Mail without a usable Date header counts as current: notifyd cannot prove it is old, and
    missing one notice is worse than one alert too many.
    """
    if since is None or received_at is None:
        return True
    return received_at >= now - since


def import_window(option: str | None, default: timedelta) -> timedelta | None:
    """The window `notifyd import --since` means: a duration, `all` for none, else the default
    (the mailboxes' `since`), so an import of a years-old mailbox does not alert its history."""
    if option is None:
        return default
    if option.strip().lower() in NO_WINDOW:
        return None
    return parse_duration(option)


def import_default(settings: Settings) -> timedelta:
    """The window of an import without --since: the widest `since` of the configured mailboxes
    (the history they would alert on themselves), or the mailbox default of 30 days."""
    windows = [box.since for box in settings.mailbox]
    return max(windows) if windows else MailboxConfig.model_fields["since"].get_default()


def first_alert(
    received_at: datetime | None,
    deadline_at: datetime | None,
    now: datetime,
    since: timedelta | None,
    before: Sequence[timedelta],
    overdue_every: timedelta,
    repeat_arrived_overdue: bool = False,
) -> FirstAlert:
    """Decide the first alert and reminder of a notice seen for the first time at `now`.

    - Outside the `since` window: recorded, no alert, no reminders (it is history).
    - Deadline already past when first seen: ONE "arrived overdue" alert; overdue repeats only
      when `repeat_arrived_overdue` is configured (then every `overdue_every` from now on),
      because a months-old deadline repeated daily is noise, not a reminder.
    - Otherwise: a "new" alert and the first reminder before the deadline.
    """
    if not inside_window(received_at, since, now):
        return FirstAlert(False, None, None, "older than `since`: recorded without alert")
    if deadline_at is None:
        return FirstAlert(True, "new", None, "alerted")
    if deadline_at <= now:
        repeat = now + overdue_every if repeat_arrived_overdue else None
        note = "deadline already past when first seen: one alert" + (
            f", repeated every {_span(overdue_every)}" if repeat else ", no daily repeats"
        )
        return FirstAlert(True, ARRIVED_OVERDUE, repeat, note)
    ahead = sorted(deadline_at - offset for offset in before if deadline_at - offset > now)
    return FirstAlert(True, "new", ahead[0] if ahead else deadline_at, "alerted")


def next_overdue(
    deadline_at: datetime,
    first_seen_at: datetime,
    now: datetime,
    overdue_every: timedelta,
    repeat_arrived_overdue: bool = False,
) -> datetime | None:
    """The next overdue repeat after `now`, or None for a notice that arrived overdue and is
    not configured to repeat (the reminder tick, reopen and snooze all ask this)."""
    if deadline_at <= first_seen_at and not repeat_arrived_overdue:
        return None
    if deadline_at > now:
        return deadline_at
    periods = int((now - deadline_at) / overdue_every) + 1
    return deadline_at + periods * overdue_every


def _span(delta: timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    if hours and hours % 24 == 0:
        return f"{hours // 24} d"
    return f"{hours} h" if hours else f"{int(delta.total_seconds() // 60)} min"
