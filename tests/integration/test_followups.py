"""A notice, then Amazon's replies about it, imported through the real command line: the replies
join the notice's timeline, change its status and deadline, and alert its channel again."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from conftest import channel_toml, notifyd
from harness import WebhookReceiver

# Written for this test: a listing taken down over authenticity, then two replies from Amazon,
# one threaded by its headers and one naming the notification ID only.
LISTING = """\
From: Amazon Seller Performance <seller-performance@amazon.com>
To: shop@example.test
Subject: Action required: listing deactivated for authenticity concerns
Message-ID: <auth-case-1@amazon.com>
Date: {date}
Content-Type: text/plain; charset=utf-8

Hello,

We have deactivated your listing for ASIN B0FOLLOW01 because buyers told us that the item they
received did not appear to be genuine.

Notification ID: 5551234567

What you need to do: send us invoices from your supplier covering the last 365 days and a letter
of authorization from the brand. Send the documents to pq-review@amazon.com within 17 days.

Seller Performance Team
Amazon.com
"""
MORE_INFO = """\
From: Amazon Seller Performance <seller-performance@amazon.com>
To: shop@example.test
Subject: Re: Action required: listing deactivated for authenticity concerns
Message-ID: <auth-case-2@amazon.com>
In-Reply-To: <auth-case-1@amazon.com>
References: <auth-case-1@amazon.com>
Date: {date}
Content-Type: text/plain; charset=utf-8

Hello,

Thank you for your appeal regarding ASIN B0FOLLOW01. We need more information before we can
reinstate the listing: the invoices you sent do not show the quantity of units purchased.

Please send the complete invoices to pq-review@amazon.com within 5 days.

Seller Performance Team
Amazon.com
"""
DENIED = """\
From: Amazon Seller Performance <seller-performance@amazon.com>
To: shop@example.test
Subject: Your appeal for ASIN B0FOLLOW01
Message-ID: <auth-case-3@amazon.com>
Date: {date}
Content-Type: text/plain; charset=utf-8

Hello,

We reviewed your appeal for the listing with ASIN B0FOLLOW01 (Notification ID: 5551234567). Your
appeal has been denied: the documents you provided do not show that the units you sold were
genuine, and we are unable to reinstate the listing at this time.

Seller Performance Team
Amazon.com
"""
SUSPENDED = """\
From: Amazon Seller Performance <seller-performance@amazon.com>
To: shop@example.test
Subject: Your Amazon.com selling account has been deactivated
Message-ID: <acct-case-1@amazon.com>
Date: {date}
Content-Type: text/plain; charset=utf-8

Hello,

We have deactivated your Amazon.com selling account because your late shipment rate stayed far
above our target of 4% for several weeks.

To reactivate your account, submit a plan of action through the Appeal button on the Account
Health page. Your plan should explain what caused the late shipments and the steps you have taken.

Seller Performance Team
Amazon.com
"""
REINSTATED = """\
From: Amazon Seller Performance <seller-performance@amazon.com>
To: shop@example.test
Subject: Your Amazon.com selling account has been reactivated
Message-ID: <acct-case-2@amazon.com>
Date: {date}
Content-Type: text/plain; charset=utf-8

Hello,

Thank you for your plan of action. After reviewing it, we have reinstated your Amazon.com selling
account. Your listings will become active again within 24 hours.

Seller Performance Team
Amazon.com
"""


def test_replies_join_their_notice_and_a_reinstatement_resolves_the_account_notice(
    webhook: WebhookReceiver, write_config: Callable[..., Path], tmp_path: Path
) -> None:
    config = str(write_config(channel_toml("hook", webhook.url("json"))))
    now = datetime.now(UTC).replace(microsecond=0)
    mails = [
        ("listing", LISTING, now - timedelta(days=3)),
        ("more", MORE_INFO, now - timedelta(days=2)),
        ("denied", DENIED, now - timedelta(days=1)),
        ("suspended", SUSPENDED, now - timedelta(days=10)),
        ("reinstated", REINSTATED, now - timedelta(hours=2)),
    ]
    for name, text, sent in mails:
        path = tmp_path / f"{name}.eml"
        path.write_text(text.format(date=format_datetime(sent)), encoding="utf-8")
        ran = notifyd("--config", config, "import", "--since", "all", str(path))
        assert ran.returncode == 0, ran.stderr
        reply = name in ("more", "denied", "reinstated")
        assert ran.stdout.startswith("1 new emails: 0 notices" if reply else "1 new emails: 1 notices")
        assert ("1 replies to earlier notices" in ran.stdout) is reply, ran.stdout

    listed = notifyd("--config", config, "notices", "--status", "all", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    # Five mails, two notices: the replies opened none of their own.
    assert [(r["id"], r["issue_type"]) for r in rows] == [
        (1, "product_authenticity"),
        (2, "late_shipment_rate"),
    ]
    listing = rows[0]
    assert listing["requested"] == ["documents"]
    assert listing["documents"] == ["invoices", "letter_of_authorisation"]
    assert listing["respond_via"] == {"kind": "email", "address": "pq-review@amazon.com", "url": None}

    shown = notifyd("--config", config, "show", "1", "--json")
    assert shown.returncode == 0, shown.stderr
    one = json.loads(shown.stdout)
    timeline = [(f["kind"], f["message_id"], f["matched_by"]) for f in one["timeline"]]
    assert timeline == [
        ("more_information", "<auth-case-2@amazon.com>", "thread"),
        ("appeal_denied", "<auth-case-3@amazon.com>", "case_id"),
    ]
    # "within 5 days" of the request for more information is the deadline now.
    deadline = datetime.fromisoformat(one["notice"]["deadline"].replace("Z", "+00:00"))
    assert deadline == now - timedelta(days=2) + timedelta(days=5)
    assert one["notice"]["status"] == "open"

    account = json.loads(notifyd("--config", config, "show", "2", "--json").stdout)
    assert account["notice"]["status"] == "resolved"
    assert [(f["kind"], f["message_id"]) for f in account["timeline"]] == [
        ("reinstated", "<acct-case-2@amazon.com>")
    ]
    resolved = [e for e in account["events"] if e["kind"] == "resolved"]
    assert [(e["actor"], e["text"]) for e in resolved] == [
        (
            "amazon",
            "reinstated: Your Amazon.com selling account has been reactivated "
            "(<acct-case-2@amazon.com>)",
        )
    ]

    # One alert per notice, then one per reply, each saying what Amazon answered.
    titles = [r.json["title"] for r in webhook.wait_for(5, timeout=20)]
    assert titles[1:3] == [
        "Amazon replied: more information requested: Authenticity complaint (#1)",
        "Amazon replied: appeal denied: Authenticity complaint (#1)",
    ]
    assert titles[4].startswith("Amazon replied: reinstated: ") and titles[4].endswith("(#2)")
    first = webhook.requests[0].json["message"]
    assert (
        "Amazon asks: documents (invoices, letter of authorisation); by e-mail to "
        "pq-review@amazon.com" in first
    )
