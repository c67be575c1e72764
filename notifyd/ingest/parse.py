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
import html
import logging
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import mailparser

from notifyd.core.errors import ParseError
from notifyd.core.models import ParsedEmail

log = logging.getLogger(__name__)
# mail-parser logs a line for every oddity of every message; those are kept in `defects` instead.
logging.getLogger("mailparser").setLevel(logging.CRITICAL)

# Work bounds: a notice is a few KB; anything far beyond this is hostile or irrelevant.
MAX_RAW_BYTES = 32 * 1024 * 1024  # bytes handed to the MIME parser at all
MAX_PARTS = 200  # MIME parts whose bodies are decoded
MAX_DEPTH = 20  # multipart nesting followed
MAX_TEXT_CHARS = 2 * 1024 * 1024  # characters kept in `text` and in `html` each
MAX_HEADER_VALUES = 500  # header values kept in `headers`
MAX_LINKS = 1000
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
_URL = re.compile(r"""://[^\s<>"'`{}|\\^\[\]]+""")
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_TRAILING_PUNCT = ".,;:!?)]}>»\"'"
_WS_RUN = re.compile(r"[ \t\f\v\u00a0\u2007\u202f\u200b]+")
_SURROGATE = re.compile("[\udc80-\udcff]")
_MANY_NEWLINES = re.compile(r"\n\s*\n(?:\s*\n)+")
_SINGLE_BYTE_CHARSETS = frozenset(
    {
        "iso-8859-1",
        "latin-1",
        "latin1",
        "iso8859-1",
        "us-ascii",
        "ascii",
        "windows-1252",
        "cp1252",
        "iso-8859-15",
        "iso-8859-2",
        "windows-1250",
    }
)
_CHARSET_ALIASES = {
    "x-sjis": "shift_jis",
    "sjis": "shift_jis",
    "shift-jis": "shift_jis",
    "windows-31j": "cp932",
    "ks_c_5601-1987": "cp949",
    "x-unknown": "",
    "unknown-8bit": "",
    "unknown": "",
    "utf8": "utf-8",
    "default": "",
    "x-user-defined": "",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}


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
    end2 = data.find(b"\n\n")
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
        msg.set_payload(_decode_bytes(body[: MAX_TEXT_CHARS * 2], "", defects, what="body"))
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
        text = _decode_bytes(raw, "", defects, what="header")
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
            out.append(_decode_bytes(chunk, charset or "", defects, what="header"))
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
    return _decode_bytes(payload, charset, defects, what="body")


def _decode_bytes(data: bytes, charset: str, defects: list[str] | None, what: str) -> str:
    """Decode with the declared charset, falling back sensibly when it is unknown or lies."""
    declared = (charset or "").strip().strip('"').lower()
    declared = _CHARSET_ALIASES.get(declared, declared)
    if not data:
        return ""
    is_ascii = data.isascii()
    if b"\x1b$" in data and declared in ("", "us-ascii", "ascii", "utf-8"):
        declared = "iso-2022-jp"
    if declared and not (is_ascii and declared in _SINGLE_BYTE_CHARSETS):
        try:
            codecs.lookup(declared)
        except (LookupError, ValueError, TypeError):
            if defects is not None:
                defects.append(f"unknown charset {declared!r} in {what}; guessed")
            declared = ""
    if declared:
        if declared in _SINGLE_BYTE_CHARSETS and not is_ascii:
            # A latin-1 label on UTF-8 bytes is the most common lie; UTF-8 rarely validates by chance.
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                if defects is not None:
                    defects.append(f"{what} declared {declared} but is UTF-8")
                return text
            if declared in ("us-ascii", "ascii"):
                declared = "cp1252"
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError, ValueError):
            if defects is not None:
                defects.append(f"{what} is not valid {declared}; guessed")
    if is_ascii:
        return data.decode("ascii")
    for guess in ("utf-8", "shift_jis", "euc-jp"):
        try:
            text = data.decode(guess)
        except UnicodeDecodeError:
            continue
        if guess == "utf-8" or _mostly_japanese(text):
            return text
    return data.decode("cp1252", "replace")


def _mostly_japanese(text: str) -> bool:
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return False
    kana = sum(1 for c in non_ascii if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    return kana / len(non_ascii) > 0.8


def _cap(text: str, what: str, defects: list[str]) -> str:
    if len(text) > MAX_TEXT_CHARS:
        defects.append(f"{what} truncated to {MAX_TEXT_CHARS} characters")
        return text[:MAX_TEXT_CHARS]
    return text


def _collapse(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- HTML


class _TextExtractor(HTMLParser):
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "table",
            "tbody",
            "thead",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "blockquote",
            "pre",
            "section",
            "article",
            "header",
            "footer",
            "center",
            "dl",
            "dt",
            "dd",
            "address",
        }
    )
    _SKIP = frozenset({"script", "style", "head", "title", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.size = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skip += 1
        elif tag in self._BLOCK or tag == "tr":
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self._BLOCK or tag == "tr":
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip and self.size < MAX_TEXT_CHARS:
            self.out.append(data)
            self.size += len(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML body: table cells apart, blocks on their own lines."""
    if not markup:
        return ""
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:
        pass
    text = "".join(parser.out)
    return _tidy(text)


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _WS_RUN.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


# ---------------------------------------------------------------- links


def links_of(email: ParsedEmail) -> tuple[str, ...]:
    """Every http(s) URL in the email's text and HTML parts, found once and then remembered."""
    if not email.link_cache:
        email.link_cache.append(extract_links(email.text, email.html))
    return email.link_cache[0]


def extract_links(text: str, markup: str) -> tuple[str, ...]:
    """Every http(s) URL from href attributes and from bare URLs, in order, deduplicated."""
    found: dict[str, None] = {}
    if markup:
        lowered = markup.lower()
        if len(lowered) != len(markup):  # a few characters change length when lower-cased
            lowered = markup
        pos = lowered.find("href")
        while pos >= 0 and len(found) < MAX_LINKS:
            match = _HREF.match(markup, pos)
            if match is not None:
                value = next(g for g in match.groups() if g is not None)
                url = html.unescape(value).strip()
                if url[:8].lower().startswith(("http://", "https://")):
                    found.setdefault(url, None)
            pos = lowered.find("href", pos + 4)
    for source in (text, markup):
        for match in _URL.finditer(source):
            start = match.start()
            scheme = source[max(0, start - 5) : start].lower()
            if scheme.endswith("https"):
                start -= 5
            elif scheme.endswith("http"):
                start -= 4
            else:
                continue
            url = source[start : match.end()].rstrip(_TRAILING_PUNCT)
            if source is markup:
                url = html.unescape(url)
            found.setdefault(url, None)
            if len(found) >= MAX_LINKS:
                return tuple(found)
    return tuple(found)
