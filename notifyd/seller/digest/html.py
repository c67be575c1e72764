"""The weekly digest as HTML: tables and inline styles only, which every common mail client renders."""

from __future__ import annotations

import html
from datetime import tzinfo

from notifyd.deliver.render import account_health_url, inert, printable
from notifyd.seller.digest.text import render_text
from notifyd.seller.digest.view import (
    Digest,
    chart_scale,
    deadline_of,
    headline,
    local_time,
    period_range,
    received,
    when_phrase,
)
from notifyd.seller.stats import MetricSeries
from notifyd.store.db import Notice

_RED = "#b3261e"
_GREEN = "#2e7d32"
_GREY = "#9e9e9e"
_PALE = "#f2c4c0"
_FONT = "font-family:Arial,Helvetica,sans-serif;"


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
    """rows of (first column, second column, headline html, detail html).

    Two columns, the first two values stacked in the narrow one: three side by side left the
    issue column a few characters wide on a 390-pixel phone, clipped or scrolled sideways.
    Long words (ASIN lists, subjects) wrap anywhere rather than widen the table.
    """
    wrap = "overflow-wrap:anywhere;word-break:break-word"
    cells = "".join(
        f'<tr><td valign="top" width="32%" style="{_FONT}font-size:13px;padding:6px 8px 6px 0;'
        f'{wrap}">{a}<br><span style="color:#444">{b}</span></td>'
        f'<td valign="top" style="{_FONT}font-size:13px;padding:6px 0 6px 8px;{wrap}">{c}'
        + (f'<br><span style="color:#666;font-size:12px">{d}</span>' if d else "")
        + "</td></tr>"
        for a, b, c, d in rows
    )
    th = (
        f'style="{_FONT}font-size:11px;color:#666;text-align:left;text-transform:uppercase;'
        f'padding:4px 8px 4px 0"'
    )
    header = f"<th {th}>{_e(head[0])} · {_e(head[1])}</th><th {th}>{_e(head[2])}</th>"
    return (
        f'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" '
        f'style="border-collapse:collapse;table-layout:fixed"><tr>{header}</tr>{cells}</table>'
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
    scale = chart_scale(s)
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
        'style="padding:8px">'
        # width 100% with a max-width: a fixed width="640" keeps its 640 px on a phone.
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" bgcolor="#ffffff" '
        'style="width:100%;max-width:640px;background-color:#ffffff;border:1px solid #e0e0e0">'
        '<tr><td style="padding:16px">'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0">'
        f'<tr><td style="{_FONT}font-size:20px;font-weight:bold;color:#222;padding-bottom:4px">'
        f"{_e(d.title)}</td></tr>"
        f'<tr><td style="{_FONT}font-size:12px;color:#666">{_e(period_range(d))}</td></tr>'
        f"{body}"
        "</table></td></tr></table></td></tr></table></body></html>\n"
    )


def _listing(title: str, rows: list[tuple[str, str, str, str]], head: tuple[str, str, str]) -> str:
    """A section holding a notice table, or "None." when there is nothing to list."""
    return _section(title) + _row(_notice_table(rows, head) if rows else "None.")


def _open_row(n: Notice, d: Digest) -> tuple[str, str, str, str]:
    when = when_phrase(n, d)
    colour = _RED if when.startswith("OVERDUE") else "#222"
    deadline = deadline_of(n)
    detail = []
    if deadline:
        detail.append(_e(f"deadline {local_time(deadline, d.tz, year=True)}"))
    if n.asins:
        detail.append(_e("ASINs " + " ".join(n.asins)))
    if n.status != "open":
        detail.append(_e(n.status))
    detail.append(inert(printable(n.subject or ""), "html"))
    return (
        f'<span style="color:{colour};font-weight:bold">{_e(when)}</span>',
        _e(f"#{n.id} {(n.severity or '-').upper()}"),
        f"<strong>{_e(headline(n, d))}</strong>",
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
                    _e(local_time(received(n), d.tz, False)),
                    _e(f"#{n.id} {(n.severity or '-').upper()}"),
                    f"<strong>{_e(headline(n, d))}</strong>",
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
                    _e(local_time(n.resolved_at or d.now, d.tz, False)),
                    _e(f"#{n.id}"),
                    f"<strong>{_e(headline(n, d))}</strong>",
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
