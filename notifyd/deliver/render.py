"""Turn a stored notice into the Message a channel shows: title, body, severity, format."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from notifyd.core.catalog import catalog
from notifyd.core.vocab import AlertPurpose
from notifyd.deliver import mailthread
from notifyd.deliver.labels import humanize, issue_label
from notifyd.deliver.sms import notice_sms
from notifyd.store.rows import Notice

__all__ = ["Message", "humanize", "issue_label", "notice_title", "render_notice", "render_plain"]

PURPOSE_PREFIX = {
    "new": "",
    "reminder": "Reminder: ",
    "overdue": "OVERDUE: ",
    "escalation": "Escalation, not acknowledged: ",
    "arrived_overdue": "Arrived overdue: ",
}
# What a follow-up's alert says Amazon answered (issue 12 item 5).
REPLY_TEXT = {
    "appeal_denied": "appeal denied",
    "more_information": "more information requested",
    "appeal_received": "appeal received",
    "reinstated": "reinstated",
}
# How "Amazon asks: ..." names each request kind and channel.
_ASK_TEXT = {
    "plan_of_action": "a plan of action",
    "appeal": "an appeal",
    "documents": "documents",
    "identity_verification": "identity verification",
    "contact_rights_owner": "contact the rights owner",
    "fix_listing": "fix the listing",
    "respond_to_buyer": "a response to the buyer's claim",
}
_VIA_TEXT = {
    "appeal_button": "the Appeal button in Account Health",
    "account_health": "the Account Health page",
    "reply": "a reply to Amazon's e-mail",
    "seller_central_page": "Seller Central",
}


@dataclass(frozen=True)
class Message:
    """What one channel is asked to show; decided here, delivered by notify."""

    title: str
    body: str
    severity: str  # critical | high | medium | low: the channel's notification type
    format: str = "text"  # markdown | html | text | sms
    text_part: str | None = None  # e-mail: our own text/plain beside the HTML body
    headers: tuple[tuple[str, str], ...] = ()  # e-mail: Message-ID, In-Reply-To, References


def account_health_url(marketplace: str | None) -> str:
    domain = marketplace if marketplace and marketplace.startswith("amazon.") else "amazon.com"
    return f"https://sellercentral.{domain}/performance/dashboard"


def notifications_url(marketplace: str | None) -> str:
    domain = marketplace if marketplace and marketplace.startswith("amazon.") else "amazon.com"
    return f"https://sellercentral.{domain}/performance/notifications"


def deadline_phrase(deadline: datetime, now: datetime, tz: tzinfo) -> str:
    local = deadline.astimezone(tz).strftime("%a %d %b %Y %H:%M %Z")
    if deadline >= now:
        return f"{local} (in {humanize(deadline - now)})"
    return f"{local} (OVERDUE by {humanize(now - deadline)})"


def metric_lines(metrics: dict[str, float]) -> list[str]:
    out = []
    for key, value in metrics.items():
        metric = catalog().metric(key)
        label, unit = metric.label, metric.unit
        if metric.target is None or not metric.op:
            out.append(f"{label}: {value:g}{unit}")
            continue
        out.append(f"{label}: {value:g}{unit} (target {metric.op} {metric.target:g}{unit})")
    return out


# --- escaping of text that comes from the email -------------------------------------------

_URL = re.compile(r"\b(https?|ftp)://([^\s/<>\"']+)", re.IGNORECASE)
_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+)([a-z]{2,})\b", re.IGNORECASE)
_MENTION = re.compile(r"(?<![\w.+-])([@＠])(?=\w)")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~>])")


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Untrusted text for a terminal or a plain-text file: one line, no control characters
    (no ESC sequences that retitle or clear a terminal, no bidi overrides that hide text)."""
    return " ".join(_CONTROLS.sub(" ", text).split())


def defang(text: str) -> str:
    """Make URLs in untrusted text unclickable: 'https://evil.example' -> 'hxxps://evil[.]example'."""

    def one(match: re.Match[str]) -> str:
        scheme = match.group(1).lower().replace("t", "x", 2)
        return f"{scheme}://{match.group(2).replace('.', '[.]')}"

    # Chat apps link bare domains too, so every dotted host name loses its dots.
    return _DOMAIN.sub(lambda m: m.group(1).replace(".", "[.]") + m.group(2), _URL.sub(one, text))


def inert(text: str, fmt: str, links: bool = False) -> str:
    """Untrusted email text made safe for a channel: no mentions, no markup, and no links unless
    `links` (for a genuine sender's address, which is worth keeping readable)."""
    text = printable(text)
    if not links:
        text = defang(text)
    # A zero-width joiner after @ keeps the text readable but stops @here/@channel pings.
    text = _MENTION.sub("\\1\u2060", text)
    if fmt == "html":
        return html.escape(text)
    text = text.replace("<", "‹").replace(">", "›")  # Slack's <!channel> and <url|label>
    if fmt == "markdown":
        return _MD_SPECIAL.sub(r"\\\1", text)
    return text


# --- notices -------------------------------------------------------------------------------


def asks_line(notice: Notice) -> str | None:
    """One line of what Amazon asks for and where to send it; None when it asks nothing known."""
    wants = [_ASK_TEXT[k] for k in notice.requested if k in _ASK_TEXT]
    if notice.documents:
        named = ", ".join(d.replace("_", " ") for d in notice.documents)
        wants = [w for w in wants if w != "documents"] + [f"documents ({named})"]
    via = notice.respond_via or {}
    if via.get("kind") == "email" and via.get("address"):
        where = f"by e-mail to {via['address']}"
    else:
        where = f"through {_VIA_TEXT[str(via.get('kind'))]}" if via.get("kind") in _VIA_TEXT else ""
    if not wants:
        return f"a response {where}" if where else None
    return "; ".join(wants) + (f"; {where}" if where else "")


def notice_title(notice: Notice, purpose: AlertPurpose = AlertPurpose.NEW) -> str:
    number = notice.id
    if notice.kind == "phishing":
        return f"{PURPOSE_PREFIX.get(purpose, '')}Suspected phishing, do not click (#{number})"
    if purpose == AlertPurpose.FOLLOWUP:
        reply = REPLY_TEXT.get(notice.last_followup or "", "a new message")
        return f"Amazon replied: {reply}: {issue_label(notice)} (#{number})"
    severity = (notice.severity or "low").upper()
    label = issue_label(notice)
    where = f" on {notice.marketplace}" if notice.marketplace else ""
    return f"{PURPOSE_PREFIX.get(purpose, '')}[{severity}] {label}{where} (#{number})"


def _facts(
    notice: Notice, now: datetime, tz: tzinfo, fmt: str, account: str | None
) -> list[tuple[str, str]]:
    """(label, value) pairs, values already safe for fmt; the order is what a seller scans."""
    facts: list[tuple[str, str]] = []
    if account:
        # The configured display name is the admin's text, but it still goes into markup.
        facts.append(("Account", html.escape(account) if fmt == "html" else account))
    deadline = notice.deadline_at
    if deadline:
        facts.append(("Deadline", deadline_phrase(deadline, now, tz)))
    if notice.asins:
        facts.append(("ASINs", ", ".join(notice.asins)))
    asks = asks_line(notice) if notice.kind != "phishing" else None
    if asks:
        facts.append(("Amazon asks", inert(asks, fmt, links=True)))
    for line in metric_lines(notice.metrics or {}):
        label, _, value = line.partition(": ")
        facts.append((label, value))
    if notice.category:
        facts.append(("Category", str(notice.category).replace("_", " ")))
    facts.append(("Subject", inert(notice.subject or "", fmt)))
    genuine = notice.kind != "phishing"
    facts.append(("From", inert(notice.sender or "", fmt, links=genuine)))
    received = notice.received_at
    if received:
        facts.append(("Received", received.astimezone(tz).strftime("%a %d %b %Y %H:%M %Z")))
    return facts


def render_notice(
    notice: Notice,
    purpose: AlertPurpose,
    fmt: str,
    now: datetime,
    tz: tzinfo,
    links: Sequence[tuple[str, str]] = (),
    account: str | None = None,
) -> Message:
    """The alert for one notice. `links`: (label, URL) action links from notifyd.deliver.links,
    shown as plain URLs; `account`: the display name to show (None: show none)."""
    number = notice.id
    phishing = notice.kind == "phishing"
    severity = "high" if phishing else (notice.severity or "low")
    title = notice_title(notice, purpose)
    if fmt == "sms":
        ack = links[0] if links else None  # the first link is Acknowledge, unless the notice already is
        return Message("", notice_sms(notice, purpose, now, tz, account, ack), severity, "sms")
    facts = _facts(notice, now, tz, fmt, account)
    if phishing:
        warning = (
            "This email imitates an Amazon notice but does not come from Amazon. "
            "Do not click its links, reply or enter any password. "
            "Check Account Health in Seller Central directly instead."
        )
        reasons = [r for r in notice.reasons or [] if "phishing" in r.lower()]
        if reasons:
            facts.append(("Why", inert("; ".join(reasons), fmt)))
    else:
        warning = ""
    link = account_health_url(notice.marketplace)
    todo = f"notifyd ack {number}" if not notice.acknowledged_at else ""
    if fmt == "html":
        rows = "".join(
            f'<tr><th align="left">{html.escape(k)}</th><td>{v}</td></tr>' for k, v in facts
        )
        body = (
            (f"<p><strong>{html.escape(warning)}</strong></p>" if warning else "")
            + f"<table>{rows}</table>"
            + (f'<p><a href="{link}">Account Health</a></p>' if not phishing else "")
            + (f"<p>Acknowledge: <code>{todo}</code></p>" if todo and not links else "")
            + "".join(f'<p>{k}: <a href="{html.escape(u)}">{html.escape(u)}</a></p>' for k, u in links)
        )
    elif fmt == "markdown":
        lines = [f"**{warning}**", ""] if warning else []
        lines += [f"*{k}:* {v}" for k, v in facts]
        if not phishing:
            lines.append(f"Account Health: {link}")
        if todo and not links:
            lines.append(f"Acknowledge: `{todo}`")
        lines += [f"{label}: {url}" for label, url in links]
        body = "\n".join(lines)
    else:
        lines = [warning, ""] if warning else []
        lines += [f"{k}: {v}" for k, v in facts]
        if not phishing:
            lines.append(f"Account Health: {link}")
        if todo and not links:
            lines.append(f"Acknowledge: {todo}")
        lines += [f"{label}: {url}" for label, url in links]
        body = "\n".join(lines)
    return Message(title, body, severity, fmt)


def render_plain(title: str, body: str, severity: str, fmt: str) -> Message:
    """A notifyd-authored message (self-monitoring, tests): trusted text, trimmed for SMS."""
    if fmt == "sms":
        return Message("", f"{title}: {body}"[:160], severity, "sms")
    if fmt == "html":
        return Message(
            title, "<p>" + html.escape(body).replace("\n", "<br>") + "</p>", severity, fmt
        )
    return Message(title, body, severity, fmt)


def first_purpose(notice: Notice) -> AlertPurpose:
    """The purpose of a notice's first alert: it arrived overdue, or it was new."""
    late = notice.deadline_at is not None and notice.deadline_at <= notice.created_at
    return AlertPurpose.ARRIVED_OVERDUE if late else AlertPurpose.NEW


def email_alert(
    notice: Notice,
    purpose: AlertPurpose,
    now: datetime,
    tz: tzinfo,
    thread: mailthread.Thread,
    account: str | None = None,
    actions: Sequence[tuple[str, str]] = (),
) -> Message:
    """An alert e-mail: HTML and text parts with the same facts and links, threaded by
    `thread`; a follow-up's subject is "Re: <first alert's title>" so every client threads it."""
    title = notice_title(notice, purpose)
    facts = _facts(notice, now, tz, "text", account)
    warning = ""
    links: list[tuple[str, str]] = []
    if notice.kind == "phishing":
        warning = (
            "This email imitates an Amazon notice but does not come from Amazon. "
            "Do not click its links, reply or enter any password."
        )
    else:
        links = [
            ("Account Health", account_health_url(notice.marketplace)),
            ("Notifications", notifications_url(notice.marketplace)),
            *actions,
        ]
    todo = f"notifyd ack {notice.id}" if not notice.acknowledged_at else ""
    text, body = mailthread.alert_parts(title, facts, links, warning, todo)
    subject = mailthread.thread_subject(
        notice_title(notice, first_purpose(notice)), title, purpose
    )
    severity = "high" if notice.kind == "phishing" else (notice.severity or "low")
    return Message(subject, body, severity, "html", text, tuple(thread.headers().items()))
