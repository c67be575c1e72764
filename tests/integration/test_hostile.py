"""Hostile input: generated broken MIME through parse, classify and the ledger (bad config and
arguments: tests/unit/test_cli_errors.py)."""

from __future__ import annotations

import base64
import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notifyd.core.settings import load_settings
from notifyd.ingest.pipeline import Ingest
from notifyd.store.db import EmailRecord, Store
from notifyd.understand.classify import load_rules

NOW = datetime.now(UTC)
RULES = load_rules()
STATUSES = {"notice", "phishing", "unrecognised", "ignored", "failed", "old", "duplicate"}
_uids = itertools.count(1)

CHARSETS = ["utf-8", "us-ascii", "iso-8859-1", "windows-1252", "shift_jis", "iso-2022-jp",
            "koi8-r", "gb2312", "utf-16", "x-unknown", "no-such-charset", "utf-8\x00", "",
            "unknown-8bit", "utf8", "latin-99", "b'utf-8'"]
SENDERS = ["seller-performance@amazon.com", "Amazon <notice-dispute@amazon.de>",
           "Amazon Seller Central <verify@amaz0n-security.example>", "friend@example.org",
           "<>", "", "=?utf-8?b?QW1hem9u?= <seller-notification@amazon.com>",
           "Amazon\r\nBcc: victim@example.com <x@amazon.com>", "a@b@c", "\xff\xfe@amazon.com"]
DATES = ["Wed, 26 Nov 2025 10:00:00 +0000", "yesterday", "", "Mon, 31 Feb 2025 25:61:61 +9999",
         "Thu, 01 Jan 1970 00:00:00 +0000", "Fri, 01 Jan 9999 00:00:00 -1200", "0", "\x00"]
TEXTS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)


@st.composite
def header_value(draw: st.DrawFn) -> bytes:
    """A header value: plain, RFC 2047 encoded with a true or lying charset, raw 8-bit, injected."""
    text = draw(TEXTS)
    kind = draw(st.sampled_from(["plain", "encoded", "lying", "raw8", "inject", "garbage"]))
    if kind == "plain":
        return text.encode("utf-8", "replace").replace(b"\n", b" ").replace(b"\r", b" ")
    if kind == "encoded":
        data = base64.b64encode(text.encode("utf-8")).decode()
        return f"=?utf-8?b?{data}?=".encode()
    if kind == "lying":
        charset = draw(st.sampled_from(CHARSETS))
        data = base64.b64encode(text.encode("latin-1", "replace")).decode()
        return f"=?{charset}?b?{data}?= =?{charset}?q?=FF=FE_x?=".encode("utf-8", "replace")
    if kind == "raw8":
        return draw(st.binary(max_size=80)).replace(b"\n", b"").replace(b"\r", b"")
    if kind == "inject":
        return text.encode("utf-8", "replace")[:40] + b"\r\nBcc: victim@example.com\r\nX-Evil: 1"
    return draw(st.sampled_from([b"=?", b"=?utf-8?", b"=?utf-8?x?abc?=", b"=?=?=?", b";;;"]))


@st.composite
def leaf(draw: st.DrawFn) -> bytes:
    """One body part: a text or HTML part with a charset and transfer encoding that may lie."""
    ctype = draw(st.sampled_from(["text/plain", "text/html", "application/pdf", "text/x-weird",
                                  "message/rfc822", ""]))
    charset = draw(st.sampled_from(CHARSETS))
    encoding = draw(st.sampled_from(["7bit", "8bit", "base64", "quoted-printable", "x-uuencode",
                                     "bogus"]))
    text = draw(TEXTS)
    body = text.encode(draw(st.sampled_from(["utf-8", "latin-1", "utf-16"])), "replace")
    if encoding == "base64" and draw(st.booleans()):
        body = base64.b64encode(body)[: draw(st.integers(0, 200))]  # truncated padding
    if draw(st.booleans()):
        body += draw(st.binary(max_size=60))
    head = b""
    if ctype:
        head += f"Content-Type: {ctype}; charset=\"{charset}\"\r\n".encode("utf-8", "replace")
    head += f"Content-Transfer-Encoding: {encoding}\r\n".encode()
    if draw(st.booleans()):
        head += b"Content-Disposition: attachment; filename=\"=?x?q?a?=.pdf\"\r\n"
    return head + b"\r\n" + body


@st.composite
def part(draw: st.DrawFn, depth: int = 0) -> bytes:
    """A MIME part: a leaf, or a multipart whose boundaries may be wrong, missing or unclosed."""
    if depth >= 6 or not draw(st.booleans()):
        return draw(leaf())
    boundary = draw(st.sampled_from(["b1", "=_weird boundary", "", "x" * 80, "b1--", '"q"']))
    used = boundary if draw(st.integers(0, 3)) else draw(st.sampled_from(["other", "b", ""]))
    children = draw(st.lists(part(depth + 1), min_size=0, max_size=4))
    subtype = draw(st.sampled_from(["mixed", "alternative", "related", "digest", "x-unknown"]))
    out = f'Content-Type: multipart/{subtype}; boundary="{boundary}"\r\n\r\n'.encode()
    out += draw(st.sampled_from([b"", b"preamble text\r\n"]))
    for child in children:
        out += f"--{used}\r\n".encode() + child + b"\r\n"
    if draw(st.booleans()):
        out += f"--{used}--\r\n".encode()
    return out


@st.composite
def email_bytes(draw: st.DrawFn) -> bytes:
    headers = []
    if draw(st.integers(0, 5)):
        sender = draw(st.sampled_from(SENDERS))
        headers.append(b"From: " + sender.encode("utf-8", "surrogateescape"))
    if draw(st.integers(0, 5)):
        headers.append(b"Subject: " + draw(header_value()))
    if draw(st.integers(0, 3)):
        headers.append(b"Date: " + draw(st.sampled_from(DATES)).encode())
    if draw(st.integers(0, 3)):
        headers.append(b"Message-ID: " + draw(st.sampled_from(
            [b"<a@b>", b"", b"<>", b"<dup@example.test>", b"no-brackets", b"<\xff@x>"])))
    for _ in range(draw(st.integers(0, 3))):
        headers.append(b"X-" + draw(st.sampled_from([b"A", b"Spam", b"\xe9"])) + b": "
                       + draw(header_value()))
    newline = draw(st.sampled_from([b"\r\n", b"\n", b"\r"]))
    body = draw(part())
    return newline.join(headers) + newline + body


@pytest.fixture(scope="module")
def ingest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ingest]:
    database = tmp_path_factory.mktemp("hostile") / "notifyd.db"
    config = database.parent / "notifyd.toml"
    config.write_text(f'database = "{database}"\n')
    store = Store(database)
    try:
        yield Ingest(store, load_settings(config), RULES)
    finally:
        store.close()


def read_into_ledger(ingest: Ingest, raw: bytes) -> dict[str, object]:
    """What `poll` does with a downloaded message; returns its ledger row."""
    uid = next(_uids)
    location = f"hostile/INBOX/1/{uid}"
    record = EmailRecord(mailbox="hostile", folder="INBOX", location=location, uidvalidity=1,
                         uid=uid, message_key=location, size=len(raw))
    status, _notice = ingest.message(record, raw, timedelta(days=3650), NOW)
    row = ingest.store.one("SELECT status, reason FROM emails WHERE location = ?", (location,))
    assert row is not None, "every email gets a ledger row"
    assert row["status"] == status and status in STATUSES
    if status in ("failed", "ignored", "duplicate", "old"):
        assert row["reason"], f"a {status} email says why"
    return row


@settings(max_examples=250, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(raw=email_bytes())
def test_generated_hostile_mime_is_recorded_never_crashes(ingest: Ingest, raw: bytes) -> None:
    read_into_ledger(ingest, raw)


@settings(max_examples=60, deadline=None)
@given(raw=st.binary(max_size=2000))
def test_arbitrary_bytes_are_recorded_never_crash(ingest: Ingest, raw: bytes) -> None:
    read_into_ledger(ingest, raw)


def _nested(depth: int) -> bytes:
    out = b"text/plain body at the bottom\r\n"
    for level in range(depth):
        out = (f'Content-Type: multipart/mixed; boundary="n{level}"\r\n\r\n--n{level}\r\n'
               .encode() + out + f"\r\n--n{level}--\r\n".encode())
    return out


def _many_parts(count: int) -> bytes:
    parts = b"".join(
        b"--many\r\nContent-Type: text/plain\r\n\r\nAccount health notice part %d\r\n" % i
        for i in range(count)
    )
    return b'Content-Type: multipart/mixed; boundary="many"\r\n\r\n' + parts + b"--many--\r\n"


HEAD = (b"From: Amazon <seller-performance@amazon.com>\r\nSubject: Your account is at risk\r\n"
        b"Date: Wed, 26 Nov 2025 10:00:00 +0000\r\nMessage-ID: <big@example.test>\r\n")


@pytest.mark.parametrize("name, raw", [
    ("five thousand parts", HEAD + _many_parts(5000)),
    ("nesting 1000 deep", HEAD + _nested(1000)),
    ("a 50 MB text body", HEAD + b"Content-Type: text/plain\r\n\r\n"
     + b"Your Order Defect Rate is 2%. " * (50 * 1024 * 1024 // 30)),
    ("a 50 MB single line", HEAD + b"Content-Type: text/html\r\n\r\n<p>" + b"a" * 50_000_000),
    ("a 50 MB base64 body that is not base64", HEAD
     + b"Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
     + b"!@#$%^&*\r\n" * 5_000_000),
    ("ten thousand headers", b"".join(b"X-H%d: v\r\n" % i for i in range(10_000)) + HEAD
     + b"\r\nbody\r\n"),
    # 100,000 encoded words (1.4 MB): mail-parser decodes them in quadratic time (80,000 took
    # 50 s), so parse_email cuts any header field past 16 KB first.
    ("a 1.4 MB subject", b"Subject: " + b"=?utf-8?q?A?= " * 100_000 + b"\r\n" + HEAD
     + b"\r\nx\r\n"),
])
def test_extreme_shapes_are_bounded_and_recorded(ingest: Ingest, name: str, raw: bytes) -> None:
    row = read_into_ledger(ingest, raw)
    assert row["status"] in STATUSES, name


def test_header_injection_does_not_leak_into_the_ledger_fields(ingest: Ingest) -> None:
    raw = (b"From: Amazon <seller-performance@amazon.com>\r\n"
           b"Subject: Policy Warning\r\nBcc: victim@example.com\r\n"
           b"Date: Wed, 26 Nov 2025 10:00:00 +0000\r\nMessage-ID: <inj@example.test>\r\n"
           b"Content-Type: text/plain\r\n\r\nYour listing was removed.\r\n")
    read_into_ledger(ingest, raw)
    row = ingest.store.one("SELECT subject, sender FROM emails ORDER BY id DESC LIMIT 1")
    assert row is not None and "\n" not in (row["subject"] or "") and "\r" not in row["sender"]
