"""Amazon's own words, made safe to show: defanged links, no control characters, whole sentences."""

from __future__ import annotations

import re

from notifyd.deliver.render import defang

# C0/C1 controls except tab and newline, and the bidi overrides that can hide or reorder text.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BLANKS = re.compile(r"\n{3,}")
# A sentence ends at . ! ? (and their CJK forms), optionally followed by a closing quote or
# bracket, then white space; CJK terminators need no space.
_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|(?<=[。！？])\s*")
# Words after which a full stop does not end the sentence.
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "vs",
        "no",
        "nr",
        "art",
        "inc",
        "ltd",
        "llc",
        "co",
        "corp",
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "approx",
        "z.b",
        "bzw",
        "ca",
        "ggf",
        "inkl",
        "usw",
        "vgl",
        "nr",
        "u.a",
        "d.h",
        "sr",
        "sra",
        "p.ej",
    ]
)
_GREETING = re.compile(
    r"^(hello|hi|dear|greetings|hallo|guten tag|bonjour|hola|buongiorno|ciao|sehr geehrte\w*)\b",
    re.IGNORECASE,
)


def strip_controls(text: str) -> str:
    """Control characters out, line structure kept: tabs become spaces, CRLF becomes LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROLS.sub("", text)


def amazon_words(text: str, raw: bool = False) -> str:
    """The notice's text for `show`: paragraphs kept, trailing blanks trimmed, links defanged so a
    terminal cannot make them clickable. `raw` keeps links and spacing (`show --raw`) but still
    removes control characters, which could rewrite the terminal."""
    clean = strip_controls(text)
    if raw:
        return clean.strip("\n")
    lines = [" ".join(line.split()) for line in clean.split("\n")]
    joined = _BLANKS.sub("\n\n", "\n".join(lines)).strip()
    return defang(joined)


def sentences(text: str) -> list[str]:
    """Split prose into sentences, not fooled by abbreviations, decimals or domain names.

    A blank line always ends a sentence: a heading or a signature without a full stop is one
    sentence on its own, not the start of the next paragraph's first.
    """
    out: list[str] = []
    for paragraph in _PARAGRAPH.split(strip_controls(text)):
        out += _split_paragraph(" ".join(paragraph.split()))
    return out


_PARAGRAPH = re.compile(r"\n\s*\n")


def _split_paragraph(flat: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _END.finditer(flat):
        piece = flat[start : match.start()].strip()
        last_word = piece.rsplit(" ", 1)[-1].rstrip(".").lower()
        # "e.g. this" and "No. 5" continue; a one-letter initial ("J. Smith") does too.
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        if piece:
            out.append(piece)
        start = match.end()
    tail = flat[start:].strip()
    if tail:
        out.append(tail)
    return out


def excerpt(text: str, limit: int = 600) -> str:
    """The first sentences of the notice that fit in `limit` characters, each one whole.

    A greeting line ("Hello,") is skipped: it says nothing. When even the first sentence is
    longer than `limit`, it is cut at a word boundary and ends in "…", so a reader knows.
    """
    parts = sentences(text)
    if parts and _GREETING.match(parts[0]):
        first, _, rest = parts[0].partition(",")
        if rest.strip() and len(first) < 40:
            parts[0] = rest.strip()
        elif len(parts[0]) < 40:
            parts = parts[1:]
    chosen: list[str] = []
    for sentence in parts:
        if len(" ".join([*chosen, sentence])) > limit:
            break
        chosen.append(sentence)
    # A heading ("What should I do?") or a signature would end the excerpt on a dangling line.
    while len(chosen) > 1 and _heading(chosen[-1]):
        chosen.pop()
    if chosen or not parts:
        return " ".join(chosen)
    first = parts[0]
    words = first[: limit - 1]
    if first[limit - 1 : limit] not in (" ", ""):  # the cut fell inside a word: drop it
        words = words.rsplit(" ", 1)[0]
    return words.rstrip(" ,;:-") + "…"


def _heading(sentence: str) -> bool:
    short = len(sentence) < 60
    return short and (sentence.endswith("?") or sentence[-1:] not in ".!。！")


def trim_to_sentence(text: str) -> str:
    """An excerpt stored by an older notifyd (cut at 600 characters, often mid-word) without its
    unfinished last sentence; unchanged when it already ends a sentence or has only one."""
    parts = sentences(text)
    if len(parts) > 1 and not re.search(r"[.!?。！？][\"'”’)\]]*$", parts[-1]):
        parts = parts[:-1]
    return " ".join(parts)
