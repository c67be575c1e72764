"""Fit an alert into one SMS segment: GSM-7 or UCS-2 aware, cut only between words, ASINs whole."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime, tzinfo

from notifyd.deliver.labels import humanize, issue_label
from notifyd.store.rows import Notice

# GSM 03.38: the default alphabet (one septet each) and its extension table (escape + one).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = frozenset("^{}\\[~]|€\f")
GSM7_SEGMENT = 160
UCS2_SEGMENT = 70

_ASIN = re.compile(r"^B0[A-Z0-9]{8}$|^\d{9}[\dX]$")
# Punctuation that would dangle at the end of a cut text ("due in 2 days," -> "due in 2 days").
_DANGLING = " ,;:-–—/("


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)


def units(text: str) -> int:
    """What the text costs in its encoding: septets for GSM-7, UTF-16 code units for UCS-2."""
    if is_gsm7(text):
        return sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
    return len(text.encode("utf-16-le")) // 2


def segment_limit(text: str) -> int:
    """One segment holds 160 GSM-7 septets, or 70 UCS-2 units once any other character appears."""
    return GSM7_SEGMENT if is_gsm7(text) else UCS2_SEGMENT


def fits(text: str) -> bool:
    return units(text) <= segment_limit(text)


def segments(text: str) -> int:
    """How many segments a phone network bills for the text (concatenated parts carry a header)."""
    if fits(text):
        return 1
    per_part = 153 if is_gsm7(text) else 67
    return -(-units(text) // per_part)


def to_gsm7(text: str) -> str:
    """Replace characters that would switch a whole message to UCS-2 (and its 70-character
    limit) with GSM-7 look-alikes: typographic quotes and dashes, accented letters outside the
    GSM alphabet. Characters without a look-alike (Chinese, emoji) are kept."""
    table = {
        "‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
        "–": "-", "—": "-", "‑": "-", "…": "...", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
        "•": "-", "·": "-", "`": "'", "´": "'",
    }  # fmt: skip
    out = []
    for ch in text:
        ch = table.get(ch, ch)
        if ch not in GSM7_BASIC and ch not in GSM7_EXTENDED and len(ch) == 1:
            # "Łódź" -> "Lodz": a name without its accents beats a message cut to 70 characters.
            base = _STROKES.get(ch) or unicodedata.normalize("NFKD", ch)[0]
            ch = base if base in GSM7_BASIC else ch
        out.append(ch)
    return "".join(out)


_STROKES = {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i"}


def fit(parts: Sequence[str], tail: str = "", separator: str = " ") -> str:
    """Join `parts` (most important first) and `tail` into one segment.

    Parts are whole or absent: an ASIN list, a marketplace, a deadline phrase is never shown in
    half. Only the first part (the headline) may be shortened, and then only between words,
    without an ellipsis: "…" is not GSM-7 and would cut the limit from 160 to 70.
    """
    chosen: list[str] = []
    for index, part in enumerate(p for p in parts if p):
        candidate = separator.join([*chosen, part]) + tail
        if fits(candidate):
            chosen.append(part)
        elif index == 0:
            chosen.append(cut_words(part, tail))
            break
    return separator.join(chosen) + tail


def cut_words(text: str, tail: str = "") -> str:
    """The longest run of whole words from the start of `text` that fits one segment with `tail`;
    a word that looks like an ASIN is dropped whole rather than cut."""
    words = text.split()
    out = ""
    for word in words:
        candidate = f"{out} {word}" if out else word
        if not fits(candidate + tail):
            break
        out = candidate
    if not out and words and not _ASIN.match(words[0]):
        # One word longer than a segment (a run-on subject): no boundary exists; cut it hard.
        limit = segment_limit(words[0] + tail) - units(tail)
        out = words[0][: max(limit, 0)]
    return out.rstrip(_DANGLING)


_PURPOSE = {
    "reminder": "REMINDER",
    "overdue": "OVERDUE",
    "escalation": "ESCALATION",
    "followup": "AMAZON REPLIED",
}
_PURPOSE_ARRIVED = "ARRIVED OVERDUE"


def notice_sms(
    notice: Notice,
    purpose: str,
    now: datetime,
    tz: tzinfo,
    account: str | None = None,
    ack_link: tuple[str, str] | None = None,
) -> str:
    """The SMS for one notice: one segment, the ID early so the reader can `ack` it.

    Order of importance: what and how bad, whose account, where, when, which ASINs; the
    `ack` hint always ends the text.
    """
    number = notice.id
    # With the web console, its Acknowledge link replaces the command to type.
    tail = f". {ack_link[0]}: {ack_link[1]}" if ack_link else f". ack: notifyd ack {number}"
    if notice.is_phishing:
        head = f"notifyd #{number}: suspected PHISHING email imitating Amazon. Do not click"
        return fit([to_gsm7(head), to_gsm7(account or "")], tail=".", separator=", ")
    word = _PURPOSE_ARRIVED if purpose == "arrived_overdue" else _PURPOSE.get(purpose, "")
    severity = (notice.severity or "low").upper()
    head = " ".join(x for x in (word, severity, f"#{number}", issue_label(notice)) if x)
    parts = [head]
    if account:
        parts.append(account)
    if notice.marketplace:
        parts.append(notice.marketplace)
    deadline = notice.deadline_at
    if deadline is not None:
        parts.append(
            f"due in {humanize(deadline - now)}"
            if deadline >= now
            else f"due {humanize(now - deadline)} ago"
        )
    asins = list(notice.asins)
    if asins:
        # As many whole ASINs as fit; the rest is counted, never cut.
        parts.append(_asin_part(asins, [to_gsm7(p) for p in parts], tail))
    if deadline is not None:
        # The wall-clock deadline is the least needed: "due in 5 h" already says what to do.
        parts.append(deadline.astimezone(tz).strftime("deadline %d %b %H:%M %Z"))
    return fit([to_gsm7(p) for p in parts], tail=tail, separator=", ")


def _asin_part(asins: list[str], before: list[str], tail: str) -> str:
    for shown in range(len(asins), 0, -1):
        more = len(asins) - shown
        text = "ASIN " + " ".join(asins[:shown]) + (f" +{more} more" if more else "")
        if fits(", ".join([*before, text]) + tail):
            return text
    return ""
