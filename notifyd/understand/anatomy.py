"""Find the notice inside a mail (a forwarded original) and cut it into its parts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from notifyd.core.models import ParsedEmail
from notifyd.understand.deadlines import loose_date
from notifyd.understand.rules import Rules
from notifyd.understand.sender import domain_of, is_amazon_domain

MAX_CLASSIFY_CHARS = 1_000_000  # characters of body text looked at


@dataclass
class Forward:
    sender: str = ""
    sender_name: str = ""
    date_at: datetime | None = None
    subject: str = ""
    text_start: int = 0  # where the forwarded block starts in the text


_FWD_MARKER = re.compile(
    r"^[>\s]*(?:-{2,}\s*(?:forwarded message|original message|weitergeleitete nachricht|"
    r"ursprüngliche nachricht|message transféré|message d'origine|messaggio inoltrato|"
    r"messaggio originale|mensaje reenviado|mensaje original|転送されたメッセージ|元のメッセージ)\s*-*"
    r"|begin forwarded message:|anfang der weitergeleiteten nachricht:|début du message réexpédié"
    r"|inizio messaggio inoltrato:|inicio del mensaje reenviado:)",
    re.I | re.M,
)


_FWD_HEADER = re.compile(
    r"^[>\s*]*(?P<label>from|von|de|da|差出人|送信者|sent|gesendet|envoyé|inviato|enviado|date|"
    r"datum|data|fecha|日付|送信日時|enviado el|envoyé le|subject|betreff|objet|oggetto|asunto|件名|to|an|à|a|para|宛先|cc)"
    r"\s*\**\s*[:：]\s*\**\s*(?P<value>[^\n]*)$",
    re.I | re.M,
)


# Cheap test before the multi-line patterns: a line that could start a forwarded block.
_FWD_GATE = re.compile(
    r"(?:\n|^)[>\s*]*(?:from|von|de|da|差出人|送信者|-{2,}|begin forwarded|anfang der|début du"
    r"|inizio messaggio|inicio del)",
    re.I,
)


_FROM_LABELS = frozenset({"from", "von", "de", "da", "差出人", "送信者"})


_DATE_LABELS = frozenset(
    {
        "sent",
        "gesendet",
        "envoyé",
        "inviato",
        "enviado",
        "date",
        "datum",
        "data",
        "fecha",
        "日付",
        "送信日時",
        "enviado el",
        "envoyé le",
    }
)


_SUBJECT_LABELS = frozenset({"subject", "betreff", "objet", "oggetto", "asunto", "件名"})


_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@([\w-]+(?:\.[\w-]+)+)")


def find_forward(text: str, email: ParsedEmail, rules: Rules) -> Forward | None:
    """The forwarded original inside a mail: its sender, date, subject and where it starts."""
    if not _FWD_GATE.search(text):
        return None
    marker = None
    for found in _FWD_MARKER.finditer(text):
        marker = found
    groups: list[list[re.Match[str]]] = []
    for m in _FWD_HEADER.finditer(text):
        if groups:
            gap = text[groups[-1][-1].end() : m.start()]
            if gap.count("\n") <= 1 and not gap.strip(" \t\r\n>*"):
                groups[-1].append(m)
                continue
        groups.append([m])
    blocks: list[Forward] = []
    for group in groups:
        labels = [m.group("label").lower() for m in group]
        from_at = next((i for i, label in enumerate(labels) if label in _FROM_LABELS), None)
        if from_at is None:
            continue
        near_marker = marker is not None and 0 <= group[0].start() - marker.end() < 300
        if not near_marker and not any(label in _DATE_LABELS for label in labels):
            continue
        value = group[from_at].group("value")
        fwd = Forward(text_start=marker.start() if near_marker and marker else group[0].start())
        fwd.sender = _first_address(value)
        fwd.sender_name = value.split("<", 1)[0].split("[mailto:", 1)[0].strip(" \t\"'*")
        for m, label in zip(group, labels, strict=True):
            if label in _DATE_LABELS and fwd.date_at is None:
                fwd.date_at = loose_date(m.group("value"), email, rules)
            elif label in _SUBJECT_LABELS and not fwd.subject:
                fwd.subject = m.group("value").strip()
        blocks.append(fwd)
    if blocks:
        amazon_blocks = [b for b in blocks if is_amazon_domain(domain_of(b.sender), rules)]
        return amazon_blocks[-1] if amazon_blocks else blocks[-1]
    if marker is not None:
        return Forward(text_start=marker.start())
    return None


def _first_address(value: str) -> str:
    m = _EMAIL.search(value)
    return m.group(0).lower() if m else ""


def forwarded_html(markup: str, fwd: Forward) -> str:
    """The HTML from the forwarded block on (colleagues' signatures stay out of link checks)."""
    low = markup.lower()
    pos = -1
    for needle in (
        "forwarded message",
        "original message",
        "weitergeleitete nachricht",
        "message transféré",
    ):
        pos = low.find(needle)
        if pos >= 0:
            break
    if pos < 0 and fwd.sender:
        pos = low.find(fwd.sender)
    return markup[max(pos - 200, 0) :] if pos >= 0 else markup


def fwd_sender_known(fwd: Forward | None) -> bool:
    return fwd is not None and bool(fwd.sender)
