"""Build test emails in a few lines: realistic headers, text and optional HTML part."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

from notifyd.core.models import ParsedEmail

_ids = itertools.count(1)


def make_email(
    sender: str,
    subject: str,
    text: str,
    date: datetime,
    html: str | None = None,
    to: str = "seller@example.test",
    message_id: str | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id or f"<test-{next(_ids)}-{date.timestamp():.0f}@example.test>"
    for key, value in (headers or {}).items():
        msg[key] = value
    msg.set_content(text)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    return msg.as_bytes()


def odr_warning(date: datetime, rate: str = "2.4", **kw: object) -> bytes:
    return make_email(
        "Amazon Seller Performance <seller-performance@amazon.com>",
        "Warning: Your order defect rate is higher than 1%",
        f"Hello,\n\nYour Order Defect Rate is {rate}%; the target is 1%. An Order Defect Rate "
        "above 1% may put your account at risk of deactivation within 72 hours.\n\n"
        "Why is this happening?\nOrders with negative feedback, A-to-z Guarantee claims and "
        "chargebacks count as defects during a given 60-day time period.\n\n"
        "How do I send the required information?\nSubmit a plan of action in Account Health.\n\n"
        "Seller Performance Team\n",
        date, **kw,  # type: ignore[arg-type]
    )


def trademark_complaint(date: datetime, asins: tuple[str, ...] = ("B01G6I41N6", "B07XJ8C8F5"),
                        **kw: object) -> bytes:
    blocks = "\n\n".join(
        f"ASIN: {a}\nTitle: Sample product {i}\nInfringement type: Trademark\n"
        f"Complaint ID: 12345678{i}\nTrademark number: 018000{i}"
        for i, a in enumerate(asins)
    )
    return make_email(
        "Amazon.com <notice-dispute@amazon.com>",
        "Notice: Policy Warning",
        "Hello,\n\nWe removed some of your listings because we received a report from a rights "
        "owner that they infringe the rights owner's trademark. If you believe this is an error, "
        "contact the rights owner. If you do not provide the information within 90 days, you "
        "will receive a request to remove the inventory.\n\nThe ASINs are listed at the end of "
        f"this email.\n\n{blocks}\n\nSeller Performance Team\n",
        date, **kw,  # type: ignore[arg-type]
    )


def deactivation(date: datetime, **kw: object) -> bytes:
    return make_email(
        "seller-performance@amazon.com",
        "Your Amazon selling account has been deactivated",
        "Hello,\n\nWe have deactivated your Amazon selling account and placed a hold on any "
        "funds in your account. We took this action because your Late Shipment Rate is 9.8% "
        "and does not meet our target of less than 4%.\n\nHow do I reactivate my account?\n"
        "If you do not send an acceptable plan within 17 days, your funds may be held.\n\n"
        "Seller Performance Team\n",
        date, **kw,  # type: ignore[arg-type]
    )


def sold_ship_now(date: datetime, **kw: object) -> bytes:
    return make_email(
        "Amazon Seller Central <seller-notification@amazon.com>",
        "Sold, ship now: Blue Ceramic Mug, 350 ml",
        "Congratulations, you sold an item. Order ID: 113-4567890-1234567. Ship by "
        "December 1, 2026.\n", date, **kw,  # type: ignore[arg-type]
    )


def newsletter(date: datetime, **kw: object) -> bytes:
    return make_email(
        "Garden Weekly <news@gardenweekly.example>",
        "Ten plants for a winter balcony",
        "Our picks for the cold months, and a discount code for subscribers.\n",
        date, **kw,  # type: ignore[arg-type]
    )


def parsed(
    text: str,
    subject: str = "Notice",
    sender: str = "seller-performance@amazon.com",
    name: str = "Amazon Seller Performance",
    date: datetime | None = datetime(2026, 5, 4, 15, 0, tzinfo=UTC),
    html: str = "",
    headers: dict[str, list[str]] | None = None,
) -> ParsedEmail:
    """An email as parse_email would hand it to the classifier, for tests of the classifier."""
    return ParsedEmail(
        message_id="<t@example.test>",
        subject=subject,
        sender=sender,
        sender_name=name,
        date_at=date,
        text=text,
        html=html,
        headers=headers or {},
    )
