#!/usr/bin/env python3
"""Build the held-out evaluation set: NNN-slug.eml + NNN-slug.json + README.md.

Written independently of notifyd's classifier and fixture corpus, from the public facts in
PATTERNS.md only.  Output is deterministic: fixed boundaries, fixed Message-IDs, hashes seeded
by the slug.  Run:  .venv/bin/python tests/holdout/make_holdout.py
"""

from __future__ import annotations

import hashlib
import html as htmlmod
import io
import json
import re
from datetime import UTC, datetime, timedelta, timezone
from email import policy
from email.charset import BASE64, QP, Charset
from email.generator import BytesGenerator
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr
from pathlib import Path
from zoneinfo import ZoneInfo

OUT = Path(__file__).resolve().parent

TZ = {
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
}


# --------------------------------------------------------------------------- helpers


def hx(seed: str, n: int = 16, upper: bool = False) -> str:
    out = ""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(f"{seed}/{i}".encode()).hexdigest()
        i += 1
    out = out[:n]
    return out.upper() if upper else out


def b64ish(seed: str, n: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    raw = hashlib.sha512(seed.encode()).digest() * 4
    return "".join(alphabet[b % 64] for b in raw[:n])


def when(y, mo, d, hh, mm, ss, offset_minutes=0) -> datetime:
    return datetime(y, mo, d, hh, mm, ss, tzinfo=timezone(timedelta(minutes=offset_minutes)))


def iso(dt: datetime | None) -> str | None:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if dt else None


def end_of_day(y, mo, d, marketplace) -> datetime:
    return datetime(y, mo, d, 23, 59, 59, tzinfo=ZoneInfo(TZ[marketplace]))


def hdr(text: str, charset: str = "utf-8") -> str:
    try:
        text.encode("ascii")
        return text
    except UnicodeEncodeError:
        return Header(text, charset).encode()


def addr(name: str, address: str, charset: str = "utf-8") -> str:
    if not name:
        return address
    try:
        name.encode("ascii")
        return formataddr((name, address))
    except UnicodeEncodeError:
        return formataddr((name, address), charset=charset)


def part(body: str, subtype: str = "plain", charset: str = "utf-8", cte: str = "qp") -> MIMEText:
    cs = Charset(charset)
    if charset.lower() != "iso-2022-jp":
        cs.body_encoding = {"qp": QP, "b64": BASE64, "8bit": None, "7bit": None}[cte]
    p = MIMEText(body, subtype, cs)
    del p["MIME-Version"]
    return p


def alternative(text: str, html: str, slug: str, text_cte="qp", html_cte="qp", charset="utf-8"):
    m = MIMEMultipart("alternative", boundary=f"----=_Part_{int(hx(slug, 7), 16)}_{int(hx(slug + 'b', 9), 16)}.{int(hx(slug + 'c', 10), 16)}")
    m.attach(part(text, "plain", charset, text_cte))
    m.attach(part(html, "html", charset, html_cte))
    return m


def assemble(headers: list[tuple[str, str]], root) -> bytes:
    content = list(root.items())
    for k in list(root.keys()):
        del root[k]
    for k, v in headers:
        root[k] = v
    if not any(k.lower() == "mime-version" for k, _ in headers):
        root["MIME-Version"] = "1.0"
    for k, v in content:
        if k.lower() == "mime-version":
            continue
        root[k] = v
    buf = io.BytesIO()
    BytesGenerator(buf, mangle_from_=False, maxheaderlen=0, policy=policy.compat32.clone(linesep="\n")).flatten(root)
    return buf.getvalue()


def sc_host(mp: str) -> str:
    return {
        "amazon.com": "sellercentral.amazon.com",
        "amazon.ca": "sellercentral.amazon.ca",
        "amazon.co.uk": "sellercentral.amazon.co.uk",
        "amazon.de": "sellercentral.amazon.de",
        "amazon.fr": "sellercentral.amazon.fr",
        "amazon.it": "sellercentral.amazon.it",
        "amazon.es": "sellercentral.amazon.es",
        "amazon.co.jp": "sellercentral.amazon.co.jp",
        "amazon.com.au": "sellercentral.amazon.com.au",
        "amazon.in": "sellercentral.amazon.in",
    }[mp]


def tracked(mp: str, target: str, slug: str) -> str:
    """Amazon-style click-tracking redirect that stays on the marketplace's Seller Central host."""
    from urllib.parse import quote

    host = sc_host(mp)
    return (
        f"https://{host}/gp/r.html?C={hx(slug + target, 13, True)}&K={hx(slug, 14, True)}"
        f"&M=urn:rtn:msg:{hx(slug + 'm', 22)}&R={hx(slug + 'r', 13, True)}&T=C"
        f"&U={quote(target, safe='')}&H={hx(slug + 'h', 26, True)}&ref_=pe_{int(hx(slug, 6), 16)}_{int(hx(slug + 'x', 7), 16)}"
    )


URL_RE = re.compile(r"https?://[^\s<>\"]+")


def text_to_html(text: str, mp: str | None, slug: str, track: bool = True) -> str:
    """Render a plain-text notice as the kind of HTML Amazon's templates send."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip("\n"))]
    out = []
    for b in blocks:
        lines = b.split("\n")
        if len(lines) == 1 and len(lines[0]) < 90 and lines[0].rstrip().endswith(("?", "？")):
            out.append(f'<h3 style="font-size:16px;margin:18px 0 6px 0;color:#111111">{htmlmod.escape(lines[0])}</h3>')
            continue
        if len(lines) > 1 and len(lines[0]) < 90 and lines[0].rstrip().endswith(("?", "？")):
            out.append(f'<h3 style="font-size:16px;margin:18px 0 6px 0;color:#111111">{htmlmod.escape(lines[0])}</h3>')
            lines = lines[1:]
        rendered = []
        for ln in lines:
            esc = htmlmod.escape(ln)

            def link(m):
                url = htmlmod.unescape(m.group(0))
                href = tracked(mp, url, slug) if (track and mp and "amazon." in url) else url
                return f'<a href="{htmlmod.escape(href)}" style="color:#0066c0">{htmlmod.escape(url)}</a>'

            esc = URL_RE.sub(link, esc)
            rendered.append(esc)
        out.append('<p style="margin:0 0 12px 0;line-height:20px">' + "<br>\n".join(rendered) + "</p>")
    return "\n".join(out)


def amazon_html(inner: str, mp: str, slug: str, footer: str, lang: str = "en") -> str:
    host = sc_host(mp)
    pixel = f"https://{host}/gp/r.html?C={hx(slug + 'px', 13, True)}&T=E&R={hx(slug + 'r', 13, True)}&H={hx(slug + 'ph', 26, True)}&ref_=pe_open"
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html lang="{lang}"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style type="text/css">body{{margin:0;padding:0}} a{{color:#0066c0}} @media only screen and (max-width:600px){{.wrap{{width:100%!important}}}}</style>
</head>
<body style="margin:0;padding:0;background-color:#eaeded">
<table width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#eaeded"><tr><td align="center" style="padding:20px 0">
<table class="wrap" width="600" cellpadding="0" cellspacing="0" border="0" style="background-color:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#111111">
<tr><td style="padding:18px 24px;border-bottom:3px solid #ff9900"><img src="https://m.media-amazon.com/images/G/01/rainier/nav/sc-logo-{mp.replace('.', '-')}._CB485926164_.png" alt="amazon seller central" width="170" height="34" style="display:block;border:0"></td></tr>
<tr><td style="padding:24px 24px 8px 24px">
{inner}
</td></tr>
<tr><td style="padding:14px 24px 24px 24px;font-size:11px;line-height:16px;color:#767676;border-top:1px solid #dddddd">{footer}</td></tr>
</table>
</td></tr></table>
<img src="{htmlmod.escape(pixel)}" width="1" height="1" alt="" style="display:none">
</body></html>
"""


FOOTER_TXT = {
    "amazon.com": "© 2026 Amazon.com, Inc. or its affiliates. All rights reserved. Amazon.com, 410 Terry Avenue North, Seattle, WA 98109-5210.\nThis email was sent by Amazon.com. Please note that this message was sent to the following email address: {to}",
    "amazon.ca": "© 2026 Amazon.com.ca ULC or its affiliates. All rights reserved. 40 King St W, Toronto, ON M5H 3Y2.\nThis email was sent to: {to}",
    "amazon.co.uk": "© 2026 Amazon.com, Inc. or its affiliates. Amazon EU S.à r.l., 38 avenue John F. Kennedy, L-1855 Luxembourg. Registered in Luxembourg, R.C.S. Luxembourg: B-101818.\nThis e-mail was sent to {to}",
    "amazon.de": "© 2026 Amazon.com, Inc. oder Tochtergesellschaften. Amazon Services Europe S.à r.l., 38 avenue John F. Kennedy, L-1855 Luxemburg. Handelsregister Luxemburg: B-93815.\nDiese E-Mail wurde an {to} gesendet.",
    "amazon.fr": "© 2026 Amazon.com, Inc. ou ses filiales. Amazon Services Europe S.à r.l., 38 avenue John F. Kennedy, L-1855 Luxembourg. RCS Luxembourg : B-93815.\nCet e-mail a été envoyé à {to}.",
    "amazon.it": "© 2026 Amazon.com, Inc. o società affiliate. Amazon Services Europe S.à r.l., 38 avenue John F. Kennedy, L-1855 Lussemburgo. R.C.S. Lussemburgo: B-93815.\nQuesta e-mail è stata inviata a {to}.",
    "amazon.es": "© 2026 Amazon.com, Inc. o sus filiales. Amazon Services Europe S.à r.l., 38 avenue John F. Kennedy, L-1855 Luxemburgo. R.C.S. Luxemburgo: B-93815.\nEste correo electrónico se ha enviado a {to}.",
    "amazon.co.jp": "© 2026 Amazon.com, Inc. or its affiliates. アマゾンジャパン合同会社 〒153-0064 東京都目黒区下目黒1-8-1\nこのEメールアドレスは配信専用です。このメッセージに返信しないようお願いいたします。",
    "amazon.com.au": "© 2026 Amazon Commercial Services Pty Ltd. ABN 30 616 935 623. Level 37, 2-26 Park Street, Sydney NSW 2000.\nThis email was sent to {to}",
    "amazon.in": "© 2026 Amazon Seller Services Private Limited. Brigade Gateway, 8th floor, 26/1, Dr. Rajkumar Road, Malleshwaram (W), Bangalore 560055.\nThis email was sent to {to}",
}


def amazon_infra(slug: str, date: datetime, to: str, domain: str, ses_region: str = "us-east-1") -> tuple[list, list]:
    """Genuine Amazon SES trace headers (before From) and Amazon's own X- headers (after)."""
    ip = f"54.240.{int(hx(slug, 2), 16) % 60 + 1}.{int(hx(slug + 'i', 2), 16) % 250 + 2}"
    host = f"a{ip.split('.')[2]}-{ip.split('.')[3]}.smtp-out.{'' if ses_region == 'us-east-1' else ses_region + '.'}amazonses.com"
    stamp = (date + timedelta(seconds=int(hx(slug, 1), 16) % 5 + 1)).astimezone(UTC)
    rp = f"{date.astimezone(UTC).strftime('%Y%m%d%H%M%S')}{hx(slug + 'rp', 10)}@bounces.{domain}"
    sesdom = "email.amazonses.com" if ses_region == "us-east-1" else f"{ses_region}.amazonses.com"
    pre = [
        ("Delivered-To", to),
        (
            "Received",
            f"from {host} ({host}. [{ip}])\n        by mx.google.com with ESMTPS id {hx(slug + 'id', 18)}\n"
            f"        for <{to}>\n        (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128);\n"
            f"        {format_datetime(stamp)}",
        ),
        (
            "Authentication-Results",
            f"mx.google.com;\n       dkim=pass header.i=@{domain} header.s=rte02 header.b={b64ish(slug + 'b1', 8)};\n"
            f"       dkim=pass header.i=@amazonses.com header.s=224i4yxa5dv7c2xz3womw6peuasteono header.b={b64ish(slug + 'b2', 8)};\n"
            f"       spf=pass (google.com: domain of {rp} designates {ip} as permitted sender) smtp.mailfrom={rp};\n"
            f"       dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from={domain}",
        ),
        ("Return-Path", f"<{rp}>"),
        (
            "DKIM-Signature",
            f"v=1; a=rsa-sha256; q=dns/txt; c=relaxed/simple;\n\ts=rte02; d={domain}; t={int(date.timestamp())};\n"
            f"\th=Date:From:To:Message-ID:Subject:MIME-Version:Content-Type;\n\tbh={b64ish(slug + 'bh', 43)}=;\n"
            f"\tb={b64ish(slug + 'sig1', 76)}\n\t{b64ish(slug + 'sig1b', 60)}=",
        ),
        (
            "DKIM-Signature",
            f"v=1; a=rsa-sha256; q=dns/txt; c=relaxed/simple;\n\ts=224i4yxa5dv7c2xz3womw6peuasteono; d=amazonses.com; t={int(date.timestamp())};\n"
            f"\th=Date:From:To:Message-ID:Subject:MIME-Version:Content-Type:Feedback-ID;\n\tbh={b64ish(slug + 'bh', 43)}=;\n"
            f"\tb={b64ish(slug + 'sig2', 76)}\n\t{b64ish(slug + 'sig2b', 60)}=",
        ),
    ]
    prefix = "0100" if ses_region == "us-east-1" else "0102"
    post = [
        ("Message-ID", f"<{prefix}{hx(slug, 12)}-{hx(slug + 'a', 8)}-{hx(slug + 'b', 4)}-{hx(slug + 'c', 4)}-{hx(slug + 'd', 4)}-{hx(slug + 'e', 12)}-000000@{sesdom}>"),
        ("X-AMAZON-MAIL-RELAY-TYPE", "notification"),
        ("X-AMAZON-METADATA", f"CA={hx(slug + 'ca', 14, True)}-CU={hx(slug + 'cu', 13, True)}"),
        ("X-Original-MessageID", f"<urn.rtn.msg.{date.astimezone(UTC).strftime('%Y%m%d%H%M%S')}{hx(slug + 'o', 8)}@1{int(hx(slug, 3), 16)}.rtn-svc-na-prod.amazon.com>"),
        ("Feedback-ID", f"1.{ses_region}.{b64ish(slug + 'fb', 43).replace('/', 'x')}=:AmazonSES"),
        ("X-SES-Outgoing", f"{date.astimezone(UTC).strftime('%Y.%m.%d')}-{ip}"),
    ]
    return pre, post


def google_rx(slug: str, date: datetime, to: str, from_host: str, ip: str) -> tuple[str, str]:
    stamp = (date + timedelta(seconds=2)).astimezone(UTC)
    return (
        "Received",
        f"from {from_host} ({from_host}. [{ip}])\n        by mx.google.com with ESMTPS id {hx(slug + 'gid', 18)}\n"
        f"        for <{to}>\n        (version=TLS1_2 cipher=ECDHE-ECDSA-AES128-GCM-SHA256 bits=128/128);\n        {format_datetime(stamp)}",
    )


# --------------------------------------------------------------------------- the corpus

MAILS: list[dict] = []


def add(slug: str, raw: bytes, label: dict, summary: str) -> None:
    base = {
        "is_notice": False,
        "category": None,
        "issue_type": None,
        "asins": [],
        "deadline": None,
        "severity": None,
        "marketplace": None,
        "language": "en",
        "metrics": {},
        "suspected_phishing": False,
        "notes": "",
    }
    base.update(label)
    base["asins"] = sorted(base["asins"])
    assert set(base) == {
        "is_notice", "category", "issue_type", "asins", "deadline", "severity",
        "marketplace", "language", "metrics", "suspected_phishing", "notes",
    }, slug
    MAILS.append({"slug": slug, "raw": raw, "label": base, "summary": summary})


def genuine(slug, mp, domain, from_name, from_addr, to, subject, date, body_root, extra_after=(), ses_region="us-east-1", subject_charset="utf-8"):
    pre, post = amazon_infra(slug, date, to, domain, ses_region)
    headers = [*pre, ("From", addr(from_name, from_addr, subject_charset)), ("To", to), ("Subject", hdr(subject, subject_charset)), ("Date", format_datetime(date)), *post, *list(extra_after)]
    return assemble(headers, body_root)


# ---------------------------------------------------------------- 001 US ODR at-risk (QP, multipart)

slug = "001-us-odr-warning"
d = when(2026, 2, 2, 17, 41, 9)
to = "maria@brightnest-home.com"
txt = """Hello,

Your Order Defect Rate is 2.34%; the target is 1%.

Why is this happening?
Order Defect Rate (ODR) is the percentage of your orders that have one or more indicators of poor customer experience during a given 60-day time period. An order has a defect if it results in negative feedback, an A-to-z Guarantee claim that is not denied, or a credit card chargeback.

Your account is currently active. However, maintaining an Order Defect Rate above 1% puts your account at risk of deactivation.

How can I improve my Order Defect Rate?
- Review the orders that contributed to your ODR on the Customer Service Performance page: https://sellercentral.amazon.com/performance/detail/customer-service?ref=sp_st_nav_ahr_odr
- Make sure your product detail pages accurately describe the items you sell.
- Respond to buyer messages within 24 hours, including weekends and holidays.

We're here to help
If you have questions, contact Seller Support from the Help menu in Seller Central.

Sincerely,
Seller Performance Team
Amazon.com
"""
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = alternative(txt + "\n--\nWas this email helpful? Yes / No\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.com", slug), "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug)
add(slug, genuine(slug, "amazon.com", "amazon.com", "Seller Performance", "seller-performance@amazon.com", to,
                  "Warning: Your order defect rate is higher than 1%", d, root),
    dict(is_notice=True, category="account_health", issue_type="order_defect_rate", severity="high",
         marketplace="amazon.com", metrics={"order_defect_rate": 2.34},
         notes="ODR 2.34% vs 1% target, account active/at risk; '60-day' window and 'within 24 hours' advice are not deadlines"),
    "US ODR at-risk warning, actual-then-target sentence, QP multipart")

# ---------------------------------------------------------------- 002 phishing: verbatim inauthentic template, dkim=fail

slug = "002-phish-listing-removed-dkimfail"
d = when(2026, 1, 21, 3, 11, 9)
to = "maria@brightnest-home.com"
bad = "https://sellercentral.amazon.com.appeal-case-review.net/ap/signin?case=" + hx(slug, 12)
txt = f"""Hello,

We removed some of your listings because we received customer complaints about the authenticity of these items.

Complaint Type: Inauthentic
ASIN: B0BQ5R6N8J

Why did this happen?
We want to make sure that buyers can shop with confidence on Amazon. Selling inauthentic goods is prohibited and can result in the immediate suspension or termination of your selling privileges.

How do I reactivate my listing(s)?
Send us invoices, receipts, or letters of authorization from the manufacturer or distributor that show the authenticity of the products. The documents must have been issued in the last 365 days.

How do I submit the required information?
Sign in to the Appeal Center to upload your documents: {bad}

What happens if I do not send the required information?
If you do not appeal this decision in 90 days, any FBA inventory for these ASINs may be destroyed.

We're here to help

Sincerely,
Seller Performance Team
"""
root = alternative(txt, amazon_html(text_to_html(txt, None, slug, track=False), "amazon.com", slug, "© 2026 Amazon.com, Inc. or its affiliates. All rights reserved."), slug, "7bit", "qp")
headers = [
    ("Delivered-To", to),
    ("Received", f"from mail.vps-4471.contaboserver.net (vmi4471.contaboserver.net. [185.217.126.44])\n        by mx.google.com with ESMTP id {hx(slug, 18)}\n        for <{to}>;\n        {format_datetime(d + timedelta(seconds=3))}"),
    ("Authentication-Results", "mx.google.com;\n       dkim=fail header.i=@amazon.com header.s=rte02 header.b=Qm3p9XcA;\n       spf=softfail (google.com: domain of transitioning seller-performance-policy@amazon.com does not designate 185.217.126.44 as permitted sender) smtp.mailfrom=seller-performance-policy@amazon.com;\n       dmarc=fail (p=QUARANTINE sp=QUARANTINE dis=QUARANTINE) header.from=amazon.com"),
    ("Return-Path", "<seller-performance-policy@amazon.com>"),
    ("DKIM-Signature", f"v=1; a=rsa-sha256; q=dns/txt; c=relaxed/simple;\n\ts=rte02; d=amazon.com; t={int(d.timestamp())};\n\th=Date:From:To:Message-ID:Subject:MIME-Version:Content-Type;\n\tbh={b64ish(slug, 43)}=;\n\tb={b64ish(slug + 's', 76)}="),
    ("From", addr("Amazon Seller Performance", "seller-performance-policy@amazon.com")),
    ("To", to),
    ("Subject", "Action Required: Listing Removed from Amazon"),
    ("Date", format_datetime(d)),
    ("Message-ID", f"<{hx(slug, 24)}@vmi4471.contaboserver.net>"),
    ("X-Mailer", "PHPMailer 6.8.1 (https://github.com/PHPMailer/PHPMailer)"),
]
add(slug, assemble(headers, root),
    dict(is_notice=False, suspected_phishing=True, language="en",
         notes="verbatim inauthentic template; DKIM/DMARC fail for header.from=amazon.com, non-SES relay, login link on sellercentral.amazon.com.<attacker>; phishing extracts nothing"),
    "phishing copy of listing-removed template, dkim=fail, look-alike link host")

# ---------------------------------------------------------------- 003 US VTR below 95% (table, multipart)

slug = "003-us-valid-tracking-rate"
d = when(2026, 2, 11, 9, 3, 44, -480)
to = "maria@brightnest-home.com"
txt = """Hello,

Your Valid Tracking Rate (VTR) for the following product category is below our 95% requirement:

  Category          Valid Tracking Rate   Target
  Home & Kitchen    88.6%                 95%

Valid Tracking Rate is the percentage of your seller-fulfilled packages that have a valid tracking number. It is measured over the last 30 days for each product category.

What happens if my Valid Tracking Rate stays below 95%?
If your VTR in a category remains below 95%, you may lose the ability to sell seller-fulfilled (non-FBA) products in that category. Your FBA offers are not affected, and your account remains active.

How do I improve my Valid Tracking Rate?
Confirm every shipment with a tracking number from a supported carrier, or use Buy Shipping to upload tracking automatically: https://sellercentral.amazon.com/help/hub/reference/external/G201817140

Thank you for selling on Amazon.
Amazon.com
"""
table = """<p style="margin:0 0 12px 0">Hello,</p>
<p style="margin:0 0 12px 0">Your Valid Tracking Rate (VTR) for the following product category is below our 95% requirement:</p>
<table cellpadding="6" cellspacing="0" border="1" style="border-collapse:collapse;border-color:#dddddd;font-size:13px;margin:0 0 14px 0">
<tr style="background:#f3f3f3"><th align="left">Category</th><th align="right">Valid Tracking Rate</th><th align="right">Target</th></tr>
<tr><td>Home &amp; Kitchen</td><td align="right" style="color:#c40000"><b>88.6%</b></td><td align="right">95%</td></tr>
</table>
"""
rest = txt.split("Target\n  Home & Kitchen    88.6%                 95%\n", 1)[1]
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(table + text_to_html(rest, "amazon.com", slug), "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug, "qp", "b64")
add(slug, genuine(slug, "amazon.com", "amazon.com", "Amazon Seller Central", "seller-notification@amazon.com", to,
                  "Your Valid Tracking Rate is Below 95%", d, root),
    dict(is_notice=True, category="account_health", issue_type="valid_tracking_rate", severity="high",
         marketplace="amazon.com", metrics={"valid_tracking_rate": 88.6},
         notes="VTR 88.6% below 95% in one category, account active; '30 days' window is not a deadline"),
    "US VTR warning with HTML table (base64 HTML)")

# ---------------------------------------------------------------- 004 UK LSR suspension, old prose, plain text

slug = "004-uk-lsr-suspension-prose"
d = when(2026, 1, 8, 11, 15, 30)
to = "accounts@kestrelgoods.co.uk"
txt = """Hello,

We have removed your selling privileges, cancelled your listings, and placed a temporary hold on any funds in your seller account because your Late Shipment Rate does not meet our performance target.

Your Late Shipment Rate is 7.41%; our target is less than 4%. Late Shipment Rate is the percentage of orders with a shipment confirmation that is overdue by 3 or more days, measured over a 30-day period.

Section 3 of the Amazon Services Europe Business Solutions Agreement allows us to suspend or terminate your selling privileges if your performance does not meet our standards.

To reinstate your selling privileges, please send us a plan of action that explains:
- the root causes of the late shipments;
- the actions you have taken to resolve them; and
- the steps you will take to prevent the problem from happening again.

Please send your plan through the Performance Notifications page in Seller Central or reply to this e-mail. If you do not send an acceptable plan within 17 days, or after two unsuccessful appeals (whichever occurs sooner), your selling privileges will remain removed and your account will be permanently deactivated.

After 90 days following this notification, you may separately request a funds disbursement for any remaining balance. For questions about held funds, please contact payments-investigate@amazon.co.uk.

Regards,

Seller Performance Team
Amazon.co.uk
http://www.amazon.co.uk
"""
root = part(txt, "plain", "utf-8", "7bit")
add(slug, genuine(slug, "amazon.co.uk", "amazon.co.uk", "Amazon.co.uk", "seller-performance@amazon.co.uk", to,
                  "Your Amazon.co.uk selling privileges have been removed", d, root, ses_region="eu-west-1"),
    dict(is_notice=True, category="account_status", issue_type="late_shipment_rate", severity="critical",
         marketplace="amazon.co.uk", metrics={"late_shipment_rate": 7.41}, deadline=iso(d + timedelta(days=17)),
         notes="selling privileges removed for LSR 7.41% (target 4%); 17-day plan deadline; 'after 90 days' funds and '3 or more days' are not deadlines"),
    "UK old-era prose suspension for late shipment rate, text only")

# ---------------------------------------------------------------- 005 ordinary: genuine billing 'Action Required: Pay your seller account balance'

slug = "005-ord-us-pay-balance"
d = when(2026, 2, 7, 4, 22, 10)
to = "maria@brightnest-home.com"
txt = """Hello,

Your Amazon seller account has a balance of -$42.17 USD. We attempted to charge the credit card on file ending in 4417, but the charge was declined.

To avoid an interruption to your selling account, please pay your balance from the Payments Dashboard:
https://sellercentral.amazon.com/payments/dashboard/index.html

You can also update your charge method under Settings > Account Info > Charge Methods.

If you have already paid this balance, you can disregard this message.

Sincerely,
Amazon Seller Central
"""
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.com", slug), "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug)
add(slug, genuine(slug, "amazon.com", "amazon.com", "Amazon Seller Central", "seller-notification@amazon.com", to,
                  "Action Required: Pay your seller account balance", d, root),
    dict(is_notice=False, marketplace="amazon.com", notes="genuine billing mail; 'Action Required' is not a performance notice"),
    "genuine billing mail, same subject as a phishing campaign")

# ---------------------------------------------------------------- 006 DE trademark, English subject, German body (QP)

slug = "006-de-trademark-policy-warning"
d = when(2026, 1, 16, 8, 12, 45, 60)
to = "shop@kellerhaus-versand.de"
txt = """Hallo,

wir haben einen Bericht eines Rechteinhabers erhalten, wonach die am Ende dieser E-Mail aufgeführten Angebote seine Markenrechte verletzen. Daher haben wir diese Angebote entfernt.

Wenn Sie glauben, dass der Bericht fehlerhaft ist, wenden Sie sich bitte unter der unten angegebenen Adresse an den Rechteinhaber. Wenn der Rechteinhaber der Rücknahme seiner Beschwerde zustimmt, muss er uns unter notice-retraction@amazon.com schreiben.

Wenn Sie weitere Informationen zu diesem Bericht haben, antworten Sie auf diese E-Mail oder schreiben Sie an notice-dispute@amazon.de.

Wir bitten Sie, in Zukunft keine Artikel einzustellen, die die Rechte an geistigem Eigentum anderer verletzen. Bitte beachten Sie, dass wiederholte Verstöße gegen unsere Richtlinien dazu führen können, dass Ihr Verkäuferkonto gesperrt wird.

ASIN: B0C7K2M9QX
Titel: Kellerhaus Edelstahl Trinkflasche 750 ml, auslaufsicher, BPA-frei
Art der Rechtsverletzung: Marke
Markennummer: 018734512
Beschwerde-ID: 8842197356
Kontakt des Rechteinhabers: legal@nordquell-brands.eu

Mit freundlichen Grüßen

Seller Performance Team
Amazon.de
"""
foot = FOOTER_TXT["amazon.de"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.de", slug), "amazon.de", slug, htmlmod.escape(foot).replace("\n", "<br>"), "de"), slug)
add(slug, genuine(slug, "amazon.de", "amazon.de", "Amazon.de", "notice-dispute@amazon.de", to,
                  "Notice: Policy Warning", d, root, ses_region="eu-west-1"),
    dict(is_notice=True, category="policy_violation", issue_type="trademark", severity="medium",
         marketplace="amazon.de", language="de", asins=["B0C7K2M9QX"],
         notes="German trademark takedown with English subject; 10-digit Beschwerde-ID is not an ASIN"),
    "DE trademark takedown, English subject, German body, QP")

# ---------------------------------------------------------------- 007 US inauthentic, 90-day FBA destroy (high)

slug = "007-us-inauthentic-listing-removed"
d = when(2026, 1, 20, 22, 48, 17)
to = "ops@lumora-skin.com"
txt = """Hello,

We removed some of your listings because we received customer complaints about the authenticity of these items.

Complaint Type: Inauthentic
ASIN: B08QXJ4T7N
Title: Lumora Vitamin C Brightening Serum, 1 fl oz

Complaint Type: Inauthentic
ASIN: B09LMR2K8W
Title: Lumora Hyaluronic Night Cream, 1.7 oz

Why did this happen?
We want buyers to be able to shop with confidence on Amazon. Selling inauthentic goods is prohibited and can result in the immediate suspension or termination of your selling privileges.

How do I reactivate my listing(s)?
Send us invoices, receipts, or letters of authorization from the manufacturer or distributor that demonstrate the authenticity of the products. The documents must have been issued in the last 365 days and must show your name and address. You may hide pricing information, but quantities must be visible.

How do I submit the required information?
Reply to this email or send the documents to pq-review@amazon.com. Include the ASINs in your message.

What happens if I do not send the required information?
If you do not appeal this decision in 90 days, any FBA inventory for these ASINs may be destroyed. To keep your inventory, create a removal order from Manage Inventory.

Have your listings been removed in error?
If you think we made a mistake, reply to this email with an explanation.

We're here to help
Visit Account Health for more information: https://sellercentral.amazon.com/performance/account/health

Sincerely,
Seller Performance Team
"""
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.com", slug), "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug)
add(slug, genuine(slug, "amazon.com", "amazon.com", "Seller Performance Policy", "seller-performance-policy@amazon.com", to,
                  "Action Required: Listing Removed from Amazon", d, root),
    dict(is_notice=True, category="policy_violation", issue_type="product_authenticity", severity="high",
         marketplace="amazon.com", asins=["B08QXJ4T7N", "B09LMR2K8W"], deadline=iso(d + timedelta(days=90)),
         notes="inauthentic complaints, listings removed, FBA inventory destroyed if no appeal in 90 days; '365 days' invoice age is not a deadline"),
    "US inauthentic complaint blocks, 90-day appeal/destroy deadline")

# ---------------------------------------------------------------- 008 JP suspected IP, ISO-2022-JP text only, 48h

slug = "008-jp-suspected-ip-48h"
d = when(2026, 2, 4, 10, 20, 0, 540)
to = "info@tanaka-shoten.co.jp"
txt = """出品者様

Amazon.co.jpをご利用いただき、ありがとうございます。

Amazonでは、知的財産権を侵害している可能性がある商品の出品について調査を行っております。お客様の以下の出品は、知的財産権を侵害している疑いがあるため、出品を停止いたしました。

ASIN(s): B0D4R7T2LM
商品名: ワイヤレスイヤホン Bluetooth 5.3 ノイズキャンセリング 防水

なぜこのような状況になったのでしょうか?
当該商品の画像、商品名または商品説明に、他社のブランド名またはロゴが使用されている可能性があります。

出品情報を回復するにはどうすればよいですか?
この通知を受け取ってから48時間以内に、以下のいずれかの書類をご提出ください。
・商品の製造元または正規代理店が発行した請求書
・権利者からの使用許諾書
書類はセラーセントラルの「アカウント健全性」ページからご提出いただけます。
https://sellercentral.amazon.co.jp/performance/account/health

期限内にご提出いただけない場合、当該ASINのFBA在庫について返送または所有権の放棄をお願いする場合があります。

どうぞよろしくお願いいたします。

Amazon.co.jp
出品者パフォーマンスチーム
"""
root = part(txt, "plain", "iso-2022-jp")
add(slug, genuine(slug, "amazon.co.jp", "amazon.co.jp", "Amazon.co.jp", "notice-dispute@amazon.co.jp", to,
                  "必要なアクション: Amazonの出品者としての出品が停止となりました", d, root, ses_region="ap-northeast-1",
                  subject_charset="iso-2022-jp"),
    dict(is_notice=True, category="policy_violation", issue_type="intellectual_property", severity="high",
         marketplace="amazon.co.jp", language="ja", asins=["B0D4R7T2LM"], deadline=iso(d + timedelta(hours=48)),
         notes="suspected IP, listing suspended (medium) with 48h deadline <=72h and FBA inventory consequence -> high; ISO-2022-JP"),
    "JP suspected-IP listing suspension, 48h deadline, ISO-2022-JP")

# ---------------------------------------------------------------- 009 ordinary: non-Amazon newsletter about account health

slug = "009-ord-newsletter-account-health"
d = when(2026, 2, 10, 14, 0, 0)
to = "maria@brightnest-home.com"
txt = """SELLERPULSE WEEKLY - Issue #212

5 signs your Amazon account health is slipping (and what to do before a suspension)

Hi Maria,

Every week we talk to sellers who only open Account Health after the "Your selling privileges have been removed" email lands. Don't be that seller. Here's what to watch:

1. Order Defect Rate creeping toward 1%. Amazon's target is under 1% over a 60-day window. Negative feedback, A-to-z claims and chargebacks all count.
2. Late Shipment Rate above 4%. Confirm shipments on time, every time.
3. Valid Tracking Rate under 95%. You can lose seller-fulfilled selling in a category.
4. IP complaints. One complaint can cost AHR points; five in 180 days can get you deactivated.
5. Ignoring "Action Required" emails. Old suspension templates gave you 17 days to send a plan of action - don't wait that long.

WEBINAR: "Writing a plan of action that actually works" - Thursday, February 19, 2026 at 11am PT. Save your seat: https://sellerpulse.io/webinars/poa-2026?utm_source=newsletter&utm_medium=email&utm_campaign=w212

Tip of the week: set up a filter for mail from amazon.com that mentions "policy warning" so your VA sees it first.

--
SellerPulse, 1201 3rd Ave, Suite 900, Seattle, WA 98101
You are receiving this because you signed up at sellerpulse.io.
Unsubscribe: https://sellerpulse.io/u/8d21c7?e=maria%40brightnest-home.com | Manage preferences
SellerPulse is not affiliated with Amazon.com, Inc.
"""
html_inner = "".join(f"<p>{htmlmod.escape(p).replace(chr(10), '<br>')}</p>\n" for p in txt.split("\n\n"))
html_inner = URL_RE.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', html_inner)
root = alternative(txt, f"<html><body style=\"font-family:Georgia,serif\">{html_inner}</body></html>", slug, "qp", "qp")
headers = [
    ("Delivered-To", to),
    google_rx(slug, d, to, "o12.email.sellerpulse.io", "167.89.23.112"),
    ("Authentication-Results", "mx.google.com;\n       dkim=pass header.i=@sellerpulse.io header.s=s1 header.b=Rk2mQz7a;\n       spf=pass (google.com: domain of bounces+2290341@em.sellerpulse.io designates 167.89.23.112 as permitted sender) smtp.mailfrom=\"bounces+2290341@em.sellerpulse.io\";\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=sellerpulse.io"),
    ("Return-Path", "<bounces+2290341-8d21-maria=brightnest-home.com@em.sellerpulse.io>"),
    ("From", addr("SellerPulse Weekly", "news@sellerpulse.io")),
    ("To", to),
    ("Subject", "5 signs your Amazon account health is slipping (and what to do before a suspension)"),
    ("Date", format_datetime(d)),
    ("Message-ID", f"<{hx(slug, 22)}@geopod-ismtpd-3>"),
    ("List-Unsubscribe", "<https://sellerpulse.io/u/8d21c7?e=maria%40brightnest-home.com>, <mailto:unsubscribe@sellerpulse.io?subject=8d21c7>"),
    ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
    ("Precedence", "bulk"),
]
add(slug, assemble(headers, root),
    dict(is_notice=False, notes="third-party newsletter quoting ODR/LSR/VTR targets, 17 days, suspension wording; not from Amazon"),
    "non-Amazon newsletter full of notice vocabulary")

# ---------------------------------------------------------------- 010 US PFCR plan of action (performance_improvement), base64

slug = "010-us-cancel-rate-plan-of-action"
d = when(2026, 2, 17, 20, 5, 12)
to = "maria@brightnest-home.com"
txt = """Hello,

We are writing to let you know that your Pre-fulfillment Cancel Rate does not meet our performance target.

Your Pre-fulfillment Cancel Rate is 4.1%; the target is less than 2.5%.

This rate is measured over a 7-day period and includes all orders you canceled before confirming shipment.

What do I need to do?
We require that you submit a plan of action describing how you will improve your Pre-fulfillment Cancel Rate. Your plan should include:
1. The reasons orders were canceled (for example, inventory that was not synchronized across sales channels)
2. The steps you have taken to correct the problem
3. How you will monitor cancellations going forward

Submit your plan from the Account Health page within 7 days of this notification:
https://sellercentral.amazon.com/performance/account/health

What happens if I do not submit a plan?
Your account remains active while we review your plan. If we do not receive a plan, or if your cancel rate does not improve, we may restrict your ability to sell seller-fulfilled offers.

We're here to help
If you have questions, contact Seller Support.

Sincerely,
Seller Performance Team
Amazon.com
"""
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.com", slug), "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug, "b64", "b64")
add(slug, genuine(slug, "amazon.com", "amazon.com", "Seller Performance", "seller-performance@amazon.com", to,
                  "Action required: Submit a plan to improve your cancellation rate", d, root),
    dict(is_notice=True, category="performance_improvement", issue_type="cancellation_rate", severity="high",
         marketplace="amazon.com", metrics={"pre_fulfillment_cancel_rate": 4.1}, deadline=iso(d + timedelta(days=7)),
         notes="plan of action demanded for PFCR 4.1% (target 2.5%), account active; 7-day deadline; '7-day period' window is not"),
    "US cancel-rate plan-of-action request, base64 both parts")

# ---------------------------------------------------------------- 011 JP account closure (UTF-8 base64 multipart)

slug = "011-jp-account-closure"
d = when(2026, 2, 19, 18, 45, 33, 540)
to = "info@tanaka-shoten.co.jp"
txt = """出品者様

Amazon.co.jpをご利用いただき、ありがとうございます。

お客様のAmazon.co.jp出品用アカウントを停止し、すべての出品を取り消しました。また、出品者アカウントの残高は一時的に保留されています。

この措置がとられた理由
お客様のアカウントの運営が、Amazonサービスビジネスソリューション契約の第3条に違反していると判断したためです。この判断は、自動化された手段と専門スタッフによる審査を組み合わせて行われました。

アカウントを再開する方法
セラーセントラルの「アカウント健全性」ページから、問題の根本原因、実施済みの対策、再発防止策を記載した改善計画書をご提出ください。
https://sellercentral.amazon.co.jp/performance/account/health

売上金について
アカウントが再開されない場合でも、保留中の売上金は、この通知から90日後にお支払い手続きをご依頼いただけます。

今後ともAmazon.co.jpをよろしくお願いいたします。

Amazon.co.jp
出品者パフォーマンスチーム
"""
foot = FOOTER_TXT["amazon.co.jp"]
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.co.jp", slug), "amazon.co.jp", slug, htmlmod.escape(foot).replace("\n", "<br>"), "ja"), slug, "b64", "b64")
add(slug, genuine(slug, "amazon.co.jp", "amazon.co.jp", "Amazon.co.jp", "seller-performance@amazon.co.jp", to,
                  "Amazon.co.jpからの重要なお知らせ", d, root, ses_region="ap-northeast-1"),
    dict(is_notice=True, category="account_status", issue_type="account_suspended", severity="critical",
         marketplace="amazon.co.jp", language="ja",
         notes="account stopped, listings cancelled, funds held, no specific cause beyond BSA s.3 -> account_suspended; '90日後' funds is not a deadline"),
    "JP account closure, base64 UTF-8")

# ---------------------------------------------------------------- 012 ordinary: UK funds transfer delayed

slug = "012-ord-uk-funds-delayed"
d = when(2026, 2, 13, 7, 45, 0)
to = "accounts@kestrelgoods.co.uk"
txt = """Hello,

Your scheduled disbursement of £2,418.06 for the settlement period ending 12 February 2026 has been delayed while we verify the bank account details you recently updated. Verification usually takes 3 to 5 business days.

You do not need to take any action. Once verification is complete, the funds will be transferred to your nominated bank account with the next disbursement.

Please note that a portion of your balance may be held as an account-level reserve for up to 90 days to cover potential A-to-z Guarantee claims and chargebacks.

If you have questions, please contact payments-investigate@amazon.co.uk.

Kind regards,
Amazon Payments
"""
foot = FOOTER_TXT["amazon.co.uk"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.co.uk", slug), "amazon.co.uk", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug, "qp", "qp")
add(slug, genuine(slug, "amazon.co.uk", "amazon.co.uk", "Amazon Payments", "payments-messages@amazon.co.uk", to,
                  "Your funds transfer has been delayed", d, root, ses_region="eu-west-1"),
    dict(is_notice=False, marketplace="amazon.co.uk", notes="payments mail; 'up to 90 days' reserve and business days are not deadlines"),
    "UK funds transfer delayed")

# ---------------------------------------------------------------- 013 DE related account deactivation (QP)

slug = "013-de-related-account"
d = when(2026, 1, 12, 13, 37, 2, 60)
to = "shop@kellerhaus-versand.de"
txt = """Guten Tag,

wir haben Ihre Verkaufsberechtigungen auf Amazon.de entfernt, Ihre Angebote deaktiviert und die Gelder auf Ihrem Verkäuferkonto vorübergehend einbehalten.

Warum ist das passiert?
Ihr Verkäuferkonto steht mit einem anderen Konto in Verbindung, das nicht berechtigt ist, über Amazon zu verkaufen. Gemäß Abschnitt 3 der Amazon Services Europe Business Solutions Agreement können wir in diesem Fall Ihre Verkaufsberechtigungen entfernen. Für diese Entscheidung haben wir eine Kombination aus automatisierten Mitteln und der Überprüfung durch Experten eingesetzt.

Wie reaktiviere ich mein Konto?
Wenn Sie der Meinung sind, dass Ihr Konto nicht mit dem betreffenden Konto in Verbindung steht, senden Sie uns über die Seite „Kontozustand“ in Seller Central eine Erklärung sowie Nachweise (z. B. Kontoauszüge oder eine Rechnung eines Versorgungsunternehmens, die in den letzten 90 Tagen ausgestellt wurde).
https://sellercentral.amazon.de/performance/account/health

Was passiert mit meinen Geldern?
Nach 90 Tagen wird die Einbehaltung aufgehoben, sofern keine offenen Forderungen von Kunden bestehen. Sie können dann eine Auszahlung beantragen.

Wir sind für Sie da
Bei Fragen wenden Sie sich bitte an den Verkaufspartner-Support.

Mit freundlichen Grüßen
Seller Performance Team
Amazon.de
"""
foot = FOOTER_TXT["amazon.de"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.de", slug), "amazon.de", slug, htmlmod.escape(foot).replace("\n", "<br>"), "de"), slug)
add(slug, genuine(slug, "amazon.de", "amazon.de", "Amazon.de", "seller-performance@amazon.de", to,
                  "Ihre Amazon.de Verkaufsberechtigungen wurden entfernt", d, root, ses_region="eu-west-1"),
    dict(is_notice=True, category="account_status", issue_type="related_account", severity="critical",
         marketplace="amazon.de", language="de",
         notes="deactivated because linked to another account; 'Nach 90 Tagen' funds hold and 'letzten 90 Tagen' document age are not deadlines"),
    "DE related-account deactivation, QP")

# ---------------------------------------------------------------- 014 IT deactivation for inauthentic, 90 days to appeal

slug = "014-it-deactivation-inauthentic"
d = when(2026, 2, 3, 16, 0, 41, 60)
to = "vendite@pellettieria-rossi.it"
txt = """Ciao,

abbiamo disattivato il tuo account venditore su Amazon.it e rimosso le tue offerte. I fondi presenti sul tuo account sono stati temporaneamente trattenuti.

Perché succede questo?
Abbiamo ricevuto reclami dei clienti relativi all'autenticità dei prodotti che hai venduto. La vendita di prodotti contraffatti viola la nostra politica anticontraffazione e la Sezione 3 del Contratto Business Solutions di Amazon Services Europe.

Reclamo: Non autentico
ASIN: B0B5T8K3VZ
Titolo: Borsa a tracolla in pelle da donna, nera

Come posso riattivare il mio account?
Invia un ricorso dalla pagina Stato dell'account in Seller Central. Includi le fatture dei tuoi fornitori emesse negli ultimi 365 giorni e un piano d'azione che spieghi come garantirai l'autenticità dei prodotti.

Dalla ricezione di questa notifica ha 90 giorni di tempo per fornire un ricorso valido.

Cosa succede se il mio account non viene riattivato?
Se non presenti un ricorso valido, il tuo account resterà disattivato e l'inventario presente nei centri logistici Amazon potrebbe essere smaltito.

Cordiali saluti,
Team Prestazioni venditore
Amazon.it
"""
foot = FOOTER_TXT["amazon.it"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.it", slug), "amazon.it", slug, htmlmod.escape(foot).replace("\n", "<br>"), "it"), slug, "qp", "b64")
add(slug, genuine(slug, "amazon.it", "amazon.it", "Amazon.it", "seller-performance@amazon.it", to,
                  "Il tuo account venditore su Amazon.it è stato disattivato", d, root, ses_region="eu-west-1"),
    dict(is_notice=True, category="account_status", issue_type="product_authenticity", severity="critical",
         marketplace="amazon.it", language="it", asins=["B0B5T8K3VZ"], deadline=iso(d + timedelta(days=90)),
         notes="account deactivated for inauthentic complaints; 90 days to appeal from notice; '365 giorni' invoice age is not a deadline"),
    "IT account deactivation (inauthentic), 90-day appeal")

# ---------------------------------------------------------------- 015 FR selective distribution (prose, notice@amazon.fr)

slug = "015-fr-selective-distribution"
d = when(2026, 1, 28, 9, 55, 19, 60)
to = "contact@lumiere-maison.fr"
txt = """Bonjour,

Nous avons supprimé les offres mentionnées à la fin de cet e-mail, car nous avons reçu une notification du titulaire des droits indiquant que ces produits sont distribués exclusivement par l'intermédiaire de son réseau de distribution sélective et que leur vente par des revendeurs non agréés porte atteinte à ses droits.

Si vous pensez que cette notification est erronée, vous pouvez contacter directement le titulaire des droits. S'il accepte de retirer sa plainte, il doit nous écrire à l'adresse notice-retraction@amazon.com.

Pour contester cette décision ou nous fournir des informations complémentaires, écrivez à notice-dispute@amazon.fr.

Nous vous rappelons que des violations répétées de nos règles peuvent entraîner la suspension de votre compte vendeur.

ASIN : B0CFX2R8NQ
Titre : Éclat de Grasse - Eau de Parfum Néroli 100 ml
ASIN : B0CFX3M1JT
Titre : Éclat de Grasse - Eau de Toilette Figue 50 ml
Marque : Éclat de Grasse
Numéro de réclamation : 7719032846

Cordialement,

Amazon.fr
"""
foot = FOOTER_TXT["amazon.fr"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.fr", slug), "amazon.fr", slug, htmlmod.escape(foot).replace("\n", "<br>"), "fr"), slug)
add(slug, genuine(slug, "amazon.fr", "amazon.fr", "Amazon.fr", "notice@amazon.fr", to,
                  "Suppression de vos offres : réseau de distribution sélective", d, root, ses_region="eu-west-1"),
    dict(is_notice=True, category="policy_violation", issue_type="intellectual_property", severity="medium",
         marketplace="amazon.fr", language="fr", asins=["B0CFX2R8NQ", "B0CFX3M1JT"],
         notes="selective-distribution takedown (IP, neither copyright nor trademark), offers removed; French 'ASIN :' spacing; claim number not an ASIN"),
    "FR selective distribution takedown, prose")

# ---------------------------------------------------------------- 016 phishing: pay-balance copy from look-alike domain

slug = "016-phish-pay-balance-lookalike"
d = when(2026, 2, 9, 13, 47, 21, 180)
to = "maria@brightnest-home.com"
bad = "http://sellercentral.amazon.com.billing-center.me/payments/dashboard?session=" + hx(slug, 20)
txt = f"""Hello,

Your Amazon seller account has a balance of -$42.17 USD. We attempted to charge the credit card on file, but the charge was declined.

To avoid an interruption to your selling account, please pay your balance and confirm your card number, expiration date and security code on the Payments Dashboard:
{bad}

If you have already paid this balance, you can disregard this message.

Sincerely,
Amazon Seller Central
"""
html = f"""<html><body style="font-family:Arial,sans-serif;font-size:14px">
<img src="https://upload.wikimedia.org/wikipedia/commons/a/a9/Amazon_logo.svg" width="120" alt="amazon"><br><br>
<p>Hello,</p>
<p>Your Amazon seller account has a balance of -$42.17 USD. We attempted to charge the credit card on file, but the charge was declined.</p>
<p>To avoid an interruption to your selling account, please pay your balance and confirm your card number, expiration date and security code on the <a href="{bad}">Payments Dashboard</a>.</p>
<p>If you have already paid this balance, you can disregard this message.</p>
<p>Sincerely,<br>Amazon Seller Central</p>
<p style="font-size:11px;color:#888">© 2026 Amazon.com, Inc. or its affiliates. All rights reserved.</p>
</body></html>"""
root = alternative(txt, html, slug, "7bit", "qp")
headers = [
    ("Delivered-To", to),
    ("Received", f"from mta-07.sellercentral-amazon-billing.com (mta-07.sellercentral-amazon-billing.com. [91.215.85.17])\n        by mx.google.com with ESMTPS id {hx(slug, 18)}\n        for <{to}>;\n        {format_datetime(d + timedelta(seconds=4))}"),
    ("Authentication-Results", "mx.google.com;\n       dkim=pass header.i=@sellercentral-amazon-billing.com header.s=default header.b=Hq2Lw9tb;\n       spf=pass (google.com: domain of no-reply@sellercentral-amazon-billing.com designates 91.215.85.17 as permitted sender) smtp.mailfrom=no-reply@sellercentral-amazon-billing.com;\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=sellercentral-amazon-billing.com"),
    ("Return-Path", "<no-reply@sellercentral-amazon-billing.com>"),
    ("From", addr("Amazon Seller Central", "no-reply@sellercentral-amazon-billing.com")),
    ("To", to),
    ("Subject", "Action Required: Pay your seller account balance"),
    ("Date", format_datetime(d)),
    ("Message-ID", f"<{hx(slug, 30)}@sellercentral-amazon-billing.com>"),
]
add(slug, assemble(headers, root),
    dict(is_notice=False, suspected_phishing=True,
         notes="near-verbatim billing mail from look-alike domain, link host sellercentral.amazon.com.billing-center.me, asks for card security code"),
    "phishing copy of billing mail, look-alike sender + link")

# ---------------------------------------------------------------- 017 HTML-only US condition complaints (QP)

slug = "017-us-condition-html-only"
d = when(2026, 1, 26, 15, 2, 11, -480)
to = "returns@secondlook-electronics.com"
pq = "pq-product-review@amazon.com"
inner = f"""<p style="margin:0 0 12px 0">Hello,</p>
<p style="margin:0 0 12px 0">We removed the listings below because customers told us that the items they received were not in the condition described in your listing.</p>
<table cellpadding="7" cellspacing="0" border="1" style="border-collapse:collapse;border-color:#d5d9d9;font-size:13px;width:100%;margin:0 0 14px 0">
<tr style="background:#f0f2f2"><th align="left">ASIN</th><th align="left">Title</th><th align="left">Condition</th><th align="left">Complaint type</th></tr>
<tr><td>B07ZQ4M1HD</td><td>Refurbished 10.1&quot; Android Tablet, 64GB</td><td>Used - Very Good</td><td>damaged/defective</td></tr>
<tr><td>B0BX7N3K2P</td><td>Noise Cancelling Over-Ear Headphones</td><td>Used - Like New</td><td>not as advertised</td></tr>
</table>
<h3 style="font-size:16px;margin:18px 0 6px 0">Why did this happen?</h3>
<p style="margin:0 0 12px 0">Buyers expect to receive items in the condition stated on the listing. Items sold as Used must be fully functional and their cosmetic condition must be described accurately.</p>
<h3 style="font-size:16px;margin:18px 0 6px 0">How do I reactivate my listing(s)?</h3>
<p style="margin:0 0 12px 0">Send a plan of action to <a href="mailto:{pq}">{pq}</a> that explains:</p>
<ul><li>the root cause of the complaints,</li><li>the steps you have taken to fix them, and</li><li>how you will inspect and grade items before listing them in the future.</li></ul>
<h3 style="font-size:16px;margin:18px 0 6px 0">Have your listings been removed in error?</h3>
<p style="margin:0 0 12px 0">If you think we made a mistake, reply to this email with supporting information. We review most submissions within 2 business days.</p>
<p style="margin:0 0 12px 0">Learn more about <a href="{htmlmod.escape(tracked('amazon.com', 'https://sellercentral.amazon.com/help/hub/reference/external/G200339950', slug))}">Condition guidelines</a>.</p>
<p style="margin:0 0 12px 0">Sincerely,<br>Seller Performance Team</p>"""
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = part(amazon_html(inner, "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), "html", "utf-8", "qp")
add(slug, genuine(slug, "amazon.com", "amazon.com", "Seller Performance Policy", "seller-performance-policy@amazon.com", to,
                  "Action Required: Listing Removed from Amazon", d, root),
    dict(is_notice=True, category="policy_violation", issue_type="product_condition", severity="medium",
         marketplace="amazon.com", asins=["B07ZQ4M1HD", "B0BX7N3K2P"],
         notes="HTML-only; condition complaints (damaged/defective, not as advertised) in a table; listings removed, no deadline; '2 business days' is Amazon turnaround"),
    "US used-condition listing removal, HTML-only with table")

# ---------------------------------------------------------------- 018 ordinary: Sold, ship now

slug = "018-ord-sold-ship-now"
d = when(2026, 3, 8, 2, 18, 44)
to = "maria@brightnest-home.com"
txt = """Sold, ship now: BrightNest Bamboo Drawer Organizer Set, 6-Piece

Congratulations! You've sold an item on Amazon.com. Please ship this item now.

Order ID: 112-5580331-9014627
Please ship this order using Standard shipping.
Ship by: Mar 10, 2026

Item: BrightNest Bamboo Drawer Organizer Set, 6-Piece
Condition: New
SKU: BN-DRW-06
Quantity: 1
Order date: Mar 8, 2026
Price: $34.99
Tax collected: $2.80
Amazon fees: -$5.25
Your earnings: $29.74

Ship to:
  Karen Oduya
  APO AE 09012

To print a packing slip and confirm shipment, visit Manage Orders:
https://sellercentral.amazon.com/orders-v3/order/112-5580331-9014627

Confirming shipment after the ship-by date may count toward your Late Shipment Rate.

Sincerely,
Amazon Services
"""
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.com", slug), "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug, "qp", "qp")
add(slug, genuine(slug, "amazon.com", "amazon.com", "Amazon Seller Notifications", "seller-notification@amazon.com", to,
                  "Sold, ship now: BrightNest Bamboo Drawer Organizer Set, 6-Piece", d, root),
    dict(is_notice=False, marketplace="amazon.com", notes="order notification; ship-by date is not a notice deadline"),
    "Sold, ship now order mail")

# ---------------------------------------------------------------- 019 EN (amazon.de) GPSR warning, ISO timestamp deadline

slug = "019-de-en-gpsr-iso-deadline"
d = when(2026, 3, 2, 12, 0, 0)
to = "ops@northwind-outdoor.co.uk"
txt = """Hello,

Under the EU General Product Safety Regulation (GPSR), products sold in the European Union must display manufacturer information, the contact details of an EU-based Responsible Person, and safety information such as warnings and instructions.

We have identified listings in your catalogue that are missing this information:

ASIN: B0DH2K9W4M - Missing: Responsible Person contact details
ASIN: B0DH2KA7QS - Missing: Safety information (images or documents)

Your listings remain active at this time.

What do I need to do?
Add the missing information from the Manage Your Compliance page in Seller Central: https://sellercentral.amazon.de/spx/myc/myc-backend-service/dashboard

Failure to provide this information by 2026-04-15T00:00:00.000Z may result in your listings being removed from Amazon.de and the other Amazon stores in the European Union.

We're here to help
If you have questions, contact Selling Partner Support.

Amazon.de
"""
foot = FOOTER_TXT["amazon.de"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.de", slug), "amazon.de", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug, "8bit", "b64")
add(slug, genuine(slug, "amazon.de", "amazon.de", "Amazon Services Europe", "seller-notification@amazon.de", to,
                  "Action Required: Provide GPSR safety information for your listings", d, root, ses_region="eu-west-1"),
    dict(is_notice=True, category="policy_violation", issue_type="product_compliance", severity="low",
         marketplace="amazon.de", asins=["B0DH2K9W4M", "B0DH2KA7QS"], deadline="2026-04-15T00:00:00Z",
         notes="GPSR warning in English from amazon.de, listings still active; ISO timestamp deadline in text"),
    "GPSR compliance warning, English, amazon.de, ISO deadline")

# ---------------------------------------------------------------- 020 ES CE Responsible Person, prose absolute date

slug = "020-es-ce-responsible-person"
d = when(2026, 3, 6, 10, 10, 10, 60)
to = "tienda@lucesdelsur.es"
txt = """Hola:

Hemos desactivado el anuncio que se indica a continuación porque no cumple los requisitos de la Unión Europea relativos a la persona responsable y al marcado CE.

ASIN: B0C1M5XQ8R
Título: Lámpara de escritorio LED regulable con puerto USB, 10 W

¿Por qué ha ocurrido esto?
Los productos con marcado CE que se venden en la UE deben tener una persona responsable establecida en la UE cuyo nombre y datos de contacto figuren en el producto, en su embalaje o en la documentación que lo acompaña. No hemos encontrado esta información en tu anuncio.

¿Cómo puedo reactivar mi anuncio?
Proporciona los datos de la persona responsable y una imagen del etiquetado del producto en la página Gestionar tu cumplimiento normativo de Seller Central:
https://sellercentral.amazon.es/spx/myc/myc-backend-service/dashboard

¿Qué ocurre si no envío la información?
Si no envías la información antes del 15 de abril de 2026, deberás crear una orden de retirada para el inventario de Logística de Amazon de este producto; de lo contrario, el inventario se eliminará.

Atentamente,
Amazon.es
"""
foot = FOOTER_TXT["amazon.es"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.es", slug), "amazon.es", slug, htmlmod.escape(foot).replace("\n", "<br>"), "es"), slug)
add(slug, genuine(slug, "amazon.es", "amazon.es", "Amazon.es", "seller-notification@amazon.es", to,
                  "Acción requerida: se han desactivado tus anuncios de vendedor de Amazon", d, root, ses_region="eu-west-1"),
    dict(is_notice=True, category="policy_violation", issue_type="product_compliance", severity="high",
         marketplace="amazon.es", language="es", asins=["B0C1M5XQ8R"], deadline=iso(end_of_day(2026, 4, 15, "amazon.es")),
         notes="CE Responsible Person: listing deactivated + FBA inventory disposed unless info by prose date 15 abril 2026 (23:59:59 Madrid)"),
    "ES CE/Responsible Person deactivation with prose absolute date")

# ---------------------------------------------------------------- 021 ordinary: buyer message via Amazon

slug = "021-ord-buyer-message"
d = when(2026, 3, 2, 23, 11, 5)
to = "maria@brightnest-home.com"
txt = """------------- Begin message -------------

Hi, I ordered the bamboo drawer organizer on Feb 24 and tracking hasn't updated in 5 days. If it isn't here by Friday I'm going to file an A-to-z claim and leave negative feedback. Please let me know what's going on.

Jennifer

------------- End message -------------

To respond to this customer, please reply to this e-mail or visit your seller account at:
https://sellercentral.amazon.com/messaging/inbox?fi=UNANSWERED&t=8TQ1KJ2Z0HV9

Order ID: 113-2290417-6653021
Item: BrightNest Bamboo Drawer Organizer Set, 6-Piece

Important: Our Buyer-Seller Messaging policy requires that you respond within 24 hours. Do not include links to external websites or ask the buyer for positive feedback.

Sincerely,
Amazon Services
"""
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.com", slug), "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug, "qp", "qp")
add(slug, genuine(slug, "amazon.com", "amazon.com", "Jennifer K. - Amazon Marketplace", "x3m9q2vd4h7tbnw@marketplace.amazon.com", to,
                  "Inquiry from Amazon customer Jennifer K. (Order: 113-2290417-6653021)", d, root,
                  extra_after=[("Reply-To", "x3m9q2vd4h7tbnw@marketplace.amazon.com")]),
    dict(is_notice=False, marketplace="amazon.com", notes="buyer message threatening A-to-z/negative feedback; not an Amazon notice"),
    "buyer message relayed by Amazon")

# ---------------------------------------------------------------- 022 US AHR below 100, Outlook text forward (deadline from original)

slug = "022-fwd-outlook-us-ahr-restricted"
d_orig = when(2026, 2, 10, 15, 42, 0, -480)  # Outlook "Sent:" shows the forwarder's local time (PST)
d = when(2026, 2, 12, 8, 15, 0, -480)
to = "maria@brightnest-home.com"
txt = """Maria - can you pull the listing below and start on the appeal today? This came in Tuesday and I only just saw it.

Thanks,
Tom

Tom Reyes | Owner
BrightNest Home LLC
(503) 555-0148

________________________________
From: Amazon Seller Performance <seller-performance@amazon.com>
Sent: Tuesday, February 10, 2026 3:42 PM
To: tom@brightnest-home.com
Subject: Action required: Your account is at risk of deactivation

Hello,

We have lowered your Account Health Rating to below 100 because we found listings that violate our Restricted Products policy. An Account Health Rating below 100 is the threshold for deactivation.

ASIN: B0CK8R2W5T
Policy: Restricted Products - Pesticides and Pesticide Devices
Action taken: Listing removed

Why did this happen?
Products that claim to kill, repel or mitigate insects, bacteria or viruses must be registered with the U.S. Environmental Protection Agency (EPA). Your listing makes such claims without an EPA registration number.

What do I need to do?
Resolve the violation(s) within 3 days of this notification to avoid deactivation of your account. You can submit an appeal or acknowledge the violation on the Account Health page:
https://sellercentral.amazon.com/performance/account/health

We're here to help
If you have questions, contact Seller Support.

Sincerely,
Seller Performance Team
Amazon.com
"""
root = part(txt, "plain", "us-ascii", "7bit")
headers = [
    ("Delivered-To", to),
    ("Received", f"from NAM12-DM6-obe.outbound.protection.outlook.com (mail-dm6nam12on2119.outbound.protection.outlook.com. [40.107.243.119])\n        by mx.google.com with ESMTPS id {hx(slug, 18)}\n        for <{to}>\n        (version=TLS1_2 cipher=ECDHE-ECDSA-AES128-GCM-SHA256 bits=128/128);\n        {format_datetime((d + timedelta(seconds=2)).astimezone(UTC))}"),
    ("Authentication-Results", "mx.google.com;\n       dkim=pass header.i=@brightnest-home.com header.s=selector1 header.b=Yw0xR3s1;\n       arc=pass (i=1 spf=pass spfdomain=brightnest-home.com dkim=pass dkdomain=brightnest-home.com dmarc=pass fromdomain=brightnest-home.com);\n       spf=pass (google.com: domain of tom@brightnest-home.com designates 40.107.243.119 as permitted sender) smtp.mailfrom=tom@brightnest-home.com;\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=brightnest-home.com"),
    ("Return-Path", "<tom@brightnest-home.com>"),
    ("From", addr("Tom Reyes", "tom@brightnest-home.com")),
    ("To", addr("Maria Alvarez", to)),
    ("Subject", "FW: Action required: Your account is at risk of deactivation"),
    ("Thread-Topic", "Action required: Your account is at risk of deactivation"),
    ("Thread-Index", "AQHbfW2kQ7eVq0m4VUyV1r8CJgM6dA=="),
    ("Date", format_datetime(d)),
    ("Message-ID", "<SA1PR12MB8541C0D1E6A44B9F7E2C3A11D9E52@SA1PR12MB8541.namprd12.prod.outlook.com>"),
    ("Accept-Language", "en-US"),
    ("Content-Language", "en-US"),
    ("X-MS-Has-Attach", ""),
    ("X-Mailer", "Microsoft Outlook 16.0"),
]
add(slug, assemble(headers, root),
    dict(is_notice=True, category="account_health", issue_type="restricted_product", severity="high",
         marketplace="amazon.com", asins=["B0CK8R2W5T"], deadline=iso(d_orig + timedelta(days=3)),
         notes="Outlook text forward; AHR below 100 at-risk for restricted product; 3 days from original Sent (naive, read in forwarder's PST) not forward date"),
    "Outlook-style plain-text forward of AHR at-risk notice")

# ---------------------------------------------------------------- 023 phishing: hotmail generic greeting, 24h, typos

slug = "023-phish-hotmail-suspended"
d = when(2026, 2, 28, 19, 2, 11, -360)
to = "maria@brightnest-home.com"
bad = "http://amaz0n-sellerverify.me/x/k29aQ7?id=" + hx(slug, 8)
txt = f"""Greetings {to} from Amazon Services

Your account was suspended due to unusual activity. We have detected unauthorized login attempts from an unknown device and your account has been locked.

You have 24 hours to respond or your account will be permanently terminated and all funds will be withheld.

To restore your account please verify your information:
- Seller Central password
- Bank account number and routing number
- Credit card number with CVV and PIN

Click here to get stared: {bad}

Thank you for your cooperation,
Amazon Seller Support Team
"""
root = part(txt, "plain", "us-ascii", "7bit")
headers = [
    ("Delivered-To", to),
    ("Received", f"from EUR05-AM6-obe.outbound.protection.outlook.com (mail-am6eur05olkn2051.outbound.protection.outlook.com. [40.92.91.51])\n        by mx.google.com with ESMTPS id {hx(slug, 18)}\n        for <{to}>;\n        {format_datetime((d + timedelta(seconds=3)).astimezone(UTC))}"),
    ("Authentication-Results", "mx.google.com;\n       dkim=pass header.i=@hotmail.com header.s=selector1 header.b=k2Nq0vXp;\n       spf=pass (google.com: domain of amzn.seller.support2026@hotmail.com designates 40.92.91.51 as permitted sender) smtp.mailfrom=amzn.seller.support2026@hotmail.com;\n       dmarc=pass (p=NONE sp=QUARANTINE dis=NONE) header.from=hotmail.com"),
    ("Return-Path", "<amzn.seller.support2026@hotmail.com>"),
    ("From", addr("Amazon Services", "amzn.seller.support2026@hotmail.com")),
    ("To", to),
    ("Subject", "Your Amazon Seller account has been suspended - immediate action required"),
    ("Date", format_datetime(d)),
    ("Message-ID", f"<DB9PR10MB{hx(slug, 12, True)}@DB9PR10MB7316.EURPRD10.PROD.OUTLOOK.COM>"),
]
add(slug, assemble(headers, root),
    dict(is_notice=False, suspected_phishing=True,
         notes="hotmail sender, generic greeting, 24h threat, asks for password/bank/card, 'get stared' typo, .me link"),
    "classic phishing from hotmail.com")

# ---------------------------------------------------------------- 024 US A-to-z claim, 72h response

slug = "024-us-a-to-z-claim"
d = when(2026, 2, 23, 19, 30, 0)
to = "maria@brightnest-home.com"
txt = """Dear Seller,

A buyer has filed an A-to-z Guarantee claim for the order below.

Order ID: 114-3941689-8772232
Item: BrightNest Bamboo Drawer Organizer Set, 6-Piece
ASIN: B0BQ5R6N8J
Claim amount: $34.99
Claim reason: Item not received

Buyer comment: "Tracking says delivered but nothing arrived. I checked with my neighbors."

Please respond to this claim within 72 hours by providing tracking and proof of delivery, or by issuing a refund to the buyer. If we do not receive your response, we may decide the claim in the buyer's favor and debit the claim amount from your account.

To respond, go to Performance > A-to-z Guarantee Claims in Seller Central:
https://sellercentral.amazon.com/gp/guarantee-claims/home.html

Note: A-to-z Guarantee claims that are not denied count toward your Order Defect Rate. You can appeal a claim decision within 30 calendar days.

Sincerely,
Amazon Services
"""
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.com", slug), "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug)
add(slug, genuine(slug, "amazon.com", "amazon.com", "Amazon Services", "seller-notification@amazon.com", to,
                  "A-to-z Guarantee claim filed for order 114-3941689-8772232", d, root),
    dict(is_notice=True, category="customer_feedback", issue_type="a_to_z_claim", severity="medium",
         marketplace="amazon.com", asins=["B0BQ5R6N8J"], deadline=iso(d + timedelta(hours=72)),
         notes="A-to-z claim, respond within 72h (<=72h raises low->medium); '30 calendar days' is the later appeal window, not this deadline"),
    "US A-to-z claim with 72-hour response window")

# ---------------------------------------------------------------- 025 ordinary: Prime Day promo with absolute date

slug = "025-ord-prime-day-promo"
d = when(2026, 4, 14, 16, 0, 0)
to = "maria@brightnest-home.com"
txt = """Submit your promotions for Prime Day by May 31

Prime Day 2026 is coming this July. Get your deals in front of millions of Prime members.

Key dates
- Lightning Deal and Best Deal submission deadline: May 31, 2026
- Prime Exclusive Discount submission deadline: June 6, 2026
- Coupons can be created until June 20, 2026

Fees
Lightning Deals during Prime Day: $70 per deal plus $0.05 per unit, up to $1,000.

Submit a deal: https://sellercentral.amazon.com/merchandising-new/deals/create
Learn about Prime Exclusive Discounts: https://sellercentral.amazon.com/help/hub/reference/external/GHP6QSPQ6UXT26VC

Tip: sellers with an Account Health Rating in the Healthy range are eligible for the widest set of deal types.

You are receiving this email because you are registered as a seller on Amazon.com.
To stop receiving marketing emails from Amazon Services, update your notification preferences: https://sellercentral.amazon.com/notifications/preferences
"""
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.com", slug), "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug, "qp", "qp")
add(slug, genuine(slug, "amazon.com", "amazon.com", "Amazon.com", "seller-info@amazon.com", to,
                  "Submit your promotions for Prime Day by May 31", d, root,
                  extra_after=[("List-Unsubscribe", "<https://sellercentral.amazon.com/notifications/preferences?unsub=marketing>")]),
    dict(is_notice=False, marketplace="amazon.com", notes="promotion with absolute submission dates that are not compliance deadlines"),
    "Prime Day promotion mail with absolute dates")

# ---------------------------------------------------------------- 026 UK chargeback, 7 calendar days

slug = "026-uk-chargeback"
d = when(2026, 2, 25, 10, 5, 0)
to = "accounts@kestrelgoods.co.uk"
txt = """Hello,

We have received a chargeback from the buyer's card issuer for the following order:

Order ID: 202-7781234-5567812
Order date: 3 February 2026
Chargeback amount: £61.50
Reason given by the card issuer: Merchandise not as described

Please provide the following information within seven calendar days of the email date so that we can respond to the card issuer on your behalf:
- a description of the item and its condition when shipped;
- proof of delivery, including the tracking number; and
- any correspondence with the buyer.

You can respond from the Chargeback Claims page in Seller Central:
https://sellercentral.amazon.co.uk/gp/chargebacks/home.html

If we do not receive a response, you may be held responsible for the chargeback amount, and the chargeback may count towards your Order Defect Rate.

Kind regards,
Amazon.co.uk
"""
foot = FOOTER_TXT["amazon.co.uk"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.co.uk", slug), "amazon.co.uk", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug)
add(slug, genuine(slug, "amazon.co.uk", "amazon.co.uk", "Amazon.co.uk", "seller-notification@amazon.co.uk", to,
                  "Chargeback received for order 202-7781234-5567812", d, root, ses_region="eu-west-1"),
    dict(is_notice=True, category="customer_feedback", issue_type="chargeback", severity="low",
         marketplace="amazon.co.uk", deadline=iso(d + timedelta(days=7)),
         notes="chargeback information request, 'seven calendar days of the email date' in words"),
    "UK chargeback with 'seven calendar days' in words")

# ---------------------------------------------------------------- 027 Gmail forward of US safety suspension (old prose, 17 days)

slug = "027-fwd-gmail-us-safety-suspension"
d_orig = when(2026, 1, 12, 16, 5, 0)  # Gmail shows the original date in the forwarder's zone (UK, GMT)
d = when(2026, 1, 14, 9, 20, 0)
to = "oliver@ecomappeals.co.uk"
orig = """Hello,

We have removed your selling privileges, canceled your listings, and placed a temporary hold on any funds in your seller account. We took this action because customers have reported safety issues with the following product:

ASIN: B0B2T6Y8PL
Title: Kestrel 6-Outlet Surge Protector Power Strip, 10 ft Cord

Customers reported that the product overheated and melted during normal use.

To reinstate your selling privileges, send us a plan of action through the Performance Notifications page that explains the root cause of the safety issue, the steps you have taken to resolve it, and how you will ensure that the products you sell are safe.

If you do not send an acceptable plan within 17 days or after two unsuccessful appeals (whichever occurs sooner), your selling privileges will remain removed and the hold on your funds will continue.

Sincerely,
Seller Performance Team
Amazon.com
http://www.amazon.com
"""
fwd_hdr_txt = """---------- Forwarded message ---------
From: Amazon.com <seller-performance@amazon.com>
Date: Mon, Jan 12, 2026 at 4:05 PM
Subject: Your Amazon.com selling privileges have been removed
To: <priya@kestrelgoods.co.uk>
"""
note = """Hi Oliver,

As discussed on the phone - this is the notice we got on Monday for the US account. Could you start on the plan of action? The overheating batch was from one supplier and we've already pulled it.

Thanks,
Priya

--
Priya Shah
Director, Kestrel Goods Ltd
+44 20 7946 0321
"""
txt = note + "\n" + fwd_hdr_txt + "\n\n" + orig
html_orig = "".join(f"{htmlmod.escape(p).replace(chr(10), '<br>')}<br><br>" for p in orig.strip().split("\n\n"))
html_orig = URL_RE.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', html_orig)
html = f"""<div dir="ltr"><div>Hi Oliver,</div><div><br></div><div>As discussed on the phone - this is the notice we got on Monday for the US account. Could you start on the plan of action? The overheating batch was from one supplier and we&#39;ve already pulled it.</div><div><br></div><div>Thanks,</div><div>Priya</div><div><br></div><span class="gmail_signature_prefix">-- </span><br><div dir="ltr" class="gmail_signature"><div dir="ltr">Priya Shah<br>Director, Kestrel Goods Ltd<br>+44 20 7946 0321</div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <strong class="gmail_sendername" dir="auto">Amazon.com</strong> <span dir="auto">&lt;<a href="mailto:seller-performance@amazon.com">seller-performance@amazon.com</a>&gt;</span><br>Date: Mon, Jan 12, 2026 at 4:05 PM<br>Subject: Your Amazon.com selling privileges have been removed<br>To: &lt;<a href="mailto:priya@kestrelgoods.co.uk">priya@kestrelgoods.co.uk</a>&gt;<br></div><br><br>{html_orig}</div></div>
"""
root = alternative(txt, html, slug, "qp", "qp")
root.set_boundary("000000000000" + hx(slug, 16))
headers = [
    ("Delivered-To", to),
    google_rx(slug, d, to, "mail-sor-f41.google.com", "209.85.220.41"),
    ("Authentication-Results", "mx.google.com;\n       dkim=pass header.i=@kestrelgoods.co.uk header.s=google header.b=T0c9pQ2e;\n       spf=pass (google.com: domain of priya@kestrelgoods.co.uk designates 209.85.220.41 as permitted sender) smtp.mailfrom=priya@kestrelgoods.co.uk;\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=kestrelgoods.co.uk"),
    ("Return-Path", "<priya@kestrelgoods.co.uk>"),
    ("DKIM-Signature", f"v=1; a=rsa-sha256; c=relaxed/relaxed;\n        d=kestrelgoods.co.uk; s=google; t={int(d.timestamp())};\n        h=to:subject:message-id:date:from:in-reply-to:references:mime-version:from:to:cc:subject:date:message-id:reply-to;\n        bh={b64ish(slug, 43)}=;\n        b={b64ish(slug + 's', 76)}"),
    ("MIME-Version", "1.0"),
    ("References", f"<0100019bb2f0c{hx(slug, 3)}-{hx(slug + 'q', 8)}-{hx(slug + 'w', 4)}-{hx(slug + 'e', 4)}-{hx(slug + 'r', 4)}-{hx(slug + 't', 12)}-000000@email.amazonses.com>"),
    ("In-Reply-To", f"<0100019bb2f0c{hx(slug, 3)}-{hx(slug + 'q', 8)}-{hx(slug + 'w', 4)}-{hx(slug + 'e', 4)}-{hx(slug + 'r', 4)}-{hx(slug + 't', 12)}-000000@email.amazonses.com>"),
    ("From", addr("Priya Shah", "priya@kestrelgoods.co.uk")),
    ("Date", format_datetime(d)),
    ("Message-ID", f"<CAFq{b64ish(slug, 40).replace('/', '_').replace('+', '-')}@mail.gmail.com>"),
    ("Subject", "Fwd: Your Amazon.com selling privileges have been removed"),
    ("To", addr("Oliver Grant", to)),
]
add(slug, assemble(headers, root),
    dict(is_notice=True, category="account_status", issue_type="product_safety", severity="critical",
         marketplace="amazon.com", asins=["B0B2T6Y8PL"], deadline=iso(d_orig + timedelta(days=17)),
         notes="Gmail forward (text+HTML) of US safety suspension; 17 days counted from original Jan 12 16:05 (forwarder in GMT), not forward date"),
    "Gmail-style forward of a US safety suspension")

# ---------------------------------------------------------------- 028 AU review manipulation warning

slug = "028-au-review-manipulation-warning"
d = when(2026, 3, 10, 9, 0, 0, 660)
to = "hello@koalacove.com.au"
txt = """Hello,

We are contacting you because we found that you attempted to manipulate customer reviews for the product below. This violates our Customer Product Reviews policy.

ASIN: B0CW3J7Y1K
Product: Koala Cove Merino Baby Sleeping Bag, 2.5 TOG, 6-18 Months

Specifically, we found package inserts offering buyers a free gift in exchange for a 5-star review.

This is a warning. Your listing remains active and no further action is required at this time. However, further violations of this policy may result in the removal of your selling privileges and the withholding of funds.

Learn more about the Customer Product Reviews policy:
https://sellercentral.amazon.com.au/help/hub/reference/external/GYRKB5RU3FS5TURN

Regards,
Seller Performance
Amazon.com.au
"""
foot = FOOTER_TXT["amazon.com.au"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.com.au", slug), "amazon.com.au", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug)
add(slug, genuine(slug, "amazon.com.au", "amazon.com.au", "Amazon.com.au", "seller-performance@amazon.com.au", to,
                  "Policy Warning: Customer Product Reviews", d, root, ses_region="ap-southeast-2"),
    dict(is_notice=True, category="policy_violation", issue_type="review_manipulation", severity="low",
         marketplace="amazon.com.au", asins=["B0CW3J7Y1K"],
         notes="review-manipulation warning, listing still active, no deadline"),
    "AU review manipulation warning")

# ---------------------------------------------------------------- 029 ordinary: colleague note mentioning account health (quoted reply)

slug = "029-ord-colleague-account-health"
d = when(2026, 3, 11, 10, 2, 33, -480)
to = "tom@brightnest-home.com"
txt = """Hey Tom,

Quick one before the call - account health looks fine this month. ODR is at 0.4%, late shipment 1.1%, no policy warnings in the dashboard. The A-to-z from February was closed in our favor.

I'll send the Q1 deck by Friday.

Dan

On Tue, Mar 10, 2026 at 4:51 PM Tom Reyes <tom@brightnest-home.com> wrote:
> Dan, can you check account health before Thursday's ops review? After the
> restricted products scare last month I want to make sure we're clean.
> Also need the Q1 numbers.
>
> Tom
"""
root = part(txt, "plain", "utf-8", "7bit")
headers = [
    ("Delivered-To", to),
    google_rx(slug, d, to, "mail-sor-f73.google.com", "209.85.220.73"),
    ("Authentication-Results", "mx.google.com;\n       dkim=pass header.i=@brightnest-home.com header.s=google header.b=Lp3dT8xq;\n       spf=pass (google.com: domain of dan@brightnest-home.com designates 209.85.220.73 as permitted sender) smtp.mailfrom=dan@brightnest-home.com;\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=brightnest-home.com"),
    ("Return-Path", "<dan@brightnest-home.com>"),
    ("MIME-Version", "1.0"),
    ("References", "<CAFq2mXw9Rk0D4s@mail.gmail.com>"),
    ("In-Reply-To", "<CAFq2mXw9Rk0D4s@mail.gmail.com>"),
    ("From", addr("Dan Whitaker", "dan@brightnest-home.com")),
    ("Date", format_datetime(d)),
    ("Message-ID", "<CAH7p1Zq0Lr5kKx8c3=Wd2vT@mail.gmail.com>"),
    ("Subject", "Re: account health + Q1 numbers"),
    ("To", addr("Tom Reyes", to)),
]
add(slug, assemble(headers, root),
    dict(is_notice=False, notes="internal colleague mail casually quoting ODR/LSR; not a notice, nothing to extract"),
    "colleague reply mentioning account health metrics")

# ---------------------------------------------------------------- 030 CA account at risk, AHR 168

slug = "030-ca-ahr-at-risk"
d = when(2026, 3, 5, 14, 0, 0, -300)
to = "sales@maplecraftsupply.ca"
txt = """Hello,

Your account is at risk of deactivation.

Your Account Health Rating is 168, which is in the At Risk range. An Account Health Rating of 200 or more is considered Healthy, and a rating below 100 may result in the deactivation of your account.

Your Account Health Rating reflects your adherence to Amazon's selling policies. Review the open items on your Account Health page and take action on each of them:
https://sellercentral.amazon.ca/performance/account/health

Your account remains active and you can continue selling.

We're here to help
If you have questions, contact Selling Partner Support.

Seller Performance Team
Amazon.ca
"""
foot = FOOTER_TXT["amazon.ca"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.ca", slug), "amazon.ca", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug)
add(slug, genuine(slug, "amazon.ca", "amazon.ca", "Amazon.ca", "seller-performance@amazon.ca", to,
                  "Your account is at risk of deactivation", d, root),
    dict(is_notice=True, category="account_health", issue_type="account_at_risk", severity="high",
         marketplace="amazon.ca", metrics={"account_health_rating": 168.0},
         notes="AHR 168 (band edges 200/100 are thresholds, not values); no specific cause -> account_at_risk"),
    "CA account at risk with an exact AHR value")

# ---------------------------------------------------------------- 031 phishing: ODR template copy, dkim=fail, link blended into words

slug = "031-phish-odr-dkimfail"
d = when(2026, 3, 3, 6, 55, 0)
to = "sales@maplecraftsupply.ca"
bad = "https://sellercentral-amazon.account-review.info/performance/" + hx(slug, 10)
txt = f"""Hello,

Your Order Defect Rate is 3.57%; the target is 1%.

Why is this happening?
Order Defect Rate (ODR) is the percentage of your orders that have one or more indicators of poor customer experience during a given 60-day time period.

Your account is at risk of deactivation within 72 hours. Sign in to your Customer Service Performance page to review the orders: {bad}

Sincerely,
Seller Performance Team
Amazon.com
"""
html = f"""<html><body style="font-family:Arial,sans-serif;font-size:14px;color:#111">
<p>Hello,</p>
<p>Your Order Defect Rate is 3.57%; the target is 1%.</p>
<h3>Why is this happening?</h3>
<p>Order Defect Rate (ODR) is the percentage of your orders that have one or more indicators of poor customer experience during a given 60-day time period.</p>
<p>Your account is at risk of deactivation within 72 hours. Sign in to your <a href="{bad}" style="color:#111;text-decoration:none">Customer Service Performance page</a> to review the orders.</p>
<p>Sincerely,<br>Seller Performance Team<br>Amazon.com</p>
</body></html>"""
root = alternative(txt, html, slug, "qp", "qp")
headers = [
    ("Delivered-To", to),
    ("Received", f"from smtp.brevo-relay.net (unknown [45.147.229.188])\n        by mx.google.com with ESMTP id {hx(slug, 18)}\n        for <{to}>;\n        {format_datetime(d + timedelta(seconds=2))}"),
    ("Authentication-Results", "mx.google.com;\n       dkim=fail header.i=@amazon.com header.s=rte02 header.b=aX91Lm0c;\n       spf=fail (google.com: domain of seller-performance@amazon.com does not designate 45.147.229.188 as permitted sender) smtp.mailfrom=seller-performance@amazon.com;\n       dmarc=fail (p=QUARANTINE sp=QUARANTINE dis=QUARANTINE) header.from=amazon.com"),
    ("Return-Path", "<seller-performance@amazon.com>"),
    ("From", addr("Seller Performance", "seller-performance@amazon.com")),
    ("To", to),
    ("Subject", "Warning: Your order defect rate is higher than 1%"),
    ("Date", format_datetime(d)),
    ("Message-ID", f"<{hx(slug, 16)}.{hx(slug + 'z', 8)}@smtp.brevo-relay.net>"),
]
add(slug, assemble(headers, root),
    dict(is_notice=False, suspected_phishing=True,
         notes="copy of ODR template with dkim=fail/dmarc=fail for header.from=amazon.com; link hidden behind ordinary words; metrics not extracted from phishing"),
    "phishing ODR copy, dkim=fail, link blended into words")

# ---------------------------------------------------------------- 032 US verification / under review (72h is Amazon's call)

slug = "032-us-under-review-verification"
d = when(2026, 2, 27, 3, 12, 55)
to = "owner@summitgearco.com"
txt = """Hello,

We are reviewing your Amazon selling account. Your selling privileges have been suspended while we verify the identity and business information you provided.

Why is this happening?
We regularly review selling accounts to protect buyers and sellers. We were unable to verify some of the information you provided during registration.

What happens next?
We will be contacting you by phone at the number on file within 72 hours. Please make sure the phone number in Seller Central is current.

How do I send the required information?
Please be ready to provide:
- a valid government-issued photo ID;
- a bank account or credit card statement, or a utility bill dated within the last 90 days, that shows your name and address.

Upload these documents from the Account Health page. We review submissions and get back to you within 2 business days.

Sincerely,
Seller Account Verification Team
Amazon.com
"""
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.com", slug), "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug)
add(slug, genuine(slug, "amazon.com", "amazon.com", "Amazon.com", "seller-verification@amazon.com", to,
                  "Your Amazon selling account is currently under review, and we will be contacting you by phone with more information within 72 hours.", d, root),
    dict(is_notice=True, category="account_status", issue_type="verification_required", severity="critical",
         marketplace="amazon.com",
         notes="selling privileges suspended pending identity verification; 72h = Amazon's phone call, 90 days = bill age, 2 business days = turnaround: no deadline"),
    "US account under review / verification, 72h in subject is Amazon's call")

# ---------------------------------------------------------------- 033 ordinary: Return Insights announcement

slug = "033-ord-return-insights-announcement"
d = when(2026, 2, 18, 21, 0, 0)
to = "maria@brightnest-home.com"
txt = """Hello,

We're making updates to the Return Insights dashboard to help you understand why customers return your products.

What's new
- Return reasons grouped by ASIN and by fulfillment channel
- A comparison of your return rate with similar products in the store
- Downloadable return comments for the last 90 days

Returns Processing Fee reminder
As announced earlier, the Returns Processing Fee applies to products with return rates above the category threshold. Fees for shipments in March 2026 will be charged in April 2026. This fee does not affect your Account Health Rating.

Visit the Return Insights dashboard: https://sellercentral.amazon.com/returns/insights

Sincerely,
Amazon Services
"""
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.com", slug), "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug, "qp", "qp")
add(slug, genuine(slug, "amazon.com", "amazon.com", "Amazon Services", "seller-notification@amazon.com", to,
                  "Updates to the Return Insights dashboard and Returns Processing Fee reminder", d, root,
                  extra_after=[("Reply-To", "donotreply@amazon.com"), ("Bounces-to", f"RTE+NE-null-{hx(slug, 12, True)}@sellernotifications.amazon.com")]),
    dict(is_notice=False, marketplace="amazon.com", notes="seller announcement; mentions AHR and dates, not a notice"),
    "Amazon Services announcement (Return Insights)")

# ---------------------------------------------------------------- 034 US reinstated

slug = "034-us-reinstated"
d = when(2026, 3, 16, 18, 20, 0)
to = "owner@summitgearco.com"
txt = """Hello,

Thank you for your appeal. We have reviewed the information you provided and reinstated your Amazon.com selling privileges.

Your listings may take up to 36 hours to become active again. Any funds held in your account will be released with your next scheduled disbursement.

You can view the status of your account at any time on the Account Health page:
https://sellercentral.amazon.com/performance/account/health

Thank you for selling on Amazon.

Seller Performance Team
Amazon.com
"""
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.com", slug), "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug)
add(slug, genuine(slug, "amazon.com", "amazon.com", "Seller Performance", "seller-performance@amazon.com", to,
                  "Your Amazon.com selling privileges have been reinstated", d, root),
    dict(is_notice=True, category="account_status", issue_type="account_reinstated", severity="low",
         marketplace="amazon.com", notes="reinstatement, no cause stated; '36 hours' is Amazon's turnaround"),
    "US reinstatement")

# ---------------------------------------------------------------- 035 IN restricted product listing removed

slug = "035-in-restricted-product"
d = when(2026, 1, 22, 11, 45, 0, 330)
to = "support@vedaherbals.in"
txt = """Dear Seller,

Greetings from Amazon Seller Services.

We have removed the following listing from Amazon.in because it appears to be a restricted product under our Drugs and Drug Paraphernalia policy (Schedule H prescription medicines):

ASIN: B0B7H3K9MX
Title: Veda Herbals Pain Relief Tablets, 60 Count

Why did this happen?
Amazon.in does not permit the sale of prescription drugs. Listings that contain prescription-only ingredients or make claims to treat medical conditions are not allowed.

Have your listings been removed in error?
If you believe the listing was removed in error, reply to this email with a description of the product, product label images and a copy of your valid drug licence. We usually respond within 48 hours.

Repeated violations of our Restricted Products policy may lead to the deactivation of your selling account.

Regards,
Seller Performance Team
Amazon.in
"""
foot = FOOTER_TXT["amazon.in"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.in", slug), "amazon.in", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug)
add(slug, genuine(slug, "amazon.in", "amazon.in", "Amazon Seller Services", "seller-performance-policy@amazon.in", to,
                  "Action Required: Listing Removed from Amazon", d, root, ses_region="ap-south-1"),
    dict(is_notice=True, category="policy_violation", issue_type="restricted_product", severity="medium",
         marketplace="amazon.in", asins=["B0B7H3K9MX"],
         notes="restricted product listing removed; 'usually within 48 hours' is Amazon turnaround"),
    "IN restricted-product listing removal")

# ---------------------------------------------------------------- 036 ordinary: DE FBA newsletter via Marketo

slug = "036-ord-de-fba-newsletter"
d = when(2026, 3, 5, 9, 0, 0, 60)
to = "shop@kellerhaus-versand.de"
txt = """FBA-Newsletter: März 2026

Hallo,

hier sind die wichtigsten Neuigkeiten zu Versand durch Amazon in diesem Monat.

1. Neue Lagergebühren ab 1. April 2026
Die monatlichen Lagergebühren für Standardartikel ändern sich zum 1. April 2026. Eine Übersicht finden Sie auf der Gebührenseite.

2. Saisonale Lagerkapazität
Planen Sie Ihre Sendungen für das Ostergeschäft rechtzeitig. Die Kapazitätsgrenzen werden am 15. März 2026 aktualisiert.

3. Tipp: Kontozustand im Blick behalten
Auf der Seite „Kontozustand“ sehen Sie Ihre Verspätungsrate und Ihre Rate gültiger Sendungsverfolgungsnummern auf einen Blick.

Mehr erfahren: https://sellercentral.amazon.de/help/hub/reference/external/G201411300

Mit freundlichen Grüßen
Ihr Team von Versand durch Amazon

Sie erhalten diese E-Mail, weil Sie als Verkaufspartner auf Amazon.de registriert sind. Abmelden: https://sellercentral.amazon.de/notifications/preferences
"""
foot = FOOTER_TXT["amazon.de"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.de", slug), "amazon.de", slug, htmlmod.escape(foot).replace("\n", "<br>"), "de"), slug, "qp", "qp")
headers = [
    ("Delivered-To", to),
    ("Received", f"from mail11.mktomail.com (mail11.mktomail.com. [199.15.214.171])\n        by mx.google.com with ESMTPS id {hx(slug, 18)}\n        for <{to}>;\n        {format_datetime((d + timedelta(seconds=6)).astimezone(UTC))}"),
    ("Authentication-Results", "mx.google.com;\n       dkim=pass header.i=@amazon.de header.s=m1 header.b=Nt7xQ0sA;\n       dkim=pass header.i=@mktomail.com header.s=m1 header.b=E0k2pV9m;\n       spf=pass (google.com: domain of 379-kpd-811.0.40192.0.0.2231.9.2938710@em-sj-77.mktomail.com designates 199.15.214.171 as permitted sender) smtp.mailfrom=379-KPD-811.0.40192.0.0.2231.9.2938710@em-sj-77.mktomail.com;\n       dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=amazon.de"),
    ("Return-Path", "<379-KPD-811.0.40192.0.0.2231.9.2938710@em-sj-77.mktomail.com>"),
    ("From", addr("Versand durch Amazon", "no-reply@amazon.de")),
    ("Reply-To", "no-reply@amazon.de"),
    ("To", to),
    ("Subject", hdr("FBA-Newsletter: März 2026")),
    ("Date", format_datetime(d)),
    ("Message-ID", f"<{hx(slug, 10)}.{hx(slug + 'm', 6)}.2938710.40192@mkto-sj770041.com>"),
    ("List-Unsubscribe", "<mailto:unsub-379-KPD-811.0.40192@mktomail.com>"),
    ("X-Binding", "bg-sj-77"),
    ("X-MarketoID", "379-KPD-811:40192:2938710"),
]
add(slug, assemble(headers, root),
    dict(is_notice=False, marketplace="amazon.de", language="de",
         notes="German FBA newsletter via Marketo; fee dates and 'Kontozustand' tip are not a notice"),
    "German FBA newsletter sent via Marketo")

# ---------------------------------------------------------------- 037 US patent, 90-day inventory removal

slug = "037-us-patent-90-days"
d = when(2026, 1, 29, 21, 14, 3)
to = "team@foldflexhome.com"
txt = """Hello,

We received a report from a rights owner that the listings at the end of this email infringe their patent. As a result, we removed these listings.

If you believe the report was made in error, contact the rights owner. If the rights owner agrees to retract the complaint, they must send the retraction to notice-retraction@amazon.com.

If you have information to show that the report is inaccurate, reply to this email or write to notice-dispute@amazon.com.

If you do not provide the information within 90 days, you will receive a request to remove the inventory for these ASINs from Amazon fulfillment centers.

Please be aware that repeated violations of our policies may result in the removal of your selling privileges.

ASIN: B0BZ4L7P2D
Title: FoldFlex Collapsible Silicone Colander, 4 qt
Infringement type: Patent
Patent number: US 11,284,906 B2
Complaint ID: 13027741955
Rights owner: Prepwise Kitchen Innovations LLC, ip@prepwise-kitchen.com

Sincerely,
Seller Performance Team
Amazon.com
"""
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.com", slug), "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug, "qp", "b64")
add(slug, genuine(slug, "amazon.com", "amazon.com", "Amazon.com", "notice-dispute@amazon.com", to,
                  "Notice: Policy Warning", d, root),
    dict(is_notice=True, category="policy_violation", issue_type="patent", severity="high",
         marketplace="amazon.com", asins=["B0BZ4L7P2D"], deadline=iso(d + timedelta(days=90)),
         notes="patent takedown, listing removed, inventory removal request if no info in 90 days"),
    "US patent takedown with 90-day inventory clause")

# ---------------------------------------------------------------- 038 Outlook HTML forward of copyright notice, masked ASIN

slug = "038-fwd-outlook-html-copyright-masked"
d = when(2026, 3, 3, 16, 40, 0, -300)
to = "intake@sellerdefenders.com"
inner_orig = """<p class="MsoNormal">Hello,<o:p></o:p></p>
<p class="MsoNormal">We received a report from a rights owner that the listings at the end of this email infringe their copyright. As a result, we removed these listings.<o:p></o:p></p>
<p class="MsoNormal">If you believe the report was made in error, contact the rights owner. If the rights owner agrees to retract the complaint, they must send the retraction to <a href="mailto:notice-retraction@amazon.com">notice-retraction@amazon.com</a>.<o:p></o:p></p>
<p class="MsoNormal">If you have information to show that the report is inaccurate, reply to this email or write to <a href="mailto:notice-dispute@amazon.com">notice-dispute@amazon.com</a>.<o:p></o:p></p>
<p class="MsoNormal">Please be aware that repeated violations of our policies may result in the removal of your selling privileges.<o:p></o:p></p>
<p class="MsoNormal">ASIN: B07TLXXXX<br>Title: *****<br>ASIN: B0C9*****<br>Title: *****<br>Infringement type: Copyright Image<br>Complaint ID: **********<o:p></o:p></p>
<p class="MsoNormal">Sincerely,<br>Seller Performance Team<br>Amazon.com<o:p></o:p></p>"""
html = f"""<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
p.MsoNormal, li.MsoNormal, div.MsoNormal {{margin:0in;font-size:11.0pt;font-family:"Calibri",sans-serif;}}
span.EmailStyle19 {{mso-style-type:personal-reply;font-family:"Calibri",sans-serif;color:windowtext;}}
--></style></head>
<body lang="EN-US" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">
<p class="MsoNormal">Hi team,<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Submitting this through your intake address as requested. We got the notice below yesterday. I masked the ASINs and titles before sending because this goes into your shared tracker &#8211; I can give them to you on the call. These are our own product photos from a paid shoot, so we believe the complaint is wrong and would like help with a counter-notice.<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Best,<o:p></o:p></p>
<p class="MsoNormal">Derek Lin<br>Paws &amp; Pixels Pet Supply<br>(612) 555-0193<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in">
<p class="MsoNormal"><b>From:</b> Amazon &lt;notice-dispute@amazon.com&gt; <br><b>Sent:</b> Monday, March 2, 2026 11:03 AM<br><b>To:</b> derek@pawsandpixels.com<br><b>Subject:</b> Notice: Policy Warning<o:p></o:p></p>
</div>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
{inner_orig}
</div>
</body></html>
"""
root = part(html, "html", "utf-8", "b64")
headers = [
    ("Delivered-To", to),
    ("Received", f"from NAM10-BN7-obe.outbound.protection.outlook.com (mail-bn7nam10on2092.outbound.protection.outlook.com. [40.107.92.92])\n        by mx.google.com with ESMTPS id {hx(slug, 18)}\n        for <{to}>;\n        {format_datetime((d + timedelta(seconds=2)).astimezone(UTC))}"),
    ("Authentication-Results", "mx.google.com;\n       dkim=pass header.i=@pawsandpixels.com header.s=selector2 header.b=Vb8mN2qr;\n       spf=pass (google.com: domain of derek@pawsandpixels.com designates 40.107.92.92 as permitted sender) smtp.mailfrom=derek@pawsandpixels.com;\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=pawsandpixels.com"),
    ("Return-Path", "<derek@pawsandpixels.com>"),
    ("From", addr("Derek Lin", "derek@pawsandpixels.com")),
    ("To", addr("Seller Defenders Intake", to)),
    ("Subject", "FW: Notice: Policy Warning"),
    ("Thread-Topic", "Notice: Policy Warning"),
    ("Date", format_datetime(d)),
    ("Message-ID", "<MN2PR17MB4012A9E7F2C1D0B6E55F0C3DA84A2@MN2PR17MB4012.namprd17.prod.outlook.com>"),
    ("Accept-Language", "en-US"),
    ("Content-Language", "en-US"),
    ("X-MS-Has-Attach", ""),
]
add(slug, assemble(headers, root),
    dict(is_notice=True, category="policy_violation", issue_type="copyright", severity="medium",
         marketplace="amazon.com", asins=[],
         notes="Outlook HTML-only forward (base64) of copyright-image takedown; ASINs masked (B07TLXXXX, B0C9*****) so none extracted; no deadline"),
    "Outlook HTML forward of copyright takedown with masked ASINs")

# ---------------------------------------------------------------- 039 FR ODR warning, decimal comma

slug = "039-fr-odr-decimal-comma"
d = when(2026, 1, 19, 10, 30, 0, 60)
to = "contact@lumiere-maison.fr"
txt = """Bonjour,

Votre taux de défauts de commande est de 1,87 % ; l'objectif est inférieur à 1 %.

Le taux de défauts de commande correspond au pourcentage de vos commandes ayant fait l'objet d'un ou plusieurs défauts (commentaire négatif, réclamation au titre de la Garantie A à Z non refusée ou rétrofacturation) sur une période de 60 jours.

Votre compte est toujours actif. Toutefois, un taux de défauts de commande supérieur à 1 % peut entraîner la désactivation de votre compte.

Comment puis-je améliorer mon taux de défauts de commande ?
Consultez les commandes concernées sur la page Performances du service client :
https://sellercentral.amazon.fr/performance/detail/customer-service

Nous sommes là pour vous aider
Pour toute question, contactez le Support aux partenaires de vente.

Cordialement,
L'équipe Performances vendeur
Amazon.fr
"""
foot = FOOTER_TXT["amazon.fr"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.fr", slug), "amazon.fr", slug, htmlmod.escape(foot).replace("\n", "<br>"), "fr"), slug)
add(slug, genuine(slug, "amazon.fr", "amazon.fr", "Amazon.fr", "seller-performance@amazon.fr", to,
                  "Avertissement : votre taux de défauts de commande est supérieur à 1 %", d, root, ses_region="eu-west-1"),
    dict(is_notice=True, category="account_health", issue_type="order_defect_rate", severity="high",
         marketplace="amazon.fr", language="fr", metrics={"order_defect_rate": 1.87},
         notes="French ODR warning, decimal comma '1,87 %', target 1 % not a value; account active"),
    "FR ODR warning with decimal comma")

# ---------------------------------------------------------------- 040 ordinary: ES FBA fee announcement

slug = "040-ord-es-fee-announcement"
d = when(2026, 2, 16, 10, 0, 0, 60)
to = "tienda@lucesdelsur.es"
txt = """Hola:

Te escribimos para informarte de los cambios en las tarifas de Logística de Amazon que entrarán en vigor el 15 de abril de 2026.

Qué cambia
- Las tarifas de envío para productos de tamaño estándar se reducirán en 0,12 € por unidad de media.
- La tarifa de almacenamiento mensual de temporada alta (octubre a diciembre) se mantiene sin cambios.
- Se introduce un descuento para productos con un precio inferior a 10 €.

No es necesario que realices ninguna acción. Puedes consultar el detalle de las nuevas tarifas en la página de tarifas de Logística de Amazon:
https://sellercentral.amazon.es/help/hub/reference/external/GR8F8AEXD4GBVJ6W

Gracias por vender en Amazon.

Atentamente,
Amazon Seller Central
"""
foot = FOOTER_TXT["amazon.es"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.es", slug), "amazon.es", slug, htmlmod.escape(foot).replace("\n", "<br>"), "es"), slug, "8bit", "qp")
add(slug, genuine(slug, "amazon.es", "amazon.es", "Amazon Seller Central", "seller-notification@amazon.es", to,
                  "Cambios en las tarifas de Logística de Amazon a partir del 15 de abril de 2026", d, root, ses_region="eu-west-1"),
    dict(is_notice=False, marketplace="amazon.es", language="es", notes="fee-change announcement with a prose effective date; not a notice"),
    "Spanish FBA fee announcement (8bit text)")

# ---------------------------------------------------------------- 041 US offer deactivated, fair pricing

slug = "041-us-fair-pricing"
d = when(2026, 2, 24, 7, 7, 7)
to = "team@foldflexhome.com"
txt = """Hello,

One or more of your offers have been deactivated because they are priced significantly higher than recent prices offered on or off Amazon. This violates our Marketplace Fair Pricing Policy.

SKU: FF-KNF-08-BLK
ASIN: B0C4N9V2WQ
Your price: $189.99
Reference price: $64.99

How do I reactivate my offer?
Update your price on the Manage Pricing page. After you update the price, your offer will be reactivated automatically, usually within 24 hours.
https://sellercentral.amazon.com/inventory?ref_=xx_invmgr_dnav_xx

Learn more about the Marketplace Fair Pricing Policy:
https://sellercentral.amazon.com/help/hub/reference/external/G5TUVJKZHUVMN77V

Sincerely,
Amazon.com
"""
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.com", slug), "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug)
add(slug, genuine(slug, "amazon.com", "amazon.com", "Amazon Seller Central", "seller-notification@amazon.com", to,
                  "Your offer has been deactivated due to a pricing policy violation", d, root),
    dict(is_notice=True, category="policy_violation", issue_type="pricing_policy", severity="medium",
         marketplace="amazon.com", asins=["B0C4N9V2WQ"],
         notes="offer deactivated under Fair Pricing Policy; '24 hours' is Amazon's turnaround"),
    "US fair-pricing offer deactivation")

# ---------------------------------------------------------------- 042 phishing JP, look-alike domain

slug = "042-phish-jp-account-lock"
d = when(2026, 3, 15, 21, 30, 0, 480)
to = "info@tanaka-shoten.co.jp"
bad = "https://amazon.co.jp.seller-verify.top/ap/signin?sid=" + hx(slug, 16)
txt = f"""出品者様

いつもAmazon.co.jpをご利用いただきありがとうございます。

お客様の出品用アカウントで異常なログインが検出されたため、アカウントは一時的にロックされています。

24時間以内に以下のリンクからアカウント情報(パスワード、銀行口座番号、クレジットカード番号)を更新しない場合、アカウントは永久に停止され、売上金は没収されます。

アカウント情報を更新する: {bad}

Amazon.co.jp 出品者サポート
"""
html = f"""<html><body><p>出品者様</p><p>いつもAmazon.co.jpをご利用いただきありがとうございます。</p>
<p>お客様の出品用アカウントで異常なログインが検出されたため、アカウントは一時的にロックされています。</p>
<p>24時間以内に以下のリンクからアカウント情報(パスワード、銀行口座番号、クレジットカード番号)を更新しない場合、アカウントは永久に停止され、売上金は没収されます。</p>
<p><a href="{bad}" style="background:#ff9900;color:#000;padding:8px 16px;text-decoration:none">アカウント情報を更新する</a></p>
<p>Amazon.co.jp 出品者サポート</p></body></html>"""
root = alternative(txt, html, slug, "b64", "b64")
headers = [
    ("Delivered-To", to),
    ("Received", f"from amazon-co-jp.kxyzq.cn (unknown [103.214.168.77])\n        by mx.google.com with ESMTP id {hx(slug, 18)}\n        for <{to}>;\n        {format_datetime((d + timedelta(seconds=5)).astimezone(UTC))}"),
    ("Authentication-Results", "mx.google.com;\n       spf=neutral (google.com: 103.214.168.77 is neither permitted nor denied by best guess record for domain of info@amazon-co-jp.kxyzq.cn) smtp.mailfrom=info@amazon-co-jp.kxyzq.cn"),
    ("Return-Path", "<info@amazon-co-jp.kxyzq.cn>"),
    ("From", addr("Amazon.co.jp", "info@amazon-co-jp.kxyzq.cn")),
    ("To", to),
    ("Subject", hdr("Amazon.co.jp出品用アカウントについてのお知らせ")),
    ("Date", format_datetime(d)),
    ("Message-ID", f"<{hx(slug, 20)}@amazon-co-jp.kxyzq.cn>"),
    ("X-Mailer", "Foxmail 7.2.25.228[cn]"),
]
add(slug, assemble(headers, root),
    dict(is_notice=False, suspected_phishing=True, language="ja",
         notes="Japanese phishing: look-alike .cn sender, link host amazon.co.jp.<attacker>, asks for password/bank/card, 24h threat"),
    "Japanese phishing, look-alike sender and link host")

# ---------------------------------------------------------------- 043 US listing policy warning, prose absolute date

slug = "043-us-image-policy-prose-date"
d = when(2026, 3, 4, 16, 0, 0)
to = "owner@summitgearco.com"
txt = """Hello,

The main images for the listings below do not meet our product image requirements. Main images must show the product on a pure white background (RGB 255, 255, 255) and must not contain text, logos, borders or watermarks.

ASIN: B0CP7Q2M8T - Summit Ultralight Trekking Poles (pair): main image contains a text overlay
ASIN: B0CP7Q3L1S - Summit Ultralight Trekking Poles, Carbon: main image has a non-white background

Your listings remain active for now. If you do not update these images by March 31, 2026, the listings will be suppressed and will no longer be visible in search results.

How do I fix my listings?
Upload compliant main images from Manage All Inventory > Edit > Images:
https://sellercentral.amazon.com/listing/status?ref_=xx_lstat_dnav_xx

Product image requirements: https://sellercentral.amazon.com/help/hub/reference/external/G1881

Thank you for selling on Amazon.
Amazon.com
"""
foot = FOOTER_TXT["amazon.com"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.com", slug), "amazon.com", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug)
add(slug, genuine(slug, "amazon.com", "amazon.com", "Amazon Seller Central", "seller-notification@amazon.com", to,
                  "Listing quality alert: update the main images for 2 listings", d, root),
    dict(is_notice=True, category="policy_violation", issue_type="listing_policy", severity="low",
         marketplace="amazon.com", asins=["B0CP7Q2M8T", "B0CP7Q3L1S"], deadline=iso(end_of_day(2026, 3, 31, "amazon.com")),
         notes="image-standard warning, listings still active; prose date March 31, 2026 = 23:59:59 PDT"),
    "US listing image policy warning with prose absolute date")

# ---------------------------------------------------------------- 044 IN on-time delivery, plan requested

slug = "044-in-otdr-plan"
d = when(2026, 3, 9, 6, 30, 0, 330)
to = "support@vedaherbals.in"
txt = """Dear Seller,

Greetings from Amazon.in.

Your On-Time Delivery Rate is 82.5% for the last 14 days, below our target of greater than 90%. On-Time Delivery Rate is the percentage of your shipments that were delivered to customers by the estimated delivery date.

Late deliveries lead to customer contacts, negative feedback and A-to-z Guarantee claims. To protect the customer experience, we request you to share a plan of action describing the steps you will take to improve on-time delivery, covering:
- carrier performance in your serviceable pin codes;
- the handling time configured in your Shipping Settings; and
- how you will keep the promised delivery date accurate.

Please share the plan of action from Account Health > On-Time Delivery Rate > Submit plan. Our team will review your plan and respond within 5 business days.

Your account is active and you can continue to sell.

Warm regards,
Seller Performance Team
Amazon.in
"""
foot = FOOTER_TXT["amazon.in"].format(to=to)
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.in", slug), "amazon.in", slug, htmlmod.escape(foot).replace("\n", "<br>")), slug, "qp", "qp")
add(slug, genuine(slug, "amazon.in", "amazon.in", "Amazon.in", "seller-performance@amazon.in", to,
                  "Action needed: improve your On-Time Delivery Rate", d, root, ses_region="ap-south-1"),
    dict(is_notice=True, category="performance_improvement", issue_type="on_time_delivery_rate", severity="high",
         marketplace="amazon.in", metrics={"on_time_delivery_rate": 82.5},
         notes="plan of action requested for OTDR 82.5% (target 90%), account active; '14 days' window and '5 business days' turnaround are not deadlines"),
    "IN on-time delivery plan-of-action request")

# ---------------------------------------------------------------- 045 ordinary: JP payout notice

slug = "045-ord-jp-payout"
d = when(2026, 2, 20, 12, 0, 0, 540)
to = "info@tanaka-shoten.co.jp"
txt = """出品者様

Amazon.co.jpをご利用いただき、ありがとうございます。

お客様の出品者アカウントの売上金のお振込み手続きが完了しましたのでお知らせいたします。

振込金額: ￥128,450
決済期間: 2026/02/06 - 2026/02/20
振込先: 三井住友銀行 ****1234

お客様の口座への入金までには、通常3～5営業日かかります。

ペイメントの詳細はセラーセントラルの「ペイメント」ページでご確認いただけます。
https://sellercentral.amazon.co.jp/payments/dashboard/index.html

今後ともAmazon.co.jpをよろしくお願いいたします。

Amazon.co.jp
"""
foot = FOOTER_TXT["amazon.co.jp"]
root = alternative(txt + "\n" + foot + "\n", amazon_html(text_to_html(txt, "amazon.co.jp", slug), "amazon.co.jp", slug, htmlmod.escape(foot).replace("\n", "<br>"), "ja"), slug, "b64", "b64")
add(slug, genuine(slug, "amazon.co.jp", "amazon.co.jp", "Amazon.co.jp", "payments-messages@amazon.co.jp", to,
                  "Amazon.co.jp 出品サービス: お振込み手続き完了のお知らせ", d, root, ses_region="ap-northeast-1"),
    dict(is_notice=False, marketplace="amazon.co.jp", language="ja", notes="Japanese disbursement notice; business days are not a deadline"),
    "Japanese payout notice")


# --------------------------------------------------------------------------- write


def main() -> None:
    for old in list(OUT.glob("*.eml")) + [p for p in OUT.glob("*.json")]:
        old.unlink()
    lines = [
        "# notifyd held-out evaluation set",
        "",
        "Written independently of the classifier and its fixtures from `/work/shared/PATTERNS.md`; regenerate with",
        "`.venv/bin/python tests/holdout/make_holdout.py`. Score with `.venv/bin/python benchmarks/accuracy tests/holdout -v`.",
        "",
    ]
    slugs = set()
    for m in MAILS:
        assert m["slug"] not in slugs, m["slug"]
        slugs.add(m["slug"])
        (OUT / f"{m['slug']}.eml").write_bytes(m["raw"])
        (OUT / f"{m['slug']}.json").write_text(json.dumps(m["label"], indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        lab = m["label"]
        kind = "phishing" if lab["suspected_phishing"] else ("notice" if lab["is_notice"] else "ordinary")
        lines.append(f"- `{m['slug']}.eml` ({kind}, {lab['language']}): {m['summary']}")
    (OUT / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(MAILS)} mails to {OUT}")


if __name__ == "__main__":
    main()
