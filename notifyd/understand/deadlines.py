"""Find the date by which a notice asks the seller to act, and read loosely written dates."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime, parsedate_tz

from notifyd.core.models import ParsedEmail
from notifyd.understand.match import CJK, PUNCT_RE, normalise
from notifyd.understand.rules import Market, Rules

_TIME = re.compile(
    r"(?<!\d)(?P<h>\d{1,2})[:h.](?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?|午前|午後)?"
    r"(?:\s*(?:(?:gmt|utc)\s*)?(?P<tz>[+-]\d{1,2}(?::?\d{2})?)"
    r"|\s*(?P<tzname>pst|pdt|est|edt|cst|cdt|mst|mdt|gmt|utc|bst|cet|cest|jst|ist|aest|aedt)\b)?",
    re.I,
)


_ZONE_NAMES = {
    "pst": -8, "pdt": -7, "mst": -7, "mdt": -6, "cst": -6, "cdt": -5, "est": -5, "edt": -4,
    "gmt": 0, "utc": 0, "bst": 1, "cet": 1, "cest": 2, "ist": 5.5, "jst": 9, "aest": 10, "aedt": 11,
}  # fmt: skip


def _outer_zone(email: ParsedEmail) -> tzinfo:
    raw = (email.headers.get("date") or [""])[0]
    try:
        parsed = parsedate_tz(raw)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed and parsed[9] is not None:
        return timezone(timedelta(seconds=parsed[9]))
    return UTC


def loose_date(value: str, email: ParsedEmail, rules: Rules) -> datetime | None:
    """A forwarded block's date, in whatever format the forwarding client wrote it."""
    value = value.strip()
    try:
        parsed = parsedate_to_datetime(value)
        if parsed.tzinfo is not None:
            return parsed.astimezone(UTC)
    except (TypeError, ValueError, IndexError):
        pass
    low = normalise(value)
    m = rules.absolute.search(low)
    if m is None:
        return None
    day = _date_from_match(m, rules, us_dates=True)
    if day is None:
        return None
    year, month, dom, exact = day
    if exact is not None:
        return exact
    hour = minute = second = 0
    zone: tzinfo = _outer_zone(email)
    t = _TIME.search(low, m.end())
    if t is not None:
        hour, minute, second = int(t.group("h")), int(t.group("m")), int(t.group("s") or 0)
        ampm = (t.group("ampm") or "").replace(".", "")
        if ampm in ("pm", "午後") and hour < 12:
            hour += 12
        elif ampm in ("am", "午前") and hour == 12:
            hour = 0
        if t.group("tz"):
            zone = _offset_zone(t.group("tz")) or zone
        elif t.group("tzname"):
            zone = timezone(timedelta(hours=_ZONE_NAMES[t.group("tzname").lower()]))
    try:
        return datetime(year, month, dom, hour, minute, second, tzinfo=zone).astimezone(UTC)
    except ValueError:
        return None


def _offset_zone(raw: str) -> tzinfo | None:
    m = re.fullmatch(r"([+-])(\d{1,2}):?(\d{2})?", raw.strip())
    if not m:
        return None
    minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
    if minutes > 14 * 60:
        return None
    return timezone(timedelta(minutes=-minutes if m.group(1) == "-" else minutes))


_DIGITS = re.compile(r"(?<!\d)\d{1,3}(?!\d)")


_WORDS = re.compile(r"[^\W\d_]{3,12}")


_YEAR = re.compile(r"20\d\d(?!\d)")


def find_deadline(
    low: str,
    base: datetime | None,
    zone: tzinfo,
    market: Market | None,
    rules: Rules,
    tokens: frozenset[str] | None = None,
) -> tuple[datetime | None, str]:
    # Only look around numbers that sit next to a unit word (relative) or a year (absolute):
    # running the large combined patterns over the whole text would cost more than parsing.
    masks: set[tuple[int, int]] = set()

    def masked(pos: int) -> bool:
        lo, hi = max(0, pos - 120), min(len(low), pos + 60)
        numbers = _number_starts(low, lo, hi, rules)
        for pattern in rules.not_deadline:
            masks.update(m.span() for m in pattern.finditer(low, lo, hi, numbers))
        return any(a <= pos < b for a, b in masks)

    candidates: list[tuple[datetime, str]] = []
    relative: dict[tuple[int, int], re.Match[str]] = {}
    if base is not None:
        if tokens is None:
            tokens = frozenset(PUNCT_RE.sub(" ", low).split())
        for pos in _unit_positions(low, tokens, rules):
            lo, hi = max(0, pos - 80), min(len(low), pos + 40)
            numbers = _number_starts(low, lo, hi, rules)
            for pattern in rules.relative:
                for m in pattern.finditer(low, lo, hi, numbers):
                    relative.setdefault(m.span(), m)
    for m in relative.values():
        n_raw, unit_raw = m.group("n"), m.group("unit")
        n_pos = m.start("n")
        if base is None or n_raw is None or unit_raw is None or masked(n_pos):
            continue
        n = int(n_raw) if n_raw.isdigit() else rules.number_words.get(n_raw, 0)
        unit = rules.units.get(unit_raw, "")
        if n <= 0 or not unit:
            continue
        delta = {
            "days": timedelta(days=n),
            "hours": timedelta(hours=n),
            "weeks": timedelta(weeks=n),
        }[unit]
        if delta > timedelta(days=400):
            continue
        candidates.append((base + delta, f"deadline: {m.group(0).strip()}"))
    absolute: dict[tuple[int, int], re.Match[str]] = {}
    for year_at in _YEAR.finditer(low):
        if year_at.start() and low[year_at.start() - 1].isdigit():
            continue
        lo, hi = max(0, year_at.start() - 40), min(len(low), year_at.end() + 40)
        for m in rules.absolute.finditer(low, lo, hi):
            absolute.setdefault(m.span(), m)
    for m in absolute.values():
        if masked(m.start()):
            continue
        before = low[max(0, m.start() - 40) : m.start()]
        if not rules.cue_before.search(before) and not rules.cue_after.match(low, m.end()):
            continue
        parsed = _date_from_match(m, rules, us_dates=market.us_dates if market else False)
        if parsed is None:
            continue
        year, month, day, exact = parsed
        if exact is not None:
            when = exact
        else:
            try:
                when = datetime(year, month, day, 23, 59, 59, tzinfo=zone).astimezone(UTC)
            except ValueError:
                continue
        if base is not None and when < base:
            continue
        candidates.append((when, f"deadline: {m.group(0).strip()}"))
    if not candidates:
        return None, ""
    when, why = min(candidates, key=lambda c: c[0])
    return when.astimezone(UTC), why


def _number_starts(low: str, lo: int, hi: int, rules: Rules) -> list[int]:
    """Where a count ("17", "seven", "sieben") starts between lo and hi."""
    starts = [m.start() for m in _DIGITS.finditer(low, lo, hi)]
    for word in _WORDS.finditer(low, lo, hi):
        if word.group(0) in rules.number_words:
            starts.append(word.start())
    return starts


def _unit_positions(low: str, tokens: frozenset[str], rules: Rules) -> list[int]:
    """Where a unit word ("days", "Stunden", "時間") follows a number: places worth a closer look."""
    present = [u for u in tokens & rules.unit_words]
    if rules.unit_stems and CJK.search(low):
        present += [u for u in rules.unit_stems if u in low]
    positions: list[int] = []
    for word in present:
        start = low.find(word)
        while start >= 0:
            before = low[max(0, start - 24) : start]
            if any(c.isdigit() for c in before) or any(
                w in rules.number_words for w in before.split()[-3:]
            ):
                positions.append(start)
            start = low.find(word, start + len(word))
    return positions


def _date_from_match(
    m: re.Match[str], rules: Rules, us_dates: bool
) -> tuple[int, int, int, datetime | None] | None:
    g = m.groupdict()
    exact: datetime | None = None
    try:
        if g["y1"]:
            y, mo, d = int(g["y1"]), rules.months[g["mon1"]], int(g["d1"])
        elif g["y2"]:
            y, mo, d = int(g["y2"]), rules.months[g["mon2"]], int(g["d2"])
        elif g["y3"]:
            y, mo, d = int(g["y3"]), int(g["m3"]), int(g["d3"])
        elif g["y4"]:
            y, mo, d = int(g["y4"]), int(g["m4"]), int(g["d4"])
        elif g["y5"]:
            y, mo, d = int(g["y5"]), int(g["m5"]), int(g["d5"])
            if g["hh5"]:
                tz_raw = g["tz5"] or ""
                zone: tzinfo | None = UTC if tz_raw in ("z", "utc", "gmt") else _offset_zone(tz_raw)
                if zone is not None:
                    exact = datetime(
                        y, mo, d, int(g["hh5"]), int(g["mi5"]), int(g["ss5"] or 0), tzinfo=zone
                    ).astimezone(UTC)
        elif g["y6"]:
            a, b = int(g["a6"]), int(g["b6"])
            mo, d = (a, b) if us_dates else (b, a)
            if mo > 12:
                mo, d = d, mo
            y = int(g["y6"])
        elif g["y7"]:
            y, mo, d = int(g["y7"]), int(g["m7"]), int(g["d7"])
        else:
            return None
        datetime(y, mo, d)
    except (KeyError, ValueError):
        return None
    if not 2000 <= y <= 2100:
        return None
    return y, mo, d, exact
