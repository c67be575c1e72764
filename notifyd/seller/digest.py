"""The weekly digest: what it covers, how it reads (HTML and text), and sending it exactly once."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from notifyd.core.settings import Settings
from notifyd.core.vocab import Severity
from notifyd.deliver.monitor import next_weekly
from notifyd.deliver.render import account_health_url, humanize, inert, issue_label, printable
from notifyd.seller.stats import MetricSeries, RepeatedAsin, iso_week, metric_series, repeated_asins
from notifyd.store.db import Notice, Store

if TYPE_CHECKING:
    from notifyd.deliver import notify

log = logging.getLogger(__name__)

REPEAT_WINDOW = timedelta(days=90)  # an ASIN named again within this is a pattern, not chance
TREND_WINDOW = timedelta(weeks=12)
# A claim older than this belongs to a process that died while sending; it may be taken over.
CLAIM_LEASE = timedelta(minutes=10)

_RED = "#b3261e"
_GREEN = "#2e7d32"
_GREY = "#9e9e9e"
_PALE = "#f2c4c0"
_FONT = "font-family:Arial,Helvetica,sans-serif;"


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


def period_key(start: datetime, end: datetime, tz: tzinfo) -> str:
    """The ISO week holding the middle of the period: 'mon 08:00' to 'mon 08:00' is the week
    before the send, and any weekly schedule gives each period its own key."""
    return iso_week(start + (end - start) / 2, tz)


def due(store: Store, settings: Settings, now: datetime) -> str | None:
    """The period key of the most recent scheduled digest when it has not been sent, else None.

    Only the most recent one: after three weeks of downtime one digest goes out, not three."""
    if settings.digest.url is None:
        return None
    end = last_scheduled(settings.digest.schedule, settings.tz, now)
    key = period_key(week_before(end, settings.tz), end, settings.tz)
    return None if store.digest_sent(key) else key


# --- what -----------------------------------------------------------------------------------


@dataclass
class Digest:
    """Everything one digest shows; open notices are as of `now`, the rest within the period."""

    period: str
    start: datetime
    end: datetime
    now: datetime
    tz: tzinfo
    open: list[Notice] = field(default_factory=list)
    new: list[Notice] = field(default_factory=list)
    resolved: list[Notice] = field(default_factory=list)
    phishing: list[Notice] = field(default_factory=list)
    repeated: list[RepeatedAsin] = field(default_factory=list)
    trends: list[MetricSeries] = field(default_factory=list)
    marketplaces: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.open or self.new or self.resolved or self.phishing)

    @property
    def overdue(self) -> int:
        return sum(1 for n in self.open if (_deadline(n) or self.now) < self.now)

    @property
    def subject(self) -> str:
        if self.empty:
            return f"notifyd weekly digest {self.period}: nothing to report"
        parts = [f"{len(self.open)} open"]
        if self.overdue:
            parts[0] += f" ({self.overdue} overdue)"
        parts += [f"{len(self.new)} new", f"{len(self.resolved)} resolved"]
        return f"notifyd weekly digest {self.period}: " + ", ".join(parts)


def _deadline(notice: Notice) -> datetime | None:
    return notice.deadline_at


def _open_order(notice: Notice) -> tuple[int, float, int, int]:
    """Deadline first (so overdue first), then notices without one by severity, then age."""
    deadline = notice.deadline_at
    return (
        0 if deadline else 1,
        deadline.timestamp() if deadline else 0.0,
        -(notice.severity or Severity.LOW).rank,
        notice.id,
    )


def gather(
    store: Store,
    start: datetime,
    end: datetime,
    now: datetime,
    tz: tzinfo,
    period: str | None = None,
) -> Digest:
    """The digest for [start, end): new = first seen by notifyd then, so each notice appears as
    new in exactly one digest, even when its email arrived just before a send."""
    digest = Digest(period or period_key(start, end, tz), start, end, now, tz)
    unresolved = [
        n for n in store.notices("open") + store.notices("acknowledged") if not n.is_phishing
    ]
    digest.open = sorted(unresolved, key=_open_order)
    fresh = store.notices_created(start, end)
    digest.new = [n for n in fresh if not n.is_phishing]
    digest.phishing = [n for n in fresh if n.is_phishing]
    digest.resolved = store.notices_resolved(start, end)
    digest.repeated = repeated_asins(store, end - REPEAT_WINDOW, end)
    digest.trends = metric_series(store, end - TREND_WINDOW, end)
    digest.marketplaces = store.marketplaces()
    return digest


# --- how it reads: shared pieces --------------------------------------------------------------


def _local(moment: datetime, tz: tzinfo, with_time: bool = True, year: bool = False) -> str:
    fmt = "%a %d %b" + (" %Y" if year else "") + (" %H:%M" if with_time else "")
    return moment.astimezone(tz).strftime(fmt)


def _received(notice: Notice) -> datetime:
    """The email's date, which the seller knows it by; notifyd's first sight when it had none."""
    return notice.sent_at


def _when(notice: Notice, d: Digest) -> str:
    """'OVERDUE by 2 days' / 'due in 5 h' / 'no deadline': what decides the order of the list."""
    deadline = _deadline(notice)
    if deadline is None:
        return "no deadline"
    if deadline < d.now:
        return f"OVERDUE by {humanize(d.now - deadline)}"
    return f"due in {humanize(deadline - d.now)}"


def _headline(notice: Notice) -> str:
    where = f", {notice.marketplace}" if notice.marketplace else ""
    return f"{issue_label(notice)}{where}"


def _scale(series: MetricSeries) -> float:
    top = max([p.value for p in series.points] + [series.target or 0.0])
    return top * 1.15 if top > 0 else 1.0


def _range(d: Digest) -> str:
    return f"{_local(d.start, d.tz)} to {_local(d.end, d.tz)} {d.end.astimezone(d.tz):%Z}"


# --- text -------------------------------------------------------------------------------------

BAR = 28  # characters for the full scale of a text bar


def render_text(d: Digest) -> str:
    if d.empty:
        return (
            f"Nothing to report for {d.period}: no open notices, nothing new, nothing resolved.\n"
        )
    out = [f"notifyd weekly digest {d.period} ({_range(d)})", ""]
    out.append(f"OPEN NOTICES ({len(d.open)}, {d.overdue} overdue), by deadline")
    if not d.open:
        out.append("  none")
    for n in d.open:
        state = "" if n.status == "open" else f" [{n.status}]"
        out.append(
            f"  #{n.id:<4} {_when(n, d):<24} {(n.severity or '-').upper():<8} "
            f"{_headline(n)}{state}"
        )
        extra = []
        deadline = _deadline(n)
        if deadline:
            extra.append(f"deadline {_local(deadline, d.tz, year=True)}")
        if n.asins:
            extra.append("ASINs " + " ".join(n.asins))
        if extra:
            out.append(f"{'':8}{'; '.join(extra)}")
    out += ["", f"NEW THIS WEEK ({len(d.new)})"]
    out += [
        f"  #{n.id:<4} {_local(_received(n), d.tz, False):<11} "
        f"{(n.severity or '-').upper():<8} {_headline(n)}"
        for n in d.new
    ] or ["  none"]
    out += ["", f"RESOLVED THIS WEEK ({len(d.resolved)})"]
    out += [
        f"  #{n.id:<4} {_local(n.resolved_at or d.now, d.tz, False):<11} "
        f"{_headline(n)}"
        for n in d.resolved
    ] or ["  none"]
    if d.phishing:
        out += [
            "",
            f"PHISHING ({len(d.phishing)}): emails imitating Amazon; do not click them: "
            + ", ".join(f"#{n.id}" for n in d.phishing),
        ]
    if d.repeated:
        out += ["", "REPEATED ASINS (last 90 days)"]
        out += [
            f"  {r.asin}  {len(r.notice_ids)} notices: "
            + ", ".join(f"#{i}" for i in r.notice_ids)
            + f" ({', '.join(t.replace('_', ' ') for t in r.issue_types)})"
            for r in d.repeated
        ]
    if d.trends:
        out += ["", "METRIC TREND (last 12 weeks, as reported in Amazon's notices)"]
        for s in d.trends:
            out.append(f"  {s.label} ({s.target_phrase()})")
            scale = _scale(s)
            if s.target is not None:
                out.append(
                    f"    {'target':<11} {_text_bar(s.target, scale, '░')} {s.target:g}{s.unit}"
                )
            for p in s.points:
                ok = s.on_target(p.value)
                verdict = "" if ok is None else (" on target" if ok else " OFF TARGET")
                out.append(
                    f"    {p.at.astimezone(d.tz):%d %b %Y} {_text_bar(p.value, scale, '█')} "
                    f"{p.value:g}{s.unit}{verdict}"
                )
    out += ["", "ACCOUNT HEALTH"]
    out += [f"  {m}: {account_health_url(m)}" for m in d.marketplaces or ["amazon.com"]]
    out += ["", "Act on a notice: notifyd show ID, notifyd draft ID, notifyd ack ID."]
    return "\n".join(out) + "\n"


def _text_bar(value: float, scale: float, char: str) -> str:
    width = max(0, min(BAR, round(value / scale * BAR)))
    return (char * width).ljust(BAR)


# --- HTML: tables and inline styles only, which every common mail client renders ------------


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _section(title: str) -> str:
    return (
        f'<tr><td style="{_FONT}font-size:16px;font-weight:bold;color:#222;'
        f'padding:22px 0 6px 0;border-bottom:1px solid #ddd">{_e(title)}</td></tr>'
    )


def _row(content: str) -> str:
    return f'<tr><td style="{_FONT}font-size:14px;color:#222;padding:6px 0">{content}</td></tr>'


def _notice_table(rows: list[tuple[str, str, str, str]], head: tuple[str, str, str]) -> str:
    """rows of (first column, second column, headline html, detail html)."""
    cells = "".join(
        f'<tr><td valign="top" style="{_FONT}font-size:13px;padding:6px 8px 6px 0;'
        f'white-space:nowrap">{a}</td>'
        f'<td valign="top" style="{_FONT}font-size:13px;padding:6px 8px;white-space:nowrap">'
        f'{b}</td><td valign="top" style="{_FONT}font-size:13px;padding:6px 0 6px 8px">{c}'
        + (f'<br><span style="color:#666;font-size:12px">{d}</span>' if d else "")
        + "</td></tr>"
        for a, b, c, d in rows
    )
    th = (
        f'style="{_FONT}font-size:11px;color:#666;text-align:left;text-transform:uppercase;'
        f'padding:4px 8px 4px 0"'
    )
    header = "".join(f"<th {th}>{_e(h)}</th>" for h in head)
    return (
        f'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" '
        f'style="border-collapse:collapse"><tr>{header}</tr>{cells}</table>'
    )


def _bar_cells(parts: list[tuple[float, str]]) -> str:
    """A horizontal bar from coloured table cells: [(percent of width, colour)], rest blank."""
    cells = []
    used = 0
    for pct, colour in parts:
        width = max(0, min(100 - used, round(pct)))
        if width <= 0:
            continue
        used += width
        cells.append(
            f'<td width="{width}%" height="14" bgcolor="{colour}" '
            f'style="background-color:{colour};height:14px;font-size:0;line-height:0">'
            "&nbsp;</td>"
        )
    if used < 100:
        cells.append(
            f'<td width="{100 - used}%" height="14" '
            'style="height:14px;font-size:0;line-height:0">&nbsp;</td>'
        )
    return (
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" '
        f'style="border-collapse:collapse"><tr>{"".join(cells)}</tr></table>'
    )


def _chart(s: MetricSeries, tz: tzinfo) -> str:
    scale = _scale(s)
    rows = []

    def line(label: str, bar: str, value: str, colour: str) -> str:
        return (
            f'<tr><td width="90" style="{_FONT}font-size:12px;color:#444;padding:3px 8px 3px 0;'
            f'white-space:nowrap">{label}</td><td style="padding:3px 0">{bar}</td>'
            f'<td width="110" align="right" style="{_FONT}font-size:12px;color:{colour};'
            f'padding:3px 0 3px 8px;white-space:nowrap">{value}</td></tr>'
        )

    if s.target is not None:
        rows.append(
            line(
                "target",
                _bar_cells([(s.target / scale * 100, _GREY)]),
                _e(f"{'<' if s.op == '<' else '≥'} {s.target:g}{s.unit}"),
                "#666",
            )
        )
    for p in s.points:
        ok = s.on_target(p.value)
        value_pct = p.value / scale * 100
        if ok is None:
            parts = [(value_pct, _GREY)]
        elif s.op == "<":
            # Within the target in green, the excess over it in red.
            inside = min(p.value, s.target or 0.0) / scale * 100
            parts = [(inside, _GREEN), (value_pct - inside, _RED)]
        elif ok:
            parts = [(value_pct, _GREEN)]
        else:
            # Higher is better: the value in red, the shortfall to the target pale.
            parts = [(value_pct, _RED), (((s.target or 0.0) - p.value) / scale * 100, _PALE)]
        verdict = "" if ok is None else (" on target" if ok else " off target")
        rows.append(
            line(
                _e(f"{p.at.astimezone(tz):%d %b %Y}"),
                _bar_cells(parts),
                _e(f"{p.value:g}{s.unit}{verdict}"),
                _GREEN if ok else (_RED if ok is False else "#444"),
            )
        )
    title = (
        f'<p style="{_FONT}font-size:13px;font-weight:bold;margin:12px 0 4px 0">'
        f'{_e(s.label)} <span style="font-weight:normal;color:#666">'
        f"({_e(s.target_phrase())})</span></p>"
    )
    return (
        title + '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" '
        f'style="border-collapse:collapse">{"".join(rows)}</table>'
    )


def render_html(d: Digest) -> str:
    body = _row(_e(render_text(d).strip())) if d.empty else _html_sections(d)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(d.subject)}</title></head>"
        '<body style="margin:0;padding:0;background-color:#f4f4f4">'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" '
        'bgcolor="#f4f4f4" style="background-color:#f4f4f4"><tr><td align="center" '
        'style="padding:16px">'
        '<table role="presentation" width="640" cellpadding="0" cellspacing="0" bgcolor="#ffffff" '
        'style="width:640px;max-width:100%;background-color:#ffffff;border:1px solid #e0e0e0">'
        '<tr><td style="padding:20px 24px">'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0">'
        f'<tr><td style="{_FONT}font-size:20px;font-weight:bold;color:#222;padding-bottom:4px">'
        f"notifyd weekly digest {_e(d.period)}</td></tr>"
        f'<tr><td style="{_FONT}font-size:12px;color:#666">{_e(_range(d))}</td></tr>'
        f"{body}"
        "</table></td></tr></table></td></tr></table></body></html>\n"
    )


def _listing(title: str, rows: list[tuple[str, str, str, str]], head: tuple[str, str, str]) -> str:
    """A section holding a notice table, or "None." when there is nothing to list."""
    return _section(title) + _row(_notice_table(rows, head) if rows else "None.")


def _open_row(n: Notice, d: Digest) -> tuple[str, str, str, str]:
    when = _when(n, d)
    colour = _RED if when.startswith("OVERDUE") else "#222"
    deadline = _deadline(n)
    detail = []
    if deadline:
        detail.append(_e(f"deadline {_local(deadline, d.tz, year=True)}"))
    if n.asins:
        detail.append(_e("ASINs " + " ".join(n.asins)))
    if n.status != "open":
        detail.append(_e(n.status))
    detail.append(inert(printable(n.subject or ""), "html"))
    return (
        f'<span style="color:{colour};font-weight:bold">{_e(when)}</span>',
        _e(f"#{n.id} {(n.severity or '-').upper()}"),
        f"<strong>{_e(_headline(n))}</strong>",
        " · ".join(detail),
    )


def _html_sections(d: Digest) -> str:
    parts = [
        _listing(
            f"Open notices ({len(d.open)}, {d.overdue} overdue), by deadline",
            [_open_row(n, d) for n in d.open],
            ("When", "Notice", "Issue"),
        ),
        _listing(
            f"New this week ({len(d.new)})",
            [
                (
                    _e(_local(_received(n), d.tz, False)),
                    _e(f"#{n.id} {(n.severity or '-').upper()}"),
                    f"<strong>{_e(_headline(n))}</strong>",
                    inert(printable(n.subject or ""), "html"),
                )
                for n in d.new
            ],
            ("Received", "Notice", "Issue"),
        ),
        _listing(
            f"Resolved this week ({len(d.resolved)})",
            [
                (
                    _e(_local(n.resolved_at or d.now, d.tz, False)),
                    _e(f"#{n.id}"),
                    f"<strong>{_e(_headline(n))}</strong>",
                    "",
                )
                for n in d.resolved
            ],
            ("Resolved", "Notice", "Issue"),
        ),
    ]
    if d.phishing:
        parts.append(_section(f"Phishing ({len(d.phishing)})"))
        parts.append(
            _row(
                _e(
                    "Emails imitating Amazon; do not click them: "
                    + ", ".join(f"#{n.id}" for n in d.phishing)
                )
            )
        )
    if d.repeated:
        parts.append(_section("Repeated ASINs (last 90 days)"))
        parts.append(
            _row(
                _notice_table(
                    [
                        (
                            _e(r.asin),
                            _e(f"{len(r.notice_ids)} notices"),
                            _e(", ".join(f"#{i}" for i in r.notice_ids)),
                            _e(", ".join(t.replace("_", " ") for t in r.issue_types)),
                        )
                        for r in d.repeated
                    ],
                    ("ASIN", "Count", "Notices"),
                )
            )
        )
    if d.trends:
        parts.append(_section("Metric trend (last 12 weeks)"))
        parts.append(_row("".join(_chart(s, d.tz) for s in d.trends)))
    parts.append(_section("Account Health"))
    links = " · ".join(
        f'<a href="{_e(account_health_url(m))}" style="color:#0b57d0">{_e(m)}</a>'
        for m in d.marketplaces or ["amazon.com"]
    )
    parts.append(_row(links))
    parts.append(
        _row(
            '<span style="color:#666;font-size:12px">Act on a notice: <code>notifyd show ID</code>, '
            "<code>notifyd draft ID</code>, <code>notifyd ack ID</code>.</span>"
        )
    )
    return "".join(parts)


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
    digest = gather(store, week_before(end, settings.tz), end, now, settings.tz, key)
    outcome = _send(settings, digest)
    if outcome.ok:
        store.finish_digest(key, now)
        log.info("weekly digest %s sent", key)
    else:
        log.warning("weekly digest %s not sent, will retry: %s", key, outcome.error)
    return Attempt(key, outcome.ok, outcome.error)


def current(store: Store, settings: Settings, now: datetime) -> Digest:
    """The digest of the seven days up to now, for `digest --preview` and `--send`."""
    return gather(store, week_before(now, settings.tz), now, now, settings.tz)


def send_now(store: Store, settings: Settings, now: datetime) -> Attempt:
    """`notifyd digest --send`: the last seven days, now; it also counts as the due digest, if
    one is due, so the daemon does not send the same week again."""
    digest = current(store, settings, now)
    outcome = _send(settings, digest)
    key = due(store, settings, now)
    if outcome.ok and key is not None:
        store.mark_digest_sent(key, now)
    return Attempt(key or digest.period, outcome.ok, outcome.error)
