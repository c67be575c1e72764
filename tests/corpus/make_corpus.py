#!/usr/bin/env python3
"""Build the notifyd test corpus and the demo Maildir.

Writes tests/corpus/NNN-*.eml with a NNN-*.json of expected labels beside each one, and
config/demo-inbox/new/* (ten messages a new user sees in the demo).

Every message text below was written for this project from the facts collected in
shared/PATTERNS.md (senders, subjects, headings, deadline phrasings, ASIN and metric formats,
phishing tells).  Nothing is copied from a real mailbox.  All people, shops, order numbers,
ASINs and complaint IDs are invented; attacker IPs use the documentation ranges.

Deadlines in the JSON are computed here, by the conventions in tests/corpus/README.md:
relative ones from the Date header (or the quoted original date of a forwarded notice),
bare dates at 23:59:59 local time of the marketplace, ISO timestamps as written.

Run:  .venv/bin/python tests/corpus/make_corpus.py
"""

from __future__ import annotations

import base64
import hashlib
import html as htmlmod
import json
import quopri
import re
import shutil
import sys
from datetime import UTC, datetime, timedelta, timezone
from email.header import Header
from email.utils import format_datetime, formataddr, getaddresses, parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DEMO = ROOT / "config" / "demo-inbox"

MARKET_TZ = {
    "amazon.com": "America/Los_Angeles",
    "amazon.co.uk": "Europe/London",
    "amazon.de": "Europe/Berlin",
    "amazon.fr": "Europe/Paris",
    "amazon.it": "Europe/Rome",
    "amazon.es": "Europe/Madrid",
    "amazon.co.jp": "Asia/Tokyo",
    "amazon.ca": "America/Toronto",
    "amazon.com.au": "Australia/Sydney",
    "amazon.in": "Asia/Kolkata",
    "amazon.nl": "Europe/Amsterdam",
    "amazon.pl": "Europe/Warsaw",
    "amazon.se": "Europe/Stockholm",
}

# --------------------------------------------------------------------------- dates


def tzoff(off: str) -> timezone:
    sign = 1 if off[0] == "+" else -1
    return timezone(sign * timedelta(hours=int(off[1:3]), minutes=int(off[3:5])))


def local(s: str, off: str) -> datetime:
    """'2026-03-03 17:14:22', '+0000' -> aware datetime."""
    return datetime.strptime(s, "%Y-%m-%d %H:%M:%S").replace(tzinfo=tzoff(off))


def D(s: str, off: str) -> str:
    """RFC 5322 Date header value with the right weekday."""
    return format_datetime(local(s, off))


def iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def after(date: str | datetime, days: int = 0, hours: int = 0) -> str:
    """Relative deadline: the notice date plus an exact duration, in UTC."""
    dt = date if isinstance(date, datetime) else parsedate_to_datetime(date)
    return iso(dt + timedelta(days=days, hours=hours))


def end_of_day(y: int, m: int, d: int, market: str) -> str:
    """A bare absolute date: 23:59:59 in the marketplace's local time, in UTC."""
    return iso(datetime(y, m, d, 23, 59, 59, tzinfo=ZoneInfo(MARKET_TZ[market])))


def h12(dt: datetime) -> str:
    return f"{dt.hour % 12 or 12}:{dt:%M} {'AM' if dt.hour < 12 else 'PM'}"


def gmail_date(dt: datetime) -> str:
    return f"{dt:%a}, {dt:%b} {dt.day}, {dt.year} at {h12(dt)}"


def outlook_en(dt: datetime) -> str:
    return f"{dt:%A}, {dt:%B} {dt.day}, {dt.year} {h12(dt)}"


DE_DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
DE_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
FR_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
ES_DAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
ES_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
IT_DAYS = ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"]
IT_MONTHS = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
]


def outlook_de(dt: datetime) -> str:
    return f"{DE_DAYS[dt.weekday()]}, {dt.day}. {DE_MONTHS[dt.month - 1]} {dt.year} {dt:%H:%M}"


def outlook_fr(dt: datetime) -> str:
    return f"{FR_DAYS[dt.weekday()]} {dt.day} {FR_MONTHS[dt.month - 1]} {dt.year} {dt:%H:%M}"


def outlook_es(dt: datetime) -> str:
    return f"{ES_DAYS[dt.weekday()]}, {dt.day} de {ES_MONTHS[dt.month - 1]} de {dt.year} {dt:%H:%M}"


def outlook_it(dt: datetime) -> str:
    return f"{IT_DAYS[dt.weekday()]} {dt.day} {IT_MONTHS[dt.month - 1]} {dt.year} {dt:%H:%M}"


# --------------------------------------------------------------------------- MIME building


class Leaf:
    def __init__(
        self, text: str, subtype: str = "plain", charset: str = "utf-8", cte: str | None = None
    ):
        self.text, self.subtype, self.charset, self.cte = text, subtype, charset, cte

    def render(self, seed: str) -> tuple[list[str], bytes]:
        text = self.text if self.text.endswith("\n") else self.text + "\n"
        raw = text.encode(self.charset)
        cte = self.cte or ("7bit" if max(raw) < 128 else "quoted-printable")
        if cte == "base64":
            body = base64.encodebytes(raw)
        elif cte == "quoted-printable":
            body = quopri.encodestring(raw)
        else:
            if cte == "7bit":
                assert max(raw) < 128, seed
            body = raw
        return [
            f'Content-Type: text/{self.subtype}; charset="{self.charset}"',
            f"Content-Transfer-Encoding: {cte}",
        ], body


class Multi:
    def __init__(self, subtype: str, *parts: Leaf | Multi):
        self.subtype, self.parts = subtype, parts

    def render(self, seed: str) -> tuple[list[str], bytes]:
        b = "----=_Part_" + hashlib.md5(seed.encode()).hexdigest()[:20]
        chunks = []
        for i, p in enumerate(self.parts):
            ph, pb = p.render(f"{seed}.{i}")
            chunks.append(
                b"--"
                + b.encode()
                + b"\n"
                + "\n".join(ph).encode()
                + b"\n\n"
                + pb.rstrip(b"\n")
                + b"\n"
            )
        body = b"".join(chunks) + b"--" + b.encode() + b"--\n"
        return [f'Content-Type: multipart/{self.subtype};\n\tboundary="{b}"'], body


def enc(s: str, charset: str = "utf-8") -> str:
    """A header value, RFC 2047-encoded when it is not plain ASCII."""
    if all(ord(c) < 128 for c in s):
        return s
    return Header(s, charset, maxlinelen=76).encode()


def addr(name: str, email: str, charset: str = "utf-8") -> str:
    return formataddr((name, email), charset) if name else email


def build(headers: list[tuple[str, str]], body: Leaf | Multi, seed: str) -> bytes:
    ph, pb = body.render(seed)
    fixed = []
    for k, v in headers:
        if any(ord(c) > 127 for c in v):
            if k.lower() in ("from", "to", "cc", "reply-to"):
                v = ", ".join(formataddr(pair, "utf-8") for pair in getaddresses([v]))
            else:
                v = enc(v)
        fixed.append((k, v))
    lines = [f"{k}: {v}" for k, v in fixed] + ["MIME-Version: 1.0", *ph]
    head = "\n".join(lines)
    return head.encode("ascii") + b"\n\n" + pb


def _h(seed: str, n: int = 40) -> str:
    return hashlib.sha1(seed.encode()).hexdigest()[:n]


def _b64(seed: str, n: int) -> str:
    out = base64.b64encode(hashlib.sha512(seed.encode()).digest() * 4).decode()
    return out[:n]


# --------------------------------------------------------------------------- HTML helpers

URL_RE = re.compile(r"https?://[^\s<>\"')]+")


def linkify(escaped: str) -> str:
    return URL_RE.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)


def htmlize(text: str, charset: str = "utf-8", title: str = "") -> str:
    """The HTML twin of a plain-text notice, the way Amazon's templates lay it out."""
    out = []
    for para in text.strip().split("\n\n"):
        lines = para.split("\n")
        first = lines[0].rstrip()
        if first.endswith(("?", "？")) and len(first) < 90 and not first.startswith(("http", "-")):
            out.append(
                f'<h3 style="font-size:16px;color:#0F1111;margin:18px 0 6px">{htmlmod.escape(first)}</h3>'
            )
            lines = lines[1:]
        if lines:
            out.append(
                '<p style="margin:0 0 12px">'
                + "<br>\n".join(linkify(htmlmod.escape(x)) for x in lines)
                + "</p>"
            )
    inner = "\n".join(out)
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>{htmlmod.escape(title)}</title></head>
<body style="margin:0;padding:0;background:#ffffff">
<table width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center">
<table width="600" cellpadding="0" cellspacing="0" border="0" style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#0F1111">
<tr><td style="padding:16px 0;border-bottom:1px solid #DDD"><b style="font-size:18px">amazon</b> <span style="color:#565959">seller central</span></td></tr>
<tr><td style="padding:16px 0">
{inner}
</td></tr>
<tr><td style="padding:12px 0;border-top:1px solid #DDD;font-size:11px;color:#565959">This email was sent from a notification-only address. Please do not reply unless the message asks you to.</td></tr>
</table></td></tr></table>
</body></html>
"""


def alt(
    text: str,
    charset: str = "utf-8",
    cte_text: str | None = None,
    cte_html: str | None = "quoted-printable",
    title: str = "",
) -> Multi:
    return Multi(
        "alternative",
        Leaf(text, "plain", charset, cte_text),
        Leaf(htmlize(text, charset, title), "html", charset, cte_html),
    )


# --------------------------------------------------------------------------- header sets

SES_IPS = [
    "54.240.27.12",
    "54.240.48.93",
    "54.240.8.67",
    "54.240.13.44",
    "54.240.1.201",
    "54.240.35.70",
]


def ses_msgid(seed: str) -> str:
    h = _h(seed + "mid", 40)
    return f"<0100{h[:12]}-{h[12:20]}-{h[20:24]}-{h[24:28]}-{h[28:40]}-000000@email.amazonses.com>"


def amazon_headers(
    seed: str,
    date: str,
    frm: str,
    to: str,
    subject: str,
    *,
    d: str = "amazon.com",
    auth: bool = False,
    charset: str = "utf-8",
    reply_to: str | None = None,
    extra: list[tuple[str, str]] | None = None,
) -> list[tuple[str, str]]:
    """A genuine Amazon mail as it arrives through SES, optionally with the receiver's Authentication-Results."""
    ip = SES_IPS[int(_h(seed, 2), 16) % len(SES_IPS)]
    a, b = ip.split(".")[2:]
    host = f"a{a}-{b}.smtp-out.amazonses.com"
    bounce = f"0100{_h(seed + 'b', 12)}-{_h(seed + 'c', 8)}-{_h(seed + 'e', 4)}-000000@bounces.{d}"
    recv = format_datetime(
        parsedate_to_datetime(date).astimezone(UTC) + timedelta(seconds=2)
    ).replace("-0000", "+0000")
    to_addr = to.split("<")[-1].rstrip(">")
    hs: list[tuple[str, str]] = [
        ("Return-Path", f"<{bounce}>"),
        ("Delivered-To", to_addr),
        (
            "Received",
            f"from {host} ({host} [{ip}])\n\tby mx.example.com (Postfix) with ESMTPS id {_h(seed + 'q', 11).upper()}\n\tfor <{to_addr}>; {recv} (UTC)",
        ),
    ]
    if auth:
        hs.append(
            (
                "Authentication-Results",
                (
                    f"mx.example.com;\n\tdkim=pass (1024-bit key; unprotected) header.d={d} header.i=@{d} header.b={_b64(seed + 'k1', 8)};"
                    f"\n\tdkim=pass (1024-bit key) header.d=amazonses.com header.i=@amazonses.com header.b={_b64(seed + 'k2', 8)};"
                    f"\n\tspf=pass (mx.example.com: domain of {bounce} designates {ip} as permitted sender) smtp.mailfrom={bounce};"
                    f"\n\tdmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from={d}"
                ),
            )
        )
    t = int(parsedate_to_datetime(date).timestamp())
    hs += [
        (
            "DKIM-Signature",
            f"v=1; a=rsa-sha256; q=dns/txt; c=relaxed/simple;\n\ts=yg4mwqurec7fkhzutopddd3ytuaqrsuz; d={d}; t={t};\n\th=Date:From:To:Message-ID:Subject:MIME-Version:Content-Type;\n\tbh={_b64(seed + 'bh', 43)}=;\n\tb={_b64(seed + 'sig1', 76)}\n\t{_b64(seed + 'sig1b', 96)}=",
        ),
        (
            "DKIM-Signature",
            f"v=1; a=rsa-sha256; q=dns/txt; c=relaxed/simple;\n\ts=6gbrjpgwjskckoa6a5zn6fwqkn67xbtw; d=amazonses.com; t={t};\n\th=Date:From:To:Message-ID:Subject:MIME-Version:Content-Type:Feedback-ID;\n\tbh={_b64(seed + 'bh', 43)}=;\n\tb={_b64(seed + 'sig2', 76)}\n\t{_b64(seed + 'sig2b', 96)}=",
        ),
        ("Date", date),
        ("From", frm),
    ]
    if reply_to:
        hs.append(("Reply-To", reply_to))
    hs += [
        ("To", to),
        ("Message-ID", ses_msgid(seed)),
        ("Subject", enc(subject, charset)),
        ("X-AMAZON-MAIL-RELAY-TYPE", "notification"),
        ("X-AMAZON-METADATA", f"CA={_h(seed + 'ca', 16).upper()}-CU={_h(seed + 'cu', 14).upper()}"),
        ("Feedback-ID", f"1.us-east-1.{_b64(seed + 'fb', 43)}=:AmazonSES"),
    ]
    return hs + (extra or [])


def plain_headers(
    seed: str,
    date: str,
    frm: str,
    to: str,
    subject: str,
    *,
    mid_host: str = "amazon.com",
    charset: str = "utf-8",
    extra: list[tuple[str, str]] | None = None,
    mid: str | None = None,
) -> list[tuple[str, str]]:
    """A mail as a client exports it after the receiving server dropped the trace headers."""
    hs = [
        ("Date", date),
        ("From", frm),
        ("To", to),
        ("Subject", enc(subject, charset)),
        ("Message-ID", mid or f"<{_h(seed, 24)}.{_h(seed + 'x', 8)}@{mid_host}>"),
    ]
    return hs + (extra or [])


def phish_headers(
    seed: str,
    date: str,
    frm: str,
    to: str,
    subject: str,
    *,
    from_domain: str,
    ip: str,
    helo: str,
    auth: str | None = None,
    charset: str = "utf-8",
    return_path: str | None = None,
    reply_to: str | None = None,
    x_mailer: str | None = None,
) -> list[tuple[str, str]]:
    to_addr = to.split("<")[-1].rstrip(">")
    recv = format_datetime(
        parsedate_to_datetime(date).astimezone(UTC) + timedelta(seconds=7)
    ).replace("-0000", "+0000")
    hs = [
        ("Return-Path", f"<{return_path or frm.split('<')[-1].rstrip('>')}>"),
        ("Delivered-To", to_addr),
        (
            "Received",
            f"from {helo} (unknown [{ip}])\n\tby mx.example.com (Postfix) with ESMTP id {_h(seed + 'q', 11).upper()}\n\tfor <{to_addr}>; {recv} (UTC)",
        ),
    ]
    if auth == "fail":
        hs.append(
            (
                "Authentication-Results",
                (
                    f'mx.example.com;\n\tdkim=fail reason="signature verification failed" header.d={from_domain} header.i=@{from_domain} header.b={_b64(seed + "k", 8)};'
                    f"\n\tspf=fail (mx.example.com: domain of {from_domain} does not designate {ip} as permitted sender) smtp.mailfrom={from_domain};"
                    f"\n\tdmarc=fail (p=QUARANTINE sp=QUARANTINE dis=QUARANTINE) header.from={from_domain}"
                ),
            )
        )
    elif auth == "none":
        hs.append(
            (
                "Authentication-Results",
                (
                    f"mx.example.com;\n\tdkim=none (message not signed);"
                    f"\n\tspf=softfail (mx.example.com: domain of transitioning {from_domain} does not designate {ip} as permitted sender) smtp.mailfrom={from_domain};"
                    f"\n\tdmarc=fail (p=QUARANTINE sp=QUARANTINE dis=QUARANTINE) header.from={from_domain}"
                ),
            )
        )
    hs += [("Date", date), ("From", frm)]
    if reply_to:
        hs.append(("Reply-To", reply_to))
    hs += [
        ("To", to),
        ("Subject", enc(subject, charset)),
        ("Message-ID", f"<{_h(seed, 32)}@{helo}>"),
    ]
    if x_mailer:
        hs.append(("X-Mailer", x_mailer))
    return hs


# --------------------------------------------------------------------------- labels

CATEGORIES = (
    "account_health",
    "policy_violation",
    "customer_feedback",
    "performance_improvement",
    "account_status",
)
SEVERITIES = ("critical", "high", "medium", "low")
MARKETS = tuple(MARKET_TZ)
LANGS = ("en", "de", "fr", "it", "es", "ja", "zh", "nl", "pl", "sv")
METRIC_KEYS = (
    "order_defect_rate",
    "late_shipment_rate",
    "pre_fulfillment_cancel_rate",
    "valid_tracking_rate",
    "on_time_delivery_rate",
    "account_health_rating",
)


def notice(
    category: str | None,
    issue_type: str,
    severity: str,
    marketplace: str,
    *,
    asins: list[str] | tuple[str, ...] = (),
    deadline: str | None = None,
    language: str = "en",
    metrics: dict[str, float] | None = None,
    notes: str,
    unrecognised: bool = False,
) -> dict:
    lab = {
        "is_notice": True,
        "category": category,
        "issue_type": issue_type,
        "asins": sorted(set(asins)),
        "deadline": deadline,
        "severity": severity,
        "marketplace": marketplace,
        "language": language,
        "metrics": metrics or {},
        "suspected_phishing": False,
        "notes": notes,
    }
    if unrecognised:
        lab["unrecognised"] = True
    return lab


def not_notice(
    language: str = "en", *, phishing: bool = False, notes: str, marketplace: str | None = None
) -> dict:
    """Ordinary mail keeps the store it came from; phishing keeps the store it claims to write
    from (issue 12; PATTERNS §8: the store the notice concerns); non-Amazon mail has none."""
    return {
        "is_notice": False,
        "category": None,
        "issue_type": None,
        "asins": [],
        "deadline": None,
        "severity": None,
        "marketplace": marketplace,
        "language": language,
        "metrics": {},
        "suspected_phishing": phishing,
        "notes": notes,
    }


FIXTURES: list[tuple[str, bytes, dict, str]] = []  # name, raw, label, readme line
DEMO_MSGS: list[tuple[str, bytes, dict, str]] = []  # filename, raw, label, what


def add(
    name: str, headers: list[tuple[str, str]], body: Leaf | Multi, label: dict, why: str
) -> None:
    assert not any(n == name for n, *_ in FIXTURES), name
    FIXTURES.append((name, build(headers, body, name), label, why))


SELLER = "seller@example.com"


# =========================================================================== account health

ODR_TEXT = """Hello,

Your account is at risk of deactivation because your Order Defect Rate (ODR) is above our target.

Your Order Defect Rate is 2.1%; the target is 1%.

Why is this happening?
The Order Defect Rate is the percentage of your orders that received one or more of the following defects during a given 60-day time period: negative feedback, an A-to-z Guarantee claim that was not denied, or a credit card chargeback. Amazon requires sellers to keep an ODR under 1% to sell on Amazon.com.

What should I do?
Review the orders that received defects on the Customer Satisfaction tab of your Account Health page and look for common causes such as late deliveries, items that do not match the detail page, or slow replies to buyer messages:
https://sellercentral.amazon.com/performance/dashboard

If your ODR stays above 1%, we may remove your selling privileges.

We're here to help
If you have questions about this message, contact Seller Support. We usually respond within 48 hours.

Sincerely,
Seller Performance Team
Amazon.com
"""

d = D("2026-03-03 17:14:22", "+0000")
add(
    "001-odr-warning-us-ses",
    amazon_headers(
        "001",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        SELLER,
        "Warning: Your order defect rate is higher than 1%",
        auth=True,
    ),
    alt(ODR_TEXT, title="Order Defect Rate warning"),
    notice(
        "account_health",
        "order_defect_rate",
        "high",
        "amazon.com",
        metrics={"order_defect_rate": 2.1},
        notes="new-style ODR warning with actual;target line, genuine SES headers with dkim/spf pass; '60-day time period' and 'within 48 hours' are not deadlines",
    ),
    "ODR at-risk warning, genuine SES trace + Authentication-Results pass",
)

d = D("2019-10-14 08:02:51", "+0100")
add(
    "002-lsr-warning-uk-qp",
    plain_headers(
        "002",
        d,
        addr("Amazon.co.uk Seller Performance", "seller-performance@amazon.co.uk"),
        "Hannah Price <hannah@example.co.uk.example.test>",
        "Your late shipment rate needs attention",
        mid_host="amazon.co.uk",
    ),
    Leaf(
        """Dear Seller,

We are writing because your late shipment rate on Amazon.co.uk does not meet the performance standard we expect of sellers on our marketplace.

Over the last 30 days, 6.8% of your seller-fulfilled orders were confirmed as shipped after the expected ship date. Our goal is a late shipment rate of less than 4%.

Buyers rely on accurate delivery estimates. When an order is confirmed late, the customer often contacts us, cancels the order, or leaves negative feedback, and this affects your account as well as the customer's trust in Amazon.co.uk.

To improve your late shipment rate, we suggest that you:
- set a handling time in your shipping settings that your warehouse can actually meet, including during peak weeks and bank holidays;
- confirm shipment on the same day the parcel is handed to the carrier;
- use the "Buy Shipping" service so the shipment is confirmed automatically.

You can view the orders that were shipped late on the Account Health page in Seller Central (Performance > Account Health > Shipping Performance).

If your late shipment rate stays above 4%, your selling privileges may be at risk.

Regards,

Seller Performance Team
Amazon.co.uk
""",
        charset="utf-8",
        cte="quoted-printable",
    ),
    notice(
        "account_health",
        "late_shipment_rate",
        "high",
        "amazon.co.uk",
        metrics={"late_shipment_rate": 6.8},
        notes="2019 prose LSR warning, quoted-printable; actual 6.8% and goal 4% in different sentences; '30 days' window is not a deadline",
    ),
    "older prose LSR warning, QP body",
)

d = D("2025-01-22 14:40:09", "-0500")
add(
    "003-cancel-rate-ca-ses",
    amazon_headers(
        "003",
        d,
        addr("Amazon.ca Seller Performance", "seller-performance@amazon.ca"),
        "Luc Tremblay <luc@maison-bleue.example.test>",
        "Your Pre-fulfillment Cancel Rate is above our target",
        d="amazon.ca",
        auth=True,
    ),
    alt(
        """Hello Maison Bleue Home,

Your Pre-fulfillment Cancel Rate has exceeded Amazon's target, and this puts your account at risk.

Your Pre-fulfillment Cancel Rate is 3.9%; the target is less than 2.5%.

Why is this happening?
Pre-fulfillment Cancel Rate is the percentage of seller-fulfilled orders that you cancelled before confirming shipment, measured over a 7-day period. Cancellations requested by the buyer through the Amazon order page are not counted. Most seller cancellations happen because an item is out of stock.

How do I improve my Pre-fulfillment Cancel Rate?
- Update your inventory counts often, or connect your warehouse system through the Selling Partner API so quantities stay in sync.
- Remove listings for products that you can no longer source.
- Review the cancelled orders on the Account Health page: https://sellercentral.amazon.ca/performance/account/health

What happens next?
If your rate remains above 2.5%, we may deactivate your selling privileges on Amazon.ca.

We're here to help
Contact Seller Support if you have questions. We'll get back to you within 2 business days.

Thank you,
Amazon.ca Seller Performance
""",
        title="Pre-fulfillment Cancel Rate",
    ),
    notice(
        "account_health",
        "cancellation_rate",
        "high",
        "amazon.ca",
        metrics={"pre_fulfillment_cancel_rate": 3.9},
        notes="amazon.ca cancel-rate warning, genuine SES headers d=amazon.ca with auth pass; '7-day period' and 'within 2 business days' are not deadlines",
    ),
    "pre-fulfillment cancel rate warning, amazon.ca, auth pass",
)

d = D("2024-06-07 19:31:40", "+0000")
add(
    "004-vtr-below-95-us",
    plain_headers(
        "004", d, "seller-performance@amazon.com", SELLER, "Your Valid Tracking Rate is Below 95%"
    ),
    Leaf("""Hello,

Your Valid Tracking Rate (VTR) in the Toys & Games category is 91.2%, below the 95% requirement for seller-fulfilled orders.

Valid Tracking Rate is the percentage of your seller-fulfilled packages shipped with a valid tracking number, measured per product category over a 30-day period. Customers use tracking numbers to find out where their orders are and when they will arrive.

If your VTR in a category stays below 95%, you may lose the ability to sell seller-fulfilled products in that category. Your Fulfillment by Amazon (FBA) offers are not affected.

To improve your VTR:
1. Ship with a carrier that provides tracking and enter the tracking number when you confirm shipment.
2. Check that the carrier name you choose matches the carrier that delivers the package.
3. Use Buy Shipping, which uploads tracking automatically.

You can see your VTR for each category here:
https://sellercentral.amazon.com/performance/detail/shipping?metric=vtr

Thank you for selling on Amazon,
Seller Performance Team
"""),
    notice(
        "account_health",
        "valid_tracking_rate",
        "high",
        "amazon.com",
        metrics={"valid_tracking_rate": 91.2},
        notes="VTR subject from PATTERNS; actual 91.2% before the 95% requirement; plain ASCII, no auth headers",
    ),
    "Valid Tracking Rate warning, plain text",
)

d = D("2024-09-12 22:05:11", "+0000")
add(
    "005-ahr-below-100-3days",
    amazon_headers(
        "005",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        SELLER,
        "Action Required: Your Account Health Rating is at risk",
    ),
    alt(
        """Hello,

We have lowered your Account Health Rating to below 100 because of policy violations on your account. An Account Health Rating below 100 is the threshold for deactivation.

Resolve the violation(s) within 3 days of this notification to keep your account in good standing.

Where can I see the violations?
You can see each violation, the affected listings, and what you can do about them on the Account Health page:
https://sellercentral.amazon.com/performance/account/health

How do I fix this?
For each violation, choose "Submit appeal" or "Fix listing". Once a violation is resolved, it no longer counts against your Account Health Rating.

What happens if I do not resolve the violations?
Your account may be deactivated and funds in your account may be held.

We're here to help
If you have questions, go to Seller Support. We'll respond within 2 business days.

Amazon Seller Performance
""",
        title="Account Health Rating",
    ),
    notice(
        "account_health",
        "account_at_risk",
        "high",
        "amazon.com",
        deadline=after(d, days=3),
        notes="2024-era AHR below 100 notice; 'within 3 days of this notification' = Date+72h (high stays high); no exact AHR value; 'within 2 business days' is Amazon's turnaround",
    ),
    "AHR below 100, 3-day resolve deadline, SES trace without Authentication-Results",
)

d = D("2026-02-09 10:12:30", "+0530")
add(
    "006-odr-at-risk-in-72h",
    plain_headers(
        "006",
        d,
        addr("Amazon.in Seller Performance", "seller-performance@amazon.in"),
        "Rohan Mehta <rohan@example.com>",
        "Important: Your Amazon.in account is at risk of deactivation",
        mid_host="amazon.in",
    ),
    Leaf(
        """Dear Seller,

Your Order Defect Rate (ODR) on Amazon.in is above the level we require, and your account is at risk of deactivation.

Your Order Defect Rate is 4.76%; the target is 1%.

Why did this happen?
Over the last 60 days, a high share of your orders received negative feedback, A-to-z Guarantee claims or chargebacks. Most of the defects relate to orders delivered late in the Bengaluru and Hyderabad regions.

What should I do?
Review the defective orders in Seller Central and contact the affected buyers. If the issue is not addressed, these defects will put your account at risk of deactivation within 72 hours.

https://sellercentral.amazon.in/performance/dashboard

Regards,
Seller Performance Team
Amazon.in
""",
        cte="8bit",
    ),
    notice(
        "account_health",
        "order_defect_rate",
        "high",
        "amazon.in",
        deadline=after(d, hours=72),
        metrics={"order_defect_rate": 4.76},
        notes="amazon.in ODR at-risk with 'at risk of deactivation within 72 hours' (deadline Date+72h, IST offset); two-decimal metric",
    ),
    "ODR at risk, 72-hour window, +0530 offset",
)

d = D("2025-03-18 09:20:00", "+1100")
add(
    "007-otdr-au",
    plain_headers(
        "007",
        d,
        addr("Amazon.com.au Seller Performance", "seller-performance@amazon.com.au"),
        "Jack Nguyen <jack@outbackgear.example.test>",
        "Your On-Time Delivery Rate is below target",
        mid_host="amazon.com.au",
    ),
    alt(
        """G'day,

We're letting you know that your On-Time Delivery Rate on Amazon.com.au is below our target.

Your On-Time Delivery Rate is 86.4%; the target is greater than 97%.

Why is this happening?
On-Time Delivery Rate measures the percentage of your seller-fulfilled packages with tracking that were delivered by the estimated delivery date, over a 14-day period. Several of your recent orders to regional Western Australia and the Northern Territory arrived after the promised date.

How can I improve?
- Review your shipping templates and add realistic transit times for remote postcodes.
- Use the carrier integrations in Buy Shipping so that delivery estimates are accurate.

Your account remains active. Keeping your On-Time Delivery Rate above 97% helps customers trust your offers.

We're here to help
Contact Seller Support through Seller Central.

Amazon.com.au Seller Performance
""",
        cte_text="quoted-printable",
    ),
    notice(
        "account_health",
        "on_time_delivery_rate",
        "high",
        "amazon.com.au",
        metrics={"on_time_delivery_rate": 86.4},
        notes="amazon.com.au OTDR warning, multipart/alternative; 86.4 actual vs 97 target; '14-day period' not a deadline",
    ),
    "On-Time Delivery Rate warning, AU",
)

d = D("2016-04-06 03:41:17", "-0700")
add(
    "008-odr-legacy-2016-prose",
    plain_headers(
        "008",
        d,
        addr("Seller Performance Team", "seller-performance@amazon.com"),
        "orders@sunnyside-crafts.example.test",
        "Your Amazon.com seller account",
    ),
    Leaf("""Hello,

We have reviewed your account and found that your order defect rate does not meet our performance target of less than 1%. The order defect rate is the percentage of orders that have received negative feedback, an A-to-z Guarantee claim, or a service credit card chargeback during a 60-day time period.

Customers expect to receive their orders on time and as described. A high order defect rate indicates that buyers are having a poor experience with your business, and we take this seriously.

We encourage you to review the orders in your Performance Notifications and Customer Metrics pages to identify what causes the defects, and to take action to correct them. Sellers who continue to exceed our target may lose their selling privileges.

Please note that this message is to inform you of our concerns. You do not need to reply.

Sincerely,
Seller Performance Team
Amazon.com
http://www.amazon.com
"""),
    notice(
        "account_health",
        "order_defect_rate",
        "high",
        "amazon.com",
        notes="2016 prose ODR warning stating only the target (<1%), so metrics is empty; '60-day time period' is not a deadline",
    ),
    "old prose ODR warning without an actual value",
)

d = D("2025-11-11 09:03:44", "+0100")
add(
    "009-odr-warnung-de-latin1",
    plain_headers(
        "009",
        d,
        addr("Amazon.de Verkäuferleistung", "seller-performance@amazon.de", "iso-8859-1"),
        "Jana Becker <jana@kuechenglueck.example.test>",
        "Warnung: Ihre Auftragsmängelquote liegt über 1 %",
        mid_host="amazon.de",
        charset="iso-8859-1",
    ),
    Leaf(
        """Guten Tag,

Ihr Verkäuferkonto erfüllt derzeit nicht unsere Anforderungen an die Auftragsmängelquote.

Ihre Auftragsmängelquote beträgt 1,8 %; der Zielwert liegt bei 1 %.

Warum ist das passiert?
Die Auftragsmängelquote gibt den Anteil Ihrer Bestellungen an, für die in einem Zeitraum von 60 Tagen negatives Feedback, ein nicht abgelehnter Antrag auf die A-bis-z-Garantie oder eine Rückbelastung eingegangen ist. Amazon erwartet von Verkäufern eine Auftragsmängelquote von unter 1 %.

Was kann ich tun?
Prüfen Sie die betroffenen Bestellungen auf der Seite Kontostatus in Seller Central und beheben Sie die Ursachen, zum Beispiel verspätete Lieferungen oder ungenaue Artikelbeschreibungen:
https://sellercentral.amazon.de/performance/dashboard

Wenn Ihre Auftragsmängelquote weiterhin über 1 % liegt, kann Ihr Konto deaktiviert werden.

Wir sind für Sie da
Bei Fragen wenden Sie sich an den Verkäuferservice.

Freundliche Grüße
Amazon.de Verkäuferleistung
""",
        charset="iso-8859-1",
        cte="8bit",
    ),
    notice(
        "account_health",
        "order_defect_rate",
        "high",
        "amazon.de",
        language="de",
        metrics={"order_defect_rate": 1.8},
        notes="German ODR warning in iso-8859-1 8bit with encoded subject; decimal comma '1,8 %' must parse to 1.8; target 1 % ignored",
    ),
    "German ODR warning, Latin-1, decimal comma",
)

d = D("2024-12-05 11:30:00", "+0900")
add(
    "010-lsr-jp-base64",
    plain_headers(
        "010",
        d,
        addr("Amazon.co.jp 出品者パフォーマンス", "seller-performance@amazon.co.jp"),
        "tanaka@example.jp.example.test",
        "出荷遅延率が目標値を超えています",
        mid_host="amazon.co.jp",
    ),
    Leaf(
        """出品者様

Amazon.co.jpをご利用いただきありがとうございます。

お客様の出荷遅延率が、Amazonが定める目標値を上回っていることをお知らせいたします。

現在の出荷遅延率は5.2%です。目標値は4%未満です。

なぜこのような状況になったのでしょうか?
出荷遅延率は、出荷予定日を過ぎてから出荷通知が送信された注文の割合で、過去10日間および30日間について計算されます。年末の繁忙期に入り、出荷通知の遅れが増えています。

改善するにはどうすればよいですか?
・配送設定のリードタイムを、実際に出荷できる日数に合わせてください。
・商品を配送業者に引き渡した当日に出荷通知を送信してください。
・詳細はセラーセントラルのアカウント健全性ページをご確認ください。
https://sellercentral.amazon.co.jp/performance/dashboard

出荷遅延率が4%を超えた状態が続く場合、出品用アカウントが停止される可能性があります。

Amazon.co.jp 出品者パフォーマンスチーム
""",
        cte="base64",
    ),
    notice(
        "account_health",
        "late_shipment_rate",
        "high",
        "amazon.co.jp",
        language="ja",
        metrics={"late_shipment_rate": 5.2},
        notes="Japanese LSR warning, UTF-8 base64 body, encoded subject and display name; 5.2% actual vs 4% target",
    ),
    "Japanese LSR warning, base64",
)

d = D("2026-04-20 16:45:02", "+0000")
add(
    "011-ahr-value-at-risk-us",
    plain_headers(
        "011",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        SELLER,
        "Your Account Health Rating is At Risk",
    ),
    alt("""Hello,

Your Account Health Rating has moved into the At Risk band.

Account Health Rating: 176 (At Risk)

Why is this happening?
Several policy violations were recorded on your account in the last 180 days. Each unresolved violation lowers your rating. Accounts with a rating below 100 may be deactivated.

What should I do?
Open the Account Health page, review each violation, and either fix the listing or submit an appeal with supporting documents:
https://sellercentral.amazon.com/performance/account/health

Your account is active and you can continue to sell.

We're here to help
Seller Support is available 24 hours a day through Seller Central.

Amazon Seller Performance
"""),
    notice(
        "account_health",
        "account_at_risk",
        "high",
        "amazon.com",
        metrics={"account_health_rating": 176.0},
        notes="AHR stated as a value (176); 100 is the band edge, not the value; 'last 180 days' not a deadline. No published mail showed an exact AHR, so this shape is a guess",
    ),
    "AHR value in the body (speculative shape)",
)

# =========================================================================== performance improvement

d = D("2015-11-02 12:06:55", "-0800")
add(
    "012-lsr-plan-request-2015",
    plain_headers(
        "012",
        d,
        addr("Seller Performance Team", "seller-performance@amazon.com"),
        "Dale Fischer <dale@example.com>",
        "Request for a plan of action: late shipments",
    ),
    Leaf("""Dear Seller,

Your late shipment rate, currently 9.4%, is well above our goal of less than 4%. Late shipments cause buyers to contact Amazon, cancel their orders and leave negative feedback.

We ask that you send us a plan of action that explains:
- the root cause of the late shipments;
- the actions you have taken to resolve the issue; and
- the steps you will take to prevent late shipments in the future.

Please reply to this email with your plan within 17 days. If we do not receive an acceptable plan within 17 days, we may remove your selling privileges.

We appreciate your attention to this matter.

Regards,
Seller Performance Team
Amazon.com
"""),
    notice(
        "performance_improvement",
        "late_shipment_rate",
        "high",
        "amazon.com",
        deadline=after(d, days=17),
        metrics={"late_shipment_rate": 9.4},
        notes="2015 plan-of-action request for LSR while the account is active; 'within 17 days' = Date+17d",
    ),
    "plan of action demanded for late shipments, 17 days",
)

d = D("2019-07-10 07:55:10", "+0100")
add(
    "013-delivery-plan-uk",
    amazon_headers(
        "013",
        d,
        addr("Amazon.co.uk Seller Performance", "seller-performance@amazon.co.uk"),
        "ops@teapot-traders.example.test",
        "Improve your delivery performance on Amazon.co.uk",
        d="amazon.co.uk",
    ),
    alt("""Hello,

Customers have reported that many of your recent orders arrived later than the delivery date shown at checkout.

Your On-Time Delivery Rate is 88.0%; the target is 97%.

We ask you to put an improvement plan in place for your delivery performance. Please review your carriers, handling times and delivery promises, and make the changes needed to meet the target.

What should the plan cover?
- Which carriers and services caused the late deliveries
- The changes you have made to your shipping templates
- How you will monitor delivery times from now on

Submit your plan from the Account Health page. You do not need to reply to this email.
https://sellercentral.amazon.co.uk/performance/account/health

Kind regards,
Seller Performance Team
Amazon.co.uk
"""),
    notice(
        "performance_improvement",
        "on_time_delivery_rate",
        "high",
        "amazon.co.uk",
        metrics={"on_time_delivery_rate": 88.0},
        notes="improvement plan demanded for delivery problems, no deadline; SES trace d=amazon.co.uk without Authentication-Results",
    ),
    "improvement plan for on-time delivery, UK",
)

d = D("2026-03-16 08:30:00", "+0100")
add(
    "014-storno-aktionsplan-de",
    plain_headers(
        "014",
        d,
        addr("Amazon.de Verkäuferleistung", "seller-performance@amazon.de"),
        "Kai Wolff <kai@fahrradteile.example.test>",
        "Aktionsplan erforderlich: Stornierungsquote vor der Auftragsabwicklung",
        mid_host="amazon.de",
    ),
    Leaf(
        """Guten Tag,

Ihre Stornierungsquote vor der Auftragsabwicklung liegt über dem Zielwert, den Amazon für Verkäufer festgelegt hat.

Ihre Stornierungsquote beträgt 4,1 %; der Zielwert liegt unter 2,5 %.

Warum ist das passiert?
In den letzten 7 Tagen haben Sie zahlreiche Bestellungen storniert, bevor Sie den Versand bestätigt haben. Meistens liegt das an Lagerbeständen, die in Seller Central nicht aktuell sind.

Was müssen Sie tun?
Bitte senden Sie uns innerhalb von 7 Tagen einen Aktionsplan, in dem Sie erklären:
- warum es zu den Stornierungen gekommen ist,
- welche Maßnahmen Sie bereits ergriffen haben und
- wie Sie künftig verhindern, dass Bestellungen storniert werden müssen.

Antworten Sie dazu direkt auf diese E-Mail.

Wir sind für Sie da
Unser Team prüft Ihren Aktionsplan in der Regel innerhalb von 2 Werktagen.

Freundliche Grüße
Amazon.de Verkäuferleistung
""",
        cte="quoted-printable",
    ),
    notice(
        "performance_improvement",
        "cancellation_rate",
        "high",
        "amazon.de",
        deadline=after(d, days=7),
        language="de",
        metrics={"pre_fulfillment_cancel_rate": 4.1},
        notes="German plan-of-action request; 'innerhalb von 7 Tagen' = Date+7d; 'letzten 7 Tagen' window and 'innerhalb von 2 Werktagen' turnaround are not deadlines",
    ),
    "German plan request for cancellations, 7-day deadline, QP UTF-8",
)

d = D("2025-09-09 15:12:48", "+0200")
add(
    "015-suivi-valide-fr",
    plain_headers(
        "015",
        d,
        addr("Amazon.fr Performances vendeur", "seller-performance@amazon.fr"),
        "contact@atelier-lumiere.example.test",
        "Votre taux de suivi valide est inférieur à 95 %",
        mid_host="amazon.fr",
    ),
    alt(
        """Bonjour,

Votre taux de suivi valide pour la catégorie Bricolage est de 89,5 % ; l'objectif est de 95 %.

Pourquoi cela se produit-il ?
Le taux de suivi valide correspond au pourcentage de vos colis expédiés par vos soins pour lesquels un numéro de suivi valide a été fourni, calculé sur 30 jours. Plusieurs de vos commandes récentes ont été confirmées sans numéro de suivi.

Que dois-je faire ?
Veuillez nous transmettre un plan d'action dans un délai de 17 jours en répondant à cet e-mail. Votre plan doit expliquer comment vous allez fournir un numéro de suivi valide pour chaque colis.

Si votre taux reste inférieur à 95 %, vous pourriez perdre la possibilité de vendre des produits expédiés par vos soins dans cette catégorie.

Nous sommes là pour vous aider
Contactez le Support vendeur depuis Seller Central.

Cordialement,
L'équipe Performances vendeur
Amazon.fr
""",
        cte_text="8bit",
    ),
    notice(
        "performance_improvement",
        "valid_tracking_rate",
        "high",
        "amazon.fr",
        deadline=after(d, days=17),
        language="fr",
        metrics={"valid_tracking_rate": 89.5},
        notes="French VTR plan request; 'dans un délai de 17 jours' = Date+17d; '89,5 %' with decimal comma and narrow spacing before %",
    ),
    "French VTR improvement plan, 17 days",
)


# =========================================================================== account status

d = D("2014-08-21 02:17:36", "-0700")
add(
    "017-deactivated-odr-2014",
    plain_headers(
        "017",
        d,
        addr("Seller Performance", "seller-performance@amazon.com"),
        "Greg Hollis <greg@example.com>",
        "Your Amazon.com selling privileges have been removed",
    ),
    Leaf("""Hello,

We have removed your selling privileges, canceled your listings, and placed a temporary hold on any funds in your seller account.

You currently may not sell on Amazon.com because your order defect rate does not meet our performance target of less than 1%. The order defect rate is the percentage of orders that have received negative feedback, an A-to-z Guarantee claim, or a credit card chargeback during a 60-day time period.

How do I reinstate my selling privileges?
To be reinstated, please send us a plan of action that explains:
-- The root cause of the issues that caused the high order defect rate
-- The actions you have taken to resolve the issues
-- The steps you have taken to prevent these issues in the future

Please send your plan to seller-performance@amazon.com.

If you do not send an acceptable plan within 17 days, or after two unsuccessful appeals (whichever occurs sooner), we will not review your account further and any funds in your account will remain on hold. After 90 days, the hold will be removed and any remaining funds will be transferred to your bank account.

Sincerely,
Seller Performance Team
Amazon.com
"""),
    notice(
        "account_status",
        "order_defect_rate",
        "critical",
        "amazon.com",
        deadline=after(d, days=17),
        notes="2014 prose suspension for ODR: account-level action so account_status, cause ODR; 17-day plan = Date+17d; 'After 90 days, the hold will be removed' is not a deadline; no actual ODR value",
    ),
    "old prose deactivation for ODR, 17 days and a 90-day funds hold",
)

d = D("2026-02-27 13:48:05", "+0100")
add(
    "018-related-account-de-base64",
    amazon_headers(
        "018",
        d,
        addr("Amazon.de", "seller-performance@amazon.de"),
        "Murat Yilmaz <murat@handyhuellen.example.test>",
        "Ihre Amazon.de Verkaufsberechtigungen wurden entfernt",
        d="amazon.de",
    ),
    Multi(
        "alternative",
        Leaf(
            """Guten Tag,

wir haben Ihre Verkaufsberechtigungen entfernt und die Auszahlungen aus Ihrem Konto vorübergehend eingestellt.

Warum ist das passiert?
Wir haben festgestellt, dass Ihr Konto mit einem anderen Verkäuferkonto verbunden ist, das nicht auf Amazon verkaufen darf. Wenn ein Konto nicht verkaufen darf, dürfen auch mit ihm verbundene Konten nicht verkaufen. Diese Entscheidung beruht auf Abschnitt 3 des Amazon Services Europe Business Solutions Agreement.

Wie reaktiviere ich mein Konto?
Wenn Sie der Meinung sind, dass Ihr Konto nicht mit dem genannten Konto verbunden ist, senden Sie uns bitte Informationen, die dies belegen, zum Beispiel eine Erklärung zur Geschäftsbeziehung der beiden Konten und eine Kopie einer Rechnung der Stadtwerke, die innerhalb der letzten 90 Tage ausgestellt wurde.

Wie reiche ich diese Informationen ein?
Gehen Sie in Seller Central zur Seite Kontostatus und klicken Sie neben der Benachrichtigung auf "Einspruch einlegen":
https://sellercentral.amazon.de/performance/account/health

Was passiert mit meinem Guthaben?
Ihr Guthaben wird einbehalten. Nach 90 Tagen ab dieser Benachrichtigung können Sie separat eine Auszahlung beantragen.

Freundliche Grüße
Amazon.de
""",
            "plain",
            "utf-8",
            "base64",
        ),
        Leaf(
            htmlize("""Guten Tag,

wir haben Ihre Verkaufsberechtigungen entfernt und die Auszahlungen aus Ihrem Konto vorübergehend eingestellt.

Warum ist das passiert?
Wir haben festgestellt, dass Ihr Konto mit einem anderen Verkäuferkonto verbunden ist, das nicht auf Amazon verkaufen darf. Wenn ein Konto nicht verkaufen darf, dürfen auch mit ihm verbundene Konten nicht verkaufen. Diese Entscheidung beruht auf Abschnitt 3 des Amazon Services Europe Business Solutions Agreement.

Wie reaktiviere ich mein Konto?
Wenn Sie der Meinung sind, dass Ihr Konto nicht mit dem genannten Konto verbunden ist, senden Sie uns bitte Informationen, die dies belegen, zum Beispiel eine Erklärung zur Geschäftsbeziehung der beiden Konten und eine Kopie einer Rechnung der Stadtwerke, die innerhalb der letzten 90 Tage ausgestellt wurde.

Wie reiche ich diese Informationen ein?
Gehen Sie in Seller Central zur Seite Kontostatus und klicken Sie neben der Benachrichtigung auf "Einspruch einlegen":
https://sellercentral.amazon.de/performance/account/health

Was passiert mit meinem Guthaben?
Ihr Guthaben wird einbehalten. Nach 90 Tagen ab dieser Benachrichtigung können Sie separat eine Auszahlung beantragen.

Freundliche Grüße
Amazon.de
"""),
            "html",
            "utf-8",
            "base64",
        ),
    ),
    notice(
        "account_status",
        "related_account",
        "critical",
        "amazon.de",
        language="de",
        notes="German related-account deactivation, both parts base64; 'innerhalb der letzten 90 Tage' and 'Nach 90 Tagen ... Auszahlung' are not deadlines",
    ),
    "German related-account deactivation, base64 text+HTML",
)

d = D("2019-05-14 18:22:09", "-0700")
add(
    "019-under-review-phone-72h",
    plain_headers(
        "019",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        SELLER,
        "Your Amazon selling account is currently under review, and we will be contacting you by phone with more information within 72 hours.",
    ),
    Leaf("""Hello,

Your Amazon selling account is currently under review. While the review is in progress, your selling privileges are temporarily suspended and your listings are not visible to customers. Disbursements are paused.

We will be contacting you by phone at the number on file in Seller Central with more information within 72 hours. Please make sure the phone number in your account settings is correct and that someone who can speak for your business is available to take the call.

You do not need to take any other action at this time.

Seller Performance Team
Amazon.com
"""),
    notice(
        "account_status",
        "account_suspended",
        "critical",
        "amazon.com",
        notes="72-hour phone-call subject: the 72 hours is Amazon's own turnaround (we will contact you), so deadline null; selling suspended during review, no cause given",
    ),
    "under-review subject with a 72-hour phone call (not a seller deadline)",
)

d = D("2025-01-15 16:05:00", "+0900")
add(
    "020-closure-jp-shiftjis",
    plain_headers(
        "020",
        d,
        addr("Amazon.co.jp", "seller-performance@amazon.co.jp", "shift_jis"),
        "Yamada Shoten <info@yamada-shoten.example.test>",
        "Amazon.co.jpからの重要なお知らせ",
        mid_host="amazon.co.jp",
        charset="shift_jis",
    ),
    Leaf(
        """出品者様

Amazon.co.jpより重要なお知らせです。

お客様の出品用アカウントを閉鎖し、すべての出品を取り消しました。また、アカウント内の売上金の支払いを保留しています。

この措置がとられた理由
お客様のアカウントにおける販売活動が、Amazonサービスビジネスソリューション契約の第3条に違反していると判断しました。

アカウントを再開する方法
この判断に誤りがあるとお考えの場合は、セラーセントラルのアカウント健全性ページから、改善計画書を添えて申し立てを行ってください。
https://sellercentral.amazon.co.jp/performance/account/health

売上金の取り扱いについて
保留中の売上金については、この通知から90日が経過した後、別途お支払いの請求を行うことができます。

Amazon.co.jp
""",
        charset="shift_jis",
        cte="8bit",
    ),
    notice(
        "account_status",
        "account_suspended",
        "critical",
        "amazon.co.jp",
        language="ja",
        notes="Japanese account closure, Shift_JIS 8bit body and encoded subject; no specific cause (only BSA section 3) so account_suspended; 90-day funds wording is not a deadline",
    ),
    "Japanese account closure, Shift_JIS",
)

d = D("2025-10-06 20:10:10", "+0000")
add(
    "021-verification-us-10days",
    plain_headers(
        "021",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        SELLER,
        "Action required: Verify the information on your selling account",
    ),
    alt("""Hello,

We need to verify some of the information you provided about your business. Your account is active during the review, but your listings may be removed and your account deactivated if we cannot verify your information within 10 days.

Why is this happening?
We could not confirm the business address and identity details in your account with the documents on file.

How do I send the required information?
Upload the following documents on the Account Health page:
- A valid government-issued ID of the primary contact person
- A utility bill dated within the last 90 days that shows your business name and address
- A bank or credit card statement issued in the last 180 days

https://sellercentral.amazon.com/verification/documents

What happens after I submit?
We review documents in the order we receive them. We'll get back to you within 2 business days.

Amazon Seller Performance
"""),
    notice(
        "account_status",
        "verification_required",
        "high",
        "amazon.com",
        deadline=after(d, days=10),
        notes="verification with account still active and a 10-day deadline (Date+10d); 'dated within the last 90 days', 'issued in the last 180 days' and 'within 2 business days' are not deadlines",
    ),
    "identity/address verification, account active, 10 days, several non-deadlines",
)

d = D("2025-06-24 09:00:12", "+0900")
add(
    "022-verification-jp-iso2022",
    plain_headers(
        "022",
        d,
        addr("Amazon.co.jp", "seller-performance@amazon.co.jp", "iso-2022-jp"),
        "sato@example.jp.example.test",
        "Amazon.co.jp出品用アカウントについてのお知らせ",
        mid_host="amazon.co.jp",
        charset="iso-2022-jp",
    ),
    Leaf(
        """出品者様

お客様の出品用アカウントについて、本人確認が完了していないため、アカウントを一時的に停止しました。現在、お客様の出品は購入者に表示されていません。

この措置がとられた理由
ご登録の情報と、ご提出いただいた書類の内容を確認できませんでした。

アカウントを再開する方法
以下の書類をセラーセントラルからご提出ください。
・代表者の顔写真付き本人確認書類
・発行から180日以内の取引明細書または公共料金の請求書
・登記簿謄本(法人の場合)

https://sellercentral.amazon.co.jp/verification/documents

書類の確認には通常2営業日ほどかかります。

Amazon.co.jp
""",
        charset="iso-2022-jp",
        cte="7bit",
    ),
    notice(
        "account_status",
        "verification_required",
        "critical",
        "amazon.co.jp",
        language="ja",
        notes="Japanese verification with the account suspended, ISO-2022-JP body and subject; '発行から180日以内' and '2営業日' are not deadlines",
    ),
    "Japanese verification suspension, ISO-2022-JP",
)

d = D("2025-10-30 21:44:00", "+0000")
add(
    "023-reinstated-us",
    plain_headers(
        "023",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        SELLER,
        "Your Amazon.com selling privileges have been reinstated",
    ),
    Leaf("""Hello,

Thank you for the information you sent. We have reviewed it and reactivated your Amazon.com selling account.

Your listings will become visible to customers again over the next 24 hours, and your funds are no longer on hold. Disbursements will resume on your regular schedule.

Please continue to monitor your Account Health page and to follow our selling policies so that your account stays in good standing:
https://sellercentral.amazon.com/performance/account/health

Thank you for selling on Amazon.

Seller Performance Team
"""),
    notice(
        "account_status",
        "account_reinstated",
        "low",
        "amazon.com",
        notes="reinstatement, informational; 'over the next 24 hours' is Amazon's processing time, not a deadline",
    ),
    "account reinstated",
)

d = D("2026-02-02 11:20:31", "+0100")
add(
    "024-compte-reactive-fr",
    plain_headers(
        "024",
        d,
        addr("Amazon.fr", "seller-performance@amazon.fr"),
        "contact@atelier-lumiere.example.test",
        "Votre compte vendeur a été réactivé",
        mid_host="amazon.fr",
    ),
    Leaf(
        """Bonjour,

Nous vous remercions pour les informations que vous nous avez fournies.

Après examen, nous avons réactivé votre compte vendeur sur Amazon.fr. Vos offres seront de nouveau visibles par les clients dans les prochaines heures et les paiements reprendront selon le calendrier habituel.

Nous vous recommandons de consulter régulièrement la page Santé du compte dans Seller Central afin de garder un compte en bon état.

Cordialement,
L'équipe Performances vendeur
Amazon.fr
""",
        cte="quoted-printable",
    ),
    notice(
        "account_status",
        "account_reinstated",
        "low",
        "amazon.fr",
        language="fr",
        notes="French reinstatement, QP UTF-8",
    ),
    "French reinstatement",
)

d = D("2025-10-08 10:02:58", "+0100")
add(
    "025-deactivated-reviews-uk-ses",
    amazon_headers(
        "025",
        d,
        addr("Amazon.co.uk", "seller-performance@amazon.co.uk"),
        "Owen Gallagher <owen@kettle-and-co.example.test>",
        "Your Amazon.co.uk selling account has been deactivated",
        d="amazon.co.uk",
        auth=True,
    ),
    alt("""Hello Owen Gallagher,

We have deactivated your Amazon.co.uk selling account and your listings have been removed. Funds in your account will be held while we review the situation.

Why did this happen?
We found evidence that you attempted to manipulate customer reviews by offering refunds and free products in exchange for positive reviews. This violates our Customer Product Reviews policy and Section 3 of the Amazon Services Europe Business Solutions Agreement.

We leveraged a combination of automated means and expert human review to reach this decision.

How do I reactivate my account?
Submit an appeal on the Account Health page that explains what you have done to stop these practices and to prevent them in the future:
https://sellercentral.amazon.co.uk/performance/account/health

Has your account been deactivated in error?
If you believe your account was deactivated in error, explain why in your appeal and attach any supporting information.

What happens to my funds?
Funds are held while your account is deactivated. After 90 days, the hold will be removed for amounts not needed to cover customer refunds and claims.

We're here to help
Amazon.co.uk Seller Performance
"""),
    notice(
        "account_status",
        "review_manipulation",
        "critical",
        "amazon.co.uk",
        notes="new-style UK deactivation for review manipulation with BSA section 3 and 'automated means and expert human review'; genuine SES d=amazon.co.uk with auth pass; 90-day hold not a deadline",
    ),
    "UK deactivation for review manipulation, auth pass",
)

d = D("2025-05-22 17:35:40", "+0200")
add(
    "026-cuenta-desactivada-es",
    plain_headers(
        "026",
        d,
        addr("Amazon.es", "seller-performance@amazon.es"),
        "Lucía Romero <lucia@tiendaverde.example.test>",
        "Hemos desactivado tu cuenta de vendedor en Amazon.es",
        mid_host="amazon.es",
    ),
    alt(
        """Hola:

Hemos desactivado tu cuenta de vendedor en Amazon.es y retenido temporalmente los fondos de tu cuenta.

¿Por qué ha ocurrido esto?
Hemos detectado infracciones reiteradas de nuestra política de productos restringidos. En las últimas semanas has puesto a la venta varios productos cuya venta no está permitida en Amazon, entre ellos suplementos con ingredientes prohibidos.

¿Cómo puedo reactivar mi cuenta?
Envíanos un plan de acción desde la página Estado de la cuenta de Seller Central que explique la causa de las infracciones, las medidas que has tomado y cómo evitarás que se repitan.

Si no envías un plan de acción aceptable en un plazo de 17 días, no podremos seguir revisando tu cuenta.

Atentamente,
Equipo de Rendimiento de vendedores
Amazon.es
""",
        cte_text="quoted-printable",
    ),
    notice(
        "account_status",
        "restricted_product",
        "critical",
        "amazon.es",
        deadline=after(d, days=17),
        language="es",
        notes="Spanish deactivation for repeated restricted-product violations; 'en un plazo de 17 días' = Date+17d",
    ),
    "Spanish deactivation, restricted products, 17 days",
)

d = D("2025-01-13 09:41:26", "+0100")
add(
    "027-account-disattivato-it",
    plain_headers(
        "027",
        d,
        addr("Amazon.it", "seller-performance@amazon.it"),
        "Marco Bianchi <marco@profumeria-bianchi.example.test>",
        "Il tuo account venditore Amazon.it è stato disattivato",
        mid_host="amazon.it",
    ),
    Leaf(
        """Buongiorno,

abbiamo disattivato il tuo account venditore su Amazon.it e sospeso i pagamenti.

Perché succede questo?
Abbiamo ricevuto reclami dei clienti secondo cui alcuni prodotti venduti dal tuo account non sono autentici. La vendita di prodotti contraffatti viola le nostre politiche e la Sezione 3 del Contratto Amazon Services Europe Business Solutions.

Come posso riattivare il mio account?
Deve presentare un ricorso valido entro 90 giorni dalla ricezione di questa notifica. Il ricorso deve includere fatture o documenti dei fornitori che dimostrino l'autenticità dei prodotti, emessi negli ultimi 365 giorni.

Cosa succede se il mio account non viene riattivato?
Se non presenti un ricorso o se il ricorso non viene accettato, il tuo account resterà disattivato e l'inventario gestito da Amazon potrà essere smaltito.

Cordiali saluti,
Team Performance venditore
Amazon.it
""",
        cte="8bit",
    ),
    notice(
        "account_status",
        "product_authenticity",
        "critical",
        "amazon.it",
        deadline=after(d, days=90),
        language="it",
        notes="Italian deactivation for inauthentic complaints; 'entro 90 giorni dalla ricezione' = Date+90d; 'emessi negli ultimi 365 giorni' is not a deadline",
    ),
    "Italian deactivation, authenticity, entro 90 giorni",
)


# =========================================================================== policy violations

d = D("2025-07-15 23:08:14", "+0000")
add(
    "030-trademark-policy-warning-us-ses",
    amazon_headers(
        "030",
        d,
        addr("Amazon.com", "notice-dispute@amazon.com"),
        SELLER,
        "Notice: Policy Warning",
        auth=True,
    ),
    alt("""Hello,

We received a report from a rights owner that the listings at the end of this email infringe their trademark. As a result, we removed these listings.

Why is this happening?
Selling products that infringe intellectual property rights violates our policies.

What can I do?
If you believe this report was made in error, you can contact the rights owner and ask them to retract their complaint. The rights owner's contact information is below:
Northpeak Outdoor Ltd.
legal@northpeak-outdoor.example.test

The rights owner must send the retraction to notice-retraction@amazon.com. If you have an invoice, a letter of authorization from the rights owner, or licensing agreement, send it to notice-dispute@amazon.com.

Please note that repeated intellectual property violations may result in the deactivation of your selling account.

ASIN: B0C7K2M9QX
Title: Northpeak Trail Hiking Poles Carbon Collapsible Pair
Infringement type: Trademark
Trademark number: 5982314
Complaint ID: 8127364509

ASIN: B0D3HF8LWN
Title: Northpeak Trail Pole Tips Replacement Set
Infringement type: Trademark
Trademark number: 5982314
Complaint ID: 8127364509

Sincerely,
Seller Performance Team
Amazon.com
http://www.amazon.com
"""),
    notice(
        "policy_violation",
        "trademark",
        "medium",
        "amazon.com",
        asins=["B0C7K2M9QX", "B0D3HF8LWN"],
        notes="IP key/value block at the end (ASIN/Title/Infringement type/Trademark number/Complaint ID); 10-digit Complaint ID and 7-digit trademark number are not ASINs; auth pass",
    ),
    "trademark takedown, key/value ASIN block, auth pass",
)

d = D("2025-12-01 12:00:31", "+0000")
add(
    "031-copyright-image-blocks-uk",
    plain_headers(
        "031",
        d,
        addr("Amazon.co.uk", "notice-dispute@amazon.co.uk"),
        "Priya Shah <priya@lunar-prints.example.test>",
        "Notice: Policy Warning",
        mid_host="amazon.co.uk",
    ),
    Leaf("""Hello,

We removed some of your listings because we received a notice from a rights owner that they use images protected by copyright without permission. The affected listings are at the end of this email.

How do I reactivate my listing(s)?
If you believe that we removed the listings in error, contact the rights owner to resolve the issue. Rights owners can retract their complaint by writing to notice-retraction@amazon.com. If you think the complaint is wrong, send us your information at notice-dispute@amazon.com.

We have also noted the complaint on your Account Health page. Repeated complaints may lead to the removal of your selling privileges.

ASIN: B08ZJ4N7TR
Title: Moon Phase Wall Art Print A3 Unframed
Infringement type: Copyright Image
Complaint ID: 7745120983

ASIN: B09P3XQ2LM
Title: Moon Phase Wall Art Print A4 Framed Oak
Infringement type: Copyright Image
Complaint ID: 7745120983

ASIN: B08ZJ4N7TR
Title: Moon Phase Wall Art Print A3 Unframed (second image)
Infringement type: Copyright Image
Complaint ID: 7745121337

Kind regards,
Amazon.co.uk
"""),
    notice(
        "policy_violation",
        "copyright",
        "medium",
        "amazon.co.uk",
        asins=["B08ZJ4N7TR", "B09P3XQ2LM"],
        notes="three key/value blocks with one ASIN repeated: must deduplicate; 'Copyright Image' infringement type",
    ),
    "copyright (image) takedown, duplicate ASIN across blocks",
)

d = D("2026-01-16 18:27:45", "+0000")
add(
    "032-patent-90days-us",
    plain_headers(
        "032", d, addr("Amazon.com", "notice-dispute@amazon.com"), SELLER, "Notice: Policy Warning"
    ),
    Leaf("""Hello,

We removed the listing at the end of this email because a rights owner reported that the product infringes their utility patent.

What can I do?
If you believe this notice was made in error, contact the rights owner. They can retract the complaint by writing to notice-retraction@amazon.com. If you have a court decision or other documents showing that the product does not infringe, send them to notice-dispute@amazon.com.

If you do not provide the information within 90 days, you will receive a request to remove the inventory for this ASIN from Amazon fulfillment centers.

ASIN: B0BHN8T4FQ
Title: FoldFlat Silicone Collapsible Kettle 1.2L
Infringement type: Patent
Patent number: US 11,204,563 B2
Complaint ID: 9051837742

Amazon.com
"""),
    notice(
        "policy_violation",
        "patent",
        "high",
        "amazon.com",
        asins=["B0BHN8T4FQ"],
        deadline=after(d, days=90),
        notes="patent takedown with 'within 90 days ... request to remove the inventory' (Date+90d; listing removed with inventory consequence and a deadline -> high); patent number is not an ASIN",
    ),
    "patent takedown, 90-day inventory deadline",
)

d = D("2025-06-04 14:19:07", "+0200")
add(
    "033-design-right-de",
    plain_headers(
        "033",
        d,
        addr("Amazon.de", "notice-dispute@amazon.de"),
        "Jana Becker <jana@kuechenglueck.example.test>",
        "Notice: Policy Warning",
        mid_host="amazon.de",
    ),
    Leaf(
        """Guten Tag,

wir haben die am Ende dieser E-Mail aufgeführten Angebote entfernt, weil uns ein Rechteinhaber mitgeteilt hat, dass sie sein eingetragenes Design (Geschmacksmuster) verletzen.

Warum ist das passiert?
Der Verkauf von Produkten, die geistige Eigentumsrechte verletzen, verstößt gegen unsere Richtlinien.

Wie kann ich mein Angebot reaktivieren?
Wenn Sie glauben, dass die Meldung ein Fehler war, wenden Sie sich an den Rechteinhaber. Der Rechteinhaber kann seine Beschwerde über notice-retraction@amazon.com zurückziehen. Wenn Sie Nachweise haben, dass Sie zum Verkauf berechtigt sind, senden Sie diese an notice-dispute@amazon.de.

ASIN: B07WVR5H2K
Titel: Gewürzregal Wandmontage Bambus 3 Etagen
Art der Rechtsverletzung: Design
Beschwerde-ID: 6630918245

ASIN: B0CX2RPL7W
Titel: Gewürzregal Wandmontage Bambus 4 Etagen
Art der Rechtsverletzung: Design
Beschwerde-ID: 6630918245

Freundliche Grüße
Amazon.de
""",
        cte="quoted-printable",
    ),
    notice(
        "policy_violation",
        "intellectual_property",
        "medium",
        "amazon.de",
        asins=["B07WVR5H2K", "B0CX2RPL7W"],
        language="de",
        notes="English subject 'Notice: Policy Warning' with a German body (as seen on amazon.de); design right = intellectual_property, not trademark/copyright",
    ),
    "German design-right takedown with English subject",
)

d = D("2025-03-20 10:47:55", "+0100")
add(
    "034-distribution-selective-fr",
    plain_headers(
        "034",
        d,
        addr("Amazon.fr", "notice@amazon.fr"),
        "Claire Moreau <claire@beaute-express.example.test>",
        "Retrait de vos offres sur Amazon.fr",
        mid_host="amazon.fr",
    ),
    Leaf(
        """Bonjour,

Nous avons été informés par un titulaire de droits que vous vendez des produits de sa marque en violation de son réseau de distribution sélective.

Nous avons supprimé les offres mentionnées à la fin de cet e-mail.

Si vous pensez que cette réclamation est erronée, veuillez contacter directement le titulaire de droits. Celui-ci peut retirer sa réclamation en écrivant à notice-dispute@amazon.fr. Si vous disposez de factures ou d'une autorisation du titulaire de droits, vous pouvez également nous les transmettre à cette adresse.

Nous vous rappelons que des violations répétées de droits de propriété intellectuelle peuvent entraîner la désactivation de votre compte vendeur.

ASIN : B085JQ9VMD
ASIN : B0B4T7YH6N

Cordialement,
Amazon.fr
""",
        cte="8bit",
    ),
    notice(
        "policy_violation",
        "intellectual_property",
        "medium",
        "amazon.fr",
        asins=["B085JQ9VMD", "B0B4T7YH6N"],
        language="fr",
        notes="French selective-distribution takedown in prose without headings, from notice@amazon.fr; French spacing 'ASIN : ...'",
    ),
    "French selective-distribution IP takedown",
)

d = D("2025-11-10 14:02:33", "+0900")
add(
    "035-ip-suspected-jp-48h",
    plain_headers(
        "035",
        d,
        addr("Amazon.co.jp", "notice-dispute@amazon.co.jp", "iso-2022-jp"),
        "info@yamada-shoten.example.test",
        "必要なアクション: Amazonの出品者としての出品が停止となりました",
        mid_host="amazon.co.jp",
        charset="iso-2022-jp",
    ),
    Leaf(
        """出品者様

Amazon.co.jpでの出品に関して、知的財産権を侵害している疑いがあるため、下記の出品を停止しました。

なぜこのような状況になったのでしょうか?
権利者から、お客様の出品が同社の知的財産権を侵害している可能性があるとの報告を受けました。

出品情報を回復するにはどうすればよいですか?
この通知を受け取ってから48時間以内に、以下のいずれかの書類をnotice-dispute@amazon.co.jpまでお送りください。
・権利者からの許諾書
・正規の仕入れを証明する請求書

ASIN(s): B07QL9F3ZB, B0DFG2WX5K

今後も同様の違反が続く場合、出品用アカウントが停止される場合があります。

Amazon.co.jp
""",
        charset="iso-2022-jp",
        cte="7bit",
    ),
    notice(
        "policy_violation",
        "intellectual_property",
        "high",
        "amazon.co.jp",
        asins=["B07QL9F3ZB", "B0DFG2WX5K"],
        deadline=after(d, hours=48),
        language="ja",
        notes="JP suspected-IP listing suspension; 'この通知を受け取ってから48時間以内' = Date+48h, which raises medium to high; 'ASIN(s):' comma list; ISO-2022-JP",
    ),
    "Japanese suspected-IP suspension, 48 hours, ASIN(s):",
)

d = D("2025-02-19 18:45:10", "+0900")
add(
    "036-counterfeit-jp-qp",
    plain_headers(
        "036",
        d,
        addr("Amazon.co.jp", "seller-performance@amazon.co.jp"),
        "sato@example.jp.example.test",
        "アカウントポリシーご確認のお願い",
        mid_host="amazon.co.jp",
    ),
    alt(
        """出品者様

お客様が出品されている商品について、購入者から偽造品ではないかとのご報告をいただきました。そのため、該当する出品を停止いたしました。

この措置がとられた理由
Amazonでは、偽造品の販売を禁止しています。

出品情報を回復するにはどうすればよいですか?
過去365日以内に発行された仕入れ先の請求書をセラーセントラルのアカウント健全性ページからご提出ください。請求書には、仕入れ先の名称、住所、連絡先、および商品名と数量の記載が必要です。

対象商品
ASIN: B09MZK7QHV
商品名: ワイヤレスイヤホン ノイズキャンセリング ブラック
ASIN: B0CRP8D2TL
商品名: ワイヤレスイヤホン 充電ケース 交換用

Amazon.co.jp
""",
        cte_text="quoted-printable",
    ),
    notice(
        "policy_violation",
        "product_authenticity",
        "medium",
        "amazon.co.jp",
        asins=["B09MZK7QHV", "B0CRP8D2TL"],
        language="ja",
        notes="JP counterfeit-suspicion subject from PATTERNS; listings suspended, no deadline; '過去365日以内に発行' is an invoice age, not a deadline",
    ),
    "Japanese counterfeit suspicion, QP text + HTML",
)

d = D("2025-10-28 06:33:19", "+0000")
add(
    "037-inauthentic-removed-us",
    plain_headers(
        "037",
        d,
        addr("Amazon.com", "seller-performance-policy@amazon.com"),
        SELLER,
        "Action Required: Listing Removed from Amazon",
    ),
    Leaf("""Hello,

We removed one or more of your listings because customers have reported that the products they received were inauthentic.

Complaint Type: Inauthentic
ASIN: B0D1S6KZ8M
Title: PureFlow Replacement Water Filter Cartridge 3-Pack

Complaint Type: Inauthentic
ASIN: B08KTW3RXC
Title: PureFlow Countertop Filter Pitcher 10 Cup

Why is this happening?
Amazon requires that all products sold in our store are authentic. Customers trust that they will receive genuine products when they buy on Amazon.

How do I reactivate my listing(s)?
Send invoices, receipts, or letters of authorization from your supplier issued in the last 365 days that show the quantity of units purchased to pq-review@amazon.com, or reply to this email.

What happens if I do not send the required information?
If you do not appeal this decision in 90 days, any FBA inventory for these ASINs may be destroyed. You may also be unable to create a removal order for these ASINs for a period of 30 days while we review.

Have your listings been removed in error?
If you believe that we removed your listings in error, reply to this email with any information that supports your case.

Seller Performance Team
Amazon.com
"""),
    notice(
        "policy_violation",
        "product_authenticity",
        "high",
        "amazon.com",
        asins=["B08KTW3RXC", "B0D1S6KZ8M"],
        deadline=after(d, days=90),
        notes="inauthentic complaint blocks; 'appeal this decision in 90 days, any FBA inventory ... may be destroyed' = Date+90d (high); 'issued in the last 365 days' and 'for a period of 30 days' are not deadlines",
    ),
    "inauthentic listing removal, 90-day destruction deadline",
)

d = D("2025-04-05 02:15:50", "+0000")
add(
    "038-condition-multiblock-us",
    plain_headers(
        "038",
        d,
        addr("Amazon.com", "seller-performance-policy@amazon.com"),
        "returns@bright-kitchen.example.test",
        "Action Required: Listing Removed from Amazon",
    ),
    Leaf("""Hello,

We have removed listings from your account because of customer complaints about the condition of the items they received. You can find the complaints and the affected ASINs below.

Complaint type: damaged/defective
ASIN: B0C2N9PXD4
Customer comment: "The blender jar arrived cracked and leaking."

Complaint type: not as advertised
ASIN: B07ZQ8VJ1M
Customer comment: "Listing says stainless steel blades, these are plastic."

Complaint type: damaged/defective
ASIN: B07ZQ8VJ1M
Customer comment: "Motor stopped working after two uses."

Complaint type: damaged/defective
ASIN: B09F6KDR3T
Customer comment: "Lid does not fit."

Why is this happening?
Customers expect to receive products in the condition described on the detail page.

How do I reactivate my listing(s)?
Send a plan of action to pq-product-review@amazon.com that explains the root cause of the complaints and the steps you have taken to address them, such as inspecting inventory or updating the detail page.

Have your listings been removed in error?
If you think we made a mistake, reply to this email with the relevant information.

Seller Performance Team
"""),
    notice(
        "policy_violation",
        "product_condition",
        "medium",
        "amazon.com",
        asins=["B07ZQ8VJ1M", "B09F6KDR3T", "B0C2N9PXD4"],
        notes="several complaint blocks (damaged/defective, not as advertised) in one mail, ASIN repeated; no deadline",
    ),
    "condition complaints, several blocks, duplicate ASIN",
)

d = D("2025-09-11 13:26:04", "-0400")
add(
    "039-safety-ca",
    plain_headers(
        "039",
        d,
        addr("Amazon.ca", "seller-performance-policy@amazon.ca"),
        "Luc Tremblay <luc@maison-bleue.example.test>",
        "Your listing has been removed: product safety concern",
        mid_host="amazon.ca",
    ),
    alt("""Hello,

We have removed the following listing from Amazon.ca because customers reported a safety issue with the product:

ASIN: B0BS4LQ7MV
Title: Heated Neck Wrap Electric Microwave-Free 3 Heat Settings

Why did this happen?
Customers reported that the product overheated and caused minor burns. Amazon takes product safety seriously and removes listings while we review reports of this kind.

How do I reactivate my listing?
Submit the following on the Account Health page:
1. A root cause analysis of the reported issue
2. Test reports from an accredited laboratory showing the product meets applicable Canadian safety standards
3. A description of the changes made to the product or its instructions

We'll review your information within 2 business days of receiving it.

Amazon.ca Seller Performance
"""),
    notice(
        "policy_violation",
        "product_safety",
        "medium",
        "amazon.ca",
        asins=["B0BS4LQ7MV"],
        notes="CA product-safety listing removal; 'within 2 business days' is Amazon's turnaround",
    ),
    "product safety listing removal, amazon.ca",
)

d = D("2022-07-18 08:10:42", "+0200")
ce_html = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Listings deactivated</title></head>
<body style="font-family:Arial,sans-serif;font-size:14px;color:#111">
<div style="max-width:620px;margin:0 auto">
<p><b>amazon</b> seller central</p>
<p>Hello,</p>
<p>We have deactivated your listings for the products below because they require a CE marking and you have not provided the contact details of an EU Responsible Person for them.</p>
<h3>Why is this happening?</h3>
<p>Under EU product legislation, products that carry a CE marking must have a Responsible Person established in the European Union. The Responsible Person's name and contact details must appear on the product, its packaging or an accompanying document.</p>
<table cellpadding="6" cellspacing="0" border="1" style="border-collapse:collapse;font-size:13px">
<tr style="background:#F0F2F2"><th>ASIN</th><th>SKU</th><th>Product name</th><th>Marketplace</th></tr>
<tr><td>B0CJ7T2WQP</td><td>LED-STRIP-5M-RGB</td><td>LED Strip 5m RGB with Remote</td><td>Amazon.de</td></tr>
<tr><td>B0C9RZ5KHD</td><td>LED-STRIP-10M-RGB</td><td>LED Strip 10m RGB with App Control</td><td>Amazon.de</td></tr>
<tr><td>B0B8MXN3FS</td><td>USB-PSU-12V</td><td>12V USB Power Adapter for LED Strips</td><td>Amazon.de</td></tr>
</table>
<h3>How do I reactivate my listing(s)?</h3>
<p>Add the Responsible Person's details in the <a href="https://sellercentral.amazon.de/compliance/product-compliance">Manage Your Compliance</a> dashboard and upload a photo of the product label that shows the CE marking and the Responsible Person's address.</p>
<h3>We're here to help</h3>
<p>If you have questions, contact Selling Partner Support.</p>
<p>Amazon.de</p>
</div></body></html>
"""
add(
    "040-ce-responsible-person-html-table",
    plain_headers(
        "040",
        d,
        addr("Amazon.de", "seller-performance@amazon.de"),
        "sales@lumenglow.example.test",
        "Action required: Your Amazon Seller listings have been deactivated",
        mid_host="amazon.de",
    ),
    Leaf(ce_html, "html", "utf-8", "quoted-printable"),
    notice(
        "policy_violation",
        "product_compliance",
        "medium",
        "amazon.de",
        asins=["B0B8MXN3FS", "B0C9RZ5KHD", "B0CJ7T2WQP"],
        notes="HTML-only notice with ASINs in an HTML table; EU Responsible Person / CE marking = product_compliance; SKU column must not be read as ASINs",
    ),
    "HTML-only CE/Responsible Person deactivation, ASIN table",
)

d = D("2024-11-21 09:58:27", "+0000")
add(
    "041-gpsr-iso-deadline",
    amazon_headers(
        "041",
        d,
        addr("Amazon Services Europe", "seller-performance@amazon.de"),
        "sales@lumenglow.example.test",
        "Action required: Provide product safety information for your listings",
        d="amazon.de",
    ),
    alt("""Hello,

To comply with the EU General Product Safety Regulation (GPSR), which applies from 13 December 2024, you must provide the manufacturer's contact details and product safety information for your listings in the EU stores.

The ASINs listed below are missing this information:

ASIN: B0D5PK2QZT
ASIN: B0CW7LJ4HX

Your listings remain active for now. Failure to provide this information by 2024-12-13T00:00:00.000Z may result in the listings being removed from the EU stores.

How do I submit the required information?
Go to Manage Your Compliance in Seller Central, select each ASIN, and add the manufacturer details, the EU Responsible Person, and the safety images or documents:
https://sellercentral.amazon.de/compliance/product-compliance

Thank you,
Amazon Services Europe
"""),
    notice(
        "policy_violation",
        "product_compliance",
        "low",
        "amazon.de",
        asins=["B0CW7LJ4HX", "B0D5PK2QZT"],
        deadline="2024-12-13T00:00:00Z",
        notes="GPSR warning with an ISO timestamp deadline taken exactly; listings still active -> low; '13 December 2024' application date is prose context, the ISO timestamp is the deadline",
    ),
    "GPSR warning with ISO timestamp deadline",
)

d = D("2025-02-25 11:12:13", "+1100")
add(
    "042-restricted-dg-au",
    plain_headers(
        "042",
        d,
        addr("Amazon.com.au", "seller-performance-policy@amazon.com.au"),
        "Jack Nguyen <jack@outbackgear.example.test>",
        "We removed your listing: restricted product",
        mid_host="amazon.com.au",
    ),
    Leaf("""Hello,

We removed your listing for the product below because it is a restricted product that cannot be sold on Amazon.com.au.

ASIN: B08YH3NC6R
Product: Emergency Signal Flare Kit, 3 Handheld Flares

Why did this happen?
Pyrotechnic signal flares are classified as dangerous goods and are on our list of prohibited products for the Australian store.

What can I do?
You do not need to take any action if you agree with this decision. If you believe the product was removed in error, you may submit an appeal from the Account Health page with documents showing the product is not restricted.

Amazon.com.au
"""),
    notice(
        "policy_violation",
        "restricted_product",
        "medium",
        "amazon.com.au",
        asins=["B08YH3NC6R"],
        notes="AU restricted/dangerous-goods listing removal, no deadline",
    ),
    "restricted product removal, AU",
)

d = D("2025-12-17 15:00:00", "+0000")
add(
    "043-variation-warning-link-asin",
    plain_headers(
        "043",
        d,
        addr("Amazon.com", "seller-performance-policy@amazon.com"),
        SELLER,
        "Policy Warning: Variation relationship",
    ),
    alt("""Hello,

We found that one of your variation families includes products that are not true variations of each other. The listing below remains active, but we ask you to correct it.

https://www.amazon.com/dp/B09KR2VT5W

Why is this happening?
A variation family may only contain products that differ in attributes such as size or color. Grouping different products together to combine their reviews violates our listing policies.

What should I do?
Remove the unrelated child products from the family in Manage Inventory, or create separate listings for them. If the problem continues, we may remove the listing.

Amazon.com
"""),
    notice(
        "policy_violation",
        "listing_policy",
        "low",
        "amazon.com",
        asins=["B09KR2VT5W"],
        notes="listing policy warning with the listing still active -> low; ASIN only inside an amazon.com/dp/ link",
    ),
    "variation policy warning, ASIN in a /dp/ link",
)

d = D("2020-03-23 04:51:27", "+0000")
add(
    "044-fair-pricing-us",
    plain_headers(
        "044",
        d,
        addr("Amazon.com", "seller-performance-policy@amazon.com"),
        "deals@example.com",
        "Your offer has been removed for a Fair Pricing policy violation",
    ),
    Leaf("""Hello,

We have removed your offer on the product below because its price violates our Fair Pricing Policy.

SKU: HS-500ML-24PK
ASIN: B07P4DLQ8Z
Title: Hand Sanitizer Gel 500ml, Pack of 24
Your price: $389.99

Amazon regularly monitors prices in our store. We may remove offers that are priced significantly higher than recent prices offered on or off Amazon, especially for essential products.

How do I reactivate my offer?
Lower the price in Manage Inventory and your offer will be reconsidered. Repeated violations may lead to the removal of your selling privileges.

Amazon.com
"""),
    notice(
        "policy_violation",
        "pricing_policy",
        "medium",
        "amazon.com",
        asins=["B07P4DLQ8Z"],
        notes="2020 fair-pricing offer removal; SKU and price near the ASIN; offer removed -> medium",
    ),
    "fair pricing offer removal",
)

d = D("2025-06-13 20:20:20", "+0000")
add(
    "045-review-policy-warning",
    plain_headers(
        "045",
        d,
        addr("Amazon.com", "seller-performance-policy@amazon.com"),
        SELLER,
        "Policy Warning: Customer Product Reviews",
    ),
    Leaf("""Hello,

We found that a package insert in your product offers customers a $10 gift card in exchange for a 5-star review. This violates our Customer Product Reviews policy.

ASIN: B0CQ3FX9ML

We removed the affected reviews. Your listing remains active.

What should I do?
Stop using the insert and do not offer any incentive for reviews. Further violations may result in the removal of your listings or your selling privileges.

Amazon.com
"""),
    notice(
        "policy_violation",
        "review_manipulation",
        "low",
        "amazon.com",
        asins=["B0CQ3FX9ML"],
        notes="review-manipulation warning at listing level with the listing active -> low; '$10' and '5-star' are not metrics",
    ),
    "review policy warning, listing active",
)

d = D("2026-02-03 17:45:00", "+0000")
add(
    "046-charge-when-ship-warning",
    plain_headers(
        "046",
        d,
        addr("Amazon Seller Performance", "seller-performance-policy@amazon.com"),
        SELLER,
        "Policy Warning: Charge When Ship",
    ),
    Leaf("""Hello,

We noticed that on several recent orders you confirmed shipment before the items were actually handed to a carrier. Confirming shipment charges the customer's payment method, and our Charge When Ship policy requires that customers are only charged once the order has shipped.

Orders affected: 114-3820914-5519402, 114-9921847-0032158, 113-6620183-7741920

Your account remains active. Please confirm shipment only after the carrier has collected the package. If this continues, we may take action on your account.

Seller Performance Team
"""),
    notice(
        "policy_violation",
        "listing_policy",
        "low",
        "amazon.com",
        notes="Charge When Ship warning: policy_violation per PATTERNS section 8; no issue type names it, listing_policy is the nearest (same choice as config/rules/issues.toml); order IDs are not ASINs",
    ),
    "Charge When Ship warning (policy_violation / listing_policy)",
)

d = D("2025-04-16 09:09:09", "+0100")
add(
    "047-trademark-inline-brand-uk",
    plain_headers(
        "047",
        d,
        addr("Amazon.co.uk", "notice-dispute@amazon.co.uk"),
        "Owen Gallagher <owen@kettle-and-co.example.test>",
        "Notice: Policy Warning",
        mid_host="amazon.co.uk",
    ),
    Leaf(
        """Hello,

We have received a report from a rights owner that your listings infringe their trademark. We have removed the listings below:

“Brewmaster” – B0BN7Z3KQD B0BN7Z5MRT B0C1PW8VLF

If you believe this was an error, contact the rights owner at ip@brewmaster-kettles.example.test. They can withdraw the complaint by writing to notice-retraction@amazon.com. If you have proof that you are authorised to sell these products, send it to notice-dispute@amazon.co.uk.

Complaint ID: 5519027334

Amazon.co.uk
""",
        cte="8bit",
    ),
    notice(
        "policy_violation",
        "trademark",
        "medium",
        "amazon.co.uk",
        asins=["B0BN7Z3KQD", "B0BN7Z5MRT", "B0C1PW8VLF"],
        notes="ASINs inline and space-separated after a quoted brand and an en dash; curly quotes in 8bit UTF-8",
    ),
    "trademark takedown, inline ASINs after brand",
)

d = D("2025-03-07 10:10:10", "+0900")
add(
    "048-brand-level-trademark-jp",
    plain_headers(
        "048",
        d,
        addr("Amazon.co.jp", "notice-dispute@amazon.co.jp"),
        "info@yamada-shoten.example.test",
        "商標権侵害の申し立てについて",
        mid_host="amazon.co.jp",
    ),
    Leaf(
        """出品者様

権利者より、お客様の出品が同社の登録商標を侵害しているとの申し立てを受けました。このため、以下のブランドに関するお客様のすべての出品を停止しました。

ブランド: ●●
申し立ての種類: 商標権
申し立てID: 。。。。

なぜこのような状況になったのでしょうか?
権利者の許可なく登録商標を使用した商品の出品は、Amazonのポリシーで禁止されています。

出品情報を回復するにはどうすればよいですか?
申し立てに誤りがあると思われる場合は、権利者に直接ご連絡ください。権利者は、notice-retraction@amazon.com 宛てに申し立てを取り下げることができます。

Amazon.co.jp
""",
        cte="base64",
    ),
    notice(
        "policy_violation",
        "trademark",
        "medium",
        "amazon.co.jp",
        language="ja",
        notes="brand-level JP trademark notice with masked brand (●●) and masked complaint ID (。。。。): no ASIN at all; base64 UTF-8",
    ),
    "Japanese brand-level trademark notice, no ASINs",
)

d = D("2025-08-19 05:44:12", "+0000")
add(
    "050-condition-9char-asin",
    plain_headers(
        "050",
        d,
        addr("Amazon.com", "seller-performance-policy@amazon.com"),
        SELLER,
        "Action Required: Listing Removed from Amazon",
    ),
    Leaf("""Hello,

We removed the listings below after customers reported receiving used items sold as new.

Complaint Type: Used sold as new
ASIN: B00ARGHSU

Complaint Type: Used sold as new
ASIN: B07H2KQ9VN

How do I reactivate my listing(s)?
Send a plan of action to pq-product-review@amazon.com explaining how you inspect inventory before listing it as New.

Seller Performance Team
"""),
    notice(
        "policy_violation",
        "product_condition",
        "medium",
        "amazon.com",
        asins=["B07H2KQ9VN"],
        notes="one 'ASIN:' value is only 9 characters (B00ARGHSU) and must not be extracted; the other is valid",
    ),
    "9-character ASIN must be skipped",
)

d = D("2026-01-27 22:03:51", "+0000")
add(
    "051-condition-dp-gp-links",
    plain_headers(
        "051",
        d,
        addr("Amazon.com", "seller-performance-policy@amazon.com"),
        SELLER,
        "Action Required: Listing Removed from Amazon",
    ),
    alt("""Hello,

We removed the following listings because customers reported that the items they received were used, scratched or damaged although they were sold as new:

Stainless Insulated Tumbler 30oz - https://www.amazon.com/dp/B01G6I41N6
Tumbler Lid Replacement Pack - https://www.amazon.com/gp/product/B07XJ8C8F5?th=1&psc=1
Stainless Insulated Tumbler 30oz (duplicate report) - https://www.amazon.com/dp/B01G6I41N6/ref=sr_1_3

Why is this happening?
Customers expect to receive items in the condition stated in the offer.

How do I reactivate my listing(s)?
Inspect your inventory, remove units that are not in new condition, and send a plan of action to pq-product-review@amazon.com or submit an appeal on the Account Health page:
https://sellercentral.amazon.com/performance/account/health

Seller Performance Team
"""),
    notice(
        "policy_violation",
        "product_condition",
        "medium",
        "amazon.com",
        asins=["B01G6I41N6", "B07XJ8C8F5"],
        notes="ASINs only inside /dp/ and /gp/product/ links (one with ?th=1, one with /ref=), one repeated; used/damaged sold as new -> product_condition",
    ),
    "ASINs in /dp/ and /gp/product/ links",
)

d = D("2025-05-06 16:31:02", "+0000")
add(
    "052-copyright-book-isbn",
    plain_headers(
        "052",
        d,
        addr("Amazon.com", "notice-dispute@amazon.com"),
        "books@second-chapter.example.test",
        "Notice: Policy Warning",
    ),
    Leaf("""Hello,

We received a report that the book listed below infringes a copyright. As a result, we removed your offer.

If you believe this report was made in error, contact the rights owner at permissions@harborlight-press.example.test. They can withdraw the complaint by writing to notice-retraction@amazon.com.

ASIN: 1529101867
Title: The Lighthouse Keeper's Almanac (Unauthorized Reprint)
Infringement type: Copyright
Complaint ID: 4472091836

Amazon.com
"""),
    notice(
        "policy_violation",
        "copyright",
        "medium",
        "amazon.com",
        asins=["1529101867"],
        notes="book ASIN in 10-digit ISBN form after 'ASIN:'; the 10-digit Complaint ID must not be taken as an ASIN",
    ),
    "book (ISBN-10 ASIN) copyright takedown, 10-digit complaint ID trap",
)

d = D("2025-10-21 16:16:16", "+0200")
add(
    "053-marchio-it",
    plain_headers(
        "053",
        d,
        addr("Amazon.it", "notice-dispute@amazon.it"),
        "Marco Bianchi <marco@profumeria-bianchi.example.test>",
        "Avviso: violazione delle politiche",
        mid_host="amazon.it",
    ),
    alt("""Buongiorno,

abbiamo rimosso l'offerta riportata di seguito perché il titolare dei diritti ci ha segnalato che viola il suo marchio registrato.

ASIN: B0CMK4T8RZ
Titolo: Eau de Parfum Notte Bianca 100 ml
Tipo di violazione: Marchio

Perché succede questo?
La vendita di prodotti che violano i diritti di proprietà intellettuale non è consentita su Amazon.

Come posso riattivare la mia offerta?
Dalla ricezione di questa notifica ha 90 giorni di tempo per fornire un ricorso valido con fatture o una lettera di autorizzazione del titolare del marchio.

Cordiali saluti,
Amazon.it
"""),
    notice(
        "policy_violation",
        "trademark",
        "medium",
        "amazon.it",
        asins=["B0CMK4T8RZ"],
        deadline=after(d, days=90),
        language="it",
        notes="Italian trademark removal; 'Dalla ricezione di questa notifica ha 90 giorni di tempo' = Date+90d; offer removed without inventory consequence -> medium",
    ),
    "Italian trademark removal, 90 giorni",
)

d = D("2025-10-29 12:12:12", "+0100")
add(
    "054-condicion-es",
    plain_headers(
        "054",
        d,
        addr("Amazon.es", "seller-performance-policy@amazon.es"),
        "Lucía Romero <lucia@tiendaverde.example.test>",
        "Acción necesaria: hemos eliminado tu anuncio de Amazon",
        mid_host="amazon.es",
    ),
    Leaf(
        """Hola:

Hemos eliminado tu anuncio porque varios clientes nos han informado de que recibieron artículos usados que se vendían como nuevos.

Tipo de reclamación: usado vendido como nuevo
ASIN: B09WQ6HLD2
Título: Cafetera italiana de acero inoxidable 6 tazas

¿Por qué ha ocurrido esto?
Los clientes esperan recibir los productos en el estado que se indica en el anuncio.

¿Cómo puedo reactivar mi anuncio?
Envía un plan de acción a pq-product-review@amazon.com en el que expliques cómo revisas el estado del inventario antes de ponerlo a la venta.

Atentamente,
Amazon.es
""",
        charset="iso-8859-1",
        cte="quoted-printable",
    ),
    notice(
        "policy_violation",
        "product_condition",
        "medium",
        "amazon.es",
        asins=["B09WQ6HLD2"],
        language="es",
        notes="Spanish condition removal, iso-8859-1 quoted-printable",
    ),
    "Spanish condition removal, Latin-1 QP",
)

d = D("2025-12-08 07:45:33", "+0100")
add(
    "055-sicherheit-de-absolute-date",
    plain_headers(
        "055",
        d,
        addr("Amazon.de", "seller-performance-policy@amazon.de", "iso-8859-1"),
        "Kai Wolff <kai@fahrradteile.example.test>",
        "Hinweis: Ihr Angebot wurde aus Sicherheitsgründen entfernt",
        mid_host="amazon.de",
        charset="iso-8859-1",
    ),
    Leaf(
        """Guten Tag,

wir haben Ihr Angebot für das folgende Produkt entfernt, weil Kunden ein Sicherheitsproblem gemeldet haben:

ASIN: B0C6XH2NPK
Titel: Fahrradlicht LED Akku Set StVZO vorne und hinten

Warum ist das passiert?
Kunden haben gemeldet, dass sich der Akku beim Laden stark erhitzt hat.

Wie kann ich mein Angebot reaktivieren?
Senden Sie uns einen Prüfbericht eines akkreditierten Labors und eine Konformitätserklärung für das Produkt.

Wie reiche ich diese Informationen ein?
Laden Sie die Unterlagen auf der Seite Kontostatus in Seller Central hoch. Wenn Sie die Unterlagen nicht bis zum 22.12.2025 einreichen, wird Ihr Lagerbestand in den Logistikzentren zur Entsorgung vorgemerkt.

Freundliche Grüße
Amazon.de
""",
        charset="iso-8859-1",
        cte="quoted-printable",
    ),
    notice(
        "policy_violation",
        "product_safety",
        "high",
        "amazon.de",
        asins=["B0C6XH2NPK"],
        deadline=end_of_day(2025, 12, 22, "amazon.de"),
        language="de",
        notes="German safety removal with bare date 'bis zum 22.12.2025' = 23:59:59 Europe/Berlin; inventory disposal consequence -> high; iso-8859-1 QP",
    ),
    "German safety removal, absolute dd.mm.yyyy deadline",
)

d = D("2025-09-04 19:00:45", "+0000")
add(
    "056-brand-gating-120d",
    plain_headers(
        "056",
        d,
        addr("Amazon.com", "seller-performance-policy@amazon.com"),
        SELLER,
        "Your listings for the brand Velora are now restricted",
    ),
    Leaf("""Hello,

The brand Velora is now restricted in our store, and only approved sellers can list its products. You are not currently approved, so we have removed your offers for the following ASINs:

ASIN: B0BZT9QW3M
ASIN: B0BZT9R4KN

What do I need to do?
You can apply for approval to sell this brand from the Add a Product page. Approval requires invoices from the brand owner or an authorized distributor.

What happens to my FBA inventory?
If you do not submit a Removal Order for this inventory within 120 days, it will be disposed of.

Amazon.com
"""),
    notice(
        "policy_violation",
        "restricted_product",
        "high",
        "amazon.com",
        asins=["B0BZT9QW3M", "B0BZT9R4KN"],
        deadline=after(d, days=120),
        notes="brand gating: offers removed, FBA removal order 'within 120 days' = Date+120d with disposal consequence -> high; labelled restricted_product (approval-gated brand)",
    ),
    "brand gating, 120-day removal order deadline",
)

d = D("2026-10-28 10:00:00", "+0000")
add(
    "057-ukca-absolute-date-uk",
    plain_headers(
        "057",
        d,
        addr("Amazon.co.uk", "seller-performance@amazon.co.uk"),
        "Hannah Price <hannah@example.co.uk.example.test>",
        "Provide UKCA marking information for your listings",
        mid_host="amazon.co.uk",
    ),
    Leaf("""Hello,

Some of your listings on Amazon.co.uk are for products that require UKCA or CE marking and the details of a UK Responsible Person. We have not received this information for the listing below:

ASIN: B0DG4VH7JC
Title: Children's Ride-On Balance Bike 12 inch

Your listing is still active. Please add the marking information and a label image in Manage Your Compliance by 5 December 2026. Listings without this information after that date may be removed.

Amazon.co.uk
"""),
    notice(
        "policy_violation",
        "product_compliance",
        "low",
        "amazon.co.uk",
        asins=["B0DG4VH7JC"],
        deadline=end_of_day(2026, 12, 5, "amazon.co.uk"),
        notes="compliance warning with prose date 'by 5 December 2026' = 23:59:59 Europe/London (GMT); listing active -> low",
    ),
    "UK compliance warning, prose absolute date",
)

d = D("2026-11-02 13:00:00", "+0900")
add(
    "058-pse-absolute-date-jp",
    plain_headers(
        "058",
        d,
        addr("Amazon.co.jp", "seller-performance@amazon.co.jp"),
        "tanaka@example.jp.example.test",
        "電気用品安全法(PSE)に関する情報のご提出のお願い",
        mid_host="amazon.co.jp",
    ),
    alt("""出品者様

お客様の以下の出品について、電気用品安全法に基づくPSEマークの表示を確認できませんでした。

ASIN: B0CK8NTM5F
商品名: モバイルバッテリー 10000mAh 急速充電

現在、出品は停止されていません。2026年12月13日までに、PSEマークが表示された商品画像と届出事業者名をセラーセントラルからご提出ください。期限までにご提出いただけない場合、出品が停止される可能性があります。

Amazon.co.jp
"""),
    notice(
        "policy_violation",
        "product_compliance",
        "low",
        "amazon.co.jp",
        asins=["B0CK8NTM5F"],
        deadline=end_of_day(2026, 12, 13, "amazon.co.jp"),
        language="ja",
        notes="JP PSE compliance warning with '2026年12月13日までに' = 23:59:59 Asia/Tokyo; listing active -> low; '10000mAh' is not a metric",
    ),
    "Japanese compliance warning, YYYY年MM月DD日 deadline",
)


# =========================================================================== customer feedback

d = D("2015-07-12 08:08:08", "-0700")
add(
    "060-atoz-claim-2015-7days",
    plain_headers(
        "060",
        d,
        addr("Amazon.com", "atoz-guarantee-no-reply@amazon.com"),
        "Greg Hollis <greg@example.com>",
        "A-to-z Guarantee claim filed on order 104-5527130-9981264",
    ),
    Leaf("""Dear Seller,

A buyer has filed an A-to-z Guarantee claim for the following order:

Order ID: 104-5527130-9981264
Item: Cast Iron Skillet 12 inch Pre-Seasoned
Claim reason: Item not received
Claim amount: $34.95

The buyer says the package has not arrived, and the tracking information shows no movement since June 29.

Please respond to this claim within 7 calendar days by going to the A-to-z Guarantee Claims page in Seller Central and providing any information that may help us resolve the claim, such as tracking details or your communication with the buyer.

If you do not respond, we may decide the claim in the buyer's favor and debit the claim amount from your account. A-to-z Guarantee claims decided in the buyer's favor count toward your order defect rate.

Sincerely,
Amazon.com
"""),
    notice(
        "customer_feedback",
        "a_to_z_claim",
        "medium",
        "amazon.com",
        deadline=after(d, days=7),
        notes="older A-to-z claim with 'within 7 calendar days' = Date+7d; 'since June 29' is a date in the past, not a deadline",
    ),
    "A-to-z claim (old, 7 days)",
)

d = D("2026-02-10 01:30:00", "+0000")
add(
    "061-chargeback-us",
    plain_headers(
        "061",
        d,
        addr("Amazon.com", "cb-seller-query@amazon.com"),
        SELLER,
        "Chargeback notification for order 113-2280471-6650217",
    ),
    Leaf("""Dear Seller,

A customer has disputed a charge with their credit card issuer for the following order:

Order ID: 113-2280471-6650217
Order date: January 3, 2026
Amount: $129.00
Reason given by the card issuer: Merchandise not received

To help us represent your case, please provide the following within seven calendar days of the email date:
- Tracking information and the carrier used
- Proof of delivery, if available
- Any communication you had with the buyer

Reply to this email with the information. If we do not receive a response, the chargeback may be decided against you and the amount will be debited from your account.

Chargebacks count toward your Order Defect Rate.

Amazon.com Payments
"""),
    notice(
        "customer_feedback",
        "chargeback",
        "medium",
        "amazon.com",
        deadline=after(d, days=7),
        notes="chargeback information request; 'within seven calendar days of the email date' (spelled-out number) = Date+7d; order date is not a deadline",
    ),
    "chargeback request, seven calendar days",
)

d = D("2025-06-06 18:18:18", "+0100")
add(
    "062-negative-feedback-uk",
    plain_headers(
        "062",
        d,
        addr("Amazon.co.uk", "seller-notification@amazon.co.uk"),
        "Priya Shah <priya@lunar-prints.example.test>",
        "You have received negative feedback",
        mid_host="amazon.co.uk",
    ),
    alt("""Hello,

A buyer has left the following feedback for an order you fulfilled:

Rating: 1 out of 5
Comments: "Print arrived folded in a padded envelope and creased across the middle."
Order ID: 202-7731905-4498216

Negative feedback counts toward your Order Defect Rate. You can respond publicly to this feedback or contact the buyer to resolve the issue from the Feedback Manager page in Seller Central:
https://sellercentral.amazon.co.uk/feedback-manager/index.html

Thank you,
Amazon.co.uk
"""),
    notice(
        "customer_feedback",
        "negative_feedback",
        "low",
        "amazon.co.uk",
        notes="negative feedback notification; '1 out of 5' rating is not a metric",
    ),
    "negative feedback notification",
)

d = D("2026-01-14 10:10:10", "+0100")
add(
    "063-atoz-de-7tage",
    plain_headers(
        "063",
        d,
        addr("Amazon.de", "atoz-guarantee-no-reply@amazon.de"),
        "Jana Becker <jana@kuechenglueck.example.test>",
        "A-bis-z-Garantieantrag für Bestellung 302-6618204-1173945",
        mid_host="amazon.de",
    ),
    Leaf(
        """Guten Tag,

ein Käufer hat einen Antrag auf die A-bis-z-Garantie für die folgende Bestellung gestellt:

Bestellnummer: 302-6618204-1173945
Artikel: Emaille-Bräter oval 5,5 Liter
Grund: Artikel weicht erheblich von der Beschreibung ab
Betrag: 89,90 EUR

Bitte antworten Sie innerhalb von 7 Tagen über die Seite A-bis-z-Garantieanträge in Seller Central und stellen Sie uns alle Informationen zur Verfügung, die zur Klärung beitragen können.

Wenn wir keine Antwort erhalten, entscheiden wir den Antrag möglicherweise zugunsten des Käufers.

Freundliche Grüße
Amazon.de
""",
        cte="8bit",
    ),
    notice(
        "customer_feedback",
        "a_to_z_claim",
        "medium",
        "amazon.de",
        deadline=after(d, days=7),
        language="de",
        notes="German A-to-z claim; 'innerhalb von 7 Tagen' = Date+7d; '5,5 Liter' and '89,90 EUR' are not metrics",
    ),
    "German A-to-z claim, 7 Tage",
)

d = D("2025-06-28 20:00:00", "+0900")
add(
    "064-atoz-granted-jp-appeal30",
    plain_headers(
        "064",
        d,
        addr("Amazon.co.jp", "atoz-guarantee-no-reply@amazon.co.jp"),
        "info@yamada-shoten.example.test",
        "Amazonマーケットプレイス保証の申請が承認されました",
        mid_host="amazon.co.jp",
    ),
    Leaf(
        """出品者様

以下の注文について購入者から申請されたAmazonマーケットプレイス保証を承認し、購入者に返金しました。返金額はお客様のアカウントから差し引かれます。

注文番号: 249-5510382-7719046
商品名: 南部鉄器 急須 0.6L
申請理由: 商品が届かない

この決定に同意いただけない場合は、この通知の日付から30日以内にセラーセントラルから異議を申し立てることができます。

Amazon.co.jp
""",
        cte="quoted-printable",
    ),
    notice(
        "customer_feedback",
        "a_to_z_claim",
        "medium",
        "amazon.co.jp",
        deadline=after(d, days=30),
        language="ja",
        notes="granted A-to-z claim in Japanese; appeal 'この通知の日付から30日以内' = Date+30d",
    ),
    "Japanese A-to-z granted, 30-day appeal window",
)

d = D("2025-12-04 09:14:00", "+0100")
add(
    "065-retrofacturation-fr",
    plain_headers(
        "065",
        d,
        addr("Amazon.fr", "cb-seller-query@amazon.fr"),
        "Claire Moreau <claire@beaute-express.example.test>",
        "Notification de rétrofacturation pour la commande 171-3391820-5528143",
        mid_host="amazon.fr",
    ),
    Leaf(
        """Bonjour,

Un client a contesté auprès de sa banque le paiement de la commande suivante :

Numéro de commande : 171-3391820-5528143
Montant : 64,50 EUR
Motif : marchandise non reçue

Afin de nous permettre de défendre votre dossier, veuillez nous fournir les informations de suivi et la preuve de livraison dans un délai de sept jours calendaires à compter de la date de cet e-mail, en répondant à ce message.

Sans réponse de votre part, la rétrofacturation pourra être tranchée en votre défaveur et le montant sera débité de votre compte.

Cordialement,
Amazon.fr
""",
        cte="quoted-printable",
    ),
    notice(
        "customer_feedback",
        "chargeback",
        "medium",
        "amazon.fr",
        deadline=after(d, days=7),
        language="fr",
        notes="French chargeback; 'dans un délai de sept jours calendaires à compter de la date de cet e-mail' = Date+7d",
    ),
    "French chargeback, sept jours",
)

d = D("2026-01-12 15:00:00", "+1100")
add(
    "066-atoz-72h-au",
    plain_headers(
        "066",
        d,
        addr("Amazon.com.au", "atoz-guarantee-no-reply@amazon.com.au"),
        "Jack Nguyen <jack@outbackgear.example.test>",
        "Action needed: A-to-z Guarantee claim on order 250-8820417-3369105",
        mid_host="amazon.com.au",
    ),
    alt("""Hello,

A customer has submitted an A-to-z Guarantee claim on order 250-8820417-3369105 (Camping Lantern Rechargeable 1000 Lumen).

Claim reason: Item not as described
Claim amount: A$59.95

Please respond within 72 hours with any information about this order, such as tracking details or your messages with the customer. If we do not hear from you, the claim may be granted and the amount deducted from your account.

Respond to the claim here:
https://sellercentral.amazon.com.au/gp/guarantee-claims/home.html

Amazon.com.au
"""),
    notice(
        "customer_feedback",
        "a_to_z_claim",
        "medium",
        "amazon.com.au",
        deadline=after(d, hours=72),
        notes="A-to-z claim with 'within 72 hours' = Date+72h, which raises low to medium",
    ),
    "A-to-z claim, 72 hours (severity raised)",
)

# =========================================================================== unrecognised notices

d = D("2026-03-11 16:00:00", "+0000")
add(
    "070-unrecognised-handmade-profile",
    plain_headers(
        "070",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        SELLER,
        "Notice: Your Handmade Maker profile has been hidden",
    ),
    Leaf("""Hello,

We have hidden your Amazon Handmade Maker profile from customers.

Why is this happening?
Your Maker profile does not include a photo of you or your workshop, which is required for all Handmade artisans.

How do I make my profile visible again?
Add at least one photo of yourself, your team or your workspace on the Maker profile page in Seller Central. Your profile will be visible again after review.

Your product listings are not affected.

We're here to help
Contact Handmade Seller Support if you have questions.

Amazon Handmade
"""),
    notice(
        None,
        "other",
        "medium",
        "amazon.com",
        unrecognised=True,
        notes="notice structure from seller-performance@ but a cause no category covers (Handmade profile photo): unrecognised",
    ),
    "unrecognised notice (Handmade profile)",
)

d = D("2025-08-27 21:12:44", "+0000")
add(
    "071-unrecognised-buy-with-prime",
    plain_headers(
        "071",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        SELLER,
        "Action Required: Buy with Prime has been disconnected from your website",
    ),
    alt("""Hello,

We have disconnected Buy with Prime from your website www.example.com.

Why did this happen?
We could not load the Buy with Prime button on your website for more than 14 days. The most common cause is a theme update that removed the script.

How do I reconnect?
Reinstall the Buy with Prime app on your storefront platform and confirm the button appears on your product pages. Your Amazon.com listings are not affected.

We're here to help
Contact Buy with Prime support from the Buy with Prime console.

Amazon Seller Performance
"""),
    notice(
        None,
        "other",
        "medium",
        "amazon.com",
        unrecognised=True,
        notes="unrecognised notice: Buy with Prime disconnection; 'more than 14 days' is a past duration, not a deadline",
    ),
    "unrecognised notice (Buy with Prime)",
)

d = D("2024-10-02 08:40:19", "+0200")
add(
    "072-unrecognised-de-versandvorlage",
    plain_headers(
        "072",
        d,
        addr("Amazon.de Verkäuferleistung", "seller-performance@amazon.de"),
        "Kai Wolff <kai@fahrradteile.example.test>",
        "Hinweis: Ihre Versandvorlage wurde zurückgesetzt",
        mid_host="amazon.de",
    ),
    Leaf(
        """Guten Tag,

wir haben Ihre Versandvorlage "Standard Inland" auf die Standardeinstellungen zurückgesetzt.

Warum ist das passiert?
Die Vorlage enthielt Versandregionen, die für Ihr Versandprogramm nicht mehr unterstützt werden.

Was muss ich tun?
Prüfen Sie die Vorlage in den Versandeinstellungen in Seller Central und passen Sie die Laufzeiten bei Bedarf an. Ihre Angebote bleiben aktiv.

Freundliche Grüße
Amazon.de Verkäuferleistung
""",
        cte="quoted-printable",
    ),
    notice(
        None,
        "other",
        "medium",
        "amazon.de",
        language="de",
        unrecognised=True,
        notes="German unrecognised notice (shipping template reset) with 'Warum ist das passiert?' heading",
    ),
    "unrecognised German notice (shipping template)",
)


# =========================================================================== phishing imitations

BALANCE_TEXT = """Hello,

Your seller account has a balance of {amount} that is due. We tried to charge the credit card on file for this amount, but the charge was not successful.

To avoid any interruption to your selling, please pay the balance as soon as possible:
1. Go to Payments in Seller Central.
2. Click "Pay your balance".
3. Choose the card or bank account you want to use and confirm the payment.

{link}

If you have recently updated your payment information, you can ignore this message. The charge will be attempted again automatically.

Thank you for selling on Amazon.

Amazon Services
"""

d = D("2025-11-03 04:12:55", "+0300")
add(
    "080-phish-f3dven-lookalike",
    phish_headers(
        "080",
        d,
        addr("Amazon Seller Central", "no-reply@f3dven-amazon.com"),
        SELLER,
        "Your account was suspended due to unusual activity",
        from_domain="f3dven-amazon.com",
        ip="203.0.113.77",
        helo="mail.f3dven-amazon.com",
        x_mailer="PHPMailer 6.5.0 (https://github.com/PHPMailer/PHPMailer)",
    ),
    Leaf("""Dear Seller,

Your account was suspended due to unusual activity on your selling account. All your listings have been removed and your disbursements are on hold.

You have 24 hours to respond or your account will be permanently terminated.

To restore your selling privileges, sign in and confirm your account information at:
http://sellercentral.amazon.f3dven-amazon.com/ap/signin?openid.return_to=account-health

Amazon Seller Performance Team
"""),
    not_notice(
        phishing=True,
        notes="look-alike sender domain f3dven-amazon.com, link host not Amazon, 24-hour termination threat",
    ),
    "phishing: look-alike domain, 24-hour threat",
)

d = D("2019-08-14 22:31:07", "+0000")
add(
    "081-phish-hotmail-bank-details",
    phish_headers(
        "081",
        d,
        addr("Amazon Seller Support Team", "amazon.seller.support.team2291@hotmail.com"),
        "deals@example.com",
        "Your disbursement is on hold - bank verification needed",
        from_domain="hotmail.com",
        ip="198.51.100.14",
        helo="EUR01-VE1-obe.outbound.protection.outlook.com",
    ),
    Leaf("""Hello Seller,

We were unable to send your last disbursement of $4,871.22 because your bank account could not be verified.

To release the funds, reply to this email with the following details:
- Name on the bank account
- Bank account number and routing number
- The last 4 digits and expiry date of the credit card on your account
- Your Seller Central password so our team can update the record for you

If we do not receive these details within 48 hours, the funds will be returned and your account will be closed.

Regards,
Amazon Seller Support Team
"""),
    not_notice(
        phishing=True,
        notes="hotmail.com sender asking for bank account, card and password by reply; 48-hour threat",
    ),
    "phishing: hotmail sender asking for bank details and password",
)

d = D("2025-02-27 06:06:06", "-0600")
add(
    "082-phish-me-host-get-stated",
    phish_headers(
        "082",
        d,
        addr("Amazon Services", "x7kq2vz9p@qzr81mtw.me"),
        SELLER,
        "Important update on your seller account",
        from_domain="qzr81mtw.me",
        ip="203.0.113.190",
        helo="qzr81mtw.me",
    ),
    Leaf("""Greetings seller@example.com from Amazon Services,

We have detected irregular sign-in activity on your Seller Central account and temporarily limited your listings.

To get stated, please click the button below and confirm your identity. The process takes only 2 minutes.

>> Verify my account: https://verify.qzr81mtw.me/sellercentral/login

If verification is not completed your account will be deactivated.

Thank you,
Amazon Services
"""),
    not_notice(
        phishing=True,
        notes="random .me host, 'get stated' typo, generic 'Greetings <email> from Amazon Services' greeting",
    ),
    "phishing: .me host, typo, generic greeting",
)

d = D("2025-09-09 13:37:00", "+0000")
add(
    "083-phish-spoofed-verify-xyz-authfail",
    phish_headers(
        "083",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        SELLER,
        "Your account has been locked",
        from_domain="amazon.com",
        ip="203.0.113.45",
        helo="mx1.amazon-seller-support.net",
        auth="fail",
        reply_to="account-review@amazon-seller-support.net",
    ),
    alt("""Hello,

Your account has been locked because we could not verify recent changes to your account information.

Why is this happening?
For your security, accounts with unverified changes are locked until the owner confirms their identity.

How do I unlock my account?
Complete the verification within 72 hours at the link below. You will need your login email, password and the credit card registered on the account.

https://sellercentral.amazon.com.verify-account.xyz/ap/signin

If you do not verify within 72 hours, your account will be deactivated and your funds will be held.

Seller Performance Team
"""),
    not_notice(
        phishing=True,
        marketplace="amazon.com",
        notes="From spoofs seller-performance@amazon.com but Authentication-Results show dkim=fail spf=fail dmarc=fail for header.from=amazon.com; link host sellercentral.amazon.com.verify-account.xyz; 72-hour verification demand",
    ),
    "phishing: spoofed From with dkim/spf fail, Amazon-name-first link host",
)

d = D("2026-03-17 09:09:41", "+0000")
add(
    "084-phish-verbatim-odr-bad-link",
    phish_headers(
        "084",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        SELLER,
        "Warning: Your order defect rate is higher than 1%",
        from_domain="amazon.com",
        ip="198.51.100.201",
        helo="mail.amaz0n-notices.com",
        auth="fail",
        x_mailer="PHPMailer 6.8.1 (https://github.com/PHPMailer/PHPMailer)",
    ),
    alt(
        ODR_TEXT.replace(
            "https://sellercentral.amazon.com/performance/dashboard",
            "https://sellercentral.amazon.com.performance-dashboard.info/signin?session=8f2a",
        ),
        title="Order Defect Rate warning",
    ),
    not_notice(
        phishing=True,
        marketplace="amazon.com",
        notes="word-for-word copy of the genuine ODR template (fixture 001) with only the link host changed and failing DKIM/SPF; body similarity must not make it genuine; metrics not reported for phishing",
    ),
    "phishing: verbatim copy of a genuine ODR notice, bad link host",
)

d = D("2024-05-21 15:02:18", "+0000")
add(
    "085-phish-pay-balance-copy",
    phish_headers(
        "085",
        d,
        addr("Amazon Services", "billing@amazon-seller-support.net"),
        SELLER,
        "Action Required: Pay your seller account balance",
        from_domain="amazon-seller-support.net",
        ip="203.0.113.9",
        helo="smtp.amazon-seller-support.net",
        auth="none",
    ),
    Leaf(
        BALANCE_TEXT.format(
            amount="$1,284.60",
            link="https://payments.sellercentral.amazon.com.billing-update.top/pay?ref=balance\n\nFor faster processing you may also reply with your card number, expiry date and security code.",
        )
    ),
    not_notice(
        phishing=True,
        notes="near-verbatim copy of the genuine billing mail (fixture 103) from amazon-seller-support.net, link to billing-update.top, asks for card number and security code",
    ),
    "phishing: copy of the billing mail, asks for card details",
)

d = D("2025-10-15 07:30:00", "+0200")
add(
    "086-phish-de-gesperrt",
    phish_headers(
        "086",
        d,
        addr("Amazon Seller Central", "service@konto-pruefung24.info"),
        "Jana Becker <jana@kuechenglueck.example.test>",
        "Ihr Verkäuferkonto wurde gesperrt",
        from_domain="konto-pruefung24.info",
        ip="198.51.100.66",
        helo="mail.konto-pruefung24.info",
    ),
    Leaf(
        """Sehr geehrter Kunde,

aufgrund ungewöhnlicher Aktivitäten wurde Ihr Verkäuferkonto vorübergehend gesperrt.

Bitte bestätigen Sie innerhalb von 24 Stunden Ihre Bankverbindung und Ihre Zugangsdaten, sonst wird Ihr Konto dauerhaft geschlossen und Ihr Guthaben einbehalten.

Jetzt bestätigen: http://sellercentral.amazon.de.konto-pruefung24.info/login

Mit freundlichen Grüßen
Ihr Amazon Seller Team
""",
        cte="quoted-printable",
    ),
    not_notice(
        "de",
        phishing=True,
        notes="German phishing: non-Amazon sender, 24-hour threat, asks for bank details and credentials, look-alike link host",
    ),
    "phishing: German, 24 hours, bank details",
)

d = D("2025-12-19 23:15:42", "+0900")
add(
    "087-phish-jp-me-host",
    phish_headers(
        "087",
        d,
        addr("Amazon.co.jp", "info@amzn-co-jp.t8kx3w.me", "iso-2022-jp"),
        "info@yamada-shoten.example.test",
        "【重要】お客様のアカウントはロックされました",
        from_domain="amzn-co-jp.t8kx3w.me",
        ip="203.0.113.133",
        helo="t8kx3w.me",
        charset="iso-2022-jp",
    ),
    Leaf(
        """Amazon お客様

お客様のアカウントで異常なログインが検出されたため、アカウントをロックしました。

24時間以内に以下のリンクからアカウント情報とクレジットカード情報を更新してください。期限内に確認できない場合、アカウントは永久に停止されます。

https://amazon.co.jp.t8kx3w.me/signin

Amazon.co.jp
""",
        charset="iso-2022-jp",
        cte="7bit",
    ),
    not_notice(
        "ja",
        phishing=True,
        notes="Japanese phishing: random .me host sender and link, asks for card details, 24-hour threat; ISO-2022-JP",
    ),
    "phishing: Japanese, .me host",
)

d = D("2024-02-08 11:52:09", "-0500")
add(
    "088-phish-html-blended-link",
    phish_headers(
        "088",
        d,
        addr("Seller Central", "alerts@amazonseller-alerts.com"),
        SELLER,
        "Your account has been locked",
        from_domain="amazonseller-alerts.com",
        ip="198.51.100.23",
        helo="amazonseller-alerts.com",
        x_mailer="Sendy 6.0.3",
        auth="none",
    ),
    Leaf(
        """<html><body style="font-family:Arial,sans-serif;font-size:14px">
<p><b>amazon</b> seller central</p>
<p>Dear Seller,</p>
<p>Your account has been locked because we received several complaints about orders from your store. Before we can restore access, you must <a href="http://198.51.100.23/sc/verify.php?id=55291">review your account health</a> and confirm your identity within 72 hours.</p>
<p>Accounts that are not verified in time will be deactivated and all pending disbursements will be cancelled.</p>
<p>Sincerely,<br>Seller Performance Team</p>
</body></html>
""",
        "html",
        "utf-8",
        "7bit",
    ),
    not_notice(
        phishing=True,
        notes="HTML-only phishing whose link is blended into ordinary words and points to a bare IP; 72-hour verification demand",
    ),
    "phishing: HTML-only, link hidden behind ordinary words",
)

d = D("2025-07-30 10:20:33", "+0000")
add(
    "089-phish-ip-notice-copy",
    phish_headers(
        "089",
        d,
        addr("Amazon.com", "notice-dispute@amazon.com"),
        SELLER,
        "Notice: Policy Warning",
        from_domain="amazon.com",
        ip="203.0.113.58",
        helo="vps-2231.example.test",
        auth="fail",
        x_mailer="Microsoft Outlook 16.0",
    ),
    Leaf("""Hello,

We received a report from a rights owner that your listings infringe their trademark. As a result, we removed these listings.

Why is this happening?
Selling products that infringe intellectual property rights violates our policies.

What can I do?
To submit an appeal, sign in to the Appeals Center and confirm your account ownership:
https://sellercentral.amazon.com.appeal-center.xyz/ap/signin?appeal=IP

Appeals not submitted within 24 hours will be closed and your account will be deactivated.

Sincerely,
Seller Performance Team
Amazon.com
"""),
    not_notice(
        phishing=True,
        marketplace="amazon.com",
        notes="copy of the IP policy-warning template with spoofed notice-dispute@amazon.com, dkim/spf fail, look-alike link host, 24-hour threat",
    ),
    "phishing: copy of an IP notice, spoofed sender",
)


# =========================================================================== forwarded genuine notices

fwd_date = D("2026-02-19 09:30:12", "-0800")
orig = local(
    "2026-02-17 06:41:00", "-0800"
)  # Gmail shows the original time in the forwarder's zone, without an offset
add(
    "090-fwd-gmail-deactivation-17d",
    plain_headers(
        "090",
        fwd_date,
        "Maria Lopez <maria@example-shop.example.test>",
        "ops@example.com",
        "Fwd: Your Amazon.com selling privileges have been removed",
        mid=f"<CAH{_h('090', 30)}@mail.example-shop.example.test>",
    ),
    Leaf(f"""Hi team,

See below. Amazon took the account down on Tuesday. Can someone pull every PureFlow supplier invoice from last year and send them to me today? Sam is drafting the plan of action.

Thanks,
Maria

---------- Forwarded message ---------
From: Seller Performance <seller-performance@amazon.com>
Date: {gmail_date(orig)}
Subject: Your Amazon.com selling privileges have been removed
To: <seller@example.com>


Hello,

We have removed your selling privileges, canceled your listings, and placed a temporary hold on any funds in your seller account.

You currently may not sell on Amazon.com because we received complaints from customers that items you sold were inauthentic. Selling inauthentic products violates our policies and Section 3 of the Amazon Services Business Solutions Agreement.

How do I reinstate my selling privileges?
Send us a plan of action together with invoices or letters of authorization from your suppliers issued in the last 365 days. Please send this information to pq-review@amazon.com.

If you do not send an acceptable plan within 17 days, we will not review your account further. After 90 days, the hold will be removed and any remaining funds will be transferred to your bank account.

Sincerely,
Seller Performance Team
Amazon.com
"""),
    notice(
        "account_status",
        "product_authenticity",
        "critical",
        "amazon.com",
        deadline=after(orig, days=17),
        notes="Gmail-style forward from a colleague (genuine, not phishing); the 17 days run from the quoted original date (shown without an offset, read in the forward's -0800 zone), not from the forward's Date",
    ),
    "Gmail forward of a deactivation, deadline from the quoted date",
)

fwd_date = D("2026-01-13 11:02:40", "+0100")
orig = local("2026-01-12 08:15:00", "+0100")
add(
    "091-wg-outlook-de-latin1",
    plain_headers(
        "091",
        fwd_date,
        "Jana Becker <jana@kuechenglueck.example.test>",
        "Tim Hoffmann <tim@kuechenglueck.example.test>",
        "WG: Hinweis: Richtlinienwarnung",
        mid_host="kuechenglueck.example.test",
        charset="iso-8859-1",
    ),
    Leaf(
        f"""Hallo Tim,

anbei die Mail von Amazon von gestern. Bitte kümmere dich um die Rechnungen vom Großhändler, wir haben dafür 90 Tage.

Gruß
Jana

-----Ursprüngliche Nachricht-----
Von: Amazon.de <notice-dispute@amazon.de>
Gesendet: {outlook_de(orig)}
An: jana@kuechenglueck.example.test
Betreff: Hinweis: Richtlinienwarnung

Guten Tag,

wir haben die am Ende dieser E-Mail aufgeführten Angebote entfernt, weil uns ein Rechteinhaber mitgeteilt hat, dass diese Angebote seine Marke verletzen.

Wie kann ich mein Angebot reaktivieren?
Wenn Sie glauben, dass diese Meldung ein Fehler war, wenden Sie sich an den Rechteinhaber. Wenn Sie Rechnungen oder eine Genehmigung des Rechteinhabers haben, senden Sie diese an notice-dispute@amazon.de.

Wenn Sie diese Informationen nicht innerhalb von 90 Tagen einreichen, erhalten Sie eine Aufforderung, den Bestand aus den Logistikzentren zu entfernen.

ASIN: B0CV5LR8TN
Titel: Schneidebrett Akazie groß mit Saftrille
Art der Rechtsverletzung: Marke

ASIN: B0CV5M2QWA
Titel: Schneidebrett Akazie klein 2er-Set
Art der Rechtsverletzung: Marke

Freundliche Grüße
Amazon.de
""",
        charset="iso-8859-1",
        cte="quoted-printable",
    ),
    notice(
        "policy_violation",
        "trademark",
        "high",
        "amazon.de",
        asins=["B0CV5LR8TN", "B0CV5M2QWA"],
        deadline=after(orig, days=90),
        language="de",
        notes="German Outlook forward ('WG:', '-----Ursprüngliche Nachricht-----', 'Gesendet:' without offset, read in the forward's +0100); 'innerhalb von 90 Tagen' from the original; inventory removal -> high; iso-8859-1 QP",
    ),
    "German Outlook forward (WG:), Latin-1, deadline from Gesendet",
)

fwd_date = D("2026-03-04 08:47:19", "+0100")
orig = local("2026-03-03 10:05:00", "+0100")
add(
    "092-tr-outlook-fr-odr",
    plain_headers(
        "092",
        fwd_date,
        "Claire Moreau <claire@atelier-lumiere.example.test>",
        "Paul Girard <paul@atelier-lumiere.example.test>",
        "TR: Avertissement : votre taux de défauts de commande dépasse 1 %",
        mid_host="atelier-lumiere.example.test",
    ),
    alt(f"""Bonjour Paul,

Pour info, voir le message d'Amazon ci-dessous. Peux-tu regarder les commandes en cause aujourd'hui ?

Merci,
Claire

________________________________
De : Amazon.fr <seller-performance@amazon.fr>
Envoyé : {outlook_fr(orig)}
À : contact@atelier-lumiere.example.test
Objet : Avertissement : votre taux de défauts de commande dépasse 1 %

Bonjour,

Votre taux de défauts de commande est de 1,6 % ; l'objectif est inférieur à 1 %.

Pourquoi cela se produit-il ?
Le taux de défauts de commande correspond au pourcentage de commandes ayant reçu un commentaire négatif, une réclamation au titre de la Garantie A à Z ou une rétrofacturation au cours d'une période de 60 jours.

Que dois-je faire ?
Si la situation n'est pas corrigée, votre compte présentera un risque de désactivation dans un délai de 72 heures. Consultez la page Santé du compte pour identifier les commandes concernées.

Cordialement,
Amazon.fr
"""),
    notice(
        "account_health",
        "order_defect_rate",
        "high",
        "amazon.fr",
        deadline=after(orig, hours=72),
        language="fr",
        metrics={"order_defect_rate": 1.6},
        notes="French Outlook forward ('TR:', 'De :/Envoyé :' with French date, no offset, read in the forward's +0100); 72 h from the original; ODR 1,6 %",
    ),
    "French Outlook forward (TR:), ODR, 72 heures",
)

fwd_date = D("2026-01-16 09:03:11", "+0100")
orig = local("2026-01-15 17:20:00", "+0100")
add(
    "093-rv-outlook-es-lsr",
    plain_headers(
        "093",
        fwd_date,
        "Lucía Romero <lucia@tiendaverde.example.test>",
        "almacen@tiendaverde.example.test",
        "RV: Tu tasa de envíos con retraso supera el objetivo",
        mid_host="tiendaverde.example.test",
    ),
    Leaf(
        f"""Hola equipo,

Os reenvío el aviso de Amazon. Tenemos que confirmar los envíos el mismo día que sale el paquete, sin excepciones.

Lucía

De: Amazon.es <seller-performance@amazon.es>
Enviado el: {outlook_es(orig)}
Para: lucia@tiendaverde.example.test
Asunto: Tu tasa de envíos con retraso supera el objetivo

Hola:

Tu tasa de envíos con retraso es del 7,3 %; el objetivo es inferior al 4 %.

¿Por qué ha ocurrido esto?
Muchos de tus pedidos de los últimos 30 días se confirmaron como enviados después de la fecha de envío prevista.

¿Qué debo hacer?
Revisa el tiempo de preparación en tu configuración de envío y confirma cada envío cuando entregues el paquete al transportista. Si tu tasa sigue por encima del 4 %, tu cuenta podría correr riesgo de desactivación.

Atentamente,
Amazon.es
""",
        cte="quoted-printable",
    ),
    notice(
        "account_health",
        "late_shipment_rate",
        "high",
        "amazon.es",
        language="es",
        metrics={"late_shipment_rate": 7.3},
        notes="Spanish Outlook forward ('RV:', 'Enviado el:'); LSR 7,3 % vs 4 % target; no deadline",
    ),
    "Spanish Outlook forward (RV:), LSR",
)

fwd_date = D("2026-02-06 15:40:03", "+0100")
orig = local("2026-02-06 09:12:00", "+0100")
add(
    "094-i-outlook-it-safety",
    plain_headers(
        "094",
        fwd_date,
        "Marco Bianchi <marco@profumeria-bianchi.example.test>",
        "Giulia Conti <giulia@profumeria-bianchi.example.test>",
        "I: Azione richiesta: offerta rimossa per motivi di sicurezza",
        mid_host="profumeria-bianchi.example.test",
    ),
    Leaf(
        f"""Ciao Giulia,

ti inoltro la mail di Amazon di stamattina. Mi servono le schede di sicurezza del diffusore entro la settimana prossima.

Marco

Da: Amazon.it <seller-performance-policy@amazon.it>
Inviato: {outlook_it(orig)}
A: marco@profumeria-bianchi.example.test
Oggetto: Azione richiesta: offerta rimossa per motivi di sicurezza

Buongiorno,

abbiamo rimosso la tua offerta per il prodotto seguente perché alcuni clienti hanno segnalato un problema di sicurezza.

ASIN: B0D8QW4ZRX
Titolo: Diffusore di aromi elettrico 300 ml con luce LED

Perché succede questo?
I clienti hanno segnalato che l'alimentatore si surriscalda durante l'uso.

Come posso riattivare la mia offerta?
Invia un rapporto di prova di un laboratorio accreditato e la dichiarazione di conformità UE. Se non fornisci i documenti entro 90 giorni, l'inventario presso i centri logistici Amazon sarà smaltito.

Cordiali saluti,
Amazon.it
""",
        cte="8bit",
    ),
    notice(
        "policy_violation",
        "product_safety",
        "high",
        "amazon.it",
        asins=["B0D8QW4ZRX"],
        deadline=after(orig, days=90),
        language="it",
        notes="Italian Outlook forward ('I:', 'Da:/Inviato:'); 'entro 90 giorni' from the original 09:12 (+0100), not the 15:40 forward; disposal consequence -> high; the colleague's 'entro la settimana prossima' is not Amazon's deadline",
    ),
    "Italian Outlook forward (I:), safety, entro 90 giorni",
)

fwd_date = D("2026-03-10 08:15:00", "-0700")
orig = local("2026-03-09 16:02:00", "-0700")
fwd_html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body dir="ltr">
<div style="font-family:Calibri,Arial,Helvetica,sans-serif;font-size:12pt;color:rgb(0,0,0)">Ops team &ndash; Amazon pulled two more listings last night. Please inspect the blender stock in bay 4 before we reply.<br><br>Tom</div>
<hr style="display:inline-block;width:98%" tabindex="-1">
<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> Amazon.com &lt;seller-performance-policy@amazon.com&gt;<br>
<b>Sent:</b> {outlook_en(orig)}<br>
<b>To:</b> returns@bright-kitchen.example.test &lt;returns@bright-kitchen.example.test&gt;<br>
<b>Subject:</b> Action Required: Listing Removed from Amazon</font>
<div>&nbsp;</div></div>
<div>
<p>Hello,</p>
<p>We removed the listings below because customers reported that the items arrived damaged or defective:</p>
<ul>
<li><a href="https://www.amazon.com/dp/B0C2N9PXD4">Personal Blender 600W with 2 Travel Cups</a></li>
<li><a href="https://www.amazon.com/Blender-Replacement-Blade-Assembly/dp/B0DJ3M7QKV/ref=sr_1_1">Blender Replacement Blade Assembly</a></li>
</ul>
<h3>How do I reactivate my listing(s)?</h3>
<p>Send a plan of action to pq-product-review@amazon.com that explains the root cause of the complaints and the steps you have taken. If you do not send an acceptable plan within 17 days, your listings will stay removed.</p>
<h3>Have your listings been removed in error?</h3>
<p>Reply to this email with any information that shows the listings were removed in error.</p>
<p>Seller Performance Team</p>
</div>
</body></html>
"""
add(
    "095-fwd-outlook-html-only-condition",
    plain_headers(
        "095",
        fwd_date,
        "Tom Becker <tom@bright-kitchen.example.test>",
        "ops@bright-kitchen.example.test",
        "Fwd: Action Required: Listing Removed from Amazon",
        mid=f"<BY5PR11MB{_h('095', 12).upper()}@BY5PR11MB.namprd11.prod.outlook.example.test>",
    ),
    Leaf(fwd_html, "html", "utf-8", "quoted-printable"),
    notice(
        "policy_violation",
        "product_condition",
        "medium",
        "amazon.com",
        asins=["B0C2N9PXD4", "B0DJ3M7QKV"],
        deadline=after(orig, days=17),
        notes="HTML-only Outlook forward; 'Sent:' in <b> tags without offset (read in the forward's -0700); ASINs only in /dp/ links incl. a slug URL; 17 days from the original; listings stay removed, no inventory consequence -> medium",
    ),
    "HTML-only Outlook forward, ASINs in links, 17 days from Sent",
)

fwd_date = D("2025-12-02 09:15:00", "+0900")
orig_hdr = D("2025-12-01 10:00:00", "+0900")
add(
    "096-fwd-thunderbird-ja-48h",
    plain_headers(
        "096",
        fwd_date,
        "Kenji Sato <kenji@example.jp.example.test>",
        "tanaka@example.jp.example.test",
        "Fwd: アカウントポリシーご確認のお願い",
        mid_host="example.jp.example.test",
    ),
    Leaf(
        f"""田中さん

昨日Amazonから届いたメールです。至急、仕入れ先の請求書を確認してください。

佐藤

-------- Forwarded Message --------
Subject: アカウントポリシーご確認のお願い
Date: {orig_hdr}
From: Amazon.co.jp <seller-performance@amazon.co.jp>
To: sato@example.jp.example.test

出品者様

購入者から、お客様の商品が偽造品ではないかとの報告がありました。該当する出品を停止しました。

ASIN(s): B0CZ4RT8WK

出品情報を回復するにはどうすればよいですか?
この通知を受け取ってから48時間以内に、仕入れ先の請求書をセラーセントラルからご提出ください。

Amazon.co.jp
""",
        cte="8bit",
    ),
    notice(
        "policy_violation",
        "product_authenticity",
        "high",
        "amazon.co.jp",
        asins=["B0CZ4RT8WK"],
        deadline=after(orig_hdr, hours=48),
        language="ja",
        notes="Thunderbird forward with an RFC date (explicit +0900) in the quoted block; 48 hours from the original date raises medium to high",
    ),
    "Thunderbird forward (Japanese), 48 hours from the quoted date",
)

fwd_date = D("2025-09-22 19:02:11", "-0400")
orig = local("2025-09-22 15:10:00", "-0400")
add(
    "049-fwd-masked-asins",
    plain_headers(
        "049",
        fwd_date,
        "Dana Whitfield <dana@example.com>",
        "help@amz-consulting.example.test",
        "Fwd: Action Required: Listing Removed from Amazon",
        mid=f"<CAK{_h('049', 30)}@mail.example.com>",
    ),
    Leaf(f"""Hi,

Forwarding the notice we got today as discussed. I blanked out the ASINs and brand before sending.

Dana

---------- Forwarded message ---------
From: Amazon.com <seller-performance-policy@amazon.com>
Date: {gmail_date(orig)}
Subject: Action Required: Listing Removed from Amazon
To: <dana@example.com>


Hello,

We removed one or more of your listings because customers reported that the products they received were inauthentic.

Complaint Type: Inauthentic
ASIN: B07TLXXXX
Title: [brand] Wireless Charging Pad

Complaint Type: Inauthentic
ASIN: *********
Title: [brand] Wireless Charging Stand

How do I reactivate my listing(s)?
Send invoices from your supplier issued in the last 365 days to pq-review@amazon.com.

What happens if I do not send the required information?
If you do not appeal this decision in 90 days, any FBA inventory for these ASINs may be destroyed.

Seller Performance Team
"""),
    notice(
        "policy_violation",
        "product_authenticity",
        "high",
        "amazon.com",
        deadline=after(orig, days=90),
        notes="forward with masked ASINs (B07TLXXXX, *********): nothing to extract; 90 days from the quoted original date (-0400 zone)",
    ),
    "forward with masked ASINs",
)


# =========================================================================== ordinary mail (not notices)

d = D("2014-04-16 13:22:10", "-0700")
add(
    "100-sold-ship-now-2014",
    plain_headers(
        "100",
        d,
        addr("Marketplace Payments by Amazon", "payments-messages@amazon.com"),
        "orders@sunnyside-crafts.example.test",
        "Sold, ship now: Hand-Poured Soy Candle Lavender 8oz",
    ),
    Leaf("""Dear Sunnyside Crafts,

Congratulations! You've sold an item on Amazon.com. Please ship it as soon as possible.

Ship by: Apr 18, 2014

Order ID: 002-4471920-3385126
Item: Hand-Poured Soy Candle Lavender 8oz
Condition: New
SKU: SOY-LAV-8
Quantity: 1
Order date: 04/16/2014
Price: $18.00
Shipping: $4.49
Amazon fees: -$3.82
Your earnings: $18.67

Shipping address:
Ellen Park
1420 Ridgeview Ave
Boise, ID 83702
United States

Please ship this order using Standard shipping.

To view the order and print a packing slip, go to:
https://sellercentral.amazon.com/gp/orders-v2/details?orderID=002-4471920-3385126

Sincerely,
Amazon Services
"""),
    not_notice(
        marketplace="amazon.com",
        notes="2014 'Sold, ship now' order mail; 'Ship by' date is an order date, not a compliance deadline",
    ),
    "Sold, ship now (2014, plain)",
)

d = D("2023-11-24 06:41:09", "+0000")
add(
    "101-sold-ship-now-2023-ses",
    amazon_headers(
        "101",
        d,
        addr("Amazon Seller Central", "seller-notification@amazon.com"),
        SELLER,
        "Sold, ship now: Stainless Insulated Tumbler 30oz",
    ),
    alt("""Congratulations, you've sold an item!

Order ID: 112-6639021-4401827
Item: Stainless Insulated Tumbler 30oz
SKU: TMB-30-BLK
Quantity: 1
Ship by: Nov 27, 2023
Ship to: Jordan Ellis, Austin, TX

Confirm shipment in Seller Central after you hand the package to the carrier:
https://sellercentral.amazon.com/orders-v3/order/112-6639021-4401827

Buy Shipping lets you print a label and confirm shipment in one step.
"""),
    not_notice(
        marketplace="amazon.com",
        notes="2023 Sold, ship now via SES with genuine traits; Black Friday order, 'Ship by' is not a deadline",
    ),
    "Sold, ship now (2023, SES multipart)",
)

d = D("2024-03-05 18:07:33", "+0000")
add(
    "102-funds-transfer-delayed",
    plain_headers(
        "102",
        d,
        addr("Amazon Payments", "payments-messages@amazon.com"),
        SELLER,
        "Your funds transfer has been delayed",
    ),
    Leaf("""Hello,

We tried to transfer $2,310.44 from your seller account to your bank account ending in 4471, but the transfer was returned by your bank.

Please check that the bank account information in Seller Central is correct:
Settings > Account Info > Deposit Methods

After you update the information, we will try the transfer again. You will usually receive the funds within 2 business days of the new attempt.

Depending on your account's reserve settings, some funds may be held for up to 90 days to cover refunds and claims.

If you have questions about held funds, contact payments-funds@amazon.com.

Sincerely,
Amazon Payments
"""),
    not_notice(
        marketplace="amazon.com",
        notes="'Your funds transfer has been delayed' payout mail; 'within 2 business days' and 'up to 90 days' are not deadlines",
    ),
    "payout delayed",
)

d = D("2024-05-14 16:20:02", "+0000")
add(
    "103-pay-balance-genuine-ses",
    amazon_headers(
        "103",
        d,
        addr("Amazon Services", "payments-messages@amazon.com"),
        SELLER,
        "Action Required: Pay your seller account balance",
        auth=True,
    ),
    alt(
        BALANCE_TEXT.format(
            amount="$38.47", link="https://sellercentral.amazon.com/payments/dashboard/index.html"
        )
    ),
    not_notice(
        marketplace="amazon.com",
        notes="genuine billing mail with 'Action Required' subject and auth pass: not a performance notice (fixture 085 is its phishing copy)",
    ),
    "genuine billing: pay your account balance, auth pass",
)

d = D("2014-03-12 10:00:00", "-0700")
newsletter_text = """FBA Newsletter: March 2014

In this issue
- Prepare your inventory for spring: updated prep and labeling guide
- Inventory Performance: how to read the new excess inventory report
- Seller story: how a family business in Ohio grew with Fulfillment by Amazon
- Reminder: long-term storage fees are assessed on February 15 and August 15

Prep and labeling
Our updated guide explains how to poly-bag small items, label sets, and package liquids so they arrive at fulfillment centers ready to sell. Shipments that follow the guide are received faster.

Excess inventory
The new report lists ASINs with more units than you are likely to sell in the next 90 days, with suggested actions such as a price change or a removal order.

Customer service by Amazon
FBA orders include customer service and returns handled by Amazon, 24 hours a day, 7 days a week.

Read the full newsletter: https://services.amazon.com/fulfillment-by-amazon/newsletter.html

You are receiving this email because you are registered for Fulfillment by Amazon.
Unsubscribe: https://services.amazon.com/unsubscribe
Amazon.com, 410 Terry Ave. N, Seattle, WA 98109
"""
add(
    "104-fba-newsletter-2014",
    [
        ("Return-Path", "<382-XYZ-975.0.48213.0.0.20741.9.3318204@em-sj-77.mktomail.com>"),
        (
            "Received",
            "from em-sj-77.mktomail.com (em-sj-77.mktomail.com [199.15.214.77])\n\tby mx.example.com (Postfix) with ESMTP id 3F2A81C0042\n\tfor <seller@example.com>; Wed, 12 Mar 2014 17:00:03 +0000 (UTC)",
        ),
        *plain_headers(
            "104",
            d,
            addr("Fulfillment by Amazon", "fba-newsletter@amazon.com"),
            SELLER,
            "FBA Newsletter: March 2014",
            mid="<1381592271.-1884120631.1394643600412.JavaMail.root@sjmas02.marketo.org>",
            extra=[
                ("Reply-To", "no-reply@amazon.com"),
                ("List-Unsubscribe", "<mailto:unsubscribe-382@em-sj-77.mktomail.com>"),
            ],
        ),
    ],
    alt(newsletter_text, title="FBA Newsletter: March 2014"),
    not_notice(
        marketplace="amazon.com",
        notes="FBA newsletter sent through Marketo (mktomail envelope); 'next 90 days', storage-fee dates are not deadlines",
    ),
    "FBA newsletter 2014 (Marketo)",
)

d = D("2025-05-12 15:00:00", "+0000")
add(
    "105-prime-day-by-may31",
    amazon_headers(
        "105",
        d,
        addr("Amazon.com", "seller-info@amazon.com"),
        SELLER,
        "Submit your promotions for Prime Day by May 31",
    ),
    alt("""Get ready for Prime Day

Prime Day is one of the biggest shopping events of the year. Submit your Prime Exclusive Discounts and Lightning Deals by May 31 to be considered for the event.

Why take part?
- Deals appear on the Prime Day event page and in search results with a deal badge.
- Last year, independent sellers sold more than 200 million items during Prime Day.

How do I submit a deal?
Go to Advertising > Deals in Seller Central, choose eligible ASINs, and set your deal price:
https://sellercentral.amazon.com/merchandising-new/deals

Questions? Visit Seller University for step-by-step videos.

Amazon.com
"""),
    not_notice(
        marketplace="amazon.com",
        notes="promotional mail with an absolute date 'by May 31' that is not a compliance deadline",
    ),
    "Prime Day promotion with 'by May 31'",
)

d = D("2025-02-18 17:30:00", "+0000")
add(
    "106-fee-discount-7-dollars",
    amazon_headers(
        "106",
        d,
        addr("Amazon Services", "seller-notification@amazon.com"),
        SELLER,
        "Get a Fee Discount for adding ASINs priced $7 and below",
        reply_to="donotreply@amazon.com",
        extra=[("Bounces-to", f"RTE+NE-null-{_h('106b', 12)}@sellernotifications.amazon.com")],
    ),
    alt("""Hello,

From March 1, 2025, new ASINs priced at $7 or less will receive a reduced referral fee for their first 90 days.

How does it work?
Add new products priced $7 and below in any category. The discount is applied automatically; there is nothing to enroll in.

Learn more in Seller Central Help:
https://sellercentral.amazon.com/help/hub/reference/external/G201411300

Thank you for selling with Amazon.

Amazon Services
"""),
    not_notice(
        marketplace="amazon.com",
        notes="fee discount announcement with Reply-To donotreply and Bounces-to sellernotifications; 'first 90 days' and 'March 1' are not deadlines",
    ),
    "fee discount announcement",
)

d = D("2025-08-06 20:00:00", "+0000")
add(
    "107-return-insights-update",
    amazon_headers(
        "107",
        d,
        addr("Amazon Services", "seller-notification@amazon.com"),
        SELLER,
        "Updates to the Return Insights dashboard and Returns Processing Fee reminder",
        reply_to="donotreply@amazon.com",
    ),
    alt("""Hello,

We have added new features to the Return Insights dashboard, including return reasons by ASIN and a comparison with similar products in your category.

Returns Processing Fee reminder
As announced earlier this year, a Returns Processing Fee applies to FBA units in certain categories whose return rate exceeds the category threshold. The fee is calculated monthly; you can see which ASINs are affected on the dashboard.

Open Return Insights:
https://sellercentral.amazon.com/returns/insights

Amazon Services
"""),
    not_notice(
        marketplace="amazon.com",
        notes="Return Insights dashboard update; mentions return rate thresholds but is not a notice",
    ),
    "Return Insights update",
)

d = D("2025-09-30 11:05:48", "-0700")
add(
    "108-shipment-confirmation-buyer",
    amazon_headers(
        "108",
        d,
        addr("Amazon.com", "shipment-tracking@amazon.com"),
        "Alex Rivera <alex.rivera@example.com>",
        "Your Amazon.com order #113-4420917-5518203 has shipped",
    ),
    alt("""Hello Alex,

Your package is on the way.

Arriving: Thursday, October 2
Order #113-4420917-5518203
Ship to: Alex Rivera, Portland, OR

Items in this shipment:
- Ceramic Pour-Over Coffee Dripper, Size 02, White (Qty: 1)

Track your package: https://www.amazon.com/progress-tracker/package/ref=pe_shipped

We hope to see you again soon.
Amazon.com
"""),
    not_notice(marketplace="amazon.com", notes="buyer-side shipping confirmation from Amazon"),
    "buyer shipping confirmation",
)

d = D("2026-01-08 21:47:03", "-0600")
add(
    "109-buyer-message-feedback-threat",
    plain_headers(
        "109",
        d,
        addr("Karen - Amazon Marketplace", "4tzq8hm2w3kq1xz@marketplace.amazon.com"),
        SELLER,
        "Inquiry from Amazon customer Karen (Order: 112-8836201-4419023)",
        mid_host="marketplace.amazon.com",
    ),
    Leaf("""------------- Begin message -------------

Hi, I ordered the weighted blanket 12 days ago and tracking hasn't moved since Saturday. This was a gift. If it doesn't arrive by Friday I will leave negative feedback and open an A-to-z claim. Please let me know what's going on.

Karen

------------- End message -------------

For Your Information: To help arrive at a successful resolution, respond to this message within 24 hours.

Order ID: 112-8836201-4419023
Item: Weighted Blanket 15 lbs Queen Grey

Respond to this message in Seller Central:
https://sellercentral.amazon.com/messaging/inbox
"""),
    not_notice(
        marketplace="amazon.com",
        notes="buyer-seller message that threatens negative feedback and an A-to-z claim; '24 hours' response guidance is not a notice deadline",
    ),
    "buyer message threatening feedback",
)

d = D("2025-10-02 13:00:00", "-0400")
add(
    "110-nonamazon-newsletter-odr-tips",
    plain_headers(
        "110",
        d,
        addr("SellerPulse Weekly", "newsletter@sellerpulse.example.test"),
        SELLER,
        "5 ways to get your ODR under 1% before Q4",
        mid_host="sellerpulse.example.test",
        extra=[("List-Unsubscribe", "<https://sellerpulse.example.test/unsubscribe?u=88a1>")],
    ),
    alt("""SellerPulse Weekly - October

5 ways to get your ODR under 1% before Q4

Seen this line in Seller Central? "Your Order Defect Rate is 2.3%; the target is 1%." Don't panic. Here is what our clients did last quarter:

1. Answer every buyer message within 24 hours.
2. Reach out before negative feedback turns into an A-to-z claim.
3. Drop slow carriers in remote postcodes.
4. Watch Late Shipment Rate (goal under 4%) and Valid Tracking Rate (at least 95%).
5. Read every Account Health notice the day it arrives.

Webinar: "Account Health in 30 minutes", October 16. Reserve a seat: https://sellerpulse.example.test/webinar

You're receiving this because you subscribed at sellerpulse.example.test.
Unsubscribe: https://sellerpulse.example.test/unsubscribe?u=88a1
"""),
    not_notice(
        notes="third-party newsletter quoting the exact at-risk line and targets; not from Amazon, not a notice, not phishing"
    ),
    "non-Amazon newsletter quoting notice phrases",
)

d = D("2026-04-03 19:12:40", "-0700")
add(
    "111-personal-mentions-account-health",
    plain_headers(
        "111",
        d,
        "Dave Kowalski <dave.k@example.test>",
        "Greg Hollis <greg@example.com>",
        "Re: dinner saturday?",
        mid_host="example.test",
    ),
    Leaf("""Saturday works, we'll bring dessert.

Also good news, my account health is back to green. The ODR thing from last month sorted itself out once those two claims got closed. Still not touching the cheap courier again though.

See you at 7,
Dave

On Fri, Apr 3, 2026 at 4:02 PM Greg Hollis <greg@example.com> wrote:
> Are you two free for dinner Saturday? Around 7?
"""),
    not_notice(notes="personal email casually mentioning account health and ODR"),
    "personal mail mentioning account health",
)

d = D("2025-11-29 08:14:27", "+0000")
add(
    "112-buyer-order-confirmation-uk",
    amazon_headers(
        "112",
        d,
        addr("Amazon.co.uk", "auto-confirm@amazon.co.uk"),
        "Sophie Turner <sophie.t@example.co.uk.example.test>",
        'Your Amazon.co.uk order of "Classic Hardcover Notebook A5 Ruled..."',
        d="amazon.co.uk",
    ),
    alt("""Hello Sophie,

Thank you for your order. We'll send a confirmation when your item ships.

Arriving: Tuesday, 2 December
Order #203-5520914-7712038

Classic Hardcover Notebook A5 Ruled, Black
Quantity: 1
£14.99

Order total: £14.99

View or manage your order: https://www.amazon.co.uk/your-orders

We hope to see you again soon.
Amazon.co.uk
"""),
    not_notice(
        marketplace="amazon.co.uk", notes="buyer order confirmation from auto-confirm@amazon.co.uk"
    ),
    "buyer order confirmation",
)

d = D("2018-06-19 14:03:55", "+0000")
add(
    "113-seller-info-promo-2018",
    amazon_headers(
        "113",
        d,
        addr("Amazon.com", "seller-info@amazon.com"),
        SELLER,
        "Reach more shoppers with Sponsored Products",
    ),
    alt("""Reach more shoppers with Sponsored Products

Sponsored Products ads appear in shopping results and on product detail pages, so customers can find your offers while they shop.

- Pay only when a shopper clicks your ad
- Set your own budget and stop at any time
- Launch a campaign in minutes

Start your first campaign:
https://sellercentral.amazon.com/cm/campaigns

Amazon.com
"""),
    not_notice(
        marketplace="amazon.com",
        notes="2018 promotional mail from seller-info@amazon.com with SES trace",
    ),
    "seller-info promotion (2018)",
)

d = D("2018-09-04 12:30:00", "-0400")
add(
    "114-vendor-central-ca-promo",
    amazon_headers(
        "114",
        d,
        addr("Amazon.ca Vendor Central", "vendor-central@amazon.ca"),
        "vendors@maple-goods.example.test",
        "Register your deals for the 2018 holiday season",
        d="amazon.ca",
    ),
    alt("""Hello vendor,

Holiday deal submissions for Amazon.ca are now open. Lightning Deals and Best Deals submitted through Vendor Central will be reviewed in the order received.

Submit deals: https://vendorcentral.amazon.ca/hz/vendor/members/promotions

Bonjour,

Les propositions d'offres pour les Fêtes sur Amazon.ca sont ouvertes. Soumettez vos offres dans Vendor Central.

Amazon.ca
"""),
    not_notice(
        marketplace="amazon.ca",
        notes="bilingual vendor promotion from vendor-central@amazon.ca (SES, d=amazon.ca); English first, so language en",
    ),
    "vendor-central promotion, amazon.ca",
)

d = D("2025-12-10 18:00:00", "+0000")
add(
    "115-announcement-fee-changes-2026",
    amazon_headers(
        "115",
        d,
        addr("Amazon Services", "seller-notification@amazon.com"),
        SELLER,
        "2026 US referral and FBA fee changes",
        reply_to="donotreply@amazon.com",
        extra=[("Bounces-to", f"RTE+NE-null-{_h('115b', 12)}@sellernotifications.amazon.com")],
    ),
    alt("""Hello,

We are writing to let you know about changes to US referral and Fulfillment by Amazon fees, effective January 15, 2026.

What is changing?
- Referral fees for apparel priced under $15 will be reduced.
- FBA fulfillment fees will change for some size tiers.
- The low-inventory-level fee will no longer apply to products in their first 180 days.

There is nothing you need to do. You can estimate the effect on your products with the Revenue Calculator:
https://sellercentral.amazon.com/revcal

Amazon Services
"""),
    not_notice(
        marketplace="amazon.com",
        notes="fee-change announcement with an effective date, Reply-To donotreply and Bounces-to sellernotifications; no deadline",
    ),
    "fee-change announcement",
)

d = D("2026-01-21 09:42:15", "+0100")
add(
    "116-verkauft-versenden-de-latin1",
    plain_headers(
        "116",
        d,
        addr("Amazon.de", "seller-notification@amazon.de"),
        "Jana Becker <jana@kuechenglueck.example.test>",
        "Verkauft, bitte versenden: Emaille-Bräter oval 5,5 Liter",
        mid_host="amazon.de",
        charset="iso-8859-1",
    ),
    Leaf(
        """Herzlichen Glückwunsch! Sie haben einen Artikel auf Amazon.de verkauft.

Bestellnummer: 305-1182740-6629135
Artikel: Emaille-Bräter oval 5,5 Liter
SKU: BRAETER-55-ROT
Menge: 1
Versand bis: 23.01.2026

Bitte bestätigen Sie den Versand in Seller Central, sobald Sie das Paket übergeben haben:
https://sellercentral.amazon.de/orders-v3/order/305-1182740-6629135

Freundliche Grüße
Amazon.de
""",
        charset="iso-8859-1",
        cte="8bit",
    ),
    not_notice(
        "de",
        marketplace="amazon.de",
        notes="German 'Verkauft, bitte versenden' order mail, Latin-1 8bit; 'Versand bis: 23.01.2026' is not a compliance deadline",
    ),
    "German Sold, ship now, Latin-1",
)

d = D("2025-12-24 10:03:00", "+0900")
add(
    "117-jp-sold-ship-now-iso2022",
    plain_headers(
        "117",
        d,
        addr("Amazon.co.jp", "seller-notification@amazon.co.jp", "iso-2022-jp"),
        "info@yamada-shoten.example.test",
        "注文確定 今すぐ発送してください: 南部鉄器 急須 0.6L",
        mid_host="amazon.co.jp",
        charset="iso-2022-jp",
    ),
    Leaf(
        """出品者様

商品が購入されました。商品を発送してください。

注文番号: 250-3381907-2246011
商品名: 南部鉄器 急須 0.6L
数量: 1
出荷予定日: 2025年12月26日

出荷後、セラーセントラルで出荷通知を送信してください。
https://sellercentral.amazon.co.jp/orders-v3/order/250-3381907-2246011

Amazon.co.jp
""",
        charset="iso-2022-jp",
        cte="7bit",
    ),
    not_notice(
        "ja",
        marketplace="amazon.co.jp",
        notes="Japanese sold-ship-now order mail in ISO-2022-JP; '出荷予定日: 2025年12月26日' is not a compliance deadline",
    ),
    "Japanese Sold, ship now, ISO-2022-JP",
)

d = D("2025-07-08 03:22:19", "+0000")
add(
    "118-return-request-authorized",
    plain_headers(
        "118",
        d,
        addr("Amazon.com", "return@amazon.com"),
        SELLER,
        "Return authorization notification for order 111-2209483-7710259",
    ),
    Leaf("""Dear Seller,

The buyer has requested a return for the item below. Because the request meets your return settings, it was authorized automatically.

Order ID: 111-2209483-7710259
Item: Bamboo Drawer Organizer Set of 6
Return reason: No longer needed
Quantity: 1

You'll be notified when the carrier scans the return. You can view the return in Manage Returns:
https://sellercentral.amazon.com/returns/list

Sincerely,
Amazon.com
"""),
    not_notice(marketplace="amazon.com", notes="automatically authorized return notification"),
    "return request, auto-authorized",
)

d = D("2025-10-17 20:05:31", "+0200")
add(
    "119-buyer-message-fr",
    plain_headers(
        "119",
        d,
        addr("Julien - Amazon Marketplace", "8hd2mq4x0tz7wrp@marketplace.amazon.fr"),
        "contact@atelier-lumiere.example.test",
        "Demande de renseignements de la part du client Amazon Julien (Commande : 171-4420381-9905217)",
        mid_host="marketplace.amazon.fr",
    ),
    Leaf(
        """------------- Début du message -------------

Bonjour, la lampe est arrivée mais l'abat-jour est fendu. Pouvez-vous m'en envoyer un autre ou dois-je la retourner ? Merci.

Julien

------------- Fin du message -------------

Commande : 171-4420381-9905217
Article : Lampe de chevet en céramique, abat-jour lin
""",
        cte="quoted-printable",
    ),
    not_notice(
        "fr",
        marketplace="amazon.fr",
        notes="French buyer-seller message about a damaged item (not a condition notice from Amazon)",
    ),
    "French buyer message",
)

d = D("2025-06-02 16:00:00", "+0000")
add(
    "120-webinar-account-health-invite",
    amazon_headers(
        "120",
        d,
        addr("Amazon Seller University", "seller-info@amazon.com"),
        SELLER,
        "Live webinar: Keep your account healthy (June 12)",
    ),
    alt("""Join our live webinar: Keep your account healthy

Date: June 12, 2025, 10:00 AM PT

In this session, Amazon experts will explain:
- What your Account Health Rating means and how it is calculated
- How Order Defect Rate, Late Shipment Rate and Valid Tracking Rate are measured
- How to respond to policy notifications and submit an appeal

Register now: https://sellercentral.amazon.com/learn/webinars

Amazon Seller University
"""),
    not_notice(
        marketplace="amazon.com",
        notes="Seller University webinar invitation full of account-health vocabulary; a date but no deadline",
    ),
    "Seller University webinar about account health",
)

d = D("2025-08-14 09:12:44", "+0000")
add(
    "121-disbursement-initiated",
    amazon_headers(
        "121",
        d,
        addr("Amazon Payments", "payments-messages@amazon.com"),
        SELLER,
        "Your payment is on its way",
    ),
    alt("""Hello,

We've initiated a transfer of $3,420.18 to your bank account ending in 4471.

Settlement period: Jul 31, 2025 - Aug 14, 2025
Transfer amount: $3,420.18

The funds should arrive in your bank account within 3 to 5 business days.

View the settlement report in Seller Central: Reports > Payments.

Amazon Payments
"""),
    not_notice(
        marketplace="amazon.com",
        notes="disbursement mail; '3 to 5 business days' is a bank turnaround",
    ),
    "payout initiated",
)

d = D("2025-06-25 10:30:00", "+0200")
add(
    "122-envio-pedido-es-buyer",
    amazon_headers(
        "122",
        d,
        addr("Amazon.es", "confirmar-envio@amazon.es"),
        "Pablo Ruiz <pablo.ruiz@example.com>",
        'Tu pedido de Amazon.es de "Cafetera italiana de acero..." ha sido enviado',
        d="amazon.es",
    ),
    alt("""Hola Pablo:

Tu paquete está en camino.

Llegada prevista: viernes, 27 de junio
Pedido n.º 403-8817204-3390125

Cafetera italiana de acero inoxidable 6 tazas
Cantidad: 1

Consulta el estado del envío en Mis pedidos.

Amazon.es
"""),
    not_notice("es", marketplace="amazon.es", notes="Spanish buyer shipping confirmation"),
    "Spanish buyer shipping confirmation",
)

d = D("2025-11-18 09:00:00", "+0100")
add(
    "123-tariffe-2026-it-announcement",
    amazon_headers(
        "123",
        d,
        addr("Amazon Services Europe", "seller-notification@amazon.it"),
        "Marco Bianchi <marco@profumeria-bianchi.example.test>",
        "Novità sulle tariffe di vendita su Amazon.it dal 1° febbraio 2026",
        d="amazon.it",
        reply_to="donotreply@amazon.com",
    ),
    alt("""Buongiorno,

ti informiamo che dal 1° febbraio 2026 entreranno in vigore alcune modifiche alle tariffe di vendita e di Logistica di Amazon su Amazon.it.

Cosa cambia?
- Commissioni per segnalazione ridotte per gli articoli di abbigliamento sotto i 15 EUR.
- Nuove tariffe di logistica per alcune categorie di dimensioni.

Non è richiesta alcuna azione da parte tua.

Amazon Services Europe
"""),
    not_notice(
        "it",
        marketplace="amazon.it",
        notes="Italian fee announcement with an effective date; no action required, not a notice",
    ),
    "Italian fee announcement",
)


# =========================================================================== issue 12: anatomy, never silent, new languages
# Each mail below shows one phenomenon learnt from reading real notices (never their text):
# boilerplate that names another issue, appeal replies, related accounts, "will be deactivated
# unless", mail from a notice sender that says nothing known, brand phishing that is not
# seller-themed, and notices in Chinese, Dutch, Polish and Swedish.

d = D("2026-05-04 15:20:11", "+0000")
add(
    "124-restricted-suspension-atoz-in-funds-paragraph",
    plain_headers(
        "124",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        SELLER,
        "Your Amazon.com selling privileges have been removed",
    ),
    Leaf("""Hello,

We are letting you know that we removed your selling privileges and put a temporary hold on the funds in your seller account.

We took this step because several of your offers are for items that are not permitted on Amazon.com, among them aerosol pesticides.

We encourage you to take care of any pending orders. Please note that amounts refunded to buyers through A-to-z Guarantee claims and chargebacks may be deducted from your seller account.

After 90 days, any remaining funds will be released according to your settlement schedule. If you have questions about these funds, write to payments-funds@amazon.com.

If you would like to appeal this decision, open Performance Notifications in Seller Central and click the Appeal button next to this message.

Regards,
Seller Performance Team
"""),
    notice(
        "account_status",
        "restricted_product",
        "critical",
        "amazon.com",
        notes="suspension for restricted items; the only A-to-z and chargeback words sit in the funds/deduction paragraph (boilerplate), which must not decide the issue type; 'After 90 days' is a funds hold, no deadline",
    ),
    "A-to-z only in the funds boilerplate",
)

d = D("2026-02-17 10:02:40", "+0000")
add(
    "125-appeal-reply-more-documents",
    plain_headers(
        "125",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.co.uk"),
        SELLER,
        "Re: Appeal of your account deactivation",
        mid_host="amazon.co.uk",
    ),
    Leaf("""Hello,

Thank you for your appeal. We have reviewed what you sent, but it is not enough for us to reactivate your account at this time.

The invoices you provided do not show that the goods you sold are authentic: they are not issued by the brand or an authorised distributor and the quantities do not cover your sales.

To continue, please send:
- invoices from your supplier covering the last 365 days of sales
- a letter of authorisation from the brand owner

Regards,
Seller Performance
"""),
    notice(
        "account_status",
        "product_authenticity",
        "critical",
        "amazon.co.uk",
        notes="reply to an appeal: the account stays deactivated ('not enough ... to reactivate your account'); the cause stated is authenticity; '365 days of sales' is an age, no deadline",
    ),
    "appeal reply asking for more documents",
)

d = D("2026-06-09 08:44:03", "+0200")
add(
    "126-nl-related-account-deactivated",
    plain_headers(
        "126",
        d,
        addr("Amazon.nl", "seller-performance@amazon.nl"),
        SELLER,
        "Uw verkopersaccount op Amazon.nl is gedeactiveerd",
        mid_host="amazon.nl",
    ),
    Leaf("""Beste verkoper,

We hebben uw verkopersaccount gedeactiveerd. Uw aanbiedingen zijn niet langer zichtbaar en uw tegoed wordt voorlopig vastgehouden.

Waarom is dit gebeurd?
Uw account is gekoppeld aan een ander account dat niet meer op Amazon mag verkopen.

Hoe kan ik mijn account opnieuw activeren?
Als u denkt dat dit een vergissing is, stuur ons dan binnen 30 dagen een toelichting via de knop Bezwaar op de pagina Accountstatus.

Met vriendelijke groet,
Team Verkopersprestaties
"""),
    notice(
        "account_status",
        "related_account",
        "critical",
        "amazon.nl",
        deadline=after(d, days=30),
        language="nl",
        notes="Dutch related-account deactivation written for this project; 'binnen 30 dagen' counts from the Date header",
    ),
    "Dutch related-account deactivation",
)

d = D("2026-07-21 12:05:00", "+0000")
add(
    "127-nl-odr-warning",
    plain_headers(
        "127",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.nl"),
        SELLER,
        "Waarschuwing: het percentage bestellingen met gebreken is te hoog",
        mid_host="amazon.nl",
    ),
    Leaf("""Hallo,

Uw percentage bestellingen met gebreken ligt boven ons doel. Als dit zo blijft, loopt uw account risico op deactivering.

Waarom gebeurt dit?
In de afgelopen 60 dagen kregen te veel van uw bestellingen negatieve feedback of een terugboeking.

Wat moet ik doen?
Bekijk de bestellingen op het dashboard Accountstatus en los de oorzaken op.

Met vriendelijke groet,
Amazon
"""),
    notice(
        "account_health",
        "order_defect_rate",
        "high",
        "amazon.nl",
        language="nl",
        notes="Dutch ODR warning, account at risk, no actual value stated; 'in de afgelopen 60 dagen' is a window, no deadline",
    ),
    "Dutch ODR warning",
)

d = D("2026-04-14 09:30:00", "+0200")
add(
    "128-pl-offer-removed-safety",
    plain_headers(
        "128",
        d,
        addr("Amazon.pl", "seller-performance@amazon.pl"),
        SELLER,
        "Oferta została usunięta z Amazon.pl",
        mid_host="amazon.pl",
    ),
    Leaf("""Dzień dobry,

Usunęliśmy Twoją ofertę ASIN B0F3KP7QZ2, ponieważ klienci zgłosili problem z bezpieczeństwem produktu: ładowarka przegrzewa się podczas pracy.

Jak mogę ponownie aktywować ofertę?
Prześlij raport z badań potwierdzający bezpieczeństwo produktu w ciągu 14 dni od otrzymania tej wiadomości.

Pozdrawiamy,
Zespół Amazon.pl
"""),
    notice(
        "policy_violation",
        "product_safety",
        "medium",
        "amazon.pl",
        asins=["B0F3KP7QZ2"],
        deadline=after(d, days=14),
        language="pl",
        notes="Polish safety takedown of one offer; 'w ciągu 14 dni' counts from the Date header; the seller is asked for a test report",
    ),
    "Polish product-safety removal",
)

d = D("2026-08-03 07:15:42", "+0200")
add(
    "129-sv-deactivated-identity-utility-bill",
    plain_headers(
        "129",
        d,
        addr("Amazon.se", "seller-performance@amazon.se"),
        SELLER,
        "Ditt säljarkonto på Amazon.se har inaktiverats",
        mid_host="amazon.se",
    ),
    Leaf("""Hej,

Ditt säljarkonto har inaktiverats eftersom vi inte kunde verifiera din identitet.

Hur återaktiverar jag mitt konto?
Skicka en kopia av en giltig legitimation och en elräkning som visar din adress, utfärdad under de senaste 90 dagarna, via sidan Kontohälsa.

Med vänliga hälsningar,
Amazon
"""),
    notice(
        "account_status",
        "verification_required",
        "critical",
        "amazon.se",
        language="sv",
        notes="Swedish deactivation for failed identity verification; 'under de senaste 90 dagarna' is an age, no deadline",
    ),
    "Swedish identity deactivation",
)

d = D("2026-09-30 11:11:11", "+0800")
add(
    "130-zh-listings-removed-trademark",
    plain_headers(
        "130",
        d,
        addr("Amazon Seller Performance", "notice-dispute@amazon.com"),
        SELLER,
        "政策警告：您的商品已被删除",
    ),
    Leaf("""您好，

我们已删除您的部分商品，因为权利所有人投诉这些商品侵犯了其商标。被删除的商品见本邮件末尾。

为什么会发生这种情况？
销售侵犯他人知识产权的商品违反亚马逊的政策。

如何重新激活？
如果您认为投诉有误，请在90天内将发票或授权书发送至 notice-dispute@amazon.com。

ASIN: B0D7MX2Q4R
侵权类型：商标
"""),
    notice(
        "policy_violation",
        "trademark",
        "medium",
        "amazon.com",
        asins=["B0D7MX2Q4R"],
        deadline=after(d, days=90),
        language="zh",
        notes="Simplified Chinese trademark takedown written for this project; '在90天内' counts from the Date header; answer by e-mail to notice-dispute@",
    ),
    "Chinese trademark takedown",
)

d = D("2026-10-12 16:40:00", "+0000")
add(
    "131-will-be-deactivated-unless-pricing",
    plain_headers(
        "131",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        SELLER,
        "Action required: pricing violations on your account",
    ),
    Leaf("""Hello,

Several of your offers break our Fair Pricing Policy: their prices are far above recent prices for the same products.

Your account will be deactivated unless you correct these prices within 5 days of this message.

Regards,
Seller Performance Team
"""),
    notice(
        "account_health",
        "pricing_policy",
        "critical",
        "amazon.com",
        deadline=after(d, days=5),
        notes="'will be deactivated unless' is a certain deactivation, not a mere risk: critical (issue 12 safety floor); cause fair pricing",
    ),
    "will be deactivated unless",
)

d = D("2026-03-19 13:00:00", "+0000")
add(
    "132-unrecognised-from-notice-sender",
    plain_headers(
        "132",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        SELLER,
        "About your business location",
    ),
    Leaf("""Hello,

The business location shown on your seller profile has been changed to the address on your registration documents.

Amazon
"""),
    notice(
        None,
        "other",
        "medium",
        "amazon.com",
        unrecognised=True,
        notes="from a notice sender (seller-performance@) but in words no rule knows: never ignored, unrecognised at medium",
    ),
    "never silent: unrecognised mail from a notice sender",
)

d = D("2026-11-02 02:14:09", "+0000")
add(
    "133-phish-brand-new-device",
    phish_headers(
        "133",
        d,
        addr("Account Services", "alerts@secure-login-center.example"),
        SELLER,
        "Amazon: sign-in from a new device - your account is on hold",
        from_domain="secure-login-center.example",
        ip="198.51.100.23",
        helo="mail.secure-login-center.example",
    ),
    Leaf("""Hello,

Someone signed in to your Amazon account from a new device. For your protection your account is on hold.

To confirm your account and restore access, sign in and verify your payment method:
https://secure-login-center.example/amazon/signin?session=8812

Amazon Customer Service
"""),
    not_notice(
        phishing=True,
        notes="Amazon brand, not seller-themed (new device, account on hold, verify payment) from a non-Amazon domain with a sign-in link outside Amazon: phishing (issue 12)",
    ),
    "brand phishing that is not seller-themed",
)

d = D("2026-12-01 09:05:00", "+0100")
orig = local("2026-11-30 18:30:00", "+0100")
add(
    "134-fwd-nl-doorgestuurd-lsr",
    plain_headers(
        "134",
        d,
        addr("Joris de Vries", "joris@fietsonderdelen.example"),
        "boekhouding@fietsonderdelen.example",
        "Doorst: Uw verkooprechten zijn ingetrokken",
        mid_host="fietsonderdelen.example",
    ),
    Leaf(f"""Zie hieronder, kunnen we hier morgen naar kijken?

Joris

---------- Doorgestuurd bericht ---------
Van: Amazon Seller Performance <seller-performance@amazon.nl>
Datum: {gmail_date(orig)}
Onderwerp: Uw verkooprechten zijn ingetrokken
Aan: Joris de Vries <joris@fietsonderdelen.example>

Hallo,

Uw verkooprechten zijn ingetrokken omdat uw percentage te late verzendingen boven de 4% ligt.

Hoe kan ik mijn account opnieuw activeren?
Stuur ons binnen 17 dagen een plan van aanpak waarin u uitlegt hoe u te late verzendingen voorkomt.

Met vriendelijke groet,
Team Verkopersprestaties
"""),
    notice(
        "account_status",
        "late_shipment_rate",
        "critical",
        "amazon.nl",
        deadline=iso(orig + timedelta(days=17)),
        language="nl",
        notes="Dutch notice forwarded with a Dutch client's 'Doorgestuurd bericht' block: 17 days count from the quoted original date; privileges removed (account_status) until a plan of action for the LSR",
    ),
    "forwarded Dutch LSR suspension",
)

d = D("2026-02-25 05:40:00", "+0000")
add(
    "135-in-store-named-by-com-sender",
    plain_headers(
        "135",
        d,
        addr("Amazon", "notice-dispute@amazon.com"),
        SELLER,
        "Notice: Policy Warning",
    ),
    Leaf("""Hello,

We removed the Amazon.in listing below because the owner of the brand reported that its packaging design is copied.

ASIN: B0EEEE4444
Infringement type: Copyright

How do I reactivate my listing?
If the report is wrong, send your purchase invoices to notice-dispute@amazon.com.
"""),
    notice(
        "policy_violation",
        "copyright",
        "medium",
        "amazon.in",
        asins=["B0EEEE4444"],
        notes="sent from Amazon's global .com dispute address but about an Amazon.in listing: the store the notice names wins",
    ),
    "store named in the body beats a .com sender",
)

d = D("2026-09-14 18:00:00", "+0000")
add(
    "136-brand-gating-no-penalty",
    plain_headers(
        "136",
        d,
        addr("Amazon Services", "seller-notification@amazon.com"),
        SELLER,
        "Approval is now needed to sell this brand",
    ),
    Leaf("""Hello,

Selling products of the brand Lumora in the Beauty category now needs approval to sell, so we removed your offers for them.

There is no penalty associated with this action. If you want to sell the brand again, apply for approval from the Add a Product page.

If you do not create a removal order for your FBA units within 60 days, they may be disposed of.

Amazon Services
"""),
    notice(
        "policy_violation",
        "restricted_product",
        "low",
        "amazon.com",
        deadline=after(d, days=60),
        notes="brand gating: offers removed but the notice says there is no penalty, so low even with an inventory deadline",
    ),
    "brand gating with no penalty",
)

d = D("2026-03-02 10:00:00", "+0900")
add(
    "137-jp-restricted-48-hours",
    plain_headers(
        "137",
        d,
        addr("Amazon.co.jp", "seller-performance@amazon.co.jp"),
        SELLER,
        "出品制限についてのお知らせ",
        mid_host="amazon.co.jp",
    ),
    Leaf("""出品者様

お客様の商品は制限対象商品に該当するため、出品を停止いたしました。

この通知を受け取ってから48時間以内に、該当する在庫の返送または廃棄を依頼してください。

Amazon.co.jp
"""),
    notice(
        "policy_violation",
        "restricted_product",
        "high",
        "amazon.co.jp",
        deadline=after(d, hours=48),
        language="ja",
        notes="JP restricted-product stop with a 48-hour deadline counted from the Date header: listing stopped (medium) raised one level by the deadline within 72 hours",
    ),
    "JP restricted product, 48 hours",
)

d = D("2026-07-07 09:00:00", "+0900")
add(
    "138-jp-account-closure-prose",
    plain_headers(
        "138",
        d,
        addr("Amazon.co.jp", "seller-performance@amazon.co.jp"),
        SELLER,
        "Amazon.co.jpからのお知らせ",
        mid_host="amazon.co.jp",
    ),
    Leaf("""ご担当者様

いつもAmazon.co.jpをご利用いただきありがとうございます。

審査の結果、お客様の出品用アカウントを閉鎖させていただくこととなりました。今後、Amazon.co.jpで商品を販売することはできません。

アカウント残高は、未発送の注文を処理した後にお支払いいたします。

Amazon.co.jp
"""),
    notice(
        "account_status",
        "account_suspended",
        "critical",
        "amazon.co.jp",
        language="ja",
        notes="JP closure in polite prose, no heading and no stated cause: account_status / account_suspended, critical; the thank-you line is no opening worth reading",
    ),
    "JP account closure in prose",
)

# =========================================================================== demo inbox (config/demo-inbox)

DEMO_TO = "Harbor & Pine Home Goods <shop@example.com>"


def demo(
    n: int, date: str, headers: list[tuple[str, str]], body: Leaf | Multi, label: dict, what: str
) -> None:
    epoch = int(parsedate_to_datetime(date).timestamp())
    DEMO_MSGS.append((f"{epoch}.demo{n}.notifyd", build(headers, body, f"demo{n}"), label, what))


d = D("2026-11-16 14:05:22", "+0000")
demo(
    1,
    d,
    amazon_headers(
        "demo1",
        d,
        addr("Amazon Seller Central", "seller-notification@amazon.com"),
        DEMO_TO,
        "Sold, ship now: Linen Tea Towels, Set of 4 (Sage)",
    ),
    alt("""Congratulations, you've sold an item!

Order ID: 113-7702914-3358120
Item: Linen Tea Towels, Set of 4 (Sage)
SKU: HP-TT4-SAGE
Quantity: 2
Ship by: Nov 18, 2026
Ship to: Nora Whitaker, Asheville, NC

Confirm shipment in Seller Central after you hand the package to the carrier:
https://sellercentral.amazon.com/orders-v3/order/113-7702914-3358120
"""),
    not_notice(marketplace="amazon.com", notes="order mail"),
    "Sold, ship now (ordinary)",
)

d = D("2026-11-17 16:00:00", "+0000")
demo(
    2,
    d,
    amazon_headers(
        "demo2",
        d,
        addr("Amazon.com", "seller-info@amazon.com"),
        DEMO_TO,
        "Your holiday selling checklist",
    ),
    alt("""Your holiday selling checklist

The busiest shopping weeks of the year are here. A few things to check this week:

- Set realistic handling times for December so your orders ship on time.
- Send FBA inventory early: fulfillment centers receive more shipments than usual in late November.
- Review your return settings before gift returns start in January.

Find more tips in Seller University:
https://sellercentral.amazon.com/learn

Happy selling,
Amazon.com
"""),
    not_notice(marketplace="amazon.com", notes="newsletter"),
    "seller newsletter (ordinary)",
)

d = D("2026-11-18 08:12:45", "+0000")
demo(
    3,
    d,
    amazon_headers(
        "demo3",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        DEMO_TO,
        "Warning: Your order defect rate is higher than 1%",
        auth=True,
    ),
    alt("""Hello Harbor & Pine Home Goods,

Your account is at risk of deactivation because your Order Defect Rate (ODR) is above our target.

Your Order Defect Rate is 2.4%; the target is 1%.

Why is this happening?
Over a 60-day period, 11 of your orders received negative feedback, an A-to-z Guarantee claim, or a chargeback. Most of them mention late or missing deliveries.

What should I do?
Review the affected orders on the Account Health page and contact the buyers where you can. If these defects are not addressed, they will put your account at risk of deactivation within 72 hours.
https://sellercentral.amazon.com/performance/account/health

We're here to help
Contact Seller Support if you have questions. We'll get back to you within 2 business days.

Seller Performance Team
Amazon.com
"""),
    notice(
        "account_health",
        "order_defect_rate",
        "high",
        "amazon.com",
        deadline=after(d, hours=72),
        metrics={"order_defect_rate": 2.4},
        notes="ODR warning with a 72-hour window",
    ),
    "ODR warning, 2.4%, 72 hours",
)

d = D("2026-11-19 10:30:00", "+0000")
demo(
    4,
    d,
    amazon_headers(
        "demo4",
        d,
        addr("Amazon Payments", "payments-messages@amazon.com"),
        DEMO_TO,
        "Your payment is on its way",
    ),
    alt("""Hello,

We've initiated a transfer of $6,184.52 to your bank account ending in 2290.

Settlement period: Nov 5, 2026 - Nov 19, 2026
Transfer amount: $6,184.52

The funds should arrive in your bank account within 3 to 5 business days.

Amazon Payments
"""),
    not_notice(marketplace="amazon.com", notes="payout"),
    "payout (ordinary)",
)

d = D("2026-11-20 15:44:10", "+0000")
demo(
    5,
    d,
    amazon_headers(
        "demo5",
        d,
        addr("Amazon.com", "notice-dispute@amazon.com"),
        DEMO_TO,
        "Notice: Policy Warning",
        auth=True,
    ),
    alt("""Hello,

We received a report from a rights owner that the listings at the end of this email infringe their trademark. As a result, we removed these listings.

What can I do?
If you believe this report was made in error, contact the rights owner: Coastline Textiles LLC, brand@coastline-textiles.example.test. The rights owner can retract the complaint by writing to notice-retraction@amazon.com. If you have invoices or a letter of authorization, send them to notice-dispute@amazon.com.

Repeated intellectual property complaints may lead to the deactivation of your selling account.

ASIN: B0DQ7K3LMX
Title: Coastline Waffle Weave Bath Towels, Set of 2
Infringement type: Trademark
Trademark number: 6120457
Complaint ID: 3390218846

ASIN: B0DQ7K5NPW
Title: Coastline Waffle Weave Hand Towels, Set of 4
Infringement type: Trademark
Trademark number: 6120457
Complaint ID: 3390218846

Seller Performance Team
Amazon.com
"""),
    notice(
        "policy_violation",
        "trademark",
        "medium",
        "amazon.com",
        asins=["B0DQ7K3LMX", "B0DQ7K5NPW"],
        notes="trademark takedown with two ASINs",
    ),
    "IP trademark complaint, 2 ASINs",
)

d = D("2026-11-21 12:00:00", "+0100")
demo(
    6,
    d,
    plain_headers(
        "demo6",
        d,
        "Anika Vos <anika@boxworks-packaging.example.test>",
        DEMO_TO,
        "Your quote: 2,000 printed mailer boxes",
        mid_host="boxworks-packaging.example.test",
    ),
    Leaf("""Hi there,

Thanks for your enquiry. Here is the quote for the printed mailer boxes:

- 2,000 x mailer box 30 x 22 x 8 cm, one-colour print: EUR 1,480.00
- Delivery to your warehouse: EUR 95.00

Production takes about 10 working days after artwork approval. The quote is valid until 5 December.

Best regards,
Anika Vos
Boxworks Packaging
"""),
    not_notice(notes="supplier mail"),
    "packaging supplier quote (non-Amazon)",
)

d = D("2026-11-22 03:17:09", "+0000")
demo(
    7,
    d,
    phish_headers(
        "demo7",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        DEMO_TO,
        "Your selling account has been suspended",
        from_domain="amazon.com",
        ip="203.0.113.61",
        helo="mx.amazon-seller-support.net",
        auth="fail",
        reply_to="noreply@amazon-seller-support.net",
    ),
    alt("""Hello,

Your selling account has been suspended due to unusual activity.

You have 24 hours to verify your account or it will be permanently terminated and your funds will be forfeited.

To verify, sign in with your Seller Central email and password and confirm your bank account details:
https://sellercentral.amazon.com.verify-account.xyz/ap/signin

Seller Performance Team
"""),
    not_notice(
        phishing=True, notes="spoofed sender, dkim/spf fail, look-alike link, 24-hour threat"
    ),
    "phishing imitation",
)

d = D("2026-11-23 18:25:30", "+0000")
demo(
    8,
    d,
    amazon_headers(
        "demo8",
        d,
        addr("Amazon.com", "atoz-guarantee-no-reply@amazon.com"),
        DEMO_TO,
        "A-to-z Guarantee claim on order 114-2093381-6654102",
    ),
    alt("""Hello,

A customer has submitted an A-to-z Guarantee claim on the following order:

Order ID: 114-2093381-6654102
Item: Stoneware Dinner Plates, Set of 6 (Oatmeal)
Claim reason: Item arrived damaged
Claim amount: $64.00

Please respond within 72 hours with any information about this order, such as photos taken at packing, tracking details or your messages with the customer. If we do not hear from you, the claim may be granted and the amount deducted from your account.

Respond to the claim:
https://sellercentral.amazon.com/gp/guarantee-claims/home.html

Amazon.com
"""),
    notice(
        "customer_feedback",
        "a_to_z_claim",
        "medium",
        "amazon.com",
        deadline=after(d, hours=72),
        notes="A-to-z claim, 72 hours",
    ),
    "A-to-z claim, 72 hours",
)

d = D("2026-11-24 16:20:02", "+0000")
demo(
    9,
    d,
    amazon_headers(
        "demo9",
        d,
        addr("Amazon Services", "payments-messages@amazon.com"),
        DEMO_TO,
        "Action Required: Pay your seller account balance",
        auth=True,
    ),
    alt(
        BALANCE_TEXT.format(
            amount="$112.30", link="https://sellercentral.amazon.com/payments/dashboard/index.html"
        )
    ),
    not_notice(marketplace="amazon.com", notes="genuine billing"),
    "billing: pay your balance (ordinary)",
)

d = D("2026-11-25 09:05:11", "+0000")
demo(
    10,
    d,
    amazon_headers(
        "demo10",
        d,
        addr("Amazon Seller Performance", "seller-performance@amazon.com"),
        DEMO_TO,
        "Your Amazon.com selling account has been deactivated",
        auth=True,
    ),
    alt("""Hello Harbor & Pine Home Goods,

We have deactivated your Amazon.com selling account. Your listings have been removed and funds in your account are on hold.

Why did this happen?
Your Order Defect Rate is 3.1%; the target is 1%. We warned you about this on November 18, and the number of defective orders has continued to grow.

How do I reactivate my account?
Submit a plan of action on the Account Health page that explains:
- the root cause of the late and damaged deliveries,
- the actions you have taken to resolve them, and
- the steps you will take to prevent them in the future.
https://sellercentral.amazon.com/performance/account/health

If you do not send an acceptable plan within 17 days, we will not review your account further.

What happens to my funds?
After 90 days, the hold will be removed and remaining funds will be transferred to your bank account.

We're here to help
Seller Performance Team
Amazon.com
"""),
    notice(
        "account_status",
        "order_defect_rate",
        "critical",
        "amazon.com",
        deadline=after(d, days=17),
        metrics={"order_defect_rate": 3.1},
        notes="deactivation for ODR with a 17-day plan deadline",
    ),
    "account deactivation, 17-day plan (critical)",
)


# =========================================================================== writing and checking

ISSUE_TYPES: tuple[str, ...] = ()


def load_issue_types() -> tuple[str, ...]:
    sys.path.insert(0, str(ROOT))
    from notifyd.core.models import CATEGORIES as C
    from notifyd.core.models import ISSUE_TYPES as I
    from notifyd.core.models import SEVERITIES as S

    assert tuple(C) == CATEGORIES and tuple(S) == SEVERITIES
    return tuple(I)


ASIN_RE = re.compile(r"^(B0[0-9A-Z]{8}|[0-9]{9}[0-9X])$")
KEYS = {
    "is_notice",
    "category",
    "issue_type",
    "asins",
    "deadline",
    "severity",
    "marketplace",
    "language",
    "metrics",
    "suspected_phishing",
    "notes",
}


def check_label(name: str, lab: dict) -> None:
    assert KEYS <= set(lab) <= KEYS | {"unrecognised"}, (name, set(lab) ^ KEYS)
    assert isinstance(lab["is_notice"], bool) and isinstance(lab["suspected_phishing"], bool), name
    assert lab["category"] in (*CATEGORIES, None), name
    assert lab["issue_type"] in (*ISSUE_TYPES, None), name
    assert lab["severity"] in (*SEVERITIES, None), name
    assert lab["marketplace"] in (*MARKETS, None), name
    assert lab["language"] in LANGS, name
    assert lab["asins"] == sorted(set(lab["asins"])) and all(
        ASIN_RE.match(a) for a in lab["asins"]
    ), name
    assert set(lab["metrics"]) <= set(METRIC_KEYS) and all(
        isinstance(v, (int, float)) for v in lab["metrics"].values()
    ), name
    if lab["deadline"] is not None:
        datetime.strptime(lab["deadline"], "%Y-%m-%dT%H:%M:%SZ")
    if not lab["is_notice"]:
        assert lab["category"] is lab["issue_type"] is lab["severity"] is lab["deadline"] is None, (
            name
        )
        assert not lab["asins"] and not lab["metrics"], name
    else:
        assert not lab["suspected_phishing"] and lab["issue_type"] and lab["severity"], name
        if lab.get("unrecognised"):
            assert (
                lab["category"] is None
                and lab["issue_type"] == "other"
                and lab["severity"] == "medium"
            ), name
        else:
            assert lab["category"], name
    assert lab["notes"] and "\n" not in lab["notes"], name


def readme() -> str:
    rows = []
    for name, _raw, lab, why in FIXTURES:
        if lab["suspected_phishing"]:
            kind = "phishing"
        elif not lab["is_notice"]:
            kind = "not a notice"
        elif lab.get("unrecognised"):
            kind = "unrecognised notice"
        else:
            kind = f"{lab['category']} / {lab['issue_type']} / {lab['severity']}"
        rows.append(f"| `{name}.eml` | {kind} ({lab['language']}) | {why} |")
    return (
        """# notifyd test corpus

Hand-written Amazon seller mails (`NNN-name.eml`) with the expected reading of each one
(`NNN-name.json`, same basename).  The texts were written for this project from the facts in
`shared/PATTERNS.md`; no real mailbox was copied.  People, shops, order numbers, ASINs and
complaint IDs are invented.  Attacker IPs are in the documentation ranges.

`make_corpus.py` writes every `.eml`/`.json` here and the demo Maildir in
`config/demo-inbox/`, then checks them.  Edit the script, not the files, and rerun:

    .venv/bin/python tests/corpus/make_corpus.py

## Label format

`is_notice`, `category`, `issue_type`, `asins` (sorted, unique), `deadline` (UTC,
`YYYY-MM-DDTHH:MM:SSZ`), `severity`, `marketplace`, `language`, `metrics` (actual values only,
never targets; keys `order_defect_rate`, `late_shipment_rate`, `pre_fulfillment_cancel_rate`,
`valid_tracking_rate`, `on_time_delivery_rate`, `account_health_rating`),
`suspected_phishing`, `notes`, and `unrecognised: true` on notice-like mail that no category
covers (category null, issue type `other`, severity `medium`: nobody knows what it says).

## Conventions

- Not a notice: `category`, `issue_type`, `severity`, `deadline` are null, `asins` and
  `metrics` empty; `language` is still the mail's language; `marketplace` is the Amazon store
  the mail came from (null for non-Amazon mail).
- Phishing imitations: `is_notice: false`, `suspected_phishing: true`, same nulls;
  `marketplace` is the store whose address the From header spoofs (null when it names none).  A
  word-for-word copy of a genuine template (084, 085, 089) is still phishing: headers and link
  hosts decide.
- Relative deadlines count from the Date header; for a forwarded notice, from the original
  date quoted in the forwarded block.  Gmail and Outlook quote that date without an offset;
  it is read in the offset of the forward's own Date header (Thunderbird quotes a full
  RFC 5322 date, used as is).  "within N days" = date + N x 24 h; "within N hours" = date + N h.
- A bare absolute date ("by 5 December 2026", "bis zum 22.12.2025", "2026年12月13日までに")
  is 23:59:59 of that day in the marketplace's time zone, in UTC.  An ISO timestamp
  ("2024-12-13T00:00:00.000Z") is taken exactly.
- Not deadlines: Amazon's own turnaround ("within 2 business days", "within 48 hours",
  "we will be contacting you by phone ... within 72 hours"), windows and ages ("60-day time
  period", "issued in the last 365 days", "dated within the last 90 days", "for a period of
  30 days"), funds holds ("After 90 days, the hold will be removed", "up to 90 days"), order
  dates ("Ship by", "Versand bis", "出荷予定日"), promotion and effective dates ("by May 31").
- Severity: account deactivated / suspended / selling privileges removed = critical; account
  at risk, a metric warning while the account is active, or listings removed with an
  inventory/account consequence and a deadline = high; listing or offer removed = medium;
  A-to-z claims and chargebacks = medium (money is taken unless the seller responds; issue 12
  safety first); warning with the listing active, informational, reinstated, feedback = low.  A
  deadline 72 hours or less after the notice raises low to medium and medium to high.
- Account-level actions are `account_status` with the most specific stated cause as the issue
  type (e.g. a 2014 ODR suspension is `account_status` / `order_defect_rate`).

## Files

| file | what it is | why it is here |
|---|---|---|
"""
        + "\n".join(rows)
        + "\n"
    )


def demo_readme() -> str:
    rows = [
        f"| `new/{fn}` | {what} | {'phishing' if lab['suspected_phishing'] else (lab['category'] or 'not a notice')} | {lab['severity'] or '-'} | {lab['deadline'] or '-'} |"
        for fn, _raw, lab, what in DEMO_MSGS
    ]
    return (
        """# Demo inbox

A Maildir with ten messages dated 16-25 November 2026, the mailbox a new user points notifyd
at in the demo.  Expected readings are in `expected.json` (same format as
`tests/corpus/*.json`).  Generated by `tests/corpus/make_corpus.py`.

Git does not keep empty folders: a reader should create `cur/` and `tmp/` when they are
missing (Python's `mailbox.Maildir(path, create=True)` does).

| message | what | category | severity | deadline (UTC) |
|---|---|---|---|---|
"""
        + "\n".join(rows)
        + "\n"
    )


def parse_check(path: Path) -> None:
    from email import message_from_bytes, policy

    msg = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert not msg.defects, (path.name, msg.defects)
    for h in ("Date", "From", "To", "Subject", "Message-ID"):
        assert msg[h], (path.name, h)
    assert parsedate_to_datetime(str(msg["Date"])).tzinfo is not None, path.name
    n = 0
    for part in msg.walk():
        assert not part.defects, (path.name, part.defects)
        if part.get_content_maintype() == "text":
            txt = part.get_content()
            assert "\ufffd" not in txt and len(txt.strip()) > 40, path.name
            n += 1
    assert n, path.name


def main() -> None:
    global ISSUE_TYPES
    ISSUE_TYPES = load_issue_types()
    for p in HERE.glob("[0-9][0-9][0-9]-*.eml"):
        p.unlink()
    for p in HERE.glob("[0-9][0-9][0-9]-*.json"):
        p.unlink()
    mids = set()
    for name, raw, lab, _why in FIXTURES:
        check_label(name, lab)
        (HERE / f"{name}.eml").write_bytes(raw)
        (HERE / f"{name}.json").write_text(
            json.dumps(lab, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    (HERE / "README.md").write_text(readme(), encoding="utf-8")

    if DEMO.exists():
        shutil.rmtree(DEMO)
    for sub in ("cur", "new", "tmp"):
        (DEMO / sub).mkdir(parents=True)
    expected = {}
    for fn, raw, lab, _what in DEMO_MSGS:
        check_label(fn, lab)
        (DEMO / "new" / fn).write_bytes(raw)
        expected[fn] = lab
    (DEMO / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (DEMO / "README.md").write_text(demo_readme(), encoding="utf-8")

    # check what is on disk
    from email import message_from_bytes, policy

    emls = sorted(HERE.glob("*.eml"))
    jsons = sorted(HERE.glob("*.json"))
    assert {p.stem for p in emls} == {p.stem for p in jsons}, "basenames do not pair up"
    for p in [*emls, *sorted((DEMO / "new").iterdir())]:
        parse_check(p)
        mid = str(message_from_bytes(p.read_bytes(), policy=policy.default)["Message-ID"])
        assert mid not in mids, (p.name, mid)
        mids.add(mid)
    for p in jsons:
        check_label(p.name, json.loads(p.read_text(encoding="utf-8")))
    print(
        f"wrote {len(emls)} fixtures and {len(DEMO_MSGS)} demo messages; all parse and all labels are valid"
    )


if __name__ == "__main__":
    main()
