"""Turn raw RFC 5322 bytes into a `ParsedEmail` that the classifier can read.

mail-parser does the heavy lifting (MIME tree, header index, date and defect
diagnostics).  The stdlib `email` package is used on the same message tree where
it is more dependable for our purpose: RFC 2047 headers with lying charsets, and
body parts whose declared charset is wrong or unknown.  Nothing here raises on a
hostile message; what had to be repaired, capped or guessed is listed in
`ParsedEmail.defects`.  Only input with no readable header block at all raises
`ParseError`.
"""

from __future__ import annotations

import codecs
import email
import email.header
import email.message
import email.parser
import email.policy
import email.utils
import logging
import re
from datetime import UTC, datetime
from typing import Any

import mailparser

from notifyd.core.errors import ParseError
from notifyd.core.models import ParsedEmail
from notifyd.ingest.text import (
    MAX_LINKS,
    MAX_TEXT_CHARS,
    decode_bytes,
    extract_links,
    html_to_text,
    links_of,
)

log = logging.getLogger(__name__)
# mail-parser logs a line for every oddity of every message; those are kept in `defects` instead.
logging.getLogger("mailparser").setLevel(logging.CRITICAL)

# Work bounds: a notice is a few KB; anything far beyond this is hostile or irrelevant.
MAX_RAW_BYTES = 32 * 1024 * 1024  # bytes handed to the MIME parser at all
MAX_PARTS = 200  # MIME parts whose bodies are decoded
MAX_DEPTH = 20  # multipart nesting followed
MAX_HEADER_VALUES = 500  # header values kept in `headers`
MAX_HEADER_CHARS = 16 * 1024  # one decoded header value

_KNOWN_HEADERS = frozenset(
    {
        "from",
        "to",
        "cc",
        "subject",
        "date",
        "message-id",
        "received",
        "return-path",
        "mime-version",
        "content-type",
        "reply-to",
        "sender",
        "delivered-to",
        "x-mailer",
        "dkim-signature",
        "authentication-results",
    }
)
_HEADER_LINE = re.compile(rb"^[!-9;-~]{1,76}[ \t]*:")
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_SURROGATE = re.compile("[\udc80-\udcff]")
MAX_HEADER_FIELD = 16384


def parse_email(raw: bytes) -> ParsedEmail:
    """Read one raw email; repair what can be repaired and say so in `defects`."""
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise ParseError(f"expected bytes, got {type(raw).__name__}")
    data = bytes(raw)
    size = len(data)
    if not data.strip():
        raise ParseError("empty input: no bytes to read")
    defects: list[str] = []
    data = _strip_preamble(data, defects)
    if len(data) > MAX_RAW_BYTES:
        defects.append(f"input truncated from {len(data)} to {MAX_RAW_BYTES} bytes")
        data = data[:MAX_RAW_BYTES]
    if not _looks_like_email(data):
        raise ParseError("not an email: no RFC 5322 header block at the start of the input")
    data = _cap_header_fields(data, defects)
    try:
        return _read(data, size, list(defects), structured=True)
    except ParseError:
        raise
    except Exception as exc:  # a bug or a hostile corner must not stop the daemon
        log.warning("MIME reading failed (%s); falling back to raw text", type(exc).__name__)
        defects.append(f"MIME reading failed ({type(exc).__name__}); headers and raw text only")
        return _read(data, size, defects, structured=False)


def _read(data: bytes, size: int, defects: list[str], structured: bool) -> ParsedEmail:
    msg, date_at, from_pairs = _parse_mime(data, defects, structured)
    headers = _decoded_headers(msg, defects)
    if not any(name in _KNOWN_HEADERS for name in headers):
        raise ParseError("not an email: none of From, To, Subject, Date or MIME headers present")

    subject = _collapse(_first(headers, "subject"))
    sender, sender_name = _sender(msg, headers, defects, from_pairs)
    if date_at is None:
        date_at = _parse_date(_first(headers, "date"), defects)
    message_id = _first(headers, "message-id").strip()
    if not message_id:
        defects.append("missing Message-ID header")

    plain_parts, html_parts = _bodies(msg, defects)
    html_body = _cap("\n".join(html_parts), "html", defects)
    text = "\n".join(p for p in plain_parts if p.strip())
    if not text.strip() and html_body:
        text = html_to_text(html_body)
        if text:
            defects.append("text derived from the HTML part")
    text = _cap(text, "text", defects)

    return ParsedEmail(
        message_id=message_id,
        subject=subject,
        sender=sender,
        sender_name=sender_name,
        date_at=date_at,
        text=text,
        html=html_body,
        headers=headers,
        size=size,
        defects=tuple(dict.fromkeys(defects)),
    )


# ---------------------------------------------------------------- framing


def _strip_preamble(data: bytes, defects: list[str]) -> bytes:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        defects.append("leading UTF-8 byte order mark removed")
    stripped = data.lstrip(b"\r\n\t ")
    if len(stripped) != len(data):
        defects.append("leading blank lines removed")
        data = stripped
    if data.startswith(b"From "):  # mbox separator line
        nl = data.find(b"\n")
        data = data[nl + 1 :] if nl >= 0 else b""
        defects.append("mbox 'From ' line removed")
    return data


def _cap_header_fields(data: bytes, defects: list[str]) -> bytes:
    """Cut any header field longer than MAX_HEADER_FIELD bytes: mail-parser decodes a field of
    many encoded words in quadratic time (80,000 words took 50 s), and no real header is long."""
    end = data.find(b"\r\n\r\n")
    # Only before the CRLF blank line: otherwise a CRLF mail is scanned to its end (a 1 MB
    # attachment) for an LF blank line it does not have.
    end2 = data.find(b"\n\n", 0, end if end >= 0 else len(data))
    cut = min(e for e in (end, end2) if e >= 0) if max(end, end2) >= 0 else len(data)
    head = data[:cut]
    if len(head) <= MAX_HEADER_FIELD:
        return data
    fields: list[bytes] = []
    for line in head.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] += line
        else:
            fields.append(line)
    long = [i for i, f in enumerate(fields) if len(f) > MAX_HEADER_FIELD]
    if not long:
        return data
    for i in long:
        name = fields[i].split(b":", 1)[0][:40].decode("ascii", "replace")
        defects.append(f"header {name} cut from {len(fields[i])} to {MAX_HEADER_FIELD} bytes")
        kept = fields[i][:MAX_HEADER_FIELD]
        fields[i] = kept.rstrip(b"\r\n") + (b"\r\n" if fields[i].endswith(b"\r\n") else b"\n")
    return b"".join(fields) + data[cut:]


def _looks_like_email(data: bytes) -> bool:
    head = data[:4096].split(b"\n", 1)[0].rstrip(b"\r")
    return bool(_HEADER_LINE.match(head))


def _parse_mime(
    data: bytes, defects: list[str], structured: bool = True
) -> tuple[email.message.Message, datetime | None, list[tuple[str, str]]]:
    """mail-parser first; stdlib header-only parse when the MIME tree cannot be built."""
    try:
        if not structured:
            raise ValueError("raw reading requested")
        mp: Any = mailparser.parse_from_bytes(data)
    except Exception as exc:  # hostile MIME must never crash the daemon
        if structured:
            defects.append(
                f"MIME structure unreadable ({type(exc).__name__}); body read as raw text"
            )
        try:
            msg = email.parser.BytesHeaderParser().parsebytes(data)
        except Exception:
            msg = email.message.Message()
        for sep in (b"\r\n\r\n", b"\n\n"):
            if sep in data:
                body = data.split(sep, 1)[1]
                break
        else:
            body = b""
        msg.set_payload(decode_bytes(body[: MAX_TEXT_CHARS * 2], "", defects, what="body"))
        for name in ("content-type", "content-transfer-encoding"):
            if name in msg:
                del msg[name]
        return msg, None, []
    msg = mp.message
    for group in mp.defects or ():
        if isinstance(group, dict):
            for key, items in group.items():
                for item in items[:5] if isinstance(items, list) else [items]:
                    defects.append(f"{key}: {str(item)[:200]}")
    date_at = mp.date if isinstance(mp.date, datetime) else None
    if date_at is not None:
        date_at = _sane_date(date_at)
    try:
        pairs = [(str(n), str(a)) for n, a in mp.from_ if a]
    except Exception:
        pairs = []
    return msg, date_at, pairs


# ---------------------------------------------------------------- headers


def decode_header_value(value: Any, defects: list[str] | None = None) -> str:
    """Decode an RFC 2047 header, surviving unknown charsets and raw 8-bit bytes."""
    if value is None:
        return ""
    text = str(value)
    if len(text) > MAX_HEADER_CHARS:
        text = text[:MAX_HEADER_CHARS]
        if defects is not None:
            defects.append("header value truncated")
    if _SURROGATE.search(text):
        # compat32 keeps undecodable 8-bit header bytes as surrogate escapes.
        raw = text.encode("ascii", "surrogateescape")
        text = decode_bytes(raw, "", defects, what="header")
        if defects is not None:
            defects.append("raw 8-bit bytes in header decoded by guess")
    if "=?" not in text:
        return _collapse(text)
    try:
        parts = email.header.decode_header(text)
    except Exception:
        if defects is not None:
            defects.append("malformed encoded-word in header kept literally")
        return _collapse(text)
    out: list[str] = []
    for chunk, charset in parts:
        if isinstance(chunk, str):
            out.append(chunk)
        else:
            out.append(decode_bytes(chunk, charset or "", defects, what="header"))
    return _collapse("".join(out))


def _decoded_headers(msg: email.message.Message, defects: list[str]) -> dict[str, list[str]]:
    headers: dict[str, list[str]] = {}
    for count, (name, value) in enumerate(msg.raw_items(), start=1):
        if count > MAX_HEADER_VALUES:
            defects.append(f"more than {MAX_HEADER_VALUES} header values; rest ignored")
            break
        key = str(name).strip().lower()
        headers.setdefault(key, []).append(decode_header_value(value, defects))
    return headers


def _first(headers: dict[str, list[str]], name: str) -> str:
    values = headers.get(name)
    return values[0] if values else ""


def _sender(
    msg: email.message.Message,
    headers: dict[str, list[str]],
    defects: list[str],
    from_pairs: list[tuple[str, str]] | None = None,
) -> tuple[str, str]:
    if from_pairs:
        name, addr = from_pairs[0]
        if "@" in addr and " " not in addr.strip():
            return addr.strip().strip("<>").lower(), _collapse(name).strip('"')
    raw_from = [str(v) for k, v in msg.raw_items() if k.lower() == "from"]
    if not raw_from:
        raw_from = [str(v) for k, v in msg.raw_items() if k.lower() == "sender"]
    if not raw_from:
        defects.append("missing From header")
        return "", ""
    raw = raw_from[0]
    if _SURROGATE.search(raw):
        raw = decode_header_value(raw)
    name, addr = "", ""
    try:
        pairs = email.utils.getaddresses([raw])
        for pname, paddr in pairs:
            if "@" in paddr:
                name, addr = pname, paddr
                break
    except Exception:
        pairs = []
    decoded = _first(headers, "from")
    if "@" not in addr or " " in addr:
        match = _ADDRESS.search(decoded)
        if match:
            addr = match.group(0)
            defects.append("From header malformed; address recovered by pattern")
            name = decoded[: match.start()].strip(" \t<\"'")
        else:
            addr = ""
            defects.append("From header has no address")
            name = decoded.strip()
    name = decode_header_value(name, defects).strip().strip('"').strip()
    return addr.strip().strip("<>").lower(), name


def _sane_date(value: datetime) -> datetime | None:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    if not 1990 <= value.year <= 2200:
        return None
    return value


def _parse_date(value: str, defects: list[str]) -> datetime | None:
    if not value.strip():
        defects.append("missing Date header")
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        defects.append("unparseable Date header")
        return None
    if parsed is None:
        defects.append("unparseable Date header")
        return None
    sane = _sane_date(parsed)
    if sane is None:
        defects.append("Date header out of range")
    return sane


# ---------------------------------------------------------------- bodies


def _bodies(msg: email.message.Message, defects: list[str]) -> tuple[list[str], list[str]]:
    """Iterative, bounded walk collecting text/plain and text/html bodies."""
    plain: list[str] = []
    htmls: list[str] = []
    stack: list[tuple[email.message.Message, int]] = [(msg, 0)]
    seen = 0
    total = 0
    while stack:
        part, depth = stack.pop()
        seen += 1
        if seen > MAX_PARTS:
            defects.append(f"more than {MAX_PARTS} MIME parts; rest ignored")
            break
        if total > MAX_TEXT_CHARS * 2:
            defects.append("body text beyond the size cap ignored")
            break
        ctype = _content_type(part)
        payload = part.get_payload()
        if ctype == "message/rfc822" or (
            ctype.startswith("multipart/") and isinstance(payload, list)
        ):
            if depth >= MAX_DEPTH:
                defects.append(f"MIME nesting deeper than {MAX_DEPTH}; inner parts ignored")
                continue
            children = payload if isinstance(payload, list) else []
            if ctype == "message/rfc822":
                for child in children:
                    if isinstance(child, email.message.Message):
                        plain.append(_forward_header_block(child, defects))
            for child in reversed(children):
                if isinstance(child, email.message.Message):
                    stack.append((child, depth + 1))
            continue
        if ctype.startswith("multipart/"):
            defects.append(f"{ctype} part without readable sub-parts; read as text")
            ctype = "text/plain"
        disposition = (part.get("content-disposition") or "").split(";", 1)[0].strip().lower()
        if disposition == "attachment" or part.get_filename():
            continue
        if ctype not in ("text/plain", "text/html", "text/enriched", ""):
            if part is msg and ctype.startswith("text/"):
                ctype = "text/plain"
            else:
                continue
        body = _decode_part(part, defects)
        total += len(body)
        looks_html = ctype == "text/html" or (
            ctype == "" and re.search(r"<html|<body|<table|<div", body[:2000], re.I) is not None
        )
        (htmls if looks_html else plain).append(body)
    return plain, htmls


def _content_type(part: email.message.Message) -> str:
    try:
        return part.get_content_type().lower()
    except Exception:
        return "text/plain"


def _forward_header_block(inner: email.message.Message, defects: list[str]) -> str:
    """Render an attached message/rfc822 as a forwarded-message block the classifier reads."""
    lines = ["---------- Forwarded message ---------"]
    for label, key in (("From", "from"), ("Date", "date"), ("Subject", "subject"), ("To", "to")):
        value = inner.get(key)
        if value is not None:
            lines.append(f"{label}: {decode_header_value(value, defects)}")
    return "\n".join(lines) + "\n"


def _decode_part(part: email.message.Message, defects: list[str]) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
        defects.append("undecodable transfer encoding; raw body used")
    if payload is None:
        raw = part.get_payload()
        if isinstance(raw, str):
            payload = raw.encode("ascii", "surrogateescape")
        else:
            return ""
    if not isinstance(payload, bytes):
        return ""
    for defect in part.defects:
        name = type(defect).__name__
        if name in ("InvalidBase64PaddingDefect", "InvalidBase64CharactersDefect"):
            defects.append(f"base64 body repaired ({name})")
    if len(payload) > MAX_TEXT_CHARS * 2:
        payload = payload[: MAX_TEXT_CHARS * 2]
        defects.append("oversized body part truncated")
    try:
        charset = part.get_content_charset() or ""
    except Exception:
        charset = ""
    return decode_bytes(payload, charset, defects, what="body")


def _cap(text: str, what: str, defects: list[str]) -> str:
    if len(text) > MAX_TEXT_CHARS:
        defects.append(f"{what} truncated to {MAX_TEXT_CHARS} characters")
        return text[:MAX_TEXT_CHARS]
    return text


def _collapse(text: str) -> str:
    return " ".join(text.split())


# Helper A's classifier and the tests import these text helpers from here, where they were born.
__all__ = [
    "MAX_LINKS",
    "MAX_TEXT_CHARS",
    "decode_header_value",
    "extract_links",
    "html_to_text",
    "links_of",
    "parse_email",
]
