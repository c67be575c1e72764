"""Deliver one rendered Message to one Apprise URL and say whether it worked; the only apprise user."""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import apprise
from apprise.decorators import notify as apprise_notify
from apprise.plugins.email.base import NotifyEmail
from apprise.plugins.email.smtp import AppriseSMTPController

from notifyd.deliver import mailthread
from notifyd.deliver.render import Message

_TYPES = {
    "critical": apprise.NotifyType.FAILURE,
    "high": apprise.NotifyType.WARNING,
    "medium": apprise.NotifyType.WARNING,
    "low": apprise.NotifyType.INFO,
}
_FORMATS = {
    "markdown": apprise.NotifyFormat.MARKDOWN,
    "html": apprise.NotifyFormat.HTML,
    "text": apprise.NotifyFormat.TEXT,
    "sms": apprise.NotifyFormat.TEXT,
}
_HTTP_STATUS = re.compile(r"error=(\d{3})")
# HTTP statuses that say the request itself is wrong (bad token, bad URL); retrying cannot help.
_PERMANENT = {400, 401, 403, 404, 405, 410, 413, 422}
# Longest one send may take, whatever the channel does (a service answering a byte at a time
# never trips a per-read timeout): past it the send is reported as failed and retried later.
SEND_DEADLINE = 20.0
# Sends that outlived their deadline, by URL: their thread cannot be killed, so the channel
# gets no second one until the first has ended; a stuck channel holds one thread, at most.
_running: dict[str, threading.Thread] = {}
_running_lock = threading.Lock()


@dataclass(frozen=True)
class Outcome:
    ok: bool
    error: str | None = None
    permanent: bool = False


@apprise_notify(on="console", name="notifyd console")  # type: ignore[untyped-decorator,no-untyped-call]
def _console(body: str, title: str, notify_type: str, *args: Any, **kwargs: Any) -> bool:
    """console:// prints alerts to stdout, for the demo and for trying a config without accounts."""
    print(f"[{notify_type.upper()}] {title}\n{body}\n", file=sys.stdout, flush=True)
    return True


def channel_format(url: str) -> str:
    """The body format a channel gets when its config does not say: by its URL scheme."""
    scheme = url.split("://", 1)[0].lower()
    if scheme in {
        "mailto",
        "mailtos",
        "email",
        "ses",
        "sendgrid",
        "mailgun",
        "smtp2go",
        "sparkpost",
    }:
        return "html"
    sms = {
        "twilio",
        "sns",
        "clicksend",
        "d7sms",
        "msg91",
        "nexmo",
        "vonage",
        "plivo",
        "bulksms",
        "sinch",
        "messagebird",
        "kavenegar",
        "smseagle",
        "signal",
        "signals",
        "bulkvs",
    }
    if scheme in sms:
        return "sms"
    if scheme in {"json", "form", "xml", "console"}:
        return "text"
    return "markdown"


def senders_running() -> int:
    """Sends still running past their deadline (the process should not wait for them)."""
    with _running_lock:
        return sum(1 for worker in _running.values() if worker.is_alive())


def _bounded(url: str, work: Callable[[], Outcome], deadline: float) -> Outcome:
    """Run one send in its own thread and give up waiting for it after `deadline` seconds."""
    with _running_lock:
        earlier = _running.get(url)
        if earlier is not None and earlier.is_alive():
            return Outcome(False, "the previous send to this channel has not ended yet")
    result: list[Outcome] = []

    def run() -> None:
        try:
            result.append(work())
        except Exception as exc:  # a plugin bug must cost one retry, not the whole outbox
            result.append(Outcome(False, f"{type(exc).__name__}: {exc}"[:300]))

    worker = threading.Thread(target=run, name="send", daemon=True)
    worker.start()
    worker.join(deadline)
    if worker.is_alive():
        with _running_lock:
            _running[url] = worker  # overdue: no second send to this channel until it ends
        return Outcome(False, f"no complete answer within {deadline:.0f} s; cut off")
    return result[0] if result else Outcome(False, "the send ended without a result")


def send(url: str, message: Message, deadline: float = SEND_DEADLINE) -> Outcome:
    """Send once within `deadline`; classify a failure as transient (retry later) or permanent
    (report, stop)."""
    return _bounded(url, lambda: _send(url, message), deadline)


def _send(url: str, message: Message) -> Outcome:
    if message.text_part is not None and message.format == "html":
        # A threaded alert e-mail: our text part and headers, sent like the digest.
        headers = dict(message.headers)
        return _send_email_digest(url, message.title, message.body, message.text_part, headers)
    # Apprise's own service limit would run the send in its shared pool, whose stuck workers
    # the interpreter waits for at exit; this thread already has a deadline of its own.
    target = apprise.Apprise(asset=apprise.AppriseAsset(service_timeout=0))
    if not target.add(url):
        return Outcome(False, "the Apprise URL is not valid or its service is unknown", True)
    lines: list[str] = []

    # Apprise sends from its own worker threads; a per-call callback is the reliable way to hear
    # why this one delivery failed.
    def collect(entry: Any, service: Any = None) -> None:
        if str(getattr(entry, "level", "")).upper() in ("WARNING", "ERROR", "CRITICAL"):
            lines.append(str(getattr(entry, "message", entry)))

    try:
        ok = bool(
            target.notify(
                body=message.body,
                title=message.title,
                notify_type=_TYPES.get(message.severity, apprise.NotifyType.INFO),
                body_format=_FORMATS[message.format],
                log_callback=collect,
                log_level=logging.WARNING,
            )
        )
    except Exception as exc:  # a plugin bug must cost one retry, not the whole outbox
        return Outcome(False, f"{type(exc).__name__}: {exc}"[:300])
    if ok:
        return Outcome(True)
    error = "; ".join(lines)[-500:] or "delivery failed"
    status = _HTTP_STATUS.search(error)
    permanent = bool(status and int(status.group(1)) in _PERMANENT)
    return Outcome(False, error, permanent)


def send_email_digest(
    url: str,
    subject: str,
    html: str,
    text: str,
    thread: dict[str, str] | None = None,
    deadline: float = SEND_DEADLINE * 3,
) -> Outcome:
    """The weekly digest or a threaded alert e-mail (see _send_email_digest), within `deadline`."""
    return _bounded(url, lambda: _send_email_digest(url, subject, html, text, thread), deadline)


def _send_email_digest(
    url: str, subject: str, html: str, text: str, thread: dict[str, str] | None = None
) -> Outcome:
    """Send the weekly digest: for e-mail, HTML with our own text part; elsewhere, the text.

    Apprise's e-mail plugin does send multipart/alternative for an HTML body, but it writes the
    text/plain part itself from the HTML: table cells one per line and every link target gone,
    so the digest's Account Health links and chart would be lost to text-only readers. Apprise
    still prepares each message (headers, From/To, Message-ID) and owns the SMTP connection;
    only the text part is replaced by the one the digest wrote.
    """
    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        return Outcome(False, "the Apprise URL is not valid or its service is unknown", True)
    if not isinstance(plugin, NotifyEmail):
        return _send(url, Message(subject, text, "low", "text"))  # not e-mail: no thread
    if str(plugin.pgp_mode).lower() != "no":
        # A signed or encrypted message cannot be edited after Apprise prepared it.
        return _send(url, Message(subject, html, "low", "html"))
    headers = {"X-Application": plugin.app_id, **plugin.headers}
    refused: list[str] = []
    try:
        with AppriseSMTPController(
            host=plugin.smtp_host,
            port=int(plugin.port or 0),
            secure_mode=str(plugin.secure_mode),
            user=plugin.user,
            password=plugin.password,
            verify_certificate=plugin.verify_certificate,
            socket_connect_timeout=int(plugin.socket_connect_timeout),
        ) as smtp:
            for prepared in NotifyEmail.prepare_emails(
                subject=subject,
                body=html,
                notify_format=apprise.NotifyFormat.HTML,
                from_addr=plugin.from_addr,
                to=plugin.targets,
                cc=plugin.cc,
                bcc=plugin.bcc,
                reply_to=plugin.reply_to,
                smtp_host=plugin.smtp_host,
                headers=headers,
                names=plugin.names,
                tzinfo=plugin.tzinfo,
            ):
                body = mailthread.replace_parts(prepared.body, thread or {}, text)
                if not smtp.sendmail(str(plugin.from_addr[1]), prepared.to_addrs, body):
                    refused.append(prepared.recipient)
    except Exception as exc:  # connection, TLS and login failures; the next tick retries
        return Outcome(False, f"{type(exc).__name__}: {exc}"[:300])
    if refused:
        return Outcome(False, f"the mail server did not accept the digest for {', '.join(refused)}")
    return Outcome(True)


def validate_url(url: str) -> str | None:
    """None when Apprise can build a notifier from `url`, else why not (without the URL, which
    may hold a token): what `check` runs on every channel and the digest."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if not scheme:
        return "not an Apprise URL (no scheme://)"
    if _quietly_instantiate(url) is None:
        return (
            f"Apprise cannot use this {scheme}:// URL (unknown service, or a required part such "
            "as user, token or recipient is missing)"
        )
    return None


def probe_url(url: str, timeout: float = 5.0) -> str:
    """`check --probe`: open a TCP connection to the URL's server; 'reachable', 'not probed'
    for services without a host of their own, or the error."""
    import socket

    plugin = _quietly_instantiate(url)
    host = getattr(plugin, "host", None)
    if plugin is None or not host or not ("." in host or host == "localhost"):
        return "not probed (no server host in the URL)"
    port = getattr(plugin, "port", None) or (443 if getattr(plugin, "secure", False) else 80)
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as exc:
        return f"UNREACHABLE {host}:{port}: {exc.strerror or exc}"
    return f"reachable ({host}:{port})"


def _quietly_instantiate(url: str) -> Any:
    # Apprise logs its own complaint, with parts of the URL (a token) in it; check says why.
    logger = logging.getLogger("apprise")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        return apprise.Apprise.instantiate(url)
    finally:
        logger.setLevel(level)
