"""The fast reading of header-only FETCH answers agrees with the stdlib and imapclient readings."""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from notifyd.ingest.headers import (
    _read_any,
    header_fields,
    header_from_bytes,
    parse_address,
    read_fetch,
)
from notifyd.ingest.parse import decode_header_value

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
NAMES = ["From", "from", "FROM", "Subject", "Date", "Message-ID", "Message-Id", "X-Other", ""]
VALUES = [
    "Amazon <seller-performance@amazon.com>",
    '"Seller, Performance" <a@b.example>',
    "=?utf-8?q?Ihr_Konto_wurde_deaktiviert?=",
    "=?iso-8859-1?b?UmVtYXJxdWUgc3VyIHZvdHJlIGNvbXB0ZQ==?=",
    "Thu, 3 Dec 2026 12:38:16 +0000",
    "<id@mail.example>",
    "caf\xe9 8-bit",  # written as latin-1 bytes below: raw 8-bit, not encoded
    "\u65e5\u672c",  # written as UTF-8 bytes below
    "",
    "a:b:c",
]
ENDS = ["\r\n", "\n", "\r"]


def stdlib_fields(raw: bytes) -> dict[str, str]:
    """The stdlib's reading. Its raw values, not msg.get(): get() turns raw 8-bit bytes into
    U+FFFD before notifyd can guess their charset (which the fast reading does)."""
    first: dict[str, str] = {}
    for name, value in BytesHeaderParser().parsebytes(raw).raw_items():
        first.setdefault(name.lower(), value)
    return {
        name: decode_header_value(first[name])
        for name in ("from", "subject", "date", "message-id")
        if name in first
    }


def fast_fields(raw: bytes) -> dict[str, str]:
    fields = header_fields(raw)
    return {
        name: decode_header_value(fields[name])
        for name in ("from", "subject", "date", "message-id")
        if name in fields
    }


@st.composite
def header_blocks(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 7))):
        kind = draw(st.sampled_from(["field", "field", "field", "fold", "from_", "junk", "blank"]))
        end = draw(st.sampled_from(ENDS))
        value = draw(st.sampled_from(VALUES))
        if kind == "field":
            name = draw(st.sampled_from(NAMES))
            text = f"{name}:{draw(st.sampled_from(['', ' ', '  ', chr(9)]))}{value}"
        elif kind == "fold":
            text = draw(st.sampled_from([" ", "\t", "  "])) + value
        elif kind == "from_":
            text = "From someone@example Thu Dec  3 12:00:00 2026"
        elif kind == "junk":
            text = draw(st.sampled_from(["no colon here", "Bad Name: x", ":empty name"]))
        else:
            text = ""
        codec = draw(st.sampled_from(["utf-8", "latin-1"])) if "\xe9" in text else "utf-8"
        lines.append(text.encode(codec) + end.encode())
    if draw(st.booleans()) and lines:
        lines[-1] = lines[-1].rstrip(b"\r\n")  # a block cut off without its last line end
    return b"".join(lines)


@settings(max_examples=400, deadline=None)
@given(header_blocks())
def test_header_fields_read_as_the_stdlib_reads_them(raw: bytes) -> None:
    assert fast_fields(raw) == stdlib_fields(raw)


def test_every_corpus_mail_reads_the_same_as_with_the_stdlib() -> None:
    mails = sorted(CORPUS.glob("*.eml"))
    assert len(mails) > 100
    for path in mails:
        head = path.read_bytes().split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0] + b"\r\n\r\n"
        assert fast_fields(head) == stdlib_fields(head), path.name
        header = header_from_bytes(1, 10, head)
        msg = BytesHeaderParser().parsebytes(head)
        assert header.sender == email.utils.parseaddr(decode_header_value(msg["From"]))[1].lower()


def test_a_raw_utf8_subject_reads_as_written() -> None:
    raw = "Subject: Ma\xdfnahmen erforderlich: Konto gesperrt\r\n\r\n".encode()
    assert header_from_bytes(1, 1, raw).subject == "Ma\xdfnahmen erforderlich: Konto gesperrt"


NAME_BITS = ["Jane", "Supplier", "J.", "O'Brien", "Amazon.com", "Jäne", "日本", "-", "2", "x_y",
             ",", ";", ":", "(c)", "\\", "@", "  ", "."]
ADDRESS_BITS = ["a", "b.c", "seller-performance", "x+y", "a..b", ".a", "1", "@", "Ä", "-"]


@st.composite
def from_values(draw: st.DrawFn) -> str:
    name = "".join(draw(st.lists(st.sampled_from(NAME_BITS), max_size=4)))
    local = "".join(draw(st.lists(st.sampled_from(ADDRESS_BITS), min_size=1, max_size=3)))
    domain = "".join(draw(st.lists(st.sampled_from(ADDRESS_BITS), min_size=1, max_size=3)))
    address = f"{local}@{domain}"
    shape = draw(st.sampled_from(['{n} <{a}>', '"{n}" <{a}>', "{a}", "<{a}>", "{n}<{a}>",
                                  ' {n}  <{a}> ', '"{n}"{n} <{a}>', "{n}"]))
    return shape.format(n=name, a=address)


@settings(max_examples=500, deadline=None)
@given(from_values())
def test_from_values_read_as_parseaddr_reads_them(value: str) -> None:
    assert parse_address(value) == email.utils.parseaddr(value)


def _answer(uid: int, head: bytes, tail: bytes = b")", order: str = "usi") -> list[object]:
    items = {
        "u": b"UID %d" % uid,
        "s": b"RFC822.SIZE %d" % (1000 + uid),
        "i": b'INTERNALDATE " 3-Dec-2026 12:38:16 +0100"',
    }
    prefix = b" ".join(items[k] for k in order)
    fields = b"BODY[HEADER.FIELDS (FROM SUBJECT DATE MESSAGE-ID)]"
    return [(b"%d (%s %s {%d}" % (uid, prefix, fields, len(head)), head), tail]


HEAD = b"From: Amazon <seller-performance@amazon.com>\r\nSubject: Your account\r\n\r\n"


def test_the_common_answer_shape_reads_like_imapclient() -> None:
    data = _answer(5, HEAD) + _answer(7, HEAD.replace(b"Your", b"My"))
    fast = read_fetch(data, [5, 7])
    assert fast == sorted(_read_any(data), key=lambda h: h.uid)
    assert [h.uid for h in fast] == [5, 7]
    assert fast[0].size == 1005 and fast[1].subject == "My account"
    assert fast[0].sender == "seller-performance@amazon.com"
    assert fast[0].arrived_at == datetime(2026, 12, 3, 11, 38, 16, tzinfo=UTC)


def test_uid_after_the_literal_and_other_orders_are_read() -> None:
    data = _answer(9, HEAD, tail=b" UID 9)", order="si")
    data[0] = (data[0][0].replace(b"9 (", b"3 ("), data[0][1])  # sequence number 3, UID 9
    assert [h.uid for h in read_fetch(data, [9])] == [9]


def test_shapes_it_does_not_know_fall_back_to_imapclient() -> None:
    quoted = [b'4 (UID 4 RFC822.SIZE 10 BODY[HEADER.FIELDS (FROM SUBJECT DATE MESSAGE-ID)] "")']
    assert [(h.uid, h.size, h.sender) for h in read_fetch(quoted, [4])] == [(4, 10, "")]
    unsolicited = [b"2 (FLAGS (\\Seen))", *_answer(8, HEAD)]
    assert [h.uid for h in read_fetch(unsolicited, [8])] == [8]


def test_answers_for_uids_not_asked_for_are_dropped() -> None:
    assert [h.uid for h in read_fetch(_answer(5, HEAD) + _answer(6, HEAD), [6])] == [6]
    assert read_fetch([None], [1]) == []


def test_an_impossible_internaldate_is_no_arrival_time() -> None:
    data = _answer(5, HEAD)
    data[0] = (data[0][0].replace(b" 3-Dec", b"31-Feb"), data[0][1])
    assert read_fetch(data, [5])[0].arrived_at is None
