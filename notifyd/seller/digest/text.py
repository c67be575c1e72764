"""The weekly digest as plain text: the part every mail client shows and every screen reader reads."""

from __future__ import annotations

from notifyd.deliver.render import account_health_url
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

BAR = 28  # characters for the full scale of a text bar


def render_text(d: Digest) -> str:
    if d.empty:
        whose = f" for {d.account}" if d.account else ""
        return (
            f"Nothing to report for {d.period}{whose}: no open notices, nothing new, "
            "nothing resolved.\n"
        )
    out = [f"{d.title} ({period_range(d)})", ""]
    out.append(f"OPEN NOTICES ({len(d.open)}, {d.overdue} overdue), by deadline")
    if not d.open:
        out.append("  none")
    for n in d.open:
        state = "" if n.status == "open" else f" [{n.status}]"
        out.append(
            f"  #{n.id:<4} {when_phrase(n, d):<24} {(n.severity or '-').upper():<8} "
            f"{headline(n, d)}{state}"
        )
        extra = []
        deadline = deadline_of(n)
        if deadline:
            extra.append(f"deadline {local_time(deadline, d.tz, year=True)}")
        if n.asins:
            extra.append("ASINs " + " ".join(n.asins))
        if extra:
            out.append(f"{'':8}{'; '.join(extra)}")
    out += ["", f"NEW THIS WEEK ({len(d.new)})"]
    out += [
        f"  #{n.id:<4} {local_time(received(n), d.tz, False):<11} "
        f"{(n.severity or '-').upper():<8} {headline(n, d)}"
        for n in d.new
    ] or ["  none"]
    out += ["", f"RESOLVED THIS WEEK ({len(d.resolved)})"]
    out += [
        f"  #{n.id:<4} {local_time(n.resolved_at or d.now, d.tz, False):<11} "
        f"{headline(n, d)}"
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
            scale = chart_scale(s)
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
