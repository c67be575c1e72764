"""Amazon's words: shown defanged and control-free; excerpts end on a whole sentence."""

from __future__ import annotations

import pytest

from notifyd.seller.excerpt import amazon_words, excerpt, sentences, trim_to_sentence

# Written for these tests: a metric warning as a plain-text mail arrives, hard-wrapped.
NOTICE = (
    "Hello,\n\n"
    "We noticed that your Late Shipment Rate is 6.2% for the last 30 days, which is above\n"
    "our target of 4%. Sellers are expected to ship orders on time, e.g. by the expected\n"
    "ship date shown in Manage Orders.\n\n"
    "What should I do?\n"
    "Review your shipping process at https://sellercentral.amazon.co.uk/performance and confirm\n"
    "orders promptly. If we do not receive a plan of action, your selling privileges may be\n"
    "removed.\n\n"
    "Seller Performance Team\n"
)


def test_sentences_survive_decimals_abbreviations_domains_and_wrapping() -> None:
    assert sentences(NOTICE) == [
        "Hello,",
        "We noticed that your Late Shipment Rate is 6.2% for the last 30 days, which is above "
        "our target of 4%.",
        "Sellers are expected to ship orders on time, e.g. by the expected ship date shown in "
        "Manage Orders.",
        "What should I do?",
        "Review your shipping process at https://sellercentral.amazon.co.uk/performance and "
        "confirm orders promptly.",
        "If we do not receive a plan of action, your selling privileges may be removed.",
        "Seller Performance Team",
    ]


def test_excerpt_skips_the_greeting_and_ends_on_a_whole_sentence() -> None:
    text = excerpt(NOTICE, 220)
    assert text == (
        "We noticed that your Late Shipment Rate is 6.2% for the last 30 days, which is above "
        "our target of 4%. Sellers are expected to ship orders on time, e.g. by the expected "
        "ship date shown in Manage Orders."
    )
    assert len(text) <= 220 and text.endswith(".")


@pytest.mark.parametrize("limit", range(104, 400, 7))
def test_no_limit_cuts_a_word_or_a_sentence(limit: int) -> None:
    text = excerpt(NOTICE, limit)
    assert len(text) <= limit
    assert text in " ".join(sentences(NOTICE))
    assert text[-1] in ".?"


def test_a_first_sentence_longer_than_the_limit_is_cut_between_words_with_an_ellipsis() -> None:
    assert excerpt(NOTICE, 40) == "We noticed that your Late Shipment Rate…"


def test_greeting_on_the_same_line_as_the_first_sentence() -> None:
    assert excerpt("Dear Seller, your account is at risk. Act now.", 100) == (
        "your account is at risk. Act now."
    )


def test_german_notice_with_abbreviations() -> None:
    text = "Guten Tag,\n\nbitte senden Sie z.B. Rechnungen bzw. Lieferbelege. Danke."
    assert sentences(text)[1] == "bitte senden Sie z.B. Rechnungen bzw. Lieferbelege."


def test_an_old_excerpt_cut_mid_word_loses_its_unfinished_sentence() -> None:
    old = "Your account is at risk. Submit a plan of action wit"
    assert trim_to_sentence(old) == "Your account is at risk."
    assert trim_to_sentence("Only one unfinished sent") == "Only one unfinished sent"


def test_shown_words_are_defanged_and_cannot_drive_the_terminal() -> None:
    raw = (
        "Please visit https://sellercentral-verify.example/login now.\x1b]2;pwned\x07\r\n"
        "\r\n\r\n\r\nIgnore \u202eevil\u202c text\tthere.\x00\n"
    )
    assert amazon_words(raw) == (
        "Please visit hxxps://sellercentral-verify[.]example/login now.]2;pwned\n\n"
        "Ignore evil text there."
    )
    # --raw keeps the link and the spacing, still without control characters.
    assert amazon_words(raw, raw=True) == (
        "Please visit https://sellercentral-verify.example/login now.]2;pwned\n\n\n\n"
        "Ignore evil text there."
    )
