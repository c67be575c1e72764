"""Find the notice inside a mail (a forwarded original) and cut it into its parts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from notifyd.core.models import ParsedEmail
from notifyd.ingest.text import html_to_text
from notifyd.understand.deadlines import loose_date
from notifyd.understand.match import normalise
from notifyd.understand.rules import Rules
from notifyd.understand.schema import PARTS
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
    r"messaggio originale|mensaje reenviado|mensaje original|転送されたメッセージ|元のメッセージ|"
    r"转发的邮件|原始邮件|doorgestuurd bericht|oorspronkelijk bericht|wiadomość przekazana dalej|"
    r"oryginalna wiadomość|vidarebefordrat meddelande|ursprungligt meddelande)\s*-*"
    r"|begin forwarded message:|anfang der weitergeleiteten nachricht:|début du message réexpédié"
    r"|inizio messaggio inoltrato:|inicio del mensaje reenviado:)",
    re.I | re.M,
)


_FWD_HEADER = re.compile(
    r"^[>\s*]*(?P<label>from|von|de|da|差出人|送信者|发件人|van|od|från|sent|gesendet|envoyé|inviato|"
    r"enviado|发送时间|verzonden|wysłano|skickat|date|日期|"
    r"datum|data|fecha|日付|送信日時|enviado el|envoyé le|subject|betreff|objet|oggetto|asunto|件名|"
    r"主题|onderwerp|temat|ämne|to|an|à|a|para|宛先|收件人|aan|do|till|cc)"
    r"\s*\**\s*[:：]\s*\**\s*(?P<value>[^\n]*)$",
    re.I | re.M,
)


# Cheap test before the multi-line patterns: a line that could start a forwarded block.
_FWD_GATE = re.compile(
    r"(?:\n|^)[>\s*]*(?:from|von|de|da|差出人|送信者|发件人|van|od|från|-{2,}|begin forwarded|anfang der|début du"
    r"|inizio messaggio|inicio del)",
    re.I,
)


_FROM_LABELS = frozenset(
    {"from", "von", "de", "da", "差出人", "送信者", "发件人", "van", "od", "från"}
)


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
        "发送时间",
        "日期",
        "verzonden",
        "wysłano",
        "skickat",
    }
)


_SUBJECT_LABELS = frozenset(
    {
        "subject",
        "betreff",
        "objet",
        "oggetto",
        "asunto",
        "件名",
        "主题",
        "onderwerp",
        "temat",
        "ämne",
    }
)


_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@([\w-]+(?:\.[\w-]+)+)")


@dataclass(frozen=True)
class NoticeText:
    """The text a notice is read from: the mail's, or the forwarded original inside it."""

    text: str  # the whole readable text of the mail
    html_text: str  # the HTML as text when the plain part was a stub, else ""
    fwd: Forward | None
    body: str  # the notice itself: from the forwarded block on, when there is one
    subject: str  # the notice's subject: the forwarded original's when known


def notice_text(email: ParsedEmail, rules: Rules) -> NoticeText:
    """Find the notice's own text and subject in a mail (forwarded or not)."""
    text = email.text[:MAX_CLASSIFY_CHARS]
    html_text = ""
    if email.html and len(text.strip()) < 200:
        # the plain part is a stub ("view this mail in a browser"): read the HTML instead
        html_text = html_to_text(email.html[:MAX_CLASSIFY_CHARS])
        if len(html_text.strip()) > len(text.strip()):
            text = html_text
        else:
            html_text = ""
    fwd = find_forward(text, email, rules)
    body = text[fwd.text_start :] if fwd is not None else text
    subject = fwd.subject if fwd is not None and fwd.subject else email.subject
    return NoticeText(text, html_text, fwd, body, subject)


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


# ---------------------------------------------------------------- the parts of a notice

_PARAGRAPH = re.compile(r"\n[ \t>]*\n\s*")
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")
_OPENING_CHARS = 600  # a prose notice in one paragraph: its first sentences are the opening


@dataclass(frozen=True)
class NoticeParts:
    """A notice cut into its parts: part name -> normalised (lower-case) text."""

    parts: dict[str, str]

    def get(self, name: str) -> str:
        return self.parts.get(name, "")


def segment(subject: str, body: str, rules: Rules) -> NoticeParts:
    """Cut a notice into subject, headings, opening, cause, asks, consequence, body, boilerplate.

    Paragraphs are the unit: FAQ headings ("Why did this happen?") open a section of their
    kind, a sign-off ends the notice (the rest is boilerplate), and other paragraphs go by their
    cues. Prose notices without headings become opening + cue-sorted paragraphs.
    """
    a = rules.anatomy
    head_kinds = (
        ("cause", a.get("headings_cause", ())),
        ("consequence", a.get("headings_consequence", ())),
        ("boilerplate", a.get("headings_boilerplate", ())),
        ("asks", a.get("headings_asks", ())),
    )
    out: dict[str, list[str]] = {p: [] for p in PARTS}
    out["subject"].append(normalise(subject))
    section = ""  # the part the current FAQ section belongs to ("" before any heading)
    ended = False
    in_header = False  # inside the From/Date/Subject block of a forwarded notice
    for first, rest in _paragraphs(body):
        if _FWD_MARKER.match(first) or _forward_header(first):
            in_header = True
            continue  # the header block of a forwarded notice is no part of it
        if in_header and _FWD_HEADER.match(first):
            continue
        in_header = False
        if ended:
            out["boilerplate"].append(_join(first, rest))
            continue
        if _starts(first, a.get("signoffs", ())):
            ended = True
            out["boilerplate"].append(_join(first, rest))
            continue
        kind = _heading_kind(first, head_kinds)
        if kind is not None:
            out["headings"].append(first)
            section = kind
            if not rest:
                continue
            para = rest
        else:
            para = _join(first, rest)
        if not out["opening"] and not section:
            if len(para) <= 80 and _greeting(para, a.get("greetings", ())):
                continue
            if len(para) > _OPENING_CHARS:
                head, tail = _split_opening(para)
                out["opening"].append(head)
                if tail:
                    out[_cue_part(tail, a) or "body"].append(tail)
            else:
                out["opening"].append(para)
            continue
        cued = _cue_part(para, a)
        if cued == "boilerplate" or not section:
            out[cued or "body"].append(para)
        else:
            out[section].append(para)
    return NoticeParts({k: " \n ".join(v) for k, v in out.items() if v})


def _paragraphs(body: str) -> list[tuple[str, str]]:
    """(first line, rest) of each paragraph, normalised; without blank lines, each line."""
    raw = [p for p in _PARAGRAPH.split(body) if p.strip(" >\t\n")]
    if len(raw) < 3:
        raw = [line for line in body.splitlines() if line.strip(" >\t")]
    out = []
    for para in raw:
        lines = [ln.lstrip(" >\t") for ln in para.strip().splitlines()]
        out.append((normalise(lines[0]), normalise(" ".join(lines[1:]))))
    return out


def _forward_header(line: str) -> bool:
    m = _FWD_HEADER.match(line)
    return m is not None and m.group("label").lower() in _FROM_LABELS


def _join(first: str, rest: str) -> str:
    return f"{first} {rest}" if rest else first


def _greeting(para: str, phrases: tuple[str, ...]) -> bool:
    # "ご担当者様", "出品者様": a CJK greeting is a short line that contains the honorific
    bare = para.rstrip("、,，:：!！ ")
    if len(para) <= 24 and any(
        not p.isascii() and (bare.endswith(p) or bare.startswith(p)) for p in phrases
    ):
        return True
    return _starts(para, tuple(p for p in phrases if p.isascii()))


def _starts(para: str, phrases: tuple[str, ...]) -> bool:
    if not para.startswith(phrases):
        return False
    for p in phrases:
        if para.startswith(p):
            nxt = para[len(p) : len(p) + 1]
            if not nxt.isalpha() or not p.isascii():
                return True
    return False


def _heading_kind(para: str, kinds: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    """The part a heading line opens, or None when the paragraph is no heading."""
    if len(para) > 120:
        return None
    for kind, phrases in kinds:
        if any(p in para for p in phrases):
            return kind
    if para.endswith(("?", "？")) and len(para.split()) <= 12:
        return "body"  # an unknown question heading: its section is ordinary text
    return None


def _cue_part(para: str, a: Mapping[str, tuple[str, ...]]) -> str:
    """The part a paragraph's own wording puts it in ("" when it has no cue)."""
    for key, part in _CUES:
        if _any_in(a.get(key, ()), para):
            return part
    return ""


_CUES = (
    ("boilerplate", "boilerplate"),
    ("cause_cues", "cause"),
    ("consequence_cues", "consequence"),
    ("ask_cues", "asks"),
)


def _any_in(phrases: tuple[str, ...], text: str) -> bool:
    # Plain substring scans: twice as fast here as one regex alternation of the phrases.
    return any(p in text for p in phrases)


def _split_opening(para: str) -> tuple[str, str]:
    cut = 0
    for m in _SENTENCE.finditer(para):
        if m.start() > 40:
            cut = m.end()
            if cut >= 200:
                break
    if not cut or cut > _OPENING_CHARS * 2:
        cut = min(len(para), _OPENING_CHARS)
    return para[:cut].strip(), para[cut:].strip()
