"""Alert e-mails that read well: HTML and text parts with the same facts, reminders threaded under the first."""

from __future__ import annotations

import email
import email.policy
import hashlib
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# Purposes whose e-mail starts a notice's thread; every later alert replies to it.
FIRST_PURPOSES = frozenset({"new", "arrived_overdue"})


@dataclass(frozen=True)
class Thread:
    """The threading headers of one alert e-mail."""

    message_id: str
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()

    def headers(self) -> dict[str, str]:
        out = {"Message-ID": self.message_id}
        if self.in_reply_to:
            out["In-Reply-To"] = self.in_reply_to
        if self.references:
            out["References"] = " ".join(self.references)
        return out


def root_id(notice_id: int, message_key: str, domain: str) -> str:
    """The Message-ID of a notice's first alert. It is derived, not stored: every reminder can
    name it without a lookup, and the hash of the notice's own key keeps two databases (a
    restored backup, a second installation) from ever producing the same ID."""
    digest = hashlib.sha256(message_key.encode("utf-8")).hexdigest()[:12]
    return f"<notifyd.notice-{notice_id}.{digest}@{_domain(domain)}>"


def thread_for(
    notice_id: int,
    message_key: str,
    alert_id: int,
    purpose: str,
    domain: str,
    previous: str | None = None,
) -> Thread:
    """Headers for alert `alert_id` of a notice: the first alert is the thread's root; a reminder,
    overdue repeat or escalation replies to the latest earlier alert (`previous`, else the root)
    and references the root, so every mail client files it under the first alert."""
    root = root_id(notice_id, message_key, domain)
    if purpose in FIRST_PURPOSES:
        return Thread(root)
    own = f"{root[:-1].split('@', 1)[0]}.{purpose}-{alert_id}@{_domain(domain)}>"
    parent = previous or root
    references = (root,) if parent == root else (root, parent)
    return Thread(own, parent, references)


def thread_subject(first_title: str, title: str, purpose: str) -> str:
    """The Subject of an alert e-mail. Gmail threads a message under earlier ones only when its
    subject is the same up to a "Re:" prefix, whatever References says; so a follow-up is
    "Re: <first alert's title>", and its own title ("OVERDUE: ...") heads the body instead."""
    return title if purpose in FIRST_PURPOSES else f"Re: {first_title}"


def _domain(domain: str) -> str:
    # A Message-ID's right side must be a dot-atom; a bad From address must not break the mail.
    clean = "".join(ch for ch in domain.lower() if ch.isalnum() or ch in ".-").strip(".-")
    return clean or "notifyd.invalid"


def alert_parts(
    title: str,
    facts: Sequence[tuple[str, str]],
    links: Sequence[tuple[str, str]],
    warning: str = "",
    todo: str = "",
) -> tuple[str, str]:
    """(text, html) of one alert with the same facts and the same links in both.

    `facts` are (label, value) in plain text (already made printable and defanged by the
    renderer); `links` are notifyd's own trusted links (Account Health), written out as URLs in
    the text part so a text-only reader keeps them. The HTML is one column that stays readable
    on a 390-pixel phone screen: labels above values, long values wrap.
    """
    text_lines = [title, ""]
    if warning:
        text_lines += [warning, ""]
    text_lines += [f"{label}: {value}" for label, value in facts]
    if links:
        text_lines.append("")
        text_lines += [f"{label}: {url}" for label, url in links]
    if todo:
        text_lines += ["", f"Acknowledge: {todo}"]
    text = "\n".join(text_lines) + "\n"

    cell = "padding:4px 0;vertical-align:top;overflow-wrap:anywhere;word-break:break-word"
    rows = "".join(
        f'<tr><th align="left" style="{cell};padding-right:12px;width:34%">'
        f"{html.escape(label)}</th>"
        f'<td style="{cell}">{html.escape(value)}</td></tr>'
        for label, value in facts
    )
    body = [
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        '<body style="font-family:sans-serif;margin:0;padding:12px">',
        f'<h2 style="font-size:18px;margin:0 0 12px">{html.escape(title)}</h2>',
    ]
    if warning:
        body.append(f"<p><strong>{html.escape(warning)}</strong></p>")
    body.append(
        '<table role="presentation" style="width:100%;max-width:600px;border-collapse:collapse;'
        f'table-layout:fixed">{rows}</table>'
    )
    if links:
        body.append(
            "<p>"
            + " · ".join(
                f'<a href="{html.escape(url, quote=True)}">{html.escape(label)}</a>'
                for label, url in links
            )
            + "</p>"
        )
    if todo:
        body.append(f"<p>Acknowledge: <code>{html.escape(todo)}</code></p>")
    body.append("</body></html>")
    return text, "".join(body)


def rewrite(raw: str, thread: Thread, text: str | None = None) -> str:
    """A message Apprise prepared (it always makes up its own Message-ID) with our threading
    headers and, when given, our own text/plain part in place of the one Apprise derived from
    the HTML, which loses every link target."""
    return replace_parts(raw, thread.headers(), text)


def replace_parts(raw: str, headers: Mapping[str, str], text: str | None = None) -> str:
    """`raw` with `headers` set (replacing any of the same name) and, when `text` is given,
    its first text/plain part replaced by `text`."""
    message = email.message_from_string(raw, policy=email.policy.compat32)
    for name, value in headers.items():
        del message[name]
        message[name] = value
    if text is not None:
        for part in message.walk():
            if part.get_content_type() == "text/plain" and not part.is_multipart():
                del part["Content-Transfer-Encoding"]
                part.set_payload(text, "utf-8")
                break
    return message.as_string()
