"""What a notice asks the seller to do, which documents it wants, and where to send them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from notifyd.understand.anatomy import NoticeParts
from notifyd.understand.rules import Rules
from notifyd.understand.schema import CHANNELS, REQUEST_KINDS
from notifyd.understand.sender import is_amazon_domain, url_host

# Found from each "@" outward: a pattern that starts with the local part would retry the whole
# run of letters at every start position of a long word (quadratic on hostile input).
_LOCAL = re.compile(r"[a-z0-9._%+-]{1,64}$")
_DOMAIN = re.compile(r"[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}")
# Amazon addresses in notices that are not where the seller answers: the rights owner's
# retraction address, the phishing report address, the funds desk, and no-reply senders.
_NOT_A_CHANNEL = ("notice-retraction", "stop-spoofing", "payments-", "donotreply", "no-reply")
_ASK_PARTS = ("opening", "cause", "asks", "headings", "body", "consequence", "boilerplate")
_PAGE_WORDS = ("perf-notifications", "performance", "account-health", "appeal", "compliance")


def what_amazon_asks(
    parts: NoticeParts, links: Sequence[str], rules: Rules
) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, str | None] | None]:
    """(requested, documents, respond_via) as issue 12 defines them.

    requested is ("none",) when the notice asks for nothing; respond_via is None when it names
    no channel.
    """
    text = " \n ".join(parts.get(p) for p in _ASK_PARTS if parts.get(p))
    asks = rules.asks
    requested = tuple(
        kind
        for kind in REQUEST_KINDS
        if any(p in text for p in asks.get("requested", {}).get(kind, ()))
    )
    documents = tuple(
        kind
        for kind, phrases in asks.get("documents", {}).items()
        if any(p in text for p in phrases)
    )
    return requested or ("none",), documents, _respond_via(parts, text, links, rules)


def _respond_via(
    parts: NoticeParts, text: str, links: Sequence[str], rules: Rules
) -> dict[str, str | None] | None:
    url = _page_url(links)
    # An address in what the notice says counts before one in its boilerplate.
    for source in (" ".join(parts.get(p) for p in _ASK_PARTS[:-1]), parts.get("boilerplate")):
        for address in _addresses(source):
            local, _, domain = address.partition("@")
            if is_amazon_domain(domain, rules) and not local.startswith(_NOT_A_CHANNEL):
                return {"kind": "email", "address": address, "url": None}
    channels = rules.asks.get("respond_via", {})
    for kind in CHANNELS:
        if any(p in text for p in channels.get(kind, ())):
            return {"kind": kind, "address": None, "url": url}
    return None


def _addresses(text: str) -> list[str]:
    found: list[str] = []
    at = text.find("@")
    while at >= 0 and len(found) < 50:
        local = _LOCAL.search(text, max(0, at - 64), at)
        domain = _DOMAIN.match(text, at + 1)
        if local is not None and domain is not None:
            found.append(f"{local.group(0)}@{domain.group(0)}".rstrip("."))
        at = text.find("@", at + 1)
    return found


def _page_url(links: Sequence[str]) -> str | None:
    """The Seller Central page a notice points to for answering it, if any."""
    central = [u for u in links if url_host(u).startswith("sellercentral")]
    for u in central:
        if any(w in u.lower() for w in _PAGE_WORDS):
            return u
    return None
