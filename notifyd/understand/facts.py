"""Extract what a notice states as fact: ASINs, metrics, language and marketplace."""

from __future__ import annotations

import html as htmllib
import re
from collections import Counter
from collections.abc import Sequence

from notifyd.understand.anatomy import MAX_CLASSIFY_CHARS
from notifyd.understand.match import PUNCT_RE, Matched
from notifyd.understand.rules import MetricRule, Rules
from notifyd.understand.sender import url_host

_ASIN_B0 = re.compile(r"B0[A-Z0-9]{8}(?![A-Za-z0-9])")


_ASIN_LABEL = re.compile(r"ASINs?(?:\s*\(s\))?(?:\s*[:：#=\-–]\s*|\s+)", re.I)


_ASIN_TOKEN = re.compile(r"([A-Za-z0-9]{10})(?![A-Za-z0-9])[\s,;、/|]*")


_ASIN_URL = re.compile(
    r"(?:/dp/|/gp/product/|/gp/aw/d/|/product/|[?&]asin=)([A-Za-z0-9]{10})(?![A-Za-z0-9])", re.I
)


_ISBN_ASIN = re.compile(r"\d{9}[\dX]")


ORDER_ID = re.compile(r"\d{3}-\d{7}-\d{7}(?![\d-])")


SKU = re.compile(r"\b(?:seller[ -])?sku(?:\s*\(s\))?\s*[:：]\s*([^\s,;|]+)", re.I)


_TAGS = re.compile(r"<(?:script|style)\b.*?</(?:script|style)\s*>|<[^>]*>", re.I | re.S)


_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")


_NUMBER = re.compile(r"(?<![A-Za-z0-9.,])(\d{1,4}(?:[.,]\d{1,3})?)(?!\d)(\s?%)?")


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|[。;\n]")


_STORE = re.compile(
    r"amazon\.(com\.au|com\.mx|com\.br|com\.be|com\.tr|co\.uk|co\.jp|com|de|fr|it|es|ca|in|nl|se|pl|ae|sa|sg|cn)\b"
)


def _strip_tags(markup: str) -> str:
    return htmllib.unescape(_TAGS.sub(" ", markup[:MAX_CLASSIFY_CHARS]))


def detect_language(low: str, rules: Rules) -> str:
    sample = low[:1500]
    if _KANA.search(sample) and len(_KANA.findall(sample)) >= 5:
        return "ja"
    if len(_HAN.findall(sample)) >= 5:
        return "zh"  # Han characters without kana: Chinese
    counts = Counter(PUNCT_RE.sub(" ", sample).split())
    present = counts.keys()
    scores = {
        code: sum(counts[w] for w in words & present) for code, words in rules.stopwords.items()
    }
    best = max(scores, key=lambda c: (scores[c], c == "en"), default="en")
    return best if scores.get(best) else "en"


def _store_mentions(low: str) -> set[str]:
    """Stores the text names ("Amazon.in"); an e-mail address's domain names no store."""
    found: set[str] = set()
    pos = low.find("amazon.")
    while pos >= 0:
        m = _STORE.match(low, pos)
        if m is not None and (pos == 0 or not (low[pos - 1].isalnum() or low[pos - 1] == "@")):
            found.add(m.group(1))
        pos = low.find("amazon.", pos + 7)
    return found


def find_marketplace(
    origin_domain: str,
    low_subject: str,
    low_body: str,
    links: Sequence[str],
    language: str,
    rules: Rules,
) -> str | None:
    score: dict[str, int] = {}

    def add(domain: str, points: int) -> None:
        if domain in rules.markets:
            score[domain] = score.get(domain, 0) + points

    for domain in rules.markets:
        if origin_domain == domain or origin_domain.endswith("." + domain):
            # Amazon's .com addresses (notice-dispute@, seller-performance@) write for many
            # stores: a store the mail names itself wins a tie with a .com sender
            add(domain, 2 if domain == "amazon.com" else 5)
    named = {
        "amazon." + m for m in _store_mentions(low_subject) | _store_mentions(low_body[:20000])
    }
    for m in _store_mentions(low_subject):
        add("amazon." + m, 4)
    for m in _store_mentions(low_body[:20000]):
        add("amazon." + m, 2)
    for url in links[:200]:
        host = url_host(url)
        if host.startswith("sellercentral.") or host.startswith("sellercentral-"):
            for domain in rules.markets:
                if host.endswith("." + domain) and not host.startswith("sellercentral-europe"):
                    add(domain, 3)
    sample = low_body[:20000]
    for domain, market in rules.markets.items():
        if any(c in sample for c in market.currencies):
            add(domain, 2)
        if language in market.languages and language != "en":
            add(domain, 3)
    if not score:
        return None
    return max(score, key=lambda d: (score[d], d in named, d == "amazon.com"))


def find_asins(
    subject: str, body: str, markup: str, html_text: str, links: Sequence[str]
) -> tuple[str, ...]:
    found: set[str] = set()
    for source in (subject, body, markup):
        if source and "B0" in source:
            for m in _ASIN_B0.finditer(source):
                if (
                    m.start() == 0
                    or not source[m.start() - 1].isascii()
                    or not source[m.start() - 1].isalnum()
                ):
                    _add_asin(found, m.group(0))
    # ISBN-10 style ASINs count only right after an "ASIN" label.
    labelled = [s for s in (subject, body, html_text) if s and "asin" in s.lower()]
    if markup and not html_text and "asin" in markup.lower() and _ISBN_ASIN.search(markup):
        labelled.append(_strip_tags(markup))
    for source in labelled:
        for at in _positions(source, "asin"):
            label = _ASIN_LABEL.match(source, at)
            if label is None or (at and source[at - 1].isalpha()):
                continue
            pos = label.end()
            for _ in range(200):
                tok = _ASIN_TOKEN.match(source, pos)
                if tok is None:
                    break
                value = tok.group(1)
                if _ISBN_ASIN.fullmatch(value) or value.startswith("B0"):
                    _add_asin(found, value)
                elif not value.isupper():
                    break
                pos = tok.end()
    for url in links:
        if "/dp/" in url or "/product/" in url or "/d/" in url or "asin=" in url.lower():
            for m in _ASIN_URL.finditer(url):
                value = m.group(1).upper()
                if value.startswith("B0") or _ISBN_ASIN.fullmatch(value):
                    _add_asin(found, value)
    return tuple(sorted(found))


def _positions(source: str, needle: str) -> list[int]:
    """Case-insensitive positions of an ASCII needle, without a regex scan when possible."""
    lowered = source.lower()
    if len(lowered) != len(source):
        return [m.start() for m in re.finditer(re.escape(needle), source, re.I)]
    found: list[int] = []
    at = lowered.find(needle)
    while at >= 0:
        found.append(at)
        at = lowered.find(needle, at + len(needle))
    return found


def _add_asin(found: set[str], value: str) -> None:
    if len(value) != 10 or "XXXX" in value or value.endswith("XXX") or "*" in value:
        return
    found.add(value)


def _value_beside_target(
    numbers: list[re.Match[str]], k: int, low: str, metric: MetricRule
) -> bool:
    """A table row "Home & Kitchen 88.6% 95%" under "Valid Tracking Rate  Target": the number
    right before the published target is the seller's value, even after the word "target"."""
    if metric.target is None or k + 1 >= len(numbers):
        return False
    nxt = numbers[k + 1]
    if low[numbers[k].end() : nxt.start()].strip():
        return False
    return float(nxt.group(1).replace(",", ".")) == metric.target


def find_metrics(text: Matched, rules: Rules) -> dict[str, float]:
    low = text.low
    positions: list[tuple[int, int, MetricRule]] = []
    for metric in rules.metrics:
        for name in metric.names:
            if name not in text.found:
                continue
            start = low.find(name)
            while start >= 0:
                end = start + len(name)
                before = low[start - 1] if start else " "
                after = low[end] if end < len(low) else " "
                if not name.isascii() or not (before.isalnum() or after.isalnum()):
                    positions.append((start, end, metric))
                start = low.find(name, end)
    positions.sort(key=lambda p: p[0])
    found: dict[str, float] = {}
    for i, (_start, end, metric) in enumerate(positions):
        if metric.key in found:
            continue
        limit = min(len(low), end + 160)
        for later in positions[i + 1 :]:
            if later[0] >= end and later[2].key != metric.key:
                limit = min(limit, later[0])
                break
        stop = _SENTENCE_END.search(low, end, limit)
        if stop is not None:
            limit = stop.start()
        cursor = end
        numbers = list(_NUMBER.finditer(low, end, limit))
        for k, num in enumerate(numbers):
            gap = low[cursor : num.start()]
            cursor = num.end()
            if rules.target_words.search(gap) and not _value_beside_target(numbers, k, low, metric):
                continue
            after = low[num.end() : num.end() + 6]
            if metric.percent and not num.group(2):
                continue
            if not metric.percent and (
                num.group(2) or re.match(r"\s?(?:-?day|days|tage|jours|%)", after)
            ):
                continue
            value = float(num.group(1).replace(",", "."))
            if metric.percent and value > 100:
                continue
            found[metric.key] = value
            break
    for metric in rules.metrics:
        if metric.key in found:
            continue
        for gate, rx in metric.patterns:
            m = rx.search(low) if gate in low else None
            if m is not None:
                value = float(m.group("v").replace(",", "."))
                if not metric.percent or value <= 100:
                    found[metric.key] = value
                    break
    return found
