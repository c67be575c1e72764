"""Read the header-only FETCH of a batch into Header values, fast for the common answer shape.

A first sync reads the headers of every message in the folder, so this is the hot path of a
large mailbox: imapclient's general response parser and the stdlib's feed parser together
took as long as the server's answer. The common shape (one literal per message, the fields
asked for around it) is read here with a few regular expressions; anything else falls back
to imapclient's parser, and tests/unit/test_fetch_headers.py checks the readings agree.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from imapclient.response_parser import parse_fetch_response

from notifyd.ingest.parse import decode_header_value

FIELDS = ("FROM", "SUBJECT", "DATE", "MESSAGE-ID")
HEADER_FIELDS = f"BODY[HEADER.FIELDS ({' '.join(FIELDS)})]".encode()
REQUEST = "(RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER.FIELDS (" + " ".join(FIELDS) + ")])"

# One message's answer as imaplib hands it over: "<seq> (<items> BODY[HEADER.FIELDS (..)] {n}"
# with the literal beside it, then the rest of the items and ")" as the next element.
_PREFIX = re.compile(rb"\d+ \((?P<items>.*)BODY\[HEADER\.FIELDS \([^)]*\)\] \{\d+\}", re.S)
_UID = re.compile(rb"(?:^|[ (])UID (\d+)")
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")
_INTERNALDATE = re.compile(
    rb'INTERNALDATE "\s?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)"'
)
_MONTHS = {
    b"jan": 1, b"feb": 2, b"mar": 3, b"apr": 4, b"may": 5, b"jun": 6,
    b"jul": 7, b"aug": 8, b"sep": 9, b"oct": 10, b"nov": 11, b"dec": 12,
}
# The From forms most mail has, which parseaddr reads as they are (the name's spaces collapsed).
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_ADDRESS = rf"{_ATOM}(?:\.{_ATOM})*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
_PLAIN_ADDRESS = re.compile(
    r'\s*(?:(?:"(?P<quoted>[^"\\]*)"|(?P<bare>[^\W\d_][\w\'. -]*?))?\s*'
    rf"<(?P<address>{_ADDRESS})>|(?P<lone>{_ADDRESS}))\s*"
)
# Lines of a header block, as the stdlib's feed parser splits them (CRLF, CR or LF).
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
# What the stdlib takes for a header line: a name of printable characters without ":" or space,
# then ":" (an empty name is a defect it skips), or a continuation.
_FIELD = re.compile(r"[\x21-\x39\x3b-\x7e]*:")


@dataclass(frozen=True)
class Header:
    """What the header-only fetch tells about one message: enough to decide whether to download."""

    uid: int
    size: int
    message_id: str | None
    sender: str
    sender_name: str
    subject: str
    date_at: datetime | None
    arrived_at: datetime | None = None  # the server's INTERNALDATE: when it really arrived


def header_fields(raw: bytes) -> dict[str, str]:
    """The first value of each field in a header block, lower-cased names, as the stdlib's
    compat32 parser gives them: 8-bit bytes kept as surrogate escapes, folds kept, line end
    stripped; the block ends at an empty line or a line that is no header."""
    fields: dict[str, str] = {}
    name, value = "", ""
    for line in _LINES.findall(raw.decode("ascii", "surrogateescape")):
        if line[0] in " \t":
            if name:
                value += line
            continue
        envelope = line.startswith("From ")  # the mbox line (or a misplaced one): never a field
        if line[0] in "\r\n" or not (envelope or _FIELD.match(line)):
            break
        if name:
            fields.setdefault(name, value.rstrip("\r\n"))
            name = ""
        if envelope:
            continue
        colon = line.find(":")
        if colon == 0:
            continue
        name, value = line[:colon].lower(), line[colon + 1 :].lstrip(" \t")
    if name:
        fields.setdefault(name, value.rstrip("\r\n"))
    return fields


def parse_address(value: str) -> tuple[str, str]:
    """(display name, address) of a From value, as email.utils.parseaddr gives them; the
    plain forms ("Name <a@b>", "\"Name\" <a@b>", "a@b") without it, as it is a tenth of a
    first sync's time."""
    plain = _PLAIN_ADDRESS.fullmatch(value)
    if plain is None:
        return email.utils.parseaddr(value)
    quoted, bare, address, lone = plain.group("quoted", "bare", "address", "lone")
    if lone is not None:
        return "", lone
    return (quoted if quoted is not None else " ".join((bare or "").split())), address


def header_from_bytes(
    uid: int, size: int, raw: bytes, arrived_at: datetime | None = None
) -> Header:
    fields = header_fields(raw)
    name, address = parse_address(decode_header_value(fields.get("from")))
    date_at = None
    try:
        parsed = email.utils.parsedate_to_datetime(fields.get("date", ""))
        date_at = parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (TypeError, ValueError, IndexError):
        pass
    message_id = (fields.get("message-id") or "").strip() or None
    return Header(
        uid=uid,
        size=size,
        message_id=message_id,
        sender=address.lower(),
        sender_name=name,
        subject=decode_header_value(fields.get("subject")),
        date_at=date_at,
        arrived_at=arrived_at,
    )


def internaldate(match: re.Match[bytes]) -> datetime | None:
    """An INTERNALDATE in UTC; None for a date that does not exist."""
    day, month, year, hour, minute, second, sign, off_h, off_m = match.groups()
    number = _MONTHS.get(month.lower())
    if number is None:
        return None
    offset = timedelta(hours=int(off_h), minutes=int(off_m)) * (-1 if sign == b"-" else 1)
    try:
        moment = datetime(
            int(year), number, int(day), int(hour), int(minute), int(second),
            tzinfo=timezone(offset),
        )
    except ValueError:
        return None
    return moment.astimezone(UTC)


def read_fetch(data: Sequence[Any], wanted: Sequence[int]) -> list[Header]:
    """The Headers of `wanted` in an untagged FETCH answer (imaplib's list), by UID."""
    headers = _read_common(data)
    if headers is None:
        headers = _read_any(data)
    chosen = set(wanted)
    found = {h.uid: h for h in headers if h.uid in chosen}  # unsolicited answers dropped
    return [found[uid] for uid in sorted(found)]


def _read_common(data: Sequence[Any]) -> list[Header] | None:
    """The common shape only; None as soon as anything differs from it."""
    items = [d for d in data if d is not None]
    out: list[Header] = []
    for i in range(0, len(items), 2):
        pair = items[i : i + 2]
        if len(pair) != 2 or not isinstance(pair[0], tuple) or not isinstance(pair[1], bytes):
            return None
        prefix, literal = pair[0]
        matched = _PREFIX.fullmatch(prefix)
        if matched is None or not isinstance(literal, bytes):
            return None
        rest = matched["items"] + b" " + pair[1]
        uid, size = _UID.search(rest), _SIZE.search(rest)
        if uid is None or size is None:
            return None
        arrived = _INTERNALDATE.search(rest)
        out.append(
            header_from_bytes(
                int(uid[1]),
                int(size[1]),
                literal,
                internaldate(arrived) if arrived is not None else None,
            )
        )
    return out


def _read_any(data: Sequence[Any]) -> list[Header]:
    """Any answer imapclient understands (quoted strings, NIL, items in another order)."""
    out = []
    for uid, item in parse_fetch_response(list(data), True, True).items():
        raw = item.get(HEADER_FIELDS, b"") or b""
        arrived = item.get(b"INTERNALDATE")
        # imapclient gives naive local wall time (normalise_times); made UTC here.
        arrived_at = arrived.astimezone(UTC) if isinstance(arrived, datetime) else None
        out.append(header_from_bytes(int(uid), int(item.get(b"RFC822.SIZE", 0)), raw, arrived_at))
    return out
