"""SMS alerts: one segment (160 GSM-7 or 70 UCS-2), cut between words, no "…", ASINs never cut."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fakes import stored_notice
from hypothesis import given
from hypothesis import strategies as st

from notifyd.deliver.sms import cut_words, fit, fits, is_gsm7, notice_sms, segments, to_gsm7, units
from notifyd.store.rows import Notice

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
ASINS = ["B01G6I41N6", "B07XJ8C8F5", "B0C1234567", "B0D7654321"]


def notice(**kw: Any) -> Notice:
    base: dict[str, Any] = {
        "id": 1234, "kind": "notice", "severity": "critical", "issue_type": "related_account",
        "category": "account_status", "marketplace": "amazon.co.uk",
        "deadline_at": "2026-11-28T14:00:00Z", "asins": list(ASINS),
    }  # fmt: skip
    base.update(kw)
    return stored_notice(base)


def test_a_full_notice_fits_one_segment_with_whole_asins_and_the_rest_counted() -> None:
    text = notice_sms(notice(), "new", NOW, BERLIN, account="Northwind EU")
    assert text == (
        "CRITICAL #1234 Related-account deactivation, Northwind EU, amazon.co.uk, "
        "due in 2 days 4 h, ASIN B01G6I41N6 B07XJ8C8F5 B0C1234567 +1 more. ack: notifyd ack 1234"
    )
    assert len(text) == 160 and units(text) == 160 and segments(text) == 1


def test_the_old_renderer_ellipsis_case_now_drops_whole_parts_instead() -> None:
    # An overdue escalation of the same notice: longer head, so one ASIN fewer, nothing cut.
    text = notice_sms(notice(), "escalation", NOW, BERLIN, account="Northwind EU")
    assert text == (
        "ESCALATION CRITICAL #1234 Related-account deactivation, Northwind EU, amazon.co.uk, "
        "due in 2 days 4 h, ASIN B01G6I41N6 B07XJ8C8F5 +2 more. ack: notifyd ack 1234"
    )
    assert "…" not in text and segments(text) == 1


def test_room_to_spare_shows_the_local_wall_clock_deadline() -> None:
    text = notice_sms(notice(asins=[], marketplace=None), "reminder", NOW, BERLIN)
    assert text == (
        "REMINDER CRITICAL #1234 Related-account deactivation, due in 2 days 4 h, "
        "deadline 28 Nov 15:00 CET. ack: notifyd ack 1234"
    )


def test_a_notice_that_arrived_overdue_says_so_once() -> None:
    later = datetime(2027, 1, 10, 14, 0, tzinfo=UTC)
    text = notice_sms(notice(asins=ASINS[:1]), "arrived_overdue", later, BERLIN)
    assert text.startswith("ARRIVED OVERDUE CRITICAL #1234 Related-account deactivation, ")
    assert ", due 43 days ago, ASIN B01G6I41N6" in text
    assert text.endswith(". ack: notifyd ack 1234") and fits(text)


def test_an_account_name_with_letters_outside_gsm7_is_transliterated_not_ucs2() -> None:
    text = notice_sms(notice(asins=[]), "new", NOW, BERLIN, account="Łódź Trading")
    assert "Lodz Trading" in text
    assert is_gsm7(text) and segments(text) == 1


def test_a_name_without_gsm7_look_alike_keeps_its_part_only_within_70_units() -> None:
    text = notice_sms(notice(asins=[], marketplace=None), "new", NOW, BERLIN, account="东方贸易")
    # With the Chinese name the message would be UCS-2 and exceed 70: the name is left out.
    assert "东方贸易" not in text and is_gsm7(text) and fits(text)
    short = notice_sms(
        stored_notice({"id": 5, "kind": "notice", "severity": "low", "issue_type": "chargeback"}),
        "new", NOW, BERLIN, account="东方贸易",
    )  # fmt: skip
    assert short == "LOW #5 Chargeback, 东方贸易. ack: notifyd ack 5"
    assert not is_gsm7(short) and units(short) <= 70


def test_phishing_sms() -> None:
    text = notice_sms(stored_notice({"id": 9, "kind": "phishing"}), "new", NOW, BERLIN, account="Northwind EU")
    assert text == (
        "notifyd #9: suspected PHISHING email imitating Amazon. Do not click, Northwind EU."
    )


def test_cut_words_stops_between_words_and_drops_dangling_punctuation() -> None:
    head = "Order Defect Rate above target, " + "very " * 40 + "long"
    text = fit([head], tail=". ack: notifyd ack 1")
    assert text.endswith("very. ack: notifyd ack 1")
    assert len(text) <= 160 and "…" not in text and " very." in text


def test_cut_words_never_cuts_an_asin() -> None:
    text = cut_words("x" * 140 + " B01G6I41N6", tail="." * 15)
    assert text == "x" * 140  # the ASIN would not fit whole, so it is left out whole


def test_cost_of_characters() -> None:
    assert units("[x]") == 5  # brackets are GSM-7 extension characters: two septets each
    assert units("€") == 2
    assert not is_gsm7("a…b") and units("a…b") == 3
    assert to_gsm7("“it’s” – ok…") == "\"it's\" - ok..."
    assert segments("a" * 161) == 2 and segments("é" * 160) == 1 and segments("ł" * 71) == 2


@given(
    account=st.text(
        alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz ÉéŁłü-&中"), max_size=120
    ),
    purpose=st.sampled_from(["new", "reminder", "overdue", "escalation", "arrived_overdue"]),
    count=st.integers(min_value=0, max_value=12),
)
def test_every_sms_fits_one_segment_and_shows_only_whole_asins(
    account: str, purpose: str, count: int
) -> None:
    asins = [f"B0{n:08d}" for n in range(count)]
    text = notice_sms(notice(asins=asins), purpose, NOW, BERLIN, account=account.strip() or None)
    assert segments(text) == 1
    assert "…" not in text
    assert text.endswith(". ack: notifyd ack 1234")
    for token in re.findall(r"\bB0\w*", text):
        assert token in asins
