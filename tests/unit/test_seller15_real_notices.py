"""The issue-15 helpers on notices stored by the real pipeline in a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from mailfactory import deactivation, odr_warning, trademark_complaint

from notifyd.core.settings import Settings
from notifyd.deliver.sms import notice_sms, segments
from notifyd.ingest.parse import parse_email
from notifyd.ingest.pipeline import import_paths
from notifyd.seller.excerpt import excerpt
from notifyd.store.db import Store
from notifyd.understand.classify import load_rules

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
FIVE = ("B01G6I41N6", "B07XJ8C8F5", "B0C1234567", "B0D7654321", "B0E1111111")


@pytest.fixture
def mail(tmp_path: Path) -> Path:
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "1.eml").write_bytes(trademark_complaint(NOW - timedelta(hours=2), asins=FIVE))
    (folder / "2.eml").write_bytes(deactivation(NOW - timedelta(hours=1)))
    (folder / "3.eml").write_bytes(odr_warning(NOW - timedelta(hours=1)))
    return folder


def test_sms_of_stored_notices_fit_one_segment(tmp_path: Path, mail: Path) -> None:
    db = tmp_path / "notifyd.db"
    with Store(db) as store:
        import_paths(store, Settings(database=db), load_rules(), [mail], False, NOW)
        notices = store.notices("all")
    texts = {
        (n.id, purpose): notice_sms(n, purpose, NOW, BERLIN, account="Northwind EU")
        for n in notices
        for purpose in ("new", "overdue")
    }
    assert texts[1, "new"] == (
        "HIGH #1 Trademark complaint, Northwind EU, amazon.com, due in 89 days 22 h, "
        "ASIN B01G6I41N6 B07XJ8C8F5 B0C1234567 B0D7654321 B0E1111111. ack: notifyd ack 1"
    )
    assert texts[1, "overdue"] == (
        "OVERDUE HIGH #1 Trademark complaint, Northwind EU, amazon.com, due in 89 days 22 h, "
        "ASIN B01G6I41N6 B07XJ8C8F5 B0C1234567 B0D7654321 +1 more. ack: notifyd ack 1"
    )
    assert texts[2, "new"] == (
        "CRITICAL #2 Account deactivated: Late Shipment Rate above target, Northwind EU, "
        "amazon.com, due in 16 days 23 h, deadline 20 Dec 09:00 CET. ack: notifyd ack 2"
    )
    assert all(segments(t) == 1 and len(t) <= 160 for t in texts.values())


def test_excerpts_of_real_mail_end_on_a_sentence(mail: Path) -> None:
    text = parse_email((mail / "2.eml").read_bytes()).text
    assert excerpt(text, 300) == (
        "We have deactivated your Amazon selling account and placed a hold on any funds in your "
        "account. We took this action because your Late Shipment Rate is 9.8% and does not meet "
        "our target of less than 4%."
    )
    odr = excerpt(parse_email((mail / "3.eml").read_bytes()).text, 200)
    assert odr == (
        "Your Order Defect Rate is 2.4%; the target is 1%. An Order Defect Rate above 1% may put "
        "your account at risk of deactivation within 72 hours."
    )
