"""What the stored notices say over time: weekly counts, repeated ASINs, metric trends, response times."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo
from typing import Any

from notifyd.core.catalog import catalog
from notifyd.core.clock import to_db
from notifyd.core.vocab import IssueType
from notifyd.deliver.render import humanize
from notifyd.store.db import Notice, Store
from notifyd.store.rows import AsinMention


def iso_week(moment: datetime, tz: tzinfo) -> str:
    """'2026-W48': the ISO week of a moment's local date."""
    year, week, _ = moment.astimezone(tz).isocalendar()
    return f"{year}-W{week:02d}"


def week_start(moment: datetime, tz: tzinfo) -> datetime:
    """Monday 00:00 local time of the ISO week holding `moment`."""
    local = moment.astimezone(tz)
    monday = local.date() - timedelta(days=local.weekday())
    return datetime.combine(monday, time(0), tzinfo=tz)


@dataclass(frozen=True)
class WeekCount:
    week: str
    total: int
    by_category: dict[str, int]
    by_issue_type: dict[str, int]


@dataclass(frozen=True)
class RepeatedAsin:
    asin: str
    notice_ids: list[int]
    issue_types: list[str]
    first_at: datetime
    last_at: datetime


@dataclass(frozen=True)
class MetricPoint:
    at: datetime
    value: float
    notice_id: int
    marketplace: str | None


@dataclass(frozen=True)
class MetricSeries:
    metric: str
    label: str
    target: float | None
    op: str  # "<" (lower is better), ">=" (higher is better) or "" (no known target)
    unit: str
    points: list[MetricPoint] = field(default_factory=list)

    def on_target(self, value: float) -> bool | None:
        if self.target is None or not self.op:
            return None
        return value < self.target if self.op == "<" else value >= self.target

    def target_phrase(self) -> str:
        if self.target is None:
            return "no known target"
        word = "under" if self.op == "<" else "at least"
        return f"target {word} {self.target:g}{self.unit}"


@dataclass(frozen=True)
class ResponseTimes:
    acknowledged: int
    median_to_acknowledge: timedelta | None
    resolved: int
    median_to_resolve: timedelta | None


def real_notices(store: Store, since: datetime, until: datetime) -> list[Notice]:
    """Notices (not phishing) Amazon sent in [since, until), oldest first."""
    return store.real_notices(since, until)


def weekly_counts(
    store: Store, weeks: list[str], since: datetime, until: datetime, tz: tzinfo
) -> list[WeekCount]:
    """Notices per ISO week by category and issue type; every listed week appears, even empty."""
    buckets: dict[str, list[Notice]] = {w: [] for w in weeks}
    for row in real_notices(store, since, until):
        buckets.setdefault(iso_week(row.sent_at, tz), []).append(row)
    out = []
    for week in weeks:
        rows = buckets[week]
        categories: dict[str, int] = {}
        issues: dict[str, int] = {}
        for row in rows:
            category = row.category.value if row.category else "unrecognised"
            issue = (row.issue_type or IssueType.OTHER).value
            categories[category] = categories.get(category, 0) + 1
            issues[issue] = issues.get(issue, 0) + 1
        out.append(WeekCount(week, len(rows), _by_count(categories), _by_count(issues)))
    return out


def _by_count(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def repeated_asins(store: Store, since: datetime, until: datetime) -> list[RepeatedAsin]:
    """ASINs named by two or more notices sent in [since, until); most notices first."""
    rows = store.asin_mentions(since, until)
    grouped: dict[str, list[AsinMention]] = {}
    for row in rows:
        grouped.setdefault(row.asin, []).append(row)
    out = [
        RepeatedAsin(
            asin=asin,
            notice_ids=[r.notice_id for r in items],
            issue_types=sorted({(r.issue_type or IssueType.OTHER).value for r in items}),
            first_at=items[0].sent_at,
            last_at=items[-1].sent_at,
        )
        for asin, items in grouped.items()
        if len(items) >= 2
    ]
    return sorted(out, key=lambda r: (-len(r.notice_ids), -r.last_at.timestamp(), r.asin))


def metric_series(store: Store, since: datetime, until: datetime) -> list[MetricSeries]:
    """Every metric value the notices reported in [since, until), one series per metric."""
    series: dict[str, MetricSeries] = {}
    for row in real_notices(store, since, until):
        for key, value in row.metrics.items():
            if key not in series:
                metric = catalog().metric(key)
                series[key] = MetricSeries(
                    metric=key,
                    label=metric.label,
                    target=metric.target if metric.op else None,
                    op=metric.op,
                    unit=metric.unit,
                )
            series[key].points.append(
                MetricPoint(row.sent_at, float(value), row.id, row.marketplace)
            )
    order = list(catalog().metrics)
    return sorted(
        series.values(),
        key=lambda s: (order.index(s.metric) if s.metric in order else len(order), s.metric),
    )


def response_times(store: Store, since: datetime, until: datetime) -> ResponseTimes:
    """Median time from notifyd first seeing a notice to its acknowledgement and resolution.

    Measured from `created_at`, not the email's date: a backfilled import of old mail would
    otherwise count months the seller never had."""
    rows = store.notices_created_real(since, until)
    to_ack: list[float] = []
    to_resolve: list[float] = []
    for row in rows:
        created = row.created_at
        acked = row.acknowledged_at
        resolved = row.resolved_at
        if acked is not None:
            to_ack.append(max(0.0, (acked - created).total_seconds()))
        if resolved is not None:
            to_resolve.append(max(0.0, (resolved - created).total_seconds()))
    return ResponseTimes(
        acknowledged=len(to_ack),
        median_to_acknowledge=timedelta(seconds=statistics.median(to_ack)) if to_ack else None,
        resolved=len(to_resolve),
        median_to_resolve=(
            timedelta(seconds=statistics.median(to_resolve)) if to_resolve else None
        ),
    )


@dataclass(frozen=True)
class Report:
    """`notifyd stats`: the last `weeks` ISO weeks up to and including the current one."""

    weeks: list[WeekCount]
    since: datetime
    until: datetime
    timezone: str
    repeated: list[RepeatedAsin]
    metrics: list[MetricSeries]
    times: ResponseTimes


def report(store: Store, now: datetime, tz: tzinfo, weeks: int) -> Report:
    first = week_start(now, tz) - timedelta(weeks=weeks - 1)
    # Step through Mondays by local date, so a DST change never skips or repeats a week.
    labels = [
        iso_week(datetime.combine(first.date() + timedelta(weeks=i), time(12), tzinfo=tz), tz)
        for i in range(weeks)
    ]
    return Report(
        weeks=weekly_counts(store, labels, first, now + timedelta(seconds=1), tz),
        since=first,
        until=now,
        timezone=str(tz),
        repeated=repeated_asins(store, first, now + timedelta(seconds=1)),
        metrics=metric_series(store, first, now + timedelta(seconds=1)),
        times=response_times(store, first, now + timedelta(seconds=1)),
    )


def _seconds(delta: timedelta | None) -> int | None:
    return None if delta is None else round(delta.total_seconds())


def report_json(rep: Report) -> dict[str, Any]:
    return {
        "since": to_db(rep.since),
        "until": to_db(rep.until),
        "timezone": rep.timezone,
        "weeks": [
            {
                "week": w.week,
                "total": w.total,
                "by_category": w.by_category,
                "by_issue_type": w.by_issue_type,
            }
            for w in rep.weeks
        ],
        "repeated_asins": [
            {
                "asin": r.asin,
                "notices": len(r.notice_ids),
                "notice_ids": r.notice_ids,
                "issue_types": r.issue_types,
                "first_at": to_db(r.first_at),
                "last_at": to_db(r.last_at),
            }
            for r in rep.repeated
        ],
        "metrics": [
            {
                "metric": s.metric,
                "label": s.label,
                "target": s.target,
                "op": s.op or None,
                "unit": s.unit,
                "points": [
                    {
                        "at": to_db(p.at),
                        "value": p.value,
                        "notice_id": p.notice_id,
                        "marketplace": p.marketplace,
                        "on_target": s.on_target(p.value),
                    }
                    for p in s.points
                ],
            }
            for s in rep.metrics
        ],
        "response": {
            "acknowledged": rep.times.acknowledged,
            "median_seconds_to_acknowledge": _seconds(rep.times.median_to_acknowledge),
            "resolved": rep.times.resolved,
            "median_seconds_to_resolve": _seconds(rep.times.median_to_resolve),
        },
    }


def _words(counts: dict[str, int]) -> str:
    return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in counts.items())


def _day(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%d %b %Y")


def report_text(rep: Report, tz: tzinfo) -> str:
    total = sum(w.total for w in rep.weeks)
    lines = [
        f"Notices per ISO week, {len(rep.weeks)} weeks from {_day(rep.since, tz)} "
        f"({rep.timezone}; phishing not counted): {total} in all",
    ]
    for w in rep.weeks:
        lines.append(
            f"  {w.week}  {w.total:3d}" + (f"  {_words(w.by_category)}" if w.total else "")
        )
        if w.total:
            lines.append(f"  {'':8}  {'':3}  {_words(w.by_issue_type)}")
    lines.append("")
    if rep.repeated:
        lines.append("ASINs with repeated notices:")
        for r in rep.repeated:
            ids = ", ".join(f"#{i}" for i in r.notice_ids)
            lines.append(
                f"  {r.asin}  {len(r.notice_ids)} notices ({ids}): "
                f"{', '.join(t.replace('_', ' ') for t in r.issue_types)}; "
                f"{_day(r.first_at, tz)} to {_day(r.last_at, tz)}"
            )
    else:
        lines.append("ASINs with repeated notices: none")
    lines.append("")
    if rep.metrics:
        lines.append("Metrics reported by Amazon, against their targets:")
        for s in rep.metrics:
            lines.append(f"  {s.label} ({s.target_phrase()})")
            for p in s.points:
                ok = s.on_target(p.value)
                verdict = "" if ok is None else ("  on target" if ok else "  OFF TARGET")
                where = f"  {p.marketplace}" if p.marketplace else ""
                lines.append(
                    f"    {_day(p.at, tz)}  {p.value:g}{s.unit}{verdict}{where}  (#{p.notice_id})"
                )
    else:
        lines.append("Metrics reported by Amazon: none in this period")
    lines.append("")
    t = rep.times
    ack = humanize(t.median_to_acknowledge) if t.median_to_acknowledge is not None else "-"
    res = humanize(t.median_to_resolve) if t.median_to_resolve is not None else "-"
    lines.append(f"Median time to acknowledge: {ack} ({t.acknowledged} acknowledged)")
    lines.append(f"Median time to resolve:     {res} ({t.resolved} resolved)")
    return "\n".join(lines) + "\n"
