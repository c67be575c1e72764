"""Who sent a mail: Amazon, a look-alike, or someone using Amazon's name (the phishing verdict)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from notifyd.core.models import ParsedEmail
from notifyd.ingest.parse import decode_header_value
from notifyd.understand.match import normalise
from notifyd.understand.rules import Rules

# A forward's subject prefix in the languages notifyd reads ("Fwd:", "WG:", "转发:", "VB:", "PD:").
FWD_SUBJECT = re.compile(
    r"^\s*(?:\[[^\]]{0,40}\]\s*)?(?:fwd?|fw|wg|tr|rv|i|enc|vs|doorst|pd|vb|转发|転送)\s*[:：]", re.I
)


def might_be_notice(sender: str, sender_name: str, subject: str, rules: Rules) -> bool:
    """Header-only pre-filter: False only when the mail certainly is no notice.

    Takes decoded header values; RFC 2047 encoded words are decoded here if they slipped through.
    """
    if "=?" in subject or "=?" in sender_name:
        subject, sender_name = decode_header_value(subject), decode_header_value(sender_name)
    domain = sender.rpartition("@")[2].lower().strip(" >")
    if is_amazon_domain(domain, rules):
        # Amazon's own order and payout mail is most of what it sends and never a notice;
        # its body is not worth downloading. Anything else from Amazon is.
        return not _contains_any(normalise(subject), _word_index(rules.transactional_subjects))
    if _is_lookalike(domain, rules):
        return True
    name = normalise(sender_name)
    if any(word in name for word in rules.display_names) or any(
        w in name for w in rules.lookalike_words
    ):
        return True
    if FWD_SUBJECT.match(subject):
        return True
    return _contains_any(normalise(subject), _word_index(rules.prefilter_words))


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].strip().strip(">").lower()


def _host_in(host: str, domains: Iterable[str]) -> bool:
    """host is one of domains or a subdomain of one: a set lookup per suffix of host."""
    wanted = domains if isinstance(domains, frozenset) else _domain_set(tuple(domains))
    labels = host.split(".")
    return any(".".join(labels[i:]) in wanted for i in range(len(labels)))


@functools.lru_cache(maxsize=32)
def _domain_set(domains: tuple[str, ...]) -> frozenset[str]:
    return frozenset(domains)


def is_notice_sender(address: str, rules: Rules) -> bool:
    """An address of Amazon's performance / notice senders (marketplace variants included)."""
    local = address.rpartition("@")[0].lower().strip(' <"')
    base = local.split("+", 1)[0]
    return any(base == s or base.startswith(s + "-") for s in rules.notice_senders)


def is_amazon_domain(domain: str, rules: Rules) -> bool:
    return bool(domain) and _host_in(domain, rules.genuine_domains)


def _is_lookalike(domain: str, rules: Rules) -> bool:
    return (
        bool(domain)
        and not is_amazon_domain(domain, rules)
        and any(w in domain for w in rules.lookalike_words)
    )


def phishing_reasons(
    email: ParsedEmail,
    rules: Rules,
    origin_name: str,
    links: Sequence[str],
    forwarded: bool,
    origin_domain: str,
    amazon_origin: bool,
    looks_like_notice: bool,
    tells: list[str],
    brand_claim: bool = False,
) -> list[str]:
    """Reasons to believe the mail imitates Amazon; empty when there are none.

    Body text cannot tell: phishing copies genuine templates word for word. What counts is who
    sent it (domain, display name, authentication results) and where its links lead.
    """
    strong: list[str] = []
    outer_domain = domain_of(email.sender)
    name_claims = any(w in normalise(origin_name) for w in rules.display_names)
    if _is_lookalike(origin_domain, rules):
        strong.append(f"phishing: look-alike sender domain {origin_domain}")
    elif origin_domain and not amazon_origin and name_claims:
        strong.append(f"phishing: display name '{origin_name}' but sender domain {origin_domain}")
    if not forwarded and is_amazon_domain(outer_domain, rules):
        strong.extend(_auth_failures(email, outer_domain, rules))
    claims_amazon = amazon_origin or name_claims or bool(strong)
    # Amazon's brand in the subject or signature of mail from elsewhere, asking the reader to
    # sign in, verify or pay ("new device", "account on hold"): phishing, seller-themed or not.
    brand_asks = brand_claim and bool(tells) and not amazon_origin and not forwarded
    flagged = 0
    for url in links:
        host = url_host(url)
        if not host or _host_in(host, rules.genuine_domains) or _host_in(host, rules.link_domains):
            continue
        if any(w in host for w in rules.lookalike_words):
            strong.append(f"phishing: link host {host}")
        elif _IP_HOST.fullmatch(host):
            strong.append(f"phishing: link to bare IP address {host}")
        elif _host_in(host, rules.shortener_domains) and claims_amazon:
            strong.append(f"phishing: link hidden behind the shortener {host}")
        elif (
            (claims_amazon or brand_asks)
            and (looks_like_notice or name_claims or brand_asks)
            and not _host_in(host, rules.safe_link_domains)
        ):
            path = url.lower().split(host, 1)[-1]
            if any(w in path for w in rules.login_link_words):
                strong.append(f"phishing: link host {host} is outside Amazon")
            else:
                tells = [*tells, f"link host {host} is outside Amazon"]
                continue
        else:
            continue
        flagged += 1
        if flagged >= 3:
            break
    supporting = [f"phishing tell: {t[:60]}" for t in tells]
    if strong:
        return strong + supporting
    if claims_amazon and looks_like_notice and len(tells) >= 2:
        return supporting
    return []


_IP_HOST = re.compile(r"[\d.]+|\[[0-9a-f:.]+\]|[0-9a-f:]+:[0-9a-f:]*")


def url_host(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().rstrip(".")


def _auth_failures(email: ParsedEmail, claimed: str, rules: Rules) -> list[str]:
    found: list[str] = []
    for name in ("authentication-results", "arc-authentication-results"):
        for value in email.headers.get(name, []):
            for m in _AUTH.finditer(value.lower()):
                method, result, props = m.group(1), m.group(2), m.group(3)
                if result not in ("fail", "softfail", "permerror") or (
                    method != "spf" and result == "softfail"
                ):
                    continue
                dm = _AUTH_DOMAIN.search(props)
                domain = dm.group(1) if dm else claimed
                if is_amazon_domain(domain, rules) or domain == claimed:
                    found.append(f"phishing: {method}={result} for {domain}")
    return found


_AUTH = re.compile(r"\b(dkim|spf|dmarc)\s*=\s*([a-z]+)\b([^;]*)")


_AUTH_DOMAIN = re.compile(
    r"\b(?:header\.d|header\.from|smtp\.mailfrom|header\.i|smtp\.from)\s*=\s*(?:[^\s;@]*@)?([\w.-]+)"
)


def mentions_amazon(email: ParsedEmail, rules: Rules) -> bool:
    """Whether the mail names Amazon, a look-alike of it, or its seller words anywhere."""
    if might_be_notice(email.sender, email.sender_name, email.subject, rules):
        return True
    # Notices and their imitations name Amazon early; the first 64 KB of each part will do.
    haystack = (email.text[:65536] + " " + email.html[:65536]).lower()
    return any(word in haystack for word in _mention_words(rules))


# Short stems that every spelling of Amazon and its seller words contains: a few substring
# scans instead of one per look-alike word (most mail is settled by this gate).
_AMAZON_STEMS = ("amaz", "amzn", "amzon", "arnaz", "アマゾン", "seller")


@functools.lru_cache(maxsize=8)
def _word_index(words: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Words by their first three characters (so a subject is scanned once, not once per
    word), and the shorter words, checked as they are."""
    index: dict[str, list[str]] = {}
    for word in set(words):
        if len(word) >= 3:
            index.setdefault(word[:3], []).append(word)
    short = tuple(w for w in set(words) if 0 < len(w) < 3)
    return {k: tuple(v) for k, v in index.items()}, short


def _contains_any(text: str, index: tuple[dict[str, tuple[str, ...]], tuple[str, ...]]) -> bool:
    by_start, short = index
    if any(word in text for word in short):
        return True
    for i in range(len(text) - 2):
        for word in by_start.get(text[i : i + 3], ()):
            if text.startswith(word, i):
                return True
    return False


def _mention_words(rules: Rules) -> tuple[str, ...]:
    return _with_stems(tuple(rules.lookalike_words))


@functools.lru_cache(maxsize=8)
def _with_stems(lookalikes: tuple[str, ...]) -> tuple[str, ...]:
    # A user's look-alike word without a known stem is scanned for as it is.
    extra = [w for w in lookalikes if not any(s in w for s in _AMAZON_STEMS)]
    return (*_AMAZON_STEMS, *extra)
