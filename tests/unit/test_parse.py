"""parse_email: decoding, repair and bounds on hostile MIME. Mails are written inline."""

from __future__ import annotations

import base64
import time
from datetime import UTC, datetime

import pytest

from notifyd.core.errors import ParseError
from notifyd.ingest.parse import MAX_PARTS, MAX_TEXT_CHARS, html_to_text, links_of, parse_email


def raw(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


SIMPLE = raw(
    "From: Amazon Seller Performance <Seller-Performance@Amazon.COM>\n"
    "To: me@example.test\n"
    "Subject: Warning: your late shipment rate\n"
    "Date: Tue, 04 Mar 2025 09:30:00 -0800\n"
    "Message-ID: <abc@example.test>\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "\n"
    "Hello, see https://sellercentral.amazon.com/performance.\n"
)


def test_simple_headers_and_body() -> None:
    mail = parse_email(SIMPLE)
    assert mail.sender == "seller-performance@amazon.com"
    assert mail.sender_name == "Amazon Seller Performance"
    assert mail.subject == "Warning: your late shipment rate"
    assert mail.date_at == datetime(2025, 3, 4, 17, 30, tzinfo=UTC)
    assert mail.message_id == "<abc@example.test>"
    assert "Hello" in mail.text
    assert links_of(mail) == ("https://sellercentral.amazon.com/performance",)
    assert mail.headers["subject"] == ["Warning: your late shipment rate"]
    assert mail.size == len(SIMPLE)


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", b"\x00\x01\x02binary", b"%PDF-1.7\n%...."])
def test_unreadable_input_raises(data: bytes) -> None:
    with pytest.raises(ParseError):
        parse_email(data)


def test_headerless_text_is_not_an_email() -> None:
    with pytest.raises(ParseError, match="not an email"):
        parse_email(b"just some words\nand more words\n")


def test_rfc2047_subjects_and_names() -> None:
    mail = parse_email(
        b"From: =?UTF-8?B?QW1hem9uIFNlbGxlciBDZW50cmFs?= <a@amazon.de>\r\n"
        b"Subject: =?ISO-8859-1?Q?Ihre_Verk=E4ufer=2DLeistung?= =?UTF-8?B?IOKAkyBXYXJudW5n?=\r\n"
        b"Date: Tue, 04 Mar 2025 09:30:00 +0100\r\n\r\nHallo\r\n"
    )
    assert mail.sender_name == "Amazon Seller Central"
    assert mail.subject == "Ihre Verkäufer-Leistung – Warnung"


def test_japanese_subject_split_across_encoded_words() -> None:
    encoded = base64.b64encode("重要なお知らせ".encode("iso-2022-jp")).decode()
    mail = parse_email(
        f"From: a@amazon.co.jp\r\nSubject: =?ISO-2022-JP?B?{encoded}?=\r\n\r\nbody\r\n".encode()
    )
    assert mail.subject == "重要なお知らせ"


def test_unknown_header_charset_does_not_crash() -> None:
    mail = parse_email(b"From: a@b.test\r\nSubject: =?x-klingon?Q?Hallo_Welt?=\r\n\r\nx\r\n")
    assert "Hallo" in mail.subject


def test_raw_8bit_header_bytes_are_decoded() -> None:
    mail = parse_email("From: a@b.test\r\nSubject: Größe prüfen\r\n\r\nx\r\n".encode())
    assert mail.subject == "Größe prüfen"
    latin = parse_email("From: a@b.test\r\nSubject: Größe\r\n\r\nx\r\n".encode("latin-1"))
    assert latin.subject == "Größe"


def test_quoted_printable_latin1_body() -> None:
    mail = parse_email(
        b"From: a@amazon.de\r\nSubject: x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"Ihre Auftragsm=E4ngelquote betr=E4gt 1,8 %.=\r\n Weiter.\r\n"
    )
    assert "Auftragsmängelquote beträgt 1,8 %. Weiter." in mail.text


def test_base64_shift_jis_body() -> None:
    body = base64.b64encode("出荷遅延率は5.2%です".encode("shift_jis")).decode()
    mail = parse_email(
        f"From: a@amazon.co.jp\r\nSubject: x\r\nContent-Type: text/plain; charset=Shift_JIS\r\n"
        f"Content-Transfer-Encoding: base64\r\n\r\n{body}\r\n".encode()
    )
    assert "出荷遅延率は5.2%です" in mail.text


def test_lying_latin1_label_on_utf8_bytes() -> None:
    mail = parse_email(
        "From: a@amazon.fr\r\nSubject: x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
        "\r\nVotre compte a été réactivé\r\n".encode()
    )
    assert "a été réactivé" in mail.text
    assert any("UTF-8" in d for d in mail.defects)


def test_unknown_body_charset_falls_back() -> None:
    mail = parse_email(
        "From: a@amazon.de\r\nSubject: x\r\nContent-Type: text/plain; charset=x-unheard-of\r\n"
        "\r\nPrüfen Sie Ihr Konto\r\n".encode()
    )
    assert "Prüfen Sie Ihr Konto" in mail.text
    assert any("charset" in d for d in mail.defects)


def test_invalid_utf8_is_replaced_not_fatal() -> None:
    mail = parse_email(
        b"From: a@b.test\r\nSubject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"caf\xe9 and \xff\xfe bytes\r\n"
    )
    assert "caf" in mail.text and "bytes" in mail.text


HTML_ONLY = raw(
    "From: seller-performance@amazon.com\n"
    "Subject: listings removed\n"
    "Content-Type: text/html; charset=utf-8\n"
    "\n"
    "<html><head><style>td {color: red}</style><title>t</title></head><body>"
    "<p>Hello&nbsp;seller,</p><script>var x = 'B0HIDDEN00';</script>"
    "<table><tr><th>ASIN</th><th>SKU</th></tr>"
    "<tr><td>B0AAAA1111</td><td>SKU-1</td></tr></table>"
    '<p>Visit <a href="https://sellercentral.amazon.com/x?a=1&amp;b=2">Seller&#160;Central</a>'
    " &amp; reply.</p></body></html>\n"
)


def test_html_only_mail_gets_text() -> None:
    mail = parse_email(HTML_ONLY)
    assert "Hello seller," in mail.text
    assert "B0HIDDEN00" not in mail.text and "color" not in mail.text
    assert "Seller Central & reply." in mail.text
    # cells stay apart, rows on their own lines
    assert "B0AAAA1111" in mail.text and "B0AAAA1111SKU-1" not in mail.text
    lines = [line.split() for line in mail.text.splitlines()]
    assert ["B0AAAA1111", "SKU-1"] in lines
    assert links_of(mail) == ("https://sellercentral.amazon.com/x?a=1&b=2",)
    assert mail.html.startswith("<html>")


def test_html_to_text_survives_broken_markup() -> None:
    assert html_to_text("<p>unclosed <b>bold <td>cell</div></tr>").split() == [
        "unclosed",
        "bold",
        "cell",
    ]


def test_multipart_alternative_prefers_text_and_collects_all_links() -> None:
    mail = parse_email(
        raw(
            "From: a@amazon.com\nSubject: x\nMIME-Version: 1.0\n"
            'Content-Type: multipart/alternative; boundary="b1"\n\n'
            "--b1\nContent-Type: text/plain\n\nPlain see https://amazon.com/dp/B0AAAA1111.\n"
            "--b1\nContent-Type: text/html\n\n<a href='https://sellercentral.amazon.com/h'>x</a>\n"
            "--b1--\n"
        )
    )
    assert mail.text.startswith("Plain")
    assert "https://amazon.com/dp/B0AAAA1111" in links_of(mail)
    assert "https://sellercentral.amazon.com/h" in links_of(mail)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Date: Mon, 3 Mar 2025 10:15:00 +0100\n", datetime(2025, 3, 3, 9, 15, tzinfo=UTC)),
        ("Date: 3 Mar 2025 10:15 GMT\n", datetime(2025, 3, 3, 10, 15, tzinfo=UTC)),
        ("Date: yesterday-ish\n", None),
        ("Date: Mon, 31 Feb 2025 10:15:00 +0000\n", None),
        ("", None),
    ],
)
def test_dates_in_utc_or_none(header: str, expected: datetime | None) -> None:
    mail = parse_email(raw(f"From: a@b.test\nSubject: x\n{header}\nbody\n"))
    assert mail.date_at == expected
    if expected is not None:
        assert mail.date_at is not None and mail.date_at.utcoffset() is not None


def test_malformed_from_is_recovered() -> None:
    mail = parse_email(raw("From: Amazon <Notice-Dispute@amazon.de\nSubject: x\n\nbody\n"))
    assert mail.sender == "notice-dispute@amazon.de"


def test_missing_from() -> None:
    mail = parse_email(raw("Subject: x\nDate: Mon, 3 Mar 2025 10:15:00 +0000\n\nbody\n"))
    assert mail.sender == ""
    assert "missing From header" in mail.defects


def test_mbox_from_line_and_bom_are_skipped() -> None:
    mail = parse_email(b"\xef\xbb\xbfFrom MAILER-DAEMON Mon Mar  3 10:15:00 2025\n" + SIMPLE)
    assert mail.sender == "seller-performance@amazon.com"


def test_attached_message_becomes_a_forwarded_block() -> None:
    mail = parse_email(
        raw(
            "From: colleague@example.test\nSubject: Fwd: notice\nMIME-Version: 1.0\n"
            'Content-Type: multipart/mixed; boundary="o"\n\n'
            "--o\nContent-Type: text/plain\n\nSee attached.\n"
            "--o\nContent-Type: message/rfc822\n\n"
            "From: Amazon <seller-performance@amazon.com>\n"
            "Date: Mon, 3 Mar 2025 10:15:00 -0800\nSubject: Policy Warning\n\n"
            "Why is this happening?\n"
            "--o--\n"
        )
    )
    assert "From: Amazon <seller-performance@amazon.com>" in mail.text
    assert "Date: Mon, 3 Mar 2025 10:15:00 -0800" in mail.text
    assert "Why is this happening?" in mail.text


def test_bare_urls_lose_trailing_punctuation() -> None:
    mail = parse_email(
        raw("From: a@b.test\nSubject: x\n\n(see https://a.example/x), or HTTPS://B.example/y.\n")
    )
    assert links_of(mail) == ("https://a.example/x", "HTTPS://B.example/y")


# ---------------------------------------------------------------- hostile input


def test_thousands_of_parts_are_capped() -> None:
    parts = "".join(f"--b\nContent-Type: text/plain\n\npart {i}\n" for i in range(3000))
    data = raw(
        f"From: a@b.test\nSubject: x\nContent-Type: multipart/mixed; boundary=b\n\n{parts}--b--\n"
    )
    start = time.perf_counter()
    mail = parse_email(data)
    assert time.perf_counter() - start < 20
    assert any(f"more than {MAX_PARTS}" in d for d in mail.defects)
    assert "part 0" in mail.text and "part 2999" not in mail.text


def test_deep_nesting_does_not_crash() -> None:
    depth = 2000
    head = "".join(
        f'Content-Type: multipart/mixed; boundary="n{i}"\n\n--n{i}\n' for i in range(depth)
    )
    data = raw(f"From: a@b.test\nSubject: deep\n{head}Content-Type: text/plain\n\ninner\n")
    mail = parse_email(data)
    assert mail.subject == "deep"
    assert mail.defects


def test_broken_boundary_is_repaired_or_read_as_text() -> None:
    data = raw(
        "From: a@b.test\nSubject: x\nContent-Type: multipart/alternative; boundary=missing\n\n"
        "--other\nContent-Type: text/plain\n\nWhy is this happening?\n"
    )
    mail = parse_email(data)
    assert "Why is this happening?" in mail.text


def test_huge_body_is_truncated() -> None:
    body = ("Your Order Defect Rate is 3%. " * 400_000)[: MAX_TEXT_CHARS * 2]
    mail = parse_email(raw(f"From: a@b.test\nSubject: x\n\n{body}\n"))
    assert len(mail.text) <= MAX_TEXT_CHARS
    assert any("truncated" in d for d in mail.defects)


def test_broken_base64_is_repaired() -> None:
    mail = parse_email(
        raw(
            "From: a@b.test\nSubject: x\nContent-Transfer-Encoding: base64\n\n"
            + base64.b64encode(b"Listing removed").decode()[:-2]
            + "!!\n"
        )
    )
    assert mail.text.startswith("Listing remov")


def test_many_headers_are_bounded() -> None:
    headers = "".join(f"X-H{i}: v\n" for i in range(5000))
    mail = parse_email(raw(f"From: a@b.test\nSubject: x\n{headers}\nbody\n"))
    assert mail.subject == "x"
    assert any("header values" in d for d in mail.defects)
