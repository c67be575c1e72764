"""What one weekly digest covers: the notices, repeated ASINs and trends of its period, gathered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo

from notifyd.core.vocab import Severity
from notifyd.deliver.render import humanize, issue_label
from notifyd.seller.stats import MetricSeries, RepeatedAsin, iso_week, metric_series, repeated_asins
from notifyd.store.db import Notice, Store

REPEAT_WINDOW = timedelta(days=90)  # an ASIN named again within this is a pattern, not chance
TREND_WINDOW = timedelta(weeks=12)


def period_key(start: datetime, end: datetime, tz: tzinfo) -> str:
    """The ISO week holding the middle of the period: 'mon 08:00' to 'mon 08:00' is the week
    before the send, and any weekly schedule gives each period its own key."""
    return iso_week(start + (end - start) / 2, tz)


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
    accounts: dict[str, str] = field(default_factory=dict)  # mailbox -> account shown for it
    account: str | None = None  # the one account a per-account digest is for

    @property
    def title(self) -> str:
        """'notifyd weekly digest 2026-W48', naming the account when the digest is for one."""
        whose = f" for {self.account}" if self.account else ""
        return f"notifyd weekly digest {self.period}{whose}"

    @property
    def empty(self) -> bool:
        return not (self.open or self.new or self.resolved or self.phishing)

    @property
    def overdue(self) -> int:
        return sum(1 for n in self.open if (deadline_of(n) or self.now) < self.now)

    @property
    def subject(self) -> str:
        if self.empty:
            return f"{self.title}: nothing to report"
        parts = [f"{len(self.open)} open"]
        if self.overdue:
            parts[0] += f" ({self.overdue} overdue)"
        parts += [f"{len(self.new)} new", f"{len(self.resolved)} resolved"]
        return f"{self.title}: " + ", ".join(parts)


def deadline_of(notice: Notice) -> datetime | None:
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
    accounts: dict[str, str] | None = None,
) -> Digest:
    """The digest for [start, end): new = first seen by notifyd then, so each notice appears as
    new in exactly one digest, even when its email arrived just before a send. `accounts` names
    the account of each mailbox whose notices should say whose they are."""
    digest = Digest(period or period_key(start, end, tz), start, end, now, tz)
    digest.accounts = dict(accounts or {})
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


def narrowed(digest: Digest, account: str, belongs: Callable[[Notice], bool],
             notice: Callable[[int], Notice]) -> Digest:
    """The part of `digest` about one account: its notices, the ASINs its own notices repeat and
    the metrics its own notices reported. `belongs` says whether a notice is the account's;
    `notice` looks one up by ID (repeated ASINs and trend points carry only IDs)."""
    seen: dict[int, bool] = {}

    def mine(notice_id: int) -> bool:
        if notice_id not in seen:
            seen[notice_id] = belongs(notice(notice_id))
        return seen[notice_id]

    repeated = []
    for r in digest.repeated:
        ids = [i for i in r.notice_ids if mine(i)]
        if len(ids) >= 2:  # a pattern within this account, not across two sellers
            repeated.append(replace(r, notice_ids=ids))
    trends = []
    for s in digest.trends:
        points = [p for p in s.points if mine(p.notice_id)]
        if points:
            trends.append(replace(s, points=points))
    return replace(
        digest,
        open=[n for n in digest.open if belongs(n)],
        new=[n for n in digest.new if belongs(n)],
        resolved=[n for n in digest.resolved if belongs(n)],
        phishing=[n for n in digest.phishing if belongs(n)],
        repeated=repeated,
        trends=trends,
        # The title names the account; saying it again on every line is noise.
        accounts={},
        account=account,
    )


# --- shared by the text and HTML writers -----------------------------------------------------


def local_time(moment: datetime, tz: tzinfo, with_time: bool = True, year: bool = False) -> str:
    fmt = "%a %d %b" + (" %Y" if year else "") + (" %H:%M" if with_time else "")
    return moment.astimezone(tz).strftime(fmt)


def received(notice: Notice) -> datetime:
    """The email's date, which the seller knows it by; notifyd's first sight when it had none."""
    return notice.sent_at


def when_phrase(notice: Notice, d: Digest) -> str:
    """'OVERDUE by 2 days' / 'due in 5 h' / 'no deadline': what decides the order of the list."""
    deadline = deadline_of(notice)
    if deadline is None:
        return "no deadline"
    if deadline < d.now:
        return f"OVERDUE by {humanize(d.now - deadline)}"
    return f"due in {humanize(deadline - d.now)}"


def headline(notice: Notice, d: Digest | None = None) -> str:
    """'Order Defect Rate above target, amazon.com, Northwind EU': what, where, whose."""
    parts = [issue_label(notice), notice.marketplace or ""]
    if d is not None:
        parts.append(d.accounts.get(notice.mailbox, ""))
    return ", ".join(p for p in parts if p)


def chart_scale(series: MetricSeries) -> float:
    top = max([p.value for p in series.points] + [series.target or 0.0])
    return top * 1.15 if top > 0 else 1.0


def period_range(d: Digest) -> str:
    return f"{local_time(d.start, d.tz)} to {local_time(d.end, d.tz)} {d.end.astimezone(d.tz):%Z}"
