"""Text out of an email's parts: bytes in a declared (or lying) charset, HTML, and links."""

from __future__ import annotations

import codecs
import html
import re
from html.parser import HTMLParser

from notifyd.core.models import ParsedEmail

MAX_TEXT_CHARS = 2 * 1024 * 1024  # characters kept in `text` and in `html` each
MAX_LINKS = 1000

_URL = re.compile(r"""://[^\s<>"'`{}|\\^\[\]]+""")
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_TRAILING_PUNCT = ".,;:!?)]}>»\"'"
_WS_RUN = re.compile(r"[ \t\f\v\u00a0\u2007\u202f\u200b]+")
_MANY_NEWLINES = re.compile(r"\n\s*\n(?:\s*\n)+")

_SINGLE_BYTE_CHARSETS = frozenset(
    {
        "iso-8859-1",
        "latin-1",
        "latin1",
        "iso8859-1",
        "us-ascii",
        "ascii",
        "windows-1252",
        "cp1252",
        "iso-8859-15",
        "iso-8859-2",
        "windows-1250",
    }
)
_CHARSET_ALIASES = {
    "x-sjis": "shift_jis",
    "sjis": "shift_jis",
    "shift-jis": "shift_jis",
    "windows-31j": "cp932",
    "ks_c_5601-1987": "cp949",
    "x-unknown": "",
    "unknown-8bit": "",
    "unknown": "",
    "utf8": "utf-8",
    "default": "",
    "x-user-defined": "",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}


# ---------------------------------------------------------------- charsets


def decode_bytes(data: bytes, charset: str, defects: list[str] | None, what: str) -> str:
    """Decode with the declared charset, falling back sensibly when it is unknown or lies."""
    declared = (charset or "").strip().strip('"').lower()
    declared = _CHARSET_ALIASES.get(declared, declared)
    if not data:
        return ""
    is_ascii = data.isascii()
    if b"\x1b$" in data and declared in ("", "us-ascii", "ascii", "utf-8"):
        declared = "iso-2022-jp"
    if declared and not (is_ascii and declared in _SINGLE_BYTE_CHARSETS):
        try:
            codecs.lookup(declared)
        except (LookupError, ValueError, TypeError):
            if defects is not None:
                defects.append(f"unknown charset {declared!r} in {what}; guessed")
            declared = ""
    if declared:
        if declared in _SINGLE_BYTE_CHARSETS and not is_ascii:
            # A latin-1 label on UTF-8 bytes is the most common lie; UTF-8 rarely validates by chance.
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                if defects is not None:
                    defects.append(f"{what} declared {declared} but is UTF-8")
                return text
            if declared in ("us-ascii", "ascii"):
                declared = "cp1252"
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError, ValueError):
            if defects is not None:
                defects.append(f"{what} is not valid {declared}; guessed")
    if is_ascii:
        return data.decode("ascii")
    for guess in ("utf-8", "shift_jis", "euc-jp"):
        try:
            text = data.decode(guess)
        except UnicodeDecodeError:
            continue
        if guess == "utf-8" or _mostly_japanese(text):
            return text
    return data.decode("cp1252", "replace")


def _mostly_japanese(text: str) -> bool:
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return False
    kana = sum(1 for c in non_ascii if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    return kana / len(non_ascii) > 0.8


# ---------------------------------------------------------------- HTML


class _TextExtractor(HTMLParser):
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "table",
            "tbody",
            "thead",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "blockquote",
            "pre",
            "section",
            "article",
            "header",
            "footer",
            "center",
            "dl",
            "dt",
            "dd",
            "address",
        }
    )
    _SKIP = frozenset({"script", "style", "head", "title", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.size = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skip += 1
        elif tag in self._BLOCK or tag == "tr":
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self._BLOCK or tag == "tr":
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip and self.size < MAX_TEXT_CHARS:
            self.out.append(data)
            self.size += len(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML body: table cells apart, blocks on their own lines."""
    if not markup:
        return ""
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:
        pass
    text = "".join(parser.out)
    return _tidy(text)


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _WS_RUN.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


# ---------------------------------------------------------------- links


def links_of(email: ParsedEmail) -> tuple[str, ...]:
    """Every http(s) URL in the email's text and HTML parts, found once and then remembered."""
    if not email.link_cache:
        email.link_cache.append(extract_links(email.text, email.html))
    return email.link_cache[0]


def extract_links(text: str, markup: str) -> tuple[str, ...]:
    """Every http(s) URL from href attributes and from bare URLs, in order, deduplicated."""
    found: dict[str, None] = {}
    if markup:
        lowered = markup.lower()
        if len(lowered) != len(markup):  # a few characters change length when lower-cased
            lowered = markup
        pos = lowered.find("href")
        while pos >= 0 and len(found) < MAX_LINKS:
            match = _HREF.match(markup, pos)
            if match is not None:
                value = next(g for g in match.groups() if g is not None)
                url = html.unescape(value).strip()
                if url[:8].lower().startswith(("http://", "https://")):
                    found.setdefault(url, None)
            pos = lowered.find("href", pos + 4)
    for source in (text, markup):
        for match in _URL.finditer(source):
            start = match.start()
            scheme = source[max(0, start - 5) : start].lower()
            if scheme.endswith("https"):
                start -= 5
            elif scheme.endswith("http"):
                start -= 4
            else:
                continue
            url = source[start : match.end()].rstrip(_TRAILING_PUNCT)
            if source is markup:
                url = html.unescape(url)
            found.setdefault(url, None)
            if len(found) >= MAX_LINKS:
                return tuple(found)
    return tuple(found)
